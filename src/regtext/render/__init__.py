"""Case facts → a decision document (DOCX per GB/T 9704, HTML, Markdown), its legal basis
chosen by the decide rules and cited by the template helpers."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import cite
from ..check import contents
from ..corpus import Corpus, default_corpus
from ..decide import Decision, decide, load_case, period_phrase
from ..decide.case import Case
from ..decide.engine import resolve_name
from ..errors import InputError, Location, NotFound, RegtextError, UsageError
from ..issuer import Issuer, IssuerChoice, check_issuers, find_issuer
from ..model import Document, Node
from ..problems import Problem
from ..publish import document
from ..publish.docx.head import Head
from ..publish.docx.letterhead import Letterhead, read_letterhead
from ..publish.duplex import Sided
from ..publish.title import title_lines
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

    def __init__(self, template: Template, findings: list[Problem]) -> None:
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
    head: Head | None = None                  # the 版头 of the DOCX (regtext/issuer.py)
    letterhead: Letterhead | None = None      # or the organ's own first-page header
    issuer: Issuer | None = None              # the profile: 印发机关, default 抄送, seal
    seal: bytes | str | None = None           # PNG bytes, SEAL_SPACE, or None: no seal (write_docx's seal)
    double_sided: bool = False                # DOCX/PDF paged for both sides of the paper (publish/duplex.py)

    @property
    def title(self) -> str:
        return next((p.text for p in self.paragraphs if p.role == "title"), "")

    @property
    def title_lines(self) -> list[str]:
        """The title as it is printed: broken into lines (GB/T 9704 7.3.1) where a reader expects
        it, never inside the names the case put into it."""
        return title_lines(self.title, keep=names_in_title(self.decision))

    def _laid_out(self) -> list[document.Paragraph]:
        """The paragraphs with the title's line breaks (a line break inside the one paragraph)."""
        broken = "\n".join(self.title_lines)
        return [document.Paragraph(p.role, broken) if p.role == "title" else p for p in self.paragraphs]

    def _headed(self, paragraphs: list[document.Paragraph]) -> list[document.Paragraph]:
        """The 版头's text before the document's, in the DOCX's order, for HTML and Markdown: the
        same words in every format (份号, 密级, 紧急程度; the 标志; the 文号 and the 签发人)."""
        head = self.head
        if head is None:
            return paragraphs
        top = [document.Paragraph("top", text) for text in head.top_lines]
        if head.top_only:
            return top + paragraphs
        mark = [document.Paragraph("mark", "\n".join(head.marks) + head.suffix)] if head.marks and not head.blank else []
        numbers = [p for p in paragraphs if p.role == "number"]
        signers = [document.Paragraph("signers", "签发人：" + "\u3000".join(head.signers))] if head.signers else []
        return top + mark + numbers[:1] + signers + [p for p in paragraphs if p.role != "number"]

    def to(self, fmt: str) -> bytes:
        """The document as ``fmt`` (one of publish.FORMATS); "pdf" runs LibreOffice (publish.pdf:
        for several documents, convert their DOCX in one call of publish.pdf.docx_to_pdf), and so
        does "docx" when ``double_sided`` (for several documents: lay_out_double_sided)."""
        if self.double_sided and fmt in ("docx", "pdf"):
            sided = lay_out_double_sided([self])[0]
            return sided.pdf if fmt == "pdf" else sided.docx
        if self.double_sided:
            raise UsageError(f"--double-sided pages a DOCX or PDF; {fmt.upper()} has no pages",
                             hint="render --to docx or --to pdf, or leave out --double-sided")
        if fmt == "pdf":
            from ..publish.pdf import docx_to_pdf

            return docx_to_pdf(self.to("docx"), names=[str(self.decision.case.path)])
        if fmt == "docx":
            return self.docx()
        printer, printed = self._imprint_line()
        # the DOCX draws the 印发 line in its 版记; the other formats print it as one more 版记 line
        line = "　".join(t for t in (printer, f"{printed}印发" if printed else "") if t)
        imprint = [document.Paragraph("cc", line)] if line else []
        if fmt == "html":
            return document.to_html(self._headed(self._laid_out()) + imprint, self.title).encode("utf-8")
        if fmt == "md":
            return document.to_markdown(self._headed(self.paragraphs) + imprint).encode("utf-8")
        raise ValueError(fmt)

    def docx(self, imprint: str = "foot") -> bytes:
        """The DOCX with its 版记 at the place given (publish.docx.writer.IMPRINT_PLACES)."""
        printer, printed = self._imprint_line()
        return document.to_docx(self._laid_out(), self.title, head=self.head, letterhead=self.letterhead,
                                seal=self.seal, printer=printer, printed=printed, imprint=imprint)

    def _imprint_line(self) -> tuple[str, str]:
        """印发机关 (the case's, else the profile's) and 印发日期 as printed."""
        data = self.decision.case.data
        printed = chinese_date(data["printed"]) if data.get("printed") else ""
        # the profile names who prints, the case says when: without ``printed``, no 印发 line (D123)
        printer = data.get("printer") or (self.issuer.printer if self.issuer and printed else "") or ""
        return printer, printed


