"""Chinese numerals <-> integers.

Statutes number 编/章/节/条/项 in Chinese numerals of any size (第一千二百零三条) and 目 in
Arabic digits; drafters also type 第10条. One converter keeps every stage agreeing on what
"the same number" means.

Reading is strict: a number has exactly one statute spelling (the one ``to_chinese`` writes), and
anything else is refused with the reason, never read as a nearby number.  十一十二, 十七十八 or
一百二 (colloquial 120, or 102 with 零 left out?) are a typo or a draft's slip, and a legal tool
that guessed would cite the wrong article without a word.  Across the bundled corpus and the
lawrefbook texts no article, chapter or item number uses 两 or 〇: statutes write 二 and 零.
Arabic digits are read without a leading zero (04): no citation style and no eId prints one.
"""

from __future__ import annotations

from functools import lru_cache

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

#: Every character that may appear in a numeral, for building regular expressions.  Wider than
#: what ``to_int`` accepts (两, 〇), so that a malformed number is found and refused, not missed.
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
#: A regex character class matching one numeral character, Chinese or Arabic.
NUMERAL_CLASS = f"[{NUMERAL_CHARS}0-9０-９]"

#: Numbers from 一亿亿 (10**16) up would need 亿 twice: no statute counts that far.
LIMIT = 10**16

_PLACES = {"千": 3, "百": 2, "十": 1}
_UNIT_AT = {3: "千", 2: "百", 1: "十"}
_STATUTE_DIGITS = "一二三四五六七八九"
_VARIANTS = {"两": "statutes write 二, not 两", "〇": "statutes write 零, not 〇", "○": "statutes write 零, not ○"}


class _Malformed(Exception):
    """Why a numeral is not in statute form; to_int turns it into a ValueError naming the text."""


@lru_cache(maxsize=8192)  # a long text repeats the same few numerals (（一）…（五）) thousands of times
def to_int(text: str) -> int:
    """Convert 一百二十八 / 128 / １２８ / 十一 to an int; raise ValueError, with the reason, for
    anything that is not a number in statute form."""
    if not text:
        raise ValueError("empty numeral")
    ascii_text = text.translate(FULLWIDTH_DIGITS)
    if ascii_text.isascii():
        if not ascii_text.isdigit():
            raise ValueError(f"{text!r} is not a number")
        if len(ascii_text) > 1 and ascii_text[0] == "0":
            # no style prints 04 (nor an eId: art_4), so 第04条, art_04 and 'Article 04' are slips
            raise ValueError(f"{text!r} has a leading zero: write {int(ascii_text)}")
        return int(ascii_text)
    try:
        return _read(text)
    except _Malformed as reason:
        raise ValueError(f"{text!r} is not a well-formed Chinese numeral: {reason}") from None


def _read(text: str) -> int:
    for ch in text:
        if ch in _VARIANTS:
            raise _Malformed(_VARIANTS[ch])
        if ch not in DIGITS and ch not in SMALL_UNITS and ch not in BIG_UNITS:
            raise _Malformed(f"{ch!r} is not a numeral character")
    if text == "零":
        return 0
    if text.count("亿") > 1:
        raise _Malformed("亿 appears twice")
    high, unit, low = text.partition("亿")
    if not unit:
        return _group(text, leading=True)
    if not high:
        raise _Malformed("亿 needs a number before it")
    return _group(high, leading=True) * 100_000_000 + _tail(high + unit, low, 10_000_000, "千万")


def _group(text: str, leading: bool) -> int:
    """A number below 一亿: [section 万] [tail]."""
    if text.count("万") > 1:
        raise _Malformed("万 appears twice")
    high, unit, low = text.partition("万")
    if not unit:
        return _section(text, leading)
    if not high:
        raise _Malformed("万 needs a number before it")
    return _section(high, leading) * 10_000 + _tail(high + unit, low, 1000, "千")


def _tail(head: str, low: str, place: int, next_unit: str) -> int:
    """What follows 万 or 亿: it starts with 零 exactly when its highest place (``place``) is empty
    (一万零五, 一万五千; 一亿零五万, 一亿五千万)."""
    if not low:
        return 0
    if low[0] == "零":
        rest = low[1:]
        if not rest:
            raise _Malformed("零 at the end")
        if rest[0] == "零":
            raise _Malformed("零 twice in a row")
        value = _group(rest, leading=False)
        if value >= place:
            raise _Malformed(f"零 where no place is skipped (write {head}{rest})")
        return value
    value = _group(low, leading=False)
    if value >= place:
        return value
    if low in _STATUTE_DIGITS:
        raise _Malformed(f"the digit after {head[-1]} is ambiguous (write {head}{low}{next_unit} or {head}零{low})")
    raise _Malformed(f"a skipped place needs 零 (write {head}零{low})")


