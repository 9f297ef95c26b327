"""Case facts → a decision document (DOCX per GB/T 9704, HTML, Markdown), its legal basis
chosen by the decide rules and cited by the template helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import cite
from ..corpus import Corpus, default_corpus
from ..decide import Decision, decide, load_case
from ..decide.engine import resolve_name
from ..errors import InputError, Location, NotFound, RegtextError, UsageError
from ..model import Document, Node
from ..publish import document
from ..templating.template import (
    HELPERS,
    Analysis,
    Template,
    missing_facts,
    needs,
    read_template,
    render,
    templates_dir,
)

TEMPLATE_FOR = {("decision", "person"): "decision_person.md", ("decision", "organization"): "decision_organization.md",
                ("proposal", None): "proposal.md", ("referral", None): "referral.md", ("notice", None): "notice.md"}


class DecisionErrors(RegtextError):
    """The facts do not fit the regulation: the decide rules found errors (exit code 1)."""

    exit_code = 1

    def __init__(self, decision: Decision) -> None:
        self.decision = decision
        super().__init__(f"{len(decision.errors)} error(s) in {decision.case.path}",
                         hint="run 'regtext decide' on it for the details")


class TemplateErrors(InputError):
    """The template fails ``regtext check``: render refuses what check refuses.  Exit code 1 (a
    well-formed template failed a check), 2 when it cannot be read, parsed or compiled at all (C114:
    a filter or test Jinja does not have stops the compiler)."""

    UNUSABLE = {"C101", "C114", "C900"}

    def __init__(self, template: Template, findings: list) -> None:  # type: ignore[type-arg]
        self.findings = findings
        self.exit_code = 2 if any(f.code in self.UNUSABLE for f in findings) else 1
        first = findings[0]
        more = f" (and {len(findings) - 1} more error(s))" if len(findings) > 1 else ""
        super().__init__(f"{first.code} {first.message}{more}", where=Location(first.path, first.line, first.column),
                         hint=f"run 'regtext check {template.path}'")


@dataclass(slots=True)
class Rendered:
    decision: Decision
    template: Template
    paragraphs: list[document.Paragraph]

    @property
    def title(self) -> str:
        return next((p.text for p in self.paragraphs if p.role == "title"), "")

    def to(self, fmt: str) -> bytes:
        if fmt == "docx":
            return document.to_docx(self.paragraphs, self.title)
        if fmt == "html":
            return document.to_html(self.paragraphs, self.title).encode("utf-8")
        if fmt == "md":
            return document.to_markdown(self.paragraphs).encode("utf-8")
        raise ValueError(fmt)


def choose_template(decision: Decision, explicit: str | None = None) -> Template:
    if explicit:
        return read_template(Path(explicit))
    kind = decision.kind or "decision"
    name = TEMPLATE_FOR.get((kind, decision.case.subject_type)) or TEMPLATE_FOR.get((kind, None))
    if name is None:
        raise InputError(f"no template for a {kind}", hint="give one with -t TEMPLATE")
    return read_template(templates_dir() / name)


def render_case(path: str | Path, template: str | None = None, corpus: Corpus | None = None,
                text: str | None = None) -> Rendered:
    """``text``: the case file's content when it is not read from ``path`` (the web app's form);
    ``path`` then only names it in messages."""
    corpus = corpus or default_corpus()
    case = load_case(path, text)
    decision = decide(case, corpus)
    if decision.errors:
        raise DecisionErrors(decision)
    chosen = choose_template(decision, template)
    errors = template_errors(chosen, corpus)
    if errors:
        raise TemplateErrors(chosen, errors)
    _check_fit(chosen, decision)
    key = (chosen.path, chosen.source)
    if key not in _ANALYSES:  # what a template needs, worked out once per template and process
        _ANALYSES[key] = needs(chosen)
    analysis = _ANALYSES[key]
    missing = missing_facts(analysis, case.data)
    if missing:
        raise NotFound(f"the template {chosen.name} needs facts the case does not give: {', '.join(missing)}",
                       where=case.where(missing[0]), hint="add them to the case file")
    markdown = render(chosen, context(decision, chosen, corpus))
    return Rendered(decision, chosen, document.paragraphs(markdown))


_ANALYSES: dict[tuple[Path, str], Analysis] = {}


def template_errors(template: Template, corpus: Corpus) -> list:  # type: ignore[type-arg]
    """The errors ``regtext check`` finds in the template (once per version of the file and corpus).
    Among them decide's R9: a decision on a person prints {{ cited_execution }} (第十条 书面检讨)."""
    from ..check.templates import check_template  # check reads templates through this package

    key = (template.path, template.source, id(corpus))
    if key not in _LINTED:
        _LINTED[key] = [f for f in check_template(template.path, corpus) if f.severity == "error"]
    return _LINTED[key]


