"""The tree as one self-contained HTML page per document, for reading on a screen, a phone or paper.

Why a page of its own rather than a template: the reader is a lawyer or a trainer who follows
references, so every provision is addressable (``id`` = its eId), every resolved reference is a
link (``#art_4`` in the page, ``jianchafa_2024.html#art_15`` across the corpus), every article says
who cites it, and the page works offline, from a ``file://`` URL or an e-mail attachment: no
script, no font, no image, no request of any kind — the CSS is inline.

Layout:

    <header id="top">   title (h1, eId ``title``), subtitle, history (eId ``history``, dates in
                        <time>), effective date and where it was read, interpreting body
    <nav id="toc">      divisions and articles; a sidebar on wide screens, a collapsed
                        <details> above the text on phones, absent on paper
    <main id="main">    divisions as headings, articles (label, 款 marked when there are several,
                        项/目 with their printed label), preamble, attachments, footnotes;
                        under each article the provisions citing it (被引用)

Legal text is written exactly as the tree holds it (labels and texts, escaped); everything
regtext adds (the 款 marker) is CSS generated content, so copying the text copies only the law.
The same input gives the same string.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ..cite import Part, format_nodes, format_parts
from ..cite.address import address_of
from ..htmlpage import page_shell
from ..levels import DIVISION_TYPES
from ..model import Document, Event, Node
from ..numerals import to_chinese
from ..refs.model import Reference, Target
from ..refs.pieces import NodeReferences, text_start

if TYPE_CHECKING:
    from ..corpus import Corpus

CitedBy = dict[str, list[tuple[str, Reference]]]

#: How the index names the corpus metadata's kinds (Chinese readers' categories).
KIND_NAMES = {
    "law": "法律",
    "administrative-regulation": "行政法规",
    "local-regulation": "地方性法规",
    "departmental-rule": "部门规章",
    "judicial-interpretation": "司法解释",
    "normative-document": "规范性文件",
}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# -- the page shell ----------------------------------------------------------------------------

CSS = """
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fff; --muted: #5f6368; --link: #0b57d0;
  --rule: #dadce0; --hl: #fff3bf; --soft: #f4f5f7; --warn: #a04100; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8eaed; --bg: #17181a; --muted: #9aa0a6; --link: #8ab4f8; --rule: #3c4043;
    --hl: #3d3517; --soft: #222326; --warn: #f29b63; }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: var(--bg); line-height: 1.8; font-size: 1.0625rem;
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  overflow-wrap: anywhere; }
a { color: var(--link); text-decoration: none; }
a:hover, a:focus-visible { text-decoration: underline; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .25rem .5rem; z-index: 1; }
.page { max-width: 76rem; margin: 0 auto; padding: 1rem; display: grid;
  grid-template-columns: minmax(0, 1fr); gap: 1rem 3rem; }
.page > * { min-width: 0; }
header { border-bottom: 1px solid var(--rule); padding-bottom: .75rem; }
h1 { font-size: 1.6rem; line-height: 1.4; margin: .5rem 0; text-align: center; }
h1 .subtitle { display: block; font-size: 1.2rem; font-weight: 600; }
.history, .meta { color: var(--muted); font-size: .9rem; margin: .25rem 0; }
.history p, .meta p { margin: 0; }
.history { text-align: center; }
.docinfo code { font-size: .85em; }
nav.toc { font-size: .9rem; }
nav.toc summary { cursor: pointer; font-weight: 600; padding: .25rem 0; }
nav.toc ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 .75rem; }
nav.toc ol ol { padding-left: .9rem; }
nav.toc li { flex: 0 0 auto; }
nav.toc li.div { flex-basis: 100%; margin-top: .25rem; }
nav.toc li.div > a { font-weight: 600; color: var(--fg); }
main { max-width: 46rem; }
main section { margin: 0; }
.division > h2, .division > h3, .division > h4, .division > h5, .division > h6,
.preamble > h2, .attachment > h2 { text-align: center; font-size: 1.15rem; margin: 2rem 0 1rem; }
.division .division > :is(h3, h4, h5, h6) { font-size: 1.05rem; margin-top: 1.5rem; }
p > .label { margin-right: .5em; }
.article { margin: 0 0 1.1rem; padding-top: .15rem; }
.article > .art-label { float: left; margin: 0 .6em 0 0; font-size: 1em; line-height: inherit; font-weight: 700; }
.article > .art-label a { color: var(--fg); }
.article::after { content: ""; display: table; clear: both; }
.article p { margin-top: 0; margin-bottom: .35rem; }
.item, .subitem { margin-left: 1.25rem; }
.subitem { font-size: .97em; }
.item b.heading, .subitem b.heading { font-weight: 600; }
[data-para]::before { content: attr(data-para); font-size: .7em; color: var(--muted);
  border: 1px solid var(--rule); border-radius: .25em; padding: 0 .3em; margin-right: .45em;
  vertical-align: .15em; white-space: nowrap; }
