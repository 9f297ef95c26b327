"""The decision rules of design.md §7 as a named table, and ``decide``, which runs it in order.

Like markdown-it's rule chains: every rule is one function of the decision being built and of its
own table entry, and one entry in ``RULES`` (code, rule, name, severity, provision, summary,
function).  Adding a rule is writing the function and adding its entry where it must run; its
code is the entry's, and the README's table of decide codes is checked against this table
(tests/test_project.py).  A rule's messages quote the regulation only through its rulebook.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence

from .. import cite
from ..corpus import Corpus, default_corpus
from ..errors import InputError, RegtextError
from ..model import Node
from . import inforce
from .case import PERSON_FLAGS, Case
from .engine import DOCUMENT_NAMES, BasisEntry, Decision, Rule, resolve_name
from .head import head_fields
from .ladder import (
    both_ways,
    circumstances,
    condition,
    employment,
    external_nodes,
    ladder,
    once,
    several,
    severity_missing,
    severity_unknown,
    text_of,
    violation,
)
from .rulebook import load_rulebook
from .sections import missing_sections
from .signoff import annotation, attachments, printed_date

# -- R1 circumstance -------------------------------------------------------------------------------


def circumstance(d: Decision, rule: Rule) -> None:
    """At least one circumstance of the rulebook is found, and every finding is one of them."""
    book = d.rulebook
    if book.violations:
        return   # a rulebook of sanctions: findings name violations (D131)
    where = cite.format_nodes([book.circumstances[0].parent or book.circumstances[0]], "zh", d.doc)
    paths: dict[int, str] = {}   # id of a circumstance found → the finding naming it first
    for i, finding in enumerate(d.case.data["findings"]):
        name = finding["provision"] if isinstance(finding, dict) else finding
        node = resolve_name(book, name, book.circumstances)
        if node is None:
            d.report(rule, f"findings[{i}]", f"{name!r} names no provision of 《{d.doc.title}》 "
                     f"(use an item heading such as {_example_heading(book.circumstances)}, a citation or an eId)")
        elif node not in book.circumstances:
            d.report(rule, f"findings[{i}]",
                     f"{name} ({cite.format_nodes([node], 'zh', d.doc)}) is not a circumstance of {where}",
                     provision=where)
        elif id(node) in paths:
            _named_twice(d, rule, paths[id(node)], f"findings[{i}]", node, "circumstance")
        else:
            paths[id(node)] = f"findings[{i}]"
            d.findings.append(node)
    if not d.findings and not any(p.path.startswith("findings[") for p in d.problems):
        d.report(rule, "findings", f"no circumstance of {where} is found: responsibility is pursued "
                 f"only in the circumstances it lists", provision=where)


def _example_heading(nodes: list[Node]) -> str:
    return next((n.heading for n in nodes if n.heading), "…")


def _named_twice(d: Decision, rule: Rule, first: str, second: str, node: Node, what: str) -> None:
    """A provision named twice would be cited, rendered and counted twice (…进行诫勉，并进行诫勉…)."""
    named = cite.format_nodes([node], "zh", d.doc) + (f" ({node.heading})" if node.heading else "")
    d.report(rule, second, f"{first} and {second} both name {named}: name each {what} once")


def _without_prefix(sanction: str) -> str:
    """党内警告 → 警告, 政务记过 → 记过: how a 通报 naming both kinds writes a sanction, not its name."""
    for prefix in ("党内", "政务"):
        if sanction.startswith(prefix):
            return sanction[len(prefix):]
    return sanction


# -- R3 subject ------------------------------------------------------------------------------------


def subject(d: Decision, rule: Rule) -> None:
    """A person is held responsible only when the subjects provision covers them (a party member,
    a 监察对象: the flags the rulebook requires, one of which must be true)."""
    book = d.rulebook
    provision = cite.format_nodes([book.subjects], "zh", d.doc)
    if d.case.subject_type == "organization" and book.source.data["subjects"].get("organization") is False:
        d.report(rule, "subject.type", f"an organisation: {provision} covers only {book.person_covers}",
                 provision=provision)
        return
    if d.case.subject_type != "person" or not book.person_requires:
        return
    facts = d.case.subject
    if not any(facts.get(flag) for flag in book.person_requires):
        names = [PERSON_FLAGS.get(flag, flag) for flag in book.person_requires]
        stated = [flag for flag in book.person_requires if flag in facts]
        message = (f"the person is {_neither(names)}" if stated else "state whether the person is " +
                   " or ".join(f"{name} ({flag})" for name, flag in zip(names, book.person_requires, strict=True)))
        d.report(rule, "subject", f"{message}: {provision} covers only {book.person_covers}", provision=provision)


def _neither(names: list[str]) -> str:
    return "neither " + " nor ".join(names) if len(names) > 1 else "not " + names[0]


# -- R2 measure ------------------------------------------------------------------------------------


def measure(d: Decision, rule: Rule) -> None:
    """Every measure is one of the rulebook's measures for the subject's type, each named once."""
    book = d.rulebook
    if book.violations:
        return   # a rulebook of sanctions: measures name its kinds (D132)
    subject_type = d.case.subject_type
    own = [m.node for m in book.measures_for(subject_type)]
    for i, name in enumerate(d.case.data["measures"]):
        node = resolve_name(book, name, own)
        found = book.measure_of(node) if node is not None else None
        if node is None:
            examples = _example_heading(own)
            d.report(rule, f"measures[{i}]", f"{name!r} names no provision of 《{d.doc.title}》 "
                     f"(use an item heading such as {examples}, a citation or an eId)")
            continue
        citation = cite.format_nodes([node], "zh", d.doc)
        if found is None:
            d.report(rule, f"measures[{i}]", f"{name} ({citation}) is not a measure")
        elif found.subject != subject_type:
            right = book.measures_for(subject_type)
            article = right[0].node.article.label if right and right[0].node.article else "the other"
            whom = {"person": "persons", "organization": "organisations"}
            d.report(rule, f"measures[{i}]",
                     f"{found.name} is a measure for {whom[found.subject]} ({citation}); the subject is "
                     f"{'a person' if subject_type == 'person' else 'an organisation'} — use {article} measures",
                     provision=citation)
        elif found in d.measures:
            _named_twice(d, rule, d.measure_paths[d.measures.index(found)], f"measures[{i}]", node, "measure")
        else:
            d.measures.append(found)
            d.measure_paths.append(f"measures[{i}]")


# -- R5 proposal, R6 referral: what the document is ------------------------------------------------


def proposal(d: Decision, rule: Rule) -> None:
    """A proposal to another organ is not a decision, a notice carries only notice measures, and a
    case's ``kind`` fits its measures.  Sets the kind of the document: one document, one kind."""
    kinds = {m.document for m in d.measures}
    asked = d.case.data.get("kind")
    _not_a_decision(d, rule, "proposal", asked)
    if asked == "notice":
        for m in d.measures:
            if not m.notice:
                d.report(rule, "kind", f"a {DOCUMENT_NAMES['notice']} can only carry {DOCUMENT_NAMES['notice']} "
                         f"measures, not {m.name}")
    if asked in ("proposal", "referral") and kinds and kinds != {asked}:
        d.report(rule, "kind", f"kind is {asked} but the measures are issued as "
                 f"{'、'.join(DOCUMENT_NAMES[k] for k in sorted(kinds))}")
    d.kind = asked or (kinds.pop() if len(kinds) == 1 else "decision")


