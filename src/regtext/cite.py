"""Citations both ways: parse a citation written in any style into addresses, and format
addresses (one, or a group) in the style a document needs.

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .address import Address, address_of, expand_range, node_for
from .errors import NotFound, RegtextError
from .model import Document, Node
from .numerals import to_chinese
from .styles import STYLES


class CitationSyntaxError(RegtextError):
    """A string that is not a citation in any style regtext reads (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Part:
    """One element of a citation: a provision, or a range of provisions."""

    address: Address
    range_to: Address | None = None
    eid: str | None = None        # when written as an eId, the node is looked up by it directly
    eid_to: str | None = None


@dataclass(slots=True)
class Citation:
    parts: list[Part]
    document: str | None = None   # 《…》 or 本办法 written before the path, if any
    text: str = ""

    @property
    def addresses(self) -> list[Address]:
        return [p.address for p in self.parts]


# -- formatting -----------------------------------------------------------------------------------

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


def _components(address: Address, style: str, doc: Document | None) -> list[tuple[str, str]]:
    """The printed pieces of an address, outermost first: [('article', '第六条'), ('item', '第（三）项')]."""
    if doc is not None and address.article is not None:
        node = node_for(doc, address)
        if node is not None:
            address = address_of(node)
    out: list[tuple[str, str]] = []
    for level, number in address.division:
        name = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节"}[level]
        out.append((level, f"Part {number}" if style == "en" else f"第{to_chinese(number)}{name}"))
    if address.article is not None:
        out.append(("article", _article_label(address.article, style)))
    if _show_paragraph(doc, address, style):
        p = address.paragraph
        out.append(("paragraph", f", paragraph {p}" if style == "en" else f"第{to_chinese(p)}款"))  # type: ignore[arg-type]
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
    parts = [f"art_{address.article}"]
    if address.paragraph is not None or address.item is not None:
        parts.append(f"para_{address.paragraph or 1}")
    if address.item is not None:
        parts.append(f"point_{address.item}")
    if address.subitem is not None:
        parts.append(f"point_{address.subitem}")
    return "__".join(parts)


def format_address(address: Address, style: str = "zh", doc: Document | None = None) -> str:
    if style == "eid":
        return eid_of(address, doc)
    _check_style(style)
    return "".join(text for _, text in _components(address, style, doc))


def format_nodes(nodes: list[Node], style: str = "zh", doc: Document | None = None) -> str:
    """A group of provisions of one document, as one citation: 第六条第一款第（三）项、第（五）项;
    three or more consecutive siblings become a range (第（二）项至第（四）项)."""
    return _format_nodes(tuple(nodes), style, doc)


@lru_cache(maxsize=4096)
def _format_nodes(nodes: tuple[Node, ...], style: str, doc: Document | None) -> str:
    """Memoised: nodes and documents are immutable once parsed and hash by identity, and a folder
    of decisions cites the same provisions over and over."""
    parts: list[Part] = []
    for run in _runs(nodes):
        if len(run) >= 3:
            parts.append(Part(address_of(run[0]), address_of(run[-1])))
        else:
            parts.extend(Part(address_of(n)) for n in run)
    return format_parts(parts, style, doc)


def format_parts(parts: list[Part], style: str = "zh", doc: Document | None = None) -> str:
    _check_style(style)
    if style == "eid":
        return " ".join(eid_of(p.address, doc) + (f"..{eid_of(p.range_to, doc)}" if p.range_to else "")
                        for p in parts)
    out: list[str] = []
    previous: list[tuple[str, str]] = []
    for n, part in enumerate(parts):
        pieces = _components(part.address, style, doc)
        shown = _after_common(previous, pieces) if n else pieces
        if n:
            new_article = not shown or shown[0][0] in ("article", "part", "subpart", "chapter", "section")
            out.append(("; " if new_article else ", ") if style == "en" else "、")
        out.append("".join(t for _, t in shown))
        previous = pieces
        if part.range_to is not None:
            end = _components(part.range_to, style, doc)
            out.append(" to " if style == "en" else "至")
            out.append("".join(t for _, t in _after_common(pieces, end)))
            previous = end
    return "".join(out)


def _after_common(previous: list[tuple[str, str]], pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop the levels a group member shares with the one before it (第六条第一款第（三）项、第（五）项)."""
    k = 0
    while k < len(pieces) - 1 and k < len(previous) and previous[k] == pieces[k]:
        k += 1
    return pieces[k:]


def _runs(nodes: list[Node]) -> list[list[Node]]:
    runs: list[list[Node]] = []
    for node in nodes:
        if runs and _follows(runs[-1][-1], node):
            runs[-1].append(node)
        else:
            runs.append([node])
    return runs


def _follows(a: Node, b: Node) -> bool:
    if a.type != b.type or a.parent is not b.parent or a.type == "article" or a.parent is None:
        return False
    siblings = [c for c in a.parent.children if c.type == a.type]
    return siblings.index(b) == siblings.index(a) + 1


def _check_style(style: str) -> None:
    if style not in STYLES:
        raise RegtextError(f"unknown citation style {style!r}", hint=f"use one of {', '.join(STYLES)}")


# -- parsing --------------------------------------------------------------------------------------

_EID = re.compile(r"art_(?P<art>[0-9]+(?:-[0-9]+)?)(?:__para_(?P<para>[0-9]+))?"
                  r"(?:__point_(?P<item>[0-9]+))?(?:__point_(?P<sub>[0-9]+))?")
_EN = re.compile(
    r"(?:Art(?:icle|\.)?|art(?:icle|\.)?)\s*(?P<art>[0-9]+(?:-[0-9]+)?)"
    r"(?:\s*,\s*(?:paragraph|para\.?|§)\s*(?P<para>[0-9]+))?(?P<points>(?:\s*\([0-9]+\))*)"
    r"(?:\s*,\s*sub-item\s*(?P<sub>[0-9]+))?"
)
_LABEL_ITEM = re.compile(r"([条款])[（(]([零一二三四五六七八九十百0-9]+)[)）](?!项)")


def parse(text: str) -> Citation:
    """Read a citation in any style (zh, zh-short, zh-plain, en, eid; 第4条第3项; Art. 4(3)).
    Raises CitationSyntaxError for anything else."""
    raw = " ".join(text.split())
    if not raw:
        raise CitationSyntaxError("empty citation", hint="for example 第四条第（三）项 or 'Article 4(3)'")
    if raw.startswith("art_"):
        return _parse_eid(raw, text)
    if raw[:3].lower() == "art":
        return _parse_en(raw, text)
    return _parse_zh(raw, text)


def _parse_eid(raw: str, text: str) -> Citation:
    parts = []
    for token in raw.split():
        first, _, last = token.partition("..")
        ends = [_eid_address(first, text)] + ([_eid_address(last, text)] if last else [])
        parts.append(Part(ends[0], ends[1] if len(ends) > 1 else None, first, last or None))
    return Citation(parts, text=text)


def _eid_address(token: str, text: str) -> Address:
    m = _EID.fullmatch(token)
    if not m:
        raise CitationSyntaxError(f"not an eId: {token!r}", hint="eIds look like art_4__para_1__point_3")
    return Address(m.group("art"), _int(m.group("para")), _int(m.group("item")), _int(m.group("sub")))


def _parse_en(raw: str, text: str) -> Citation:
    parts: list[Part] = []
    for chunk in raw.split(";"):
        chunk = chunk.strip()
        m = _EN.match(chunk)
        if not m:
            raise CitationSyntaxError(f"not a citation: {text!r}", hint="write e.g. 'Article 4(3)' or 'Article 6, paragraph 2'")
        base = Address(m.group("art"), _int(m.group("para")))
        first = _en_points(base, m.group("points"))
        if m.group("sub"):
            first = first.with_(subitem=int(m.group("sub")))
        parts.append(Part(first))
        rest = chunk[m.end():]
        for piece in filter(None, (p.strip() for p in re.split(r",|\bto\b|\band\b", rest))):
            points = re.fullmatch(r"(?:\([0-9]+\)\s*)+", piece)
            if not points:
                raise CitationSyntaxError(f"not a citation: {text!r}", hint="write e.g. 'Article 4(3), (4)'")
            sibling = _en_points(base, piece)
            if re.search(r"\bto\s*" + re.escape(piece), rest):
                parts[-1] = Part(parts[-1].address, sibling)
            else:
                parts.append(Part(sibling))
    return Citation(parts, text=text)


def _en_points(base: Address, points: str) -> Address:
    numbers = [int(n) for n in re.findall(r"[0-9]+", points)]
    return base.with_(item=numbers[0] if numbers else None, subitem=numbers[1] if len(numbers) > 1 else None)


def _parse_zh(raw: str, text: str) -> Citation:
    from .refs.grammar import detect

    compact = raw.replace(" ", "")
    compact = _LABEL_ITEM.sub(lambda m: f"{m.group(1)}第（{m.group(2)}）项", compact)  # 第四条（三）
    refs = detect(compact)
    if len(refs) != 1 or refs[0].start != 0 or refs[0].end != len(compact) or not refs[0].paths:
        raise CitationSyntaxError(f"not a citation: {text!r}",
                                  hint="write e.g. 第四条第（三）项, 第六条第一款第（四）项, 'Article 4(3)' or art_4__para_1__point_3")
    ref = refs[0]
    document = ref.anchor_text.strip("《》") if ref.anchor in ("book", "name", "self") else None
    parts = []
    for path in ref.paths:
        levels = {s.level: s.number for s in path.steps if s.level in ("article", "paragraph", "item", "subitem")}
        division = tuple((s.level, int(s.number)) for s in path.steps
                         if s.level in ("part", "subpart", "chapter", "section"))
        address = Address(**levels, division=division)  # type: ignore[arg-type]
        end = None
        if path.range_to:
            end = Address(**{s.level: s.number for s in path.range_to if s.level in levels or s.level in
                             ("article", "paragraph", "item", "subitem")})  # type: ignore[arg-type]
        parts.append(Part(address, end))
    if any(p.address.article is None and not p.address.division for p in parts):
        raise CitationSyntaxError(f"no article in citation {text!r}", hint="start with 第…条, e.g. 第六条第二款")
    return Citation(parts, document=document, text=text)


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


# -- resolving against a document -----------------------------------------------------------------

def resolve(doc: Document, citation: Citation | str) -> list[Node]:
    """The nodes a citation designates in ``doc``; NotFound (with the nearest provisions) if any
    part does not exist."""
    if isinstance(citation, str):
        citation = parse(citation)
    nodes: list[Node] = []
    for part in citation.parts:
        first = doc.get(part.eid) if part.eid else node_for(doc, part.address)
        if first is None:
            raise NotFound(f"{format_address(part.address)} does not exist in 《{doc.title or doc.id}》",
                           hint=nearest(doc, part.address))
        if part.range_to is None:
            nodes.append(first)
            continue
        last = doc.get(part.eid_to) if part.eid_to else node_for(doc, part.range_to)
        if last is None:
            raise NotFound(f"{format_address(part.range_to)} does not exist in 《{doc.title or doc.id}》",
                           hint=nearest(doc, part.range_to))
        nodes.extend(expand_range(doc, first, last))
    return nodes


def find_named(doc: Document, name: str) -> list[Node]:
    """Provisions named as drafters name them: an eId, an item heading (诫勉, 监管落实不力) or a
    citation in any style.  Empty when nothing matches (or the name is not a citation)."""
    node = doc.get(name)
    if node is not None:
        return [node]
    by_heading = [n for n in doc.walk() if n.type in ("item", "subitem") and n.heading == name]
    if by_heading:
        return by_heading[:1]
    try:
        return resolve(doc, name)
    except RegtextError:
        return []


def nearest(doc: Document, address: Address) -> str:
    """What does exist near a missing address, said the way a drafter would look for it."""
    articles = doc.articles()
    article = doc.article(address.article) if address.article else None
    if article is None:
        if not articles:
            return "the document has no articles"
        wanted = int(str(address.article or "0").split("-")[0])
        near = min(articles, key=lambda a: abs(int(str(a.number).split("-")[0]) - wanted) if a.number else 1e9)
        return f"it has {articles[0].label} to {articles[-1].label}; nearest: {near.label}"
    paragraphs = [c for c in article.children if c.type == "paragraph"]
    if address.paragraph is not None and address.paragraph > len(paragraphs):
        return f"{article.label} has {len(paragraphs)} 款"
    scope = paragraphs if address.paragraph is None else [paragraphs[address.paragraph - 1]]
    items = [c for p in scope for c in p.children if c.type == "item"]
    if address.item is not None:
        if not items:
            return f"{article.label} has no items"
        return f"{article.label} has items {items[0].label}–{items[-1].label}"
    return f"see {article.label}"


def quote(nodes: list[Node]) -> str:
    """The text of provisions as printed (labels included), for --quote and templates."""
    return "\n".join(n.full_text() for n in nodes)
