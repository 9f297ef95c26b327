"""Diagnostics: every change the parser makes and every suspect spot it sees.

The parser never fixes legal text silently: it records what it did (a joined page break, a
dropped page number) or what looks wrong (a stray Latin word, a numbering gap) here, with the
line and column in the original file, so a human can check it.  Codes are stable: tools and
tests match on them, and the README documents each one.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from typing import Literal

    Severity = Literal["error", "warning", "info"]

#: code -> (severity, one-line summary).  The README's table of codes is checked against this.
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
    "R306": ("error", "reference that cannot be read as written: a malformed number, a range that runs backwards"),
    # M: metadata read from the text
    "M401": ("warning", "effective-date clause predates the text's last amendment"),
    "M402": ("warning", "corpus metadata amendment_effective does not fit the text"),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, located in the original file (1-based line and column, in characters)."""

    code: str
    message: str
    line: int
    column: int
    offset: int = 0  # offset in the normalised text, for tools that need it

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    def format(self, path: str) -> str:
        return f"{path}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }
