"""Which article of the new version continues which of the old: ``align(old, new)``.

Three passes, in the order amendments work:

1. the backbone — an order-preserving alignment maximising summed similarity (a 修正 only inserts,
   deletes and rewrites in place, so for it this is the whole answer; a greedy best match misses
   renumbered articles whose text changed);
2. moves — a 修订 also carries articles to other chapters: what the backbone left unpaired is paired
   best-first when still clearly similar, and marked ``moved``;
3. splits and merges — an old article whose text now stands in two consecutive new articles (or the
   reverse).

Similarity is difflib's ratio over the normalised bodies (labels excluded: renumbering is not a
change).  Comparing every pair that way is quadratic in slow Python (~22 s on 公司法), so candidate
pairs are chosen first by character-bigram overlap, computed as bit sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..model import Document, Node
from .changes import article_changes, summary
from .model import Alignment, Merge, Pair, Split
from .normalize import comparable
from .text import body, char_ops

#: below this ratio two articles are not the same article (measured: unrelated articles of one law
#: reach ~0.3 through shared legal phrasing; 立法法 2015 第十三条 → 2023 第十六条 is 0.52)
PAIR_FLOOR = 0.35
#: a move must be clearer than a pair in order: far from its place, only the text vouches for it
MOVE_FLOOR = 0.5
#: how much better a move must be than the weak pair in order it replaces
STEAL_GAIN = 0.2
#: a split (merge) must cover the old (new) article this much better than its best single pair
SPLIT_GAIN = 0.15
SPLIT_FLOOR = 0.6
#: ...or its second part must stand in the old (new) article nearly word for word, and be no
#: mere phrase (立法法 2015 第七十二条第一款 → 2023 第八十条: 61 characters, all of them)
CONTAINED_SHARE = 0.9
CONTAINED_MIN = 20
#: the bigram prefilter: pairs below this Dice overlap are never compared exactly, and each article
#: keeps at most CANDIDATES partners besides those above STRONG_DICE
#: (measured on 公司法 2018 → 2023, 立法法 and 监察法: a wider net, 0.2 / 6 partners, finds the same
#: alignment at twice the time)
MIN_DICE = 0.3
STRONG_DICE = 0.5
CANDIDATES = 3
#: the article that brings the text into force, last in every law, whatever its date became
_COMMENCEMENT = re.compile(r"本(?:法|条例|规定|办法|细则|决定|准则|规则|解释)(?:自|于).{0,40}施行")


@dataclass(slots=True)
class _Side:
    articles: list[Node]
    texts: list[str]              # normalised bodies
    bits: list[int] = field(default_factory=list)    # bigram sets as bit masks
    sizes: list[int] = field(default_factory=list)


def align(old: Document, new: Document) -> Alignment:
    """Pair the articles of two versions of one law; see the module docstring for how."""
    a, b = _side(old), _side(new)
    _bigrams(a, b)
    sims = _Similarity(a, b)
    anchor = _commencement(a, b)
    candidates = _candidates(a, b)
    if anchor is not None:
        candidates = [(i, j) for i, j in candidates if i < anchor[0] and j < anchor[1]]
    backbone = _backbone(sims, candidates)
    pairs: dict[int, tuple[int, str]] = {j: (i, "order") for i, j in backbone}
    if anchor is not None:
        pairs[anchor[1]] = (anchor[0], "role")
    _moves(sims, pairs)
    taken_old = {i for i, _ in pairs.values()}
    splits, merges = _splits_and_merges(sims, pairs, taken_old)
    split_old = {i for i, _ in splits}
    merged_new = {j for _, j in merges}
    result: list[Pair] = []
    for j in sorted(pairs):
        i, reason = pairs[j]
        if j in merged_new or i in split_old:
            continue
        result.append(_pair(a.articles[i], b.articles[j], sims.ratio(i, j), reason, a.texts[i] == b.texts[j]))
    taken_old |= {i for i, _ in splits} | {i for is_, _ in merges for i in is_}
    taken_new = set(pairs) | {j for _, js in splits for j in js}
    return Alignment(
        old=old, new=new, pairs=result,
        inserted=[n for j, n in enumerate(b.articles) if j not in taken_new],
        deleted=[n for i, n in enumerate(a.articles) if i not in taken_old],
        splits=[Split(a.articles[i], tuple(b.articles[j] for j in js), sims.joined_new(i, js)) for i, js in splits],
        merges=[Merge(tuple(a.articles[i] for i in is_), b.articles[j], sims.joined_old(is_, j)) for is_, j in merges],
    )


def _pair(old: Node, new: Node, similarity: float, reason: str, same: bool) -> Pair:
    if same:
        return Pair(old, new, "unchanged", reason == "moved", 1.0, reason, (), char_ops(body(old), body(new)))
    changes = article_changes(old, new)
    return Pair(old, new, "modified", reason == "moved", similarity, reason, changes,
                char_ops(body(old), body(new)), summary(old, changes))


def _commencement(a: _Side, b: _Side) -> tuple[int, int] | None:
    """The last articles of both versions when both are the 本法自…施行 article: paired by their
    role (a new commencement date and transitional words leave little text in common)."""
    if not a.texts or not b.texts:
        return None
    last_old, last_new = len(a.texts) - 1, len(b.texts) - 1
    if _COMMENCEMENT.match(a.texts[last_old]) and _COMMENCEMENT.match(b.texts[last_new]):
        return last_old, last_new
    return None


def _side(doc: Document) -> _Side:
    articles = doc.articles()
    return _Side(articles, [comparable(body(n)) for n in articles])


def _bigrams(a: _Side, b: _Side) -> None:
    """Each body's set of character bigrams as one integer bit mask over a shared vocabulary, so
    that an overlap is one ``&`` and one ``bit_count``."""
    vocabulary: dict[str, int] = {}
    for side in (a, b):
        for text in side.texts:
            mask = 0
            for k in range(len(text) - 1):
                bit = vocabulary.setdefault(text[k:k + 2], len(vocabulary))
                mask |= 1 << bit
            side.bits.append(mask)
            side.sizes.append(mask.bit_count())


def _candidates(a: _Side, b: _Side) -> list[tuple[int, int]]:
    """The pairs worth an exact comparison: each article's best bigram partners."""
    chosen: set[tuple[int, int]] = set()
    rows: list[list[tuple[float, int]]] = [[] for _ in a.texts]
    cols: list[list[tuple[float, int]]] = [[] for _ in b.texts]
    for i, (bits_i, size_i) in enumerate(zip(a.bits, a.sizes, strict=True)):
        for j, (bits_j, size_j) in enumerate(zip(b.bits, b.sizes, strict=True)):
            total = size_i + size_j
            dice = 2 * (bits_i & bits_j).bit_count() / total if total else 1.0
            if dice >= MIN_DICE:
                rows[i].append((dice, j))
                cols[j].append((dice, i))
    for i, row in enumerate(rows):
        row.sort(reverse=True)
        chosen.update((i, j) for k, (dice, j) in enumerate(row) if k < CANDIDATES or dice >= STRONG_DICE)
    for j, col in enumerate(cols):
        col.sort(reverse=True)
        chosen.update((i, j) for k, (dice, i) in enumerate(col) if k < CANDIDATES or dice >= STRONG_DICE)
    return sorted(chosen)