def referral(d: Decision, rule: Rule) -> None:
    """A referral to the competent organs (the judicial ones, say) is not a decision."""
    _not_a_decision(d, rule, "referral", d.case.data.get("kind"))


def _not_a_decision(d: Decision, rule: Rule, document: str, asked: str | None) -> None:
    """Measures issued as ``document`` in a case that would issue them as a decision."""
    several = len({m.document for m in d.measures}) > 1
    for m, path in zip(d.measures, d.measure_paths, strict=True):
        if m.document == document and (asked in ("decision", "notice") or several):
            citation = cite.format_nodes([m.node], "zh", d.doc)
            what = f"a {DOCUMENT_NAMES[document]} to the {m.addressee or 'competent organ'}"
            d.report(rule, path, f"{m.name} ({citation}) cannot be issued as a {DOCUMENT_NAMES['decision']}: it is "
                     f"{what}; issue it as a separate {DOCUMENT_NAMES[document]}", provision=citation)


# -- R7 combination, R8 catch-all ------------------------------------------------------------------


def combination(d: Decision, rule: Rule) -> None:
    """Several measures on a subject whose type has no clause for combining them."""
    if len(d.measures) < 2 or d.rulebook.combination.get(d.case.subject_type) is not None:
        return
    d.report(rule, "measures", f"{len(d.measures)} measures on an organisation: 《{d.doc.title}》 "
             "has no clause for combining them — check that each stands on its own")


