"""The cited-by index: for every node, the nodes that cite it, in its own document and in the
other corpus documents."""

from __future__ import annotations

from collections import defaultdict

from ..model import Document
from .model import Reference

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from ..corpus import Corpus


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


