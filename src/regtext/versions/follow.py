"""Citations that follow the law: what a provision cited in one version of a work is in the version
in force on another day.

A 修正 renumbers without saying so (the NPC's decision speaks in old numbers and ends 并对条文顺序作相应
调整): the 2018 监察法 第四十九条 is the 2024 第五十六条, and a template still citing 第四十九条 is silently
wrong from 2025-06-01.  ``follow`` reads the citation in the version it was written against (the
one in force on ``since``), pairs its articles with the target version's (``align``) and says, per
cited provision, what became of it: the same, renumbered, changed, both, repealed, split or merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from .. import cite
from ..corpus import Corpus, default_corpus
from ..errors import NotFound
from ..model import Document, Node
from .alignment import MOVE_FLOOR, align
from .changes import unit_pairs, units
from .model import Alignment
from .normalize import comparable
from .text import unit_text
from .works import Version, Work

#: What became of a cited provision -> (problem code of ``regtext check --as-of``, how it is said)
OUTCOMES: dict[str, tuple[str | None, str]] = {
    "same": (None, "the same provision, text unchanged"),
    "renumbered": ("C601", "renumbered, text unchanged"),
    "renumbered_changed": ("C602", "renumbered, and its text changed"),
    "changed": ("C603", "same number, text changed"),
    "repealed": ("C604", "repealed: the new version has no successor"),
    "split": ("C605", "split into several provisions"),
    "merged": ("C606", "merged with another provision"),
}

#: The codes from the gravest down: a citation naming several provisions is reported under the
#: gravest of what became of them (a provision repealed outweighs one renumbered with its text
#: changed, which outweighs one only renumbered).
GRAVITY = ("C604", "C605", "C606", "C602", "C601", "C603")


@dataclass(frozen=True, slots=True)
class Step:
    """One cited provision: ``old`` in the version the citation was written against, ``new`` its
    successors in the target version (none: repealed)."""

    old: Node
    new: tuple[Node, ...]
    outcome: str                # a key of OUTCOMES

    @property
    def code(self) -> str | None:
        return OUTCOMES[self.outcome][0]


@dataclass(frozen=True, slots=True)
class Followed:
    """A citation followed from the version ``since`` to the version ``target``."""

    citation: str
    work: Work
    since: Version
    target: Version
    old_doc: Document
    new_doc: Document
    steps: tuple[Step, ...]

    @property
    def moved(self) -> bool:
        return self.since.id != self.target.id

    @property
    def nodes(self) -> list[Node]:
        """The provisions the citation designates in the target version."""
        return [n for step in self.steps for n in step.new]

    def old_citation(self, style: str = "zh") -> str:
        """The citation as written, in the old version, named with its year when it is superseded:
        2018年《中华人民共和国监察法》第四十九条."""
        text = cite.format_nodes([s.old for s in self.steps], style, self.old_doc)
        return f"{versioned_title(self.work, self.since)}{text}" if style.startswith("zh") else text

    def new_citation(self, style: str = "zh", *, named: bool = False) -> str:
        return cite.format_nodes(self.nodes, style, self.new_doc, named=named) if self.nodes else ""

    def notes(self) -> list[str]:
        """One sentence per cited provision that is not the same one: what became of it."""
        out = []
        for step in self.steps:
            if step.outcome == "same":
                continue
            old = f"{versioned_title(self.work, self.since)}{cite.format_nodes([step.old], 'zh', self.old_doc)}"
            new = cite.format_nodes(list(step.new), "zh", self.new_doc) if step.new else "nothing"
            out.append(f"{old} ({self.since.id}, in force {self.since.interval()}) is {new} of {self.target.id} "
                       f"(in force {self.target.interval()}): {OUTCOMES[step.outcome][1]}")
        return out


def versioned_title(work: Work, version: Version) -> str:
    """《title》, with the year of the version when it is not the work's latest (2018年《…》): the way
    practice names a superseded text."""
    latest = work.versions[-1].id == version.id
    return f"《{work.title}》" if latest or version.start is None else f"{version.start.year}年《{work.title}》"


def work_of(doc: Document, corpus: Corpus) -> tuple[Work, Version] | None:
    """The work a document is a version of, when it is a corpus text of a work with several versions."""
    entry = corpus.entries.get(doc.id)
    if entry is None or entry.text_path.resolve() != Path(doc.source).resolve():
        return None
    work, version = corpus.version(doc.id)
    return (work, version) if len(work.versions) > 1 else None


def target_version(work: Work, day: date) -> Version:
    version = work.in_force(day)
    if version is None:
        raise NotFound(work.not_in_force(day), hint="choose another --as-of day, or add the version in force then",
                       code="C607")
    return version


def default_since(work: Work, target: Version) -> Version:
    """Without a day the citation was written: the version the target replaced (the change being
    asked about), or the target itself when it is the first."""
    return work.before(target) or target


def follow(citation: str | cite.Citation, as_of: date, *, since: date | None = None, home: Document | None = None,
           corpus: Corpus | None = None) -> Followed | None:
    """``citation`` (read in ``home`` when it names no document; default: the primary regulation)
    followed into the version in force on ``as_of``, from the version in force on ``since``
    (default: the version that one replaced).  None when the document cited has a single version:
    there is nothing to follow.  NotFound when no version is in force on either day (C607) or
    the citation does not exist in the version it was written against."""
    corpus = corpus or default_corpus()
    home = home or corpus.load(corpus.primary.id)
    parsed = cite.parse(citation) if isinstance(citation, str) else citation
    landed = cite.cited_document(parsed, corpus, home)
    found = work_of(landed, corpus)
    if found is None:
        return None
    work, _ = found
    target = target_version(work, as_of)
    base = target_version(work, since) if since is not None else default_since(work, target)
    return follow_in(parsed, work, base, target, corpus)


def follow_in(citation: cite.Citation, work: Work, base: Version, target: Version, corpus: Corpus) -> Followed:
    """The citation read in ``base`` and followed into ``target`` (the same version: every
    provision the same)."""
    old_doc, new_doc = corpus.load(base.id), corpus.load(target.id)
    nodes = cite.lookup(old_doc, citation, corpus).nodes
    if base.id == target.id:
        steps = tuple(Step(n, (n,), "same") for n in nodes)
    else:
        alignment = aligned(corpus, base.id, target.id)
        steps = tuple(_step(alignment, n, new_doc) for n in nodes)
    return Followed(citation.text, work, base, target, old_doc, new_doc, steps)


@lru_cache(maxsize=8)
def _aligned(corpus: Corpus, old: str, new: str) -> Alignment:
    return align(corpus.load(old), corpus.load(new))


def aligned(corpus: Corpus, old: str, new: str) -> Alignment:
    """The alignment of two versions, computed once per process."""
    return _aligned(corpus, old, new)


def _step(alignment: Alignment, node: Node, new_doc: Document) -> Step:
    article = node.article
    if article is None:  # a chapter or the whole text: its place, not a provision, is cited
        return Step(node, (), "repealed")
    for pair in alignment.pairs:
        if pair.old is article:
            successor = _same_part(node, pair.old, pair.new) or _moved_part(node, alignment)
            if successor is None:   # the 款/项 was struck out of an article that goes on
                return Step(node, (), "repealed")
            changed = _text(node) != _text(successor)
            renumbered = _number(node) != _number(successor)
            outcome = ("renumbered_changed" if changed else "renumbered") if renumbered else (
                "changed" if changed else "same")
            return Step(node, (successor,), outcome)
    for split in alignment.splits:
        if split.old is article:
            return Step(node, split.new, "split")
    for merge in alignment.merges:
        if any(old is article for old in merge.old):
            return Step(node, (merge.new,), "merged")
    return Step(node, (), "repealed")


def _same_part(node: Node, old_article: Node, new_article: Node) -> Node | None:
    """The 款/项/目 of the successor article that continues ``node``, paired by content
    (``unit_pairs``), not by number: the 2018 监察法 第十二条第二款 is the 2024 第十二条第四款, two
    款 having been inserted above it.  None when it was struck out."""
    if node is old_article:
        return new_article
    return next((new for old, new, _ in unit_pairs(old_article, new_article) if old is node), None)


def _moved_part(node: Node, alignment: Alignment) -> Node | None:
    """A 款/项 struck out of its article that now stands in an article the new version added (the
    2018 监察法 第四十三条第二款, on the length of 留置, is the 2024 第四十八条第一款): the clearly
    most similar 款/项 of the inserted articles."""
    words = comparable(unit_text(node))
    best: tuple[float, Node] | None = None
    for article in alignment.inserted:
        for unit in units(article):
            if unit.type != node.type:
                continue
            ratio = SequenceMatcher(None, words, comparable(unit_text(unit)), autojunk=False).ratio()
            if ratio >= MOVE_FLOOR and (best is None or ratio > best[0]):
                best = (ratio, unit)
    return best[1] if best is not None else None


def _number(node: Node) -> tuple[int | str | None, ...]:
    """How a provision is cited: the numbers of its article and of every level down to it."""
    numbers: list[int | str | None] = []
    current: Node | None = node
    while current is not None:
        numbers.append(current.number)
        if current.type == "article":
            break
        current = current.parent
    return tuple(reversed(numbers))


def _text(node: Node) -> str:
    """The words of a provision without its labels: renumbering is not a change."""
    return comparable("".join(n.text for n in node.walk()))
