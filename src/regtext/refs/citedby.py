"""The cited-by index: for every node, the nodes that cite it, in its own document and in the
other corpus documents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .model import Reference

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..store.db import Store as StoreDb


def cited_by(doc: Document, corpus: Corpus | None = None) -> dict[str, list[tuple[str, Reference]]]:
    """eId → [(citing document id, reference)], in document order of the citing text."""
    index: dict[str, list[tuple[str, Reference]]] = defaultdict(list)
    _add(index, doc, doc)
    if corpus is not None and doc.id in corpus:
        for other in _citing_documents(doc, corpus):
            _add(index, other, doc)
    return index


def _add(index: dict[str, list[tuple[str, Reference]]], citing: Document, cited: Document) -> None:
    for ref in citing.references:
        for target in ref.targets:
            if target.doc != cited.id or (citing is cited and ref.external):
                continue
            for node in target.nodes:
                index[node.eid].append((citing.id, ref))


def _citing_documents(doc: Document, corpus: Corpus) -> list[Document]:
    """Corpus documents whose text names ``doc`` — found by plain string search first, so only
    they are parsed."""
    entry = corpus.entries[doc.id]
    names = {entry.title, *entry.short_titles}
    names |= {n.removeprefix("中华人民共和国") for n in names if n.startswith("中华人民共和国")}
    names = {n for n in names if len(n) >= 2}
    out = []
    for other in corpus:
        if other.id == doc.id:
            continue
        text = other.text_path.read_text(encoding="utf-8")
        if any(name in text for name in names):
            out.append(corpus.load(other.id))
    return out




def citing_lines(target: str, store: Path | None, show: Callable[[str], str] = str) -> tuple[list[str], int]:
    """Who cites ``target`` — a document id, or ``id#eid`` for a provision — across the store
    (``store``; its rows, resolved at import) or across the bundled corpus: the citing
    references as ``regtext refs`` prints them, and how many texts they are in.  A whole document
    is cited by other texts' references; a provision by every reference designating it or a
    provision inside it, the document's own included.  An unknown id or provision is refused."""
    doc_id, _, eid = target.partition("#")
    if store is not None:
        from ..store import open_store

        db = open_store(str(store))
        if doc_id in db:
            return _stored(db, db.resolve_id(doc_id) or doc_id, eid or None, store, show)
    from ..corpus import default_corpus

    corpus = default_corpus()
    if doc_id not in corpus:
        where = f"not in the store {store}, not a bundled corpus id" if store else "not a bundled corpus id"
        raise InputError(f"--cited-by {target}: unknown id {doc_id!r} ({where})",
                         hint="'regtext corpus' (with --store FILE: the stored ids) lists the ids")
    doc = corpus.load(doc_id)
    if eid and eid not in doc.by_eid:
        raise InputError(f"--cited-by {target}: {doc_id} has no provision {eid!r}", hint=_EID_HINT)
    from .report import reference_line

    found: dict[int, tuple[Document, Reference]] = {}
    for node_eid, citing in cited_by(doc, corpus).items():
        if eid and node_eid != eid and not node_eid.startswith(eid + "__"):
            continue
        for citing_id, ref in citing:
            if eid or citing_id != doc.id:
                found[id(ref)] = (corpus.load(citing_id), ref)
    ordered = sorted(found.values(), key=lambda pair: (pair[0].id, pair[1].start))
    return [f"{show(d.source)}:{reference_line(d, r)}" for d, r in ordered], len({d.id for d, _ in ordered})


_EID_HINT = "a provision is an eId such as art_56 or art_56__para_2 ('regtext parse ID' shows them)"


def _stored(db: StoreDb, doc_id: str, eid: str | None, store: Path,
            show: Callable[[str], str]) -> tuple[list[str], int]:
    from .national import citing_rows, has_references, reference_lines

    conn = db.conn
    if eid is not None and eid not in db.tree(doc_id).by_eid:  # the stored tree: no parsing
        raise InputError(f"--cited-by {doc_id}#{eid}: {doc_id} has no provision {eid!r}", hint=_EID_HINT)
    if not has_references(conn):
        raise InputError("the store's references were not resolved across it", where=str(store),
                         hint="import the texts again with this regtext: 'regtext corpus import FOLDER --store FILE'")
    rows = citing_rows(conn, doc_id, eid)
    return reference_lines(rows, show=show), len({r.citing for r in rows})
