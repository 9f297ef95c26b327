"""What changed inside a matched article: per 款/项/目 in the words of the NPC's amending decisions
(第十二条第一款修改；增加第二款、第三款 — always in the OLD version's numbers, as the decisions
speak), and per character over the real text."""

from __future__ import annotations

from difflib import SequenceMatcher

from ..levels import WORD
from ..model import Node
from ..numerals import to_chinese
from .model import Change
from .normalize import comparable
from .text import char_ops, unit_text

#: the units an article is compared in: each 款's own text, each 项, each 目
_UNITS = ("paragraph", "item", "subitem")
#: two units this similar, between the same unchanged neighbours, are one unit rewritten (第七项修改为),
#: not one deleted and another inserted
UNIT_FLOOR = 0.3


def units(article: Node) -> list[Node]:
    return [n for n in article.walk() if n.type in _UNITS]


def article_changes(old: Node, new: Node) -> tuple[Change, ...]:
    """The 款/项/目 of a pair that were rewritten, added or removed, in document order.  Labels
    are not compared (items renumbered by an insertion above them are not changed) — unless the
    words are all the same and only the labels differ ((一) set as 1., a 项 become a 目): then the
    labels are the change, or a modified article would say nothing of what was modified."""
    pairs = unit_pairs(old, new)
    changes = tuple(_change(old, o, n) for o, n, same in pairs if not same)
    if changes:
        return changes
    return tuple(_relabelled(old, o, n) for o, n, _ in pairs
                 if o is not None and n is not None and _label(o) != _label(n))


def _label(unit: Node) -> tuple[str, str]:
    return unit.type, comparable(unit.label + unit.sep)


def _relabelled(article: Node, old: Node, new: Node) -> Change:
    ops = char_ops(unit_text(old, labelled=True), unit_text(new, labelled=True))
    return Change("modified", old, new, f"{provision_name(article, old)}修改", ops, labelled=True)


def unit_pairs(old: Node, new: Node) -> list[tuple[Node | None, Node | None, bool]]:
    """Every 款/项/目 of two versions of an article, paired by content in order: (old unit or None
    when inserted, new unit or None when deleted, whether their words are the same).  The one
    answer to "which 款 of the new article is the old 第二款": two 款 inserted above it make it the
    第四款, so a citation follows it by this pairing, never by its number."""
    old_units, new_units = units(old), units(new)
    old_texts = [comparable(unit_text(n)) for n in old_units]
    new_texts = [comparable(unit_text(n)) for n in new_units]
    out: list[tuple[Node | None, Node | None, bool]] = []
    matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend((old_units[i], new_units[j], True) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        for i, j in _pair_units(old_texts, new_texts, i1, i2, j1, j2):
            out.append((old_units[i] if i is not None else None, new_units[j] if j is not None else None, False))
    return out


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
        what, wording = "inserted", f"{article.label}增加{provision_name(None, new) or '一款'}"
        ops = (("insert", unit_text(new)),)
    else:
        assert old is not None
        what, wording = "deleted", f"{article.label}删去{provision_name(None, old) or '一款'}"
        ops = (("delete", unit_text(old)),)
    return Change(what, old, new, wording, ops)


def provision_name(article: Node | None, node: Node) -> str:
    """第十二条第一款第三项 — the 第一款 left out when the article has one 款 (as the decisions write);
    without ``article``, the name below the article (第二款, 第一款第三项); a whole one-款 article
    is named by the article alone."""
    owner = node.article
    single = owner is not None and sum(c.type == "paragraph" for c in owner.children) == 1
    parts: list[str] = []
    current: Node | None = node
    while current is not None and current.type != "article":
        if current.type == "paragraph":
            if not single:
                parts.append(f"第{to_chinese(int(current.number or 0))}{WORD['paragraph']}")
        elif current.type in ("item", "subitem"):
            parts.append(f"第{to_chinese(int(current.number or 0))}{WORD[current.type]}")
        current = current.parent
    name = "".join(reversed(parts))
    return (article.label + name) if article is not None else name


#: the order a decision lists what it does to one article
_VERBS = ("修改", "删去", "增加")


def summary(article: Node, changes: tuple[Change, ...]) -> str:
    """One sentence for the article, as a decision would put it: 第十二条第一款修改；增加第二款、第三款
    (modified and deleted 款/项 in the old numbers, added ones in the new)."""
    by_verb: dict[str, list[str]] = {verb: [] for verb in _VERBS}
    for change in changes:
        verb = {"modified": "修改", "deleted": "删去", "inserted": "增加"}[change.what]
        node = change.new if change.what == "inserted" else change.old
        assert node is not None
        by_verb[verb].append(provision_name(None, node))
    # The one 款 of an article is named by the article alone ("第一条修改"), unless other
    # provisions are named beside it: then it is its 第一款, or the sentence would drop it.
    alone = sum(map(len, by_verb.values())) == 1
    parts: list[str] = []
    for verb, names in by_verb.items():
        named = "、".join(n or ("" if alone else "第一款") for n in names)
        if verb == "修改" and names:
            parts.append(f"{named}修改")
        elif names:
            parts.append(f"{verb}{named or '一款'}")
    return article.label + "；".join(parts) if parts else article.label
