"""The search index: every article of every stored text, and for each character and character pair
(§13 of the design notes) the sorted list of the articles holding it.

Why this shape: SQLite's FTS5 trigram tokenizer never matches a term of one or two characters
(诫勉, 处分) and on SQLite 3.40 even ``LIKE`` on a trigram table finds nothing; word segmentation
misses 13–27 % of legal terms.  Pairs of characters miss nothing: every term of two or more
characters is in an article only if all its pairs are, and a term of one character is its own key.
The index only narrows the candidates; the query verifies each by substring, so results are exact.

Tables (all in the store's SQLite file, or in memory for the bundled corpus):

- ``search_docs``: one row per indexed text — its id, the law it is a version of, title, path,
  level and dates (as the collection's metadata gives them), and the range of its units.
- ``search_units``: one row per article — the real (normalised) text of the article (``text``),
  and what only a hit needs (``about``, JSON): the 款/项/目 inside it with their citations and the
  places of its text in the source file (line:column).  Both are compressed (``pack``: zlib with
  the store's preset dictionary, regtext/store/packing.py): this is the store's one copy of the
  articles' characters for search, and uncompressed it was a third of the national store.
- ``search_postings``: one row per key and segment — the ids of the units holding the key,
  delta-encoded, as 32-bit little-endian integers, zlib-compressed (``encode``).  Units are
  numbered in the order they are indexed and never reused, so each segment continues the sorted
  list of the one before; a segment holds the units indexed since the last flush (``flush``, every
  ``SEGMENT_CHARS`` characters), and every ``MAX_SEGMENTS`` flushes the segments merge into one.
- ``search_meta``: counters (next unit id, units already in postings, segments).

A dropped text (``drop_document``) loses its units at once; its ids stay in the postings and are
skipped by the query, which fetches every candidate's unit.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from operator import sub
from typing import Any

from ..errors import RegtextError
from ..model import Document, Node
from ..store import packing
from .fold import fold, grams

#: Characters of unindexed text after which index_document writes a segment of postings: memory
#: stays bounded during a national import (18 million characters: nine segments, the first eight
#: merged into one on the way).
SEGMENT_CHARS = 2_000_000
#: Segments after which ``flush`` merges them all into one (each key then has one row).
MAX_SEGMENTS = 8
#: Lists of at most this many ids are stored without compression.
RAW = 8

SCHEMA = """
CREATE TABLE IF NOT EXISTS search_docs (
    key INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL UNIQUE,
    law TEXT NOT NULL,
    title TEXT NOT NULL,
    path TEXT NOT NULL,
    level TEXT,
    valid_from TEXT,
    valid_until TEXT,
    expired INTEGER NOT NULL DEFAULT 0,
    first_unit INTEGER NOT NULL,
    last_unit INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS search_docs_law ON search_docs (law);
CREATE TABLE IF NOT EXISTS search_units (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    eid TEXT NOT NULL,
    text BLOB NOT NULL,
    about BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS search_postings (
    gram TEXT NOT NULL,
    seg INTEGER NOT NULL,
    n INTEGER NOT NULL,
    ids BLOB NOT NULL,
    PRIMARY KEY (gram, seg)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


def create(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def _meta(conn: sqlite3.Connection, key: str) -> int:
    row = conn.execute("SELECT value FROM search_meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def _set_meta(conn: sqlite3.Connection, key: str, value: int) -> None:
    conn.execute("INSERT OR REPLACE INTO search_meta (key, value) VALUES (?, ?)", (key, value))


@dataclass(frozen=True, slots=True)
class Facts:
    """What the query's filters read of a text: its level (法律, 行政法规, … as the collection names
    it), the law it is a version of (versions of one law share it: the later one ends the
    earlier), the day it came into force, the day it stopped (when known) and whether the
    collection marks it expired."""

    law: str
    level: str | None = None
    valid_from: str | None = None     # YYYY-MM-DD
    valid_until: str | None = None
    expired: bool = False


def index_document(conn: sqlite3.Connection, doc_id: str, doc: Document, *, path: str | None = None,
                   level: str | None = None, valid_from: date | None = None, valid_until: date | None = None,
                   expired: bool = False, law: str | None = None) -> None:
    """Add one text's articles (the caller commits).  A text indexed before under ``doc_id`` is
    replaced.  The filters' facts are the keywords; when none is given and the connection is a
    corpus store's, they are read from the store's row of ``doc_id`` (``stored_facts``)."""
    create(conn)
    drop_document(conn, doc_id)
    given = level is not None or valid_from is not None or valid_until is not None or expired or law is not None
    stored = None if given else stored_facts(conn, doc_id, doc)
    facts = stored or Facts(law or doc.title or doc_id, level, _iso(valid_from), _iso(valid_until), expired)
    if stored is not None and path is None:
        path = _stored_path(conn, doc_id)
    first = _meta(conn, "next_unit") + 1
    rows = list(_unit_rows(doc))
    ids = range(first, first + len(rows))
    conn.execute(
        "INSERT INTO search_docs (doc_id, law, title, path, level, valid_from, valid_until, expired, first_unit,"
        " last_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc_id, facts.law, doc.title or doc_id, path or doc.source, facts.level, facts.valid_from,
         facts.valid_until, int(facts.expired), first, first + len(rows) - 1))
    key = conn.execute("SELECT key FROM search_docs WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    conn.executemany("INSERT INTO search_units (id, doc, eid, text, about) VALUES (?, ?, ?, ?, ?)",
                     [(uid, key, eid, pack(text), pack(about))
                      for uid, (eid, text, about) in zip(ids, rows, strict=True)])
    _set_meta(conn, "next_unit", first + len(rows) - 1)
    pending = _meta(conn, "pending_chars") + sum(len(row[1]) for row in rows)
    _set_meta(conn, "pending_chars", pending)
    if pending >= SEGMENT_CHARS:
        flush(conn)


def stored_facts(conn: sqlite3.Connection, doc_id: str, doc: Document) -> Facts | None:
    """The facts of a text in a corpus store (regtext.store: table ``documents``), None outside a
    store.  The day it came into force: the collection's ``valid_from``, else the 施行 date the
    text itself gives (本办法自2024年1月1日起施行, ``Meta.effective``), else its publication
    date, else the date its file name carries (监察法(2024-12-25))."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").fetchone() is None:
        return None
    row = conn.execute("SELECT law_name, title, level, valid_from, publish, version_date, expired FROM documents"
                       " WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    law_name, title, level, valid_from, publish, version_date, expired = row
    effective = doc.meta.effective.isoformat() if doc.meta.effective else None
    return Facts(law=law_name or title or doc.title or doc_id, level=level,
                 valid_from=valid_from or effective or publish or version_date, expired=bool(expired))


def _stored_path(conn: sqlite3.Connection, doc_id: str) -> str | None:
    row = conn.execute("SELECT path FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return str(row[0]) if row else None


def drop_document(conn: sqlite3.Connection, doc_id: str) -> bool:
    """Remove a text from the index (before it is imported again).  Whether it was there."""
    create(conn)
    row = conn.execute("SELECT key, first_unit, last_unit FROM search_docs WHERE doc_id = ?", (doc_id,)).fetchone()
    if row is None:
        return False
    conn.execute("DELETE FROM search_units WHERE id BETWEEN ? AND ?", row[1:])  # a text's units are a range
    conn.execute("DELETE FROM search_docs WHERE key = ?", (row[0],))
    return True


def flush(conn: sqlite3.Connection, *, until: int | None = None) -> int:
    """Write the postings of the units indexed since the last flush (up to unit ``until``) as one
    segment, merging all segments into one when there are ``MAX_SEGMENTS`` (the caller commits).
    Returns the number of units it indexed."""
    create(conn)
    done = _meta(conn, "indexed_upto")
    last = _meta(conn, "next_unit") if until is None else until
    postings: dict[str, array[int]] = {}
    count = 0
    for uid, text in conn.execute("SELECT id, text FROM search_units WHERE id > ? AND id <= ? ORDER BY id",
                                  (done, last)):
        for gram in grams(fold(unpack(text))):
            ids = postings.get(gram)
            if ids is None:
                ids = postings[gram] = array("I")
            ids.append(uid)
        count += 1
    if postings:
        seg = _meta(conn, "next_segment") + 1
        conn.executemany("INSERT INTO search_postings (gram, seg, n, ids) VALUES (?, ?, ?, ?)",
                         ((gram, seg, len(ids), encode(ids)) for gram, ids in postings.items()))
        _set_meta(conn, "next_segment", seg)
        if _segments(conn) >= MAX_SEGMENTS:
            merge(conn)
    _set_meta(conn, "indexed_upto", max(last, done))
    _set_meta(conn, "pending_chars", 0)
    return count


def finish(conn: sqlite3.Connection) -> None:
    """The end of an import: the last units flushed, and the segments merged into one (one row
    per key: the national postings take 47 MB instead of 54 MB in three segments; the merge costs
    about 10 s there, once per import that imported something)."""
    flush(conn)
    if _segments(conn) > 1:
        merge(conn)


def _segments(conn: sqlite3.Connection) -> int:
    """How many segments the postings have (each was written whole: the newest and oldest bound it)."""
    return _meta(conn, "next_segment") - _meta(conn, "merged_segment")


def merge(conn: sqlite3.Connection) -> None:
    """All segments into one, under the newest segment's number: one row per key.  Each key's
    segments cover consecutive ranges of units, so its lists concatenate in order."""
    seg = _meta(conn, "next_segment")
    merged: list[tuple[str, int, int, bytes]] = []
    gram_now: str | None = None
    ids: list[int] = []
    for gram, n, blob in conn.execute("SELECT gram, n, ids FROM search_postings ORDER BY gram, seg"):
        if gram != gram_now:
            if gram_now is not None:
                merged.append((gram_now, seg, len(ids), encode(ids)))
            gram_now, ids = gram, []
        ids.extend(decode(blob, n))
    if gram_now is not None:
        merged.append((gram_now, seg, len(ids), encode(ids)))
    conn.execute("DELETE FROM search_postings")
    conn.executemany("INSERT INTO search_postings (gram, seg, n, ids) VALUES (?, ?, ?, ?)", merged)
    _set_meta(conn, "merged_segment", seg - 1)


def rebuild(conn: sqlite3.Connection) -> None:
    """The postings written again from the units, segment by segment as an import writes them:
    after many re-imports, the ids of dropped texts leave the lists."""
    conn.execute("DELETE FROM search_postings")
    for key in ("indexed_upto", "next_segment", "merged_segment"):
        _set_meta(conn, key, 0)
    size = 0
    for uid, text in conn.execute("SELECT id, text FROM search_units ORDER BY id").fetchall():
        size += len(unpack(text))
        if size >= SEGMENT_CHARS:
            flush(conn, until=uid)
            size = 0
    flush(conn)


def indexed_upto(conn: sqlite3.Connection) -> int:
    """The last unit id whose keys are in the postings (later ones wait for ``flush``)."""
    return _meta(conn, "indexed_upto")


def encode(ids: Iterable[int]) -> bytes:
    """Sorted unit ids → the stored blob: their differences as 32-bit little-endian integers,
    zlib-compressed when there are more than ``RAW`` (for fewer, zlib's own bytes cost more than
    it saves)."""
    values = array("I", ids)
    deltas = array("I", values[:1])
    deltas.extend(map(sub, values[1:], values[:-1]))
    if sys.byteorder != "little":
        deltas.byteswap()
    raw = deltas.tobytes()
    return raw if len(values) <= RAW else zlib.compress(raw, 6)


def decode(blob: bytes, n: int) -> list[int]:
    """The ``n`` sorted unit ids of a stored blob."""
    deltas = array("I")
    deltas.frombytes(blob if n <= RAW else zlib.decompress(blob))
    if sys.byteorder != "little":
        deltas.byteswap()
    return list(accumulate(deltas))


def pack(text: str) -> bytes:
    """A unit's text (or its ``about`` JSON) as stored (regtext.store.packing)."""
    return packing.pack(text.encode())


def unpack(blob: bytes) -> str:
    """What ``pack`` stored."""
    return packing.unpack(blob).decode()


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


# ---- what a unit keeps of its article --------------------------------------------------------


def _unit_rows(doc: Document) -> Iterable[tuple[str, str, str]]:
    """(eId, text, about) of every article: the text from the article's label to its end,
    as the parser normalised it (page breaks joined, page numbers gone)."""
    for article in doc.articles():
        if not article.eid:
            continue
        start, end = article.start, article.end
        text = doc.text[start:end]
        nodes = [[n.start - start, n.end - start, n.eid, _citation(n, doc)] for n in _provisions(article)]
        about = {"nodes": nodes, "places": _places(doc, start, end)}
        yield article.eid, text, json.dumps(about, ensure_ascii=False, separators=(",", ":"))


def _provisions(article: Node) -> list[Node]:
    """The article and the 款/项/目 a hit can name, outermost first.  A lone 款 is the article
    itself (a citation never writes 第一款 of a single-款 article)."""
    out = [article]
    for node in article.walk():
        if node is article or not node.eid or node.type not in ("paragraph", "item", "subitem"):
            continue
        if node.type == "paragraph" and sum(1 for c in article.children if c.type == "paragraph") == 1:
            continue
        out.append(node)
    return out


def _citation(node: Node, doc: Document) -> str:
    """第四条第（三）项 — without the title (kept once, in search_docs).  A provision no style can
    cite (a malformed number) is named by its printed label."""
    from ..cite.format import format_nodes  # deferred: indexing loads citations only when it runs

    try:
        return format_nodes([node], "zh", doc)
    except RegtextError:
        return node.label or node.eid


def _places(doc: Document, start: int, end: int) -> dict[str, object]:
    """How offsets in the unit's text map to the source file: ``segs`` [[unit offset, source
    offset], …] (where the normaliser joined or dropped text, the mapping jumps), ``line`` the
    source line of the unit's start, ``starts`` the source offsets of that line and the following
    ones up to the unit's end.  ``UnitPlaces`` reads it back."""
    offsets = doc.normalized.offsets
    norm, orig = offsets.norm_starts, offsets.orig_starts
    segs = [[0, offsets.to_original(start)]]
    k = bisect_right(norm, start)
    while k < len(norm) and norm[k] < end:
        segs.append([norm[k] - start, orig[k]])
        k += 1
    lines = doc.normalized.lines
    first_line = bisect_right(lines.starts, segs[0][1])
    last_line = bisect_right(lines.starts, offsets.to_original(max(end - 1, start)))
    places: dict[str, object] = {"segs": segs, "line": first_line, "starts": lines.starts[first_line - 1:last_line]}
    if lines.numbers is not None and lines.shifts is not None:   # a converted text: the lines of its file
        numbers = lines.numbers[first_line - 1:last_line]
        shifts = lines.shifts[first_line - 1:last_line]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))) and not any(shifts):
            places["line"] = numbers[0]   # the usual article: its lines are the file's, one for one
        else:
            places["numbers"], places["shifts"] = numbers, shifts
    return places


class UnitPlaces:
    """The source offset and line:column of an offset in a unit's text."""

    __slots__ = ("line", "numbers", "seg_units", "seg_sources", "shifts", "starts")

    def __init__(self, data: dict[str, Any]) -> None:
        self.seg_units: list[int] = [s[0] for s in data["segs"]]
        self.seg_sources: list[int] = [s[1] for s in data["segs"]]
        self.line: int = data["line"]
        self.starts: list[int] = data["starts"]
        self.numbers: list[int] | None = data.get("numbers")
        self.shifts: list[int] = data.get("shifts", [])

    def source_offset(self, offset: int) -> int:
        k = bisect_right(self.seg_units, offset) - 1
        return self.seg_sources[k] + offset - self.seg_units[k]

    def position(self, offset: int) -> tuple[int, int]:
        source = self.source_offset(offset)
        k = bisect_right(self.starts, source)
        column = source - self.starts[k - 1] + 1
        if self.numbers is not None:
            return self.numbers[k - 1], max(1, column + self.shifts[k - 1])
        return self.line + k - 1, column
