"""What the search compares: a text folded so that one query matches every typesetting of a term.

Laws print the same item number as （三） or (三), the same figure as １２ or 12, the same Latin
word as ＧＢ or GB.  Folding maps each full-width ASCII form (U+FF01–U+FF5E) to its ASCII
character and ASCII capitals to small letters.  Every mapping is one character to one character,
so an offset in the folded text is the same offset in the real text: a match is found in the
folded text and reported in the real one.  Nothing else is folded (whitespace, 〔〕, “”): a
folding that changes lengths would need an offset map of its own.

The index keys are the folded text's single characters and character pairs ("grams"), whitespace
left out: a term of one character is looked up by itself, a longer one by its pairs.
"""

from __future__ import annotations

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_CAPITALS = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
#: str.translate table: full-width ASCII → ASCII (then capitals → small letters).
FOLD = {**_FULL_WIDTH, **{k: _CAPITALS.get(v, v) for k, v in _FULL_WIDTH.items()}, **_CAPITALS}


def fold(text: str) -> str:
    return text.translate(FOLD)


def grams(folded: str) -> set[str]:
    """The index keys of a folded text: its characters and its pairs of characters, except those
    holding whitespace (a term is never looked up by them)."""
    chars = set(folded)
    pairs = set(map(str.__add__, folded, folded[1:]))
    blank = {c for c in chars if c.isspace()}
    if blank:
        chars -= blank
        pairs = {p for p in pairs if p[0] not in blank and p[1] not in blank}
    return chars | pairs


def term_grams(folded_term: str) -> set[str]:
    """The keys a unit holding ``folded_term`` certainly has: the term's pairs, or its characters
    when it has no pair without whitespace (a term of one character; a phrase such as "a b")."""
    whole = grams(folded_term)
    pairs = {g for g in whole if len(g) == 2}
    return pairs or whole