def lay_out_double_sided(documents: list[Rendered]) -> list[Sided]:
    """Each document's DOCX and PDF for printing on both sides of the paper (publish/duplex.py),
    all of them measured in the same LibreOffice runs."""
    from ..publish.duplex import lay_out

    return lay_out([r.docx for r in documents], [str(r.decision.case.path) for r in documents])


def measure_phrase(decision: Decision) -> str:
    """How the document says what it applies (进行诫勉; 予以通报并给予记过处分), fit for its title:
    no punctuation (a title carries none but 书名号), and a sanction named as the closed list
    names it, without 党内 or 政务 (关于给予某某记过处分的决定) — both prefixes only when party and
    government sanctions are named together and one name would otherwise stand for either."""
    phrases = [m.phrase or f"进行{m.name}" for m in decision.measures if not m.sanction]
    names = sanction_names(decision)
    if names:
        phrases.append("给予" + "、".join(names) + "处分")
    return "并".join(phrases)


def sanction_names(decision: Decision) -> list[str]:
    """Each sanction as the document names it (记过; 党内警告 and 政务记过 when both kinds are given).
    A decision under a rulebook of sanctions gives the one kind executed (第十五条: the heaviest)."""
    if decision.rulebook.violations:
        return [str(decision.sanction["kind"])] if decision.sanction else []
    sanctions = decision.case.data.get("sanctions") or []
    both = len({s["type"] for s in sanctions}) > 1
    return [_prefixed(s) if both else str(s["sanction"]) for s in sanctions]


def _prefixed(sanction: dict[str, Any]) -> str:
    name = str(sanction["sanction"])
    if sanction["type"] == "government":
        return "政务" + name
    return name if "党" in name else "党内" + name   # 撤销党内职务, 开除党籍 say it already


def severity_phrase(decision: Decision) -> str:
    """，情节较重: the 情节 of the one violation found when its article words a step for it (一般
    is the article's first clause and is not said).  Of several violations, each found above 一般 is
    named with its 情节 (，其中第四十条第一款第（三）项规定的违法行为情节较重): the sanction given for it
    rests on it, and a 决定书 that did not say so would give 降级 for conduct it calls 一般."""
    applied = sorted(decision.applied, key=lambda a: a.node.start)   # as the findings are cited
    graver = [a for a in applied if a.severity != a.book.severities[0]]
    if not graver:
        return ""
    if len(applied) == 1:
        return f"，情节{graver[0].severity}"
    return "，其中" + "，".join(f"{cite.format_nodes([a.node], 'zh', a.book.doc)}规定的违法行为情节{a.severity}"
                              for a in graver)


