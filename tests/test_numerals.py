from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regtext.numerals import NUMERAL_CHARS, to_chinese, to_int, to_sub_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("一百零二", 102), ("一百一十", 110),
        ("一百二十八", 128), ("三百零八", 308), ("一千零三", 1003), ("一千零五", 1005), ("一千二百六十", 1260),
        ("一万零五", 10_005), ("一万零一百", 10_100), ("十万", 100_000), ("一亿二千万", 120_000_000),
        ("一万亿", 10**12), ("零", 0), ("128", 128), ("１２", 12),
    ],
)
def it_reads_statute_numerals(text: str, value: int) -> None:
    assert to_int(text) == value


@pytest.mark.parametrize(("value", "text"), [(10, "十"), (15, "十五"), (110, "一百一十"), (1003, "一千零三"),
                                             (308, "三百零八"), (20_010_000, "二千零一万"),
                                             (100_100_000, "一亿零一十万")])
def it_writes_numerals_as_statutes_do(value: int, text: str) -> None:
    assert to_chinese(value) == text


def _reference_spelling(number: int) -> str:
    """Statute spelling of 0 ≤ number ≤ 100,000, written independently of numerals.py: read the
    decimal digits left to right, one 零 for each run of empty places, none at the end, 十 without
    一 at the start."""
    if number == 0:
        return "零"
    places = ["", "十", "百", "千", "万", "十"]  # 100,000 is 十万: the 万 is added below
    digits = str(number)
    out, zero = "", False
    for position, digit in enumerate(digits):
        place = len(digits) - 1 - position
        if digit == "0":
            zero = zero or bool(out)
        else:
            out += ("零" if zero else "") + "零一二三四五六七八九"[int(digit)] + places[place]
            zero = False
        if place == 4 and len(digits) == 6:
            out += "万"  # 十万 … 十万: only 100,000 itself in this range
    return out[1:] if out.startswith("一十") else out


def it_spells_and_reads_every_number_up_to_100000_one_way_only() -> None:
    mismatches = []
    for number in range(100_001):
        text = to_chinese(number)
        if text != _reference_spelling(number) or to_int(text) != number:
            mismatches.append((number, text))
    assert mismatches == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("十一十二", "十 after 十 (千, 百 and 十 come once each, in this order)"),
        ("十七十八", "十 after 十 (千, 百 and 十 come once each, in this order)"),
        ("十十八", "十 after 十 (千, 百 and 十 come once each, in this order)"),
        ("五十一百", "百 after 十 (千, 百 and 十 come once each, in this order)"),
        ("一百二", "the digit after 百 is ambiguous (write 一百二十 or 一百零二)"),
        ("一千二", "the digit after 千 is ambiguous (write 一千二百 or 一千零二)"),
        ("一万五", "the digit after 万 is ambiguous (write 一万五千 or 一万零五)"),
        ("一千二十", "a skipped place needs 零 (write 一千零二十)"),
        ("一万五十", "a skipped place needs 零 (write 一万零五十)"),
        ("百十一", "百 needs a digit before it (一百)"),
        ("一百零十", "十 needs a digit before it (一十)"),
        ("一百零一十", "零 where no place is skipped (write 一百一十)"),
        ("一万零一千", "零 where no place is skipped (write 一万一千)"),
        ("零十", "a numeral cannot start with 零"),
        ("十零", "零 at the end"),
        ("一千零零五", "零 twice in a row"),
        ("一十五", "a leading ten is written 十, not 一十 (write 十五)"),
        ("一亿亿", "亿 appears twice"),
        ("一万万", "万 appears twice"),
        ("万", "万 needs a number before it"),
        ("一二", "two digits without a unit between them (一二)"),
        ("两百", "statutes write 二, not 两"),
        ("一百〇二", "statutes write 零, not 〇"),
        ("十a", "'a' is not a numeral character"),
    ],
)
def it_refuses_malformed_numerals_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as raised:
        to_int(text)
    assert str(raised.value) == f"{text!r} is not a well-formed Chinese numeral: {reason}"


@pytest.mark.parametrize(("text", "message"), [("", "empty numeral"), ("12a", "'12a' is not a number"),
                                               ("04", "'04' has a leading zero: write 4"),
                                               ("００７", "'００７' has a leading zero: write 7")])
def it_rejects_what_is_not_a_number(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}$"):
        to_int(text)


def it_refuses_numbers_that_would_need_yi_twice() -> None:
    with pytest.raises(ValueError, match="too large"):
        to_chinese(10**16)


@given(st.integers(min_value=0, max_value=10**16 - 1))
def it_round_trips_every_number(value: int) -> None:
    assert to_int(to_chinese(value)) == value


@given(st.text(alphabet=NUMERAL_CHARS + "条a", max_size=8))
def it_reads_only_the_one_statute_spelling_of_a_number(text: str) -> None:
    """Whatever it is given, to_int either refuses it with a ValueError or was given exactly the
    spelling to_chinese writes: no second, almost-right spelling is read as some number."""
    try:
        value = to_int(text)
    except ValueError:
        return
    assert to_chinese(value) == text


def it_reads_arabic_zero_and_numbers_without_a_leading_zero() -> None:
    assert (to_int("0"), to_int("10"), to_int("１０")) == (0, 10, 10)


@pytest.mark.parametrize(("text", "message"), [("零", "之零 is no statute number: 之N counts from 之一"),
                                               ("0", "之0 is no statute number: 之N counts from 之一")])
def it_counts_zhi_numbers_from_one(text: str, message: str) -> None:
    """第十条之零 would be 第十条 itself: 之N counts the articles inserted after 第十条 from 之一."""
    assert (to_sub_int("一"), to_sub_int("二十")) == (1, 20)
    with pytest.raises(ValueError, match=f"^{message}$"):
        to_sub_int(text)
