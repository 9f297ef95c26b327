"""Typed blocks → the nested tree, with eIds (design.md §3).

The builder is a single pass with a stack of open divisions; which node a block belongs to
depends only on the blocks before it.  A paragraph that follows an item list is a new 款.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .diagnostics import Diagnostic
from .model import DIVISIONS, Node
from .segment import Block

EID_PREFIX = {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec"}
RANK = {kind: rank for rank, kind in enumerate(DIVISIONS, start=1)}
#: The kinds of block segment() makes: the builder has an ``_on_<kind>`` method for each.
BLOCK_KINDS = ("title", "history", *DIVISIONS, "division", "preamble_heading", "article", "item", "subitem",
               "text", "attachment", "footnote")

#: 检查。责令… / 谈话提醒、批评教育、责令作出书面检查。对… → the item's short name.
_HEADING_SENTENCE = re.compile(r"([^，。；：“”《》（）()]{1,20})。(?=.)")
#: 监管落实不力的，对… → 监管落实不力
_HEADING_CONDITION = re.compile(r"([^，。；：、“”《》（）()]{1,12})的，")

Locate = Callable[[int], tuple[int, int]]


def item_heading(text: str) -> str | None:
    """The short name an item opens with, if it has one (design.md §3: 。 or 的，)."""
    m = _HEADING_SENTENCE.match(text) or _HEADING_CONDITION.match(text)
    return m.group(1) if m else None


class TreeBuilder:
    def __init__(self, locate: Locate) -> None:
        self.locate = locate
        self.children: list[Node] = []
        self.by_eid: dict[str, Node] = {}
        self.articles: list[Node] = []       # in document order
        self.diagnostics: list[Diagnostic] = []
        self.divisions: list[Node] = []      # open divisions, outermost first
        self.article: Node | None = None
        self.fill_first_paragraph = False    # 第一条 alone on its line: its text follows
        self.preamble: Node | None = None
        self.attachment: Node | None = None
        self.counts = {"division": 0, "attachment": 0, "footnote": 0}
        self.handlers: dict[str, Callable[[Block], None]] = {
            kind: getattr(self, f"_on_{kind}") for kind in BLOCK_KINDS
        }

    # -- helpers --------------------------------------------------------------------------------
    def _register(self, node: Node) -> Node:
        if node.eid in self.by_eid:  # a duplicate number (reported by suspect): _dup2, _dup3, …
            n = 2
            while f"{node.eid}_dup{n}" in self.by_eid:
                n += 1
            node.eid = f"{node.eid}_dup{n}"
        self.by_eid[node.eid] = node
        return node

    def _container(self) -> Node | None:
        return self.divisions[-1] if self.divisions else None

    def _attach(self, node: Node, parent: Node | None) -> Node:
        if parent is None:
            self.children.append(node)
        else:
            node.parent = parent
            parent.children.append(node)
        return self._register(node)

    def _close_all(self) -> None:
        self.divisions.clear()
        self.article = None
        self.preamble = None

    # -- blocks ---------------------------------------------------------------------------------
    def add(self, block: Block) -> None:
        self.handlers[block.kind](block)

    def _node(self, block: Block, type_: str, **fields: object) -> Node:
        return Node(type_, lead=block.lead, label=block.label, sep=block.sep, text=block.text,
                    tail=block.tail, start=block.start, end=block.end, **fields)  # type: ignore[arg-type]

    def _on_title(self, block: Block) -> None:
        self._attach(self._node(block, "title", eid="title"), None)

    def _on_history(self, block: Block) -> None:
        self._attach(self._node(block, "history", eid="history"), None)

    def _on_division_level(self, block: Block) -> None:
        rank = RANK[block.kind]
        while self.divisions and RANK.get(self.divisions[-1].type, 0) >= rank:
            self.divisions.pop()
        self.article = None
        self.preamble = None
        parent = self._container()
        part = f"{EID_PREFIX[block.kind]}_{block.number}"
        eid = f"{parent.eid}__{part}" if parent is not None else part
        node = self._node(block, block.kind, eid=eid, number=block.number, heading=block.text.strip() or None)
        self.divisions.append(self._attach(node, parent))

    _on_part = _on_subpart = _on_chapter = _on_section = _on_division_level

    def _on_division(self, block: Block) -> None:
        """An unnumbered heading such as 附则: a top-level division of its own."""
        self._close_all()
        self.counts["division"] += 1
        node = self._node(block, "division", eid=f"dvs_{self.counts['division']}", heading=block.text.strip())
        self.divisions.append(self._attach(node, None))

    def _on_preamble_heading(self, block: Block) -> None:
        self._close_all()
        node = self._node(block, "preamble", eid="preamble", heading=block.text.strip())
        self.preamble = self._attach(node, self._container())

    def _on_article(self, block: Block) -> None:
        self.preamble = None
        article = self._node(block, "article", eid=f"art_{block.number}", number=block.number)
        article.text, article.tail = "", ""
        text_start = block.end - len(block.text)
        first = Node("paragraph", number=1, text=block.text, tail=block.tail, start=text_start, end=block.end)
        if not block.text:
            article.tail, first.tail = block.tail, ""
        self.article = self._attach(article, self._container())
        self.articles.append(article)
        first.eid = f"{article.eid}__para_1"
        self._attach(first, article)
        self.fill_first_paragraph = not block.text

    def _paragraph(self) -> Node:
        assert self.article is not None
        return self.article.children[-1] if self.article.children[-1].type == "paragraph" else self._new_paragraph()

    def _new_paragraph(self, block: Block | None = None) -> Node:
        assert self.article is not None
        number = sum(1 for c in self.article.children if c.type == "paragraph") + 1
        node = Node("paragraph", eid=f"{self.article.eid}__para_{number}", number=number)
        if block is not None:
            node.lead, node.text, node.tail, node.start, node.end = block.lead, block.text, block.tail, block.start, block.end
        return self._attach(node, self.article)

    def _on_item(self, block: Block) -> None:
        if self.article is None:
            self._on_text(block, as_text=True)
            return
        self.fill_first_paragraph = False
        paragraph = self._paragraph()
        node = Node("item", eid=f"{paragraph.eid}__point_{block.number}", number=block.number,
                    label=block.label, heading=item_heading(block.text), text=block.text, lead=block.lead,
                    sep=block.sep, tail=block.tail, start=block.start, end=block.end)
        self._attach(node, paragraph)

    def _on_subitem(self, block: Block) -> None:
        if self.article is None:
            self._on_text(block, as_text=True)
            return
        self.fill_first_paragraph = False
        paragraph = self._paragraph()
        parent = paragraph.children[-1] if paragraph.children and paragraph.children[-1].type == "item" else paragraph
        node = self._node(block, "subitem", eid=f"{parent.eid}__point_{block.number}", number=block.number)
        self._attach(node, parent)

    def _on_text(self, block: Block, as_text: bool = False) -> None:
        if self.attachment is not None:
            number = len(self.attachment.children) + 1
            node = self._node(block, "paragraph", eid=f"{self.attachment.eid}__p_{number}", number=number)
            self._attach(node, self.attachment)
        elif self.article is not None and self.fill_first_paragraph:
            first = self.article.children[0]
            first.lead, first.text, first.tail = block.lead, block.text, block.tail
            first.start, first.end = block.start, block.end
            self.fill_first_paragraph = False
        elif self.article is not None:
            self._new_paragraph(block)
        elif not self.divisions or self.preamble is not None:
            if self.preamble is None:
                self.preamble = self._attach(Node("preamble", eid="preamble", start=block.start), None)
            number = len(self.preamble.children) + 1
            self._attach(self._node(block, "paragraph", eid=f"preamble__p_{number}", number=number), self.preamble)
        else:
            parent = self._container()
            assert parent is not None
            number = sum(1 for c in parent.children if c.type == "text") + 1
            self._attach(self._node(block, "text", eid=f"{parent.eid}__p_{number}", number=number), parent)
            line, column = self.locate(block.start)
            self.diagnostics.append(Diagnostic("S206", "text between a heading and its first article", line,
                                               column, block.start))

    def _on_attachment(self, block: Block) -> None:
        self._close_all()
        self.counts["attachment"] += 1
        node = self._node(block, "attachment", eid=f"att_{self.counts['attachment']}",
                          number=self.counts["attachment"], heading=block.text.strip())
        self.attachment = self._attach(node, None)

    def _on_footnote(self, block: Block) -> None:
        self.counts["footnote"] += 1
        parent = self.article or self.attachment or self._container()
        self.fill_first_paragraph = False
        self._attach(self._node(block, "footnote", eid=f"fnt_{self.counts['footnote']}",
                                number=self.counts["footnote"]), parent)


def build(blocks: list[Block], locate: Locate) -> TreeBuilder:
    builder = TreeBuilder(locate)
    for block in blocks:
        builder.add(block)
    for node in builder.children:
        _close_spans(node)
    return builder


def _close_spans(node: Node) -> int:
    """A node ends where its last descendant ends."""
    end = node.end
    for child in node.children:
        end = max(end, _close_spans(child))
    if node.children and node.start == 0 and node.type == "preamble":
        node.start = node.children[0].start
    node.end = end
    return end