def sanction_violation_phrase(decision: Decision) -> str:
    """赵某某同志的上述行为同时属于《…政务处分法》第三十九条第（二）项规定的违法行为，情节较重。 and the
    circumstances applied: a 政务处分 given through the primary rests on a violation of the law, its
    情节 and circumstances (减轻 moves the range) — a decision citing them must also say them.
    Nothing for a decision under the law itself (its template says them in its own words)."""
    chained = [a for a in decision.applied if a.external is not None]
    if not chained:
        return ""
    name = decision.case.data["subject"]["name"]
    out = []
    for a in chained:
        severity = f"，情节{a.severity}" if a.severity != a.book.severities[0] else ""
        out.append(f"{name}同志的上述行为同时属于《{a.book.doc.title}》{cite.format_nodes([a.node], 'zh', a.book.doc)}"
                   f"规定的违法行为{severity}。")
    return "".join(out) + circumstance_phrase(decision, f"{name}同志")


def several_phrase(decision: Decision) -> str:
    """上述违法行为应当分别给予记过、降级处分，执行其中最重的降级处分。: what 第十五条 does with several
    violations, each given its own sanction (the case's ``findings[i].sanction``); nothing for one."""
    # 分别: the sanctions in the order the findings are cited (the text's), each beside its violation
    given = [a.sanction for a in sorted(decision.applied, key=lambda a: a.node.start) if a.sanction]
    if len(decision.applied) < 2 or not given or not decision.sanction:
        return ""
    kinds = list(dict.fromkeys(given))
    executed = str(decision.sanction["kind"])
    if len(kinds) == 1:
        return f"上述违法行为应当分别给予{kinds[0]}处分。"
    return f"上述违法行为应当分别给予{'、'.join(given)}处分，执行其中最重的{executed}处分。"


def circumstance_phrase(decision: Decision, who: str | None = None) -> str:
    """刘某具有《…》第十一条第（一）项规定的情形，依法从轻给予政务处分。: each effect the case's
    circumstances have, with the provisions that have it (nothing without circumstances); ``who``
    is the subject as the document names them (刘某某同志), by default the name."""
    by_effect: dict[str, list[Node]] = {}
    book = None
    for applied in decision.applied:
        book = applied.book
        for node, effect in applied.circumstances:
            nodes = by_effect.setdefault(effect, [])
            if not any(n is node for n in nodes):
                nodes.append(node)
    if book is None:
        return ""
    name = who or decision.case.data["subject"]["name"]
    return "".join(f"{name}具有《{book.doc.title}》{cite.format_nodes(nodes, 'zh', book.doc)}规定的情形，"
                   f"依法{effect}给予政务处分。" for effect, nodes in by_effect.items())


def names_in_title(decision: Decision) -> list[str]:
    """The names a title may hold that are never split across its lines: the subject, the issuing
    organs, each sanction (记过处分) and the regulation."""
    data = decision.case.data
    return [str(data["subject"]["name"]), *decision.case.issuers, *sanction_names(decision), decision.doc.title or ""]


def choose_template(decision: Decision, explicit: str | None = None) -> Template:
    """The template for the decision: ``explicit``, else the one TEMPLATE_FOR names for its kind and
    subject when that one is for the case's regulation, else the one template of the folder whose
    front matter names the regulation, kind and subject (zhengwu_chufen_decision.md for a
    政务处分法 decision): a regulation with its own documents needs a template, not code."""
    if explicit:
        return read_template(Path(explicit))
    kind = decision.kind or "decision"
    subject = decision.case.subject_type
    name = TEMPLATE_FOR.get((kind, subject)) or TEMPLATE_FOR.get((kind, None))
    generic = read_template(templates_dir() / name) if name else None
    if generic is not None and generic.front.get("regulation") == decision.doc.id:
        return generic
    own = [t for t in map(read_template, sorted(templates_dir().glob("*.md")))
           if t.front.get("regulation") == decision.doc.id and t.front.get("kind") == kind
           and t.front.get("subject") in (subject, "any")]
    if len(own) == 1:
        return own[0]
    if generic is None:
        raise InputError(f"no template for a {kind}", hint="give one with -t TEMPLATE")
    if not own:
        return generic   # render refuses it by its front matter, naming the regulation it is for
    raise InputError(f"several templates for a {kind} of {decision.doc.id}: {', '.join(t.name for t in own)}",
                     hint="give one with -t TEMPLATE")


