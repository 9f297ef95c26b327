"""The decision being built from case facts, what its rules report, and how a case names a
provision.

The rules themselves are a named table in ``rules.py`` (``RULES``); each reports through
``Decision.report`` with its own entry, so a problem's code and severity come from the table.
The engine is generic; what a regulation says, down to its wording, lives in its rulebook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import cite
from ..corpus import Corpus
from ..errors import Location, RegtextError
from ..model import Document, Node
from ..problems import Problem as LocatedProblem
from ..problems import source_line
from .case import Case
from .rulebook import Measure, Rulebook, Violation
from .sections import Section

#: The kinds of document a case can be issued as (the case's ``kind``), by their Chinese names.
DOCUMENT_NAMES = {"decision": "决定", "proposal": "建议", "referral": "移送", "notice": "通报"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One entry of the table of decision rules (``rules.RULES``).  The README's table of decide
    codes and the codes ``regtext check`` prints for a case file are this table."""

    code: str          # D101: stable and documented, printed with every problem the rule reports
    rule: str          # R1: the rule's number in design.md §7
    name: str          # circumstance: what it is about, in a word
    severity: str      # error / warning: what a breach of it is
    provision: str     # the rulebook entry naming the provision it enforces (or a standard: GB/T 9704)
    summary: str       # when it reports, in general terms (the regulation's own terms are its rulebook's)
    check: Callable[[Decision, Rule], None]
    #: for a rule that also constrains templates: the paragraphs a template of a kind and subject
    #: must print but does not (arguments: rulebook, kind, subject, helpers the template prints)
    template: Callable[[Rulebook, str | None, str | None, set[str]], list[Section]] | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A rule's breach in a case: what decide's JSON reports (with the rule and the provision);
    printed, and listed by ``regtext check``, as the located problem of :meth:`located`."""

    code: str            # the rule's code in the table: D101
    rule: str            # R1
    severity: str        # error / warning
    message: str
    path: str            # YAML path of the offending fact
    where: Location      # the fact's place in the case file
    provision: str | None = None   # the provision that makes it an error, as cited

    def located(self, lines: list[str] | None = None) -> LocatedProblem:
        """The problem as every command prints it; ``lines`` are the case file's."""
        message = f"{self.path}: {self.message}" + (f" [{self.provision}]" if self.provision else "")
        return LocatedProblem(self.where.path, self.where.line or 1, self.where.column or 1, self.severity, self.code,
                       message, source_line(lines, self.where.line or 1))

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "rule": self.rule, "severity": self.severity, "message": self.message,
                "path": self.path, "where": str(self.where), "provision": self.provision}


@dataclass(frozen=True, slots=True)
class BasisEntry:
    node: Node
    citation: str
    role: str            # finding, measure, combination, execution, notice
    document: str        # corpus id


@dataclass(slots=True)
class Applied:
    """A violation found (a finding, or the basis of a chained 政务处分), at a severity, with the
    sanction given for it; paths say where each of them is in the case."""

    book: Rulebook            # the rulebook of sanctions it is checked against
    node: Node                # the provision named (an item, say)
    violation: Violation      # the rulebook entry it falls under
    path: str                 # findings[0], sanctions[0].basis
    severity: str             # as stated, or the rulebook's first
    stated: bool              # the case states the severity
    severity_path: str
    sanction: str | None = None        # the kind given for it
    sanction_path: str = ""
    step: Violation | None = None      # the entry whose step applies (第三十八条第二款 extends 第一款)
    circumstances: list[tuple[Node, str]] = field(default_factory=list)   # (provision, effect) applied
    circumstance_paths: list[str] = field(default_factory=list)
    external: str | None = None        # a chained 政务处分: its basis as the case writes it

    @property
    def ladder(self) -> dict[str, list[str]]:
        return (self.step or self.violation).ladder


@dataclass(slots=True)
class Decision:
    case: Case
    rulebook: Rulebook
    kind: str | None = None
    findings: list[Node] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    measure_paths: list[str] = field(default_factory=list)   # measures[i] in the case, per measure
    basis: list[BasisEntry] = field(default_factory=list)
    external: list[str] = field(default_factory=list)     # 《…》第X条 of sanctions, higher rank first
    appeals: list[dict[str, object]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    corpus: Corpus | None = field(default=None, repr=False)   # where the external basis is checked
    applied: list[Applied] = field(default_factory=list)    # violations found, with their sanctions
    sanction: dict[str, object] | None = None   # the sanction executed: kind, period_months, provision, …

    @property
    def doc(self) -> Document:
        return self.rulebook.doc

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def report(self, rule: Rule, path: str, message: str, provision: str | None = None,
               severity: str | None = None) -> None:
        """A problem of ``rule`` at the fact ``path``; ``severity`` only when less than the rule's."""
        self.problems.append(Problem(rule.code, rule.rule, severity or rule.severity, message, path,
                                     self.case.where(path), provision))

    def to_dict(self, case: str) -> dict[str, object]:
        """What ``regtext decide --to json`` prints and ``POST /api/decide`` answers (one shape for
        both); ``case`` is how the case file is named to the reader."""
        return {
            "case": case, "regulation": self.doc.id, "kind": self.kind,
            "basis": [{"eid": b.node.eid, "citation": b.citation, "role": b.role, "document": b.document}
                      for b in self.basis],
            "sentence": self.sentence(),
            **({"sanction": self.sanction} if self.sanction is not None else {}),
            "appeals": self.appeals,
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
        }

    def cited(self, *roles: str, style: str = "zh") -> str:
        """The provisions of these roles as one citation: 第四条第（三）项、第六条第一款第（三）项."""
        nodes = [e.node for e in self.basis if e.role in roles]
        return cite.format_nodes(_in_order(self.doc, nodes), style, self.doc) if nodes else ""

    def sentence(self, style: str = "zh") -> str:
        """根据《external law》第X条和《the regulation》第X条…之规定: the legal basis as one sentence,
        higher-ranking documents first.  A rulebook of sanctions cites the violation, then the
        circumstances applied, then the clause on several violations, in that order."""
        if self.rulebook.violations:
            own = "、".join(self.cited(*roles, style=style) for roles in (("finding", "extends"), ("circumstance",),
                                                                          ("several",)) if self.cited(*roles))
        else:
            own = self.cited("finding", "measure", "combination", style=style)
        parts = [p for p in [*self.external, f"《{self.doc.title}》{own}" if own else ""] if p]
        joined = "、".join(parts[:-1]) + "和" + parts[-1] if len(parts) > 1 else "".join(parts)
        return "根据" + joined + "之规定"


def _in_order(doc: Document, nodes: list[Node]) -> list[Node]:
    """Provisions in the order of the text, each once (a citation lists them that way)."""
    position = {id(n): n.start for n in nodes}
    unique = list({id(n): n for n in nodes}.values())
    return sorted(unique, key=lambda n: position[id(n)])


# -- naming provisions ----------------------------------------------------------------------------

def resolve_name(book: Rulebook, name: str, candidates: list[Node]) -> Node | None:
    """A provision named by its item heading (监管落实不力, 诫勉), a citation in any style
    (第四条第（三）项, Article 6(3)) or an eId.  A heading is looked up among ``candidates`` first
    (通报 is 第五条 for an organisation, 第六条 for a person), then in the whole regulation."""
    by_heading = [n for n in candidates if n.heading == name]
    if by_heading:
        return by_heading[0]
    try:
        nodes = cite.lookup(book.doc, name, headings=True).nodes
    except RegtextError:  # not a citation, or no such provision: the caller says which name
        return None
    return nodes[0] if len(nodes) == 1 else None
