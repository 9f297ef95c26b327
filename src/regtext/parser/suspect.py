"""Text that looks wrong is reported, never fixed: numbering gaps and duplicates, stray Latin
words, item markers of both widths in one list, a space inside an article label."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..diagnostics import Diagnostic
from ..levels import DIVISION_ZH, DIVISIONS
from ..model import Node

Locate = Callable[[int], tuple[int, int]]

_LATIN_RUN = re.compile(r"[A-Za-z]+(?:[ \t]+[A-Za-z]+)*")
_ANY_LETTER = re.compile(rb"[A-Za-z]")
_SPACE = re.compile(r"\s")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "，。、；："


def _stray_latin(text: str, start: int) -> Iterator[re.Match[str]]:
    """Latin words with Chinese on both sides (执法检查 and 日常监管); acronyms such as GDP are fine."""
    # Most texts have no Latin letter at all.  Their ASCII residue is short (digits, spaces,
    # newlines), so looking there first spares a regex scan of every character of a long text.
    if _ANY_LETTER.search(text.encode("ascii", "ignore")) is None:
        return
    for m in _LATIN_RUN.finditer(text, start):
        word = m.group()
        if word.isupper() or len(word) < 2:
            continue
        before = text[max(m.start() - 8, 0):m.start()].rstrip(" \t")[-1:]
        after = text[m.end():m.end() + 8].lstrip(" \t")[:1]
        if before and after and _is_cjk(before) and _is_cjk(after):
            yield m

_NUMBERED = {*DIVISIONS, "item", "subitem"}
_LEVEL_NAMES = {"article": "article", **DIVISION_ZH, "item": "item", "subitem": "sub-item"}


def check(text: str, children: list[Node], articles: list[Node], locate: Locate) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def report(code: str, message: str, offset: int) -> None:
        line, column = locate(offset)
        out.append(Diagnostic(code, message, line, column, offset))

    _sequence(articles, [_in_sequence(n) for n in articles], "article", report)
    last_item: dict[int, int] = {}  # id(article) -> last item number seen in it
    for parent in _containers(children):
        by_type: dict[str, list[Node]] = {}
        numbers_of: dict[str, list[int]] = {}  # the numbers of by_type's nodes: an int at these levels
        for child in parent.children:
            if child.type in _NUMBERED and isinstance(child.number, int):  # None: malformed, reported as S208
                by_type.setdefault(child.type, []).append(child)
                numbers_of.setdefault(child.type, []).append(child.number)
        for type_, nodes in by_type.items():
            numbers = numbers_of[type_]
            first = numbers[0]
            article = parent.article
            if type_ == "item" and article is not None and first > 1 and last_item.get(id(article)) == first - 1:
                # 第九十条: items (一)-(六), two paragraphs that belong to (六), then (七)-(十二)
                report("S207", f"item list resumes at {nodes[0].label} after paragraphs between items",
                       nodes[0].start)
                _sequence(nodes, numbers, type_, report, first=first)
            else:
                _sequence(nodes, numbers, type_, report)
            if type_ == "item" and article is not None:
                last_item[id(article)] = numbers[-1]
            if type_ == "item" and len({n.label[0] for n in nodes}) > 1:
                report("S204", f"item markers of both widths in one list ({nodes[0].label} … "
                       f"{next(n.label for n in nodes if n.label[0] != nodes[0].label[0])})", nodes[0].start)
    for article in articles:
        if _SPACE.search(article.label):
            report("S205", f"space inside the article label {article.label!r}", article.start)
    body_start = next((n.start for n in children if n.type not in ("title", "history")), 0)
    for m in _stray_latin(text, body_start):
        report("S203", f"stray Latin word {m.group()!r} in Chinese text", m.start())
    return sorted(out, key=lambda d: (d.offset, d.code))


def _containers(children: list[Node]) -> Iterable[Node]:
    """Every node whose children may be numbered (articles' paragraphs are positional)."""
    yield Node("document", children=children)
    queue = deque(children)  # breadth first: siblings (the 款 of an article) in their order
    while queue:
        node = queue.popleft()
        if node.children and node.type not in ("article", "attachment", "preamble"):
            yield node
        if node.type not in ("item", "subitem"):
            queue.extend(node.children)
        else:
            queue.extend(c for c in node.children if c.children)


def _in_sequence(article: Node) -> int | None:
    """An article's place in the 第一条, 第二条, … sequence: None for 第一百二十条之一 ("120-1"),
    which follows its base article, and for a malformed number (None, reported as S208)."""
    number = article.number
    return None if not isinstance(number, str) or "-" in number else int(number)  # an article's number is text


def _sequence(nodes: list[Node], numbers: Sequence[int | None], type_: str, report: Callable[[str, str, int], None],
              first: int = 1) -> None:
    """Gaps (S201) and repeats (S202) in ``numbers``, the numbers of ``nodes`` (None: outside
    the sequence).  One pass, a set of the numbers seen: a text of 50,000 第一条 is linear."""
    if numbers == list(range(first, first + len(nodes))):  # the common case, checked at once
        return
    expected = first
    seen: set[int] = set()
    name = _LEVEL_NAMES[type_]
    for node, number in zip(nodes, numbers, strict=True):
        if number is None:
            continue
        if number in seen:
            report("S202", f"{name} {node.label} appears twice", node.start)
        elif number != expected:
            report("S201", f"{name} {node.label}: expected number {expected}, found {number}", node.start)
        seen.add(number)
        expected = number + 1
