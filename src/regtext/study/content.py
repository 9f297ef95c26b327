"""What study materials say, independent of format: the regulation article by article with each
provision's citations, the trainer's notes, the glossary, the questions (the trainer's and
some generated from the structure), the references both ways, the decision map and, for a law
of sanctions (政务处分法), the sanction map."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import cite
from ..corpus import Corpus
from ..errors import UsageError
from ..levels import DIVISION_TYPES, DIVISIONS
from ..model import Document, Node
from ..numerals import to_chinese
from ..refs.citedby import cited_by
from ..refs.model import Reference
from ..refs.pieces import NodeReferences
from . import LANGS
from .annotations import Annotations, Note, Question


@dataclass(slots=True)
class Link:
    text: str           # what the reader sees: 第四条 / 《中华人民共和国监察法》第十五条
    doc: str | None     # None: this document
    eid: str | None


@dataclass(slots=True)
class Provision:
    node: Node
    label: str          # 第二款: the number regtext adds for the reader ("" where the text has its own)
    en: str             # Article 6(1)
    text: str           # the document's text, its own label included: （一）通报。…
    note: Note | None = None    # the trainer's note on this 款, 项 or 目, shown beside it


@dataclass(slots=True)
class ArticleView:
    node: Node
    en: str
    provisions: list[Provision]
    cites: list[Link] = field(default_factory=list)
    cited_by: list[Link] = field(default_factory=list)
    note: Note | None = None    # the trainer's note on the whole article

    def notes(self) -> list[Note]:
        """The article's notes in the order of the text: its own, then those on its provisions."""
        own = [self.note] if self.note is not None else []
        return own + [p.note for p in self.provisions if p.note is not None]


@dataclass(slots=True)
class DecisionType:
    name: str                       # 对个人的决定 …
    provisions: list[tuple[str, str]]   # (role, citation)


@dataclass(slots=True)
class Ladder:
    """A violation and the sanctions it allows, step by step from the lightest 情节 it names."""

    violation: Link                     # 第三十九条, a link to the provision
    steps: list[tuple[str, str]]        # (情节较重, 降级、撤职), in the order of the rulebook's severities
    note: str = ""                      # what else the rulebook says of it (the items it extends, a condition)


@dataclass(slots=True)
class SanctionMap:
    """What a law of sanctions lets a drafter choose, from its rulebook: the kinds and their periods,
    each violation's ladder by severity, and what each circumstance does to the range."""

    kinds: list[tuple[Link, str]]       # (警告 → 第七条第（一）项, 六个月（第八条第一款第（一）项）)
    ladders: list[Ladder]
    effects: list[tuple[str, str]]      # (第十一条第（一）项至第（七）项, 从轻：…；减轻：…)


@dataclass(slots=True)
class Study:
    doc: Document
    annotations: Annotations
    articles: list[ArticleView]
    questions: list[Question]
    decision_types: list[DecisionType]
    lang: tuple[str, ...] = ("zh",)
    sanctions: SanctionMap | None = None



def languages(lang: str) -> tuple[str, ...]:
    if lang not in LANGS:
        raise UsageError(f"unknown label language {lang!r}", hint=f"use one of {', '.join(LANGS)}")
    return LANGS[lang]


def build(annotations: Annotations, corpus: Corpus, lang: str = "zh") -> Study:
    doc = annotations.doc
    index = cited_by(doc, corpus)
    refs = NodeReferences(doc.references)
    articles = [_article(doc, a, index, refs, corpus) for a in doc.articles()]
    for view in articles:
        view.note = annotations.notes.get(view.node.eid)
        for provision in view.provisions:
            provision.note = annotations.notes.get(provision.node.eid)
    questions = unique_questions(list(annotations.questions) + generated_questions(doc))
    return Study(doc, annotations, articles, questions, decision_map(doc, corpus), languages(lang),
                 sanction_map(doc, corpus))


