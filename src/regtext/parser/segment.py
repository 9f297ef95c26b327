"""Normalised text → typed blocks (title, history, headings, article starts, items, text).

A block is one unit as printed: a line, or several lines when a paragraph was wrapped.  Blocks
are flat and carry their exact characters and offsets; ``build`` nests them into the tree.
Each block is its kind and the node it becomes (type, label, text, offsets filled in here), so
the builder links nodes rather than copying every field of a long text's blocks a second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate

from ..levels import DIVISION_OF_WORD
from ..model import Node
from ..numerals import to_int, to_sub_int
from . import patterns as P

#: (kind, node).  kind: title history part subpart chapter section division preamble_heading
#: article item subitem text attachment footnote.  The node's type is what the kind usually
#: becomes (text → paragraph, preamble_heading → preamble); the builder settles the rest.
Block = tuple[str, Node]
#: What patterns.unit_at found at the start of a line: ("article", match), ("item", match), …

class _Lines:
    """The lines of the text, with their start offsets, indentation-free bodies and what unit
    each begins with (patterns.unit_at), each computed once: parallel lists, for speed on long
    texts."""

    def __init__(self, text: str, split: tuple[list[str], list[int], list[bool]] | None = None) -> None:
        if split is not None:  # normalize() split this very text already
            self.text, self.start, self.blank = split
        else:
            self.text = text.split("\n")
            self.start = [0, *accumulate(len(line) + 1 for line in self.text)]
            self.blank = [not line.strip() for line in self.text]
        self.body = [line.lstrip(P.SPACE_CHARS) for line in self.text]
        unit_at = P.unit_at
        self.unit = [unit_at(body) if body else None for body in self.body]

    def __len__(self) -> int:
        return len(self.text)


def segment(text: str, split: tuple[list[str], list[int], list[bool]] | None = None,
            malformed: list[tuple[int, str]] | None = None) -> list[Block]:
    """The blocks of ``text``; ``split`` is its lines, their start offsets and which are blank,
    when the caller has them (Normalized.split).  A heading whose number is not a statute numeral
    (第十一十二条) stays a heading with the label as printed and ``number`` None; ``malformed``
    receives (offset of the numeral, why) for each, to be reported."""
    lines = _Lines(text, split)
    blocks: list[Block] = []
    state = _State(malformed if malformed is not None else [])
    raw, bodies, starts, units = lines.text, lines.body, lines.start, lines.unit
    for first, last, kind in _extents(lines):
        line = raw[first]
        lead = line[: len(line) - len(bodies[first])]
        start = starts[first] + len(lead)
        if first == last:
            body = bodies[first].rstrip(P.SPACE_CHARS)
            end = start + len(body)
        else:
            end = starts[last] + len(raw[last].rstrip(P.SPACE_CHARS))
            body = text[start:end]
        unit = units[first]
        if unit is not None and unit[1].end() > len(body):
            unit = P.unit_at(body)  # the line's match ran into trailing spaces, which are the tail's
        block = _unit(body, start, end, lead, unit, state) if kind == "unit" and unit is not None else None
        if block is None and kind in ("title", "history"):
            block = kind, new_node(kind, start, end, lead, body)
        elif block is None and kind == "numbered_division":
            block = _numbered_division(body, start, end, lead)
        elif block is None:  # running text (or 第五条规定… at the start of a line)
            block = "text", new_node("paragraph", start, end, lead, body)
        blocks.append(block)
    # Leads and tails: the first block's lead holds everything before it, each tail runs to the
    # next block's lead, so concatenating the blocks gives back ``text`` exactly.
    nodes = [node for _, node in blocks]
    for node, following in zip(nodes, nodes[1:], strict=False):
        node.tail = text[node.end:following.start - len(following.lead)]
    if nodes:
        nodes[-1].tail = text[nodes[-1].end:]
        nodes[0].lead = text[: nodes[0].start]
    return blocks


def _extents(lines: _Lines) -> list[tuple[int, int, str]]:
    """Group lines into blocks: (first line, last line, preliminary kind)."""
    extents: list[tuple[int, int, str]] = []
    blank, raw, bodies, units = lines.blank, lines.text, lines.body, lines.unit
    i = 0
    n = len(lines)
    while i < n and blank[i]:
        i += 1
    # Title: the first lines, if they read like one (not a unit, not a sentence, not history).
    if i < n and _title_like(bodies[i], units[i]):
        j = i
        while j + 1 < n and not blank[j + 1] and _title_like(bodies[j + 1], units[j + 1]):
            j += 1
        extents.append((i, j, "title"))
        i = j + 1
    while i < n and blank[i]:
        i += 1
    # History: （2023年7月27日…通过 … 发布）, possibly over several lines and blank lines.
    if i < n and P.HISTORY_START.match(bodies[i]):
        j = i
        while j < n - 1 and j - i < 40 and not raw[j].rstrip().endswith(("）", ")")):
            j += 1
        if not raw[j].rstrip().endswith(("）", ")")):
            j = i
        while blank[j]:
            j -= 1
        extents.append((i, j, "history"))
        i = j + 1
    wrapped_style = _blank_line_style(blank[i:])
    in_attachment = False
    first_article: int | None = None  # line of the first article, found when a bare 附： asks
    formula = False  # the last block is a formula line after a line ending in ：
    heading_first, is_formula = P.NUMBERED_HEADING_FIRST, P.is_formula
    while i < n:
        if blank[i]:
            i += 1
            continue
        j = i
        unit = units[i]
        is_attachment = unit is not None and unit[0] == "attachment"
        if is_attachment and not in_attachment and unit is not None and unit[1].group("bare"):
            if first_article is None:
                first_article = next((k for k, u in enumerate(units) if u is not None and u[0] == "article"), n)
            is_attachment = first_article < i
            unit = unit if is_attachment else None
        in_attachment = in_attachment or is_attachment
        if in_attachment:
            unit = None
        if unit is None and not in_attachment:  # running text: a numbered heading, a formula?
            if bodies[i][:1] in heading_first and _numbered_heading(lines, i):
                extents.append((i, i, "numbered_division"))
                i += 1
                continue
            formula = bool(extents) and is_formula(raw[i]) and (formula or P.opens_list(raw[extents[-1][1]]))
        else:
            formula = False
        # headings (编/章/节, 附则), attachment titles and formulas never continue on the next line
        if not (is_attachment or formula or (unit is not None and unit[0] in _SINGLE_LINE)):
            while j + 1 < n and not blank[j + 1]:
                if not in_attachment and units[j + 1] is not None:
                    break
                if not wrapped_style and P.ends_sentence(raw[j]):
                    break
                j += 1
        extents.append((i, j, "unit" if unit is not None or is_attachment else "text"))
        i = j + 1
    return extents


_SINGLE_LINE = ("division", "unnumbered")


def _numbered_heading(lines: _Lines, i: int) -> bool:
    """一、管辖 on a line of its own, followed by an article: a heading of a judicial
    interpretation, not an item 一、… of a list (items end in punctuation or go on with 二、).
    The caller has checked the first character (NUMBERED_HEADING_FIRST)."""
    body = lines.body[i]
    if len(body) > 40 or body.rstrip(P.SPACE_CHARS).endswith(("，", ",", "、")) \
            or P.ends_sentence(body):
        return False
    m = P.NUMBERED_HEADING.match(body)
    if m is None or not _is_numeral(m.group("num")):
        return False
    k = i + 1
    while k < len(lines) and lines.blank[k]:
        k += 1
    unit = lines.unit[k] if k < len(lines) else None
    return unit is not None and unit[0] == "article"


def _is_numeral(numeral: str) -> bool:
    """Whether numerals.to_int reads it (a heading numbered 十十、 stays text, it is not guessed)."""
    try:
        to_int(numeral)
    except ValueError:
        return False
    return True


def _numbered_division(body: str, start: int, end: int, lead: str) -> Block:
    m = P.NUMBERED_HEADING.match(body)
    assert m is not None  # _numbered_heading matched it
    num, sep = m.group("num", "sep")
    return "division", new_node("division", start, end, lead, body[m.end():], body[: m.end() - len(sep)], sep,
                                to_int(num))


def _title_like(body: str, unit: Unit | None) -> bool:
    return (
        len(body) <= 100
        and unit is None
        and not P.HISTORY_START.match(body)
        and not P.ends_sentence(body)
    )


def _blank_line_style(blank: list[bool]) -> bool:
    """Whether paragraphs are separated by blank lines (then a single newline only wraps a paragraph)."""
    blanks = sum(blank)
    return blanks * 4 >= len(blank) - blanks


class _State:
    """What the classifier remembers: the last article number, to tell 第五条规定… from 第五条 …;
    and the headings whose number is malformed."""

    def __init__(self, malformed: list[tuple[int, str]]) -> None:
        self.last_article: int | None = None
        self.malformed = malformed

    def number(self, numeral: str, offset: int, label: str, read: Callable[[str], int] = to_int) -> int | None:
        """The value of a heading's numeral (``read``: to_sub_int for the N of 之N), or None (and a
        note of why) when it is malformed."""
        try:
            return read(numeral)
        except ValueError as error:
            self.malformed.append((offset, f"malformed number in {label}: {error}"))
            return None


Unit = tuple[str, re.Match[str]]


def _unit(body: str, start: int, end: int, lead: str, unit: Unit, state: _State) -> Block | None:
    """The block a unit line starts; ``unit`` is patterns.unit_at of its first line (the match is
    at offset 0 of ``body`` too, which may run over several lines)."""
    kind, m = unit
    if kind == "article":
        num, sub, sep, inner, inner0 = m.group("num", "sub", "sep", "inner", "inner0")
        try:
            number, sub_number = to_int(num), (to_sub_int(sub) if sub is not None else None)
        except ValueError:
            return _malformed_article(body, start, end, lead, m, state)
        expected = state.last_article is None or number == state.last_article + 1
        continued = sub is not None and number == state.last_article
        if sep or inner or inner0 or expected or continued or m.end() == len(body):
            state.last_article = number
            key = f"{number}-{sub_number}" if sub_number is not None else str(number)
            return "article", _article_node(body, start, end, lead, m, key)
        return None
    if kind == "division":
        if len(body) <= 60 and not P.ends_sentence(body):
            level, sep = DIVISION_OF_WORD[m.group(2)], m.group("sep")
            label = body[: m.end() - len(sep)]
            return level, new_node(level, start, end, lead, body[m.end():], label, sep,
                                   state.number(m.group(1), start + m.start(1), label))
        return None
    if kind == "unnumbered":
        if m.group("word").startswith("附"):
            return "division", new_node("division", start, end, lead, body)
        return "preamble_heading", new_node("preamble", start, end, lead, body)
    if kind == "attachment":
        return "attachment", new_node("attachment", start, end, lead, body)
    if kind == "item":
        sep = m.group("sep")
        label = body[: m.end() - len(sep)]
        return "item", new_node("item", start, end, lead, body[m.end():], label, sep,
                                state.number(m.group("num"), start + m.start("num"), label))
    if kind == "subitem":
        sep = m.group("sep")
        label = body[: m.end() - len(sep)]
        group = "num" if m.group("num") is not None else "pnum"
        return "subitem", new_node("subitem", start, end, lead, body[m.end():], label, sep,
                                   state.number(m.group(group), start + m.start(group), label))
    return "footnote", new_node("footnote", start, end, lead, body)


def _article_node(body: str, start: int, end: int, lead: str, m: re.Match[str], key: str | None) -> Node:
    sep = m.group("sep")
    label = body[: m.end() - len(sep)]
    rest = body[m.end():]
    text = rest.lstrip()  # 第一条 alone on its line: the newline separates label and text
    sep += rest[: len(rest) - len(text)]
    return new_node("article", start, end, lead, text, label, sep, key)


def _malformed_article(body: str, start: int, end: int, lead: str, m: re.Match[str], state: _State) -> Block | None:
    """第十一十二条 …: an article whose number is no statute numeral.  It is not numbered (no
    guess at what was meant, not even in the numbering checks) and the reader is told.  Without a
    space or line end after the label (第十一十二条规定的…) the line is running text, as for any
    number out of sequence."""
    if not (m.group("sep") or m.group("inner") or m.group("inner0") or m.end() == len(body)):
        return None
    node = _article_node(body, start, end, lead, m, None)
    for group, read in (("num", to_int), ("sub", to_sub_int)):
        if m.group(group) is not None:
            state.number(m.group(group), start + m.start(group), node.label, read)
    return "article", node


def new_node(type_: str, start: int, end: int, lead: str, text: str, label: str = "", sep: str = "",
             number: int | str | None = None) -> Node:
    """A node of the tree (the builder's too).  Node is called with its fields in order (type,
    eid, number, label, heading, text, lead, sep, tail, start, end): keyword arguments would cost
    about a microsecond per node, a tenth of the segmenting time of a long text."""
    return Node(type_, "", number, label, None, text, lead, sep, "", start, end)
