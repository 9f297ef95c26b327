"""References across a corpus store: every reference of every stored text resolved once, at
import, and kept in the store's ``xrefs`` table, so that listing a text's references, listing who
cites a law or a provision, and the national resolution report read rows instead of re-parsing.

A law the store holds in several versions is read in the version in force on the citing text's
day (regtext/refs/versions.py).  The store's titles — full, without 中华人民共和国, and the
collection's short name — join the bundled corpus's registry; a title of the store wins over a
bundled one of the same name, so a stored text cites stored texts.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ..cite.format import format_address
from ..cite.registry import Registry, normalize_name
from ..errors import InputError
from ..model import Document
from .versions import Dated, Versions, citing_day


@dataclass(frozen=True, slots=True)
class StoredText:
    """What the references need to know of one stored text."""

    id: str
    title: str                  # the full title, as the text's first line gives it
    where: str                  # the path shown in messages (file of the collection)
    dated: Dated                # when it started, whether the collection marks it repealed
    short_titles: tuple[str, ...] = ()


def group_versions(texts: Iterable[StoredText]) -> dict[str, Versions]:
    """The stored versions of each law, by normalised full title."""
    groups: dict[str, list[Dated]] = {}
    for text in texts:
        groups.setdefault(normalize_name(text.title), []).append(text.dated)
    return {title: Versions(dated) for title, dated in groups.items()}


def store_registry(texts: list[StoredText], base: Registry | None = None) -> Registry:
    """The names of the store's texts (each law once, with its versions), then the names of
    ``base`` (the bundled corpus and its known documents) that the store does not hold."""
    registry = Registry()
    versions = group_versions(texts)
    for text in texts:  # every version: each may bring its own short names
        registry.add(text.title, None, text.short_titles, versions[normalize_name(text.title)])
    if base is not None:
        for name, known in base.names.items():
            registry.names.setdefault(name, known)
    return registry


def reading_days(texts: list[StoredText], today: date | None = None) -> dict[str, date]:
    """The day each text's citations are read on (versions.citing_day)."""
    return {t.id: citing_day(t.dated, today) for t in texts}


