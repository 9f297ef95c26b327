"""Works and their versions: several texts of one law (监察法 2018, 监察法 2024) are versions of one
work, each in force from its commencement (施行) until the day before the next version's.

A version's start is the date its text came into force, which is not its publication: the
amending decision's 施行 date (``amendment_effective`` in the corpus metadata), else the original's
(``commencement``, with the order or clause it is quoted from), else the date the text itself
states (a 施行 history line or a dated 自…起施行 clause).  The end is never given: it is the day
before the next version's start, so the two cannot disagree.  Which version is in force on a day
is decided by versions/timeline.py, the one home of that rule (the store's citations and search's
``--in-force`` use it too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import InputError, UsageError
from ..model import Event
from .timeline import Timed, Timeline

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_day(text: str, what: str = "--as-of") -> date:
    """A day written YYYY-MM-DD; a day that does not exist (2025-02-30) or another form is refused,
    never read as a nearby day."""
    hint = "write the day as YYYY-MM-DD, e.g. 2025-06-01"
    m = _ISO_DAY.fullmatch(text.strip())
    if m is None:
        raise UsageError(f"{what} {text!r}: not a day (expected YYYY-MM-DD)", hint=hint)
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise UsageError(f"{what} {text!r}: no such day ({exc})", hint=hint) from None


def adopted(history: list[Event]) -> date | None:
    """When a version's text was adopted (通过/修正/修订; a 公布 where nothing else dates it): the last
    such history line, which is not its commencement."""
    dated = [e for e in history if e.action in ("通过", "修正", "修订", "公布", "发布")]
    return dated[-1].date if dated else None


@dataclass(frozen=True, slots=True)
class Version:
    """One text of a work and when it is in force: ``start`` to ``end`` inclusive (``end`` None:
    still in force; ``start`` None: a lone text whose commencement no one needs)."""

    id: str
    work: str
    start: date | None
    end: date | None
    basis: str            # the words the start is read from

    def in_force(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def interval(self) -> str:
        """2018-03-20 → 2025-05-31, 2025-06-01 →, or — when a lone text is not dated."""
        if self.start is None and self.end is None:
            return "—"
        start = self.start.isoformat() if self.start else "…"
        return f"{start} → {self.end.isoformat() if self.end else ''}".rstrip()

    def year_label(self) -> str:
        """How practice names a superseded version: 2018年 (the year its text was adopted is the
        year in its id's start)."""
        return f"{self.start.year}年" if self.start else ""


@dataclass(frozen=True, slots=True)
class Work:
    """A law across its versions, oldest first."""

    id: str
    title: str
    versions: tuple[Version, ...]

    def in_force(self, day: date) -> Version | None:
        current = self._timeline().on(day)
        return self.version(current[-1].id) if current else None

    def read_on(self, day: date) -> Version:
        """The version a citation made on ``day`` reads: the one in force, else (before every
        version) the first."""
        return self.version(self._timeline().read_on(day)[0].id)

    def _timeline(self) -> Timeline:
        return Timeline(Timed(v.id, v.start) for v in self.versions)

    def version(self, id: str) -> Version:
        return next(v for v in self.versions if v.id == id)

    def before(self, version: Version) -> Version | None:
        """The version ``version`` replaced."""
        i = self.versions.index(version)
        return self.versions[i - 1] if i > 0 else None

    def not_in_force(self, day: date) -> str:
        """Why no version is in force on ``day``, said with the intervals there are."""
        spans = "; ".join(f"{v.id} {v.interval()}" for v in self.versions)
        return f"no version of 《{self.title}》 is in force on {day.isoformat()} ({spans})"


@dataclass(frozen=True, slots=True)
class Dated:
    """What a version's metadata and text say about its start."""

    id: str
    title: str
    work: str | None
    start: date | None
    basis: str
    where: str


def build(texts: list[Dated]) -> dict[str, Work]:
    """Works by id, from every corpus text: texts naming one ``work`` are its versions, each text
    naming none is a work of its own (its id).  Refused: a version of a shared work without a start
    date, two versions starting the same day, versions of one work under different titles, and two
    texts of one title that do not say they are one work (which would make the title ambiguous)."""
    grouped: dict[str, list[Dated]] = {}
    for text in texts:
        grouped.setdefault(text.work or text.id, []).append(text)
    works: dict[str, Work] = {}
    for work_id, members in grouped.items():
        if len(members) > 1:
            _check_versions(work_id, members)
        timeline = Timeline(Timed(t.id, t.start) for t in members)
        by_id = {t.id: t for t in members}
        versions = tuple(Version(v.id, work_id, v.start, timeline.last_day(v), by_id[v.id].basis)
                         for v in timeline.versions)
        works[work_id] = Work(work_id, by_id[versions[-1].id].title, versions)
    return works


def _check_versions(work_id: str, members: list[Dated]) -> None:
    for text in members:
        if text.start is None:
            raise InputError(f"{text.id} is a version of the work {work_id!r} but nothing dates its commencement",
                             where=text.where, hint="add amendment_effective (an amended text) or commencement "
                             "(the original) with the date and the words of the decision or order that gives it")
    starts: dict[date | None, str] = {}
    for text in members:
        if text.start in starts:
            raise InputError(f"{starts[text.start]} and {text.id} (work {work_id!r}) both start on "
                             f"{text.start}", where=text.where, hint="two versions cannot come into force the same day")
        starts[text.start] = text.id
    titles = {t.title for t in members}
    if len(titles) > 1:
        raise InputError(f"the versions of the work {work_id!r} have different titles ({', '.join(sorted(titles))})",
                         where=members[0].where, hint="a renamed law is a new work: give its texts another 'work'")


def check_titles(texts: list[tuple[str, str, str | None, str]]) -> None:
    """(id, title, work, where) of every corpus text: two texts of one title must say they are
    versions of one work, else a citation of that title could not be told apart."""
    by_title: dict[str, str] = {}
    for id, title, work, where in texts:
        other = by_title.setdefault(title, work or id)
        if other != (work or id):
            raise InputError(f"two corpus texts are titled 《{title}》 ({other}, {id}) but are not "
                             "versions of one work: a citation of that title could not be told apart",
                             where=where, hint="give both the same 'work: ID' in their .meta.yaml")
