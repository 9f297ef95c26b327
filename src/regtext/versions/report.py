"""The text and JSON outputs of ``regtext diff``: what a reader checks first (the counts), then
every change, with deletions as [-…-] and insertions as {+…+} over the real text."""

from __future__ import annotations

import json as _json

from .formats import Options
from .model import Alignment, Pair, heading_text
from .text import Op, body, char_ops


def json(alignment: Alignment, options: Options) -> str:
    return _json.dumps(alignment.to_dict(), ensure_ascii=False, indent=1) + "\n"


def text(alignment: Alignment, options: Options) -> str:
    lines = [_heading(alignment), _counts(alignment), ""]
    rows = _rows(alignment, options)
    lines += rows or ["no changes"]
    return "\n".join(lines).rstrip("\n") + "\n"


def _heading(alignment: Alignment) -> str:
    old, new = alignment.old, alignment.new
    title = new.title if old.title == new.title else f"{old.title} → {new.title}"
    return f"{title}: {old.id or old.source} → {new.id or new.source}"


def _counts(alignment: Alignment) -> str:
    c = alignment.counts()
    retyped = f" ({c['retyped']} set differently)" if c["retyped"] else ""
    return (f"{len(alignment.old.articles())} → {len(alignment.new.articles())} articles: "
            f"{c['unchanged']} unchanged{retyped}, {c['modified']} modified, {c['inserted']} inserted, "
            f"{c['deleted']} deleted; {c['renumbered']} renumbered, {c['moved']} moved, "
            f"{c['splits']} split, {c['merges']} merged"
            + (f"; {c['renamed_divisions']} headings renamed" if c["renamed_divisions"] else ""))


def _rows(alignment: Alignment, options: Options) -> list[str]:
    """Every change, in the new version's order (deleted articles where they stood)."""
    keyed: list[tuple[tuple[int, int], list[str]]] = []
    new_index = {id(n): k for k, n in enumerate(alignment.new.articles())}
    old_index = {id(n): k for k, n in enumerate(alignment.old.articles())}
    for pair in alignment.pairs:
        lines = _pair(pair, options)
        if lines:
            keyed.append(((new_index[id(pair.new)], 0), lines))
    for node in alignment.inserted:
        keyed.append(((new_index[id(node)], 0), [f"inserted  {node.label}", *_indent(body(node))]))
    for split in alignment.splits:
        names = "、".join(n.label for n in split.new)
        keyed.append(((new_index[id(split.new[0])], 0),
                      [f"split     {split.old.label} → {names}  ({split.similarity:.2f})"]))
    for merge in alignment.merges:
        names = "、".join(n.label for n in merge.old)
        keyed.append(((new_index[id(merge.new)], 0),
                      [f"merged    {names} → {merge.new.label}  ({merge.similarity:.2f})"]))
    for old, division in alignment.renamed_divisions():
        first = next((n for n in division.walk() if n.type == "article"), None)
        at = new_index[id(first)] if first is not None else len(new_index)
        keyed.append(((at, -1), [f"renamed   {heading_text(old)} → {heading_text(division)}",
                                 "  " + marked(char_ops(old.text, division.text))]))
    for node in alignment.deleted:
        keyed.append(((_deleted_position(alignment, old_index[id(node)], new_index), 1),
                      [f"deleted   {node.label}", *_indent(body(node))]))
    keyed.sort(key=lambda row: row[0])
    return [line for _, lines in keyed for line in [*lines, ""]]


def _pair(pair: Pair, options: Options) -> list[str]:
    arrow = f"{pair.old.label} → {pair.new.label}"
    moved = "  (moved)" if pair.moved else ""
    if pair.status == "unchanged" and not pair.moved:
        return [f"unchanged {arrow}  同左"] if options.unchanged == "same" else []
    if pair.status == "unchanged":
        return [f"moved     {arrow}  unchanged"]
    lines = [f"modified  {arrow}  ({pair.similarity:.2f}){moved}  {pair.wording}"]
    for change in pair.changes:
        if len(pair.changes) > 1:
            lines.append(f"  {change.wording}")
        lines += _indent(marked(change.ops), "    " if len(pair.changes) > 1 else "  ")
    return lines


def _deleted_position(alignment: Alignment, old: int, new_index: dict[int, int]) -> int:
    """A deleted article is listed after the new article that continues its nearest earlier
    paired neighbour."""
    olds = alignment.old.articles()
    paired = {id(p.old): new_index[id(p.new)] for p in alignment.pairs}
    for k in range(old - 1, -1, -1):
        if id(olds[k]) in paired:
            return paired[id(olds[k])]
    return -1


def marked(ops: tuple[Op, ...]) -> str:
    """Deletions as [-…-], insertions as {+…+}, the rest as it reads."""
    return "".join(t if tag == "equal" else f"[-{t}-]" if tag == "delete" else f"{{+{t}+}}" for tag, t in ops)


def _indent(text: str, prefix: str = "  ") -> list[str]:
    return [prefix + line for line in text.splitlines() if line.strip()]
