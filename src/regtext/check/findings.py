"""Findings of ``regtext check``: where (path:line:col), how bad, a stable code, what to do.

Codes are stable and documented in the README: C1xx templates, C2xx rulebooks, C3xx case files
(plus the decide rules' codes, from their table regtext.decide.rules.RULES), C4xx annotations, and the parser's own N/S/R codes for regulation texts.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

#: code -> (severity, summary) for the codes the linter itself defines.
CODES: dict[str, tuple[str, str]] = {
    "C101": ("error", "template syntax error"),
    "C102": ("error", "template front matter declares no regulation"),
    "C103": ("error", "template declares an unknown regulation"),
    "C104": ("error", "cited provision does not exist in the regulation"),
    "C105": ("error", "cited provision does not exist in the cited corpus document"),
    "C106": ("info", "cited document is not in the corpus"),
    "C107": ("warning", "citation written in another style than the template declares"),
    "C108": ("error", "Arabic numerals in 条/款 of a citation"),
    "C109": ("error", "template calls a helper that does not exist"),
    "C110": ("error", "template uses a fact the case schema does not provide"),
    "C111": ("error", "template declares an unknown citation style"),
    "C112": ("error", "a decision template lacks a paragraph decide's R9 requires"),
    "C113": ("error", "an include that cannot be followed (outside templates/, missing, or a cycle)"),
    "C114": ("error", "template uses a filter or test the sandbox does not have"),
    "C201": ("error", "rulebook is not valid"),
    "C202": ("error", "rulebook names a provision that does not exist"),
    "C203": ("error", "a provision is both a circumstance and a measure"),
    "C204": ("error", "a decision measure has no appeal notice"),
    "C205": ("error", "a provision is listed twice among the circumstances or the measures"),
    "C206": ("error", "the catch-all is not one of the circumstances"),
    "C207": ("error", "the combination clause is itself a measure or a circumstance"),
    "C301": ("error", "case file is not valid"),
    "C401": ("error", "annotation file is not valid"),
    "C402": ("error", "annotation names a provision that does not exist"),
    "C403": ("error", "two notes on the same provision"),
    "C404": ("error", "a note names several provisions, or a part that is not an article, 款, 项 or 目"),
    "C900": ("error", "file cannot be read"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    severity: str       # error / warning / info
    code: str
    message: str
    source: str = ""    # the source line, shown under the message

    def text(self) -> str:
        out = f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"
        if self.source:
            out += f"\n    {self.source}\n    {_pad(self.source[: self.column - 1])}^"
        return out

    def github(self) -> str:
        """A GitHub Actions workflow command: shown on the line of the pull request."""
        level = {"error": "error", "warning": "warning"}.get(self.severity, "notice")
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},col={self.column},title={self.code}::{message}"

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column, "severity": self.severity,
                "code": self.code, "message": self.message, "source": self.source}


def _pad(prefix: str) -> str:
    """Spaces as wide as ``prefix`` on a terminal (Chinese characters take two columns)."""
    return "".join("  " if unicodedata.east_asian_width(ch) in "WF" else ("\t" if ch == "\t" else " ")
                   for ch in prefix)


def finding(path: str, line: int, column: int, code: str, message: str, lines: list[str] | None = None,
            severity: str | None = None) -> Finding:
    source = lines[line - 1] if lines and 0 < line <= len(lines) else ""
    return Finding(path, line, column, severity or CODES[code][0], code, message, source)


def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=1) + "\n"