def catch_all(d: Decision, rule: Rule) -> None:
    """The catch-all circumstance needs the facts to say why it applies."""
    node = d.rulebook.catch_all
    if node is None or d.case.data.get("reason"):
        return
    named = [resolve_name(d.rulebook, f["provision"] if isinstance(f, dict) else f, []) for f in d.case.data["findings"]]
    if any(n is node for n in named):
        citation = cite.format_nodes([node], "zh", d.doc)
        d.report(rule, f"findings[{[n is node for n in named].index(True)}]",
                 f"{citation} ({text_of(node).rstrip('。')}) is a catch-all: state in 'reason' why the conduct is "
                 f"such a {'violation' if d.rulebook.violations else 'circumstance'}", provision=citation)


# -- R4 sanction -----------------------------------------------------------------------------------


def sanction(d: Decision, rule: Rule) -> None:
    """A sanction measure needs a sanction from the rulebook's closed lists and its basis in the
    external law, which must exist when that law is in the corpus."""
    book = d.rulebook
    applied = [m for m in d.measures if m.sanction]
    sanctions = d.case.data.get("sanctions") or []
    if not applied:
        if sanctions:
            name = next((m.name for m in book.measures if m.sanction), "sanction")
            d.report(rule, "sanctions", f"sanctions are given but no {name} measure is applied", severity="warning")
        return
    citation = cite.format_nodes([applied[0].node], "zh", d.doc)
    if not sanctions:
        laws = " or ".join(f"《{kind['basis']}》" for kind in book.sanctions.values())
        d.report(rule, "measures", f"{applied[0].name} ({citation}) needs 'sanctions': the sanction and its basis "
                 f"in {laws}", provision=citation)
        return
    corpus = default_corpus() if d.corpus is None else d.corpus
    given: dict[tuple[str, str], int] = {}
    for i, given_sanction in enumerate(sanctions):
        kind = book.sanctions.get(given_sanction["type"], {})
        kind_name = str(kind.get("name", given_sanction["type"]))
        key = (given_sanction["type"], given_sanction["sanction"])
        if key in given:
            d.report(rule, f"sanctions[{i}]", f"sanctions[{given[key]}] and sanctions[{i}] both give "
                     f"{given_sanction['sanction']} ({kind_name}): give each sanction once")
            continue
        given[key] = i
        allowed = [str(s) for s in kind.get("allowed", [])]
        if given_sanction["sanction"] not in allowed:
            bare = _without_prefix(str(given_sanction["sanction"]))
            how = (f": write {bare} — the document names the sanction without 党内 or 政务 (给予…{bare}处分)"
                   if bare in allowed else "")
            d.report(rule, f"sanctions[{i}].sanction",
                     f"{given_sanction['sanction']!r} is not a {kind_name} (one of: {'、'.join(allowed)}){how}",
                     provision=citation)
        basis = given_sanction["basis"]
        expected = str(kind.get("basis", ""))
        if expected and expected not in basis:
            d.report(rule, f"sanctions[{i}].basis",
                     f"the basis of a {given_sanction['type']} sanction is a provision of 《{expected}》, not {basis!r}",
                     provision=citation)
            continue
        problem = _check_external(corpus, basis, book.sanction_example)
        if problem:
            d.report(rule, f"sanctions[{i}].basis", problem, provision=citation)
        elif basis not in d.external:
            d.external.append(basis)


