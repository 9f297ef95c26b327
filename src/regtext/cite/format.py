"""Writing citations: addresses (one, or a group) and nodes in the style a document needs.

| style      | 第四条第（三）项        | 第六条第一款第（三）项     | 第六条第二款          |
|------------|------------------------|---------------------------|----------------------|
| zh         | 第四条第（三）项        | 第六条第一款第（三）项     | 第六条第二款          |
| zh-short   | 第四条第（三）项        | 第六条第（三）项           | 第六条第二款          |
| zh-plain   | 第四条第三项            | 第六条第一款第三项         | 第六条第二款          |
| en         | Article 4(3)           | Article 6(3)              | Article 6, paragraph 2 |
| eid        | art_4__para_1__point_3 | art_6__para_1__point_3    | art_6__para_2        |

A single-款 article never shows 第一款; zh-short and en also leave it out when the first 款 is
the only one with items.  Formatting with a document follows its tree; without one it writes
exactly the levels the address has.

A citation read outside the document it points into names that document (``named=True``):
《中华人民共和国监察法》第十五条第（六）项 in the zh styles, 《中华人民共和国监察法》 Article 15(6) in
en (the corpus has no English titles), and ``jianchafa_2024#art_15__para_1__point_6`` in eid — the
corpus id and ``#`` before every eId of the citation (a range's end, after ``..``, has none).
``parse`` reads all of them back; ``lookup`` finds the document and the nodes; 本法, 本细则 and every
other self-reference of the reference grammar mean the document the citation is read in.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import RegtextError
from ..levels import DIVISION_EN, DIVISION_ZH, DIVISIONS, EID_PREFIX
from ..model import Document, Node
from ..numerals import to_chinese
from .address import Address, address_of, node_for
from .parsing import EID_DOCUMENT_MARK, Part
from .styles import STYLES


class NotCitable(RegtextError):
    """A node no citation style can name: the title, the preamble, an attachment, an unnumbered
    heading (附则, 一、管辖) or a heading whose number is malformed.  An empty string in its place
    would print a decision citing nothing (exit code 2)."""


def _article_label(number: str, style: str) -> str:
    base, _, sub = number.partition("-")
    if style == "en":
        return f"Article {number}"
    label = f"第{to_chinese(int(base))}条"
    return label + (f"之{to_chinese(int(sub))}" if sub else "")


def _show_paragraph(doc: Document | None, address: Address, style: str) -> bool:
    """Whether 第N款 is written for this address in this style."""
    if address.paragraph is None:
        return False
    if doc is None:
        return True
    article = doc.article(address.article) if address.article else None
    if article is None:
        return True
    paragraphs = [c for c in article.children if c.type == "paragraph"]
    if len(paragraphs) <= 1:
        return False
    if style in ("zh-short", "en") and address.item is not None and address.paragraph == 1:
        with_items = [p for p in paragraphs if any(c.type == "item" for c in p.children)]
        return with_items != paragraphs[:1]
    return True


def _join(pieces: list[tuple[str, str]], style: str) -> str:
    """The printed pieces as one string; in English a division is a word apart (Part 1 Chapter 2)."""
    if style != "en":
        return "".join(text for _, text in pieces)
    out = ""
    for n, (level, text) in enumerate(pieces):
        out += text + (" " if level in DIVISION_EN and n + 1 < len(pieces) else "")
    return out


def _components(address: Address, style: str, doc: Document | None) -> list[tuple[str, str]]:
    """The printed pieces of an address, outermost first: [('article', '第六条'), ('item', '第（三）项')]."""
    if doc is not None and address.article is not None:
        node = node_for(doc, address)
        if node is not None:
            address = address_of(node)
    out: list[tuple[str, str]] = []
    for level, number in address.division:
        out.append((level, f"{DIVISION_EN[level]} {number}" if style == "en"
                    else f"第{to_chinese(number)}{DIVISION_ZH[level]}"))
    if address.article is not None:
        out.append(("article", _article_label(address.article, style)))
    if _show_paragraph(doc, address, style):
        p = address.paragraph
        out.append(("paragraph", f", paragraph {p}" if style == "en" else f"第{to_chinese(p)}款"))
    if address.item is not None:
        i = address.item
        out.append(("item", f"({i})" if style == "en" else
                    f"第{to_chinese(i)}项" if style == "zh-plain" else f"第（{to_chinese(i)}）项"))
    if address.subitem is not None:
        if style == "en":  # a 目 directly under a 款 has no item number to hang it on
            out.append(("subitem", f"({address.subitem})" if address.item is not None else f", sub-item {address.subitem}"))
        else:
            out.append(("subitem", f"第{address.subitem}目"))
    return out


def eid_of(address: Address, doc: Document | None = None) -> str:
    if doc is not None:
        node = node_for(doc, address)
        if node is not None:
            return node.eid
    if address.article is None:
        return "__".join(f"{EID_PREFIX[level]}_{number}" for level, number in address.division)
    parts = [f"{EID_PREFIX['article']}_{address.article}"]
    if address.paragraph is not None or address.item is not None:
        parts.append(f"{EID_PREFIX['paragraph']}_{address.paragraph or 1}")
    if address.item is not None:
        parts.append(f"{EID_PREFIX['item']}_{address.item}")
    if address.subitem is not None:
        parts.append(f"{EID_PREFIX['subitem']}_{address.subitem}")
    return "__".join(parts)


def format_address(address: Address, style: str = "zh", doc: Document | None = None) -> str:
    if style == "eid":
        return eid_of(address, doc)
    _check_style(style)
    return _join(_components(address, style, doc), style)


def format_nodes(nodes: list[Node], style: str = "zh", doc: Document | None = None, *, named: bool = False) -> str:
    """A group of provisions of one document, as one citation: 第六条第一款第（三）项、第（五）项;
    three or more consecutive siblings (or articles) become a range (第（二）项至第（四）项).
    ``named``: the citation is read outside ``doc``, so it names it (《中华人民共和国监察法》第十五条)."""
    return _format_nodes(tuple(nodes), style, doc, named)


@lru_cache(maxsize=4096)
def _format_nodes(nodes: tuple[Node, ...], style: str, doc: Document | None, named: bool) -> str:
    """Memoised: nodes and documents are immutable once parsed and hash by identity, and a folder
    of decisions cites the same provisions over and over."""
    for node in nodes:
        _check_citable(node)
    parts: list[Part] = []
    for run in _runs(nodes, doc):
        if len(run) >= 3:
            parts.append(Part(address_of(run[0]), address_of(run[-1])))
        else:
            parts.extend(Part(address_of(n)) for n in run)
    return format_parts(parts, style, doc, named=named)


_PROVISIONS = ("article", "paragraph", "item", "subitem")


def _check_citable(node: Node) -> None:
    """Citable: an article and its 款/项/目, or a 编/分编/章/节, every level numbered (a heading
    with a malformed number has none to print)."""
    chain = [node]
    while chain[-1].parent is not None and chain[-1].type != "article":
        chain.append(chain[-1].parent)
    if node.type in DIVISIONS:
        citable = all(n.number is not None for n in chain if n.type in DIVISIONS)
    else:
        citable = all(n.type in _PROVISIONS and n.number is not None for n in chain) and chain[-1].type == "article"
    if not citable:
        raise NotCitable(f"{_description(node)} cannot be cited",
                         hint="a citation names an article, its 款/项/目 or a numbered 编/章/节; quote the text instead")


def _description(node: Node) -> str:
    printed = node.label or (node.text or "").strip()[:20]
    what = {"title": "the title", "preamble": "the preamble", "attachment": "the attachment",
            "division": "the heading", "history": "the history note"}.get(node.type, f"the {node.type}")
    if node.type in _PROVISIONS and node.article is None:
        what += " outside any article"
    text = f"{what} {printed!r}" if printed else what
    unnumbered = [n for n in _ancestry(node) if n.label and n.number is None and n.type != "division"]
    return text + (f" (the number of {unnumbered[-1].label} is malformed)" if unnumbered else "")


def _ancestry(node: Node) -> list[Node]:
    chain = [node]
    while chain[-1].parent is not None:
        chain.append(chain[-1].parent)
    return chain


def document_label(doc: Document, style: str) -> str:
    """How a citation names the document it points into, written before the provisions:
    《中华人民共和国监察法》 (zh styles; en too, as the corpus has no English titles) or
    ``jianchafa_2024#`` before every eId.  ``parse`` reads each of these back."""
    if style == "eid":
        return f"{doc.id}{EID_DOCUMENT_MARK}"
    return f"《{doc.title or doc.id}》" + (" " if style == "en" else "")


