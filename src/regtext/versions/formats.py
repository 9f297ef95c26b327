"""What ``regtext diff --to`` can write: one row per format, naming the function that writes it.

A writer takes the alignment and the options and returns the whole output (str or bytes).  The
table names modules instead of importing them, so that building the command line stays light; a
new format (the 新旧对照表 in HTML, Markdown or DOCX, AKN passiveModifications) is one more row.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from .model import Alignment

#: --to name -> (module under regtext.versions, function)
FORMATS: dict[str, tuple[str, str]] = {
    "text": ("report", "text"),
    "json": ("report", "json"),
}

#: what --unchanged may say: leave unchanged articles out (with a count), or show them as 同左
UNCHANGED = ("omit", "same")


@dataclass(frozen=True, slots=True)
class Options:
    """How an output shows an alignment: ``unchanged`` "omit" (a count) or "same" (a row each,
    the new column reading 同左)."""

    unchanged: str = "omit"


def writer(fmt: str) -> Callable[[Alignment, Options], str | bytes]:
    module, function = FORMATS[fmt]
    write: Callable[[Alignment, Options], str | bytes] = getattr(
        importlib.import_module(f".{module}", __package__), function)
    return write


def write(alignment: Alignment, fmt: str, options: Options | None = None) -> str | bytes:
    """The alignment in format ``fmt`` (a key of FORMATS)."""
    if options is not None and options.unchanged not in UNCHANGED:
        raise ValueError(f"unchanged must be one of {UNCHANGED}, not {options.unchanged!r}")
    return writer(fmt)(alignment, options or Options())
