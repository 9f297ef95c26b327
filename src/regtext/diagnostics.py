"""Diagnostics: every change the parser makes and every suspect spot it sees.

The parser never fixes legal text silently: it records what it did (a joined page break, a
dropped page number) or what looks wrong (a stray Latin word, a numbering gap) here, with the
line and column in the original file, so a human can check it.  A diagnostic is the parser's
compact form of a :class:`regtext.problems.Problem` (it keeps the offset in the normalised text
and leaves the file's name and lines to whoever prints it); its code is in the one table,
``regtext.problems.CODES``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problems import CODES, Problem, source_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from .problems import Severity


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

    def problem(self, path: str, lines: list[str] | None = None) -> Problem:
        """The located problem, printed like every other command's (with the source line)."""
        return Problem(path, self.line, self.column, self.severity, self.code, self.message,
                       source_line(lines, self.line))
