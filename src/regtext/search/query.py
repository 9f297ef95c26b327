"""Searching the index: the provisions that hold every term of a query.

1. The query's terms (``terms.parse_query``), folded as the index is (``fold``).
2. Candidates: the units holding the rarest keys of the terms (the postings of up to
   ``_MAX_LISTS`` keys intersected), narrowed to the texts the filters keep.
3. Verification: each candidate's folded text must contain every term — the index only narrows,
   so what is returned is exactly what a substring scan of the same articles returns.
4. The hit: the smallest provision (article, 款, 项 or 目) holding every occurrence of the terms,
   with the place of each occurrence in the source file and a snippet with the matches marked.

Hits come in the order the texts were indexed, and in document order inside a text.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import InputError, UsageError
from ..versions.timeline import Timed, Timeline
from . import index
from .fold import FOLD, fold, term_grams
from .terms import parse_query

#: Postings lists intersected at most, and how much longer than the rarest a list may be to be
#: worth decoding (a candidate costs a row fetch and a substring test; a posting costs a few
#: nanoseconds to decode, but the first hits usually come long before the rarest list ends).
_MAX_LISTS = 2
_WORTH = 8
#: Candidates fetched per statement.
_BATCH = 64
#: Characters of context around a match in a snippet, and matches shown in it.
_CONTEXT = 12
_SNIPPET_MATCHES = 3
#: How a snippet marks a match (JSON gives the exact spans besides).
MARK = ("【", "】")


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence of a term: ``start``/``end`` are character offsets in the source file's
    decoded text, ``line``/``column`` where it starts, ``text`` the characters found (the real text,
    which may differ from the term in bracket width or full-width digits)."""

    term: str
    text: str
    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str            # the text's id in the store (or the bundled corpus)
    eid: str            # art_4__para_1__point_3
    citation: str       # 《安全生产责任追究办法（试行）》第四条第（三）项
    title: str
    path: str           # the source file, as indexed
    line: int
    column: int
    matches: tuple[Match, ...]
    snippet: str

    @property
    def span(self) -> tuple[int, int]:
        """From the first match's start to the last match's end, in the source file."""
        return self.matches[0].start, max(m.end for m in self.matches)

    def to_dict(self) -> dict[str, object]:
        return {
            "doc": self.doc, "eid": self.eid, "citation": self.citation, "title": self.title, "path": self.path,
            "line": self.line, "column": self.column, "span": list(self.span), "snippet": self.snippet,
            "matches": [{"term": m.term, "text": m.text, "span": [m.start, m.end], "line": m.line, "column": m.column}
                        for m in self.matches],
        }


Store = sqlite3.Connection | str | os.PathLike[str] | None


def search(store_or_conn: Store, query: str, *, doc: str | None = None, level: str | None = None,
           in_force: date | None = None, limit: int = 20) -> list[Hit]:
    """The provisions holding every term of ``query``, at most ``limit``.  ``store_or_conn``: an
    open connection, the path of a store, or None for the bundled corpus.  ``doc`` keeps one text,
    ``level`` the texts of that level (法律, 行政法规, …), ``in_force`` the texts in force that day."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise UsageError(f"the limit must be a whole number of hits, 1 or more (not {limit!r})",
                         hint="e.g. --limit 20")
    terms = parse_query(query)
    conn = connect(store_or_conn)
    ranges = _kept_units(conn, doc, level, in_force)
    folded = [fold(term) for term in terms]
    hits: list[Hit] = []
    for row in _verified(conn, folded, ranges):
        hits.append(_hit(row, terms, folded))
        if len(hits) == limit:
            break
    return hits


# ---- the store -----------------------------------------------------------------------------


def connect(store_or_conn: Store) -> sqlite3.Connection:
    """The connection to search: the one given, the store at a path (opened for reading), or the
    bundled corpus's index (built in memory)."""
    if isinstance(store_or_conn, sqlite3.Connection):
        conn = store_or_conn
    elif store_or_conn is None:
        from .bundled import bundled_index

        return bundled_index()
    else:
        from ..store import open_store

        conn = open_store(os.fspath(store_or_conn)).conn
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_units'").fetchone() is None:
        where = "<connection>" if isinstance(store_or_conn, sqlite3.Connection) else os.fspath(store_or_conn)
        raise InputError("the store has no search index (no text imported yet)", where=where,
                         hint="import texts into it with 'regtext corpus import PATH --store FILE'")
    return conn


