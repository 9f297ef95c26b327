"""What a reference is once found and resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..cite.address import Address
from ..model import Node


@dataclass(slots=True)
class Target:
    """One provision (or one range, or one whole document) a reference points at."""

    address: Address | None             # as cited, completed from context; None: a whole document
    range_to: Address | None = None     # the far end of 第X条至第Y条
    doc: str | None = None              # corpus id of the document it is in (None: not in the corpus)
    nodes: list[Node] = field(default_factory=list)   # what it designates, ranges expanded
    start: int = 0                      # where this target's path is written (document offsets;
    end: int = 0                        # the whole reference for a document or a relative word)
    held: bool = True                   # the store holds the text cited: False when it holds neither
                                        # the version in force on the citing text's day (the earliest
                                        # is read) nor, for a law stored in parts, the part holding
                                        # the cited article (民法典 合同编 withheld)

    @property
    def resolved(self) -> bool:
        """A provision that exists; for a whole document, a document in the corpus."""
        return bool(self.nodes) if self.address is not None else self.doc is not None


@dataclass(slots=True)
class Reference:
    source: Node            # the paragraph, item … whose text holds the reference
    start: int              # offsets in the normalised document text
    end: int
    text: str
    kind: str               # internal, internal-bare, relative, relative-elliptic, external
    document: str | None    # for external references: the title as resolved (full title when known)
    targets: list[Target]
    message: str | None = None   # why it could not be resolved

    @property
    def resolved(self) -> bool:
        return bool(self.targets) and all(t.resolved for t in self.targets)

    @property
    def external(self) -> bool:
        return self.kind == "external"
