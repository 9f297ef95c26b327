"""The parsing pipeline: decode → normalise → segment → build → metadata → suspect-text checks
→ references (detected, then resolved in the document and across the corpus)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..cite.registry import Registry
from ..diagnostics import Diagnostic
from ..errors import InputError
from ..model import AmendmentEffective, Document
from ..refs.resolve import Loader, link
from . import meta as meta_mod
from . import suspect
from .build import build
from .decode import ENCODING_DIAGNOSTICS, decode, looks_like_xml, read_bytes
from .normalize import normalize
from .segment import segment


def parse_structure(text: str, *, id: str = "", source: str = "<string>", encoding: str = "utf-8",
                    amendment_effective: AmendmentEffective | None = None) -> Document:
    """The tree, metadata and text diagnostics, without references.  Raises InputError when the
    text has no article.  ``amendment_effective`` is the corpus's date of the last amendment, for
    a text that does not date its amended version."""
    normalized = normalize(text)
    malformed: list[tuple[int, str]] = []
    blocks = segment(normalized.text, normalized.split, malformed)
    normalized.split = None  # the lines are not needed again: a long text's list of lines is large
    tree = build(blocks, normalized.locate)
    articles = tree.articles
    if not articles:
        raise InputError("no article found (expected lines such as '第一条 …')", where=source,
                         hint="is this the text of a regulation?")
    meta, meta_diagnostics = meta_mod.extract(normalized.text, tree.children, articles, normalized.locate,
                                                amendment_effective)
    meta.encoding = encoding
    diagnostics = list(normalized.diagnostics)
    if encoding != "utf-8":
        label = encoding.upper().removesuffix("-LE").removesuffix("-BE")
        diagnostics.insert(0, Diagnostic(ENCODING_DIAGNOSTICS.get(encoding, "N107"),
                                         f"file decoded as {label}, not UTF-8", 1, 1, 0))
    diagnostics += tree.diagnostics
    diagnostics += meta_diagnostics
    diagnostics += [Diagnostic("S208", why, *normalized.locate(offset), offset) for offset, why in malformed]
    diagnostics += suspect.check(normalized.text, tree.children, articles, normalized.locate)
    doc = Document(id=id, source=source, normalized=normalized, meta=meta, children=tree.children,
                   diagnostics=diagnostics, by_eid=tree.by_eid)
    doc._articles = articles
    _sort(doc)
    return doc


def add_references(doc: Document, registry: Registry | Callable[[], Registry] | None = None,
                   load: Loader | None = None, day: date | None = None) -> Document:
    """``day``: the day the text is read on, which chooses the version of a law stored in several
    (regtext/refs/versions.py); None: today."""
    doc.diagnostics += link(doc, registry, load, day)
    _sort(doc)
    return doc


def parse_text(text: str, *, id: str = "", source: str = "<string>", encoding: str = "utf-8",
               registry: Registry | Callable[[], Registry] | None = None, load: Loader | None = None) -> Document:
    """Parse the text of a regulation as published, references included."""
    return add_references(parse_structure(text, id=id, source=source, encoding=encoding), registry, load)


def read_structure(path: str | Path, *, id: str | None = None,
                   amendment_effective: AmendmentEffective | None = None) -> Document:
    """A regulation file: published plain text, or Akoma Ntoso XML written by regtext."""
    p = Path(path)
    data = read_bytes(p, "xml" if p.suffix.lower() == ".xml" else "text")
    if p.suffix.lower() == ".xml" or looks_like_xml(data[:256]):
        return _read_akn(p, data, id, amendment_effective)
    decoded = decode(data, where=str(path))
    return parse_structure(decoded.text, id=id if id is not None else p.stem, source=str(path),
                           encoding=decoded.encoding, amendment_effective=amendment_effective)


def _read_akn(path: Path, data: bytes, id: str | None, amendment_effective: AmendmentEffective | None) -> Document:
    from ..ingest.akn import read_akn  # lxml: loaded only for XML input

    text, eids, number = read_akn(data, str(path))
    doc = parse_structure(text, id=id or number or path.stem, source=str(path), amendment_effective=amendment_effective)
    missing = sorted(eids - doc.by_eid.keys())
    if missing:
        raise InputError(f"the act's structure is not one regtext reads back (eIds {', '.join(missing[:3])} …)",
                         where=str(path), hint="only Akoma Ntoso written by 'regtext export --to akn' is read")
    return doc


def _sort(doc: Document) -> None:
    doc.diagnostics.sort(key=lambda d: (d.line, d.column, d.code))
