"""The study site: ``index.html`` (the regulation article by article with notes beside it,
citations in zh and en, glossary links, cites / cited-by, a structure diagram, the map of
decisions and, for a law of sanctions, the sanction map) and ``quiz.html`` (answers revealed on click, with <details>, no script).

Self-contained pages: inline CSS, no external requests; a print stylesheet; readable on a phone.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from .. import cite
from ..htmlpage import page_shell
from ..levels import DIVISION_TYPES
from ..model import Document, Node
from .annotations import Note
from .content import (
    SANCTIONS_HEADING,
    ArticleView,
    Link,
    SanctionMap,
    Study,
    division_name,
    heading_of,
    in_order,
    note_title,
)

_CSS = """
:root { --ink: #1b1b1b; --muted: #666; --line: #ddd; --accent: #a61b29; --note: #f6f3ea; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.75 "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; color: var(--ink);
       background: #fff; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
header { border-bottom: 3px solid var(--accent); padding-top: 1.5em; padding-bottom: .5em; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
nav.top a { margin-right: 1em; }
a { color: var(--accent); }
.history { color: var(--muted); font-size: .9em; margin: 0; }
.article { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 24px;
           border-bottom: 1px solid var(--line); padding: 1em 0; }
.article h3 { font-size: 1.15em; margin: 0 0 .3em; }
.article.plain { grid-template-columns: minmax(0, 46em); }
h2.division { font-size: 1.3em; margin: 1.2em 0 0; }
.cite { color: var(--muted); font-size: .8em; font-family: sans-serif; margin-left: .5em; }
.provision { margin: .3em 0; }
.provision .label { font-weight: bold; color: var(--accent); margin-right: .3em; }
.item { margin-left: 2em; }
.subitem { margin-left: 4em; }
aside.note { background: var(--note); border-left: 4px solid var(--accent); padding: .6em .9em; font-size: .95em; }
aside.note .note-title { margin: 0 0 .3em; font-weight: bold; }
aside.note + aside.note { margin-top: .8em; }
.links { font-size: .85em; color: var(--muted); }
.links a, .links span { margin-right: .6em; }
a.term { color: inherit; text-decoration: underline dotted var(--accent); }
dl.glossary dt { font-weight: bold; margin-top: .6em; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid var(--line); padding: .3em .5em; text-align: left; vertical-align: top; }
svg { max-width: 100%; height: auto; }
details { border: 1px solid var(--line); border-radius: 4px; padding: .4em .8em; margin: .6em 0; }
summary { cursor: pointer; }
@media (max-width: 760px) { .article { grid-template-columns: 1fr; } body { font-size: 16px; } }
@media print {
  nav.top, .links { display: none; }
  a { color: inherit; text-decoration: none; }
  .article { break-inside: avoid; grid-template-columns: 3fr 2fr; }
  aside.note { background: none; border-left: 2px solid #000; }
  details { border: none; } details > * { display: block; }
}
"""


def _page(title: str, body: str) -> str:
    return page_shell(title, _CSS, body + "\n")


def _href(link: Link) -> str:
    if link.doc is None:
        return f"#{link.eid}"
    return f"{link.doc}.html" + (f"#{link.eid}" if link.eid else "")


class _Glossary:
    """Links every occurrence of a glossary term in the text to its definition."""

    def __init__(self, terms: list[str]) -> None:
        self.ids = {t: f"term-{i + 1}" for i, t in enumerate(terms)}
        self.pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))) if terms else None

    def link(self, text: str) -> str:
        escaped = html.escape(text)
        if self.pattern is None:
            return escaped
        return self.pattern.sub(lambda m: f'<a class="term" href="#{self.ids[m.group()]}">{m.group()}</a>', escaped)


def index_page(study: Study, linked_docs: set[str]) -> str:
    doc, notes = study.doc, study.annotations
    glossary = _Glossary([t.term for t in notes.terms])
    md = MarkdownIt("commonmark", {"html": False})
    parts = ["<header>", f"<h1>{html.escape(notes.title)}</h1>",
             f"<p>{html.escape(doc.title or doc.id)}</p>"]
    parts += [f'<p class="history"><time datetime="{e.date.isoformat()}">{html.escape(e.text)}</time></p>'
              for e in doc.meta.history]
    sections = [("structure", "结构图")]
    sections += [("decisions", "决定类型与依据")] if study.decision_types else []
    sections += [("sanctions", SANCTIONS_HEADING)] if study.sanctions else []
    sections += [("glossary", "术语")] if notes.terms else []
    links = "".join(f'<a href="#{anchor}">{name}</a>' for anchor, name in sections)
    quiz = '<a href="quiz.html">自测题</a>' if study.questions else ""
    parts.append(f'<nav class="top">{links}{quiz}</nav></header><main>')
    parts.append('<section id="structure"><h2>结构图</h2>' + structure_svg(doc.children) + "</section>")
    parts += _body(study, _ArticleHtml(study, glossary, md, linked_docs))
    if study.decision_types:
        parts.append('<section id="decisions"><h2>决定类型与所依据的条款</h2><table>'
                     "<tr><th>文书</th><th>依据</th></tr>")
        for kind in study.decision_types:
            rows = "<br>".join(f"{html.escape(role)}：{html.escape(citation)}" for role, citation in kind.provisions)
            parts.append(f"<tr><td>{html.escape(kind.name)}</td><td>{rows}</td></tr>")
        parts.append("</table></section>")
    if study.sanctions:
        parts.append(_sanction_section(study.sanctions))
    if notes.terms:
        parts.append('<section id="glossary"><h2>术语</h2><dl class="glossary">')
        for term in notes.terms:
            refs = "、".join(f'<a href="#{n.eid}">{html.escape(_short(n, doc))}</a>' for n in term.nodes)
            parts.append(f'<dt id="{glossary.ids[term.term]}">{html.escape(term.term)}</dt>'
                         f"<dd>{html.escape(term.definition)}" + (f"（{refs}）" if refs else "") + "</dd>")
        parts.append("</dl></section>")
    parts.append("</main>")
    return _page(notes.title, "\n".join(parts))


def _sanction_section(sanctions: SanctionMap) -> str:
    """The kinds and their periods, each violation's ladder by severity, and what the circumstances
    do to the range: one table each, every provision a link to its place in the text."""
    parts = [f'<section id="sanctions"><h2>{SANCTIONS_HEADING}</h2>',
             "<h3>种类与处分期</h3><table><tr><th>种类</th><th>处分期</th></tr>"]
    parts += [f"<tr><td>{_a(kind, set())}</td><td>{html.escape(period)}</td></tr>" for kind, period in sanctions.kinds]
    parts.append("</table><h3>违法行为与处分幅度</h3><table><tr><th>条款</th><th>情节与处分</th><th>说明</th></tr>")
    for ladder in sanctions.ladders:
        steps = "<br>".join(f"{html.escape(severity)}：{html.escape(kinds)}" for severity, kinds in ladder.steps)
        parts.append(f'<tr><td>{_a(ladder.violation, set())}</td><td class="ladder">{steps}</td>'
                     f"<td>{html.escape(ladder.note)}</td></tr>")
    parts.append("</table><h3>情节的作用</h3><table><tr><th>情节</th><th>作用</th></tr>")
    parts += [f"<tr><td>{html.escape(where)}</td><td>{html.escape(what)}</td></tr>" for where, what in sanctions.effects]
    parts.append("</table></section>")
    return "".join(parts)


def _body(study: Study, article: _ArticleHtml) -> list[str]:
    """The articles under the headings of their divisions (the structure diagram links to those)."""
    out = []
    for entry in in_order(study):
        if isinstance(entry, ArticleView):
            out.append(article.render(entry))
        else:
            out.append(f'<h2 class="division" id="{entry.eid}">{html.escape(heading_of(entry))}</h2>')
    return out


def _short(node: Node, doc: Document) -> str:
    return division_name(node) if node.type in DIVISION_TYPES else cite.format_nodes([node], "zh", doc)


class _ArticleHtml:
    """One article: the text, each label once (the document's own, the 款 number regtext adds
    with zh, the English citation with en), its links and the trainer's note beside it."""

    def __init__(self, study: Study, glossary: _Glossary, md: MarkdownIt, linked: set[str]) -> None:
        self.study, self.glossary, self.md, self.linked = study, glossary, md, linked

    def caption(self, en: str) -> str:
        return f'<span class="cite">{html.escape(en)}</span>' if "en" in self.study.lang and en else ""

    def render(self, view: ArticleView) -> str:
        node = view.node
        notes = view.notes()
        css = "article" if notes else "article plain"  # no empty column beside the text
        out = [f'<section class="{css}" id="{node.eid}"><div>',
               f'<h3 class="art">{html.escape(heading_of(node))}{self.caption(view.en)}</h3>']
        several = sum(1 for p in view.provisions if p.node.type == "paragraph") > 1
        for provision in view.provisions:
            css = {"item": "provision item", "subitem": "provision subitem"}.get(provision.node.type, "provision")
            shown = "zh" in self.study.lang and provision.label
            label = f'<span class="label">{html.escape(provision.label)}</span>' if shown else ""
            # A lone paragraph is the article: its English citation is the heading's.
            caption = self.caption(provision.en) if provision.node.type != "paragraph" or several else ""
            anchor = f' id="{provision.node.eid}"' if provision.node.eid != node.eid else ""
            out.append(f'<p class="{css}"{anchor}>{label}{self.glossary.link(provision.text)}{caption}</p>')
        links = []
        if view.cites:
            links.append("引用：" + "".join(_a(link, self.linked) for link in view.cites))
        if view.cited_by:
            links.append("被引用：" + "".join(_a(link, self.linked) for link in view.cited_by))
        if links:
            out.append('<p class="links">' + "<br>".join(links) + "</p>")
        out.append("</div>")
        if notes:  # the notes column: the article's note, then those on its 款, 项 and 目
            out.append("<div>" + "".join(self.note(note) for note in notes) + "</div>")
        out.append("</section>")
        return "\n".join(out)

    def note(self, note: Note) -> str:
        title = html.escape(note_title(note, self.study.doc))
        if note.node.type != "article":  # a link to the 款, 项 or 目 it is on
            title = f'<a href="#{note.node.eid}">{title}</a>'
        out = [f'<aside class="note"><p class="note-title">{title}</p>' + self.md.render(note.note)]
        if note.key_points:
            out.append("<p><strong>要点</strong></p><ul>"
                       + "".join(f"<li>{self.glossary.link(k)}</li>" for k in note.key_points) + "</ul>")
        if note.examples:
            out.append("<p><strong>案例</strong></p><ul>" + "".join(f"<li>{html.escape(e)}</li>" for e in note.examples)
                       + "</ul>")
        out.append("</aside>")
        return "".join(out)


def _a(link: Link, linked: set[str]) -> str:
    """A link where there is a page to go to; the name alone for a document outside the corpus."""
    if (link.doc is None and link.eid is None) or (link.doc is not None and link.doc not in linked):
        return f"<span>{html.escape(link.text)}</span>"
    return f'<a href="{html.escape(_href(link))}">{html.escape(link.text)}</a>'


def quiz_page(study: Study) -> str:
    parts = [f"<header><h1>{html.escape(study.annotations.title)}：自测题</h1>"
             '<nav class="top"><a href="index.html">返回学习材料</a></nav></header><main>']
    for n, q in enumerate(study.questions, start=1):
        refs = "、".join(f'<a href="index.html#{node.eid}">{html.escape(_short(node, study.doc))}</a>'
                        for node in q.nodes)
        parts.append(f'<details id="q{n}"><summary>{n}. {html.escape(q.question)}</summary>'
                     f'<p class="answer">{html.escape(q.answer)}</p>'
                     + (f'<p class="links">依据：{refs}</p>' if refs else "") + "</details>")
    if not study.questions:
        parts.append("<p>本材料没有自测题。</p>")
    parts.append("</main>")
    return _page(f"{study.annotations.title}：自测题", "\n".join(parts))


def structure_svg(children: list[Node]) -> str:
    """Divisions → articles → items as boxes and lines, each box a link to its provision."""
    rows: list[tuple[int, Node]] = []

    def visit(nodes: list[Node], depth: int) -> None:
        for node in nodes:
            if node.type in DIVISION_TYPES:
                rows.append((depth, node))
                visit(node.children, depth + 1)
            elif node.type == "article":
                rows.append((depth, node))
                for paragraph in node.children:
                    for item in paragraph.children:
                        if item.type == "item":
                            rows.append((depth + 1, item))

    visit(children, 0)
    height, width, step = 26, 300, 30
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="结构图" '
           f'viewBox="0 0 {width + 200} {len(rows) * step + 10}" width="{width + 200}" height="{len(rows) * step + 10}">']
    for i, (depth, node) in enumerate(rows):
        x, y = 10 + depth * 40, 5 + i * step
        text = node.label + (f" {node.heading}" if node.heading else "")
        if depth:
            svg.append(f'<path d="M{x - 25},{y - step + height} V{y + height / 2} H{x}" fill="none" stroke="#999"/>')
        fill = "#a61b29" if node.type == "article" else ("#555" if node.type != "item" else "#f6f3ea")
        color = "#fff" if node.type != "item" else "#1b1b1b"
        svg.append(f'<a href="#{node.eid}"><rect x="{x}" y="{y}" width="{min(len(text) * 15 + 20, 420)}" '
                   f'height="{height}" rx="4" fill="{fill}"/><text x="{x + 10}" y="{y + 18}" font-size="14" '
                   f'fill="{color}">{html.escape(text[:26])}</text></a>')
    svg.append("</svg>")
    return "".join(svg)
