"""Which version of a law is in force on a day: the one home of the rule, for the bundled corpus's
works (versions/works.py), the citations read across a corpus store (refs/versions.py) and
search's ``--in-force`` filter (search/query.py).

The rule: the versions of one law are ordered by the day each came into force (its start); a
version is in force from its start until the day before the next version's start, the last one
with no end.  Where the callers' data truly differ, a parameter of ``Timeline.on`` says so:

- ``undated``: a version whose start no one knows.  ``"first"`` (the corpus, the store's
  citations): it is the oldest, in force until the first dated version starts.  ``"always"``
  (search): nothing says when it began or ended, so it counts as in force on every day, beside the
  dated versions, and ends none of them.
- ``repealed_out``: the collection marks a law expired without saying since when.  True (search:
  a repealed law answers no ``--in-force`` day): its last version is in force on no day.  False
  (citations: a text citing it read the law as it stood; the corpus has no such flag).
- ``Timed.end``: a last day known by itself (a search index fed with one), ending a version even
  without a successor.

A day before every start has no version in force; ``Timeline.read_on`` gives what a citation
reads then: the earliest version, said to be not in force (the caller says so to the user).  Ties
(two texts of one law starting the same day: the collection holds duplicates) are all in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Undated = Literal["first", "always"]


@dataclass(frozen=True, slots=True)
class Timed:
    """One version of a law: its id, the day it came into force (None: not known), its own last
    day when one is known, and whether the collection marks the law repealed."""

    id: str
    start: date | None
    end: date | None = None
    repealed: bool = False


class Timeline:
    """The versions of one law, oldest first (undated ones before the dated, then by start, then
    by id: the same order on every run)."""

    __slots__ = ("versions",)

    def __init__(self, versions: Iterable[Timed]) -> None:
        self.versions = sorted(versions, key=lambda v: (v.start is not None, v.start or date.min, v.id))

    def last_day(self, version: Timed) -> date | None:
        """The day before the next version's start (its own end when it has one); None: no end."""
        if version.end is not None:
            return version.end
        if version.start is None:
            later = [v.start for v in self.versions if v.start is not None]
        else:
            later = [v.start for v in self.versions if v.start is not None and v.start > version.start]
        return later[0] - timedelta(days=1) if later else None

    def on(self, day: date, *, undated: Undated = "first", repealed_out: bool = False) -> list[Timed]:
        """The versions in force on ``day`` (usually one; none before every start)."""
        dated = [v for v in self.versions if v.start is not None]
        unknown = [v for v in self.versions if v.start is None]
        started = [v for v in dated if v.start is not None and v.start <= day]
        current = [v for v in started if v.start == started[-1].start] if started else []
        if undated == "always":
            current = unknown + current
        elif not current:
            current = unknown
        return [v for v in current
                if (v.end is None or day <= v.end)
                and not (repealed_out and v.repealed and v.end is None and self._is_last(v, undated))]

    def _is_last(self, version: Timed, undated: Undated) -> bool:
        """No dated version follows it (an undated one is followed by the dated only when it comes first)."""
        if version.start is None:
            return undated == "always" or all(v.start is None for v in self.versions)
        return all(v.start is None or v.start <= version.start for v in self.versions)

    def read_on(self, day: date) -> tuple[Timed, bool]:
        """The version a citation made on ``day`` reads, and whether it was in force then: the one
        in force (the last of a tie, by id), else — before every start — the earliest."""
        current = self.on(day)
        return (current[-1], True) if current else (self.versions[0], False)
