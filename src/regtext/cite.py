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

A citation read outside the document it points into names that document (``named=True``):
《中华人民共和国监察法》第十五条第（六）项 in the zh styles, 《中华人民共和国监察法》 Article 15(6) in
en (the corpus has no English titles), and ``jianchafa_2024#art_15__para_1__point_6`` in eid — the
corpus id and ``#`` before every eId of the citation (a range's end, after ``..``, has none).
``parse`` reads all of them back; ``cited_document`` finds the document; 本法, 本细则 and every other
self-reference of the reference grammar mean the document the citation is read in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .address import Address, RangeError, address_of, expand_range, node_for
from .build import EID_PREFIX
from .errors import NotFound, RegtextError
from .model import DIVISIONS, Document, Node
from .numerals import NUMERAL_CLASS, to_chinese, to_int, to_sub_int
from .refs.registry import Registry
from .styles import STYLES

if TYPE_CHECKING:
    from .corpus import Corpus

#: Between a document id and an eId: jianchafa_2024#art_15__para_1__point_6.
EID_DOCUMENT_MARK = "#"


class CitationSyntaxError(RegtextError):
    """A string that is not a citation in any style regtext reads (exit code 2)."""


class NotCitable(RegtextError):
    """A node no citation style can name: the title, the preamble, an attachment, an unnumbered
    heading (附则, 一、管辖) or a heading whose number is malformed.  An empty string in its place
    would print a decision citing nothing (exit code 2)."""


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
    document: str | None = None   # 《…》 or 本办法 written before the path, or the id of jianchafa_2024#art_15
    text: str = ""
    anchor: str = "bare"          # how the document is named: self (本办法), book (《…》), name (刑法), id, bare

    @property
    def addresses(self) -> list[Address]:
        return [p.address for p in self.parts]

    @property
    def other_document(self) -> str | None:
        """The document named when it is not the one the citation is read in (本… names that one)."""
        return self.document if self.anchor in ("book", "name", "id") else None


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


_DIVISION_ZH = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节"}
_DIVISION_EN = {"part": "Part", "subpart": "Subpart", "chapter": "Chapter", "section": "Section"}


def _join(pieces: list[tuple[str, str]], style: str) -> str:
    """The printed pieces as one string; in English a division is a word apart (Part 1 Chapter 2)."""
    if style != "en":
        return "".join(text for _, text in pieces)
    out = ""
    for n, (level, text) in enumerate(pieces):
        out += text + (" " if level in _DIVISION_EN and n + 1 < len(pieces) else "")
    return out


def _components(address: Address, style: str, doc: Document | None) -> list[tuple[str, str]]:
    """The printed pieces of an address, outermost first: [('article', '第六条'), ('item', '第（三）项')]."""
    if doc is not None and address.article is not None:
        node = node_for(doc, address)
        if node is not None:
            address = address_of(node)
    out: list[tuple[str, str]] = []
    for level, number in address.division:
        out.append((level, f"{_DIVISION_EN[level]} {number}" if style == "en"
                    else f"第{to_chinese(number)}{_DIVISION_ZH[level]}"))
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
        if n:
            new_article = not shown or shown[0][0] in ("article", "part", "subpart", "chapter", "section")
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
    if a.parent is not b.parent or (a.parent is None and doc is None):
        return False
    children = a.parent.children if a.parent is not None else doc.children  # type: ignore[union-attr]
    siblings = [c for c in children if c.type == a.type]
    return siblings.index(b) == siblings.index(a) + 1


@lru_cache(maxsize=64)
def _article_order(doc: Document) -> dict[int, int]:
    return {id(article): i for i, article in enumerate(doc.articles())}


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
_EID_DIVISION = re.compile("(?:{0})_[0-9]+(?:__(?:{0})_[0-9]+)*".format("|".join(EID_PREFIX.values())))
_EID_START = re.compile("art_|(?:{})_[0-9]".format("|".join(EID_PREFIX.values())))
_DOC_ID = re.compile(rf"(?P<doc>[a-z][a-z0-9_]*){EID_DOCUMENT_MARK}(?={_EID_START.pattern})")
_EN_START = re.compile("(?:[Aa]rt|{})".format("|".join(_DIVISION_EN.values())))
_EN_DIVISION = re.compile(r"(?:(?:{}) [0-9]+ ?)+".format("|".join(_DIVISION_EN.values())))
_BOOK_EN = re.compile(rf"《(?P<title>[^《》]{{1,100}})》\s*(?={_EN_START.pattern})")
#: A number as written in a citation: after 第 or 之, or in brackets (第四条（三）).
_NUMERAL = re.compile(rf"(?P<mark>[第之（(])(?P<num>{NUMERAL_CLASS}+)")


