"""The 新旧对照表 (修改前 | 修改后 | 说明) of an Alignment, as rows that the HTML, Markdown and DOCX
writers all read: which rows there are, in which order, and which characters are marked is
decided here once, so the three outputs cannot disagree.

Rows follow the new version; a deleted article follows the row of the old article before it.  A
division (编/章/节) heading is a row across both text columns, shown only above a row that is shown.
Article numbers are never marked (a renumbered article says ``（原第X条）`` in 说明 instead): the
marks are the pair's own character operations over the article bodies, so a cell's characters
with the marks taken off are exactly the article's text, paragraph by paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..levels import DIVISION_TYPES, WORD
from ..model import Node
from .formats import UNCHANGED
from .model import Alignment, Pair, heading_text
from .normalize import comparable
from .text import Op, body, char_ops, old_char_ops

LEGEND = "注：加粗并加下划线部分为新增，删除线部分为删除。"
HEADER = ("修改前", "修改后", "说明")
SAME = "同左"

#: One run of a paragraph: ("" | "ins" | "del", text).
Run = tuple[str, str]
#: A paragraph of a cell: its runs in order.
Para = tuple[Run, ...]
_MARK = {"equal": "", "insert": "ins", "delete": "del"}


@dataclass(frozen=True, slots=True)
class Row:
    """One row: ``division`` (its heading in ``old`` alone, across both text columns; or each
    side's heading when they differ), ``article`` (the two cells and the note), or ``same`` (an
    unchanged article, 同左)."""

    kind: str                 # "division" | "article" | "same" (an unchanged article: 同左)
    old: tuple[Para, ...]
    new: tuple[Para, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    title: str                # 《中华人民共和国监察法》修改前后对照表
    rows: tuple[Row, ...]
    omitted: int              # unchanged articles left out (--unchanged omit)

    def notes(self) -> list[str]:
        """The lines under the title: the legend, and what was left out."""
        lines = [LEGEND]
        if self.omitted:
            lines.append(f"未作修改的{self.omitted}条未列出。")
        return lines


def comparison_table(alignment: Alignment, *, unchanged: str = "omit") -> Table:
    """The table of ``alignment``; ``unchanged``: one of UNCHANGED."""
    if unchanged not in UNCHANGED:
        raise ValueError(f"unchanged: one of {', '.join(UNCHANGED)}, not {unchanged!r}")
    rows: list[Row] = []
    omitted = 0
    shown_division: Node | None = None
    deleted = {id(node) for node in alignment.deleted}
    old_of = _old_articles(alignment)
    renamed = {id(new): old for old, new in alignment.renamed_divisions()}
    for key, row in _entries(alignment):
        # a deleted article stays under the division of the row before it (its own is the old text's)
        division = shown_division if id(key) in deleted else _division(key)
        heading_due = division is not None and division is not shown_division
        if row.kind == "same" and unchanged == "omit":
            omitted += 1
            if not (heading_due and _renamed_above(division, shown_division, renamed)):
                continue
            row = _SKIP   # a renamed heading is a change even when nothing under it changed
        if heading_due:
            assert division is not None
            rows.extend(_division_rows(division, shown_division, old_of.get(id(key)), renamed))
            shown_division = division
        if row is not _SKIP:
            rows.append(row)
    return Table(_title(alignment), tuple(rows), omitted)


def _renamed_above(division: Node | None, before: Node | None, renamed: dict[int, Node]) -> bool:
    """Whether a heading row about to be shown above ``division`` is of a renamed division."""
    return any(id(n) in renamed for n in _new_chain(division, before))


def _title(alignment: Alignment) -> str:
    name = alignment.new.title or alignment.old.title or alignment.new.id
    return f"《{name}》修改前后对照表"


# -- rows in order ---------------------------------------------------------------------------------

def _entries(alignment: Alignment) -> list[tuple[Node, Row]]:
    """Every article's row in the new version's order, keyed by the new article (the old one for a
    deleted article); an unchanged article's row is of kind ``same``."""
    by_new: dict[int, Row] = {}
    for pair in alignment.pairs:
        # a moved article is a change even with its words unchanged: it keeps its row
        by_new[id(pair.new)] = _same_row(pair) if pair.status == "unchanged" and not pair.moved else _pair_row(pair)
    for node in alignment.inserted:
        by_new[id(node)] = Row("article", (), _plain(node), "增加一条")
    for split in alignment.splits:
        row = _split_row(split.old, split.new)
        for n, node in enumerate(split.new):
            by_new[id(node)] = row if n == 0 else _SKIP
    for merge in alignment.merges:
        by_new[id(merge.new)] = _merge_row(merge.old, merge.new)
    out: list[tuple[Node, Row]] = [(node, by_new.get(id(node), _SKIP)) for node in alignment.new.articles()]
    out = [(node, row) for node, row in out if row is not _SKIP]
    return _place_deleted(alignment, out)


