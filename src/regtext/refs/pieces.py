"""A node's text with its references: the text cut into plain pieces and reference pieces, in the
order they are written.  Every exporter (HTML, Markdown, Akoma Ntoso) marks references up from
these pieces, and the study material lists an article's references from the same grouping, so
the rule of which reference is shown where lives here once.

The rule: a node's references are taken in the order of the text (by start, then end); one that
begins inside the previous one (overlapping spans, which the grammar can give) or reaches past the
node's text is left as text.  Every character of the node's text is in exactly one piece, so joining
the pieces gives the text back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model import Node
from .model import Reference


@dataclass(frozen=True, slots=True)
class Piece:
    text: str                           # exactly as in the node's text
    ref: Reference | None = None        # None: plain text


def text_start(node: Node) -> int:
    """Where the node's own text begins in the document (after its label and the space after it):
    references count their offsets from the document, the node's text from here."""
    return node.start + len(node.label) + len(node.sep)


class NodeReferences:
    """A document's references grouped by the node whose text holds them (one pass over
    ``doc.references``; the nodes are told apart by identity, as the references hold them)."""

    def __init__(self, references: Iterable[Reference]) -> None:
        self._by_node: dict[int, list[Reference]] = {}
        for ref in sorted(references, key=lambda r: (r.start, r.end)):
            self._by_node.setdefault(id(ref.source), []).append(ref)

    def of(self, node: Node) -> list[Reference]:
        """The references written in ``node``'s own text, in the order of the text."""
        return self._by_node.get(id(node), [])

    def pieces(self, node: Node, skip: int = 0) -> Iterator[Piece]:
        """``node.text[skip:]`` as plain and reference pieces, in order.  ``skip`` leaves the
        start of the text to the caller (the HTML page sets an item's heading apart); a
        reference starting before it is left as text."""
        text, base = node.text, text_start(node)
        pos = skip
        for ref in self.of(node):
            start, end = ref.start - base, ref.end - base
            if start < pos or end > len(text):
                continue  # overlapping or outside this node's text: it stays text
            if start > pos:
                yield Piece(text[pos:start])
            yield Piece(text[start:end], ref)
            pos = end
        if pos < len(text):
            yield Piece(text[pos:])