# -- the xrefs table -------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS xref_docs (
    id TEXT PRIMARY KEY,    -- the stored text (documents.id)
    day TEXT NOT NULL,      -- the day its citations were read on (which version of a cited law)
    error TEXT              -- why its references could not be resolved (a bug in regtext), else NULL
);
CREATE TABLE IF NOT EXISTS xrefs (
    citing TEXT NOT NULL,   -- the citing text's id
    source TEXT NOT NULL,   -- eId of the paragraph/item whose text holds the reference
    line INTEGER NOT NULL, col INTEGER NOT NULL,
    text TEXT NOT NULL,     -- the reference as written
    kind TEXT NOT NULL,     -- internal, internal-bare, relative, relative-elliptic, external
    document TEXT,          -- external: the title as resolved
    present INTEGER NOT NULL,   -- external: the cited title is in the store (or bundled)
    target TEXT,            -- the cited text's id (the version read), NULL when not at hand
    cited TEXT,             -- the path as cited (第四条第一款), NULL for a whole document
    first TEXT, last TEXT,  -- the eIds designated (a range: its two ends), NULL when unresolved
    count INTEGER NOT NULL, -- how many nodes it designates
    held INTEGER NOT NULL,  -- the store holds the text cited (refs.model.Target.held)
    resolved INTEGER NOT NULL,
    message TEXT
);
CREATE TABLE IF NOT EXISTS xref_nodes (  -- every node a reference designates (ranges expanded)
    ref INTEGER NOT NULL,   -- rowid in xrefs
    doc TEXT NOT NULL,
    eid TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS xref_nodes_target ON xref_nodes (doc, eid);
CREATE INDEX IF NOT EXISTS xrefs_citing ON xrefs (citing);
"""


@dataclass(frozen=True, slots=True)
class Row:
    """One target of one reference, as stored."""

    citing: str
    source: str
    line: int
    col: int
    text: str
    kind: str
    document: str | None
    present: bool
    target: str | None
    cited: str | None
    first: str | None
    last: str | None
    held: bool
    resolved: bool
    message: str | None
    nodes: tuple[str, ...] = ()


def rows_of(doc: Document) -> Iterator[Row]:
    """The rows of ``doc``'s references, one per target (a reference without any: one row)."""
    for ref in doc.references:
        line, col = doc.locate(ref.start)
        if not ref.targets:
            yield Row(doc.id, ref.source.eid, line, col, ref.text, ref.kind, ref.document, False, None,
                      "", None, None, True, False, ref.message)
        for target in ref.targets:
            nodes = tuple(n.eid for n in target.nodes)
            # an external target has a document id exactly when its title is at hand (Known.at)
            cited = None if target.address is None else format_address(target.address)
            yield Row(doc.id, ref.source.eid, line, col, ref.text, ref.kind, ref.document, target.doc is not None,
                      target.doc, cited, nodes[0] if nodes else None,
                      nodes[-1] if nodes else None, target.held, target.resolved, ref.message, nodes)


def create(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def forget(conn: sqlite3.Connection, doc_id: str) -> None:
    """Drop a text's rows before it is stored again (a changed file re-imported)."""
    conn.execute("DELETE FROM xref_nodes WHERE ref IN (SELECT rowid FROM xrefs WHERE citing = ?)", (doc_id,))
    conn.execute("DELETE FROM xrefs WHERE citing = ?", (doc_id,))
    conn.execute("DELETE FROM xref_docs WHERE id = ?", (doc_id,))


def store_document(conn: sqlite3.Connection, id: str, day: date, rows: Iterable[Row], error: str | None = None) -> None:
    forget(conn, id)
    conn.execute("INSERT INTO xref_docs VALUES (?, ?, ?)", (id, day.isoformat(), error))
    for row in rows:
        cursor = conn.execute(
            "INSERT INTO xrefs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.citing, row.source, row.line, row.col, row.text, row.kind, row.document, int(row.present),
             row.target, row.cited, row.first, row.last, len(row.nodes), int(row.held), int(row.resolved), row.message))
        if row.target is not None and (row.nodes or (row.resolved and row.cited is None)):  # whole document: eid ''
            conn.executemany("INSERT INTO xref_nodes VALUES (?, ?, ?)",
                             [(cursor.lastrowid, row.target, eid) for eid in row.nodes or ("",)])


# -- the report ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Report:
    texts: int
    failed: list[tuple[str, str]]   # (text, why) whose references could not be resolved: a bug, said
    external: int               # external references (one per reference, not per target)
    resolved: int               # … all of whose targets resolve
    present: int                # … whose cited title is at hand
    present_provisions: int     # … of those, citing a provision
    present_resolved: int       # … of those, to a provision that exists
    not_held: int               # … of those, the store lacking the version in force or the part cited
    held_resolved: int          # … of the others, to a provision that exists
    unresolved_titles: list[tuple[str, int]]     # titles not at hand, most cited first
    missing_provisions: list[tuple[str, int]]    # titles at hand whose cited provision is missing

    def lines(self) -> list[str]:
        out = [f"texts: {self.texts}",
               f"external references: {self.external}, resolved: {self.resolved} ({_pct(self.resolved, self.external)})",
               f"title in the store: {self.present} ({_pct(self.present, self.external)})",
               f"provision cited, title in the store: {self.present_provisions}, "
               f"provision exists: {self.present_resolved} ({_pct(self.present_resolved, self.present_provisions)})",
               f"of those, the store lacks the version in force on the citing day or the part cited: {self.not_held}",
               f"provision exists where the store holds the text cited: {self.held_resolved} of "
               f"{self.present_provisions - self.not_held} "
               f"({_pct(self.held_resolved, self.present_provisions - self.not_held)})"]
        out += [f"references not resolved (internal error, please report it): {id}: {why}" for id, why in self.failed]
        out.append("top titles not in the store:")
        out += [f"  {n:6d}  《{title}》" for title, n in self.unresolved_titles]
        out.append("top titles in the store whose cited provision was not found (in the version in force):")
        out += [f"  {n:6d}  《{title}》" for title, n in self.missing_provisions]
        return out


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "—"


def store_report(store: str | os.PathLike[str], top: int = 20) -> Report:
    """The report of a store (``regtext refs --report --store FILE``)."""
    from ..store import open_store

    db = open_store(os.fspath(store))
    if not has_references(db.conn):
        raise InputError("the store's references were not resolved across it", where=os.fspath(store),
                         hint="import the texts again with this regtext: 'regtext corpus import FOLDER --store FILE'")
    return report(db.conn, top)


def report(conn: sqlite3.Connection, top: int = 20) -> Report:
    """The national resolution rate, from the stored rows.  A reference counts once: resolved when
    every one of its targets is."""
    texts = conn.execute("SELECT count(*) FROM xref_docs").fetchone()[0]
    failed = conn.execute("SELECT id, error FROM xref_docs WHERE error IS NOT NULL ORDER BY id").fetchall()
    refs = conn.execute(
        "SELECT document, max(present), max(cited IS NOT NULL), min(resolved), min(held) FROM xrefs "
        "WHERE kind = 'external' GROUP BY citing, source, line, col ORDER BY citing, line, col").fetchall()
    absent: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    resolved = present = provisions = present_resolved = not_held = held_resolved = 0
    for document, is_present, address, ok, held in refs:
        resolved += ok
        if not is_present:
            absent[document] += 1
            continue
        present += 1
        if address:
            provisions += 1
            present_resolved += ok
            if not held:
                not_held += 1
            elif ok:
                held_resolved += 1
            else:
                missing[document] += 1
    return Report(texts, failed, len(refs), resolved, present, provisions, present_resolved, not_held, held_resolved,
                  _top(absent, top), _top(missing, top))


def _top(counter: Counter[str], n: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


# -- reading the rows back -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Stored:
    """One stored row, as read back (one target of one reference)."""

    path: str           # the citing text's file, as imported
    citing: str
    source: str
    line: int
    col: int
    text: str
    kind: str
    document: str | None
    target: str | None
    cited: str | None
    first: str | None
    last: str | None
    count: int
    held: bool
    resolved: bool
    message: str | None

    @property
    def reference(self) -> tuple[str, str, int, int]:
        """What the targets of one reference share."""
        return self.citing, self.source, self.line, self.col

    def describe(self) -> str:
        from .report import describe_target

        ends = [e for e in (self.first, self.last) if e is not None][:2 if self.count > 1 else 1]
        return describe_target(self.citing, self.target, ends, self.count, self.cited, self.kind == "external",
                               self.document, self.message, self.held)


_SELECT = ("SELECT d.path, x.citing, x.source, x.line, x.col, x.text, x.kind, x.document, x.target, x.cited, "
           "x.first, x.last, x.count, x.held, x.resolved, x.message FROM xrefs x JOIN documents d ON d.id = x.citing "
           "WHERE x.citing = ? ORDER BY x.rowid")


def has_references(conn: sqlite3.Connection) -> bool:
    """The store's references were resolved across it (``regtext corpus import`` does it)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'xrefs'").fetchone() is not None


def stored_rows(conn: sqlite3.Connection, doc_id: str) -> list[Stored]:
    return [Stored(*row) for row in conn.execute(_SELECT, (doc_id,))]


def reference_lines(rows: list[Stored], unresolved: bool = False, show: Callable[[str], str] = str) -> list[str]:
    """One line per reference, as ``regtext refs`` prints a parsed text's (refs/report.py);
    ``show`` writes the citing file's path (the CLI: relative to the working folder)."""
    grouped: dict[tuple[str, str, int, int], list[Stored]] = {}
    for row in rows:
        grouped.setdefault(row.reference, []).append(row)
    out = []
    for group in grouped.values():
        first = group[0]
        if unresolved and all(r.resolved for r in group):
            continue
        targets = ", ".join(r.describe() for r in group)
        out.append(f"{show(first.path)}:{first.line}:{first.col}: {first.source}: {first.text} [{first.kind}] -> {targets}")
    return out


def citing_rows(conn: sqlite3.Connection, doc_id: str, eid: str | None) -> list[Stored]:
    """The rows of the references across the store that cite ``doc_id`` — for the whole
    document, other texts' references; for a provision ``eid``, every reference designating it
    or a provision inside it, the text's own included — with all the targets of each."""
    params: tuple[object, ...]
    if eid is None:
        where, params = "n.doc = ? AND x.citing != n.doc", (doc_id,)
    else:
        where, params = "n.doc = ? AND (n.eid = ? OR substr(n.eid, 1, ?) = ?)", (doc_id, eid, len(eid) + 2, eid + "__")
    keys = set(conn.execute(f"SELECT DISTINCT x.citing, x.source, x.line, x.col FROM xref_nodes n "
                            f"JOIN xrefs x ON x.rowid = n.ref WHERE {where}", params).fetchall())
    return [row for citing in sorted({k[0] for k in keys}) for row in stored_rows(conn, citing)
            if row.reference in keys]
