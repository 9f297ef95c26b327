"""``compare(old, new)``: the alignment ``regtext diff`` prints, after checking that the two
documents can be versions of one law (a wrong argument must not produce a confident table)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import UsageError
from ..model import Document
from .alignment import align
from .model import Alignment


def compare(old: Document | str | os.PathLike[str], new: Document | str | os.PathLike[str], *,
            renamed: bool = False, store: str | os.PathLike[str] | None = None) -> Alignment:
    """Align two versions given as documents, corpus ids, file paths, ids of the corpus store
    ``store`` (``regtext.load``'s rule: a bundled id or an existing file first), or a work with a
    day, ``jianchafa@2025-05-31``: its version in force that day.  Refused: the same
    document twice, and two documents with different titles unless ``renamed`` (a law renamed
    between versions, as 行政监察法 became 监察法)."""
    old_doc, new_doc = _load(old, store), _load(new, store)
    if _same(old_doc, new_doc):
        raise UsageError(f"OLD and NEW are the same document ({_name(old_doc)})",
                         hint="give two versions of the law: e.g. regtext diff jianchafa_2018 jianchafa_2024")
    if not renamed and old_doc.title != new_doc.title:
        raise UsageError(f"OLD and NEW are different laws: {old_doc.title or 'untitled'} ({_name(old_doc)}) and "
                         f"{new_doc.title or 'untitled'} ({_name(new_doc)})",
                         hint="give two versions of one law; if the law was renamed between them, pass --renamed")
    return align(old_doc, new_doc)


def _load(ref: Document | str | os.PathLike[str], store: str | os.PathLike[str] | None) -> Document:
    if isinstance(ref, Document):
        return ref
    from ..corpus import default_corpus, load

    text = os.fspath(ref)
    work, at, day = text.partition("@")
    if at and not Path(text).exists():
        from .works import parse_day

        if work not in default_corpus().works:
            raise UsageError(f"{text}: {work!r} is not a work of the corpus (WORK@YYYY-MM-DD takes a work id)",
                             hint="'regtext corpus' lists the works and their versions: e.g. jianchafa@2025-05-31")
        return load(work, parse_day(day, text))
    return load(ref, store=store)


def _same(a: Document, b: Document) -> bool:
    """One text given twice: the same file, or two files of the same bytes (a checkout's
    corpus/x.txt and the installed copy its id names are two paths of one text)."""
    if a is b:
        return True
    if a.source == "<string>" or b.source == "<string>":
        return False
    try:
        first, second = Path(a.source).resolve(), Path(b.source).resolve()
        return first == second or (first.stat().st_size == second.stat().st_size
                                   and first.read_bytes() == second.read_bytes())
    except OSError:
        return False


def _name(doc: Document) -> str:
    return doc.id or doc.source
