"""What study materials say, independent of format: the regulation article by article with each
provision's citations, the trainer's notes, the glossary, the questions (the trainer's and
some generated from the structure), the references both ways and the decision map."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import cite
from ..corpus import Corpus
from ..model import Document, Node
from ..numerals import to_chinese
from ..refs.citedby import cited_by
from ..refs.model import Reference
from .annotations import Annotations, Question


@dataclass(slots=True)
class Link:
    text: str           # what the reader sees: 第四条 / 《中华人民共和国监察法》第十五条
    doc: str | None     # None: this document
    eid: str | None


@dataclass(slots=True)
class Provision:
    node: Node
    label: str          # 第一款 / 第（三）项 — numbered for the reader
    zh: str
    en: str
    text: str


@dataclass(slots=True)
class ArticleView:
    node: Node
    zh: str
    en: str
    provisions: list[Provision]
    cites: list[Link] = field(default_factory=list)
    cited_by: list[Link] = field(default_factory=list)


@dataclass(slots=True)
class DecisionType:
    name: str                       # 对个人的决定 …
    provisions: list[tuple[str, str]]   # (role, citation)


@dataclass(slots=True)
class Study:
    doc: Document
    annotations: Annotations
    articles: list[ArticleView]
    questions: list[Question]
    decision_types: list[DecisionType]


def build(annotations: Annotations, corpus: Corpus) -> Study:
    doc = annotations.doc
    index = cited_by(doc, corpus)
    articles = [_article(doc, a, index, corpus) for a in doc.articles()]
    questions = list(annotations.questions) + generated_questions(doc)
    return Study(doc, annotations, articles, questions, decision_map(doc, corpus))


def _article(doc: Document, article: Node, index: dict[str, list[tuple[str, Reference]]], corpus: Corpus) -> ArticleView:
    paragraphs = [c for c in article.children if c.type == "paragraph"]
    provisions = []
    for p in paragraphs:
        label = f"第{to_chinese(int(p.number))}款" if len(paragraphs) > 1 else ""  # type: ignore[arg-type]
        provisions.append(_provision(doc, p, label))
        for item in p.children:
            if item.type in ("item", "subitem"):
                provisions.append(_provision(doc, item, f"第（{to_chinese(int(item.number))}）项"))  # type: ignore[arg-type]
                for sub in item.children:
                    provisions.append(_provision(doc, sub, f"第{sub.number}目"))
    view = ArticleView(article, cite.format_nodes([article], "zh", doc), cite.format_nodes([article], "en", doc),
                       provisions)
    inside = {n.eid for n in article.walk()}
    for ref in doc.references:
        if ref.source.eid not in inside:
            continue
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


def _provision(doc: Document, node: Node, label: str) -> Provision:
    return Provision(node, label, cite.format_nodes([node], "zh", doc), cite.format_nodes([node], "en", doc),
                     node.label + node.sep + node.text if node.type != "paragraph" else node.text)


def _link_text(corpus: Corpus, doc_id: str | None, home: Document, node: Node, owner: Document | None = None) -> str:
    if doc_id in (None, home.id):
        return cite.format_nodes([node], "zh", home)
    other = owner or corpus.load(doc_id)
    return f"《{other.title}》{cite.format_nodes([node], 'zh', other)}"


def generated_questions(doc: Document) -> list[Question]:
    """Questions read off the structure: what an enumeration lists, which item a name is."""
    out: list[Question] = []
    for article in doc.articles():
        for paragraph in (c for c in article.children if c.type == "paragraph"):
            items = [c for c in paragraph.children if c.type == "item"]
            named = [i for i in items if i.heading]
            if len(named) >= 3:
                where = cite.format_nodes([paragraph], "zh", doc)
                listing = "；".join(f"{cite.format_nodes([i], 'zh', doc)}“{i.heading}”" for i in named)
                out.append(Question(f"{where}列举了哪几种{_kind(paragraph)}？", listing, [paragraph], generated=True))
                for item in named:
                    out.append(Question(f"“{item.heading}”规定在哪一项？", cite.format_nodes([item], "zh", doc),
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
