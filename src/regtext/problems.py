"""The one record of a located problem and the one table of problem codes.

A problem is anything a command reports about a user's file: a parser diagnostic, a decide rule's
breach, a ``regtext check`` finding.  Each is printed the same compiler way — ``path:line:col:
severity CODE message``, the source line, a caret under the column — so an editor or a reader
finds the spot whichever command found it.  Codes are stable, documented in the README (whose
tables tests/test_project.py compares with :data:`CODES` and the decide rules' table) and looked
up in one place, ``regtext.codes``.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from typing import Literal

    Severity = Literal["error", "warning", "info"]

#: code -> (severity, one-line summary) of every code but the decide rules' (their table is
#: regtext.decide.rules.RULES).  N/S/R/M: the parser's diagnostics; C: the findings of ``regtext check``
#: (C1xx templates, C2xx rulebooks, C3xx case files, C4xx annotations, C900 unreadable files); I:
#: the files ``regtext corpus import`` refuses (regtext.store.importer).
CODES: dict[str, tuple[Severity, str]] = {
    # N: normalisation (the text was changed; the change is reversible through the offset map)
    "N101": ("info", "line endings converted to LF"),
    "N102": ("info", "byte order mark removed"),
    "N103": ("warning", "invisible character removed"),
    "N104": ("info", "page-number line dropped"),
    "N105": ("info", "page break inside a sentence joined"),
    "N106": ("warning", "running header dropped"),
    "N107": ("warning", "file decoded as GB18030, not UTF-8"),
    "N108": ("warning", "file decoded as UTF-16 or UTF-32, not UTF-8"),
    # S: structure (the text is kept as it is; something about it looks wrong)
    "S201": ("warning", "numbering gap"),
    "S202": ("warning", "duplicate number"),
    "S203": ("warning", "stray Latin word in Chinese text"),
    "S204": ("info", "item markers of both widths in one list"),
    "S205": ("info", "space inside an article label"),
    "S206": ("warning", "text outside any article"),
    "S207": ("info", "item list interrupted and resumed"),
    "S208": ("error", "heading numbered with a malformed number (第十一十二条, 之零, 04)"),
    # R: references
    "R301": ("error", "reference to a provision that does not exist in this document"),
    "R302": ("error", "relative reference with nothing to refer to"),
    "R303": ("info", "cited document is not in the corpus"),
    "R304": ("warning", "cited provision not found in the corpus copy of the document"),
    "R305": ("warning", "reference outside an excerpt"),
    "R306": ("error", "reference that cannot be read as written: a malformed number, a range that runs backwards, "
             "a law's name that cannot be told"),
    # M: metadata read from the text
    "M401": ("warning", "effective-date clause predates the text's last amendment"),
    "M402": ("warning", "corpus metadata amendment_effective does not fit the text"),
    # C: regtext check (templates, rulebooks, case files, annotations)
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
    "C120": ("error", "a template that can render a 政务处分 decision does not state an item 政务处分法 第四十五条 lists"),
    "C201": ("error", "rulebook is not valid"),
    "C202": ("error", "rulebook names a provision that does not exist"),
    "C203": ("error", "a provision is both a circumstance and a measure"),
    "C204": ("error", "a decision measure has no appeal notice"),
    "C205": ("error", "a provision is listed twice among the circumstances or the measures"),
    "C206": ("error", "the catch-all is not one of the circumstances"),
    "C207": ("error", "the combination clause is itself a measure or a circumstance"),
    "C208": ("error", "the 政务处分 appeal notice does not name the 复审 organ, the 复核 or the one-month limit"),
    "C301": ("error", "case file is not valid"),
    "C302": ("error", "the case's issuer profile cannot be used: missing, not valid, or of other organs"),
    "C401": ("error", "annotation file is not valid"),
    "C501": ("error", "issuer profile is not valid"),
    "C402": ("error", "annotation names a provision that does not exist"),
    "C403": ("error", "two notes on the same provision"),
    "C404": ("error", "a note names several provisions, or a part that is not an article, 款, 项 or 目"),
    "C900": ("error", "file cannot be read"),
    # I: regtext corpus import (a file of the imported folder refused; the import goes on)
    "I701": ("error", "text cannot be decoded (binary, or neither UTF-8 nor GB18030)"),
    "I702": ("error", "no article found: not the text of a regulation as regtext reads it"),
    "I703": ("error", "not a regulation (a LawRefBook case)"),
    "I704": ("error", "file cannot be read (missing, unreadable, too large)"),
    "I705": ("error", "input of a kind regtext does not read (XML that is not regtext's Akoma Ntoso)"),
    "I706": ("error", "two files give the same store id (same path, other suffix)"),
    "I709": ("error", "internal error while parsing (a bug in regtext, reported for this file)"),
}


#: How problems can be printed (``check --format``): each one the compiler way (Problem.text), all
#: of them as JSON (as_json), or each as a GitHub Actions annotation (Problem.github).
FORMATS = ("text", "json", "github")


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a user's file, located (1-based line and column, in characters)."""

    path: str
    line: int
    column: int
    severity: str       # error / warning / info
    code: str
    message: str
    source: str = ""    # the source line, shown under the message with a caret at the column
    hint: str | None = None   # how to fix it, when the message alone does not say

    def text(self) -> str:
        """``path:line:col: severity CODE message``, then the source line and a caret (like a compiler)."""
        out = f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"
        if self.hint:
            out += f" ({self.hint})"
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
    import unicodedata  # on first use: a command that prints no problem never needs it

    return "".join("  " if unicodedata.east_asian_width(ch) in "WF" else ("\t" if ch == "\t" else " ")
                   for ch in prefix)


def problem_at(path: str, line: int, column: int, code: str, message: str, lines: list[str] | None = None,
            severity: str | None = None) -> Problem:
    """A problem at ``line`` of a file whose ``lines`` are known (its source line is shown); the
    severity is the code's unless the reporter lowers it."""
    return Problem(path, line, column, severity or CODES[code][0], code, message, source_line(lines, line))


def source_line(lines: list[str] | None, line: int) -> str:
    return lines[line - 1] if lines and 0 < line <= len(lines) else ""


def as_json(problems: list[Problem]) -> str:
    import json  # on first use: parse, the benchmark's command, prints no problem

    return json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=1) + "\n"
