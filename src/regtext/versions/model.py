"""The result of aligning two versions of a law: which article became which, and what changed.

This shape is what every output of ``regtext diff`` reads (text, JSON, the 新旧对照表 in HTML,
Markdown and DOCX, AKN ``passiveModifications``): outputs never recompute the alignment.
Similarities and character operations are over the real (unnormalised) text's positions, so an
output shows the law's own characters; normalisation only decided what counts as equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..levels import DIVISION_TYPES
from ..model import Document, Node
from .normalize import comparable
from .text import Op, body, old_char_ops, unit_text


@dataclass(frozen=True, slots=True)
class Change:
    """One change inside a matched article, per 款/项/目."""

    what: str                 # "modified" | "inserted" | "deleted"
    old: Node | None          # the 款/项/目 of the old version (None when inserted)
    new: Node | None          # the 款/项/目 of the new version (None when deleted)
    wording: str              # as the NPC decisions word it: 第十二条第一款修改 / 增加第二款 / 删去第三项
    ops: tuple[Op, ...]       # per character, over the real text of old and new
    labelled: bool = False    # the change is in the labels (（一） → 1.): ops run over label and text

    @property
    def old_ops(self) -> tuple[Op, ...]:
        """The operations over the old real text ("equal" and "delete" runs give it exactly)."""
        if self.old is None:
            return ()
        new = unit_text(self.new, labelled=self.labelled) if self.new is not None else ""
        return old_char_ops(unit_text(self.old, labelled=self.labelled), new)

    def to_dict(self) -> dict[str, object]:
        return {
            "what": self.what,
            "old": self.old.eid if self.old is not None else None,
            "new": self.new.eid if self.new is not None else None,
            "wording": self.wording,
            "ops": [list(op) for op in self.ops],
        }


@dataclass(frozen=True, slots=True)
class Pair:
    """An old article and the new article that continues it."""

    old: Node
    new: Node
    status: str               # "unchanged" | "modified"
    moved: bool               # outside the order-preserving backbone
    similarity: float         # difflib ratio of the normalised bodies (labels excluded), 0..1
    reason: str               # why paired: "order" (backbone) | "moved" | "role" (both the 本法自…施行 article)
    changes: tuple[Change, ...]
    ops: tuple[Op, ...]       # per character over the whole article body (labels excluded)
    wording: str = ""         # the article's changes in one sentence: 第十二条第一款修改；增加第二款

    @property
    def renumbered(self) -> bool:
        return self.old.number != self.new.number

    @property
    def retyped(self) -> bool:
        """Unchanged in wording, set differently (a half-width colon, a space): the real texts
        differ, so an output that shows them shows both."""
        return self.status == "unchanged" and body(self.old) != body(self.new)

    @property
    def old_ops(self) -> tuple[Op, ...]:
        """The operations over the old real text ("equal" and "delete" runs joined give it
        exactly): what a 修改前 column shows."""
        return old_char_ops(body(self.old), body(self.new))

    def to_dict(self) -> dict[str, object]:
        return {
            "old": self.old.eid,
            "new": self.new.eid,
            "old_label": self.old.label,
            "new_label": self.new.label,
            "status": self.status,
            "moved": self.moved,
            "renumbered": self.renumbered,
            "retyped": self.retyped,
            "similarity": round(self.similarity, 4),
            "reason": self.reason,
            "wording": self.wording,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True, slots=True)
class Split:
    """One old article whose text now stands in consecutive new articles."""

    old: Node
    new: tuple[Node, ...]
    similarity: float

    def to_dict(self) -> dict[str, object]:
        return {"old": self.old.eid, "new": [n.eid for n in self.new], "similarity": round(self.similarity, 4)}


@dataclass(frozen=True, slots=True)
class Merge:
    """Consecutive old articles whose texts now stand in one new article."""

    old: tuple[Node, ...]
    new: Node
    similarity: float

    def to_dict(self) -> dict[str, object]:
        return {"old": [n.eid for n in self.old], "new": self.new.eid, "similarity": round(self.similarity, 4)}


@dataclass(slots=True)
class Alignment:
    """Two versions of a law, article by article.  ``pairs`` are in the new version's order."""

    old: Document
    new: Document
    pairs: list[Pair]
    inserted: list[Node]
    deleted: list[Node]
    splits: list[Split]
    merges: list[Merge]

    def counts(self) -> dict[str, int]:
        return {
            "unchanged": sum(p.status == "unchanged" for p in self.pairs),
            "retyped": sum(p.retyped for p in self.pairs),
            "modified": sum(p.status == "modified" for p in self.pairs),
            "inserted": len(self.inserted),
            "deleted": len(self.deleted),
            "moved": sum(p.moved for p in self.pairs),
            "renumbered": sum(p.renumbered for p in self.pairs),
            "splits": len(self.splits),
            "merges": len(self.merges),
            "renamed_divisions": len(self.renamed_divisions()),
        }

    def renumbered(self) -> dict[str, str]:
        """Old article eId -> new article eId for every pair and the first part of every split:
        what a citation of the old version becomes."""
        mapping = {p.old.eid: p.new.eid for p in self.pairs}
        for split in self.splits:
            mapping[split.old.eid] = split.new[0].eid
        return mapping

    def divisions(self, side: str) -> list[Node]:
        """The 编/章/节 of one side ("old" or "new"), in document order: the chapter rows of a 对照表.
        A division's articles are ``[n for n in division.walk() if n.type == "article"]``."""
        doc = self.old if side == "old" else self.new
        return [n for n in doc.walk() if n.type in DIVISION_TYPES]

    def renamed_divisions(self) -> list[tuple[Node, Node]]:
        """(old, new) 编/章/节 whose heading words changed (第一章 基本规定 → 第一章 一般规定): a change
        of the law's text even when no article under it changed, so every output shows it.  Two
        divisions of one type are the same division when each is where most of the other's paired
        articles are (a 修订 builds new chapters out of pieces of old ones: those are new, not
        renamed); one only renumbered or re-typeset is not renamed."""
        to_new = {id(p.old): p.new for p in self.pairs}
        to_old = {id(p.new): p.old for p in self.pairs}
        out: list[tuple[Node, Node]] = []
        for division in self.divisions("new"):
            before = _most(division, to_old)
            if (before is not None and _most(before, to_new) is division
                    and comparable(before.text) != comparable(division.text)):
                out.append((before, division))
        return out

    def to_dict(self) -> dict[str, object]:
        return {
            "old": self.old.id,
            "new": self.new.id,
            "pairs": [p.to_dict() for p in self.pairs],
            "inserted": [n.eid for n in self.inserted],
            "deleted": [n.eid for n in self.deleted],
            "splits": [s.to_dict() for s in self.splits],
            "merges": [m.to_dict() for m in self.merges],
            "renamed_divisions": [{"old": o.eid, "new": n.eid, "old_heading": heading_text(o), "new_heading": heading_text(n)}
                                  for o, n in self.renamed_divisions()],
            "counts": self.counts(),
        }


def heading_text(division: Node) -> str:
    """第一章 总 则: label and heading as printed."""
    return (division.label + division.sep + division.text).strip()


def _most(division: Node, counterpart: dict[int, Node]) -> Node | None:
    """The division of the same type, in the other version, where most of ``division``'s paired
    articles stand (the first such on a tie)."""
    counts: dict[int, int] = {}
    found: dict[int, Node] = {}
    for node in division.walk():
        other = counterpart.get(id(node))
        there = _enclosing(other, division.type) if other is not None else None
        if there is not None:
            counts[id(there)] = counts.get(id(there), 0) + 1
            found.setdefault(id(there), there)
    if not counts:
        return None
    best = max(counts.values())
    return next(node for key, node in found.items() if counts[key] == best)


def _enclosing(node: Node, kind: str) -> Node | None:
    """The 编/章/节 of type ``kind`` that ``node`` stands in."""
    parent = node.parent
    while parent is not None and parent.type != kind:
        parent = parent.parent
    return parent