def parse(text: str) -> Citation:
    """Read a citation in any style (zh, zh-short, zh-plain, en, eid; 第4条第3项; Art. 4(3)), with
    the document it names if any (《…》第十五条, 《…》 Article 15, jianchafa_2024#art_15).
    Raises CitationSyntaxError for anything else."""
    raw = " ".join(text.split())
    if not raw:
        raise CitationSyntaxError("empty citation", hint="for example 第四条第（三）项 or 'Article 4(3)'")
    if _EID_START.match(raw) or _DOC_ID.match(raw):
        return _parse_eid(raw, text)
    book = _BOOK_EN.match(raw)
    if book:
        citation = _parse_en(raw[book.end():], text)
        citation.document, citation.anchor = book.group("title"), "book"
        return citation
    if _EN_START.match(raw):
        return _parse_en(raw, text)
    return _parse_zh(raw, text)


def _parse_eid(raw: str, text: str) -> Citation:
    parts = []
    documents = set()
    for token in raw.split():
        named = _DOC_ID.match(token)
        documents.add(named.group("doc") if named else None)
        first, _, last = token[named.end() if named else 0:].partition("..")
        ends = [_eid_address(first, text)] + ([_eid_address(last, text)] if last else [])
        parts.append(Part(ends[0], ends[1] if len(ends) > 1 else None, first, last or None))
    if len(documents) > 1:
        raise CitationSyntaxError(f"the eIds of {text!r} are not all of one document",
                                  hint="cite one document at a time; write its id before every eId")
    document = documents.pop()
    return Citation(parts, document=document, text=text, anchor="id" if document else "bare")


def _eid_address(token: str, text: str) -> Address:
    if _EID_DIVISION.fullmatch(token):
        return Address(division=_division_path(token.split("__"), {v: k for k, v in EID_PREFIX.items()}, "_", text))
    m = _EID.fullmatch(token)
    if not m:
        raise CitationSyntaxError(f"not an eId: {token!r}", hint="eIds look like art_4__para_1__point_3")
    return Address(_article_number(m.group("art"), text), _int(m.group("para"), text), _int(m.group("item"), text),
                   _int(m.group("sub"), text))


def _parse_en(raw: str, text: str) -> Citation:
    """Article 6(3), (5); Article 4(2) to (4); Article 1 to Article 5; Article 4(3); Article 6(3)."""
    parts: list[Part] = []
    for chunk in raw.split(";"):
        pieces = _EN_JOIN.split(chunk.strip())  # piece, joiner, piece, …
        base: Address | None = None
        for k in range(0, len(pieces), 2):
            address = _en_piece(pieces[k], base, text)
            if k and pieces[k - 1] == "to":
                parts[-1] = Part(parts[-1].address, address)
            else:
                parts.append(Part(address))
            base = address.with_(item=None, subitem=None)
    return Citation(parts, text=text)


#: What joins the members of an English group; the comma of "Article 6, paragraph 2" does not.
_EN_JOIN = re.compile(r"\s*(,(?!\s*(?:paragraph|para\.?|§|sub-item))|\bto\b|\band\b)\s*")


def _division_path(words: list[str], levels: dict[str, str], sep: str, text: str) -> tuple[tuple[str, int], ...]:
    """chp_2 / 'Chapter 2' → (('chapter', 2),)."""
    return tuple((levels[name], _number(number, text)) for name, number in (w.split(sep) for w in words))


