"""A document's text as the parser read it: the normalised text, the original, and the map between
their offsets and to line:column in the original file.

It is part of the tree model (``Document.normalized``), not of the parser: the normaliser
(``regtext.parser.normalize``) fills it in, and the model, the exporters and the error messages
only read it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .diagnostics import Diagnostic


class OffsetMap:
    """Maps offsets of the normalised text to offsets of the source text (and back).
    (OffsetMap and LineIndex are plain classes: a dataclass costs about a millisecond of code
    generation at every start of the CLI.)"""

    __slots__ = ("norm_starts", "orig_starts")

    def __init__(self, norm_starts: list[int], orig_starts: list[int]) -> None:
        self.norm_starts = norm_starts
        self.orig_starts = orig_starts

    def to_original(self, offset: int) -> int:
        k = max(bisect_right(self.norm_starts, offset) - 1, 0)
        return self.orig_starts[k] + offset - self.norm_starts[k]

    def to_normalized(self, offset: int) -> int:
        """The normalised offset of a source offset (a deleted character maps to what follows it)."""
        k = max(bisect_right(self.orig_starts, offset) - 1, 0)
        length = (self.norm_starts[k + 1] - self.norm_starts[k]) if k + 1 < len(self.norm_starts) else None
        delta = offset - self.orig_starts[k]
        if length is not None and delta > length:
            return self.norm_starts[k + 1]
        return self.norm_starts[k] + delta


class LineIndex:
    """1-based line and column of an offset in a text.  A text converted from another file (a
    Markdown text of a corpus store made plain) carries ``numbers`` and ``shifts``: the line of
    that file each of its lines comes from, and how many characters that line has before (its
    ``## `` marks), so that every position printed points into the file the user has."""

    __slots__ = ("numbers", "shifts", "starts")

    def __init__(self, starts: list[int], numbers: list[int] | None = None, shifts: list[int] | None = None) -> None:
        self.starts = starts
        self.numbers = numbers
        self.shifts = shifts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return self.in_file(line, offset - self.starts[line - 1] + 1)

    def in_file(self, line: int, column: int) -> tuple[int, int]:
        """A line:column of this text as a line:column of the file it was converted from."""
        if self.numbers is None or self.shifts is None or not 0 < line <= len(self.numbers):
            return line, column
        return self.numbers[line - 1], max(1, column + self.shifts[line - 1])


@dataclass(slots=True)
class Normalized:
    text: str
    original: str
    offsets: OffsetMap
    lines: LineIndex  # of the original
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: When nothing was deleted the text is the source, already split: (lines, starts, blank),
    #: which segment() takes instead of splitting a long text a second time.
    split: tuple[list[str], list[int], list[bool]] | None = None

    def locate(self, offset: int) -> tuple[int, int]:
        """Line and column in the original file of a normalised offset.  (OffsetMap.to_original
        and LineIndex.position, written out: the JSON of a long text asks this for every node.)"""
        norm_starts = self.offsets.norm_starts
        k = bisect_right(norm_starts, offset) - 1 if len(norm_starts) > 1 else 0
        if k < 0:
            k = 0
        original = self.offsets.orig_starts[k] + offset - norm_starts[k]
        starts = self.lines.starts
        line = bisect_right(starts, original)
        if self.lines.numbers is not None:
            return self.lines.in_file(line, original - starts[line - 1] + 1)
        return line, original - starts[line - 1] + 1