def _check_external(corpus: Corpus, basis: str, example: str | None) -> str | None:
    """《…》第X条: a provision, which must exist when the law is bundled."""
    try:
        citation = cite.parse(basis)
    except cite.CitationSyntaxError:
        return f"{basis!r} is not a citation (write e.g. {example or '《title》第X条'})"
    if not citation.document:
        return f"{basis!r} names no document (write the title in 《》)"
    known = corpus.registry.lookup(citation.document)
    if known is None or known.id is None:
        return None  # not bundled: the title is all that can be checked
    try:
        cite.resolve(corpus.load(known.id), citation)
    except RegtextError as exc:
        return str(exc)  # the message and the nearest provisions that do exist
    return None


# -- R9 required parts -----------------------------------------------------------------------------


def required_parts(d: Decision, rule: Rule) -> None:
    """The result is reported to an organ the rulebook names, so the 抄送 list of a decision names
    it.  The paragraphs a decision must carry are the templates' part (``template`` of the entry)."""
    required = d.rulebook.cc_required
    if d.kind != "decision" or not required or d.rulebook.cc_provision is None:
        return
    citation = cite.format_nodes([d.rulebook.cc_provision], "zh", d.doc)
    cc = d.case.data.get("cc") or []
    if not any(re.search(str(required["pattern"]), c) for c in cc):
        example = f" (e.g. {required['example']})" if required.get("example") else ""
        d.report(rule, "cc", f"抄送 must include the {required['addressee']}{example}: {citation} requires the "
                 "result to be reported to it", provision=citation)


# -- R10 appeal ------------------------------------------------------------------------------------


def appeal(d: Decision, rule: Rule) -> None:
    """The appeal notice follows the measure type; a case's own notice must use its words."""
    appeals = d.rulebook.appeals
    kinds: list[str] = []
    for m in d.measures:
        kind = m.appeal
        if kind == "sanction" and any(s["type"] == "party" for s in d.case.data.get("sanctions") or []):
            kinds.append("party_sanction")
        if kind and kind not in kinds:
            kinds.append(kind)
    if d.rulebook.violations and d.case.data.get("measures") and "sanction" in appeals:
        kinds.append("sanction")   # a rulebook of sanctions: its kinds are appealed by 复审、复核
    issuer = "、".join(d.case.issuers)
    for kind in kinds:
        notice = {key: value for key, value in appeals[kind].items() if key != "words"}
        notice["kind"] = kind
        notice["text"] = str(notice["text"]).replace("{issuer}", issuer)
        d.appeals.append(notice)
    custom = d.case.data.get("appeal")
    if custom is None or not kinds:
        return
    words = list(dict.fromkeys(str(w) for notice in appeals.values() for w in notice.get("words", [])))
    expected = [str(w) for w in appeals[kinds[0]].get("words", [])]
    spoken = [w for w in words if w in custom]
    if spoken and not any(w in custom for w in expected):
        first = d.measures[0]
        d.report(rule, "appeal", f"the appeal notice speaks of {'、'.join(spoken)}, but {first.name} is appealed by "
                 f"{'、'.join(expected)}: {d.appeals[0]['text']}",
                 provision=cite.format_nodes([first.node], "zh", d.doc))


