"""The bundled corpus: regulations by id, each a text file plus a small metadata file.

``corpus/<id>.txt`` is the text exactly as received; ``corpus/<id>.meta.yaml`` says what it is
(full title, short titles, kind, jurisdiction, source).  Commands take a corpus id or a path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .cite.registry import Registry
from .diagnostics import Diagnostic
from .errors import InputError, NotFound, UsageError
from .model import AmendmentEffective, Document, Node, bind_lookup
from .parser.meta import amendment_effective
from .parser.pipeline import add_references, read_structure

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from .versions.works import Dated, Version, Work

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """A bundled folder (corpus, schemas, templates): inside the installed package, else the checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise InputError(f"the bundled '{name}' folder is missing", hint="reinstall regtext")


def shown_path(path: str) -> str:
    """A file's path as every command prints it: relative to the working directory when under it
    (as compilers do), a text bundled with regtext as ``corpus/…`` rather than a site-packages
    path, anything else as given."""
    absolute = Path(path).absolute()
    for base in (Path.cwd(), data_dir("corpus").parent):
        if absolute.is_relative_to(base):
            return str(absolute.relative_to(base))
    return path


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    text_path: Path
    short_titles: tuple[str, ...] = ()
    kind: str = ""
    jurisdiction: str = "cn"
    primary: bool = False
    excerpt: str | None = None   # the text is part of a larger one (民法典 第一编 总则)
    source: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    amendment_effective: AmendmentEffective | None = None   # the last amendment's 施行 date, sourced
    work: str | None = None      # the work this text is a version of (several texts of one law)
    commencement: AmendmentEffective | None = None   # the original enactment's 施行 date, sourced


class Corpus:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._entries: dict[str, Entry] | None = None
        self._documents: dict[str, Document] = {}
        self._registries: dict[date, Registry] = {}
        self._works: dict[str, Work] | None = None

    @property
    def entries(self) -> dict[str, Entry]:
        """Read on first use: parsing a file that cites nothing outside itself never reads them."""
        if self._entries is None:
            self._entries = {}
            for meta_path in sorted(self.root.glob("*.meta.yaml")):
                entry = _read_entry(meta_path)
                self._entries[entry.id] = entry
            from .versions.works import check_titles  # on first use: versions load the alignment

            check_titles([(e.id, e.title, e.work, str(e.text_path.with_name(f"{e.id}.meta.yaml")))
                          for e in self._entries.values()])
        return self._entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __contains__(self, id: str) -> bool:
        if self._entries is None:  # without reading every metadata file
            return (self.root / f"{id}.meta.yaml").is_file()
        return id in self.entries

    def load(self, id: str) -> Document:
        """The parsed document of a corpus id (parsed once per process).  It is cached before its
        references are resolved, so two documents citing each other load each other once."""
        if id not in self._documents:
            entry = self.entries[id]
            doc = read_structure(entry.text_path, id=id, amendment_effective=entry.amendment_effective)
            doc.meta.names = (entry.title, *entry.short_titles)
            if doc.meta.effective is None and entry.commencement is not None:
                # 自公布之日起施行 with no 公布 line in the text: the order that published it dates it
                doc.meta.effective, doc.meta.effective_basis = entry.commencement.date, entry.commencement.source
            self._documents[id] = doc
            add_references(doc, lambda: self.registry, self.load)
            if entry.excerpt:
                _outside_excerpt(doc)
        return self._documents[id]

    def parse_file(self, path: Path) -> Document:
        """A file outside the corpus, its references resolved against the corpus."""
        return add_references(read_structure(path), lambda: self.registry, self.load)

    @property
    def registry(self) -> Registry:
        """Names of bundled and known documents (full titles, short titles, 中华人民共和国-less forms),
        each name of a work designating its version in force today."""
        return self.registry_on(date.today())

    def registry_on(self, day: date) -> Registry:
        """The names as they designate documents on ``day``: a work's names, its version in force
        then (its first version before any is in force, its last after: a citation still reads)."""
        if day not in self._registries:
            registry = Registry()
            for work in self.works.values():
                version = work.read_on(day)
                entry = self.entries[version.id]
                registry.add(entry.title, entry.id, entry.short_titles)
            for title, short_titles in _known_documents(self.root / "known_documents.yaml"):
                registry.add(title, None, short_titles)
            self._registries[day] = registry
        return self._registries[day]

    @property
    def works(self) -> dict[str, Work]:
        """Every work by id: the versions a ``work`` key groups, each other text a work of its own."""
        if self._works is None:
            from .versions.works import build  # on first use: versions load the alignment

            self._works = build([_dated(entry) for entry in self.entries.values()])
        return self._works

    def version(self, id: str) -> tuple[Work, Version]:
        """The work a corpus id is a version of, and that version."""
        work_id = self.entries[id].work or id
        work = self.works[work_id]
        return work, work.version(id)

    def version_on(self, ref: str, day: date) -> str:
        """The corpus id in force on ``day`` of a work id or of a version's id (its work's version
        then); NotFound when no version is."""
        work_id = ref if ref in self.works else (self.entries[ref].work or ref)
        work = self.works[work_id]
        if len(work.versions) == 1 and work.versions[0].start is None:
            return work.versions[0].id   # a lone undated text: in force whenever it is asked for
        version = work.in_force(day)
        if version is None:
            raise NotFound(work.not_in_force(day), hint="choose another day, or add the version in force then")
        return version.id

    @property
    def primary(self) -> Entry:
        entry = next((e for e in self.entries.values() if e.primary), None)
        if entry is None:
            raise UsageError(f"the corpus in {self.root} has no primary regulation",
                             hint="give --doc, or mark one regulation 'primary: true' in its .meta.yaml")
        return entry

    def entry_for_path(self, path: Path) -> Entry | None:
        resolved = path.resolve()
        return next((e for e in self.entries.values() if e.text_path.resolve() == resolved), None)


