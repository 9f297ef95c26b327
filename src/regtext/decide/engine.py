"""From case facts to a decision: which provisions apply, what document is issued, what is wrong.

The rules are small functions in an ordered table (``RULES``), each named after design.md §7
(R1–R11), each reporting through one method that records the provision making it an error and
the YAML path of the offending fact.  The engine is generic; what a regulation says lives in
its rulebook.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import cite
from ..corpus import Corpus, default_corpus
from ..errors import InputError, RegtextError
from ..model import Document, Node
from .case import Case
from .rulebook import Measure, Rulebook, load_rulebook

DOCUMENT_NAMES = {"decision": "决定", "proposal": "建议", "referral": "移送", "notice": "通报"}
#: Codes of the rules, D1nn for Rnn.
CODES = {f"R{n}": f"D1{n:02d}" for n in range(1, 12)}


@dataclass(frozen=True, slots=True)
class Problem:
    code: str            # D101 … D111, or D100 for a fact that names no provision
    rule: str            # R1 … R11
    severity: str        # error / warning
    message: str
    path: str            # YAML path of the offending fact
    where: str           # file:line:col
    provision: str | None = None   # the provision that makes it an error, as cited

    def format(self) -> str:
        return f"{self.where}: {self.severity} {self.code} {self.path}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "rule": self.rule, "severity": self.severity, "message": self.message,
                "path": self.path, "where": self.where, "provision": self.provision}


@dataclass(frozen=True, slots=True)
class BasisEntry:
    node: Node
    citation: str
    role: str            # finding, measure, combination, execution, notice
    document: str        # corpus id


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

    @property
    def doc(self) -> Document:
        return self.rulebook.doc

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def report(self, rule: str, severity: str, path: str, message: str, provision: str | None = None) -> None:
        code = CODES.get(rule, "D100")
        self.problems.append(Problem(code, rule, severity, message, path, self.case.where(path), provision))

    def cited(self, *roles: str, style: str = "zh") -> str:
        """The provisions of these roles as one citation: 第四条第（三）项、第六条第一款第（三）项."""
        nodes = [e.node for e in self.basis if e.role in roles]
        return cite.format_nodes(_in_order(self.doc, nodes), style, self.doc) if nodes else ""

    def sentence(self, style: str = "zh") -> str:
        """根据《中华人民共和国公职人员政务处分法》第三十九条、《安全生产责任追究办法（试行）》第四条第（三）项、
        第六条第一款第（三）项之规定 — higher-ranking documents first."""
        own = self.cited("finding", "measure", "combination", style=style)
        parts = [*self.external, f"《{self.doc.title}》{own}" if own else ""]
        return "根据" + "、".join(p for p in parts if p) + "之规定"


def _in_order(doc: Document, nodes: list[Node]) -> list[Node]:
    """Provisions in the order of the text, each once (a citation lists them that way)."""
    position = {id(n): n.start for n in nodes}
    unique = list({id(n): n for n in nodes}.values())
    return sorted(unique, key=lambda n: position[id(n)])


def decide(case: Case, corpus: Corpus | None = None) -> Decision:
    """Everything is looked up in ``corpus`` (the bundled one when None): the regulation, its
    rulebook and the laws a sanction is based on."""
    corpus = default_corpus() if corpus is None else corpus
    regulation = case.data["regulation"]
    if regulation not in corpus:
        raise InputError(f"regulation: unknown corpus id {regulation!r}", where=case.where("regulation"),
                         hint="run 'regtext corpus' for the ids")
    decision = Decision(case, load_rulebook(regulation, corpus), corpus=corpus)
    for rule in RULES:
        rule(decision)
    decision.problems.sort(key=lambda p: (p.severity != "error", _line(p.where)))
    return decision


def _line(where: str) -> tuple[int, int]:
    parts = where.rsplit(":", 2)
    return (int(parts[1]), int(parts[2])) if len(parts) == 3 and parts[1].isdigit() else (0, 0)


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


# -- the rules -------------------------------------------------------------------------------------

def rule_findings(d: Decision) -> None:
    """R1: at least one 第四条 circumstance, and every finding one of them."""
    book = d.rulebook
    where = cite.format_nodes([book.circumstances[0].parent or book.circumstances[0]], "zh", d.doc)
    paths: dict[int, str] = {}   # id of a circumstance found → the finding naming it first
    for i, name in enumerate(d.case.data["findings"]):
        node = resolve_name(book, name, book.circumstances)
        if node is None:
            d.report("R1", "error", f"findings[{i}]", f"{name!r} names no provision of 《{d.doc.title}》 "
                     f"(use an item heading such as {_example_heading(book.circumstances)}, a citation or an eId)")
        elif node not in book.circumstances:
            d.report("R1", "error", f"findings[{i}]",
                     f"{name} ({cite.format_nodes([node], 'zh', d.doc)}) is not a circumstance of {where}",
                     provision=where)
        elif id(node) in paths:
            _named_twice(d, "R1", paths[id(node)], f"findings[{i}]", node, "circumstance")
        else:
            paths[id(node)] = f"findings[{i}]"
            d.findings.append(node)
    if not d.findings and not any(p.path.startswith("findings[") for p in d.problems):
        d.report("R1", "error", "findings", f"no circumstance of {where} is found: responsibility is pursued "
                 f"only in the circumstances it lists", provision=where)


def _example_heading(nodes: list[Node]) -> str:
    return next((n.heading for n in nodes if n.heading), "…")


def _named_twice(d: Decision, rule: str, first: str, second: str, node: Node, what: str) -> None:
    """A provision named twice would be cited, rendered and counted twice (…进行诫勉，并进行诫勉…)."""
    named = cite.format_nodes([node], "zh", d.doc) + (f" ({node.heading})" if node.heading else "")
    d.report(rule, "error", second, f"{first} and {second} both name {named}: name each {what} once")


def rule_subject(d: Decision) -> None:
    """R3: the subject must be one 第三条 names (for a person: a party member or a 监察对象)."""
    book = d.rulebook
    provision = cite.format_nodes([book.subjects], "zh", d.doc)
    if d.case.subject_type != "person" or not book.person_requires:
        return
    subject = d.case.subject
    if not any(subject.get(flag) for flag in book.person_requires):
        stated = [flag for flag in book.person_requires if flag in subject]
        message = ("the person is neither a party member nor a 监察对象" if stated else
                   "state whether the person is a party member (party_member) or a 监察对象 (supervised)")
        d.report("R3", "error", "subject", f"{message}: {provision} covers only 党员和监察对象", provision=provision)


def rule_measures(d: Decision) -> None:
    """R2: 第五条 measures are for organisations, 第六条 measures for persons."""
    book = d.rulebook
    subject = d.case.subject_type
    own = [m.node for m in book.measures_for(subject)]
    for i, name in enumerate(d.case.data["measures"]):
        node = resolve_name(book, name, own)
        measure = book.measure_of(node) if node is not None else None
        if node is None:
            examples = _example_heading([m.node for m in book.measures_for(subject)])
            d.report("R2", "error", f"measures[{i}]", f"{name!r} names no provision of 《{d.doc.title}》 "
                     f"(use an item heading such as {examples}, a citation or an eId)")
            continue
        citation = cite.format_nodes([node], "zh", d.doc)
        if measure is None:
            d.report("R2", "error", f"measures[{i}]", f"{name} ({citation}) is not a measure")
        elif measure.subject != subject:
            right = book.measures_for(subject)
            article = right[0].node.article.label if right and right[0].node.article else "the other"
            whom = {"person": "persons", "organization": "organisations"}
            d.report("R2", "error", f"measures[{i}]",
                     f"{measure.name} is a measure for {whom[measure.subject]} ({citation}); the subject is "
                     f"{'a person' if subject == 'person' else 'an organisation'} — use {article} measures",
                     provision=citation)
        elif measure in d.measures:
            _named_twice(d, "R2", d.measure_paths[d.measures.index(measure)], f"measures[{i}]", node, "measure")
        else:
            d.measures.append(measure)
            d.measure_paths.append(f"measures[{i}]")


def rule_document_kind(d: Decision) -> None:
    """R5, R6: proposals (建议) and referrals (移送) are not decisions; one document, one kind."""
    kinds = {m.document for m in d.measures}
    asked = d.case.data.get("kind")
    for measure, path in zip(d.measures, d.measure_paths, strict=True):
        citation = cite.format_nodes([measure.node], "zh", d.doc)
        rule = "R6" if measure.document == "referral" else "R5"
        if measure.document in ("proposal", "referral") and (asked in ("decision", "notice") or len(kinds) > 1):
            what = "a 建议 to the " + (measure.addressee or "competent organ") if measure.document == "proposal" \
                else "a 移送 to the " + (measure.addressee or "competent organ")
            d.report(rule, "error", path, f"{measure.name} ({citation}) cannot be issued as a 决定: it is {what}; "
                     f"issue it as a separate {DOCUMENT_NAMES[measure.document]}", provision=citation)
    if asked == "notice":
        for measure in d.measures:
            if not measure.notice:
                d.report("R5", "error", "kind", f"a 通报 can only carry 通报 measures, not {measure.name}")
    if asked in ("proposal", "referral") and kinds and kinds != {asked}:
        d.report("R5", "error", "kind", f"kind is {asked} but the measures are issued as "
                 f"{'、'.join(DOCUMENT_NAMES[k] for k in sorted(kinds))}")
    d.kind = asked or (kinds.pop() if len(kinds) == 1 else "decision")


def rule_combination(d: Decision) -> None:
    """R7: several measures on a person cite 第六条第二款; organisations have no such clause."""
    subject = d.case.subject_type
    if len(d.measures) < 2:
        return
    clause = d.rulebook.combination.get(subject)
    if clause is None:
        d.report("R7", "warning", "measures", f"{len(d.measures)} measures on an organisation: 《{d.doc.title}》 "
                 "has no clause for combining them — check that each stands on its own")


def rule_catch_all(d: Decision) -> None:
    """R8: the catch-all circumstance needs the facts to say why it applies."""
    catch_all = d.rulebook.catch_all
    if catch_all is not None and catch_all in d.findings and not d.case.data.get("reason"):
        citation = cite.format_nodes([catch_all], "zh", d.doc)
        d.report("R8", "warning", f"findings[{d.findings.index(catch_all)}]",
                 f"{citation} ({catch_all.text.rstrip('。')}) is a catch-all: state in 'reason' why the conduct is "
                 "such a circumstance", provision=citation)


def rule_sanctions(d: Decision) -> None:
    """R4: 党纪政务处分 need a sanction from the closed lists and its external basis."""
    sanction_measures = [m for m in d.measures if m.sanction]
    sanctions = d.case.data.get("sanctions") or []
    if not sanction_measures:
        if sanctions:
            d.report("R4", "warning", "sanctions", "sanctions are given but no 党纪政务处分 measure is applied")
        return
    citation = cite.format_nodes([sanction_measures[0].node], "zh", d.doc)
    if not sanctions:
        d.report("R4", "error", "measures", f"{sanction_measures[0].name} ({citation}) needs 'sanctions': the "
                 "sanction and its basis in 《中国共产党纪律处分条例》 or 《中华人民共和国公职人员政务处分法》",
                 provision=citation)
        return
    corpus = default_corpus() if d.corpus is None else d.corpus
    given: dict[tuple[str, str], int] = {}
    for i, sanction in enumerate(sanctions):
        key = (sanction["type"], sanction["sanction"])
        if key in given:
            d.report("R4", "error", f"sanctions[{i}]", f"sanctions[{given[key]}] and sanctions[{i}] both give "
                     f"{sanction['sanction']} ({_SANCTION_KIND.get(sanction['type'], sanction['type'])}): give each "
                     "sanction once")
            continue
        given[key] = i
        rule = d.rulebook.sanctions.get(sanction["type"], {})
        allowed = list(rule.get("allowed", []))
        if sanction["sanction"] not in allowed:
            d.report("R4", "error", f"sanctions[{i}].sanction",
                     f"{sanction['sanction']!r} is not a {_SANCTION_KIND.get(sanction['type'], '政务处分')} "
                     f"(one of: {'、'.join(allowed)})", provision=citation)
        basis = sanction["basis"]
        expected = str(rule.get("basis", ""))
        if expected and expected not in basis:
            d.report("R4", "error", f"sanctions[{i}].basis",
                     f"the basis of a {sanction['type']} sanction is a provision of 《{expected}》, not {basis!r}",
                     provision=citation)
            continue
        problem = _check_external(corpus, basis)
        if problem:
            d.report("R4", "error", f"sanctions[{i}].basis", problem, provision=citation)
        elif basis not in d.external:
            d.external.append(basis)


_SANCTION_KIND = {"party": "党纪处分", "government": "政务处分"}


def _check_external(corpus: Corpus, basis: str) -> str | None:
    """《中华人民共和国公职人员政务处分法》第三十九条: a provision, which must exist when the law is bundled."""
    try:
        citation = cite.parse(basis)
    except cite.CitationSyntaxError:
        return f"{basis!r} is not a citation (write e.g. 《中华人民共和国公职人员政务处分法》第三十九条)"
    if not citation.document:
        return f"{basis!r} names no document (write the title in 《》)"
    known = corpus.registry.lookup(citation.document)
    if known is None or known.id is None:
        return None  # not bundled (纪律处分条例): the title is all that can be checked
    try:
        cite.resolve(corpus.load(known.id), citation)
    except RegtextError as exc:
        return str(exc)  # the message and the nearest provisions that do exist
    return None


def rule_basis(d: Decision) -> None:
    """The legal basis in order: findings, measures, combination, then what is always cited."""
    doc_id = d.doc.id

    def add(node: Node, role: str) -> None:
        d.basis.append(BasisEntry(node, cite.format_nodes([node], "zh", d.doc), role, doc_id))

    for node in d.findings:
        add(node, "finding")
    for measure in d.measures:
        add(measure.node, "measure")
    clause = d.rulebook.combination.get(d.case.subject_type)
    if clause is not None and len(d.measures) >= 2:
        add(clause, "combination")
    if d.kind in ("decision", "notice"):
        for node, role in d.rulebook.always.get(d.case.subject_type, []):
            add(node, role)


def rule_cc(d: Decision) -> None:
    """R9: the result is reported to the 同级组织（人事）部门 (第九条): the 抄送 list names it."""
    required = d.rulebook.cc_required
    if d.kind != "decision" or not required or d.rulebook.cc_provision is None:
        return
    citation = cite.format_nodes([d.rulebook.cc_provision], "zh", d.doc)
    cc = d.case.data.get("cc") or []
    if not any(re.search(str(required["pattern"]), c) for c in cc):
        example = f" (e.g. {required['example']})" if required.get("example") else ""
        d.report("R9", "error", "cc", f"抄送 must include the 同级组织（人事）部门{example}: {citation} requires the "
                 "result to be reported to it", provision=citation)


def rule_appeal(d: Decision) -> None:
    """R10: the appeal notice follows the measure type (问责 申诉, 政务处分 复审/复核)."""
    kinds = []
    for measure in d.measures:
        kind = measure.appeal
        if kind == "sanction" and any(s["type"] == "party" for s in d.case.data.get("sanctions") or []):
            kinds.append("party_sanction")
        if kind and kind not in kinds:
            kinds.append(kind)
    issuer = "、".join(d.case.issuers)
    for kind in kinds:
        notice = dict(d.rulebook.appeals[kind])
        notice["kind"] = kind
        notice["text"] = str(notice["text"]).replace("{issuer}", issuer)
        d.appeals.append(notice)
    custom = d.case.data.get("appeal")
    if custom is None or not kinds:
        return
    says = {"复审": "sanction", "复核": "sanction", "申诉": "accountability"}
    claimed = {kind for word, kind in says.items() if word in custom}
    expected = {"party_sanction": "accountability"}.get(kinds[0], kinds[0])
    if claimed and expected not in claimed:
        first = d.measures[0]
        d.report("R10", "error", "appeal", f"the appeal notice speaks of {'、'.join(w for w in says if w in custom)}, "
                 f"but {first.name} is appealed by "
                 f"{'申诉' if expected == 'accountability' else '复审、复核'}: {d.appeals[0]['text']}",
                 provision=cite.format_nodes([first.node], "zh", d.doc))


_NUMBER = re.compile(r"^(?P<organ>\S+?)〔(?P<year>[12][0-9]{3})〕(?P<seq>[1-9][0-9]*)号$")
_CN_DATE = re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$")
_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def rule_format(d: Decision) -> None:
    """R11: 文号 某纪问〔2024〕12号 (六角括号, no 第, no leading zeros); 成文日期 without leading zeros,
    a date that exists and is not before the subject's birth."""
    number = d.case.data["number"]
    if not _NUMBER.match(number):
        problems = []
        if re.search(r"[\[\]()（）【】]", number):
            problems.append("the year goes in 六角括号 〔〕, not [] () （） 【】")
        if "第" in number:
            problems.append("no 第 before the sequence number")
        if re.search(r"(?<![0-9])0[0-9]*号", number):
            problems.append("no leading zeros in the sequence number")
        if not problems:
            problems.append("write it as 机关代字〔年份〕序号号, e.g. 某纪问〔2024〕12号")
        d.report("R11", "error", "number", f"文号 {number!r}: {'; '.join(problems)} (GB/T 9704-2012 7.2.5)",
                 provision="GB/T 9704-2012 7.2.5")
    date = d.case.data["date"]
    m = _CN_DATE.match(date)
    if m and (m.group(2).startswith("0") or m.group(3).startswith("0")):
        d.report("R11", "error", "date", f"成文日期 {date!r} has leading zeros: write "
                 f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日 (GB/T 9704-2012 7.3.5)",
                 provision="GB/T 9704-2012 7.3.5")
    elif not m and not _ISO_DATE.match(date):
        d.report("R11", "error", "date", f"成文日期 {date!r}: write YYYY-MM-DD or 2024年5月20日")
    else:
        _check_date_exists(d, date, m or _ISO_DATE.match(date))