# -- R11 format ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^(?P<organ>\S+?)〔(?P<year>[12][0-9]{3})〕(?P<seq>[1-9][0-9]*)号$")
_CN_DATE = re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$")
_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def document_format(d: Decision, rule: Rule) -> None:
    """文号 某纪问〔2024〕12号 (六角括号, no 第, no leading zeros); 成文日期 without leading zeros,
    a date that exists and is not before the subject's birth (GB/T 9704-2012, for every 公文)."""
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
        d.report(rule, "number", f"文号 {number!r}: {'; '.join(problems)} (GB/T 9704-2012 7.2.5)",
                 provision="GB/T 9704-2012 7.2.5")
    date = d.case.data["date"]
    m = _CN_DATE.match(date)
    if m and (m.group(2).startswith("0") or m.group(3).startswith("0")):
        d.report(rule, "date", f"成文日期 {date!r} has leading zeros: write "
                 f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日 (GB/T 9704-2012 7.3.5)",
                 provision="GB/T 9704-2012 7.3.5")
    elif not m and not _ISO_DATE.match(date):
        d.report(rule, "date", f"成文日期 {date!r}: write YYYY-MM-DD or 2024年5月20日")
    else:
        _check_date_exists(d, rule, date, m or _ISO_DATE.match(date))
    _check_copy_number(d, rule)


_COPY_NUMBER = re.compile(r"^[0-9]{6}$")


def _check_copy_number(d: Decision, rule: Rule) -> None:
    """份号 is six Arabic digits (GB/T 9704-2012 7.2.1): 12345 would be printed as it is, and an
    unquoted 000123 reaches us as the number 123 (or 83: YAML reads a leading 0 as octal)."""
    value = d.case.data.get("copy_number")
    if value is None:
        return
    if not isinstance(value, str):
        d.report(rule, "copy_number", f"份号 {value!r} was read as a number: quote it, e.g. copy_number: \"000123\" "
                 "(GB/T 9704-2012 7.2.1)", provision="GB/T 9704-2012 7.2.1")
    elif not _COPY_NUMBER.match(value):
        d.report(rule, "copy_number", f"份号 {value!r} is not six digits: write it with leading zeros, e.g. "
                 f"{value.zfill(6) if value.isdigit() and len(value) < 6 else '000123'} (GB/T 9704-2012 7.2.1)",
                 provision="GB/T 9704-2012 7.2.1")


def _check_date_exists(d: Decision, rule: Rule, date: str, m: re.Match[str] | None) -> None:
    """A quoted '2024-02-30' passes the pattern; the document would be dated 2024年2月30日."""
    assert m is not None
    try:
        when = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        d.report(rule, "date", f"成文日期 {date!r} is not a date ({exc}): write a date that exists")
        return
    _check_born(d, rule, when)


def _check_born(d: Decision, rule: Rule, when: datetime.date) -> None:
    """A typo in the year of birth (2030-01 for 1970-01) would be printed as 2030年1月生 in a decision
    dated years before it."""
    born = d.case.subject.get("born")
    if born and (int(born[:4]), int(born[5:7])) > (when.year, when.month):
        d.report(rule, "subject.born", f"{born} is after the decision's date (date: {d.case.data['date']}): "
                 "correct subject.born or date")


# -- R41 the version in force at the conduct (decide/inforce.py) -----------------------------------


def conduct_period(d: Decision, rule: Rule) -> None:
    """``conduct: {from, to}``: in order, and not after the decision."""
    conduct = d.case.data.get("conduct")
    if conduct is None:
        return
    start, end = inforce.day(conduct["from"]), inforce.day(conduct["to"])
    if start is None or end is None:
        return  # a day that does not exist: load_case has refused the file already
    if start > end:
        d.report(rule, "conduct.to", f"the conduct ends ({end.isoformat()}) before it begins ({start.isoformat()})")
    decided = inforce.day(d.case.data["date"])
    if decided is not None and end > decided:
        d.report(rule, "conduct.to", f"the conduct ends ({end.isoformat()}) after the decision's date "
                 f"({decided.isoformat()}): a decision judges conduct that has happened")


def _conduct_days(d: Decision) -> tuple[datetime.date, datetime.date] | None:
    """The conduct's last day and the decision's, when both are usable (else conduct_period or
    document_format reports why)."""
    conduct = d.case.data.get("conduct")
    if conduct is None:
        return None
    start, end, decided = inforce.day(conduct["from"]), inforce.day(conduct["to"]), inforce.day(d.case.data["date"])
    if start is None or end is None or decided is None or start > end or end > decided:
        return None
    return end, decided


