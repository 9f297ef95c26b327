"""Provision addresses: what a citation names (第六条第一款第（三）项), independent of how it is
written, and the tree node it designates.

An address compares by what it cites.  Levels left out in writing stay ``None``
(第四条第（三）项 has no paragraph); ``node_for`` fills them from the tree: an item cited without
its 款 is in the first paragraph that has that item, as drafters omit 第一款 when only it has items.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..levels import DIVISION_TYPES, DIVISIONS, PROVISIONS, WORD
from ..model import Document, Node


@dataclass(frozen=True, slots=True)
class Address:
    article: str | None = None       # "4", "120-1"
    paragraph: int | None = None
    item: int | None = None
    subitem: int | None = None
    division: tuple[tuple[str, int], ...] = ()   # (("chapter", 2),) for 第二章

    @classmethod
    def of_levels(cls, levels: dict[str, object], division: tuple[tuple[str, int], ...] = ()) -> Address:
        """The address of {'article': '6', 'paragraph': 1, …}, as a tree or a citation numbers its
        levels (Node.number and Step.number are one field for every level: an article's number is
        a str, "120-1", the others' ints, so no single type says which)."""
        return cls(**levels, division=division)  # type: ignore[arg-type]  # see above: int or str by level

    def with_(self, **levels: object) -> Address:
        return replace(self, **levels)  # type: ignore[arg-type]  # as of_levels: the type depends on the level

    @property
    def depth(self) -> str:
        """The most specific level named: 'subitem', 'item', 'paragraph', 'article' or 'division'."""
        for level in reversed(PROVISIONS):
            if getattr(self, level) is not None:
                return level
        return "division"


def address_of(node: Node) -> Address:
    """The full address of a node inside an article (every level filled), or the path of a
    division (第三编第二章), the levels above it included."""
    if node.type in DIVISIONS:
        path: list[tuple[str, int]] = []
        current_division: Node | None = node
        while current_division is not None:
            if current_division.type in DIVISIONS and current_division.number is not None:
                path.append((current_division.type, int(current_division.number)))
            current_division = current_division.parent
        return Address(division=tuple(reversed(path)))
    levels: dict[str, object] = {}
    current: Node | None = node
    while current is not None:
        if current.type == "article":
            levels["article"] = current.number
        elif current.type == "paragraph" and current.parent is not None and current.parent.type == "article":
            levels["paragraph"] = current.number
        elif current.type == "item":
            levels["item"] = current.number
        elif current.type == "subitem":
            levels["subitem"] = current.number
        current = current.parent
    return Address.of_levels(levels)


def node_for(doc: Document, address: Address) -> Node | None:
    """The node an address designates in ``doc``, or None when it does not exist."""
    if address.article is None:
        return _division(doc, address.division) if address.division else None
    article = doc.article(address.article)
    if article is None:
        return None
    if address.paragraph is None and address.item is None:
        return article
    paragraphs = [c for c in article.children if c.type == "paragraph"]
    if address.paragraph is not None:
        if not 1 <= address.paragraph <= len(paragraphs):
            return None
        candidates = [paragraphs[address.paragraph - 1]]
    else:
        candidates = paragraphs
    if address.item is None:
        if address.subitem is not None:  # 目 directly under a 款 (种子法第九十条第三款)
            return _child(candidates[0], "subitem", address.subitem)
        return candidates[0]
    for paragraph in candidates:
        item = _child(paragraph, "item", address.item)
        if item is not None:
            if address.subitem is None:
                return item
            return _child(item, "subitem", address.subitem)
    return None


def _children(doc: Document, parent: Node | None) -> list[Node]:
    return parent.children if parent is not None else doc.children


def _child(node: Node, type_: str, number: int) -> Node | None:
    return next((c for c in node.children if c.type == type_ and c.number == number), None)


def _division(doc: Document, path: tuple[tuple[str, int], ...], within: Node | None = None) -> Node | None:
    nodes = within.children if within is not None else doc.children
    found: Node | None = None
    for level, number in path:
        found = _find_division(nodes, level, number)
        if found is None:
            return None
        nodes = found.children
    return found


def _find_division(nodes: list[Node], level: str, number: int) -> Node | None:
    """The first division of that level and number, searching outer levels first."""
    queue = list(nodes)
    while queue:
        node = queue.pop(0)
        if node.type == level and node.number == number:
            return node
        if node.type in DIVISION_TYPES:
            queue.extend(node.children)
    return None


def division_in(doc: Document, within: Node | None, path: tuple[tuple[str, int], ...]) -> Node | None:
    """第一节 inside 本章: a division path searched below ``within`` (or the whole document)."""
    return _division(doc, path, within)


class RangeError(ValueError):
    """A range whose ends do not bound a run of provisions: it runs backwards (第五条至第三条), or
    its ends are not of one list (an item and an article, items of two 款).  Reading it as the
    list of its two ends would leave out what lies between without a word."""


def expand_range(doc: Document, first: Node, last: Node) -> list[Node]:
    """第一百三十四条至第一百三十九条之一 → every article between, 之一 articles included;
    第（二）项至第（七）项 → every item between, within one paragraph.  RangeError when the ends
    bound no such run."""
    if first.type != last.type:
        raise RangeError(f"a range runs between two provisions of one kind, not from {_kind(first)} to {_kind(last)}")
    if first.type == "article":
        siblings = doc.articles()
    elif first.parent is last.parent:  # items of one 款, or chapters of one 编 (or of the document)
        siblings = [c for c in _children(doc, first.parent) if c.type == first.type]
    else:
        raise RangeError(f"the ends of a range of {_kind(first)} are not in one list")
    i, j = siblings.index(first), siblings.index(last)
    if i > j:
        raise RangeError("the range runs backwards: its end comes before its start")
    return siblings[i:j + 1]


def _kind(node: Node) -> str:
    return WORD.get(node.type, node.type)