def render_case(path: str | Path, template: str | None = None, corpus: Corpus | None = None, *,
                issuer: IssuerChoice = None, letterhead: str | Path | None = None,
                head: bool = True, seal: bytes | str | None = None, text: str | None = None,
                double_sided: bool = False) -> Rendered:
    """The case's document.  Its 版头 (DOCX only): from the issuer profile (``issuer``: a file or a
    profile read, False for none; else the case's ``profile``, else ``issuer.yaml`` next to the
    case — regtext/issuer.py), or the organ's
    own ``letterhead`` DOCX (its first-page header is kept), or, with ``head=False``, none but its
    room kept, for paper with a pre-printed 红头 (CLI: --issuer, --letterhead, --no-head).
    ``seal``: the seal's PNG bytes (read_seal), SEAL_SPACE for room for a seal pressed by hand, or
    None: the profile's seal if it has one, else no seal (落款 per GB/T 9704 7.3.5.2).
    ``text``: the case file's content when it is not read from ``path`` (the web app's form);
    ``path`` then names it in messages, and its folder is where the profile is looked for unless
    ``issuer`` says which (or False: none).

    ``double_sided``: the DOCX and PDF are paged for printing on both sides of the paper — the 版记
    on the last, even page, no number on a blank page before it nor on its page (GB/T 9704 7.4,
    7.5; publish/duplex.py); needs LibreOffice, to measure where the pages end (CLI: --double-sided)."""
    if double_sided:
        from ..publish.duplex import require

        require()
    if letterhead is not None and not head:
        raise UsageError("--no-head and --letterhead exclude each other: pre-printed paper has its head, a "
                         "letterhead brings one", hint="give one of them")
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
    profile = find_issuer(case.path, case.data, issuer,
                          profile_at=case.where("profile") if "profile" in case.data else None)
    if profile is not None and (wrong := check_issuers(profile, case.issuers)):
        raise InputError(wrong, where=case.where("issuer"),
                         hint="give the profile whose names are the case's issuers, in their order (--issuer)")
    kept = read_letterhead(letterhead) if letterhead is not None else None
    if kept is not None and (placed := [k for k in HEAD_FIELDS if k in case.data]):
        raise UsageError(f"{', '.join(placed)}: a letterhead brings its own head, where regtext cannot place "
                         f"them", where=case.where(placed[0]), hint="give an issuer profile (--issuer) instead")
    _check_printed_line(case, profile)
    markdown = render(chosen, context(decision, chosen, corpus))
    if seal is None and profile is not None and profile.seal is not None:
        try:
            seal = read_seal(profile.seal)
        except InputError as exc:      # name the profile's line, not only the picture's path
            raise InputError(f"seal: {profile.seal}: {exc.message}", where=profile.seal_at or profile.path,
                             hint=exc.hint) from None
    return Rendered(decision, chosen, document.paragraphs(markdown), _head(case, profile, head, kept), kept, profile,
                    seal, double_sided)


def _check_printed_line(case: Case, profile: Issuer | None) -> None:
    """D123, the part decide cannot see: an 印发日期 needs an 印发机关, the case's or its profile's
    (7.4.2 prints them on one line).  The profile's alone, without ``printed``, prints no 印发 line."""
    if case.data.get("printed") and not case.data.get("printer") and not (profile and profile.printer):
        raise NotFound(f"D123 印发日期 {case.data['printed']!r} without an 印发机关: 7.4.2 prints both on one line "
                       "(GB/T 9704-2012 7.4.2)", where=case.where("printed"), code="D123",
                       hint="add printer: … to the case or to its issuer profile (--issuer), or leave printed out")


