"""One entry point for every export format, for the CLI and for Python callers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..corpus import Corpus, default_corpus
from ..model import Document
from ..output import write_atomic
from . import FORMATS


def _uri_of(corpus: Corpus) -> Callable[[str], str | None]:
    from .akn import expression_uri

    def uri_of(doc_id: str) -> str | None:
        entry = corpus.entries.get(doc_id)
        return expression_uri(corpus.load(doc_id), entry.jurisdiction) if entry else None

    return uri_of


def export_document(doc: Document, fmt: str, corpus: Corpus | None = None,
                    link: str = "{id}" + ".html") -> bytes | str | Iterable[bytes]:
    """``doc`` in ``fmt``.  ``link`` is how HTML and Markdown point at another corpus document
    (``{id}.html`` when the corpus is exported together)."""
    corpus = corpus or default_corpus()
    entry = corpus.entries.get(doc.id)
    if fmt == "akn":
        from .akn import to_akn

        return to_akn(doc, jurisdiction=entry.jurisdiction if entry else "cn", kind=entry.kind if entry else "",
                      uri_of=_uri_of(corpus))
    if fmt == "json":
        from ..refs.citedby import cited_by
        from .json import chunks

        return chunks(doc, cited_by(doc, corpus))
    if fmt == "md":
        from .markdown import to_markdown

        return to_markdown(doc, link=link.replace(".html", ".md"))
    if fmt == "html":
        from ..refs.citedby import cited_by
        from .html import to_html

        return to_html(doc, cited_by(doc, corpus), link=link, corpus=corpus)
    raise ValueError(f"unknown format {fmt!r}")


def export_corpus(fmt: str, folder: Path, corpus: Corpus | None = None) -> list[Path]:
    """Every corpus document into ``folder`` (``<id>.xml`` …); HTML adds ``index.html``."""
    corpus = corpus or default_corpus()
    written = []
    for entry in corpus:
        target = folder / f"{entry.id}{FORMATS[fmt]}"
        write_atomic(target, export_document(corpus.load(entry.id), fmt, corpus))
        written.append(target)
    if fmt == "html":
        from .html import index_page

        target = folder / "index.html"
        write_atomic(target, index_page(corpus))
        written.append(target)
    return written
