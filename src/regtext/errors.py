"""The one kind of error regtext raises for bad input or wrong usage.

Every error carries where (file:line:col or a YAML path) and how to fix it, so the CLI can print
one line and exit with the right code instead of a traceback.
"""

from __future__ import annotations

#: Exit codes shared by every command.
EXIT_OK = 0
EXIT_FINDINGS = 1   # well-formed input failed a check
EXIT_UNUSABLE = 2   # unusable input or wrong usage
EXIT_INTERNAL = 3   # a bug in regtext (reported in one line, never a traceback)


class RegtextError(Exception):
    """Input regtext cannot use.  ``where`` is a path, path:line:col or YAML path."""

    exit_code = EXIT_UNUSABLE

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

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
