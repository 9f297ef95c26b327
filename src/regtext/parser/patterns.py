"""How a line announces a structural unit (编/章/节/条/项/目, 附则, 附件, footnotes).

Normalisation needs these too (a page break is joined only when the next line does not start a
unit), so they live here, shared, rather than inside the segmenter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..numerals import NUMERAL_CLASS

N = NUMERAL_CLASS
CN = "[零〇○一二两三四五六七八九十百千万]"
SPACE_CHARS = " \t\u3000\u2002\u2003\u00a0"
SPACE = f"[{SPACE_CHARS}]"


class OnFirstUse:
    """A pattern compiled when first used, for what many texts never have (附则, 附件, footnotes,
    pasted page numbers, invisible characters, law names without 《》): compiling one costs about
    a millisecond at every start of the CLI.  The methods are the pattern's, spelled out so that
    the type checker sees what they return."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def _pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self._pattern().match(string, pos)

    def fullmatch(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self._pattern().fullmatch(string, pos)

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self._pattern().search(string, pos)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        return self._pattern().finditer(string)

    def sub(self, repl: str, string: str) -> str:
        return self._pattern().sub(repl, string)


#: 第一编 / 第二分编 / 第三章 / 第一节 followed by the heading text.
DIVISION = re.compile(rf"第({N}+){SPACE}*(分编|编|章|节)(?P<sep>{SPACE}*)")
#: 第四条 / 第一百二十条之一 / 第一百二十八 条 followed by the separator.
ARTICLE = re.compile(rf"第(?P<inner0>{SPACE}*)(?P<num>{N}+)(?P<inner>{SPACE}*)条(?:之(?P<sub>{N}+))?(?P<sep>{SPACE}*)")
#: （三） / (三) — both widths, as published.
ITEM = re.compile(rf"[（(](?P<num>{CN}+)[)）](?P<sep>{SPACE}*)")
#: 1. / 1． / 1、 / （1） / (1) — a 目 under an item (1、 at most two digits: 2019、2020年 is a sentence).
SUBITEM = re.compile(
    rf"(?:(?P<num>[0-9０-９]{{1,2}}(?=、)|[0-9０-９]+(?=[.．](?![0-9０-９])))[.．、]|[（(](?P<pnum>[0-9０-９]+)[)）])"
    rf"(?P<sep>{SPACE}*)"
)
#: Headings without a number: 附则, 序言 (a line of their own).
UNNUMBERED = OnFirstUse(rf"(?P<word>附{SPACE}*则|序{SPACE}*言){SPACE}*$")
#: 附件 / 附表 / 附件1 / 附件二：标题 / 附：标题 — starts an attachment (a line of its own).  The bare
#: 附： is an attachment only after the first article (segment): before it, it may introduce the
#: whole regulation, as in a notice that publishes one.
ATTACHMENT = OnFirstUse(
    rf"附{SPACE}*(?:[件表录](?:{SPACE}*[0-9一二三四五六七八九十]+)?(?:{SPACE}*[:：].{{0,40}})?|(?P<bare>[:：]).{{0,40}}){SPACE}*$"
)
#: 一、管辖 — a numbered heading between the articles of a judicial interpretation (segment tells
#: it from an item 一、… by what follows it: an article).
NUMBERED_HEADING = OnFirstUse(rf"(?P<num>[一二三四五六七八九十]+)、(?P<sep>{SPACE}*)")
NUMBERED_HEADING_FIRST = frozenset("一二三四五六七八九十")
#: 注：… / 注1： / ① … — a footnote line.
FOOTNOTE = OnFirstUse(r"(?:注[:：]|注\s*[0-9]+[:：.．]|[①-⑳])")
#: A history block opens with a bracket and a date: （2023年7月27日…
HISTORY_START = re.compile(r"[（(]\s*\d{4}\s*年")
#: Page numbers printed between pages: — 3 —, - 3 -, －3－, 第3页, 第 3 页 共 10 页.
PAGE_NUMBER = OnFirstUse(
    rf"{SPACE}*(?:[—\-－–]+{SPACE}*[0-9]+{SPACE}*[—\-－–]+|第{SPACE}*[0-9]+{SPACE}*页(?:{SPACE}*共{SPACE}*[0-9]+{SPACE}*页)?){SPACE}*$"
)
#: The last character of a line PAGE_NUMBER can match (it ends with a dash or 页, maybe spaces).
PAGE_NUMBER_ENDS = frozenset("—-－–页" + SPACE_CHARS)
#: Sentence-final punctuation: a line ending otherwise, followed by more text, was cut by a page break.
SENTENCE_END = set("。；：！？;:!?…")
#: Closing marks that may follow the sentence end (“…。” / …。）).
CLOSERS = "”’」』）)》〉 \t\u3000"
#: Invisible characters that copy-paste leaves in text.
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
INVISIBLE = OnFirstUse(f"[{INVISIBLE_CHARS}]")

#: Which patterns can match a line, by its first character: every unit pattern above begins with
#: one fixed character class, so one dictionary lookup replaces trying them all in turn.
_BY_FIRST: dict[str, tuple[tuple[str, re.Pattern[str] | OnFirstUse], ...]] = {}
for _chars, _candidates in (
    ("第", (("article", ARTICLE), ("division", DIVISION))),
    ("附", (("unnumbered", UNNUMBERED), ("attachment", ATTACHMENT))),
    ("序", (("unnumbered", UNNUMBERED),)),
    ("（(", (("item", ITEM), ("subitem", SUBITEM))),
    ("0123456789０１２３４５６７８９", (("subitem", SUBITEM),)),
    ("注" + "".join(map(chr, range(ord("①"), ord("⑳") + 1))), (("footnote", FOOTNOTE),)),
):
    for _ch in _chars:
        _BY_FIRST[_ch] = _candidates


def unit_at(body: str) -> tuple[str, re.Match[str]] | None:
    """The unit a line begins with (its indentation already stripped): ("article", match),
    ("division", …), ("unnumbered", …), ("attachment", …), ("item", …), ("subitem", …),
    ("footnote", …); None for running text."""
    candidates = _BY_FIRST.get(body[:1])
    if candidates is not None:
        for kind, pattern in candidates:
            m = pattern.match(body)
            if m is not None:
                return kind, m
    return None


def starts_unit(line: str) -> bool:
    """True when ``line`` (leading spaces allowed) begins 编/章/节/条/项/目, 附则, 附件 or a footnote."""
    return unit_at(line.lstrip(SPACE_CHARS)) is not None


#: What a formula line cannot end with: an operator or a comma means the formula goes on.
_FORMULA_OPEN_ENDS = frozenset("＝=×＋－÷+-*/（(，,、")


def is_formula(line: str) -> bool:
    """应纳税额＝计税依据×税率: no sentence punctuation ends it, yet it is complete.  Only
    meaningful for a line that follows a line ending in ：(or another formula line): elsewhere a
    line with ＝ may be a sentence a page break cut."""
    if "＝" not in line and "=" not in line:
        return False
    body = line.rstrip(SPACE_CHARS)
    return body[-1:] not in _FORMULA_OPEN_ENDS and not ends_sentence(body)


def opens_list(line: str) -> bool:
    """The line ends in ： (what follows is its list, items or formulas)."""
    return line.rstrip(CLOSERS)[-1:] in ("：", ":")


def ends_sentence(line: str) -> bool:
    if line[-1:] in SENTENCE_END:  # the common case, without stripping a copy ("" is not in the set)
        return True
    stripped = line.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END