def _dated(entry: Entry) -> Dated:
    """A text's start: the amending decision's 施行 date, else the original's commencement, else
    (read only for a version of a shared work) the date the text states."""
    from .versions.works import Dated

    where = str(entry.text_path.with_name(f"{entry.id}.meta.yaml"))
    for sourced in (entry.amendment_effective, entry.commencement):
        if sourced is not None:
            return Dated(entry.id, entry.title, entry.work, sourced.date, sourced.source, where)
    if entry.work is None:
        return Dated(entry.id, entry.title, None, None, "", where)
    meta = read_structure(entry.text_path, id=entry.id).meta
    return Dated(entry.id, entry.title, entry.work, meta.effective, meta.effective_basis or "", where)


def _outside_excerpt(doc: Document) -> None:
    """In an excerpt, a reference the text cannot resolve may point at the rest of the whole:
    a warning (R305), not an error."""
    doc.diagnostics = [
        Diagnostic("R305", f"{d.message} — outside this excerpt", d.line, d.column, d.offset)
        if d.code in ("R301", "R302") else d
        for d in doc.diagnostics
    ]


def _read_yaml(path: Path) -> object:
    from .yamlfile import load_yaml  # deferred: parsing a text file does not need YAML

    if not path.exists():
        return None
    return load_yaml(path).data


def _known_documents(path: Path) -> list[tuple[str, list[str]]]:
    """(title, short titles) of each document cited but not bundled.  A corpus of one's own
    (REGTEXT_CORPUS) may carry a malformed list: refused with its place, not a traceback."""
    from .yamlfile import load_yaml  # deferred: parsing a text file does not need YAML

    if not path.exists():
        return []
    located = load_yaml(path)
    data = located.data if located.data is not None else []
    if not isinstance(data, list):
        raise InputError("known documents must be a list of {title, short_titles}", where=located.where(""),
                         hint="write each as '- title: 中华人民共和国刑法' with 'short_titles: [刑法]' beneath")
    out: list[tuple[str, list[str]]] = []
    for i, known in enumerate(data):
        title = known.get("title") if isinstance(known, dict) else None
        short = (known.get("short_titles") or []) if isinstance(known, dict) else []
        if not isinstance(title, str) or not title:
            raise InputError("a known document needs a 'title' (text)", where=located.where(f"[{i}]"),
                             hint="write it as '- title: 中华人民共和国刑法'")
        if not isinstance(short, list) or not all(isinstance(name, str) for name in short):
            raise InputError("'short_titles' must be a list of names", where=located.where(f"[{i}].short_titles"),
                             hint="write it as 'short_titles: [刑法]'")
        out.append((title, short))
    return out