def _en_piece(piece: str, base: Address | None, text: str) -> Address:
    """One member of a group: a whole 'Article …' or 'Part 1 Chapter 2', or '(5)' after an
    article (an item of the same 款)."""
    divisions = _EN_DIVISION.match(piece)
    words = re.findall(r"[A-Za-z]+ [0-9]+", divisions.group()) if divisions else []
    division = _division_path(words, {v: k for k, v in _DIVISION_EN.items()}, " ", text)
    if divisions and divisions.end() == len(piece):
        return Address(division=division)
    m = _EN.fullmatch(piece, divisions.end() if divisions else 0)
    if m:
        address = Address(_article_number(m.group("art"), text), _int(m.group("para"), text), division=division)
        address = _en_points(address, m.group("points"), text)
        return address.with_(subitem=_number(m.group("sub"), text)) if m.group("sub") else address
    if base is not None and re.fullmatch(r"(?:\([0-9]+\)\s*)+", piece):
        return _en_points(base, piece, text)
    raise CitationSyntaxError(f"not a citation: {text!r}",
                              hint="write e.g. 'Article 4(3)', 'Article 6, paragraph 2' or 'Article 4(3), (4)'")


def _en_points(base: Address, points: str, text: str) -> Address:
    numbers = [_number(n, text) for n in re.findall(r"[0-9]+", points)]
    return base.with_(item=numbers[0] if numbers else None, subitem=numbers[1] if len(numbers) > 1 else None)


def _check_numerals(compact: str, text: str) -> None:
    """第十一十二条 is not read as 第二十二条: every number must be one a statute would print."""
    for m in _NUMERAL.finditer(compact):
        try:
            (to_sub_int if m.group("mark") == "之" else to_int)(m.group("num"))
        except ValueError as exc:
            raise CitationSyntaxError(
                f"not a citation: {text!r}: {exc}",
                hint="write numbers as a statute prints them (第一百零二条); several provisions as 第十一条、第十二条") from None


def _parse_zh(raw: str, text: str) -> Citation:
    from .refs.grammar import detect

    compact = raw.replace(" ", "")
    _check_numerals(compact, text)
    compact = _LABEL_ITEM.sub(lambda m: f"{m.group(1)}第（{m.group(2)}）项", compact)  # 第四条（三）
    refs = detect(compact)
    if len(refs) != 1 or refs[0].start != 0 or refs[0].end != len(compact) or not refs[0].paths:
        raise CitationSyntaxError(f"not a citation: {text!r}",
                                  hint="write e.g. 第四条第（三）项, 第六条第一款第（四）项, 'Article 4(3)' or art_4__para_1__point_3")
    ref = refs[0]
    if ref.malformed is not None:  # 第五条至第三条 (a number no statute prints is refused above)
        raise CitationSyntaxError(f"not a citation: {text!r}: {ref.malformed}", hint=_FORWARD)
    named = ref.anchor in ("book", "name", "self")
    document = ref.anchor_text.strip("《》") if named else None
    parts = [Part(_steps_address(path.steps), _steps_address(path.range_to) if path.range_to else None)
             for path in ref.paths]
    if any(_without_article(p.address) for p in parts):
        raise CitationSyntaxError(f"no article in citation {text!r}", hint="start with 第…条, e.g. 第六条第二款")
    return Citation(parts, document=document, text=text, anchor=ref.anchor if named else "bare")


def _without_article(address: Address) -> bool:
    """第二款 or 第二章第二款: a provision below an article, with no article to hang it on."""
    below = (address.paragraph, address.item, address.subitem) != (None, None, None)
    return address.article is None and (below or not address.division)


def _steps_address(steps: list) -> Address:  # type: ignore[type-arg]
    """第三编第二章 / 第六条第一款第（三）项, as the grammar read them, into an address."""
    levels = {s.level: s.number for s in steps if s.level in ("article", "paragraph", "item", "subitem")}
    division = tuple((s.level, int(s.number)) for s in steps if s.level in _DIVISION_ZH)
    return Address(**levels, division=division)


def _int(value: str | None, text: str) -> int | None:
    return _number(value, text) if value is not None else None


def _number(digits: str, text: str, read: Callable[[str], int] = to_int) -> int:
    """A number of an eId or an English citation: art_04 and 'Article 04' are refused like 第04条
    (numerals.to_int), not looked up as an article "04" that no document has."""
    try:
        return read(digits)
    except ValueError as exc:
        raise CitationSyntaxError(f"not a citation: {text!r}: {exc}",
                                  hint="write numbers as the style prints them: art_4, 'Article 4'") from None


