"""Normalised text → typed blocks (title, history, headings, article starts, items, text).

A block is one unit as printed: a line, or several lines when a paragraph was wrapped.  Blocks
are flat and carry their exact characters and offsets; ``build`` nests them into the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from . import patterns as P
from .numerals import to_int

DIVISION_KINDS = {"编": "part", "分编": "subpart", "章": "chapter", "节": "section"}


@dataclass(slots=True)
class Block:
    kind: str          # title history part subpart chapter section division preamble_heading
                       # article item subitem text attachment footnote
    start: int         # offset of the label (or text) in the normalised text
    end: int           # offset after the last character of the text
    lead: str = ""     # whitespace before the label (the first block also holds leading blank lines)
    label: str = ""
    sep: str = ""
    text: str = ""
    tail: str = ""     # whitespace after the text up to the next block
    number: int | str | None = None


class _Lines:
    """The lines of the text, with their start offsets, indentation-free bodies and what unit
    each begins with (patterns.unit_at), each computed once: parallel lists, for speed on long
    texts."""

    def __init__(self, text: str) -> None:
        self.text = text.split("\n")
        self.start = [0, *accumulate(len(line) + 1 for line in self.text)]
        self.body = [line.lstrip(P.SPACE_CHARS) for line in self.text]
        self.blank = [not body.strip() for body in self.body]
        unit_at = P.unit_at
        self.unit = [unit_at(body) if body else None for body in self.body]

    def __len__(self) -> int:
        return len(self.text)


def segment(text: str) -> list[Block]:
    lines = _Lines(text)
    blocks: list[Block] = []
    state = _State()
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
        blocks.append(_classify(body, start, end, lead, kind, units[first], state))
    # Leads and tails: the first block's lead holds everything before it, each tail runs to the
    # next block's lead, so concatenating the blocks gives back ``text`` exactly.
    for block, following in zip(blocks, blocks[1:]):
        block.tail = text[block.end:following.start - len(following.lead)]
    if blocks:
        blocks[-1].tail = text[blocks[-1].end:]
        blocks[0].lead = text[: blocks[0].start]
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
    while i < n:
        if blank[i]:
            i += 1
            continue
        j = i
        unit = units[i]
        is_attachment = unit is not None and unit[0] == "attachment"
        in_attachment = in_attachment or is_attachment
        if in_attachment:
            unit = None
        # headings (编/章/节, 附则) and attachment titles never continue on the next line
        if not (is_attachment or (unit is not None and unit[0] in _SINGLE_LINE)):
            while j + 1 < n and not blank[j + 1]:
                if not in_attachment and units[j + 1] is not None:
                    break
                if not wrapped_style and P.ends_sentence(raw[j]):
                    break
                j += 1
        if in_attachment and not is_attachment:
            kind = "attachment-text"
        else:
            kind = "unit" if unit is not None or is_attachment else "text"
        extents.append((i, j, kind))
        i = j + 1
    return extents


_SINGLE_LINE = ("division", "unnumbered")


def _title_like(body: str, unit: tuple[str, re.Match[str]] | None) -> bool:
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
    """What the classifier remembers: the last article number, to tell 第五条规定… from 第五条 …"""

    def __init__(self) -> None:
        self.last_article: int | None = None


Unit = tuple[str, re.Match[str]]


def _classify(body: str, start: int, end: int, lead: str, kind: str, unit: Unit | None, state: _State) -> Block:
    if kind == "unit" and unit is not None:
        block = _unit(body, start, end, lead, unit, state)
        if block is not None:
            return block
    return Block(kind if kind in ("title", "history") else "text", start, end, lead=lead, text=body)


def _unit(body: str, start: int, end: int, lead: str, unit: Unit, state: _State) -> Block | None:
    """The block a unit line starts; ``unit`` is patterns.unit_at of its first line (the match is
    at offset 0 of ``body`` too, which may run over several lines)."""
    kind, m = unit
    if kind == "article":
        num, sub, sep, inner, inner0 = m.group("num", "sub", "sep", "inner", "inner0")
        number = to_int(num)
        expected = state.last_article is None or number == state.last_article + 1
        continued = sub is not None and number == state.last_article
        if sep or inner or inner0 or expected or continued or m.end() == len(body):
            state.last_article = number
            key: int | str = f"{number}-{to_int(sub)}" if sub else str(number)
            label = body[: m.end() - len(sep)]
            rest = body[m.end():]
            text = rest.lstrip()  # 第一条 alone on its line: the newline separates label and text
            sep += rest[: len(rest) - len(text)]
            return Block("article", start, end, lead=lead, label=label, sep=sep, text=text, number=key)
        return None
    if kind == "division":
        if len(body) <= 60 and not P.ends_sentence(body):
            return Block(DIVISION_KINDS[m.group(2)], start, end, lead=lead, label=body[: m.end() - len(m.group("sep"))],
                         sep=m.group("sep"), text=body[m.end():], number=to_int(m.group(1)))
        return None
    if kind == "unnumbered":
        kind = "division" if m.group("word").startswith("附") else "preamble_heading"
        return Block(kind, start, end, lead=lead, text=body)
    if kind == "attachment":
        return Block("attachment", start, end, lead=lead, text=body)
    if kind == "item":
        num, sep = m.group("num", "sep")
        return Block("item", start, end, lead=lead, label=body[: m.end() - len(sep)], sep=sep,
                     text=body[m.end():], number=to_int(num))
    if kind == "subitem":
        return Block("subitem", start, end, lead=lead, label=body[: m.end() - len(m.group("sep"))], sep=m.group("sep"),
                     text=body[m.end():], number=to_int(m.group("num") or m.group("pnum")))
    return Block("footnote", start, end, lead=lead, text=body)