# ---- filters: which units may be returned --------------------------------------------------


def _kept_units(conn: sqlite3.Connection, doc: str | None, level: str | None,
                in_force: date | None) -> list[tuple[int, int]] | None:
    """The unit id ranges of the texts the filters keep (sorted), or None when nothing filters."""
    if doc is None and level is None and in_force is None:
        return None
    where, params = [], []
    if doc is not None:
        doc_id = _doc_id(conn, doc)
        where.append("doc_id = ?")
        params.append(doc_id)
    if level is not None:
        levels = dict(conn.execute("SELECT level, count(*) FROM search_docs WHERE level IS NOT NULL GROUP BY level"))
        if level not in levels:
            known = ", ".join(f"{name} ({count})" for name, count in sorted(levels.items()))
            raise UsageError(f"no text of level {level!r} in the index", hint=f"the levels are: {known or 'none'}")
        where.append("level = ?")
        params.append(level)
    kept = _in_force(conn, in_force) if in_force is not None else None
    rows = conn.execute(f"SELECT key, first_unit, last_unit FROM search_docs WHERE {' AND '.join(where or ['1'])}"
                        " AND first_unit <= last_unit ORDER BY first_unit", params)
    return [(first, last) for key, first, last in rows if kept is None or key in kept]


def _in_force(conn: sqlite3.Connection, day: date) -> set[int]:
    """The keys of the texts in force on ``day``, by the one rule of versions/timeline.py, over the
    versions of each law (texts of one ``law``): begun by then — or no date known —, not ended (a
    later version of the same law begun by then ends it, as does a text's own ``valid_until``, the
    first day it is no longer in force), and not marked expired when it is the last version (a
    repealed law: the collection does not say since when, so it is out on every day).  A text
    with no date counts as in force on every day (``undated="always"``)."""
    laws: dict[str, list[Timed]] = {}
    for key, law, valid_from, valid_until, expired in conn.execute(
            "SELECT key, law, valid_from, valid_until, expired FROM search_docs"):
        until = _day(valid_until)
        laws.setdefault(law, []).append(Timed(str(key), _day(valid_from), until and until - timedelta(days=1),
                                              bool(expired)))
    return {int(v.id) for versions in laws.values()
            for v in Timeline(versions).on(day, undated="always", repealed_out=True)}


def _day(text: str | None) -> date | None:
    """A stored YYYY-MM-DD (the index writes no other form; anything else is no date known)."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _doc_id(conn: sqlite3.Connection, doc: str) -> str:
    """The indexed id of ``doc``: an id, or in a store a file name no other text has."""
    if conn.execute("SELECT 1 FROM search_docs WHERE doc_id = ?", (doc,)).fetchone() is not None:
        return doc
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").fetchone():
        rows = conn.execute("SELECT id FROM documents WHERE name = ? LIMIT 2", (doc,)).fetchall()
        if len(rows) == 1:
            return str(rows[0][0])
    raise InputError(f"no text {doc!r} in the index",
                     hint="give an id as 'regtext corpus' (with --store for a store) lists it")


def _in_ranges(ids: list[int], ranges: list[tuple[int, int]] | None) -> list[int]:
    if ranges is None:
        return ids
    firsts = [first for first, _ in ranges]
    out = []
    for uid in ids:
        k = bisect_right(firsts, uid) - 1
        if k >= 0 and uid <= ranges[k][1]:
            out.append(uid)
    return out


# ---- candidates and verification -----------------------------------------------------------


def _candidates(conn: sqlite3.Connection, folded: list[str]) -> Iterator[list[int]]:
    """Sorted ids of the units holding the rarest keys of every term (a superset of the hits), one
    segment at a time: every segment covers the same range of units for every key, so segment by
    segment the lists intersect exactly, and a query whose first hits come early decodes no more."""
    keys = set().union(*(term_grams(term) for term in folded))
    marks = ",".join("?" * len(keys))
    counts = dict(conn.execute(f"SELECT gram, sum(n) FROM search_postings WHERE gram IN ({marks}) GROUP BY gram",
                               list(keys)))
    if len(counts) == len(keys):   # else a key no flushed unit holds: no flushed unit holds every term
        rarest = sorted(keys, key=lambda key: (counts[key], key))
        chosen = [key for key in rarest[:_MAX_LISTS] if counts[key] <= _WORTH * counts[rarest[0]]]
        segments = {key: {seg: (n, blob) for seg, n, blob in
                          conn.execute("SELECT seg, n, ids FROM search_postings WHERE gram = ?", (key,))}
                    for key in chosen}
        for seg in sorted(segments[chosen[0]]):
            n, blob = segments[chosen[0]][seg]
            ids = index.decode(blob, n)
            for key in chosen[1:]:
                row = segments[key].get(seg)
                keep = set(index.decode(row[1], row[0])) if row is not None else set()
                ids = [uid for uid in ids if uid in keep]
            if ids:
                yield ids
    # Units indexed since the last flush have no postings yet: each is a candidate.
    yield [uid for (uid,) in conn.execute("SELECT id FROM search_units WHERE id > ? ORDER BY id",
                                          (index.indexed_upto(conn),))]


def _verified(conn: sqlite3.Connection, folded: list[str],
              ranges: list[tuple[int, int]] | None) -> Iterator[tuple[object, ...]]:
    """The candidates' units whose text holds every term, fetched in batches as they are read."""
    for candidates in _candidates(conn, folded):
        ids = _in_ranges(candidates, ranges)
        for at in range(0, len(ids), _BATCH):
            batch = ids[at:at + _BATCH]
            rows = conn.execute(
                "SELECT u.id, u.eid, u.text, u.about, d.doc_id, d.title, d.path FROM search_units u"
                f" JOIN search_docs d ON d.key = u.doc WHERE u.id IN ({','.join('?' * len(batch))}) ORDER BY u.id",
                batch)
            for uid, eid, packed, about, *doc in rows:
                text = index.unpack(packed)
                folded_text = text.translate(FOLD)
                if all(term in folded_text for term in folded):
                    yield (uid, eid, text, about, *doc)