def _section(text: str, leading: bool) -> int:
    """A number below 一万: digits with 千, 百, 十 in falling order, one 零 for skipped places,
    and 十 without 一 only at the very start of a numeral (十五, but 一百一十五)."""
    value = 0
    last_place, last_term = 4, ""
    zero = False
    i = 0
    while i < len(text):
        start, ch = i, text[i]
        if ch == "零":
            if i == 0:
                raise _Malformed("a numeral cannot start with 零")
            if zero:
                raise _Malformed("零 twice in a row")
            zero = True
            i += 1
            continue
        if ch in BIG_UNITS:  # only reached for a 万 inside the part before 亿 … after 万: 一万亿万
            raise _Malformed(f"{ch} is out of place")
        digit: int | None = None
        if ch in _PLACES:
            place = _PLACES[ch]
            i += 1
        else:
            digit = DIGITS[ch]
            i += 1
            if i < len(text) and text[i] in _PLACES:
                place = _PLACES[text[i]]
                i += 1
            elif i < len(text):
                raise _Malformed(f"two digits without a unit between them ({ch}{text[i]})")
            else:
                place = 0
        term = text[start:i]
        if place >= last_place:
            raise _Malformed(f"{term[-1]} after {last_term[-1]} (千, 百 and 十 come once each, in this order)")
        if digit is None:
            if not (place == 1 and leading and start == 0):
                raise _Malformed(f"{ch} needs a digit before it (一{ch})")
            digit = 1
        elif place == 1 and digit == 1 and leading and start == 0:
            raise _Malformed(f"a leading ten is written 十, not 一十 (write {text[1:]})")
        if last_place != 4:
            skipped = last_place - place - 1
            if skipped and not zero:
                if place == 0 and last_place >= 2:
                    raise _Malformed(f"the digit after {last_term[-1]} is ambiguous "
                                     f"(write {text}{_UNIT_AT[last_place - 1]} or {text[:start]}零{ch})")
                raise _Malformed(f"a skipped place needs 零 (write {text[:start]}零{text[start:]})")
            if not skipped and zero:
                raise _Malformed(f"零 where no place is skipped (write {text[:start - 1]}{text[start:]})")
        value += digit * 10**place
        last_place, last_term, zero = place, term, False
    if zero:
        raise _Malformed("零 at the end")
    return value


def to_sub_int(text: str) -> int:
    """The N of 第十条之N, which counts from 之一 (the first article inserted after 第十条): 之零
    would be 第十条 itself, and no statute prints it.  ValueError, with the reason, otherwise."""
    value = to_int(text)
    if value == 0:
        raise ValueError(f"之{text} is no statute number: 之N counts from 之一")
    return value


@lru_cache(maxsize=8192)
def to_chinese(number: int) -> str:
    """Format an int the way statutes do: 10 → 十, 15 → 十五, 110 → 一百一十, 1003 → 一千零三."""
    if number < 0:
        raise ValueError("negative numbers have no Chinese statute form")
    if number >= LIMIT:
        raise ValueError(f"{number} is too large for a Chinese statute numeral (it would need 亿 twice)")
    if number == 0:
        return "零"
    return _spell(number, leading=True)


def _spell(number: int, leading: bool) -> str:
    if number >= 100_000_000:
        high, low = divmod(number, 100_000_000)
        return _spell(high, leading) + "亿" + _tail_text(low, 10_000_000)
    if number >= 10_000:
        high, low = divmod(number, 10_000)
        return _spell(high, leading) + "万" + _tail_text(low, 1000)
    return _below_10000(number, leading)


def _tail_text(low: int, place: int) -> str:
    """The part after 万/亿, with 零 when the next place is empty (一万零五)."""
    if low == 0:
        return ""
    # below the big unit a ten keeps its 一: 二十六万零一十, not 二十六万零十
    return ("零" if low < place else "") + _spell(low, leading=False)


_DIGIT_CHARS = "零一二三四五六七八九"


def _below_10000(number: int, leading: bool) -> str:
    out: list[str] = []
    pending_zero = False
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, number = divmod(number, unit)
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        if not (unit == 10 and d == 1 and not out and leading):
            out.append(_DIGIT_CHARS[d])
        out.append(char)
    return "".join(out)