class _Similarity:
    """difflib ratios, computed once per pair asked for."""

    def __init__(self, a: _Side, b: _Side) -> None:
        self.a, self.b = a, b
        self._cache: dict[tuple[int, int], float] = {}

    def ratio(self, i: int, j: int) -> float:
        key = (i, j)
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = _ratio(self.a.texts[i], self.b.texts[j])
        return value

    def known(self) -> list[tuple[tuple[int, int], float]]:
        """Every pair compared so far, with its ratio."""
        return list(self._cache.items())

    def joined_new(self, i: int, js: tuple[int, ...]) -> float:
        return _ratio(self.a.texts[i], "\n".join(self.b.texts[j] for j in js))

    def joined_old(self, is_: tuple[int, ...], j: int) -> float:
        return _ratio("\n".join(self.a.texts[i] for i in is_), self.b.texts[j])


def _ratio(x: str, y: str) -> float:
    if x == y:
        return 1.0
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    if matcher.real_quick_ratio() < PAIR_FLOOR or matcher.quick_ratio() < PAIR_FLOOR:
        return matcher.quick_ratio()   # an upper bound, already below every floor
    return matcher.ratio()


def _backbone(sims: _Similarity, candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The order-preserving set of pairs with the largest summed similarity: a heaviest increasing
    chain over the candidate pairs, with a prefix-maximum tree over new positions (each old row is
    finished before it is added, so one old article is paired once)."""
    size = len(sims.b.texts)
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)   # Fenwick tree: (best sum, pair index)
    chain: list[tuple[int, int, int]] = []                      # (i, j, previous pair index)
    best: tuple[float, int] = (0.0, -1)
    row: list[tuple[float, int, int, int]] = []

    def prefix(j: int) -> tuple[float, int]:   # best chain using new articles < j
        result = (0.0, -1)
        while j > 0:
            if tree[j][0] > result[0]:
                result = tree[j]
            j -= j & -j
        return result

    def update(j: int, value: tuple[float, int]) -> None:
        j += 1
        while j <= size:
            if value[0] > tree[j][0]:
                tree[j] = value
            j += j & -j

    def flush() -> None:
        nonlocal best
        for total, i, j, previous in row:
            chain.append((i, j, previous))
            entry = (total, len(chain) - 1)
            update(j, entry)
            if total > best[0]:
                best = entry
        row.clear()

    current = -1
    for i, j in candidates:
        if i != current:
            flush()
            current = i
        similarity = sims.ratio(i, j)
        if similarity < PAIR_FLOOR:
            continue
        total, previous = prefix(j)
        row.append((total + similarity, i, j, previous))
    flush()
    pairs: list[tuple[int, int]] = []
    index = best[1]
    while index >= 0:
        i, j, index = chain[index]
        pairs.append((i, j))
    return pairs[::-1]


def _moves(sims: _Similarity, pairs: dict[int, tuple[int, str]]) -> None:
    """Best-first pairs of clearly similar articles the backbone left alone, or paired weakly: an
    article that moved leaves its old place to a poor partner in order (公司法 2018 第一百四十九条
    went after 第一百五十条's successor; in order it could only be paired with a stranger).  Such a
    pair is "moved" when it crosses the order of the backbone; paired articles it takes from are
    freed for later pairs.  Changes ``pairs`` in place."""
    found = sorted(((ratio, i, j) for (i, j), ratio in sims.known() if ratio >= MOVE_FLOOR), reverse=True)
    for _ in range(3):   # an article freed by a later pair may take an earlier candidate
        if not _move_round(sims, pairs, found):
            break


def _move_round(sims: _Similarity, pairs: dict[int, tuple[int, str]], found: list[tuple[float, int, int]]) -> bool:
    old_of = {i: j for j, (i, _) in pairs.items()}
    changed = False
    for ratio, i, j in found:
        if old_of.get(i) == j:
            continue
        if not (_free(sims, pairs, old_of.get(i), ratio) and _free(sims, pairs, j if j in pairs else None, ratio)):
            continue
        if i in old_of:
            del pairs[old_of.pop(i)]
        if j in pairs:
            del old_of[pairs.pop(j)[0]]
        pairs[j] = (i, "moved" if _crosses(pairs, i, j) else "order")
        old_of[i] = j
        changed = True
    return changed


def _free(sims: _Similarity, pairs: dict[int, tuple[int, str]], j: int | None, ratio: float) -> bool:
    """The article of a candidate pair is unpaired, or paired by order clearly worse."""
    if j is None:
        return True
    held_by, reason = pairs[j]
    return reason == "order" and sims.ratio(held_by, j) < MOVE_FLOOR and ratio >= sims.ratio(held_by, j) + STEAL_GAIN


def _crosses(pairs: dict[int, tuple[int, str]], i: int, j: int) -> bool:
    return any((k < i) != (jj < j) for jj, (k, reason) in pairs.items() if reason == "order" and jj != j)


def _splits_and_merges(sims: _Similarity, pairs: dict[int, tuple[int, str]], taken_old: set[int]
                       ) -> tuple[list[tuple[int, tuple[int, int]]], list[tuple[tuple[int, int], int]]]:
    """An inserted new article next to a pair's new article that, joined to it, covers the old
    article clearly better is the second half of a split; a deleted old article next to a pair's old
    article, likewise, was merged."""
    new_of_old = {i: j for j, (i, _) in pairs.items()}
    count_new, count_old = len(sims.b.texts), len(sims.a.texts)
    splits: list[tuple[int, tuple[int, int]]] = []
    for j, (i, _) in sorted(pairs.items()):
        single = sims.ratio(i, j)
        for js in ((j, j + 1), (j - 1, j)):
            if js[0] < 0 or js[1] >= count_new or any(k in pairs for k in js if k != j):
                continue
            other = js[1] if js[0] == j else js[0]
            if single == 1.0 or not _covers(sims.a.bits[i], sims.b.bits[other], sims.b.sizes[other]):
                continue
            joined = sims.joined_new(i, js)
            if joined >= SPLIT_FLOOR and (joined >= single + SPLIT_GAIN
                                          or (joined > single and _contained(sims.b.texts[other], sims.a.texts[i]))):
                splits.append((i, js))
                break
    split_new = {k for _, js in splits for k in js}
    merges: list[tuple[tuple[int, int], int]] = []
    for i, j in sorted(new_of_old.items()):
        if j in split_new:
            continue
        single = sims.ratio(i, j)
        for is_ in ((i, i + 1), (i - 1, i)):
            if is_[0] < 0 or is_[1] >= count_old or any(k in taken_old for k in is_ if k != i):
                continue
            other = is_[1] if is_[0] == i else is_[0]
            if single == 1.0 or not _covers(sims.b.bits[j], sims.a.bits[other], sims.a.sizes[other]):
                continue
            joined = sims.joined_old(is_, j)
            if joined >= SPLIT_FLOOR and (joined >= single + SPLIT_GAIN
                                          or (joined > single and _contained(sims.a.texts[other], sims.b.texts[j]))):
                merges.append((is_, j))
                break
    return splits, merges


def _contained(part: str, whole: str) -> bool:
    """``part`` stands nearly word for word in ``whole``: a 款 carried out of an article into a
    new one beside it (立法法 2015 第七十二条第一款 is the whole of 2023 第八十条).  However short the
    piece, the joined texts then gain little over the single pair, and without this test the 款
    would read as struck out and the new article as new law."""
    if len(part) < CONTAINED_MIN:
        return False
    matcher = SequenceMatcher(None, part, whole, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) >= CONTAINED_SHARE * len(part)


def _covers(whole: int, part: int, part_size: int) -> bool:
    """Most of ``part``'s bigrams are in ``whole``: worth an exact look as a piece of it."""
    return part_size > 0 and (whole & part).bit_count() >= SPLIT_FLOOR * part_size