def not_yet_in_force(d: Decision, rule: Rule) -> None:
    """The regulation applied must have been in force for the conduct: conduct that ended before
    it took effect cannot be judged by it (conduct continuing past that day can)."""
    days = _conduct_days(d)
    if days is None:
        return
    corpus = default_corpus() if d.corpus is None else d.corpus
    effective = inforce.commencement(d.doc, corpus)
    if effective is not None and days[0] < effective:
        basis = f" ({d.doc.meta.effective_basis})" if d.doc.meta.effective_basis else ""
        d.report(rule, "conduct.to", f"《{d.doc.title}》 took effect on {effective.isoformat()}{basis}; the conduct "
                 f"ended on {days[0].isoformat()}, before it: it cannot be applied to this conduct")


def lighter_version(d: Decision, rule: Rule) -> None:
    """Where a cited law changed between the conduct and the decision, the drafter states which
    version is lighter, and the decision cites per 从旧兼从轻: the older version named with its year,
    or the newer, either way after the transitional rule it relies on."""
    days = _conduct_days(d)
    lighter = d.case.data.get("lighter")
    if days is None:
        if lighter is not None and d.case.data.get("conduct") is None:
            d.report(rule, "lighter", "'lighter' without 'conduct': say when the conduct happened "
                     "(conduct: {from: YYYY-MM-DD, to: YYYY-MM-DD})", severity="warning")
        return
    corpus = default_corpus() if d.corpus is None else d.corpus
    changed = inforce.changed_citations(d.external, corpus, d.doc, *days)
    if not changed:
        if lighter is not None:
            d.report(rule, "lighter", f"no cited law changed between the conduct (to {days[0].isoformat()}) and the "
                     f"decision ({days[1].isoformat()}): 'lighter' has nothing to choose", severity="warning")
        return
    d.versions = [c.to_dict(lighter) for c in changed]
    if lighter is None:
        for c in changed:
            old = c.old_citation()
            d.report(rule, "conduct", f"{c.written} is the version {c.followed.since.id} in force at the decision; the "
                     f"conduct (to {days[0].isoformat()}) fell under {c.followed.target.id}"
                     f"{f' ({old})' if old else ''}: state which is lighter for the subject with 'lighter: old' or "
                     "'lighter: new' (从旧兼从轻)", provision=inforce.TRANSITIONAL_LAW)
        return
    own = [str(d.rulebook.sanctions.get(s["type"], {}).get("transitional") or "")
           for s in d.case.data.get("sanctions") or []]
    d.transitional = list(dict.fromkeys(t for t in own if t)) or [inforce.TRANSITIONAL_LAW]
    if lighter == "new":
        return
    for c in changed:
        old = c.old_citation()
        if old is None:
            d.report(rule, "lighter", f"{c.written} has no counterpart in {c.followed.target.id}, the version in "
                     f"force at the conduct: {'; '.join(c.followed.notes())}: the older version cannot be applied "
                     "as cited")
            continue
        d.external[c.index] = old


# -- the table -------------------------------------------------------------------------------------

