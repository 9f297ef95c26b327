"""The tree as Markdown: divisions and articles as headings, 款 and 项 as paragraphs, references as
links.  ``regtext.ingest.markdown`` reads it back (with markdown-it-py) into the same tree.

    # 安全生产责任追究办法（试行）
    （2023年7月27日…通过
    2023年8月1日…发布）
    ## 第一章 总则                      (编 ##, 分编 ###, 章 …: one level deeper per division)
    #### 第四条 {#art_4}                (articles one level below the innermost division)
    有下列情形之一的，应当进行责任追究：
    （一）……
    [本办法第四条](#art_4)            (cross-document: jianchafa_2024.md#art_15)

Anchors are written as ``<a id="…"></a>`` before every article and every cited provision, so the
links work on any Markdown renderer that keeps inline HTML.
"""

from __future__ import annotations

import re

from ..levels import DIVISION_TYPES
from ..model import Document, Node
from ..refs.model import Reference
from ..refs.pieces import NodeReferences

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Markdown-significant characters in legal text (麦角酸*, 1. 具有…) are escaped, never lost."""
    text = _SPECIAL.sub(r"\\\1", text)
    return "\n".join(_LINE_START.sub(_escape_start, line) for line in text.split("\n"))


def _escape_start(m: re.Match[str]) -> str:
    """# > + - = start a block; 1. and 1) start a list: escape the punctuation (CommonMark can
    escape only punctuation, so 1. becomes 1\\.)."""
    lead, mark = m.group(1), m.group(2)
    return lead + mark + "\\" if mark[0].isdigit() else lead + "\\" + mark


def to_markdown(doc: Document, link: str = "{id}.md") -> str:
    cited = {n.eid for ref in doc.references for t in ref.targets if t.doc in (None, doc.id) for n in t.nodes}
    writer = _Writer(doc, NodeReferences(doc.references), cited, link)
    for node in doc.children:
        writer.node(node, 1)
    return "\n\n".join(writer.blocks) + "\n"


class _Writer:
    def __init__(self, doc: Document, refs: NodeReferences, cited: set[str], link: str) -> None:
        self.doc, self.refs, self.cited, self.link = doc, refs, cited, link
        self.blocks: list[str] = []

    def anchor(self, node: Node) -> str:
        return f'<a id="{node.eid}"></a>'

    def node(self, node: Node, depth: int) -> None:
        if node.type == "title":  # a second title line (总则 under 民法典) is a second level-1 heading
            self.blocks.extend("# " + escape(line.strip()) for line in node.text.split("\n") if line.strip())
        elif node.type == "history":
            self.blocks.append(escape("\n".join(line.strip() for line in node.text.split("\n") if line.strip())))
        elif node.type in DIVISION_TYPES:
            level = min(depth + 1, 6)
            heading = f"{node.label} {node.text}".strip() if node.label else node.text
            self.blocks.append(f"{'#' * level} {self.anchor(node)}{escape(heading)}")
            for child in node.children:
                self.node(child, depth + 1)
        elif node.type == "article":
            self.blocks.append(f"{'#' * min(depth + 1, 6)} {self.anchor(node)}{escape(node.label)}")
            for child in node.children:
                self.node(child, depth)
        elif node.type in ("preamble", "attachment"):
            if node.heading:
                self.blocks.append(f"{'#' * 2} {self.anchor(node)}{escape(node.heading)}")
            for child in node.children:
                self.node(child, depth)
        else:  # paragraph, item, subitem, footnote, text
            anchor = self.anchor(node) if node.eid in self.cited else ""
            self.blocks.append(anchor + escape(node.label) + self.text(node))
            for child in node.children:
                self.node(child, depth)

    def text(self, node: Node) -> str:
        """The node's own text, its resolved references as links."""
        return "".join(escape(piece.text) if piece.ref is None else self.reference(piece.ref, piece.text)
                       for piece in self.refs.pieces(node))

    def reference(self, ref: Reference, text: str) -> str:
        target = ref.targets[0] if ref.targets else None
        if target is None or not ref.resolved:
            return escape(text)
        if target.doc in (None, self.doc.id):
            href = f"#{target.nodes[0].eid}" if target.nodes else ""
        else:
            href = self.link.format(id=target.doc) + (f"#{target.nodes[0].eid}" if target.nodes else "")
        return f"[{escape(text)}]({href})" if href else escape(text)
