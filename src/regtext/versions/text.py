"""The real text an article or a 款/项/目 is compared by, and character operations over it:
compared normalised, shown as printed."""

from __future__ import annotations

from difflib import SequenceMatcher

from ..model import Node
from .normalize import normalize

#: One run of characters: ("equal" | "insert" | "delete", text as printed in the version it is from).
Op = tuple[str, str]


def body(article: Node) -> str:
    """The article's real text without its label (renumbering is not a change of text)."""
    return "".join(n.own_source() if n is not article else n.text + n.tail for n in article.walk()).rstrip()


def unit_text(node: Node, *, labelled: bool = False) -> str:
    """A 款 (its intro, without its items), a 项 or a 目 without its label: items renumbered by an
    insertion above them are not changed.  ``labelled``: with its label as printed ((一)甲事；),
    for the one change a label can be — the only one the article has."""
    return (node.label + node.sep + node.text).strip() if labelled else node.text.strip()


def char_ops(old: str, new: str) -> tuple[Op, ...]:
    """Character operations from ``old`` to ``new``, compared normalised, shown real: the "equal"
    and "insert" runs joined give ``new`` exactly, "equal" runs showing the new typesetting."""
    return tuple(_ops(old, new, keep_old=False))


def old_char_ops(old: str, new: str) -> tuple[Op, ...]:
    """The same operations seen from the old side: "equal" and "delete" runs joined give ``old``."""
    return tuple(_ops(old, new, keep_old=True))


def _ops(old: str, new: str, *, keep_old: bool) -> list[Op]:
    norm_old, where_old = normalize(old)
    norm_new, where_new = normalize(new)

    def real(text: str, where: list[int], start: int, end: int) -> str:
        a = 0 if start == 0 else where[start] if start < len(where) else len(text)
        b = where[end] if end < len(where) else len(text)
        return text[a:b]

    ops: list[Op] = []
    if old == new:
        return [("equal", new)] if new else []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, norm_old, norm_new, autojunk=False).get_opcodes():
        old_piece, new_piece = real(old, where_old, i1, i2), real(new, where_new, j1, j2)
        if tag == "equal":
            _append(ops, "equal", old_piece if keep_old else new_piece)
            continue
        if tag in ("delete", "replace"):
            _append(ops, "delete", old_piece)
        if tag in ("insert", "replace") and not keep_old:
            _append(ops, "insert", new_piece)
        if tag == "insert" and keep_old and old_piece:
            _append(ops, "equal", old_piece)   # typesetting the normalised form dropped
        if tag == "delete" and not keep_old and new_piece:
            _append(ops, "equal", new_piece)
    return [op for op in ops if op[1]]


def _append(ops: list[Op], tag: str, text: str) -> None:
    if ops and ops[-1][0] == tag:
        ops[-1] = (tag, ops[-1][1] + text)
    else:
        ops.append((tag, text))


