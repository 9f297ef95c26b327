"""Chinese numerals <-> integers.

Statutes number 编/章/节/条/项 in Chinese numerals of any size (第一千二百零三条) and 目 in
Arabic digits; drafters also type 第10条. One converter keeps every stage agreeing on what
"the same number" means.
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

#: Every character that may appear in a numeral, for building regular expressions.
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
#: A regex character class matching one numeral character, Chinese or Arabic.
NUMERAL_CLASS = f"[{NUMERAL_CHARS}0-9０-９]"


@lru_cache(maxsize=8192)  # a long text repeats the same few numerals (（一）…（五）) thousands of times
def to_int(text: str) -> int:
    """Convert 一百二十八 / 128 / １２８ / 十一 to an int; raise ValueError if it is not a numeral."""
    if not text:
        raise ValueError("empty numeral")
    ascii_text = text.translate(FULLWIDTH_DIGITS)
    if ascii_text.isascii():
        if not ascii_text.isdigit():
            raise ValueError(f"not a numeral: {text!r}")
        return int(ascii_text)
    total = 0      # finished groups (above 万/亿)
    section = 0    # current group below 万
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            if digit:  # 一二: two digits without a unit between them
                raise ValueError(f"not a statute numeral: {text!r}")
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (digit or 1) * SMALL_UNITS[ch]  # 十 and 零十 both mean one ten
            digit = None
        elif ch in BIG_UNITS:
            section += digit or 0
            digit = None
            if section == 0 and (ch == "万" or total == 0):
                raise ValueError(f"unit without a number: {text!r}")
            if ch == "亿":  # everything so far is a count of 亿
                total = (total + section) * BIG_UNITS[ch]
            else:
                total += section * BIG_UNITS[ch]
            section = 0
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return total + section + (digit or 0)


@lru_cache(maxsize=8192)
def to_chinese(number: int) -> str:
    """Format an int the way statutes do: 10 → 十, 15 → 十五, 110 → 一百一十, 1003 → 一千零三."""
    if number < 0:
        raise ValueError("negative numbers have no Chinese statute form")
    if number == 0:
        return "零"
    if number >= 100_000_000:
        high, low = divmod(number, 100_000_000)
        return to_chinese(high) + "亿" + _tail(low, 10_000_000)
    if number >= 10_000:
        high, low = divmod(number, 10_000)
        return to_chinese(high) + "万" + _tail(low, 1000)
    return _below_10000(number, leading=True)


def _tail(low: int, place: int) -> str:
    """The part after 万/亿, with 零 when the next place is empty (一万零五)."""
    if low == 0:
        return ""
    # below the big unit a ten keeps its 一: 二十六万零一十, not 二十六万零十
    text = _below_10000(low, leading=False) if low < 10_000 else to_chinese(low)
    return ("零" if low < place else "") + text


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
