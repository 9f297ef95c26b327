"""Annotated study materials for trainers, from the tree, its references both ways, the
rulebook and the trainer's annotations: an HTML site, a DOCX handout, Markdown."""

from __future__ import annotations

from pathlib import Path

from ..corpus import Corpus, default_corpus
from ..errors import InputError
from ..model import Document
from ..output import write_atomic
from .annotations import load_annotations
from .content import Study, build


def study_of(doc: Document, annotations: Path | None = None, corpus: Corpus | None = None) -> Study:
    corpus = corpus or default_corpus()
    path = annotations or corpus.root / f"{doc.id}.annotations.yaml"
    if not path.exists():
        raise InputError(f"no annotations for {doc.id!r}", where=str(path),
                         hint="write one (schemas/annotations.schema.json) or give --annotations FILE")
    notes = load_annotations(path, corpus)
    if notes.doc.id != doc.id:
        raise InputError(f"the annotations are for {notes.doc.id!r}, not {doc.id!r}", where=str(path))
    return build(notes, corpus)


def write(study: Study, out: Path, formats: tuple[str, ...] = ("html", "docx", "md"),
          corpus: Corpus | None = None) -> list[Path]:
    """The study materials into the folder ``out``: index.html + quiz.html (with the pages of the
    corpus documents it links to), handout.docx, study.md."""
    from . import handout, site

    corpus = corpus or default_corpus()
    written = []
    if "html" in formats:
        linked = {link.doc for view in study.articles for link in view.cites + view.cited_by if link.doc}
        pages = {"index.html": site.index_page(study, linked), "quiz.html": site.quiz_page(study)}
        for doc_id in sorted(linked):
            from ..export.formats import export_document

            pages[f"{doc_id}.html"] = export_document(corpus.load(doc_id), "html", corpus)  # type: ignore[assignment]
        for name, page in pages.items():
            write_atomic(out / name, page)
            written.append(out / name)
    if "docx" in formats:
        write_atomic(out / "handout.docx", handout.to_docx(study))
        written.append(out / "handout.docx")
    if "md" in formats:
        write_atomic(out / "study.md", handout.to_markdown(study))
        written.append(out / "study.md")
    return written
