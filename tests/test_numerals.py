from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regtext.numerals import to_chinese, to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("一百一十", 110), ("一百二十八", 128),
        ("三百零八", 308), ("一千零三", 1003), ("两", 2), ("一万零五", 10_005), ("十万", 100_000),
        ("一亿二千万", 120_000_000), ("128", 128), ("１２", 12), ("〇", 0),
    ],
)
def it_reads_statute_numerals(text: str, value: int) -> None:
    assert to_int(text) == value


@pytest.mark.parametrize(("value", "text"), [(10, "十"), (15, "十五"), (110, "一百一十"), (1003, "一千零三"),
                                             (308, "三百零八"), (20_010_000, "二千零一万")])
def it_writes_numerals_as_statutes_do(value: int, text: str) -> None:
    assert to_chinese(value) == text


@pytest.mark.parametrize("text", ["", "条", "一二", "万", "十a"])
def it_rejects_what_is_not_a_numeral(text: str) -> None:
    with pytest.raises(ValueError):
        to_int(text)


@given(st.integers(min_value=0, max_value=10**12))
def it_round_trips_every_number(value: int) -> None:
    assert to_int(to_chinese(value)) == value


@given(st.text())
def it_never_fails_except_with_value_error(text: str) -> None:
    try:
        to_int(text)
    except ValueError:
        pass
