"""A regulation's rulebook (corpus/<id>.rulebook.yaml): which provisions are circumstances, which
are measures for whom and issued as what, what is cited when, and the appeal notices.

Every provision is written as a citation and resolved against the regulation's tree when the
rulebook is loaded, so a rulebook naming a provision that does not exist cannot be used.
"""

from __future__ import annotations

import json
from collections.abc import Callable
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


@dataclass(frozen=True, slots=True)
class SanctionKind:
    """A kind of sanction (政务处分法 第七条), its period (第八条) and what the law attaches to it."""

    name: str
    node: Node
    months: int | None = None          # None: the kind has no period (开除)
    period: Node | None = None         # the provision setting ``months``
    consequences: tuple[Node, ...] = ()


@dataclass(frozen=True, slots=True)
class Violation:
    """A provision a finding names, and the sanctions it allows by severity, as it words them."""

    node: Node
    ladder: dict[str, list[str]]       # severity → kind names, in the rulebook's order of severities
    extends: tuple[Node, ...] = ()     # provisions whose ladder this one adds a step to
    conditions: dict[str, str] = field(default_factory=dict)   # kind → the further condition, quoted
    open: bool = False                 # names no sanction: any kind, by the organ's judgement


@dataclass(frozen=True, slots=True)
class CircumstanceGroup:
    """情节 a case may claim, and what each may do to the range (the first effect is the default)."""

    nodes: tuple[Node, ...]
    effects: tuple[str, ...]
    requires: tuple[Node, ...] = ()    # a circumstance within one of these is claimed too (第十二条第一款)
    severities: tuple[str, ...] = ()   # the severities it applies at (情节轻微: the lightest); empty: any


@dataclass(frozen=True, slots=True)
class Employment:
    """Where a person works (第十九条…), and the kinds that may be given there (None: any)."""

    name: str
    node: Node
    allowed: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Several:
    """第十五条: several violations, the heaviest executed, identical periods summed within bounds."""

    node: Node
    up_to: str
    max_months: int


@dataclass(frozen=True, slots=True)
class ContentItem:
    """An item a decision giving a sanction states (第四十五条), and what a template prints for it."""

    node: Node
    prints: tuple[str, ...]


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
    # a rulebook of sanctions (政务处分法): findings name violations, the case states a severity
    severities: list[str] = field(default_factory=list)           # lightest first; the first is the default
    kinds: list[SanctionKind] = field(default_factory=list)       # lightest first
    employments: list[Employment] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    circumstance_groups: list[CircumstanceGroup] = field(default_factory=list)
    effects: dict[str, dict[str, Any]] = field(default_factory=dict)   # effect → range, steps, confirm
    several: Several | None = None
    once: Node | None = None
    period_start: Node | None = None
    sanction_type: str | None = None   # the type its sanctions are (government): what a template declares
    contents: list[ContentItem] = field(default_factory=list)
    linked: dict[str, Rulebook] = field(default_factory=dict)   # sanction type → the law's own rulebook

    def kind(self, name: str) -> SanctionKind | None:
        return next((k for k in self.kinds if k.name == name), None)

    def rank(self, name: str) -> int:
        """How heavy a kind is: its place in ``kinds`` (-1 for a name that is none)."""
        return next((i for i, k in enumerate(self.kinds) if k.name == name), -1)

    def violation_of(self, node: Node) -> Violation | None:
        return next((v for v in self.violations if v.node is node), None)

    def group_of(self, node: Node) -> CircumstanceGroup | None:
        """The group of 情节 the circumstance belongs to."""
        return next((g for g in self.circumstance_groups if any(n is node for n in g.nodes)), None)

    def effect_of(self, node: Node) -> tuple[str, ...]:
        """The effects a circumstance may have (empty when the node is none of them)."""
        group = self.group_of(node)
        return group.effects if group is not None else ()

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
    from ..schemacheck import validator

    data = located.data
    errors = sorted(validator(_schema()).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        yaml_path = error_path(first.path)
        raise InputError(f"{yaml_path or 'rulebook'}: {first.message}", where=located.where(yaml_path))
    regulation = data["regulation"]
    if regulation not in corpus:
        raise InputError(f"unknown regulation {regulation!r}", where=located.where("regulation"))
    doc = corpus.load(regulation)
    problems: list[tuple[str, str]] = []
    # the object form of circumstances: what findings name; the list form: 情节 groups (_sanction_parts)
    findings = data["circumstances"] if isinstance(data["circumstances"], dict) else {}

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
                           for i, c in enumerate(findings.get("provisions", []))],
            catch_all=(node(findings["catch_all"], "circumstances.catch_all") if findings.get("catch_all") else
                       node(data["catch_all"], "catch_all") if data.get("catch_all") else None),
            measures=measures,
            combination={k: (node(v, f"combination.{k}") if v else None) for k, v in data["combination"].items()},
            always={k: [(node(e["provision"], f"always.{k}[{i}].provision"), e["role"]) for i, e in enumerate(v)]
                    for k, v in data["always"].items()},
            paragraphs={k: {e["role"]: e["paragraph"] for e in v if "paragraph" in e} for k, v in data["always"].items()},
            cc_required=data.get("cc_required"),
            cc_provision=(node(data["cc_required"]["provision"], "cc_required.provision")
                          if data.get("cc_required") else None),
            sanctions={k: dict(v) for k, v in data.get("sanctions", {}).items() if k != "example"},
            sanction_example=data.get("sanctions", {}).get("example"),
            appeals=data["appeals"],
            problems=problems,
        )
        _sanction_parts(book, data, node)
    except _Missing as missing:
        yaml_path, message = problems[0]
        code = "C202" if isinstance(missing.args[0], NotFound) else None
        raise InputError(f"{yaml_path}: {message}", where=located.where(yaml_path), code=code) from None
    for m in data["measures"].get("organization", []) + data["measures"].get("person", []):
        if m.get("appeal") and m["appeal"] not in book.appeals:
            raise InputError(f"measure {m['provision']}: no appeal notice named {m['appeal']!r}",
                             where=located.where("appeals"))
    _check_sanction_names(book, located)
    _link_sanction_rulebook(book, located, corpus)
    return book


