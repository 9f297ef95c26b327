"""A regulation's rulebook (corpus/<id>.rulebook.yaml): which provisions are circumstances, which
are measures for whom and issued as what, what is cited when, and the appeal notices.

Every provision is written as a citation and resolved against the regulation's tree when the
rulebook is loaded, so a rulebook naming a provision that does not exist cannot be used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import cite
from ..corpus import Corpus, data_dir, default_corpus
from ..errors import InputError, NotFound, RegtextError
from ..model import Document, Node
from ..yamlfile import Located, error_path, load_yaml


@dataclass(frozen=True, slots=True)
class Measure:
    node: Node
    subject: str            # person / organization
    document: str           # decision / proposal / referral
    appeal: str | None = None
    addressee: str | None = None
    notice: bool = False     # may be issued as a 通报
    sanction: bool = False   # needs a sanction from a closed list and its external basis
    phrase: str | None = None   # 进行诫勉, 予以通报: how a document says it is applied

    @property
    def name(self) -> str:
        return self.node.heading or self.node.label


@dataclass(slots=True)
class Rulebook:
    doc: Document
    source: Located
    subjects: Node
    person_requires: list[str]
    person_covers: str | None        # whom the subjects provision covers among persons, in its words
    circumstances: list[Node]
    catch_all: Node | None
    measures: list[Measure]
    combination: dict[str, Node | None]
    always: dict[str, list[tuple[Node, str]]]
    paragraphs: dict[str, dict[str, str]]   # subject -> role -> the paragraph a decision must carry for it
    cc_required: dict[str, object] | None
    cc_provision: Node | None
    sanctions: dict[str, dict[str, Any]]   # sanction type -> name, basis, allowed (schema-checked)
    sanction_example: str | None               # how the basis of a sanction is cited
    appeals: dict[str, dict[str, Any]]      # kind -> words, confirm, basis, text (schema-checked)
    problems: list[tuple[str, str]] = field(default_factory=list)   # (YAML path, message)

    def measures_for(self, subject: str) -> list[Measure]:
        return [m for m in self.measures if m.subject == subject]

    def measure_of(self, node: Node) -> Measure | None:
        return next((m for m in self.measures if m.node is node), None)


def rulebook_path(corpus: Corpus, regulation: str) -> Path:
    return corpus.root / f"{regulation}.rulebook.yaml"


@lru_cache(maxsize=None)
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((data_dir("schemas") / "rulebook.schema.json").read_text(encoding="utf-8"))
    return schema


def load_rulebook(regulation: str, corpus: Corpus | None = None, path: Path | None = None) -> Rulebook:
    """The rulebook of a corpus regulation (read once per process and version of the file).
    InputError if it is missing or invalid."""
    corpus = corpus or default_corpus()
    path = path or rulebook_path(corpus, regulation)
    if not path.exists():
        raise InputError(f"no rulebook for {regulation!r}", where=str(path), hint=_which_have_one(corpus))
    stat = path.stat()
    return _cached(path, stat.st_mtime_ns, stat.st_size, corpus)


def _which_have_one(corpus: Corpus) -> str:
    """Someone who picked a regulation without a rulebook needs to know which ones have one."""
    ids = sorted(p.name[: -len(".rulebook.yaml")] for p in corpus.root.glob("*.rulebook.yaml"))
    have = f"regulations with a rulebook: {', '.join(ids)}" if ids else "no regulation of this corpus has a rulebook"
    return f"{have}; another regulation needs <corpus>/<id>.rulebook.yaml before decisions can be drafted"


@lru_cache(maxsize=16)
def _cached(path: Path, mtime: int, size: int, corpus: Corpus) -> Rulebook:
    return build_rulebook(load_yaml(path), corpus)


def build_rulebook(located: Located, corpus: Corpus) -> Rulebook:
    """A rulebook decide can use: InputError for the first conflict between its lists (a measure
    listed twice as a decision and as a proposal would be issued as whichever comes first)."""
    book = assemble_rulebook(located, corpus)
    problems = conflicts(book)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(first.message + more, where=located.where(first.path),
                         hint="correct the rulebook; 'regtext check' lists every problem")
    return book


def assemble_rulebook(located: Located, corpus: Corpus) -> Rulebook:
    """The rulebook with every provision resolved, its lists not yet compared (``conflicts``)."""
    import jsonschema

    data = located.data
    errors = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        yaml_path = error_path(first.path)
        raise InputError(f"{yaml_path or 'rulebook'}: {first.message}", where=located.where(yaml_path))
    regulation = data["regulation"]
    if regulation not in corpus:
        raise InputError(f"unknown regulation {regulation!r}", where=located.where("regulation"))
    doc = corpus.load(regulation)
    problems: list[tuple[str, str]] = []

    def node(citation: str, yaml_path: str) -> Node:
        try:
            return doc.find(citation)
        except RegtextError as exc:
            problems.append((yaml_path, str(exc)))
            raise _Missing(exc) from None

    try:
        measures = [
            Measure(node(m["provision"], f"measures.{subject}[{i}].provision"), subject, m["document"],
                    m.get("appeal"), m.get("addressee"), bool(m.get("notice")), bool(m.get("sanction")),
                    m.get("phrase"))
            for subject in ("organization", "person")
            for i, m in enumerate(data["measures"].get(subject, []))
        ]
        book = Rulebook(
            doc=doc, source=located,
            subjects=node(data["subjects"]["provision"], "subjects.provision"),
            person_requires=list(data["subjects"].get("person", [])),
            person_covers=data["subjects"].get("covers"),
            circumstances=[node(c, f"circumstances.provisions[{i}]")
                           for i, c in enumerate(data["circumstances"]["provisions"])],
            catch_all=(node(data["circumstances"]["catch_all"], "circumstances.catch_all")
                       if data["circumstances"].get("catch_all") else None),
            measures=measures,
            combination={k: (node(v, f"combination.{k}") if v else None) for k, v in data["combination"].items()},
            always={k: [(node(e["provision"], f"always.{k}[{i}].provision"), e["role"]) for i, e in enumerate(v)]
                    for k, v in data["always"].items()},
            paragraphs={k: {e["role"]: e["paragraph"] for e in v if "paragraph" in e} for k, v in data["always"].items()},
            cc_required=data.get("cc_required"),
            cc_provision=(node(data["cc_required"]["provision"], "cc_required.provision")
                          if data.get("cc_required") else None),
            sanctions={k: v for k, v in data.get("sanctions", {}).items() if k != "example"},
            sanction_example=data.get("sanctions", {}).get("example"),
            appeals=data["appeals"],
            problems=problems,
        )
    except _Missing as missing:
        yaml_path, message = problems[0]
        code = "C202" if isinstance(missing.args[0], NotFound) else None
        raise InputError(f"{yaml_path}: {message}", where=located.where(yaml_path), code=code) from None
    for m in data["measures"].get("organization", []) + data["measures"].get("person", []):
        if m.get("appeal") and m["appeal"] not in book.appeals:
            raise InputError(f"measure {m['provision']}: no appeal notice named {m['appeal']!r}",
                             where=located.where("appeals"))
    return book


class _Missing(Exception):
    """A provision the rulebook names cannot be found (its error is the argument)."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two entries of a rulebook that contradict each other; reported at the second."""

    code: str       # C205 listed twice, C206 catch-all outside the circumstances, C207 combination clause
    path: str       # YAML path of the entry reported
    message: str    # names both YAML paths


