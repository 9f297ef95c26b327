"""The store's references resolved across the whole store, once, after an import: every stored
text's references linked against the store's titles (and the bundled corpus's), each law read in
the version in force on the citing text's day, the results kept in the ``xrefs`` tables
(regtext/refs/national.py).  Two worker processes load the stored trees (no text is parsed
again); the parent alone writes.

A text's start is, first found: the collection's ``valid_from`` (commencement), the date its file
name carries (the version's adoption), the collection's ``publish``, a 施行 history line, the last
date of its history lines; ``repealed`` is the collection's ``expired``.  A text whose tree has a
subtitle (民法典 ``# 总则``) is that part of its law.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from ..cite.registry import Registry
from ..model import Document
from ..parser.pipeline import add_references
from ..store.db import Store
from .national import Row, StoredText, create, reading_days, rows_of, store_document, store_registry
from .versions import Dated

T = TypeVar("T")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


class _Work:
    """What every worker needs (inherited by fork)."""

    store: Path = Path()
    texts: dict[str, StoredText] = {}
    registry: Registry = Registry()
    days: dict[str, date] = {}


_opened: dict[str, Store] = {}


def _store() -> Store:
    """The store, opened once in each process (a connection never crosses a fork)."""
    key = f"{_Work.store}:{multiprocessing.current_process().pid}"
    if key not in _opened:
        _opened[key] = Store.open(_Work.store)
    return _opened[key]


@lru_cache(maxsize=400)
def _tree(id: str) -> Document:
    """A cited text: its stored tree is all a reference needs (no references of its own)."""
    return _store().tree(id)


def _load(id: str) -> Document:
    """A cited text: a stored one, or one of the bundled corpus (its titles join the store's)."""
    if id in _Work.texts:
        return _tree(id)
    from ..corpus import default_corpus

    return default_corpus().load(id)


def _part(id: str) -> tuple[str, str | None]:
    return id, _tree(id).meta.subtitle


def _resolve_one(id: str) -> tuple[str, list[Row], str | None]:
    """(id, rows, None), or (id, [], why) when resolving failed: a bug in regtext, kept and
    reported for this text (regtext refs --report) while the others are resolved."""
    text = _Work.texts[id]
    try:
        doc = _store().tree(id)   # its own copy: references are added to it
        doc.meta.names = (text.title, *text.short_titles)
        add_references(doc, _Work.registry, _load, _Work.days[id])
        return id, list(rows_of(doc)), None
    except Exception as exc:  # noqa: BLE001 - one text's failure must not stop the import
        return id, [], f"internal error ({type(exc).__name__}: {exc})"


def stored_texts(conn: sqlite3.Connection, parts: dict[str, str | None]) -> list[StoredText]:
    rows = conn.execute("SELECT id, title, path, publish, valid_from, version_date, expired, history, law_name "
                        "FROM documents ORDER BY id").fetchall()
    out = []
    for id, title, path, publish, valid_from, version_date, expired, history, law_name in rows:
        start = _start((valid_from, version_date, publish), json.loads(history))
        title = title or id.rsplit("/", 1)[-1]
        part = parts.get(id)
        short = (law_name,) if law_name and law_name != title and part is None else ()
        out.append(StoredText(id, title, path, Dated(id, start, bool(expired), part), short))
    return out


def _start(dates: tuple[str | None, ...], history: list[str]) -> date | None:
    for candidate in dates:
        if candidate:
            try:
                return date.fromisoformat(candidate)
            except ValueError:
                continue
    commencement = [d for line in history if "施行" in line for d in _days(line)]
    days = commencement or [d for line in history for d in _days(line)]
    return max(days) if days else None


def _days(line: str) -> list[date]:
    out = []
    for m in _DATE.finditer(line):
        try:
            out.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            continue
    return out


def after_import(store: Path, changed: bool, workers: int = 2) -> int | None:
    """Resolve the store's references across it after an import that changed what it holds (or
    when they were never resolved, or not for every stored text); the number of texts, None when
    nothing needed doing."""
    from ..corpus import default_corpus

    if not changed:
        conn = sqlite3.connect(store)
        try:
            done = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'xref_docs'").fetchone() is not None and \
                conn.execute("SELECT (SELECT count(*) FROM xref_docs) = (SELECT count(*) FROM documents)").fetchone()[0]
        finally:
            conn.close()
        if done:
            return None
    return resolve_store(store, workers, default_corpus().registry)


def resolve_store(store: Path, workers: int = 2, base: Registry | None = None, today: date | None = None) -> int:
    """Resolve every reference of every stored text across the store, replacing what the
    ``xrefs`` tables held; returns the number of texts."""
    Store.open(store).close()  # a store, of this format: refused with its reason otherwise
    _Work.store = store
    conn = sqlite3.connect(store)
    try:
        ids = [i for (i,) in conn.execute("SELECT id FROM documents ORDER BY id")]
    finally:
        conn.close()
    with _mapper(workers) as mapping:
        parts = dict(mapping(_part, ids))
    conn = sqlite3.connect(store)
    try:
        texts = stored_texts(conn, parts)
    finally:
        conn.close()
    _Work.texts = {t.id: t for t in texts}
    _Work.registry = store_registry(texts, base)
    _Work.days = reading_days(texts, today)
    with _mapper(workers) as mapping:  # all read before any is written: a writer would lock the readers out
        results = sorted(mapping(_resolve_one, ids))
    conn = sqlite3.connect(store)
    try:
        with conn:
            for table in ("xref_nodes", "xrefs", "xref_docs"):  # replaced whole: their layout may have changed
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            create(conn)
            for id, rows, error in results:
                store_document(conn, id, _Work.days[id], rows, error)
    finally:
        conn.close()
    return len(ids)


Mapping = Callable[[Callable[[str], T], list[str]], Iterator[T]]


@contextmanager
def _mapper(workers: int) -> Iterator[Mapping[Any]]:
    """``map`` in this process, or over ``workers`` forked processes (they inherit _Work)."""
    if workers <= 1:
        yield map
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield lambda function, ids: pool.imap_unordered(function, ids, chunksize=8)