def format_parts(parts: list[Part], style: str = "zh", doc: Document | None = None, *, named: bool = False) -> str:
    _check_style(style)
    if named and doc is None:
        raise ValueError("a citation can only name the document it is formatted against")
    label = document_label(doc, style) if named and doc is not None else ""
    if style == "eid":
        return " ".join(label + eid_of(p.address, doc) + (f"..{eid_of(p.range_to, doc)}" if p.range_to else "")
                        for p in parts)
    out: list[str] = []
    previous: list[tuple[str, str]] = []
    for n, part in enumerate(parts):
        pieces = _components(part.address, style, doc)
        shown = _after_common(previous, pieces) if n else pieces
        if style == "en" and shown and shown[0][0] == "paragraph":
            shown = pieces  # "Article 4; Article 4, paragraph 2": a bare ", paragraph 2" reads as nothing
        if n:
            new_article = not shown or shown[0][0] in ("article", *DIVISIONS)
            out.append(("; " if new_article else ", ") if style == "en" else "、")
        out.append(_join(shown, style))
        previous = pieces
        if part.range_to is not None:
            end = _components(part.range_to, style, doc)
            out.append(" to " if style == "en" else "至")
            out.append(_join(_after_common(pieces, end), style))
            previous = end
    return label + "".join(out)