def _sanction_parts(book: Rulebook, data: dict[str, Any], node: Callable[[str, str], Node]) -> None:
    """The parts of a rulebook of sanctions, every provision resolved (``node`` raises for one that
    is not in the regulation)."""
    book.severities = [str(s) for s in data.get("severities", [])]
    book.kinds = [SanctionKind(k["name"], node(k["provision"], f"sanction_kinds[{i}].provision"), k.get("months"),
                               node(k["period"], f"sanction_kinds[{i}].period") if k.get("period") else None,
                               tuple(node(c, f"sanction_kinds[{i}].consequences[{j}]")
                                     for j, c in enumerate(k.get("consequences", []))))
                  for i, k in enumerate(data.get("sanction_kinds", []))]
    book.employments = [Employment(e["name"], node(e["provision"], f"employments[{i}].provision"),
                                   tuple(e["allowed"]) if "allowed" in e else None)
                        for i, e in enumerate(data.get("employments", []))]
    order = {s: i for i, s in enumerate(book.severities)}
    book.violations = [
        Violation(node(v["provision"], f"violations[{i}].provision"),
                  dict(sorted(((str(s), list(ks)) for s, ks in v.get("ladder", {}).items()),
                              key=lambda item: order.get(item[0], len(order)))),
                  tuple(node(e, f"violations[{i}].extends[{j}]") for j, e in enumerate(v.get("extends", []))),
                  dict(v.get("conditions", {})), bool(v.get("open")))
        for i, v in enumerate(data.get("violations", []))]
    if isinstance(data["circumstances"], list):
        book.circumstance_groups = [
            CircumstanceGroup(tuple(node(p, f"circumstances[{i}].provisions[{j}]")
                                    for j, p in enumerate(g["provisions"])), tuple(g["effects"]),
                              tuple(node(p, f"circumstances[{i}].requires[{j}]") for j, p in enumerate(g.get("requires", []))),
                              tuple(g.get("severities", [])))
            for i, g in enumerate(data["circumstances"])]
    book.effects = dict(data.get("effects", {}))
    if data.get("several"):
        several = data["several"]
        book.several = Several(node(several["provision"], "several.provision"), several["up_to"], several["max_months"])
    book.once = node(data["once"], "once") if data.get("once") else None
    book.period_start = node(data["period_start"], "period_start") if data.get("period_start") else None
    book.sanction_type = data.get("sanction_type")
    book.contents = [ContentItem(node(c["provision"], f"contents[{i}].provision"), tuple(c["prints"]))
                     for i, c in enumerate(data.get("contents", []))]