#: The rules in the order they run: a rule may use what an earlier one found (R2 the measures
#: R5 sorts by document, R5 the kind R9 looks at).  Codes are stable: a new rule takes a new one.
RULES: tuple[Rule, ...] = (
    Rule("D101", "R1", "circumstance", "error", "circumstances",
         "no circumstance is found, a finding is not one, or two findings name the same provision", circumstance),
    Rule("D103", "R3", "subject", "error", "subjects", "a person the subjects provision does not cover", subject),
    Rule("D102", "R2", "measure", "error", "measures",
         "a measure for the other type of subject, a name that is no measure, or two measures name the same "
         "provision", measure),
    Rule("D105", "R5", "proposal", "error", "measures (document: proposal)",
         "a proposal (建议) issued as a decision, or a kind that does not fit the measures", proposal),
    Rule("D106", "R6", "referral", "error", "measures (document: referral)",
         "a referral (移送) issued as a decision", referral),
    Rule("D107", "R7", "combination", "warning", "combination",
         "several measures on a subject with no clause for combining them", combination),
    Rule("D108", "R8", "catch_all", "warning", "circumstances.catch_all",
         "the catch-all circumstance without `reason`", catch_all),
    Rule("D104", "R4", "sanction", "error", "sanctions",
         "a sanction measure without a sanction from the closed lists and its external basis; the same "
         "sanction twice; sanctions without such a measure (a warning)", sanction),
    Rule("D109", "R9", "required_parts", "error", "cc_required, always (paragraph)",
         "抄送 without the organ the result is reported to; a decision template without a paragraph the "
         "rulebook requires", required_parts, template=missing_sections),
    Rule("D110", "R10", "appeal", "error", "appeals", "an `appeal` notice in the words of another type of measure",
         appeal),
    Rule("D111", "R11", "format", "error", "GB/T 9704-2012 7.2.1, 7.2.5, 7.3.5",
         "文号, 份号 or 成文日期 not written as GB/T 9704 says, a date that does not exist, `subject.born` after it",
         document_format),
    Rule("D112", "R12", "head", "error", "GB/T 9704-2012 7.2.2, 7.2.3, 7.2.6",
         "a 密级 or 紧急程度 not from the closed lists, a 签发人 with a line break or too long for the 文号's line",
         head_fields),
    # the end of the 公文 (decide/signoff.py); codes from D121 so that rules of the 版头 keep D112…
    Rule("D121", "R21", "attachments", "error", "GB/T 9704-2012 7.3.4",
         "an attachment name ending in punctuation or carrying its own number or 附件：", attachments),
    Rule("D122", "R22", "annotation", "error", "GB/T 9704-2012 7.3.6",
         "a 附注 written with its brackets (regtext prints the （）) or over several lines", annotation),
    Rule("D123", "R23", "printed", "error", "GB/T 9704-2012 7.4.2",
         "an 印发日期 not written like a 成文日期, a date that does not exist, or one before the 成文日期; an "
         "印发机关 without an 印发日期; one more than a year after the 成文日期 (a warning)",
         printed_date),
    # a rulebook of sanctions (政务处分法, decide/ladder.py), and a 政务处分 given through the primary
    Rule("D131", "R31", "violation", "error", "violations",
         "a finding (or the basis of a sanction given through another regulation) that names no violation, or an article "
         "holding several; a finding naming a provision another finding holds (the same conduct twice), or a step of "
         "another violation named alone (第三十八条第二款); severity or circumstances on a sanction whose law has no "
         "rulebook; an article whose violation has items named without the item (a warning)", violation),
    Rule("D133", "R33", "severity_missing", "error", "violations (ladder)",
         "no severity stated for a violation whose ladder has no step for the first severity", severity_missing),
    Rule("D134", "R34", "severity_unknown", "error", "severities, violations (ladder)",
         "a severity that is none of the rulebook's, or one the violation's ladder has no step for (also on the "
         "catch-all)", severity_unknown),
    Rule("D136", "R36", "circumstance_effect", "error", "circumstances, effects",
         "a circumstance that is none of the rulebook's or an effect not of its group; a circumstance claimed without "
         "the circumstance it requires or at a severity it does not apply at (第十二条第一款); 减轻 with no kind below "
         "the range; 免予/不予 with a sanction", circumstances),
    Rule("D137", "R37", "both_ways", "warning", "circumstances, effects",
         "从重 and 从轻 or 减轻 claimed together", both_ways),
    Rule("D132", "R32", "ladder", "error", "violations (ladder), sanction_kinds",
         "a sanction outside the violation's ladder at the stated severity (moved by 减轻), or no kind of the "
         "rulebook", ladder),
    Rule("D135", "R35", "condition", "warning", "violations (conditions)",
         "a sanction the provision allows only on a further condition", condition),
    Rule("D138", "R38", "several", "error", "several",
         "several violations without a sanction for each, a measure other than the heaviest, a period outside "
         "the bounds for several identical sanctions; two sanctions of one linked law in a primary case", several),
    Rule("D139", "R39", "once", "error", "once", "conduct already sanctioned (already)", once),
    Rule("D140", "R40", "employment", "error", "employments",
         "a sanction an employment may not be given, or an employment the rulebook does not name", employment),
    # the version in force at the conduct (decide/inforce.py): after R4, which gathers the external basis
    Rule("D141", "R41", "conduct", "error", "conduct",
         "a conduct period that runs backwards or ends after the decision", conduct_period),
    Rule("D142", "R42", "not_in_force", "error", "the regulation's commencement (立法法 第一百零四条)",
         "the regulation took effect after the conduct ended", not_yet_in_force),
    Rule("D143", "R43", "lighter", "error", "从旧兼从轻 (立法法 第一百零四条; sanctions.<type>.transitional)",
         "a cited law changed between the conduct and the decision and the case does not say which version is "
         "lighter, or the older version has no such provision; 'lighter' with nothing to choose (a warning)",
         lighter_version),
)


