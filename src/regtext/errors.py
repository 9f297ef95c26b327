"""The one kind of error regtext raises for bad input or wrong usage.

Every error carries where (file:line:col or a YAML path) and how to fix it, so the CLI can print
one line and exit with the right code instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Exit codes shared by every command.
EXIT_OK = 0
EXIT_FINDINGS = 1   # well-formed input failed a check
EXIT_UNUSABLE = 2   # unusable input or wrong usage
EXIT_INTERNAL = 3   # a bug in regtext (reported in one line, never a traceback)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is, as data: whoever reports it (``regtext check``, the CLI) reads the
    line and column from here, never back out of a printed ``path:line:col``."""

    path: str
    line: int | None = None
    column: int | None = None
    yaml_path: str | None = None   # measures[0].provision: the value the line and column point at

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.line is not None else self.path


class RegtextError(Exception):
    """Input regtext cannot use.  ``where`` is a path or a :class:`Location` (printed
    path:line:col), kept as data in ``location``.  ``code`` is the problem code a linter reports
    it under, when the raiser knows better than the linter's default (a rulebook naming a
    provision that does not exist is C202, not C201)."""

    exit_code = EXIT_UNUSABLE

    def __init__(self, message: str, *, where: str | Location | None = None, hint: str | None = None,
                 code: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = Location(where) if isinstance(where, str) else where
        self.hint = hint
        self.code = code

    @property
    def where(self) -> str | None:
        """The location as printed: path, or path:line:col."""
        return str(self.location) if self.location is not None else None

    @property
    def position(self) -> tuple[int, int]:
        """Line and column in the file the error names (its start when the error names none)."""
        where = self.location
        return (where.line or 1, where.column or 1) if where is not None and where.line is not None else (1, 1)

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(RegtextError):
    """A file that cannot be read as a regulation, case or template."""


class NotFound(RegtextError):
    """A well-formed request for something that does not exist (a provision, a corpus id)."""

    exit_code = EXIT_FINDINGS


class UsageError(RegtextError):
    """Wrong use of a command (a missing argument, options that do not go together)."""