def _article(doc: Document, article: Node, index: dict[str, list[tuple[str, Reference]]], refs: NodeReferences,
             corpus: Corpus) -> ArticleView:
    paragraphs = [c for c in article.children if c.type == "paragraph"]
    provisions = []
    for p in paragraphs:
        assert isinstance(p.number, int)  # the builder numbers every 款 1, 2, …
        label = f"第{to_chinese(p.number)}款" if len(paragraphs) > 1 else ""
        provisions.append(_provision(doc, p, label))
        for item in p.children:
            if item.type in ("item", "subitem"):
                provisions.append(_provision(doc, item))
                provisions += [_provision(doc, sub) for sub in item.children]
    view = ArticleView(article, cite.format_nodes([article], "en", doc), provisions)
    inside = {n.eid for n in article.walk()}
    written = [ref for provision in article.walk() for ref in refs.of(provision)]
    for ref in written:
        for target in ref.targets:
            for node in target.nodes[:1]:
                view.cites.append(Link(_link_text(corpus, target.doc, doc, node), None if target.doc == doc.id else
                                       target.doc, node.eid))
            if not target.nodes:
                view.cites.append(Link(f"《{ref.document}》" if ref.document else ref.text, target.doc, None))
    for eid in sorted(inside, key=lambda e: doc.by_eid[e].start):
        for doc_id, ref in index.get(eid, ()):
            source = ref.source
            citing = corpus.load(doc_id) if doc_id != doc.id else doc
            view.cited_by.append(Link(_link_text(corpus, doc_id, doc, source, citing), None if doc_id == doc.id else doc_id,
                                      source.eid))
    return view


def _provision(doc: Document, node: Node, label: str = "") -> Provision:
    return Provision(node, label, cite.format_nodes([node], "en", doc),
                     node.label + node.sep + node.text if node.type != "paragraph" else node.text)


def note_title(note: Note, doc: Document) -> str:
    """学习提示, and for a note on a 款, 项 or 目 the provision it is on (学习提示：第四条第（三）项):
    beside a long article, a reader must see which part of it the note explains."""
    if note.node.type == "article":
        return "学习提示"
    return f"学习提示：{cite.format_nodes([note.node], 'zh', doc)}"


def in_order(study: Study) -> list[Node | ArticleView]:
    """The divisions (第一章 …) and the articles, in the document's order: the headings the site
    and the handout show the articles under."""
    views = {view.node.eid: view for view in study.articles}

    def visit(nodes: list[Node]) -> list[Node | ArticleView]:
        out: list[Node | ArticleView] = []
        for node in nodes:
            if node.type in DIVISION_TYPES:
                out.append(node)
                out += visit(node.children)
            elif node.eid in views:
                out.append(views[node.eid])
        return out

    return visit(study.doc.children)


def heading_of(node: Node) -> str:
    """第一章 总 则, 第一条: the label and heading as printed."""
    return " ".join(filter(None, (node.label, node.heading)))


def _link_text(corpus: Corpus, doc_id: str | None, home: Document, node: Node, owner: Document | None = None) -> str:
    if doc_id in (None, home.id):
        return cite.format_nodes([node], "zh", home)
    return cite.format_nodes([node], "zh", owner or corpus.load(doc_id), named=True)


def unique_questions(questions: list[Question]) -> list[Question]:
    """One answer per question: a generated question worded like an earlier one (the trainer's,
    or another generated) is left out, so the quiz never asks the same thing twice."""
    seen: set[str] = set()
    out = []
    for q in questions:
        if q.generated and q.question in seen:
            continue
        seen.add(q.question)
        out.append(q)
    return out


def generated_questions(doc: Document) -> list[Question]:
    """Questions read off the structure: what an enumeration lists, which item a name is, which
    division a heading is and which articles it holds."""
    return _division_questions(doc) + _item_questions(doc)