def _check_date_exists(d: Decision, date: str, m: re.Match[str] | None) -> None:
    """A quoted '2024-02-30' passes the pattern; the document would be dated 2024年2月30日."""
    assert m is not None
    try:
        when = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        d.report("R11", "error", "date", f"成文日期 {date!r} is not a date ({exc}): write a date that exists")
        return
    _check_born(d, when)


def _check_born(d: Decision, when: datetime.date) -> None:
    """A typo in the year of birth (2030-01 for 1970-01) would be printed as 2030年1月生 in a decision
    dated years before it."""
    born = d.case.subject.get("born")
    if born and (int(born[:4]), int(born[5:7])) > (when.year, when.month):
        d.report("R11", "error", "subject.born", f"{born} is after the decision's date (date: {d.case.data['date']}): "
                 "correct subject.born or date")


#: The rules in the order they run; each is a function of the decision being built.
RULES: list[Callable[[Decision], None]] = [
    rule_findings,       # R1
    rule_subject,        # R3
    rule_measures,       # R2
    rule_document_kind,  # R5, R6
    rule_combination,    # R7
    rule_catch_all,      # R8
    rule_sanctions,      # R4
    rule_basis,
    rule_cc,             # R9
    rule_appeal,         # R10
    rule_format,         # R11
]