def _check_sanction_names(book: Rulebook, located: Located) -> None:
    """Every kind, severity and effect a rulebook of sanctions names is one it defines: a typo
    would make a sanction the law allows look forbidden (or the reverse)."""
    kinds = [k.name for k in book.kinds]
    data = located.data
    if bool(book.violations) != isinstance(data["circumstances"], list):
        shape = ("a list of groups {effects, provisions}: the 情节 a case claims" if book.violations else
                 "{provisions, catch_all}: what a case's findings name")
        raise InputError(f"circumstances: a rulebook {'with' if book.violations else 'without'} violations writes "
                         f"them as {shape}", where=located.where("circumstances"), code="C201",
                         hint="see the rulebook format in the README")

    def refuse(path: str, what: str, name: str, known: list[str], where: str) -> None:
        raise InputError(f"{path}: {name!r} is not {what} (one of: {'、'.join(known) or 'none'})",
                         where=located.where(path), hint=f"correct it or add it to {where}", code="C201")

    for i, v in enumerate(data.get("violations", [])):
        for severity, names in v.get("ladder", {}).items():
            if severity not in book.severities:
                refuse(f"violations[{i}].ladder.{severity}", "a severity", severity, book.severities, "severities")
            for j, name in enumerate(names):
                if name not in kinds:
                    refuse(f"violations[{i}].ladder.{severity}[{j}]", "a sanction kind", name, kinds, "sanction_kinds")
        for name in v.get("conditions", {}):
            if name not in kinds:
                refuse(f"violations[{i}].conditions.{name}", "a sanction kind", name, kinds, "sanction_kinds")
    for i, e in enumerate(data.get("employments", [])):
        for j, name in enumerate(e.get("allowed", [])):
            if name not in kinds:
                refuse(f"employments[{i}].allowed[{j}]", "a sanction kind", name, kinds, "sanction_kinds")
    if book.several is not None and book.several.up_to not in kinds:
        refuse("several.up_to", "a sanction kind", book.several.up_to, kinds, "sanction_kinds")
    for i, g in enumerate(data["circumstances"] if isinstance(data["circumstances"], list) else []):
        for j, effect in enumerate(g["effects"]):
            if effect not in book.effects:
                refuse(f"circumstances[{i}].effects[{j}]", "an effect", effect, list(book.effects), "effects")
        for j, severity in enumerate(g.get("severities", [])):
            if severity not in book.severities:
                refuse(f"circumstances[{i}].severities[{j}]", "a severity", severity, book.severities, "severities")


def _link_sanction_rulebook(book: Rulebook, located: Located, corpus: Corpus) -> None:
    """``sanctions.government.rulebook``: the law's own rulebook holds the allowed kinds (one home)."""
    for key, entry in book.sanctions.items():
        other = entry.get("rulebook")
        if not other:
            continue
        path = f"sanctions.{key}.rulebook"
        # A corpus of one's own may lack the law or its rulebook: the bundled one is the law's then.
        home = corpus if rulebook_path(corpus, other).exists() else default_corpus()
        if other not in home:
            raise InputError(f"{path}: unknown regulation {other!r}", where=located.where(path))
        try:
            linked = load_rulebook(other, home)
        except InputError as exc:
            raise InputError(f"{path}: the rulebook of {other!r} cannot be used: {exc.message}",
                             where=located.where(path)) from None
        if not linked.kinds:
            raise InputError(f"{path}: the rulebook of {other!r} has no sanction_kinds", where=located.where(path))
        entry["allowed"] = [k.name for k in linked.kinds]
        book.linked[key] = linked


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
    violations = [(f"violations[{i}].provision", v.node) for i, v in enumerate(book.violations)]
    out += _twice(book, violations, "violation")
    if book.violations:
        if book.catch_all is not None and book.violation_of(book.catch_all) is None:
            out.append(Conflict("C206", "catch_all", f"catch_all {_named(book, book.catch_all)} is not among "
                                "violations: the catch-all is one of the violations (add it there or correct catch_all)"))
    elif book.catch_all is not None and not any(n is book.catch_all for _, n in circumstances):
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