# ---- the hit -------------------------------------------------------------------------------


def _occurrences(text: str, term: str) -> list[tuple[int, int]]:
    out = []
    at = text.find(term)
    while at >= 0:
        out.append((at, at + len(term)))
        at = text.find(term, at + len(term))
    return out


def _hit(row: tuple[object, ...], terms: tuple[str, ...], folded: list[str]) -> Hit:
    _, eid, text, packed_about, doc_id, title, path = row
    assert isinstance(text, str) and isinstance(packed_about, bytes)
    about = json.loads(index.unpack(packed_about))
    folded_text = fold(text)
    spans = sorted((s, e, term) for term, f in zip(terms, folded, strict=True) for s, e in _occurrences(folded_text, f))
    first, last = spans[0][0], max(e for _, e, _ in spans)
    nodes = about["nodes"]
    start, end, node_eid, citation = min((n for n in nodes if n[0] <= first and last <= n[1]),
                                         key=lambda n: (n[1] - n[0], -n[0]))
    places = index.UnitPlaces(about["places"])
    matches = []
    for s, e, term in spans:
        line, column = places.position(s)
        matches.append(Match(term, text[s:e], places.source_offset(s), places.source_offset(e - 1) + 1, line, column))
    return Hit(doc=str(doc_id), eid=node_eid, citation=f"《{title}》{citation}", title=str(title), path=str(path),
               line=matches[0].line, column=matches[0].column, matches=tuple(matches),
               snippet=snippet(text, [(s, e) for s, e, _ in spans], start, end))


_BLANK = re.compile(r"\s+")


def snippet(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """The text around the first matches, inside the provision [start, end), each match marked
    【…】; … where text is left out; whitespace runs shown as one space."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    shown = merged[:_SNIPPET_MATCHES]
    left = max(start, shown[0][0] - _CONTEXT)
    pieces = ["…" if left > start else "", text[left:shown[0][0]]]
    for k, (s, e) in enumerate(shown):
        pieces += [MARK[0], text[s:e], MARK[1]]
        if k + 1 < len(shown):
            following = shown[k + 1][0]
            if following - e <= 2 * _CONTEXT:
                pieces.append(text[e:following])
            else:
                pieces += [text[e:e + _CONTEXT], "…", text[following - _CONTEXT:following]]
        else:
            right = min(end, e + _CONTEXT)
            pieces += [text[e:right], "…" if right < end else ""]
    return _BLANK.sub(" ", "".join(pieces)).strip()