def _head(case: Case, profile: Issuer | None, wanted: bool, letterhead: Letterhead | None) -> Head | None:
    """The 版头 to draw: none with a letterhead (it brings its own); on pre-printed paper (``wanted``
    False) a blank one of the same height.  Without a profile no 标志, but the 份号, 密级 and 紧急程度
    still head the page (7.2.1–7.2.3 place them top left whatever follows); a 签发人, which 7.2.6
    places beside the 文号 in the 版头, has no place then and is refused."""
    if letterhead is not None:
        return None
    data = case.data
    if profile is None and wanted:
        if "signers" in data:
            raise InputError("signers: the 签发人 is printed in the 版头, on the 文号's line (GB/T 9704-2012 7.2.6), "
                             "and this case has no issuer profile, so no 版头", where=case.where("signers"),
                             hint="give the organ's profile (--issuer, profile: or issuer.yaml next to the case), or "
                                  "--no-head for paper with a pre-printed 版头")
        top = Head(copy_number=str(data.get("copy_number", "")), secrecy=data.get("secrecy", ""),
                   urgency=data.get("urgency", ""), top_only=True)
        return top if top.top_lines else None
    marks = profile.marks if profile else tuple(case.issuers)
    return Head(marks=marks, suffix=profile.suffix if profile else "", number=data["number"],
                copy_number=str(data.get("copy_number", "")), secrecy=data.get("secrecy", ""),
                urgency=data.get("urgency", ""), signers=tuple(data.get("signers", ())), blank=not wanted)


#: The largest seal file read: a seal's PNG is a few KB to a few hundred (42 mm at 600 dpi, RGBA).
SEAL_MAX_BYTES = 5 * 1024 * 1024


def read_seal(path: str | Path) -> bytes:
    """A seal picture for the 落款: a regular PNG file of at most SEAL_MAX_BYTES, checked whole
    (signoff.read_png), refused otherwise — looked at with stat() first, so a device, a pipe or a
    2 GB file is refused before a byte of it is read."""
    from ..publish.docx.signoff import read_png

    hint = "give the seal as a PNG image, transparent around the seal (e.g. 42 mm at 300 dpi)"
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("the seal is not a regular file (a directory, a device or a pipe)", where=str(path),
                             hint=hint)
        if info.st_size > SEAL_MAX_BYTES:
            raise InputError(f"the seal is {info.st_size:,} bytes, more than the {SEAL_MAX_BYTES // 1024 // 1024} MiB "
                             "a seal's picture may have", where=str(path), hint=hint)
        with open(path, "rb") as handle:
            data = handle.read(SEAL_MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read the seal: {exc.strerror}", where=str(path),
                         hint="give the path of a PNG file with --seal") from None
    if len(data) > SEAL_MAX_BYTES:
        raise InputError(f"the seal grew past {SEAL_MAX_BYTES // 1024 // 1024} MiB while it was read",
                         where=str(path), hint=hint)
    try:
        read_png(data)
    except ValueError as exc:
        raise InputError(f"the seal is {exc}", where=str(path), hint=hint) from None
    return data


def attachment_lines(names: list[str]) -> list[str]:
    """附件说明 as printed (7.3.4): 附件：名称, or 附件：1.名称 then 2.名称 … one a line."""
    if len(names) == 1:
        return [f"附件：{names[0]}"]
    return [("附件：" if i == 1 else "") + f"{i}.{name}" for i, name in enumerate(names, 1)]


_ANALYSES: dict[tuple[Path, str], Analysis] = {}
#: Case fields printed in the 版头 itself: a letterhead's header has no room regtext could use for them.
HEAD_FIELDS = ("copy_number", "secrecy", "urgency", "signers")


def template_errors(template: Template, corpus: Corpus) -> list[Problem]:
    """The errors ``regtext check`` finds in the template (once per version of the file and corpus).
    Among them decide's R9: a decision on a person prints {{ cited_execution }} (第十条 书面检讨)."""
    from ..check.templates import check_template  # check reads templates through this package

    key = (template.path, template.source, id(corpus))
    if key not in _LINTED:
        _LINTED[key] = [f for f in check_template(template.path, corpus) if f.severity == "error"]
    return _LINTED[key]


_LINTED: dict[tuple[Path, str, int], list[Problem]] = {}