_LINTED: dict[tuple[Path, str, int], list] = {}  # type: ignore[type-arg]


def _check_fit(template: Template, decision: Decision) -> None:
    """The template's front matter declares the regulation, kind and subject it is for: a case
    of another would print another regulation's citations, or miss what check verified."""
    front = template.front
    case = Path(decision.case.path).name
    if front.get("regulation") != decision.doc.id:
        raise UsageError(f"the template {template.name} is for {front.get('regulation')!r}, {case} for "
                         f"{decision.doc.id!r}", hint="choose a template for the case's regulation")
    for key, actual in (("kind", decision.kind), ("subject", decision.case.subject_type)):
        declared = front.get(key)
        if declared not in (None, "any") and declared != actual:
            raise UsageError(f"the template {template.name} is for {key} {declared!r}, {case} is a {actual!r}",
                             hint=f"choose a template whose front matter says {key}: {actual} (or any)")


def chinese_date(value: str) -> str:
    """2024-05-20 → 2024年5月20日 (GB/T 9704: Arabic numerals, no leading zeros)."""
    m = re.match(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$", value) or re.match(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$", value)
    return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日" if m else value


def context(decision: Decision, template: Template, corpus: Corpus) -> dict[str, Any]:
    data = decision.case.data
    doc = decision.doc
    style = str(template.front.get("cite_style", "zh"))
    subject = dict(data["subject"])

    def provisions(helper: str, name: str) -> tuple[Document, list[Node]]:
        """What cite(name) / quote(name) designate: a provision of the regulation, or of the other
        corpus document a citation names (《中华人民共和国监察法》第十五条)."""
        if not isinstance(name, str):
            raise InputError(f"{helper}() takes the name of a provision as text (e.g. {helper}('第四条')), "
                             f"not {type(name).__name__} {name!r}")
        try:
            where = cite.cited_document(name, corpus, doc)
            if where is not doc:
                return where, cite.resolve(where, name)
        except RegtextError as exc:
            raise NotFound(f"{helper}({name!r}): {exc.message}", where=str(template.path), hint=exc.hint) from None
        node = resolve_name(decision.rulebook, name, [])
        if node is None:
            raise NotFound(f"{helper}({name!r}): no such provision in 《{doc.title}》", where=str(template.path))
        return doc, [node]

    def cite_helper(name: str, cite_style: str | None = None) -> str:
        where, nodes = provisions("cite", name)
        return cite.format_nodes(nodes, cite_style or style, where, named=where is not doc)

    def quote_helper(name: str) -> str:
        return cite.quote(provisions("quote", name)[1])

    sanctions = data.get("sanctions") or []
    phrases = [m.phrase or f"进行{m.name}" for m in decision.measures if not m.sanction]
    if sanctions:
        phrases.append("给予" + "、".join(f"{s['sanction']}处分" for s in sanctions))
    phrase = "，并".join(phrases)
    born = subject.get("born")
    values = {
        "case": data, "subject": subject, "facts": data["facts"], "number": data["number"],
        "issuer": "、".join(decision.case.issuers), "date": chinese_date(data["date"]),
        "responsibility": data.get("responsibility"), "deliberation": data.get("deliberation"),
        "addressee": data.get("addressee"), "reason": data.get("reason"), "cc": data.get("cc") or [],
        "sanctions": sanctions, "kind": decision.kind,
        "born": f"{int(born[:4])}年{int(born[5:7])}月" if born else None,
        "title": f"《{doc.title}》", "regulation": doc.id,
        "basis": decision.sentence(style),
        "cited_findings": decision.cited("finding", style=style),
        "cited_measures": decision.cited("measure", style=style),
        "cited_execution": decision.cited("execution", style=style),
        "cited_notice": decision.cited("notice", style=style),
        "finding_names": "、".join(f"“{n.heading or n.text.rstrip('。')}”" for n in decision.findings),
        "measure_phrase": phrase,
        "appeals": [str(a["text"]) for a in decision.appeals],
        "decision": {"kind": decision.kind, "basis": [{"citation": b.citation, "role": b.role, "eid": b.node.eid}
                                                      for b in decision.basis]},
        "cite": cite_helper, "quote": quote_helper,
    }
    return {name: values[name] for name in HELPERS}  # the declared helpers, no more: check reads the same list
