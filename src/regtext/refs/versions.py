"""Which stored version of a law a citation designates.

A store may hold several texts of one law (监察法 2018 and 2024).  Each version is in force from its
start (its commencement when known, else the day it was adopted) until the day before the next
version's start; the last one until today, unless the collection marks it repealed.  A citation is
read against the version in force on the day the citing text came into force — also when the citing
text is still in force: its drafters cited the numbering of the law as it stood then (measured on the
national corpus: 司法解释 of 2008–2020, still in force, cite 公司法 第一百五十二条 and 民事诉讼法
第二百三十七条 in the numbering of the version they were written against; reading them against
today's version found 90.7 % of the cited provisions, against the citing day's version see
notes/README).  An undated citing text is read on today.
When no stored version had started by that day (the older text is not in the store), the earliest
stored version is read, and the reference says so: never a silent choice.  The rule itself is
versions/timeline.py's (the one home of "which version is in force on a day"), read as a citation
reads it: ``Timeline.read_on``, undated versions first, the collection's repealed flag not
consulted (a text citing a repealed law read it as it stood).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..versions.timeline import Timed, Timeline


@dataclass(frozen=True, slots=True)
class Dated:
    """One stored text of a law and when it started (None: no date known)."""

    id: str
    start: date | None
    repealed: bool = False
    part: str | None = None     # a law stored in parts: which (民法典 总则, 物权编, …)


@dataclass(frozen=True, slots=True)
class Choice:
    ids: tuple[str, ...]    # the texts of the version: one, or the parts of a law stored in parts
    in_force: bool          # False: no stored version was in force on the day; the earliest was read


class Versions:
    """The stored versions of one law, oldest first (undated ones before the dated)."""

    __slots__ = ("dated",)

    def __init__(self, versions: list[Dated]) -> None:
        self.dated = sorted(versions, key=lambda v: (v.start is not None, v.start or date.min, v.id))

    def ids(self) -> list[str]:
        return [v.id for v in self.dated]

    def at(self, day: date | None) -> Choice:
        """The version in force on ``day`` (None: today).  A law stored in parts (民法典 as 总则,
        物权编, …): the version of each part in force, the parts in the order stored."""
        day = day or date.today()
        ids: list[str] = []
        in_force = True
        for part in dict.fromkeys(v.part for v in self.dated):
            timeline = Timeline(Timed(v.id, v.start, repealed=v.repealed) for v in self.dated if v.part == part)
            version, started = timeline.read_on(day)
            ids.append(version.id)
            in_force = in_force and started
        return Choice(tuple(ids), in_force)


def citing_day(text: Dated, today: date | None = None) -> date:
    """The day a text's citations are read on: the day it came into force (today when undated)."""
    return text.start or today or date.today()