def sanction_types(decision: Decision) -> list[str]:
    """The types of sanction a decision gives: those of its case's ``sanctions``; a decision under a
    law of sanctions itself (政务处分法) gives the type its rulebook names (``sanction_type``:
    government, whose 决定书 must state what 第四十五条 lists, check C120)."""
    types = {str(s["type"]) for s in decision.case.data.get("sanctions") or []}
    if decision.rulebook.sanction_type and decision.sanction:
        types.add(decision.rulebook.sanction_type)
    return sorted(types)


def _check_fit(template: Template, decision: Decision) -> None:
    """The template's front matter declares the regulation, kind and subject it is for: a case
    of another would print another regulation's citations, or miss what check verified."""
    front = template.front
    case = Path(decision.case.path).name
    if front.get("regulation") != decision.doc.id:
        raise UsageError(f"the template {template.name} is for {front.get('regulation')!r}, {case} for "
                         f"{decision.doc.id!r}", hint="choose a template for the case's regulation")
    types = sanction_types(decision)
    undeclared = [t for t in types if t not in (contents.declared(front) or [])]
    if undeclared:
        raise UsageError(f"{case} gives a {'/'.join(undeclared)} sanction and the template {template.name} does not "
                         f"declare it renders one", hint=f"use a template whose front matter says "
                         f"{contents.FRONT_KEY}: [{', '.join(types)}] ('regtext check' verifies a template for "
                         f"government sanctions states what the law on them lists)")
    if decision.rulebook.violations and not decision.sanction and "government" in (contents.declared(front) or []):
        raise UsageError(f"{case} gives no sanction ({_exempted(decision)}) and the template {template.name} renders a "
                         f"决定书 giving one: it is made only when a sanction is given ({_contents_article(decision)})",
                         hint="a 免予 or 不予 decision needs a template of its own (front matter without "
                              f"{contents.FRONT_KEY}: [government]): give it with -t TEMPLATE")
    for key, actual in (("kind", decision.kind), ("subject", decision.case.subject_type)):
        declared = front.get(key)
        if declared not in (None, "any") and declared != actual:
            raise UsageError(f"the template {template.name} is for {key} {declared!r}, {case} is a {actual!r}",
                             hint=f"choose a template whose front matter says {key}: {actual} (or any)")


def _exempted(decision: Decision) -> str:
    """免予 (第十二条第一款): the effect and provision by which a decision gives no sanction."""
    book = decision.rulebook
    said = [f"{effect} {cite.format_nodes([node], 'zh', book.doc)}" for a in decision.applied
            for node, effect in a.circumstances if book.effects.get(effect, {}).get("range") == "none"]
    return "、".join(dict.fromkeys(said)) or "measures is empty"


def _contents_article(decision: Decision) -> str:
    """《…》第四十五条第一款: the paragraph before the rulebook's ``contents`` (what a 决定书 states),
    which says when one is made."""
    book = decision.rulebook
    if not book.contents:
        return f"《{book.doc.title}》"
    article = book.contents[0].node.article or book.contents[0].node
    first = article.children[0] if article.children else article   # 第一款: 决定给予政务处分的，应当制作…
    return f"《{book.doc.title}》{cite.format_nodes([first], 'zh', book.doc)}"


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
    phrase = measure_phrase(decision)
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
        "sanction_phrase": "、".join(sanction_names(decision)) + "处分" if sanction_names(decision) else "",
        "sanction": decision.sanction, "period_phrase": period_phrase(decision.sanction),
        "only_sanctions": bool(sanctions) and all(m.sanction for m in decision.measures),
        "severity_phrase": severity_phrase(decision), "circumstance_phrase": circumstance_phrase(decision),
        "several_phrase": several_phrase(decision), "sanction_violation_phrase": sanction_violation_phrase(decision),
        "appeals": [str(a["text"]) for a in decision.appeals],
        "decision": {"kind": decision.kind, "basis": [{"citation": b.citation, "role": b.role, "eid": b.node.eid}
                                                      for b in decision.basis]},
        "cite": cite_helper, "quote": quote_helper,
        "attachments": attachment_lines(data.get("attachments") or []),
        "annotation": f"（{data['annotation'].strip()}）" if data.get("annotation") else None,
    }
    return {name: values[name] for name in HELPERS}  # the declared helpers, no more: check reads the same list
