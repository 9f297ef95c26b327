"""Typed blocks → the nested tree, with eIds (design.md §3).

The builder is a single pass with a stack of open divisions; which node a block belongs to
depends only on the blocks before it.  A paragraph that follows an item list is a new 款.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..diagnostics import Diagnostic
from ..levels import (
    ATTACHMENT_EID_PREFIX,
    DIVISIONS,
    EID_PREFIX,
    FOOTNOTE_EID_PREFIX,
    TEXT_EID_PREFIX,
    UNNUMBERED_EID_PREFIX,
)
from ..model import Node
from .segment import Block, new_node

RANK = {kind: rank for rank, kind in enumerate(DIVISIONS, start=1)}
#: The kinds of block segment() makes: the builder has an ``_on_<kind>`` method for each.
BLOCK_KINDS = ("title", "history", *DIVISIONS, "division", "preamble_heading", "article", "item", "subitem",
               "text", "attachment", "footnote")

#: 检查。责令… / 谈话提醒、批评教育、责令作出书面检查。对… → the item's short name.
_HEADING_SENTENCE = re.compile(r"([^，。；：“”《》（）()]{1,20})。(?=.)")
#: 监管落实不力的，对… → 监管落实不力
_HEADING_CONDITION = re.compile(r"([^，。；：、“”《》（）()]{1,12})的，")

Locate = Callable[[int], tuple[int, int]]

# The eId prefixes the builder writes for every article, 款, 项 and 目, bound once from levels.py.
_ART, _PARA = EID_PREFIX["article"], EID_PREFIX["paragraph"]
_ITEM, _SUBITEM = EID_PREFIX["item"], EID_PREFIX["subitem"]


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
        self.malformed: dict[str, int] = {}  # eId prefix -> headings of that kind with a malformed number
        # Counters kept as the tree grows, so that no node is numbered by counting its siblings
        # (16,000 × 第一条 or 16,000 款 in one article took 17 s that way: quadratic).
        self.last_dup: dict[str, int] = {}   # eId -> the last _dupN given to a repeat of it
        self.paragraphs = 0                  # 款 of the open article
        self.texts: dict[int, int] = {}      # id(division) -> text nodes between it and its first article
        self.handlers: dict[str, Callable[[Node], None]] = {
            kind: getattr(self, f"_on_{kind}") for kind in BLOCK_KINDS
        }

    # -- helpers --------------------------------------------------------------------------------
    def _register(self, node: Node) -> Node:
        if node.eid in self.by_eid:  # a duplicate number (reported by suspect): _dup2, _dup3, …
            n = self.last_dup.get(node.eid, 1) + 1
            while f"{node.eid}_dup{n}" in self.by_eid:
                n += 1
            self.last_dup[node.eid] = n
            node.eid = f"{node.eid}_dup{n}"
        self.by_eid[node.eid] = node
        return node

    def _malformed_eid(self, prefix: str) -> str:
        """A heading whose number is malformed (第十一十二条, reported by segment) gets
        art_malformed_1, chp_malformed_1, point_malformed_1 …: an eId no citation can reach and no
        reader can take for another article's."""
        self.malformed[prefix] = self.malformed.get(prefix, 0) + 1
        return f"{prefix}_malformed_{self.malformed[prefix]}"

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
    # Each handler receives the node segment() made for the block and links it into the tree.
    def add(self, block: Block) -> None:
        kind, node = block
        self.handlers[kind](node)

    def _on_title(self, node: Node) -> None:
        node.eid = "title"
        self._attach(node, None)

    def _on_history(self, node: Node) -> None:
        node.eid = "history"
        self._attach(node, None)

    def _on_division_level(self, node: Node) -> None:
        rank = RANK[node.type]
        while self.divisions and RANK.get(self.divisions[-1].type, 0) >= rank:
            self.divisions.pop()
        self.article = None
        self.preamble = None
        parent = self._container()
        prefix = EID_PREFIX[node.type]
        part = f"{prefix}_{node.number}" if node.number is not None else self._malformed_eid(prefix)
        node.eid = f"{parent.eid}__{part}" if parent is not None else part
        node.heading = node.text.strip() or None
        self.divisions.append(self._attach(node, parent))

    _on_part = _on_subpart = _on_chapter = _on_section = _on_division_level

    def _on_division(self, node: Node) -> None:
        """An unnumbered heading such as 附则: a top-level division of its own."""
        self._close_all()
        self.counts["division"] += 1
        node.eid, node.heading = f"{UNNUMBERED_EID_PREFIX}_{self.counts['division']}", node.text.strip()
        self.divisions.append(self._attach(node, None))

    def _on_preamble_heading(self, node: Node) -> None:
        self._close_all()
        node.eid, node.heading = "preamble", node.text.strip()
        self.preamble = self._attach(node, self._container())

    def _on_article(self, article: Node) -> None:
        """The article's text is its first 款: a paragraph node of its own."""
        self.preamble = None
        article.eid = f"{_ART}_{article.number}" if article.number is not None else self._malformed_eid(_ART)
        first = new_node("paragraph", article.end - len(article.text), article.end, "", article.text, "", "", 1)
        if article.text:
            first.tail, article.tail = article.tail, ""
        article.text = ""
        self.article = self._attach(article, self._container())
        self.articles.append(article)
        first.eid = f"{article.eid}__{_PARA}_1"
        self.paragraphs = 1
        self._attach(first, article)
        self.fill_first_paragraph = not first.text

    def _paragraph(self) -> Node:
        assert self.article is not None
        return self.article.children[-1] if self.article.children[-1].type == "paragraph" else self._new_paragraph()

    def _new_paragraph(self, node: Node | None = None) -> Node:
        assert self.article is not None
        self.paragraphs += 1
        number = self.paragraphs
        if node is None:
            node = Node("paragraph")
        node.type, node.eid, node.number = "paragraph", f"{self.article.eid}__{_PARA}_{number}", number
        return self._attach(node, self.article)

    def _on_item(self, node: Node) -> None:
        if self.article is None:
            self._on_text(node)
            return
        self.fill_first_paragraph = False
        paragraph = self._paragraph()
        point = f"{_ITEM}_{node.number}" if node.number is not None else self._malformed_eid(_ITEM)
        node.eid, node.heading = f"{paragraph.eid}__{point}", item_heading(node.text)
        self._attach(node, paragraph)

    def _on_subitem(self, node: Node) -> None:
        if self.article is None:
            self._on_text(node)
            return
        self.fill_first_paragraph = False
        paragraph = self._paragraph()
        parent = paragraph.children[-1] if paragraph.children and paragraph.children[-1].type == "item" else paragraph
        point = f"{_SUBITEM}_{node.number}" if node.number is not None else self._malformed_eid(_SUBITEM)
        node.eid = f"{parent.eid}__{point}"
        self._attach(node, parent)

    def _on_text(self, node: Node) -> None:
        """Running text (or an item outside any article): a 款, a paragraph of a preamble or an
        attachment, or text between a heading and its first article."""
        if self.attachment is not None:
            number = len(self.attachment.children) + 1
            node.type, node.eid, node.number = "paragraph", f"{self.attachment.eid}__{TEXT_EID_PREFIX}_{number}", number
            self._attach(node, self.attachment)
        elif self.article is not None and self.fill_first_paragraph:
            first = self.article.children[0]
            first.lead, first.text, first.tail = node.lead, node.text, node.tail
            first.start, first.end = node.start, node.end
            self.fill_first_paragraph = False
        elif self.article is not None:
            self._new_paragraph(node)
        elif not self.divisions or self.preamble is not None:
            if self.preamble is None:
                self.preamble = self._attach(Node("preamble", eid="preamble", start=node.start), None)
            number = len(self.preamble.children) + 1
            node.type, node.eid, node.number = "paragraph", f"preamble__{TEXT_EID_PREFIX}_{number}", number
            self._attach(node, self.preamble)
        else:
            parent = self._container()
            assert parent is not None
            number = self.texts[id(parent)] = self.texts.get(id(parent), 0) + 1
            node.type, node.eid, node.number = "text", f"{parent.eid}__{TEXT_EID_PREFIX}_{number}", number
            self._attach(node, parent)
            line, column = self.locate(node.start)
            self.diagnostics.append(Diagnostic("S206", "text between a heading and its first article", line,
                                               column, node.start))

    def _on_attachment(self, node: Node) -> None:
        self._close_all()
        self.counts["attachment"] += 1
        node.eid, node.number = f"{ATTACHMENT_EID_PREFIX}_{self.counts['attachment']}", self.counts["attachment"]
        node.heading = node.text.strip()
        self.attachment = self._attach(node, None)

    def _on_footnote(self, node: Node) -> None:
        self.counts["footnote"] += 1
        parent = self.article or self.attachment or self._container()
        self.fill_first_paragraph = False
        node.eid, node.number = f"{FOOTNOTE_EID_PREFIX}_{self.counts['footnote']}", self.counts["footnote"]
        self._attach(node, parent)


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
