"""Reading a citation written in any style (zh, zh-short, zh-plain, en, eid; 第4条第3项; Art. 4(3))
into the addresses it names, with the document it names if any: 《中华人民共和国监察法》第十五条,
《…》 Article 15, ``jianchafa_2024#art_15``.  Chinese citations are read by the reference grammar
(grammar.py), the same one that finds references in a regulation's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import RegtextError
from ..levels import DIVISION_EID_PREFIX, DIVISION_EN, DIVISION_ZH, EID_PREFIX, PROVISIONS, WORD
from ..numerals import NUMERAL_CLASS, to_int, to_sub_int
from .address import Address
from .grammar import NAME_NOT_TOLD, Step, detect

#: Between a document id and an eId: jianchafa_2024#art_15__para_1__point_6.
EID_DOCUMENT_MARK = "#"


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


_NAME_IN_BOOK = "write the law's title in 《》: 《中华人民共和国刑法》第六条"
FORWARD = ("a range runs forward, between provisions of one list (第三条至第五条, 第（二）项至第（四）项); "
            "for the provisions alone write a list (第五条、第三条)")


_EID = re.compile(rf"{EID_PREFIX['article']}_(?P<art>[0-9]+(?:-[0-9]+)?)(?:__{EID_PREFIX['paragraph']}_(?P<para>[0-9]+))?"
                  rf"(?:__{EID_PREFIX['item']}_(?P<item>[0-9]+))?(?:__{EID_PREFIX['subitem']}_(?P<sub>[0-9]+))?")
_EN = re.compile(
    r"(?:Art(?:icle|\.)?|art(?:icle|\.)?)\s*(?P<art>[0-9]+(?:-[0-9]+)?)"
    r"(?:\s*,\s*(?:paragraph|para\.?|§)\s*(?P<para>[0-9]+))?(?P<points>(?:\s*\([0-9]+\))*)"
    r"(?:\s*,\s*sub-item\s*(?P<sub>[0-9]+))?"
)
_LABEL_ITEM = re.compile(r"([条款])[（(]([零一二三四五六七八九十百0-9]+)[)）](?!项)")
_EID_DIVISION = re.compile("(?:{0})_[0-9]+(?:__(?:{0})_[0-9]+)*".format("|".join(DIVISION_EID_PREFIX.values())))
_EID_START = re.compile("{}_|(?:{})_[0-9]".format(EID_PREFIX["article"], "|".join(DIVISION_EID_PREFIX.values())))
#: chp → chapter: the level an eId's division prefix stands for.
_EID_DIVISION_LEVEL = {prefix: level for level, prefix in DIVISION_EID_PREFIX.items()}
_DOC_ID = re.compile(rf"(?P<doc>[a-z][a-z0-9_]*){EID_DOCUMENT_MARK}(?={_EID_START.pattern})")
_EN_START = re.compile("(?:[Aa]rt|{})".format("|".join(DIVISION_EN.values())))
_EN_DIVISION = re.compile(r"(?:(?:{}) [0-9]+ ?)+".format("|".join(DIVISION_EN.values())))
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
        return Address(division=_division_path(token.split("__"), _EID_DIVISION_LEVEL, "_", text))
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
    division = _division_path(words, {v: k for k, v in DIVISION_EN.items()}, " ", text)
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
    compact = raw.replace(" ", "")
    _check_numerals(compact, text)
    compact = _LABEL_ITEM.sub(lambda m: f"{m.group(1)}第（{m.group(2)}）项", compact)  # 第四条（三）
    refs = detect(compact)
    if len(refs) != 1 or refs[0].start != 0 or refs[0].end != len(compact) or not refs[0].paths:
        raise CitationSyntaxError(f"not a citation: {text!r}",
                                  hint="write e.g. 第四条第（三）项, 第六条第一款第（四）项, 'Article 4(3)' or art_4__para_1__point_3")
    ref = refs[0]
    if ref.malformed is not None:  # 第五条至第三条 (a number no statute prints is refused above), 本市…条例第六条
        hint = _NAME_IN_BOOK if ref.malformed.startswith(NAME_NOT_TOLD) else FORWARD
        raise CitationSyntaxError(f"not a citation: {text!r}: {ref.malformed}", hint=hint)
    named = ref.anchor in ("book", "name", "self")
    document = ref.anchor_text.strip("《》") if named else None
    parts = [Part(_steps_address(path.steps), _steps_address(path.range_to) if path.range_to else None)
             for path in ref.paths]
    if any(_without_article(p.address) for p in parts):
        raise CitationSyntaxError(f"no article in citation {text!r}", hint="start with 第…条, e.g. 第六条第二款")
    for part in parts:
        if part.range_to is not None and _unit(part.address) != _unit(part.range_to):
            first, last = (WORD.get(_unit(a), _unit(a)) for a in (part.address, part.range_to))
            raise CitationSyntaxError(f"not a citation: {text!r}: a range runs between two provisions of one kind, "
                                      f"not from {first} to {last}", hint=FORWARD)
    return Citation(parts, document=document, text=text, anchor=ref.anchor if named else "bare")


def _unit(address: Address) -> str:
    """What a range's end names: a division by its level (chapter), else its deepest provision.
    Ends of two kinds (第二章至第四条) bound no list: resolution refuses them too (address.expand_range,
    with the same words), but read as a citation they would not even survive being written in
    another style."""
    return address.division[-1][0] if address.depth == "division" and address.division else address.depth


def _without_article(address: Address) -> bool:
    """第二款 or 第二章第二款: a provision below an article, with no article to hang it on."""
    below = (address.paragraph, address.item, address.subitem) != (None, None, None)
    return address.article is None and (below or not address.division)


def _steps_address(steps: list[Step]) -> Address:
    """第三编第二章 / 第六条第一款第（三）项, as the grammar read them, into an address."""
    levels: dict[str, object] = {s.level: s.number for s in steps if s.level in PROVISIONS}
    division = tuple((s.level, int(s.number)) for s in steps if s.level in DIVISION_ZH)
    return Address.of_levels(levels, division)


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