def decide(case: Case, corpus: Corpus | None = None, rules: Sequence[Rule] = RULES) -> Decision:
    """Everything is looked up in ``corpus`` (the bundled one when None): the regulation, its
    rulebook and the laws a sanction is based on.  ``rules`` is the chain to run (a caller's own
    table may add to it)."""
    corpus = default_corpus() if corpus is None else corpus
    regulation = case.data["regulation"]
    if regulation not in corpus:
        raise InputError(f"regulation: unknown corpus id {regulation!r}", where=case.where("regulation"),
                         hint="run 'regtext corpus' for the ids")
    decision = Decision(case, load_rulebook(regulation, corpus), corpus=corpus)
    for rule in rules:
        rule.check(decision, rule)
    _basis(decision)
    decision.problems.sort(key=lambda p: (p.severity != "error", p.where.line or 0, p.where.column or 0))
    return decision


def _basis(d: Decision) -> None:
    """The legal basis in order: findings, measures, combination, then what is always cited.  Not a
    rule: it reports nothing and runs after them all."""
    doc_id = d.doc.id

    def add(node: Node, role: str) -> None:
        d.basis.append(BasisEntry(node, cite.format_nodes([node], "zh", d.doc), role, doc_id))

    for node in d.findings:
        add(node, "finding")
    if d.rulebook.violations:
        _sanction_basis(d, add)
        return
    for m in d.measures:
        add(m.node, "measure")
    clause = d.rulebook.combination.get(d.case.subject_type)
    if clause is not None and len(d.measures) >= 2:
        add(clause, "combination")
    if d.kind in ("decision", "notice"):
        for node, role in d.rulebook.always.get(d.case.subject_type, []):
            add(node, role)
    for a in d.applied:   # a 政务处分 given through this regulation: the law's provisions it applies (last)
        if a.external is not None:
            for node in external_nodes(a):
                d.basis.append(BasisEntry(node, cite.format_nodes([node], "zh", a.book.doc),
                                          "sanction_circumstance" if any(node is n for n, _ in a.circumstances)
                                          else "sanction_basis", a.book.doc.id))


def _sanction_basis(d: Decision, add: Callable[[Node, str], None]) -> None:
    """A rulebook of sanctions: the extending provision, the circumstances applied, 第十五条 where
    several violations are found, the kind given and its period."""
    book = d.rulebook
    for a in d.applied:
        if a.book is book and a.step is not None:
            add(a.step.node, "extends")
    seen: set[int] = set()
    for a in d.applied:
        for node, _ in a.circumstances:
            if a.book is book and id(node) not in seen:
                seen.add(id(node))
                add(node, "circumstance")
    own = [a for a in d.applied if a.book is book]
    if len(own) > 1 and book.several is not None:
        add(book.several.node, "several")
    kind = book.kind(str(d.sanction["kind"])) if d.sanction else None
    if kind is not None:
        add(kind.node, "measure")
        if kind.period is not None and d.sanction and d.sanction.get("period_months"):
            add(kind.period, "period")
