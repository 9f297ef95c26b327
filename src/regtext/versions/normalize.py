"""The text two versions are compared on: typesetting differences erased, nothing else.

Two typesettings of one law differ in bracket widths (（一） / (一)), digit widths (１ / 1), the mark
after an item number (1． / 1. / 1、), the colon (︰ / ：), half-width punctuation and spaces; a
comparison that saw them would report amendments nobody made.  Normalisation is only for
comparing: every output shows the real text, so ``normalize`` also returns, for each character it
keeps, its position in the real text.
"""

from __future__ import annotations

import re

#: one character of a typesetting -> its form for comparing
_SAME = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},                      # full-width digits
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},               # full-width Latin capitals
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},               # full-width Latin small
    "（": "(", "）": ")", "［": "[", "］": "]", "〔": "[", "〕": "]",
    "︰": "：", ":": "：", ",": "，", ";": "；", "?": "？", "!": "！",
}
#: the marks that may follow an item number (1． 1. 1、), compared as one
_ITEM_MARKS = frozenset("、．.")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_NUMERALS = frozenset("〇零一二三四五六七八九十百")
#: spaces of every width, and the invisible characters of copied text
_SPACES = frozenset(" \t\r\u3000\u00a0\u2002\u2003\u2009\u200b\u200c\u200d\ufeff")


def normalize(text: str) -> tuple[str, list[int]]:
    """The comparable form of ``text`` and, for each of its characters, the index of the real
    character it stands for.  Line breaks are kept (one per run: blank lines are layout) because a
    new line is a new 款."""
    out: list[str] = []
    where: list[int] = []
    line_start = True
    for index, char in enumerate(text):
        if char in _SPACES:
            continue
        if char == "\n":
            if out and out[-1] != "\n":
                out.append("\n")
                where.append(index)
            line_start = True
            continue
        if char in _ITEM_MARKS and _after_item_number(out, line_start):
            char = "."
        out.append(_SAME.get(char, char))
        where.append(index)
        if char not in _DIGITS and char not in _NUMERALS:
            line_start = False
    if out and out[-1] == "\n":
        out.pop()
        where.pop()
    return "".join(out), where


def _after_item_number(out: list[str], line_start: bool) -> bool:
    """An item mark follows an Arabic number anywhere (1． 1、), or a Chinese numeral that opens a
    line (一、 一．): elsewhere 、 is a list comma (第一、二款 stays as it is)."""
    if not out or out[-1] == "\n":
        return False
    if out[-1] in _DIGITS:
        return True
    return line_start and out[-1] in _NUMERALS


#: the same rules for ``comparable``, which needs no way back and runs on every article twice
_TABLE = str.maketrans({**_SAME, **dict.fromkeys(_SPACES, None)})
_MARK_AFTER_DIGIT = re.compile(r"(?<=[0-9])[、．.]")
_MARK_AT_LINE_START = re.compile(r"(?m)^([0-9〇零一二三四五六七八九十百]+)[、．.]")
_NEWLINES = re.compile(r"\n{2,}")


def comparable(text: str) -> str:
    """``normalize(text)[0]``, faster (tests/test_versions.py checks that they agree)."""
    text = text.translate(_TABLE)
    text = _MARK_AFTER_DIGIT.sub(".", text)
    text = _MARK_AT_LINE_START.sub(r"\1.", text)
    return _NEWLINES.sub("\n", text).strip("\n")
