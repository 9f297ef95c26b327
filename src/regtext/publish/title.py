"""A title too long for one line → lines broken where a reader expects them (GB/T 9704-2012 7.3.1).

7.3.1: a title of several lines is broken "词意完整，排列对称，长短适宜", in a 梯形 or 菱形 shape.
Without a word segmenter (no new dependency) the break points come from what is known about a
decision's title: the names the renderer put into it (the subject, the issuing organs, the
sanctions, a 《regulation》) are never split, and the remaining text is cut only at the edges of a
small vocabulary of title words (关于对, 给予, 予以, 进行, 并, 或者, 同志, 的决定 …).  A run of text
the vocabulary does not know is one unbreakable piece.  Never a line ending in 的 or starting
with it (``…检查的／决定``, ``…处分／的决定``).  Among the ways to cut the pieces into the fewest
lines that fit, the most balanced one wins; a 沙漏 (a middle line shorter than both neighbours)
is avoided, and between two equally balanced choices the shorter upper line (正梯形).

The lines are the title's own characters: joined, they give the title back unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import combinations

#: Characters of 2号 (22 pt) 小标宋 in the 156 mm text block: 442.2 pt / 22 pt = 20.1 (the title
#: is neither condensed nor indented); checked on LibreOffice's PDF (tests/test_title.py).
WIDTH = 20

#: Title words, longest first where one begins another.  Their edges are the break points.
WORDS = ("关于对", "关于", "给予", "予以", "进行", "责令", "移送", "并", "或者", "同志", "有关问题",
         "涉嫌犯罪", "问题线索", "处分", "的决定", "的建议", "的通报", "的函", "的意见", "的报告", "的批复")
#: Words that govern what follows them: a line ending with one reads as cut short.
_GOVERNING = frozenset(("关于对", "关于", "给予", "予以", "进行", "责令", "移送", "并", "或者"))
_QUOTED = re.compile(r"《[^《》]*》|“[^“”]*”|（[^（）]*）")
_NO_LINE_START = frozenset("、，。；：）》”")
_NO_LINE_END = frozenset("（《“")

# cost of each kind of imperfection, in units of (one character of imbalance)²
_AFTER_GOVERNING = 30
_AFTER_PAUSE = 30         # after 、 or ，: a title line ending in a pause mark
_BEFORE_TONGZHI = 60      # 张某某／同志
_SANDGLASS = 100
_UPPER_LONGER = 1


def width_of(text: str) -> float:
    """Width in ems: a CJK character or full-width mark is one, anything else half of one."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def title_lines(title: str, keep: Iterable[str] = (), width: float = WIDTH) -> list[str]:
    """``title`` in lines of at most ``width`` ems; ``keep`` are names never to be split."""
    if width_of(title) <= width:
        return [title]
    points = break_points(title, keep)
    least = max(1, int(-(-width_of(title) // width)))
    for lines in range(least, least + 4):
        best = _best(title, points, lines, width)
        if best is not None:
            return best
    return _forced(title, width)


def break_points(title: str, keep: Iterable[str] = ()) -> dict[int, int]:
    """Where the title may be broken (index of the first character of the next line) → the cost
    of breaking there."""
    inside: set[int] = set()      # positions strictly inside a name or quotation
    edges: dict[int, int] = {}
    for name in {k for k in keep if k}:
        for m in re.finditer(re.escape(name), title):
            inside.update(range(m.start() + 1, m.end()))
            edges.setdefault(m.start(), 0)
            edges.setdefault(m.end(), 0)
    for m in _QUOTED.finditer(title):
        inside.update(range(m.start() + 1, m.end()))
        edges.setdefault(m.start(), 0)
        edges.setdefault(m.end(), 0)
    i = 0
    while i < len(title):
        word = next((w for w in WORDS if title.startswith(w, i) and i not in inside), None)
        if word is None:
            if title[i] in "、，" and i + 1 < len(title):
                edges[i + 1] = max(edges.get(i + 1, 0), _AFTER_PAUSE)
            i += 1
            continue
        end = i + len(word)
        edges[i] = max(edges.get(i, 0), _BEFORE_TONGZHI if word == "同志" else 0)
        edges[end] = max(edges.get(end, 0), _AFTER_GOVERNING if word in _GOVERNING else 0)
        i = end
    return {p: cost for p, cost in sorted(edges.items()) if _allowed(title, p, inside)}


def _allowed(title: str, p: int, inside: set[int]) -> bool:
    if not 0 < p < len(title) or p in inside:
        return False
    before, after = title[p - 1], title[p]
    return not (before == "的" or after == "的" or after in _NO_LINE_START or before in _NO_LINE_END)


def _best(title: str, points: dict[int, int], lines: int, width: float) -> list[str] | None:
    best: tuple[float, list[str]] | None = None
    for cut in combinations(points, lines - 1):
        bounds = (0, *cut, len(title))
        parts = [title[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        widths = [width_of(p) for p in parts]
        if max(widths) > width:
            continue
        cost = _shape_cost(widths) + sum(points[p] for p in cut)
        if best is None or cost < best[0]:
            best = (cost, parts)
    return None if best is None else best[1]


def _shape_cost(widths: list[float]) -> float:
    mean = sum(widths) / len(widths)
    cost = sum((w - mean) ** 2 for w in widths)
    for upper, middle, lower in zip(widths, widths[1:], widths[2:], strict=False):
        if middle < upper and middle < lower:
            cost += _SANDGLASS
    if widths[0] > widths[-1]:
        cost += _UPPER_LONGER
    return cost


def _forced(title: str, width: float) -> list[str]:
    """No way along word edges (a name wider than a line): fill each line, still never ending a
    line in 的 nor starting one with it."""
    out: list[str] = []
    start = 0
    while width_of(title[start:]) > width:
        end = start + 1
        while width_of(title[start:end + 1]) <= width:
            end += 1
        while end - start > 1 and "的" in (title[end - 1], title[end]):
            end -= 1
        out.append(title[start:end])
        start = end
    out.append(title[start:])
    return out
