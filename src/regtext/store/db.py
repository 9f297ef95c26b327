"""The corpus store: one SQLite file (standard library, nothing to start) holding every imported
text exactly as received, its parsed tree, its metadata, its references and its search index.

Format 2 dropped format 1's ``provisions`` (every node with its own text: a second copy of every
character, only read to check that a provision exists — the stored tree says it) and ``refs``
(references resolved against the bundled corpus only, replaced by the ``xrefs`` tables), and
compresses the search units: the store went from 5.1 to under 3 times the size of the texts.

Tables (format ``STORE_FORMAT``; a store of another format is refused, never read as this one)::

    store_info(key TEXT PRIMARY KEY, value TEXT)
        'format' → STORE_FORMAT, 'tree_format' → serial.TREE_FORMAT
    documents(
        num INTEGER PRIMARY KEY,   -- the row's number (other tables name a text by id)
        id TEXT UNIQUE,            -- the file's path in the imported folder, without its suffix:
                                   -- 宪法相关法/监察法(2024-12-25)
        name TEXT,                 -- the file name without suffix: 监察法(2024-12-25) (also an id
                                   -- when no other document has it)
        path TEXT,                 -- the file as imported (absolute)
        sha256 TEXT,               -- of the bytes received: re-importing them does no work
        received BLOB,             -- the bytes received, compressed (packing.pack: zlib, preset dictionary)
        title TEXT,                -- as the text gives it
        level TEXT, category TEXT, -- LawRefBook metadata (NULL when the collection has no row):
        law_name TEXT,             -- 法律, 行政法规, 司法解释, 部门规章, 地方性法规 … and its folder
        publish TEXT, valid_from TEXT, expired INTEGER, ver INTEGER,
        version_date TEXT,         -- the date the file name carries: 监察法(2024-12-25) → 2024-12-25
        history TEXT,              -- JSON list of the history lines, as written
        tree BLOB,                 -- serial.pack_tree (JSON, LZMA-compressed): loading needs no parsing
        articles INTEGER)
        -- the text's references, resolved across the store: tables xrefs, xref_nodes, xref_docs
        -- (regtext/refs/national.py); its articles for search: tables search_*
        -- (regtext/search/index.py, the one copy of the articles' characters besides the tree)
    refusals(path TEXT PRIMARY KEY, sha256, code, reason)
        -- files the last import could not take, and why (re-importing them unchanged does no work)
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import InputError, NotFound
from ..model import Document
from . import serial

STORE_FORMAT = 2
#: Pages of 8 KiB: a national store is 1.8 MB smaller than with SQLite's 4 KiB (fewer, fuller
#: overflow pages for the documents' blobs; 16 KiB wastes more than it saves).
PAGE_SIZE = 8192

SCHEMA = """
CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, received BLOB NOT NULL,
    title TEXT, level TEXT, category TEXT, law_name TEXT, publish TEXT, valid_from TEXT, expired INTEGER,
    ver INTEGER, version_date TEXT, history TEXT NOT NULL, tree BLOB NOT NULL, articles INTEGER NOT NULL);
CREATE INDEX documents_name ON documents (name);
CREATE INDEX documents_title ON documents (title);
CREATE TABLE refusals (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL);
"""

STORE_HINT = "give a store written by 'regtext corpus import' (--store FILE or REGTEXT_STORE)"


def default_store_path() -> Path:
    """``REGTEXT_STORE``, else ``$XDG_DATA_HOME/regtext/store.sqlite3`` (~/.local/share/regtext/…)."""
    setting = os.environ.get("REGTEXT_STORE")
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "regtext" / "store.sqlite3"


class Store:
    """An open store.  ``Store.open`` for reading (refuses what is not a store), ``Store.create``
    for importing (makes the file when there is none)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Store:
        p = Path(path)
        if not p.exists():
            raise InputError("no such store", where=str(p), hint=f"import texts first: 'regtext corpus import FOLDER --store {p}'")
        if p.is_dir():
            raise InputError("is a directory, not a store", where=str(p), hint=STORE_HINT)
        conn = _connect(p, readonly=True)
        _check_format(conn, p)
        return cls(p, conn)

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> Store:
        p = Path(path)
        if p.is_dir():
            raise InputError("is a directory, not a store", where=str(p), hint="give a file name, e.g. store.sqlite3")
        fresh = not p.exists() or p.stat().st_size == 0
        if fresh:
            p.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(p, readonly=False)
        if fresh:
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            with conn:
                conn.executescript(SCHEMA)
                conn.executemany("INSERT INTO store_info VALUES (?, ?)",
                                 [("format", str(STORE_FORMAT)), ("tree_format", str(serial.TREE_FORMAT))])
        else:
            _check_format(conn, p)
        return cls(p, conn)

    def close(self) -> None:
        self.conn.close()

    def resolve_id(self, ref: str) -> str | None:
        """The id of ``ref``: an id, or a file name no other document has (监察法(2024-12-25))."""
        row = self.conn.execute("SELECT id FROM documents WHERE id = ?", (ref,)).fetchone()
        if row:
            return str(row[0])
        rows = self.conn.execute("SELECT id FROM documents WHERE name = ? LIMIT 2", (ref,)).fetchall()
        return str(rows[0][0]) if len(rows) == 1 else None

    def __contains__(self, ref: str) -> bool:
        return self.resolve_id(ref) is not None

    def tree(self, ref: str) -> Document:
        """The stored tree of a document (without references), not parsed again."""
        doc_id = self.resolve_id(ref)
        if doc_id is None:
            raise NotFound(f"no document {ref!r} in the store", where=str(self.path),
                           hint="'regtext corpus --store FILE' lists the stored ids")
        (blob,) = self.conn.execute("SELECT tree FROM documents WHERE id = ?", (doc_id,)).fetchone()
        try:
            return serial.unpack_tree(blob)
        except ValueError as exc:
            raise InputError(f"the stored tree of {doc_id!r} cannot be read ({exc})", where=str(self.path),
                             hint="import the text again into a new store") from None

    def ids(self) -> list[tuple[str, str | None, str | None]]:
        """(id, title, level) of every stored document, by id."""
        return [(str(i), t, lv) for i, t, lv in self.conn.execute("SELECT id, title, level FROM documents ORDER BY id")]


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rwc'}"
    try:
        conn = sqlite3.connect(uri, uri=True)
        conn.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"not a regtext store: the file is not an SQLite database ({exc})", where=str(path),
                         hint=STORE_HINT) from None
    return conn


def _check_format(conn: sqlite3.Connection, path: Path) -> None:
    try:
        row = conn.execute("SELECT value FROM store_info WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    if row is None:
        conn.close()
        raise InputError("not a regtext store: an SQLite database without the store's tables", where=str(path),
                         hint=STORE_HINT)
    if row[0] != str(STORE_FORMAT):
        conn.close()
        raise InputError(f"store format {row[0]}, this regtext reads format {STORE_FORMAT}", where=str(path),
                         hint="import the texts again into a new store with this regtext")
