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

    def to_dict(self) -> dict[str, object]:
        return {
            "old": self.old.id,
            "new": self.new.id,
            "pairs": [p.to_dict() for p in self.pairs],
            "inserted": [n.eid for n in self.inserted],
            "deleted": [n.eid for n in self.deleted],
            "splits": [s.to_dict() for s in self.splits],
            "merges": [m.to_dict() for m in self.merges],
            "counts": self.counts(),
        }
