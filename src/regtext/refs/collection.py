"""The references of a LawRefBook folder, resolved across all its texts and kept in a store's
``xrefs`` tables (regtext/refs/national.py) — two worker processes, each parsing the texts it is
given and the texts they cite (structure only, cached).

A text's id is its path in the collection without ``.md`` (``宪法相关法/监察法(2024-12-25)``).
Its start is, first found: the collection's ``valid_from`` (commencement), the date its file name
carries (the version's adoption), the collection's ``publish``, the last date of its history
lines; ``repealed`` is the collection's ``expired``.
"""

from __future__ import annotations

import multiprocessing
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from ..cite.registry import Registry
from ..errors import InputError
from ..model import Document
from ..parser.pipeline import add_references, parse_structure
from ..store.lawrefbook import LawRow, NotLawRefBook, date_in_name, is_text, read_metadata, read_text
from .national import Row, StoredText, create, reading_days, rows_of, store_document, store_registry
from .versions import Dated

T = TypeVar("T")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def collection_texts(root: Path) -> tuple[list[StoredText], list[tuple[str, str]]]:
    """Every text of the collection, and the files refused with the reason."""
    meta = read_metadata(root)
    texts: list[StoredText] = []
    refused: list[tuple[str, str]] = []
    for path in sorted(p for p in root.rglob("*.md") if is_text(p)):
        rel = path.relative_to(root).as_posix()
        try:
            plain, history = read_text(path)
        except (UnicodeDecodeError, NotLawRefBook) as error:
            refused.append((rel, str(error)))
            continue
        titles = plain.strip("\n").split("\n\n", 1)[0].split("\n")
        row = meta.get(rel)
        start = _start(row, path, history)
        short = (row.name,) if row is not None and row.name not in titles and len(titles) == 1 else ()
        id = rel.removesuffix(".md")
        part = titles[1] if len(titles) > 1 else None
        texts.append(StoredText(id, titles[0], str(path), Dated(id, start, bool(row and row.expired), part), short))
    return texts, refused


def _start(row: LawRow | None, path: Path, history: list[str]) -> date | None:
    for candidate in (row.valid_from if row else None, date_in_name(path), row.publish if row else None):
        if candidate:
            try:
                return date.fromisoformat(candidate)
            except ValueError:
                continue
    days = [_day(m) for line in history for m in _DATE.finditer(line)]
    days = [d for d in days if d is not None]
    return max(days) if days else None


def _day(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# -- resolving, in worker processes ---------------------------------------------------------

class _Work:
    """What every worker needs (inherited by fork)."""

    texts: dict[str, StoredText] = {}
    registry: Registry = Registry()
    days: dict[str, date] = {}


@lru_cache(maxsize=400)
def _structure(id: str) -> Document:
    """A cited text: its tree is all a reference needs (no references of its own)."""
    text = _Work.texts[id]
    plain, _ = read_text(text.where)
    return parse_structure(plain, id=id, source=text.where)


def _resolve_one(id: str) -> tuple[str, list[str], list[Row], str | None]:
    """(id, eIds, rows, why refused)."""
    text = _Work.texts[id]
    try:
        plain, _ = read_text(text.where)
        doc = parse_structure(plain, id=id, source=text.where)
    except InputError as error:
        return id, [], [], error.message
    doc.meta.names = (text.title, *text.short_titles)
    add_references(doc, _Work.registry, _structure, _Work.days[id])
    return id, list(doc.by_eid), list(rows_of(doc)), None


def _refusal(id: str) -> tuple[str, str | None]:
    """Why a text cannot be stored (no article), None when it can."""
    try:
        _structure(id)
    except InputError as error:
        return id, error.message
    return id, None


def resolve_collection(root: Path, store: Path, workers: int = 2, base: Registry | None = None,
                       today: date | None = None) -> list[tuple[str, str]]:
    """Resolve every reference of the collection into ``store``; returns the refused files.  A
    text that would be refused at import (no article) is no target: it is set apart first."""
    texts, refused = collection_texts(root)
    _Work.texts = {t.id: t for t in texts}
    why_not = dict(_map(_refusal, list(_Work.texts), workers))
    refused += [(_Work.texts[id].where, why) for id, why in why_not.items() if why is not None]
    texts = [t for t in texts if why_not[t.id] is None]
    _Work.texts = {t.id: t for t in texts}
    _Work.registry = store_registry(texts, base)
    _Work.days = reading_days(texts, today)
    conn = sqlite3.connect(store)
    try:
        create(conn)
        for id, eids, rows, why in _map(_resolve_one, [t.id for t in texts], workers):
            if why is not None:
                refused.append((_Work.texts[id].where, why))
                continue
            store_document(conn, id, _Work.texts[id], _Work.days[id], eids, rows)
        conn.commit()
    finally:
        conn.close()
    return refused


def _map(function: Callable[[str], T], ids: list[str], workers: int) -> Iterator[T]:
    if workers <= 1:
        yield from map(function, ids)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap_unordered(function, ids, chunksize=8)