_SKIP = Row("skip", (), ())   # the second and later new articles of a split: in the split's row


def _place_deleted(alignment: Alignment, entries: list[tuple[Node, Row]]) -> list[tuple[Node, Row]]:
    """Each deleted article right after the row of the old article before it (first if none)."""
    deleted = {id(node) for node in alignment.deleted}
    if not deleted:
        return entries
    new_of_old: dict[int, Node] = {}
    for pair in alignment.pairs:
        new_of_old[id(pair.old)] = pair.new
    for split in alignment.splits:
        new_of_old[id(split.old)] = split.new[0]
    for merge in alignment.merges:
        for old in merge.old:
            new_of_old[id(old)] = merge.new
    out = list(entries)
    anchor: Node | None = None          # the last old article placed so far
    for old in alignment.old.articles():
        if id(old) not in deleted:
            anchor = old
            continue
        row = Row("article", _plain(old), (), f"删去{old.label}")
        at = 0
        if anchor is not None:
            target = new_of_old.get(id(anchor), anchor)
            at = next((i + 1 for i, (key, _) in enumerate(out) if key is target), len(out))
        out.insert(at, (old, row))
        anchor = old
    return out


def _division(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None and parent.type not in DIVISION_TYPES:
        parent = parent.parent
    return parent


def _old_articles(alignment: Alignment) -> dict[int, Node]:
    """The old article each new article continues (the first of a merge), by the new one's id."""
    out = {id(pair.new): pair.old for pair in alignment.pairs}
    out |= {id(split.new[0]): split.old for split in alignment.splits}
    out |= {id(merge.new): merge.old[0] for merge in alignment.merges}
    return out


def _new_chain(division: Node | None, before: Node | None) -> list[Node]:
    """``division`` and the divisions above it that the last shown row was not in, outermost last."""
    chain = []
    node: Node | None = division
    inside = set()
    walker = before
    while walker is not None:
        inside.add(id(walker))
        walker = walker.parent
    while node is not None and node.type in DIVISION_TYPES and id(node) not in inside:
        chain.append(node)
        node = node.parent
    return chain


def _division_rows(division: Node, before: Node | None, old_article: Node | None,
                   renamed: dict[int, Node]) -> list[Row]:
    """The heading rows above an article: its division and the divisions above it that the last
    shown row was not in (第一编 above 第一章 when the 编 is new).  A heading spans both text
    columns, unless it was renamed (``Alignment.renamed_divisions``) or the article's old one
    stood under another heading (a chapter renumbered; a re-typeset 总 则 is the same heading):
    then each side shows its own, marked like an article."""
    chain = _new_chain(division, before)
    rows = [_renamed_division(renamed[id(n)], n) if id(n) in renamed else Row("division", ((("", heading_text(n)),),), ())
            for n in reversed(chain)]
    old_division = _division(old_article) if old_article is not None else None
    if (rows and id(division) not in renamed and old_division is not None
            and comparable(heading_text(old_division)) != comparable(heading_text(division))):
        rows[-1] = _renamed_division(old_division, division)
    return rows


def _renamed_division(old: Node, new: Node) -> Row:
    old_runs, new_runs = _both_sides(old.text, new.text)
    notes = [f"（原{old.label}）"] if old.label != new.label else []
    if comparable(old.text) != comparable(new.text):
        notes.append(f"{new.label}的{WORD.get(new.type, '')}名修改")   # as the decisions word it: 第三章的章名修改
    return Row("division", _heading_cell(old, old_runs), _heading_cell(new, new_runs), "\n".join(notes))


def _heading_cell(division: Node, runs: list[Run]) -> tuple[Para, ...]:
    para = _trim((("", division.label + division.sep), *runs))
    return (para,) if para else ()


# -- cells -----------------------------------------------------------------------------------------

def paragraphs_of(article: Node) -> list[str]:
    """The article as the table shows it, paragraph by paragraph, number included: the text
    every cell must give back once its marks are taken off."""
    text = article.label + article.sep + body(article)
    return [line.strip() for line in text.split("\n") if line.strip()]


def _pair_row(pair: Pair) -> Row:
    old_runs, new_runs = _both_sides(body(pair.old), body(pair.new), pair.ops)
    note = "；".join(change.wording for change in pair.changes if change.wording)
    if pair.moved:
        note = "条文位置调整" + (f"\n{note}" if note else "")
    if pair.renumbered:
        note = f"（原{pair.old.label}）" + (f"\n{note}" if note else "")
    return Row("article", _cell([(pair.old, old_runs)]), _cell([(pair.new, new_runs)]), note)


def _same_row(pair: Pair) -> Row:
    """An unchanged article: its old text, and 同左 — after the new number when it was renumbered,
    since 同左 alone would claim the old number too."""
    same = pair.new.label + pair.new.sep.strip() + "　" + SAME if pair.renumbered else SAME
    note = f"（原{pair.old.label}）" if pair.renumbered else ""
    return Row("same", _plain(pair.old), ((("", same),),), note)


def _both_sides(old: str, new: str, ops: tuple[Op, ...] = ()) -> tuple[list[Run], list[Run]]:
    """The old text's runs (equal and deleted) and the new text's (equal and inserted), each in its
    own typesetting: the equal runs of the operations show the new typesetting, so the old side
    has operations of its own.  ``ops``: the pair's, used when they give ``new`` exactly (a pair
    built by hand may carry none)."""
    if _side_text(ops, "insert") != new:
        ops = char_ops(old, new)
    return _sides(old_char_ops(old, new))[0], _sides(ops)[1]


def _side_text(ops: tuple[Op, ...], other: str) -> str:
    return "".join(text for kind, text in ops if kind in ("equal", other))


def _sides(ops: tuple[Op, ...]) -> tuple[list[Run], list[Run]]:
    """The old side's runs (equal and deleted) and the new side's (equal and inserted)."""
    old = [(_MARK[kind], text) for kind, text in ops if kind != "insert"]
    new = [(_MARK[kind], text) for kind, text in ops if kind != "delete"]
    return old, new


def _plain(article: Node) -> tuple[Para, ...]:
    return _cell([(article, [("", body(article))])])


def _split_row(old: Node, new: tuple[Node, ...]) -> Row:
    joined = "\n".join(body(n) for n in new)
    old_runs, new_runs = _both_sides(body(old), joined)
    labels = "、".join(n.label for n in new)
    return Row("article", _cell([(old, old_runs)]), _cell(list(zip(new, _cut(new_runs, new), strict=True))),
               f"{old.label}分为{labels}")


def _merge_row(old: tuple[Node, ...], new: Node) -> Row:
    joined = "\n".join(body(n) for n in old)
    old_runs, new_runs = _both_sides(joined, body(new))
    labels = "、".join(n.label for n in old)
    return Row("article", _cell(list(zip(old, _cut(old_runs, old), strict=True))), _cell([(new, new_runs)]),
               f"{labels}合并为{new.label}")


def _cut(runs: list[Run], articles: tuple[Node, ...]) -> list[list[Run]]:
    """Runs over the bodies of ``articles`` joined by one newline, cut back into one list a body
    (the joining newline dropped)."""
    out: list[list[Run]] = [[]]
    ends = []
    pos = 0
    for article in articles:
        pos += len(body(article))
        ends.append(pos)
        pos += 1
    pos = 0
    for mark, text in runs:
        while text:
            end = ends[len(out) - 1]
            if pos == end and len(out) < len(articles):   # the joining newline
                text, pos = text[1:], pos + 1
                out.append([])
                continue
            take = text[: end - pos] if len(out) < len(articles) else text
            out[-1].append((mark, take))
            text, pos = text[len(take):], pos + len(take)
    return out + [[] for _ in range(len(articles) - len(out))]


def _cell(parts: list[tuple[Node, list[Run]]]) -> tuple[Para, ...]:
    """Each article's number (unmarked) and runs, cut into paragraphs at newlines; blank lines
    and the spaces around a paragraph go, as in the text itself (paragraphs_of)."""
    paras: list[Para] = []
    for article, runs in parts:
        current: list[Run] = [("", article.label + article.sep)]
        for mark, text in runs:
            pieces = text.split("\n")
            for n, piece in enumerate(pieces):
                if n:
                    paras.append(tuple(current))
                    current = []
                if piece:
                    current.append((mark, piece))
        paras.append(tuple(current))
    return tuple(p for p in (_trim(para) for para in paras) if p)


def _trim(para: Para) -> Para:
    runs = [list(run) for run in para]
    while runs and not runs[0][1].strip():
        runs.pop(0)
    while runs and not runs[-1][1].strip():
        runs.pop()
    if not runs:
        return ()
    runs[0][1] = runs[0][1].lstrip()
    runs[-1][1] = runs[-1][1].rstrip()
    out: list[Run] = []
    for mark, text in runs:          # neighbours with the same mark as one run
        if out and out[-1][0] == mark:
            out[-1] = (mark, out[-1][1] + text)
        elif text:
            out.append((mark, text))
    return tuple(out)


def plain_text(para: Para) -> str:
    """A paragraph with its marks taken off."""
    return "".join(text for _, text in para)


def side_text(para: Para, side: str) -> str:
    """What a paragraph says in one version: ``old`` leaves out inserted runs, ``new`` deleted ones."""
    drop = "ins" if side == "old" else "del"
    return "".join(text for mark, text in para if mark != drop)