def _read_entry(meta_path: Path) -> Entry:
    data = _read_yaml(meta_path)
    if not isinstance(data, dict) or not {"id", "title"} <= data.keys():
        raise InputError("corpus metadata needs at least 'id' and 'title'", where=str(meta_path))
    text_path = meta_path.with_name(f"{data['id']}.txt")
    return Entry(
        id=str(data["id"]), title=str(data["title"]), text_path=text_path,
        short_titles=tuple(data.get("short_titles") or ()), kind=str(data.get("kind", "")),
        jurisdiction=str(data.get("jurisdiction", "cn")), primary=bool(data.get("primary", False)),
        excerpt=data.get("excerpt"),
        source=dict(data.get("source") or {}),
        amendment_effective=amendment_effective(data.get("amendment_effective"), str(meta_path)),
        work=_work_id(data.get("work"), str(meta_path)),
        commencement=amendment_effective(data.get("commencement"), str(meta_path), key="commencement"),
    )


def _work_id(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        raise InputError(f"work: {value!r} is not a work id (lower-case letters, digits, _)", where=where,
                         hint="name the work its versions share, e.g. work: jianchafa")
    return value


def corpus_root() -> Path:
    """The bundled corpus, or the folder ``REGTEXT_CORPUS`` names — which must be a corpus: a
    folder that is missing or holds no metadata would make every corpus id unknown and every
    citation of another law unresolved, a wrong answer rather than an error."""
    setting = os.environ.get("REGTEXT_CORPUS")
    if not setting:
        return data_dir("corpus")
    root = Path(setting)
    if not root.is_dir():
        problem = "is not a folder" if root.exists() else "no such folder"
    elif next(root.glob("*.meta.yaml"), None) is None:
        problem = "holds no corpus (no <id>.meta.yaml files)"
    else:
        return root
    raise UsageError(f"REGTEXT_CORPUS={setting}: {problem}",
                     hint="point it at a folder of <id>.txt and <id>.meta.yaml files, or unset it for the bundled corpus")


@lru_cache(maxsize=1)
def default_corpus() -> Corpus:
    return Corpus(corpus_root())


def _find_all(doc: Document, citation: str) -> list[Node]:
    """``Document.find_all``: the one lookup; the default corpus tells a citation of another
    document where to be looked up."""
    from .cite.find import lookup  # deferred: parsing a text (the parser's start-up) reads no citation

    return lookup(doc, citation, default_corpus()).nodes


bind_lookup(_find_all)


def load(ref: str | os.PathLike[str], as_of: date | None = None, *,
         store: str | os.PathLike[str] | None = None) -> Document:
    """A regulation by corpus id (``ningxia_anquan_zhuijiu_2023``), by work id (``jianchafa``: its
    version in force on ``as_of``, default today), by file path, or with ``store`` by an id of that
    corpus store (``宪法相关法/监察法(2024-12-25)``), whose stored tree is loaded without parsing
    the text again.  A bundled id or an existing file comes first.  A version's id with ``as_of``
    on which that version is not in force is refused, not swapped for the one that is."""
    text = os.fspath(ref)
    path = Path(text)
    looks_like_path = os.sep in text or path.suffix != "" or path.exists()
    if store is not None and not path.exists() and text not in default_corpus() and text not in default_corpus().works:
        from .store import stored_tree  # deferred: the store is read only when one is given

        doc = stored_tree(text, store)
        if doc is not None:  # its references resolved against the bundled corpus, as for any file
            corpus = default_corpus()
            return add_references(doc, lambda: corpus.registry, corpus.load)
        raise InputError(f"unknown id {text!r}: not in the store {os.fspath(store)}, not a bundled corpus id, "
                         "not a file", hint="'regtext corpus --store FILE' lists the stored ids")
    if not looks_like_path:
        corpus = default_corpus()
        if text in corpus:
            if as_of is not None:
                _in_force(corpus, text, as_of)
            return corpus.load(text)
        if text in corpus.works:
            return corpus.load(corpus.version_on(text, as_of or date.today()))
        raise InputError(f"unknown corpus id {text!r}", hint="run 'regtext corpus' for the ids, or give a file path")
    inside = path.exists() and path.resolve().parent == corpus_root().resolve()
    entry = default_corpus().entry_for_path(path) if inside else None
    if entry is not None:
        if as_of is not None:
            _in_force(default_corpus(), entry.id, as_of)
        return default_corpus().load(entry.id)
    return default_corpus().parse_file(path)


def _in_force(corpus: Corpus, id: str, day: date) -> None:
    work, version = corpus.version(id)
    if version.start is None or version.in_force(day):
        return
    then = work.in_force(day)
    instead = f"the version in force then is {then.id}" if then else work.not_in_force(day)
    raise UsageError(f"{id} is not in force on {day.isoformat()} (in force {version.interval()})",
                     hint=f"{instead}; give the work id {work.id!r} to take the version in force on the day")
