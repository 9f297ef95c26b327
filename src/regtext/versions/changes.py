"""What changed inside a matched article: per 款/项/目 in the words of the NPC's amending decisions
(第十二条第一款修改；增加第二款、第三款 — always in the OLD version's numbers, as the decisions
speak), and per character over the real text."""

from __future__ import annotations

from difflib import SequenceMatcher

from ..levels import WORD
from ..model import Node
from ..numerals import to_chinese
from .model import Change, Op
from .normalize import comparable, normalize

#: the units an article is compared in: each 款's own text, each 项, each 目
_UNITS = ("paragraph", "item", "subitem")
#: two units this similar are one unit rewritten, not one deleted and another inserted
UNIT_FLOOR = 0.5


def body(article: Node) -> str:
    """The article's real text without its label (renumbering is not a change of text)."""
    return "".join(n.own_source() if n is not article else n.text + n.tail for n in article.walk()).rstrip()


def unit_text(node: Node) -> str:
    """A 款 (its intro, without its items), a 项 or a 目 (with its label: (一) is part of its text)."""
    return (node.label + node.sep + node.text).strip()


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


def units(article: Node) -> list[Node]:
    return [n for n in article.walk() if n.type in _UNITS]


def article_changes(old: Node, new: Node) -> tuple[Change, ...]:
    """The 款/项/目 of a pair that were rewritten, added or removed, in document order."""
    old_units, new_units = units(old), units(new)
    old_texts = [comparable(unit_text(n)) for n in old_units]
    new_texts = [comparable(unit_text(n)) for n in new_units]
    changes: list[Change] = []
    matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for i, j in _pair_units(old_texts, new_texts, i1, i2, j1, j2):
            o = old_units[i] if i is not None else None
            n = new_units[j] if j is not None else None
            changes.append(_change(old, o, n))
    return tuple(changes)


def _pair_units(old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int
                ) -> list[tuple[int | None, int | None]]:
    """Within one replaced block, pair units in order by similarity (small blocks: a direct
    dynamic programme); the rest were deleted or inserted."""
    n, m = i2 - i1, j2 - j1
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    ratio = {(i, j): SequenceMatcher(None, old[i1 + i], new[j1 + j], autojunk=False).ratio()
             for i in range(n) for j in range(m)}
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = ratio[i, j] + score[i + 1][j + 1] if ratio[i, j] >= UNIT_FLOOR else -1.0
            score[i][j] = max(score[i + 1][j], score[i][j + 1], take)
    result: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and ratio[i, j] >= UNIT_FLOOR and score[i][j] == ratio[i, j] + score[i + 1][j + 1]:
            result.append((i1 + i, j1 + j))
            i, j = i + 1, j + 1
        elif i < n and (j == m or score[i][j] == score[i + 1][j]):
            result.append((i1 + i, None))
            i += 1
        else:
            result.append((None, j1 + j))
            j += 1
    return result


def _change(article: Node, old: Node | None, new: Node | None) -> Change:
    if old is not None and new is not None:
        what, wording = "modified", f"{provision_name(article, old)}修改"
        ops = char_ops(unit_text(old), unit_text(new))
    elif new is not None:
        what, wording = "inserted", f"{article.label}增加{provision_name(None, new, article)}"
        ops = (("insert", unit_text(new)),)
    else:
        assert old is not None
        what, wording = "deleted", f"{article.label}删去{provision_name(None, old, article)}"
        ops = (("delete", unit_text(old)),)
    return Change(what, old, new, wording, ops)


def provision_name(article: Node | None, node: Node, of: Node | None = None) -> str:
    """第十二条第一款第三项 — the 第一款 left out when the article has one 款 (as the decisions write);
    without ``article``, the name below the article (第二款, 第一款第三项)."""
    owner = article or of
    assert owner is not None
    single = sum(c.type == "paragraph" for c in owner.children) == 1
    parts: list[str] = []
    current: Node | None = node
    while current is not None and current.type != "article":
        if current.type == "paragraph":
            if not single:
                parts.append(f"第{to_chinese(int(current.number or 0))}{WORD['paragraph']}")
        elif current.type in ("item", "subitem"):
            parts.append(f"第{to_chinese(int(current.number or 0))}{WORD[current.type]}")
        current = current.parent
    name = "".join(reversed(parts)) or "全文"
    return (article.label + name) if article is not None else name


def summary(article: Node, changes: tuple[Change, ...]) -> str:
    """One sentence for the article, as a decision would put it: 第十二条第一款修改；增加第二款、第三款."""
    article_label = article.label
    clauses: list[tuple[str, str]] = []   # (verb, provision)
    for change in changes:
        if change.what == "modified":
            assert change.old is not None
            clauses.append(("修改", provision_name(None, change.old, article)))
        elif change.what == "inserted":
            assert change.new is not None
            clauses.append(("增加", provision_name(None, change.new, article)))
        else:
            assert change.old is not None
            clauses.append(("删去", provision_name(None, change.old, article)))
    parts: list[str] = []
    for verb, provision in clauses:
        if parts and parts[-1].startswith(verb) and verb != "修改":
            parts[-1] += f"、{provision}"
        elif parts and verb == "修改" and parts[-1].endswith("修改"):
            parts[-1] = parts[-1].removesuffix("修改") + f"、{provision}修改"
        else:
            parts.append(f"{provision}修改" if verb == "修改" else f"{verb}{provision}")
    return article_label + "；".join(parts) if parts else f"{article_label}修改"
