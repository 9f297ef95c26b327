"""``regtext corpus import``: a folder of texts (a LawRefBook checkout, or any folder of
``.txt``/``.md``/Akoma Ntoso files) into the store.

The parent process walks the folder, hashes each file and skips those the store already holds
unchanged; worker processes read, convert and parse the others (``convert``) and send back
finished rows; the parent alone writes the store.  Every file ends imported or refused with a
code and a reason (I701–I709): an import never stops at a bad file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import orjson

from ..diagnostics import Diagnostic
from ..errors import InputError
from ..model import Document
from ..textmap import LineIndex
from . import lawrefbook, packing, serial
from .db import Store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Texts written per transaction: a commit per text would wait for the disk 3,000 times.
COMMIT_EVERY = 64

#: The suffixes a folder import reads.
SUFFIXES = (".txt", ".md", ".xml")

#: code → what it refuses (the registry's summaries are in regtext.problems.CODES).
UNDECODABLE, NO_ARTICLE, NOT_REGULATION, UNREADABLE, NOT_OURS, SAME_ID, INTERNAL = (
    "I701", "I702", "I703", "I704", "I705", "I706", "I709")

#: LawRefBook levels that are not regulations (a court case reads as prose, not as articles); the
#: collection keeps them in a top-level folder of the same name, where some have no metadata row.
NOT_REGULATION_LEVELS = frozenset({"案例"})


@dataclass(frozen=True, slots=True)
class Job:
    path: str
    id: str
    sha256: str
    meta: lawrefbook.LawRow | None = None
    case: str | None = None   # the level a LawRefBook text is not a regulation of (案例), when known


@dataclass(frozen=True, slots=True)
class Refusal:
    path: str
    code: str
    reason: str


@dataclass(slots=True)
class Summary:
    """What an import did: ids imported, files unchanged since the last import, files refused
    (those refused before for the same bytes included, from the store, without parsing them again)."""
    imported: list[str] = field(default_factory=list)
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)

    def text(self, display: Callable[[str], str] = str) -> str:
        """One line of counts, then one line per refused file (its path shown by ``display``)."""
        lines = [f"imported {len(self.imported)}, unchanged {self.unchanged}, refused {len(self.refused)}"]
        lines += [f"{display(r.path)}: {r.code} {r.reason}" for r in self.refused]
        return "\n".join(lines) + "\n"


#: Called after each file parsed: (files done, files to parse).
Progress = Callable[[int, int], None]


def import_corpus(source: str | Path, store: str | Path, *, workers: int = 2,
                  progress: Progress | None = None) -> Summary:
    """Import every text under ``source`` (a folder, or one file) into the store file ``store``
    (created when missing).  ``workers`` processes parse; 1 parses in this process."""
    root = Path(source)
    if not root.exists():
        raise InputError("no such file or folder", where=str(root), hint="give a LawRefBook checkout or a folder of texts")
    from ..corpus import default_corpus

    _ = default_corpus().registry  # references resolve against it: a broken REGTEXT_CORPUS stops here, not in every file
    files = list(_texts(root))
    metadata = lawrefbook.read_metadata(root) if root.is_dir() else {}
    db = Store.create(store)
    try:
        summary = _import(db, root, files, metadata, workers, progress)
    finally:
        db.close()
    from ..refs.storepass import after_import  # every text's references, across the whole store

    after_import(Path(store), changed=bool(summary.imported), workers=workers)
    if summary.imported:
        _compact(Path(store))
    return summary


def _compact(store: Path) -> None:
    """Give back the pages an import freed (merged postings, replaced texts and reference rows):
    the file's size is the store's, not its history's (a national import leaves ~10 % free)."""
    db = Store.create(store)
    try:
        (free,), (pages,) = db.conn.execute("PRAGMA freelist_count"), db.conn.execute("PRAGMA page_count")
        if free * 20 > pages:   # more than 5 % free: VACUUM (seconds for the national store)
            db.conn.execute("VACUUM")
    finally:
        db.close()


