"""Published text → normalised text, an offset map back to the source, and a diagnostic per change.

Only deletions happen here (carriage returns, a BOM, invisible characters, page-number lines,
running headers, the blank lines of a page break inside a sentence), so every character of the
normalised text is a character of the source and the offset map is a short list of kept slices.
Nothing that is legal wording is rewritten: suspect wording is reported later, never fixed.
"""

from __future__ import annotations

from itertools import accumulate

from ..diagnostics import Diagnostic
from ..textmap import LineIndex, Normalized, OffsetMap
from . import patterns as P


def normalize(original: str) -> Normalized:
    lines = original.split("\n")
    starts = [0, *accumulate(len(line) + 1 for line in lines[:-1])]
    deletions: list[tuple[int, int]] = []
    notes: list[tuple[int, str, str]] = []  # (source offset, code, message)

    if original.startswith("\ufeff"):
        deletions.append((0, 1))
        notes.append((0, "N102", "byte order mark removed"))

    clean: list[str] = lines  # each line as the patterns should see it (a copy only when it differs)
    has_invisible = any(ch in original[1:] for ch in P.INVISIBLE_CHARS)
    crs = 0
    if has_invisible or "\r" in original:
        clean = _cleaned(lines, starts, has_invisible, deletions, notes)
        crs = sum(1 for line in lines if line.endswith("\r"))
    if crs:
        first_cr = starts[0] + len(lines[0]) - 1 if lines[0].endswith("\r") else original.find("\r\n")
        notes.append((first_cr, "N101", f"{crs} CRLF line endings converted to LF"))

    blank = [not c.strip() for c in clean]
    body_start, body_end = _body_range(clean)
    # the title is the first line, when it comes before the body (a text may start with 第一条)
    title_line = blank.index(False) if False in blank else len(clean)
    title = clean[title_line].strip() if title_line < body_start else ""
    filled = [i for i, empty in enumerate(blank) if not empty]  # the lines with something on them
    dropped = set()
    for i in filled:
        c = clean[i]
        if len(c) < 40 and c[-1] in P.PAGE_NUMBER_ENDS and P.PAGE_NUMBER.fullmatch(c):
            dropped.add(i)
            notes.append((starts[i], "N104", f"page-number line {c.strip()!r} dropped"))
        elif body_start <= i < body_end and title and title in c and c.strip() == title:
            dropped.add(i)
            notes.append((starts[i], "N106", "line repeating the title dropped as a running header"))
    for i in sorted(dropped):
        end = starts[i + 1] if i + 1 < len(lines) else len(original)
        start = starts[i] if i + 1 < len(lines) or i == 0 else starts[i] - 1
        deletions.append((start, end))

    previous: int | None = None
    formula = False  # the previous line is a formula after a line ending in ： (complete, never cut)
    has_formulas = "＝" in original or "=" in original  # one scan of the text, not one per line
    for i in filled:
        if i < body_start or i in dropped:
            continue
        if i >= body_end:
            break
        c = clean[i]
        if previous is not None and i > previous + 1 and not formula and not P.ends_sentence(clean[previous]) \
                and _continues(clean[previous], c):
            cut_from = starts[previous] + len(clean[previous].rstrip(P.SPACE_CHARS))
            lead = len(c) - len(c.lstrip(P.SPACE_CHARS))
            deletions.append((cut_from, starts[i] + lead))
            notes.append((
                cut_from, "N105",
                f"page break inside a sentence joined: line {previous + 1} continues on line {i + 1}",
            ))
        formula = has_formulas and P.is_formula(c) and previous is not None \
            and (formula or P.opens_list(clean[previous]))
        previous = i

    text, offsets = _apply(original, deletions)
    index = LineIndex(starts)
    diagnostics = []
    for offset, code, message in sorted(notes):
        line, column = index.position(offset)
        diagnostics.append(Diagnostic(code, message, line, column, offsets.to_normalized(offset)))
    unchanged = len(offsets.norm_starts) == 1
    return Normalized(text, original, offsets, index, diagnostics, (lines, starts, blank) if unchanged else None)


def _cleaned(lines: list[str], starts: list[int], has_invisible: bool, deletions: list[tuple[int, int]],
             notes: list[tuple[int, str, str]]) -> list[str]:
    """The lines without carriage returns and invisible characters, each deletion recorded."""
    clean = []
    for i, line in enumerate(lines):
        if line.endswith("\r"):
            deletions.append((starts[i] + len(line) - 1, starts[i] + len(line)))
            line = line[:-1]
        if has_invisible:
            for m in P.INVISIBLE.finditer(line):
                if starts[i] + m.start() == 0:
                    continue  # the BOM, reported apart
                deletions.append((starts[i] + m.start(), starts[i] + m.end()))
                notes.append((starts[i] + m.start(), "N103", f"invisible character U+{ord(m.group()):04X} removed"))
            line = P.INVISIBLE.sub("", line)
        clean.append(line)
    return clean


def _body_range(clean: list[str]) -> tuple[int, int]:
    """Lines from the first 条/章 line up to an attachment: where page breaks are joined."""
    start = len(clean)
    for i, c in enumerate(clean):
        body = c.lstrip(P.SPACE_CHARS)
        if P.ARTICLE.match(body) or P.DIVISION.match(body):
            start = i
            break
    for i in range(start, len(clean)):
        if "附" in clean[i] and P.ATTACHMENT.match(clean[i].lstrip(P.SPACE_CHARS)):
            return start, i
    return start, len(clean)


def _continues(before: str, after: str) -> bool:
    """Is ``after`` the rest of a sentence that a page break cut after ``before``?"""
    head = before.lstrip(P.SPACE_CHARS)
    if P.ends_sentence(before) or P.DIVISION.match(head) or P.UNNUMBERED.match(head):
        return False
    if P.ATTACHMENT.match(head):
        return False
    return not P.starts_unit(after)


def _apply(original: str, deletions: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    pieces: list[str] = []
    norm_starts: list[int] = [0]
    orig_starts: list[int] = [0]
    pos = 0
    norm = 0
    for start, end in sorted(deletions):
        if end <= pos:
            continue
        start = max(start, pos)
        pieces.append(original[pos:start])
        norm += start - pos
        pos = end
        norm_starts.append(norm)
        orig_starts.append(pos)
    pieces.append(original[pos:])
    return "".join(pieces), OffsetMap(norm_starts, orig_starts)
