"""The version in force in a decision: a case may state when the conduct happened (``conduct:
{from, to}``); each cited law then applies in the version in force at the conduct, unless the
version in force at the decision is lighter (从旧兼从轻: 立法法 2023 第一百零四条, or the rule of the
sanction law the rulebook names, for 政务处分 公职人员政务处分法 第六十七条).  Which is lighter is the drafter's judgement (``lighter: old|new``):
the engine can tell that the versions differ, never which one is milder.

Conduct that began before a change and continued after it is judged by the new text: the version
that matters is the one in force on the conduct's last day.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..corpus import Corpus
from ..errors import RegtextError
from ..model import Document
from ..versions.follow import Followed, follow, versioned_title

#: the transitional rule a decision applying another version than the decision's relies on, unless
#: the rulebook names its sanction law's own (``sanctions.<type>.transitional``: 政务处分法 第六十七条)
TRANSITIONAL_LAW = "《中华人民共和国立法法》第一百零四条"

_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def day(text: object) -> datetime.date | None:
    """A YYYY-MM-DD fact as a date; None when it is not one that exists (the caller says why)."""
    m = _DAY.match(str(text))
    if m is None:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def commencement(doc: Document, corpus: Corpus) -> datetime.date | None:
    """When a regulation first took effect: its work's first version's start, else its own date."""
    entry = corpus.entries.get(doc.id)
    if entry is not None:
        work, _ = corpus.version(doc.id)
        first = work.versions[0]
        if len(work.versions) > 1 and first.start is not None:
            return first.start
    return doc.meta.effective


@dataclass(frozen=True, slots=True)
class Changed:
    """A citation of the decision whose law changed between the conduct and the decision:
    ``followed`` reads it in the decision's version and follows it into the conduct's."""

    index: int                 # in Decision.external
    written: str               # as the case writes it (the decision's version)
    followed: Followed

    def old_citation(self) -> str | None:
        """The same provisions in the conduct's version, named with its year; None when that
        version has no such provision."""
        if not self.followed.nodes or any(not step.new for step in self.followed.steps):
            return None
        return f"{versioned_title(self.followed.work, self.followed.target)}{self.followed.new_citation()}"

    def to_dict(self, lighter: str | None) -> dict[str, object]:
        return {
            "written": self.written, "conduct_version": self.followed.target.id,
            "decision_version": self.followed.since.id, "old": self.old_citation(),
            "applied": None if lighter is None else (self.old_citation() if lighter == "old" else self.written),
        }


def changed_citations(external: list[str], corpus: Corpus, home: Document, conduct_end: datetime.date,
                      decided: datetime.date) -> list[Changed]:
    """The external citations whose law has another version in force at the conduct's end than at
    the decision."""
    out = []
    for i, basis in enumerate(external):
        try:
            followed = follow(basis, conduct_end, since=decided, corpus=corpus, home=home)
        except RegtextError:
            continue  # not a citation of a bundled law, or none in force: D104 and D142 speak of it
        if followed is not None and followed.moved:
            out.append(Changed(i, basis, followed))
    return out