def _texts(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.suffix in SUFFIXES and (path.suffix != ".md" or lawrefbook.is_text(path)):
            yield path


def _import(db: Store, root: Path, files: list[Path], metadata: dict[str, lawrefbook.LawRow], workers: int,
            progress: Progress | None) -> Summary:
    summary = Summary()
    known = dict(db.conn.execute("SELECT path, sha256 FROM documents"))
    refused = {path: (digest, Refusal(path, code, reason))
               for path, digest, code, reason in db.conn.execute("SELECT path, sha256, code, reason FROM refusals")}
    jobs: list[Job] = []
    seen: dict[str, str] = {}
    for path in files:
        relative = path.relative_to(root).as_posix() if root.is_dir() else path.name
        doc_id = relative.rsplit(".", 1)[0]
        where = str(path.resolve())
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            summary.refused.append(Refusal(str(path), UNREADABLE, f"cannot be read ({exc.strerror})"))
            continue
        if doc_id in seen:
            summary.refused.append(Refusal(str(path), SAME_ID, f"same id {doc_id!r} as {seen[doc_id]}"))
            continue
        seen[doc_id] = str(path)
        if known.get(where) == digest:
            summary.unchanged += 1
            continue
        if where in refused and refused[where][0] == digest:  # refused before, for the same bytes
            summary.refused.append(refused[where][1])
            continue
        jobs.append(Job(where, doc_id, digest, metadata.get(relative), _not_regulation(relative, metadata)))
    total = len(jobs)
    search = SearchHook()
    conn = db.conn
    for done, result in enumerate(_run(jobs, workers), start=1):
        if isinstance(result, Refusal):
            summary.refused.append(result)
            _write_refusal(db, result, jobs[done - 1])
            search.drop(conn, jobs[done - 1].id)
        else:
            _write_document(db, result)
            summary.imported.append(result["id"])
            search.add(conn, result)
        if done % COMMIT_EVERY == 0:  # an interrupted import keeps what it committed; the rest is redone
            conn.commit()
        if progress is not None:
            progress(done, total)
    search.finish(conn)
    conn.commit()
    return summary


def _not_regulation(relative: str, metadata: dict[str, lawrefbook.LawRow]) -> str | None:
    """The level of a LawRefBook text that is not a regulation: its row's, else its top folder's
    (案例/…) in a checkout whose metadata the import read."""
    row = metadata.get(relative)
    if row is not None:
        return row.level if row.level in NOT_REGULATION_LEVELS else None
    top = relative.split("/", 1)[0]
    return top if metadata and "/" in relative and top in NOT_REGULATION_LEVELS else None


def _run(jobs: list[Job], workers: int) -> Iterator[dict[str, Any] | Refusal]:
    if workers <= 1 or len(jobs) < 2:
        yield from map(convert, jobs)
        return
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        yield from pool.imap(convert, jobs, chunksize=4)


class SearchHook:
    """The one place the import calls search (regtext.search.index, helper 17b): each imported
    text is indexed in the import's transaction, a text refused now is dropped, and the index is
    flushed once at the end.  Without that module the import stores texts alone."""

    def __init__(self) -> None:
        import importlib
        from types import ModuleType

        self.index: ModuleType | None
        try:  # by name: search reads the store, the store must not import search at load time
            self.index = importlib.import_module("regtext.search.index")
        except ImportError:
            self.index = None

    def add(self, conn: Any, row: dict[str, Any]) -> None:
        """Index a text whose ``documents`` row is written: search reads its facts from the row
        (``stored_facts``: level, the law it is a version of — the collection's law name, so a
        version whose title changed is still ended by its successor —, its start, expired)."""
        if self.index is not None:
            self.index.index_document(conn, row["id"], _tree_of(row))

    def drop(self, conn: Any, doc_id: str) -> None:
        if self.index is not None:
            self.index.drop_document(conn, doc_id)

    def finish(self, conn: Any) -> None:
        if self.index is not None:
            self.index.finish(conn)


def _tree_of(row: dict[str, Any]) -> Document:
    return serial.unpack_tree(row["tree"])


# --- in a worker process ------------------------------------------------------------------------

def convert(job: Job) -> dict[str, Any] | Refusal:
    """Read, convert and parse one file: the store's rows for it, or why it is refused."""
    try:
        return _convert(job)
    except _Refused as refused:
        return Refusal(job.path, refused.code, refused.reason)
    except Exception as exc:  # a bug in regtext: reported for this file, the import goes on
        return Refusal(job.path, INTERNAL, f"internal error ({type(exc).__name__}: {exc}); please report it")


class _Refused(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _convert(job: Job) -> dict[str, Any]:
    from ..corpus import default_corpus
    from ..parser.decode import decode, looks_like_xml, read_bytes
    from ..parser.pipeline import add_references, parse_structure, read_structure

    path = Path(job.path)
    if job.case is not None:
        raise _Refused(NOT_REGULATION, f"not a regulation (LawRefBook level {job.case})")
    try:
        data = read_bytes(path, "xml" if path.suffix == ".xml" else "text")
    except InputError as exc:
        raise _Refused(UNREADABLE, exc.message) from None
    history: list[str] = []
    try:
        if path.suffix == ".xml" or looks_like_xml(data[:256]):
            doc = read_structure(path, id=job.id)  # regtext's Akoma Ntoso, its eIds checked
        else:
            try:
                decoded = decode(data, where=job.path)
            except InputError as exc:
                raise _Refused(UNDECODABLE, exc.message) from None
            text = decoded.text
            markdown = text.replace("\r\n", "\n") if path.suffix == ".md" else None
            if markdown is not None:
                text, history = _markdown_text(markdown)
            doc = parse_structure(text, id=job.id, source=job.path, encoding=decoded.encoding)
            if markdown is not None and lawrefbook.INFO_END in markdown:
                _positions_in_markdown(doc, markdown, text)
    except InputError as exc:
        if exc.message.startswith("no article found"):
            raise _Refused(NO_ARTICLE, "no article found (expected lines such as '第一条 …')") from None
        raise _Refused(NOT_OURS, exc.message) from None
    tree = serial.pack_tree(doc)
    corpus = default_corpus()
    add_references(doc, lambda: corpus.registry, corpus.load)
    return _row(job, data, doc, tree, history)


def _positions_in_markdown(doc: Document, markdown: str, plain: str) -> None:
    """Every line:column a LawRefBook text gives (its diagnostics now, its references and search
    hits when loaded) made a position in the .md file its path names, not in the plain text
    parsed.  A conversion whose lines cannot all be found in the Markdown is refused, never shown
    at the wrong lines (none of the national snapshot's 3,435 texts)."""
    found = lawrefbook.line_map(markdown, plain)
    if found is None:
        raise _Refused(NOT_OURS, "the plain text made of this Markdown cannot be placed in it line by line "
                                 "(positions would point at the wrong lines); convert it to .txt")
    lines = doc.normalized.lines
    mapped = LineIndex(lines.starts, *found)
    doc.normalized.lines = mapped
    doc.normalized.diagnostics = [_in_file(mapped, d) for d in doc.normalized.diagnostics]
    doc.diagnostics = [_in_file(mapped, d) for d in doc.diagnostics]


def _in_file(lines: LineIndex, diagnostic: Diagnostic) -> Diagnostic:
    line, column = lines.in_file(diagnostic.line, diagnostic.column)
    return replace(diagnostic, line=line, column=column)


def _markdown_text(markdown: str) -> tuple[str, list[str]]:
    """A LawRefBook text (its ``<!-- INFO END -->`` layout), else Markdown as regtext writes it."""
    markdown = markdown.replace("\r\n", "\n")
    if lawrefbook.INFO_END in markdown:
        return lawrefbook.markdown_to_plain(markdown)
    from ..ingest.markdown import markdown_to_text

    return markdown_to_text(markdown), []


def _row(job: Job, data: bytes, doc: Document, tree: bytes, history: list[str]) -> dict[str, Any]:
    meta = job.meta
    path = Path(job.path)
    return {
        "id": job.id, "name": path.stem, "path": job.path, "sha256": job.sha256,
        "received": packing.pack(data), "title": doc.meta.title,
        "level": meta.level if meta else None, "category": meta.category if meta else None,
        "law_name": meta.name if meta else None, "publish": meta.publish if meta else None,
        "valid_from": meta.valid_from if meta else None, "expired": int(meta.expired) if meta else None,
        "ver": meta.ver if meta else None, "version_date": lawrefbook.date_in_name(path),
        "history": orjson.dumps(history).decode(), "tree": tree,
        "articles": len(doc.articles()),
    }


# --- in the parent: writing the store -----------------------------------------------------------

_DOCUMENT_COLUMNS = ("id", "name", "path", "sha256", "received", "title", "level", "category", "law_name",
                     "publish", "valid_from", "expired", "ver", "version_date", "history", "tree", "articles")


def _write_document(db: Store, row: dict[str, Any]) -> None:
    conn = db.conn
    _delete(db, row["id"])
    conn.execute("DELETE FROM refusals WHERE path = ?", (row["path"],))
    conn.execute(f"INSERT INTO documents ({', '.join(_DOCUMENT_COLUMNS)}) "
                          f"VALUES ({', '.join('?' * len(_DOCUMENT_COLUMNS))})", [row[c] for c in _DOCUMENT_COLUMNS])


def _delete(db: Store, doc_id: str) -> None:
    db.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def _write_refusal(db: Store, refusal: Refusal, job: Job) -> None:
    """A file refused now that was imported before leaves the store: what it holds is what it was given."""
    _delete(db, job.id)
    db.conn.execute("INSERT OR REPLACE INTO refusals VALUES (?, ?, ?, ?)",
                    (job.path, job.sha256, refusal.code, refusal.reason))