.preamble p, .attachment p, p.text, p.footnote { margin: 0 0 .5rem; }
p.footnote { font-size: .9em; color: var(--muted); }
.ref.unresolved { border-bottom: 1px dotted var(--warn); cursor: help; }
a.ref { border-bottom: 1px solid transparent; }
.cited-by { clear: both; margin: .4rem 0 0 1.25rem; padding: .3rem .75rem; font-size: .85rem;
  line-height: 1.6; background: var(--soft); border-left: 3px solid var(--rule); }
.cited-by p { margin: 0; color: var(--muted); font-weight: 600; }
.cited-by ul { margin: 0; padding-left: 1.1rem; }
.cited-by .cites { color: var(--muted); }
:target { scroll-margin-top: .25rem; }
:target:not(nav) { background: var(--hl); }
footer { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
table.corpus { border-collapse: collapse; width: 100%; font-size: .95rem; }
table.corpus th, table.corpus td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--rule);
  vertical-align: top; }
table.corpus .num { text-align: right; font-variant-numeric: tabular-nums; }
table.corpus .num, table.corpus .kind { white-space: nowrap; }
table.corpus td.id { overflow-wrap: normal; }
.index main { max-width: none; }
@media (max-width: 40rem) {
  h1 { font-size: 1.35rem; }
  table.corpus .id { display: none; }
}
@media (min-width: 62rem) {
  .with-toc { grid-template-columns: 15rem minmax(0, 1fr); }
  .with-toc > header, .with-toc > footer { grid-column: 1 / -1; }
  nav.toc { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto;
    padding: .5rem .25rem 1rem 0; }
  @supports selector(::details-content) {
    nav.toc details::details-content { content-visibility: visible; display: block; }
    nav.toc summary { pointer-events: none; list-style: none; }
    nav.toc summary::-webkit-details-marker { display: none; }
  }
}
@page { margin: 2cm 2.2cm; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #333; --link: #000; --rule: #999; --soft: #fff; --hl: #fff; }
  body { font-size: 11pt; line-height: 1.6; color: #000; background: #fff;
    font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
  nav.toc, .skip, footer { display: none; }
  .page { display: block; max-width: none; padding: 0; }
  main { max-width: none; }
  a, a:visited { color: #000; text-decoration: none; }
  a[href]::after { content: none; }
  .article, .item, .subitem, .cited-by li, .history p { break-inside: avoid; }
  h1, h2, h3, h4, h5, h6, .art-label { break-after: avoid; }
  .ref.unresolved { border: 0; }
  :target:not(nav) { background: none; }
}
"""


def shell(title: str, body: str, layout: str = "page") -> str:
    """The page shell (``regtext.htmlpage``) around ``body``, with this page's stylesheet, a
    link to skip to the text and the layout: ``page with-toc`` puts the table of contents beside
    the text on wide screens."""
    inside = f'<a class="skip" href="#main">跳到正文</a>\n<div class="{layout}">\n{body}</div>\n'
    return page_shell(title, CSS, inside, meta={"generator": "regtext"})


# -- one document ------------------------------------------------------------------------------

def to_html(doc: Document, cited_by: CitedBy, link: str = "{id}.html", corpus: Corpus | None = None) -> str:
    """``doc`` as one self-contained page.  ``cited_by`` is ``regtext.refs.citedby.cited_by(doc,
    corpus)``; ``link`` names another corpus document's page (``{id}.html``)."""
    return _Page(doc, cited_by, link, corpus).render()


class _Page:
    def __init__(self, doc: Document, cited_by: CitedBy, link: str, corpus: Corpus | None) -> None:
        self.doc, self.cited_by, self.link, self.corpus = doc, cited_by, link, corpus
        self.refs = NodeReferences(doc.references)

    def render(self) -> str:
        title = self.doc.meta.title or self.doc.id
        if self.doc.meta.subtitle:
            title += " " + self.doc.meta.subtitle
        main = "".join(self.block(node, 0) for node in self.doc.children)
        toc = self.toc()
        to_toc = '<a href="#toc">目录</a> · ' if toc else ""
        body = (f"{self.header()}{toc}"
                f'<main id="main">\n{main}</main>\n'
                f'<footer><p><a href="#top">回到顶部</a> · {to_toc}'
                f"regtext · <code>{esc(self.doc.id)}</code></p></footer>\n")
        return shell(title, body, "page with-toc" if toc else "page")

    # -- other documents, when the corpus is at hand

    def _corpus(self) -> Corpus:
        if self.corpus is None:
            from ..corpus import default_corpus

            self.corpus = default_corpus()
        return self.corpus

    def load(self, doc_id: str) -> Document:
        return self.doc if doc_id == self.doc.id else self._corpus().load(doc_id)

    def title_of(self, doc_id: str) -> str:
        if doc_id == self.doc.id:
            return self.doc.meta.title or doc_id
        entry = self._corpus().entries.get(doc_id)
        return entry.title if entry else doc_id

    def href(self, doc_id: str | None, eid: str | None) -> str | None:
        """``#eid`` in this page, ``{id}.html#eid`` in another; None: nothing to point at."""
        if doc_id is None or doc_id == self.doc.id:
            return f"#{eid}" if eid else None
        page = self.link.format(id=doc_id)
        return f"{page}#{eid}" if eid else page

    # -- header

    def header(self) -> str:
        meta = self.doc.meta
        title_node = next((n for n in self.doc.children if n.type == "title"), None)
        h1_id = f' id="{esc(title_node.eid)}"' if title_node is not None and title_node.eid else ""
        subtitle = f'<span class="subtitle">{esc(meta.subtitle)}</span>' if meta.subtitle else ""
        parts = [f'<header id="top">\n<h1{h1_id}>{esc(meta.title or self.doc.id)}{subtitle}</h1>\n',
                 self.history(), '<div class="meta">\n', self.effective()]
        if meta.interpreted_by:
            parts.append(f"<p>解释机关：{esc(meta.interpreted_by)}</p>\n")
        parts.append(self.docinfo())
        parts.append("</div>\n</header>\n")
        return "".join(parts)

    def history(self) -> str:
        """Each line of the history block as printed, its date in a <time>."""
        node = next((n for n in self.doc.children if n.type == "history"), None)
        events = list(self.doc.meta.history)
        lines = [line.strip() for line in node.text.split("\n") if line.strip()] if node else [e.text for e in events]
        if not lines:
            return ""
        out = []
        for line in lines:
            event = next((e for e in events if e.text and e.text in line), None)
            out.append(f"<p>{_with_time(line, event)}</p>\n")
        block_id = f' id="{esc(node.eid)}"' if node is not None and node.eid else ""
        return f'<div class="history"{block_id}>\n{"".join(out)}</div>\n'

    def effective(self) -> str:
        meta = self.doc.meta
        if meta.effective is None and not meta.effective_basis:
            return ""
        when = (f'<time datetime="{meta.effective.isoformat()}">{cn_date(meta.effective)}</time>'
                if meta.effective else "日期未注明")
        basis = f"（依据：{self.basis(meta.effective_basis)}）" if meta.effective_basis else ""
        return f'<p class="effective">施行日期：{when}{basis}</p>\n'

    def basis(self, basis: str) -> str:
        """``第十四条 自发布之日起施行``: the article it was read from becomes a link."""
        label, _, rest = basis.partition(" ")
        article = next((a for a in self.doc.articles() if a.label == label), None) if rest else None
        if article is None:
            return esc(basis)
        return f'<a href="#{esc(article.eid)}">{esc(label)}</a> {esc(rest)}'

    def docinfo(self) -> str:
        entry = self._corpus().entries.get(self.doc.id)
        kind = KIND_NAMES.get(entry.kind, entry.kind) if entry and entry.kind else ""
        bits = [f"<code>{esc(self.doc.id)}</code>"] + ([esc(kind)] if kind else [])
        bits.append(f"{len(self.doc.articles())} 条")
        return f'<p class="docinfo">{" · ".join(bits)}</p>\n'

    # -- table of contents

    def toc(self) -> str:
        items = "".join(self.toc_item(node) for node in self.doc.children)
        if not items:
            return ""
        return (f'<nav class="toc" id="toc" aria-label="目录">\n<details>\n<summary>目录</summary>\n'
                f"<ol>\n{items}</ol>\n</details>\n</nav>\n")

    def toc_item(self, node: Node) -> str:
        if node.type in DIVISION_TYPES:
            inner = "".join(self.toc_item(child) for child in node.children)
            sub = f"<ol>\n{inner}</ol>\n" if inner else ""
            return f'<li class="div"><a href="#{esc(node.eid)}">{self.heading_text(node)}</a>{sub}</li>\n'
        if node.type == "article":
            return f'<li><a href="#{esc(node.eid)}">{esc(node.label)}</a></li>\n'
        if node.type in ("preamble", "attachment") and (node.text or node.heading):
            return f'<li class="div"><a href="#{esc(node.eid)}">{self.heading_text(node)}</a></li>\n'
        return ""

    def heading_text(self, node: Node) -> str:
        """A division's heading as printed: 第一章 总则 (label and text; the heading if no text)."""
        text = esc(node.text or node.heading or "")
        return f'<span class="label">{esc(node.label)}</span> {text}' if node.label else text

    # -- the text

    def block(self, node: Node, depth: int) -> str:
        if node.type in ("title", "history"):
            return ""  # in the header
        if node.type in DIVISION_TYPES:
            return self.division(node, depth)
        if node.type == "article":
            return self.article(node, depth)
        if node.type in ("preamble", "attachment"):
            return self.container(node)
        return self.provision(node)

    def division(self, node: Node, depth: int) -> str:
        level = min(depth + 2, 6)
        inner = "".join(self.block(child, depth + 1) for child in node.children)
        return (f'<section class="division {esc(node.type)}" id="{esc(node.eid)}">\n'
                f"<h{level}>{self.heading_text(node)}</h{level}>\n{inner}</section>\n")

    def container(self, node: Node) -> str:
        """The preamble, an attachment: an optional heading, then paragraphs."""
        heading = f"<h2>{self.heading_text(node)}</h2>\n" if node.text or node.heading or node.label else ""
        inner = "".join(self.block(child, 0) for child in node.children)
        return f'<section class="{esc(node.type)}" id="{esc(node.eid)}">\n{heading}{inner}</section>\n'

    def article(self, node: Node, depth: int) -> str:
        level = min(depth + 2, 6)
        paragraphs = [c for c in node.children if c.type == "paragraph"]
        numbered = len(paragraphs) > 1
        own = f"<p>{self.inline(node)}</p>\n" if node.text else ""
        inner = "".join(self.provision(child, numbered) for child in node.children)
        return (f'<section class="article" id="{esc(node.eid)}">\n'
                f'<h{level} class="art-label"><a href="#{esc(node.eid)}">{esc(node.label)}</a></h{level}>\n'
                f"{own}{inner}{self.cited_list(node)}</section>\n")

    def provision(self, node: Node, numbered: bool = False) -> str:
        """A 款, 项, 目, footnote or loose text: its label and text, then its children.  A 款 of an
        article with several gets a discreet 第N款 marker (CSS generated content)."""
        marker = ""
        if numbered and node.type == "paragraph" and isinstance(node.number, int):
            marker = f' data-para="第{to_chinese(node.number)}款"'
        label = f'<span class="label">{esc(node.label)}</span>' if node.label else ""
        text = label + self.inline(node, heading=node.type in ("item", "subitem"))
        cls, eid = esc(node.type), esc(node.eid)
        if not node.children:
            return f'<p class="{cls}" id="{eid}"{marker}>{text}</p>\n'
        intro = f"<p{marker}>{text}</p>\n" if text else ""
        inner = "".join(self.provision(child) for child in node.children)
        return f'<div class="{cls}" id="{eid}">\n{intro}{inner}</div>\n'

    def inline(self, node: Node, heading: bool = False) -> str:
        """The node's own text, escaped, its references marked up; an item's heading (the short
        name it opens with) in <b> when no reference overlaps it."""
        out: list[str] = []
        skip = 0
        if heading and node.heading and node.text.startswith(node.heading) and \
                all(r.start - text_start(node) >= len(node.heading) for r in self.refs.of(node)):
            out.append(f'<b class="heading">{esc(node.heading)}</b>')
            skip = len(node.heading)
        for piece in self.refs.pieces(node, skip):
            out.append(esc(piece.text) if piece.ref is None else self.reference(piece.ref, node.text, text_start(node)))
        return "".join(out)

    # -- references

    def reference(self, ref: Reference, text: str, base: int) -> str:
        """One reference: one link, or one link per target path when the paths are written apart
        (本条例第二十四条第一款、第二十五条第一款)."""
        span = text[ref.start - base:ref.end - base]
        spans = [(t.start, t.end) for t in ref.targets]
        apart = len(set(spans)) == len(spans) > 1 and _ordered_within(spans, ref.start, ref.end)
        if not apart:
            return self.group(ref, ref.targets, span)
        out: list[str] = []
        pos = ref.start
        for target in ref.targets:
            out.append(esc(text[pos - base:target.start - base]))
            out.append(self.group(ref, [target], text[target.start - base:target.end - base]))
            pos = target.end
        out.append(esc(text[pos - base:ref.end - base]))
        return "".join(out)

    def group(self, ref: Reference, targets: list[Target], text: str) -> str:
        """Targets written as one path: a link to the first node they designate (the whole list
        or range in the title), a link to a whole document, or an unresolved span."""
        resolved = [t for t in targets if t.resolved]
        if not resolved:
            why = _why_unresolved(ref, targets)
            return f'<span class="ref unresolved" title="{esc(why)}">{esc(text)}</span>'
        doc_id = resolved[0].doc
        nodes = [n for t in resolved if t.doc == doc_id for n in t.nodes]
        href = self.href(doc_id, nodes[0].eid if nodes else None)
        if href is None:  # this document, cited as a whole
            return esc(text)
        ranged = len(resolved) == 1 and resolved[0].range_to is not None and len(nodes) > 1
        title = self.describe(doc_id, nodes, ranged)
        return f'<a class="ref" href="{esc(href)}" title="{esc(title)}">{esc(text)}</a>'

    def describe(self, doc_id: str | None, nodes: list[Node], ranged: bool = False) -> str:
        """What a link points at, for its title: 第二十四条第（二）项至第（七）项, 《…》第三条."""
        other = doc_id is not None and doc_id != self.doc.id
        prefix = f"《{self.title_of(doc_id)}》" if other and doc_id else ""
        if not nodes:
            return prefix
        doc = self.load(doc_id) if other and doc_id else self.doc
        if ranged:
            return prefix + format_parts([Part(address_of(nodes[0]), address_of(nodes[-1]))], "zh", doc)
        return prefix + self.citation(nodes, doc)

    @staticmethod
    def citation(nodes: list[Node], doc: Document) -> str:
        cited = format_nodes(nodes, "zh", doc)
        if cited:
            return cited
        first = nodes[0]
        if first.type in DIVISION_TYPES:  # 本章, 本节
            return " ".join(filter(None, (first.label, first.text or first.heading)))
        top = first  # outside any article: a preamble or attachment paragraph
        while top.parent is not None:
            top = top.parent
        return {"preamble": "序言"}.get(top.type, top.heading or top.text or first.eid)

    # -- cited by

    def cited_list(self, article: Node) -> str:
        """被引用: one entry per citing provision (in this page first, then other documents),
        with what it cites when that is a part of the article.  Citations from inside the
        article itself (前款, 本条) are left out: the reader is already there."""
        entries: dict[tuple[str, str], tuple[str, Reference, list[Node]]] = {}
        for node in article.walk():
            for doc_id, ref in self.cited_by.get(node.eid, ()):
                if doc_id == self.doc.id and ref.source.article is article:
                    continue
                key = (doc_id, ref.source.eid)
                entry = entries.setdefault(key, (doc_id, ref, []))
                if node not in entry[2]:
                    entry[2].append(node)
        if not entries:
            return ""
        order = sorted(entries.values(), key=lambda e: (e[0] != self.doc.id, e[0], e[1].source.start))
        items = "".join(self.cited_entry(doc_id, ref, nodes, article) for doc_id, ref, nodes in order)
        return f'<aside class="cited-by" aria-label="被引用">\n<p>被引用</p>\n<ul>\n{items}</ul>\n</aside>\n'

    def cited_entry(self, doc_id: str, ref: Reference, nodes: list[Node], article: Node) -> str:
        source = ref.source
        name = self.describe(doc_id, [source]) if doc_id != self.doc.id else self.citation([source], self.doc)
        href = self.href(doc_id, source.eid) or "#"
        cites = ""
        if nodes != [article]:
            parts = sorted(nodes, key=lambda n: n.start)
            cites = f' <span class="cites">→ {esc(self.citation(parts, self.doc))}</span>'
        return f'<li><a href="{esc(href)}">{esc(name)}</a>{cites}</li>\n'


def _with_time(line: str, event: Event | None) -> str:
    """A history line, escaped, its date (2023年7月27日) in <time datetime="2023-07-27">."""
    if event is None or "日" not in event.text:
        return esc(line)
    stamp = event.text[: event.text.index("日") + 1]
    at = line.find(stamp)
    if at < 0:
        return esc(line)
    return (esc(line[:at]) + f'<time datetime="{event.date.isoformat()}">{esc(stamp)}</time>'
            + esc(line[at + len(stamp):]))


def _ordered_within(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Target paths that can be linked one by one: inside the reference, in order, apart."""
    pos = start
    for a, b in spans:
        if a < pos or b > end or a >= b:
            return False
        pos = b
    return True


def _why_unresolved(ref: Reference, targets: list[Target]) -> str:
    if ref.message:
        return ref.message
    if ref.external and all(t.doc is None for t in targets):
        name = ref.document or ref.text.strip("《》")
        return f"《{name}》 is not in the corpus"
    doc_ids = sorted({t.doc for t in targets if t.doc})
    if doc_ids:
        return f"{ref.text}: the cited provision is not in the corpus copy of {', '.join(doc_ids)}"
    return f"{ref.text}: could not be resolved"


# -- the corpus index --------------------------------------------------------------------------

def index_page(corpus: Corpus) -> str:
    """The page listing every corpus document (``index.html`` of ``export --all --to html``)."""
    rows = []
    for entry in corpus:
        doc = corpus.load(entry.id)
        primary = ' <span class="primary">（主要文件）</span>' if entry.primary else ""
        kind = KIND_NAMES.get(entry.kind, entry.kind)
        rows.append(
            f'<tr><td><a href="{esc(entry.id)}.html">{esc(entry.title)}</a>{primary}</td>'
            f'<td class="id"><code>{esc(entry.id)}</code></td>'
            f'<td class="kind" title="{esc(entry.kind)}">{esc(kind)}</td>'
            f'<td class="num">{len(doc.articles())}</td></tr>\n'
        )
    body = (
        '<header id="top">\n<h1>法规文本</h1>\n'
        f'<div class="meta"><p class="docinfo">regtext corpus · {len(rows)} 件</p></div>\n</header>\n'
        '<main id="main">\n<table class="corpus">\n'
        '<thead><tr><th scope="col">标题</th><th scope="col" class="id">id</th>'
        '<th scope="col" class="kind">类别</th><th scope="col" class="num">条数</th></tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</main>\n"
    )
    return shell("法规文本 · regtext", body, "page index")