def conflicts(book: Rulebook) -> list[Conflict]:
    """What makes a rulebook ambiguous: the same provision twice in a list, a catch-all that is
    not a circumstance, a combination clause that is itself a measure or a circumstance."""
    circumstances = [(f"circumstances.provisions[{i}]", n) for i, n in enumerate(book.circumstances)]
    measures = [(path, m.node) for path, m in zip(measure_paths(book), book.measures, strict=True)]
    out = _twice(book, circumstances, "circumstance") + _twice(book, measures, "measure")
    if book.catch_all is not None and not any(n is book.catch_all for _, n in circumstances):
        out.append(Conflict("C206", "circumstances.catch_all", f"circumstances.catch_all {_named(book, book.catch_all)} "
                            "is not among circumstances.provisions: the catch-all is one of the circumstances "
                            "(add it there or correct catch_all)"))
    for subject, clause in book.combination.items():
        other = next(((path, what) for what, entries in (("measure", measures), ("circumstance", circumstances))
                      for path, n in entries if n is clause), None)
        if clause is not None and other is not None:
            out.append(Conflict("C207", f"combination.{subject}",
                                f"combination.{subject} {_named(book, clause)} is the {other[1]} {other[0]}: the "
                                "clause on combining measures is cited besides them, it cannot be one of them"))
    return out


def measure_paths(book: Rulebook) -> list[str]:
    """measures.person[2] for each measure, in the order of ``book.measures``."""
    data = book.source.data["measures"]
    return [f"measures.{subject}[{i}]" for subject in ("organization", "person")
            for i in range(len(data.get(subject, [])))]


def _twice(book: Rulebook, entries: list[tuple[str, Node]], what: str) -> list[Conflict]:
    out = []
    first: dict[int, str] = {}
    for path, node in entries:
        if id(node) in first:
            out.append(Conflict("C205", path, f"{first[id(node)]} and {path} both name {_named(book, node)}"
                                f"{_documents(book, first[id(node)], path)}: list each {what} once"))
        else:
            first[id(node)] = path
    return out


def _documents(book: Rulebook, first: str, second: str) -> str:
    """', as a decision and as a proposal' when the two measure entries say different things."""
    paths = measure_paths(book)
    if first not in paths or second not in paths:
        return ""
    a, b = (book.measures[paths.index(p)].document for p in (first, second))
    return f", as a {a} and as a {b}" if a != b else ""


def _named(book: Rulebook, node: Node) -> str:
    return cite.format_nodes([node], "zh", book.doc) + (f" ({node.heading})" if node.heading else "")
