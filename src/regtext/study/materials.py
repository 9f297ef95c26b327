"""A document's study (its annotations, or its structure alone) and its materials written into a
folder: the entry points of ``regtext study``."""

from __future__ import annotations

from pathlib import Path

from ..corpus import Corpus, default_corpus
from ..errors import InputError
from ..model import Document
from ..output import write_atomic
from ..refs.model import Reference
from . import FORMATS
from .annotations import Annotations, load_annotations
from .content import Study, build, languages


def study_of(doc: Document, annotations: Path | None = None, corpus: Corpus | None = None,
             lang: str = "zh") -> Study:
    """The study of ``doc`` with the trainer's annotations (``annotations``, else
    ``corpus/<id>.annotations.yaml`` when there is one) or, without any, from the structure alone:
    the articles, the diagram, the references both ways and the generated questions.  ``lang``
    is the language of the labels regtext adds: zh, en or zh,en."""
    corpus = corpus or default_corpus()
    languages(lang)  # a wrong value is refused before any work
    path = annotations or corpus.root / f"{doc.id}.annotations.yaml"
    if annotations is None and not path.exists():
        return build(Annotations(doc, f"《{doc.title or doc.id}》学习辅导"), corpus, lang)
    notes = load_annotations(path, corpus)
    if notes.doc.id != doc.id:
        raise InputError(f"the annotations are for {notes.doc.id!r}, not {doc.id!r}", where=str(path))
    return build(notes, corpus, lang)


def write(study: Study, out: Path, formats: tuple[str, ...] = FORMATS,
          corpus: Corpus | None = None) -> list[Path]:
    """The study materials into the folder ``out``: index.html + quiz.html (with the pages of the
    corpus documents they link to), handout.docx, study.md."""
    from . import handout, site

    corpus = corpus or default_corpus()
    written = []
    if "html" in formats:
        others = linked_pages(study, corpus)
        pages = {"index.html": site.index_page(study, set(others)), "quiz.html": site.quiz_page(study)}
        for doc_id, page in others.items():
            pages[f"{doc_id}.html"] = page
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


def linked_pages(study: Study, corpus: Corpus) -> dict[str, str]:
    """The page of every corpus document the site links to, and of those their pages link to in
    turn (a cited law's page links to the laws it cites and to those citing it): a link that
    leads nowhere would be worse than a larger folder.  {id: HTML}, in id order."""
    from ..export.html import to_html
    from ..refs.citedby import cited_by

    todo = sorted({link.doc for view in study.articles for link in view.cites + view.cited_by if link.doc})
    seen = set(todo)
    pages = {}
    while todo:
        doc = corpus.load(todo.pop())
        index = cited_by(doc, corpus)
        pages[doc.id] = to_html(doc, index, link="{id}.html", corpus=corpus)
        for other in sorted(_neighbours(doc, index) - seen):
            seen.add(other)
            todo.append(other)
    return dict(sorted(pages.items()))


def _neighbours(doc: Document, index: dict[str, list[tuple[str, Reference]]]) -> set[str]:
    """The documents the page of ``doc`` links to: those it cites and those citing it."""
    cited = {t.doc for ref in doc.references for t in ref.targets if t.resolved and t.doc}
    citing = {doc_id for entries in index.values() for doc_id, _ in entries}
    return (cited | citing) - {doc.id}