def _article_number(digits: str, text: str) -> str:
    """ "120-1" (art_120-1, 'Article 120-1': 第一百二十条之一), each number read as _number does."""
    base, _, sub = digits.partition("-")
    return str(_number(base, text)) + (f"-{_number(sub, text, to_sub_int)}" if sub else "")


# -- resolving against a document -----------------------------------------------------------------

def resolve(doc: Document, citation: Citation | str) -> list[Node]:
    """The nodes a citation designates in ``doc``; NotFound (with the nearest provisions) if any
    part does not exist, or if the citation names another document (《中华人民共和国监察法》第四条
    read in any other document would otherwise be that document's 第四条)."""
    if isinstance(citation, str):
        citation = parse(citation)
    _check_document(doc, citation)
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
        try:
            nodes.extend(expand_range(doc, first, last))
        except RangeError as exc:  # art_3..art_1, 'Article 5 to Article 3', 第四条第（三）项至第五条
            raise CitationSyntaxError(f"not a citation: {citation.text!r}: {exc}", hint=_FORWARD) from None
    return nodes


_FORWARD = ("a range runs forward, between provisions of one list (第三条至第五条, 第（二）项至第（四）项); "
            "for the provisions alone write a list (第五条、第三条)")


def names_document(citation: Citation, doc: Document) -> bool:
    """Whether the document a citation names (if any) is ``doc``: by its id (``doc_id#art_4``), or by
    its title, a short title or either without 中华人民共和国 (《监察法》, 监察法第四条)."""
    name = citation.other_document
    if name is None:
        return True
    if citation.anchor == "id":
        return name == doc.id
    names = Registry()
    names.add(doc.title or doc.id, doc.id, doc.meta.names)
    return names.lookup(name) is not None


def _check_document(doc: Document, citation: Citation) -> None:
    if names_document(citation, doc):
        return
    named = citation.other_document
    if citation.anchor == "id":
        raise NotFound(f"{citation.text} names {named}, not {doc.id}", hint=_look_there(named))  # type: ignore[arg-type]
    from .corpus import default_corpus  # deferred: only a misdirected citation needs the corpus

    known = default_corpus().registry.lookup(named)  # type: ignore[arg-type]
    there = (_look_there(known.id) if known is not None and known.id is not None else
             f"《{named}》 is not in the corpus, so its provisions cannot be looked up (run 'regtext corpus' for what is)")
    raise NotFound(f"{citation.text} names 《{named}》, not 《{doc.title or doc.id}》", hint=there)


def _look_there(doc_id: str) -> str:
    return f"look it up in that document (regtext.load({doc_id!r}).find(...)) or use cite.cited_document"


def cited_document(citation: Citation, corpus: Corpus, home: Document) -> Document:
    """The document a citation points into: the one it names (《…》, a law's name, an id), else
    ``home``, the document it is read in (本法, 本细则 and a bare 第四条 all mean that one)."""
    name = citation.other_document
    if name is None:
        return home
    if citation.anchor == "id":
        if name not in corpus:
            raise NotFound(f"{name} is not a corpus id", hint="run 'regtext corpus' for the ids")
        return corpus.load(name)
    known = corpus.registry.lookup(name)
    if known is None or known.id is None:
        raise NotFound(f"《{name}》 is not in the corpus", hint="run 'regtext corpus' for what is")
    return corpus.load(known.id)


def in_other_document(name: str, corpus: Corpus, home: Document) -> tuple[Document, list[Node]] | None:
    """For a template's cite('《中华人民共和国监察法》第十五条') and quote(…): the document a citation
    names when it is not ``home``, and what it designates there.  None when ``name`` is not such
    a citation (a heading, a citation of ``home``: ``find_named`` finds those).  NotFound when
    the document is not in ``corpus`` or lacks the provision."""
    try:
        citation = parse(name)
    except CitationSyntaxError:
        return None
    if names_document(citation, home):
        return None
    target = cited_document(citation, corpus, home)
    return target, resolve(target, citation)


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