def _division_questions(doc: Document) -> list[Question]:
    divisions = [(n, _compact(n.heading)) for n in doc.walk() if n.type in DIVISIONS and n.heading]
    headings = Counter(heading for _, heading in divisions)
    out = []
    for node, heading in divisions:
        articles = [n for n in node.walk() if n.type == "article"]
        if not articles:
            continue
        name = division_name(node)
        if headings[heading] == 1:
            out.append(Question(f"“{heading}”是哪一{node.label[-1]}？", name, [node], generated=True))
        span = "、".join(a.label for a in articles) if len(articles) < 3 else f"{articles[0].label}至{articles[-1].label}"
        out.append(Question(f"{name}“{heading}”包括哪几条？", span, [node], generated=True))
    return out


def division_name(node: Node) -> str:
    """第三章第一节: a section is named with its chapter (every chapter has its 第一节)."""
    names = []
    current: Node | None = node
    while current is not None and current.type in DIVISION_TYPES:
        names.append(current.label)
        current = current.parent
    return "".join(reversed(names))


def _compact(heading: str) -> str:
    """总 则 → 总则: spaces between Chinese characters spread a short heading; they are not words."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", heading)


def _item_questions(doc: Document) -> list[Question]:
    enumerations = []
    for article in doc.articles():
        for paragraph in (c for c in article.children if c.type == "paragraph"):
            named = [i for i in paragraph.children if i.type == "item" and i.heading]
            if len(named) >= 3:
                enumerations.append((paragraph, named))
    headings = Counter(item.heading for _, named in enumerations for item in named)
    out: list[Question] = []
    for paragraph, named in enumerations:
        where = cite.format_nodes([paragraph], "zh", doc)
        listing = "；".join(f"{cite.format_nodes([i], 'zh', doc)}“{i.heading}”" for i in named)
        out.append(Question(f"{where}列举了哪几种{_kind(paragraph)}？", listing, [paragraph], generated=True))
        in_paragraph = Counter(item.heading for item in named)
        for item in named:
            if in_paragraph[item.heading] > 1:  # the same name twice in one list: no single answer
                continue
            # A name listed in two enumerations (通报 for organisations and for persons) is asked
            # about with its enumeration: the plain question would have two answers.
            prefix = "" if headings[item.heading] == 1 else f"{where}中，"
            out.append(Question(f"{prefix}“{item.heading}”规定在哪一项？", cite.format_nodes([item], "zh", doc),
                                [item], generated=True))
    return out


def _kind(paragraph: Node) -> str:
    text = paragraph.text
    if "情形" in text:
        return "情形"
    if "方式" in text:
        return "方式"
    if "程序" in text:
        return "程序"
    return "事项"


def decision_map(doc: Document, corpus: Corpus) -> list[DecisionType]:
    """Which provisions each kind of document rests on, from the rulebook (when there is one)."""
    from ..decide.rulebook import load_rulebook, rulebook_path

    if not rulebook_path(corpus, doc.id).exists():
        return []
    book = load_rulebook(doc.id, corpus)
    names = {"decision": "决定", "proposal": "建议", "referral": "移送"}
    subjects = {"person": "个人", "organization": "单位"}
    out = []
    for subject in ("person", "organization"):
        for kind in ("decision", "proposal", "referral"):
            measures = [m for m in book.measures_for(subject) if m.document == kind]
            if not measures:
                continue
            rows = [("情形", cite.format_nodes(book.circumstances, "zh", doc))]
            rows += [("方式", f"{cite.format_nodes([m.node], 'zh', doc)}（{m.name}）") for m in measures]
            combination = book.combination.get(subject)
            if combination is not None and kind == "decision":
                rows.append(("合并使用", cite.format_nodes([combination], "zh", doc)))
            if kind == "decision":
                rows += [({"execution": "执行", "notice": "宣布、通报"}[role], cite.format_nodes([node], "zh", doc))
                         for node, role in book.always.get(subject, [])]
                appeals = sorted({str(book.appeals[m.appeal]["basis"]) for m in measures if m.appeal})
                rows += [("申诉、复审", basis) for basis in appeals]
            out.append(DecisionType(f"对{subjects[subject]}的{names[kind]}", rows))
    return out


#: The heading of the sanction map in every format of the materials.
SANCTIONS_HEADING = "政务处分的种类与幅度"
#: How a severity of a rulebook is named in the map: 一般 is an article's first clause, which names no 情节.
SEVERITY_NAMES = {"一般": "一般情形"}
#: What a circumstance's effect does to the range (the rulebook's ``effects``), in the map's words.
RANGE_WORDS = {"within": "在该情节的处分幅度内{effect}", "below": "在处分幅度以下{effect}{steps}档",
               "none": "{effect}政务处分"}


def severity_name(severity: str) -> str:
    """较重 → 情节较重: the words the law uses for the step (一般 → 一般情形)."""
    return SEVERITY_NAMES.get(severity, f"情节{severity}")


def sanction_map(doc: Document, corpus: Corpus) -> SanctionMap | None:
    """The sanction map of a law whose rulebook has violations (None for any other document)."""
    from ..decide.rulebook import load_rulebook, rulebook_path

    if not rulebook_path(corpus, doc.id).exists():
        return None
    book = load_rulebook(doc.id, corpus)
    if not book.violations:
        return None

    def link(node: Node) -> Link:
        return Link(cite.format_nodes([node], "zh", doc), None, node.eid)

    kinds = [(Link(k.name, None, k.node.eid),
              f"{to_chinese(k.months)}个月（{cite.format_nodes([k.period], 'zh', doc)}）" if k.months and k.period
              else "不设处分期") for k in book.kinds]
    ladders = []
    for v in book.violations:
        steps = [(severity_name(severity), "、".join(names)) for severity, names in v.ladder.items()]
        notes = []
        if v.extends:
            notes.append(f"适用于{cite.format_nodes(list(v.extends), 'zh', doc)}的行为")
        notes += [f"{kind}：{condition}" for kind, condition in v.conditions.items()]
        if v.open:
            notes.append("根据情节轻重给予相应政务处分")
        ladders.append(Ladder(link(v.node), steps, "；".join(notes)))
    effects = []
    for group in book.circumstance_groups:
        words = []
        for effect in group.effects:
            rule = book.effects.get(effect, {})
            phrase = RANGE_WORDS[str(rule.get("range", "within"))].format(
                effect=effect, steps=to_chinese(int(rule.get("steps", 1))))
            words.append(phrase + ("（由适用机关确认）" if rule.get("confirm") else ""))
        limits = ([f"须同时具有{cite.format_nodes(list(group.requires), 'zh', doc)}规定的情形"] if group.requires else []) + (
            [f"仅适用于{'、'.join(severity_name(s) for s in group.severities)}"] if group.severities else [])
        effects.append((cite.format_nodes(list(group.nodes), "zh", doc),
                        "；".join(words) + (f"（{'，'.join(limits)}）" if limits else "")))
    return SanctionMap(kinds, ladders, effects)


def sanction_lines(sanctions: SanctionMap) -> list[tuple[str, list[str]]]:
    """The sanction map as lines of text under three headings, for the handout and the Markdown."""
    kinds = [f"{kind.text}：{period}" for kind, period in sanctions.kinds]
    ladders = [f"{ladder.violation.text}："
               + "；".join(f"{severity}，{kinds}" for severity, kinds in ladder.steps)
               + (f"（{ladder.note}）" if ladder.note else "") + "。" for ladder in sanctions.ladders]
    effects = [f"{where}：{what}。" for where, what in sanctions.effects]
    return [("种类与处分期", kinds), ("违法行为与处分幅度", ladders), ("情节的作用", effects)]