def _after_common(previous: list[tuple[str, str]], pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop the levels a group member shares with the one before it (第六条第一款第（三）项、第（五）项)."""
    k = 0
    while k < len(pieces) - 1 and k < len(previous) and previous[k] == pieces[k]:
        k += 1
    return pieces[k:]


def _runs(nodes: tuple[Node, ...], doc: Document | None) -> list[list[Node]]:
    runs: list[list[Node]] = []
    for node in nodes:
        if runs and _follows(runs[-1][-1], node, doc):
            runs[-1].append(node)
        else:
            runs.append([node])
    return runs


def _follows(a: Node, b: Node, doc: Document | None) -> bool:
    """Whether ``b`` is the provision right after ``a`` as a range reads it (``expand_range``):
    the next article of the document (之一 articles included), or the next sibling (the next
    item of one 款, the next chapter of one 编)."""
    if a.type != b.type:
        return False
    if a.type == "article":
        if doc is None:
            return False
        order = _article_order(doc)
        return order.get(id(b), -1) == order.get(id(a), -2) + 1
    if a.parent is not b.parent:
        return False
    if a.parent is not None:
        children = a.parent.children
    elif doc is not None:
        children = doc.children
    else:
        return False
    siblings = [c for c in children if c.type == a.type]
    return siblings.index(b) == siblings.index(a) + 1


@lru_cache(maxsize=64)
def _article_order(doc: Document) -> dict[int, int]:
    return {id(article): i for i, article in enumerate(doc.articles())}


def _check_style(style: str) -> None:
    if style not in STYLES:
        raise RegtextError(f"unknown citation style {style!r}", hint=f"use one of {', '.join(STYLES)}")


def quote(nodes: list[Node]) -> str:
    """The text of provisions as printed (labels included), for --quote and templates."""
    return "\n".join(n.full_text() for n in nodes)
