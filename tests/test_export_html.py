"""HTML: one valid, self-contained page per document (strict HTML5, unique ids, every internal link
resolved, nothing fetched from anywhere), the law's text exactly as parsed, references as links,
cited-by lists, and a corpus export whose cross-document links all land; in Chromium, the page
loads cleanly, links scroll to their provision and a 360 px phone never scrolls sideways."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

import html5lib
import pytest

import regtext
from regtext.export.formats import export_corpus, export_document
from regtext.export.html import index_page, to_html
from tests.conftest import CORPUS_IDS, PRIMARY


@lru_cache(maxsize=None)
def page(doc_id: str) -> str:
    html = export_document(regtext.load(doc_id), "html")
    assert isinstance(html, str)
    return html


def parse(text: str) -> ET.Element:
    """Strict HTML5 parsing: any parse error raises."""
    root: ET.Element = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    return root


@lru_cache(maxsize=None)
def tree(doc_id: str) -> ET.Element:
    return parse(page(doc_id))


def ids(root: ET.Element) -> list[str]:
    return [id_ for e in root.iter() if (id_ := e.get("id")) is not None]


def by_id(root: ET.Element, eid: str) -> ET.Element:
    found = [e for e in root.iter() if e.get("id") == eid]
    assert len(found) == 1, eid
    return found[0]


def text_of(element: ET.Element | None) -> str:
    assert element is not None
    return "".join(element.itertext())


def links(root: ET.Element | None) -> list[ET.Element]:
    assert root is not None
    return [e for e in root.iter("a") if e.get("href") is not None]


def href(a: ET.Element) -> str:
    """The link of an element of links()."""
    return a.get("href", "")


# -- every document ------------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_writes_strict_html5_with_unique_ids_and_resolving_anchors(doc_id: str) -> None:
    root = tree(doc_id)
    all_ids = ids(root)
    assert len(all_ids) == len(set(all_ids))
    internal = [href(a)[1:] for a in links(root) if href(a).startswith("#")]
    assert internal and set(internal) <= set(all_ids)
    assert root.get("lang") == "zh-CN"
    head = root.find("head")
    assert head.find("meta[@charset='utf-8']") is not None
    assert head.find("meta[@name='viewport']").get("content") == "width=device-width, initial-scale=1"
    assert text_of(head.find("title")).startswith(regtext.load(doc_id).meta.title or doc_id)


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_anchors_every_node_by_its_eid_and_keeps_its_text_exactly(doc_id: str) -> None:
    doc = regtext.load(doc_id)
    root = tree(doc_id)
    anchored = set(ids(root))
    for node in doc.walk():
        assert node.eid in anchored, node.eid
        if node.type not in ("paragraph", "item", "subitem") or not (node.label or node.text):
            continue
        element = by_id(root, node.eid)
        own = element if element.tag == "p" else element.find("p")  # a 款 with items: its intro
        assert text_of(own) == node.label + node.text, node.eid


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_requests_nothing_from_outside(doc_id: str) -> None:
    text = page(doc_id)
    assert not re.search(r"\bsrc\s*=|@import|url\(|https?:|//", text.replace("<!DOCTYPE html>", ""))
    for a in links(tree(doc_id)):
        assert re.fullmatch(r"#[\w-]+|[a-z0-9_]+\.html(#[\w-]+)?", href(a)), href(a)
    assert "<script" not in text and "<link" not in text and "<img" not in text


def it_gives_the_same_string_for_the_same_input() -> None:
    doc = regtext.load(PRIMARY)
    corpus = regtext.default_corpus()
    from regtext.refs.citedby import cited_by

    assert to_html(doc, cited_by(doc, corpus), corpus=corpus) == to_html(doc, cited_by(doc, corpus), corpus=corpus)
    assert page(PRIMARY) == export_document(doc, "html")


def it_escapes_everything() -> None:
    doc = regtext.parse('第一条 a<b>&c "x" </p><script>alert(1)</script>。\n\n第二条 见本法第一条。')
    text = to_html(doc, {})
    parse(text)
    assert "<script" not in text and "<b>&" not in text
    assert "a&lt;b&gt;&amp;c &quot;x&quot; &lt;/p&gt;&lt;script&gt;" in text
    assert text_of(by_id(parse(text), "art_1__para_1")) == 'a<b>&c "x" </p><script>alert(1)</script>。'


# -- the primary regulation ------------------------------------------------------------------------

def it_has_a_header_with_the_history_and_the_effective_date() -> None:
    root = tree(PRIMARY)
    header = root.find(".//header")
    assert text_of(header.find("h1")) == "安全生产责任追究办法（试行）"
    times = [(t.get("datetime"), text_of(t)) for t in header.iter("time")]
    assert times == [("2023-07-27", "2023年7月27日"), ("2023-08-01", "2023年8月1日"), ("2023-08-01", "2023年8月1日")]
    history = [text_of(p) for p in by_id(root, "history").iter("p")]
    assert history == ["（2023年7月27日自治区党委全会审议通过", "2023年8月1日自治区党委办公厅、政府办公厅发布）"]
    effective = next(p for p in header.iter("p") if p.get("class") == "effective")
    assert "第十四条 自发布之日起施行" in text_of(effective)
    assert effective.find("a").get("href") == "#art_14"


def it_shows_the_amending_decisions_date_and_quotes_it_as_the_basis() -> None:
    """The date comes from corpus/jianchafa_2024.meta.yaml (amendment_effective), not the text."""
    effective = next(p for p in tree("jianchafa_2024").iter("p") if p.get("class") == "effective")
    assert [(t.get("datetime"), text_of(t)) for t in effective.iter("time")] == [("2025-06-01", "2025年6月1日")]
    assert text_of(effective) == (
        "施行日期：2025年6月1日（依据：《全国人民代表大会常务委员会关于修改〈中华人民共和国监察法〉的决定》"
        "（2024年12月25日第十四届全国人民代表大会常务委员会第十三次会议通过）：本决定自2025年6月1日起施行。）")


def it_has_a_table_of_contents_of_divisions_and_articles() -> None:
    toc = by_id(tree(PRIMARY), "toc")
    assert [(a.get("href"), text_of(a)) for a in links(toc)][:2] == [("#art_1", "第一条"), ("#art_2", "第二条")]
    assert len(links(toc)) == 14
    criminal = by_id(tree("xingshi_susongfa_2018"), "toc")
    hrefs = [a.get("href") for a in links(criminal)]
    assert hrefs[:3] == ["#part_1", "#part_1__chp_1", "#art_1"]
    assert "#dvs_1" in hrefs and len([h for h in hrefs if h.startswith("#art_")]) == 308


def it_links_internal_references_to_their_provision() -> None:
    item = by_id(tree(PRIMARY), "art_7__para_1__point_1")
    (link,) = [a for a in item.iter("a") if "ref" in (a.get("class") or "")]
    assert (text_of(link), link.get("href")) == ("本办法第四条", "#art_4")


def it_links_other_corpus_documents_to_their_page() -> None:
    paragraph = by_id(tree(PRIMARY), "art_1__para_1")
    hrefs = {text_of(a): a.get("href") for a in paragraph.iter("a")}
    assert hrefs["《中华人民共和国监察法》"] == "jianchafa_2024.html"
    assert hrefs["《中华人民共和国公职人员政务处分法》"] == "zhengwu_chufenfa_2020.html"
    item = by_id(tree("zhengwu_chufenfa_2020"), "art_2__para_3")
    assert [a.get("href") for a in item.iter("a")] == ["jianchafa_2024.html#art_15"]


def it_marks_documents_outside_the_corpus_as_unresolved() -> None:
    paragraph = by_id(tree(PRIMARY), "art_1__para_1")
    spans = [(text_of(s), s.get("title")) for s in paragraph.iter("span") if s.get("class") == "ref unresolved"]
    assert spans == [("《中国共产党纪律处分条例》", "《中国共产党纪律处分条例》 is not in the corpus"),
                     ("《中国共产党问责条例》", "《中国共产党问责条例》 is not in the corpus")]


def it_links_each_path_of_a_list_and_the_first_node_of_a_range() -> None:
    paragraph = by_id(tree("guoqi_guanlirenyuan_chufen_2024"), "art_46__para_1")
    listed = [(text_of(a), a.get("href")) for a in paragraph.iter("a")]
    assert listed == [("第六十一条", "zhengwu_chufenfa_2020.html#art_61"), ("第六十三条", "zhengwu_chufenfa_2020.html#art_63")]
    assert "有公职人员政务处分法第六十一条、第六十三条规定情形的" in text_of(paragraph)
    ranged = [a for a in tree("xingzheng_chufafa_2021").iter("a") if text_of(a) == "本法第六十七条至第六十九条"]
    assert ranged and all((a.get("href"), a.get("title")) == ("#art_67", "第六十七条至第六十九条") for a in ranged)


def it_lists_who_cites_an_article() -> None:
    article = by_id(tree(PRIMARY), "art_4")
    aside = article.find("aside")
    assert [(a.get("href"), text_of(a)) for a in links(aside)] == [("#art_7__para_1__point_1", "第七条第（一）项")]
    assert by_id(tree(PRIMARY), "art_5").find("aside") is None
    cited = by_id(tree("jianchafa_2024"), "art_15").find("aside")
    entries = [(a.get("href"), text_of(a)) for a in links(cited)]
    assert ("zhengwu_chufenfa_2020.html#art_2__para_3", "《中华人民共和国公职人员政务处分法》第二条第三款") in entries


def it_marks_the_paragraph_number_of_multi_paragraph_articles_only() -> None:
    root = tree(PRIMARY)
    assert by_id(root, "art_6__para_2").get("data-para") == "第二款"
    assert by_id(root, "art_6__para_1").find("p").get("data-para") == "第一款"
    assert not [e for e in by_id(root, "art_4").iter() if e.get("data-para")]


def it_has_a_print_stylesheet_and_a_phone_layout() -> None:
    css = tree(PRIMARY).find("head/style").text or ""
    printed = css[css.index("@media print"):]
    assert re.search(r"nav\.toc[^{]*\{ display: none", printed)
    assert "break-inside: avoid" in printed and "#000" in printed
    assert "grid-template-columns: minmax(0, 1fr)" in css and "overflow-wrap: anywhere" in css


# -- the corpus ------------------------------------------------------------------------------------

def it_exports_the_corpus_with_an_index_and_landing_cross_document_links(tmp_path: Path) -> None:
    written = export_corpus("html", tmp_path)
    pages = sorted(p.name for p in tmp_path.glob("*.html"))
    assert pages == sorted([f"{doc_id}.html" for doc_id in CORPUS_IDS] + ["index.html"])
    assert len(written) == len(pages) == 23
    ids_of = {p.name: set(ids(parse(p.read_text(encoding="utf-8")))) for p in tmp_path.glob("*.html")}
    crossing = 0
    for name in pages:
        for a in links(parse((tmp_path / name).read_text(encoding="utf-8"))):
            target, _, fragment = a.get("href").partition("#")
            if not target:
                continue
            assert target in ids_of, (name, a.get("href"))
            if fragment:
                crossing += 1
                assert fragment in ids_of[target], (name, a.get("href"))
    assert crossing > 20


def it_indexes_every_document() -> None:
    root = parse(index_page(regtext.default_corpus()))
    rows = root.findall(".//tbody/tr")
    assert len(rows) == len(CORPUS_IDS)
    primary = next(r for r in rows if r.find("td/a").get("href") == f"{PRIMARY}.html")
    assert [text_of(td) for td in primary.findall("td")][1:] == [PRIMARY, "规范性文件", "14"]
    assert text_of(primary.find("td/a")) == "安全生产责任追究办法（试行）"


# -- in Chromium -------------------------------------------------------------------------------------

@pytest.fixture
def browser_page():
    """A Playwright page in Debian's Chromium (tests/support/browser.py); skipped without it."""
    try:
        from tests.support.browser import chromium_page, require_chromium
    except ImportError as exc:
        pytest.skip(f"browser support unavailable: {exc}")
    require_chromium()
    with chromium_page() as p:
        yield p


@pytest.fixture
def primary_file(tmp_path: Path) -> Path:
    export_corpus("html", tmp_path)
    return tmp_path / f"{PRIMARY}.html"


def open_page(p, path: Path) -> list[str]:
    """Load ``path`` and return the console errors and page errors it produced."""
    errors: list[str] = []
    p.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.on("request", lambda request: None if request.url.startswith("file:") else errors.append(request.url))
    p.goto(path.as_uri())
    p.wait_for_load_state("load")
    return errors


MISSING_TARGETS = """() => Array.from(document.querySelectorAll('a[href^="#"]'))
    .map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))"""


@pytest.mark.chromium
def it_loads_cleanly_and_jumps_to_the_cited_article(browser_page, primary_file: Path) -> None:
    p = browser_page
    p.set_viewport_size({"width": 1280, "height": 800})
    errors = open_page(p, primary_file)
    assert p.evaluate(MISSING_TARGETS) == []
    p.click('main a.ref[href="#art_4"]')
    assert p.evaluate("location.hash") == "#art_4"
    top = p.evaluate("document.getElementById('art_4').getBoundingClientRect().top")
    assert abs(top) <= 8
    if p.evaluate("CSS.supports('selector(::details-content)')"):  # the sidebar shows the whole TOC
        assert p.evaluate("document.querySelector('#toc a[href=\"#art_14\"]').getBoundingClientRect().height") > 0
    assert errors == []


@pytest.mark.chromium
def it_fits_a_360_pixel_phone(browser_page, primary_file: Path, tmp_path: Path) -> None:
    p = browser_page
    p.set_viewport_size({"width": 360, "height": 740})
    errors = open_page(p, primary_file)
    assert p.evaluate("document.documentElement.scrollWidth") <= 360
    toc, main = (p.evaluate(f"document.querySelector('{s}').getBoundingClientRect().top") for s in ("#toc", "main"))
    assert toc < main  # the table of contents sits above the text, collapsed
    assert p.evaluate("document.querySelector('#toc details').open") is False
    p.screenshot(path=str(tmp_path / "primary-360.png"), full_page=True)
    assert (tmp_path / "primary-360.png").stat().st_size > 0
    assert errors == []


@pytest.mark.chromium
def it_prints_without_navigation(browser_page, primary_file: Path) -> None:
    p = browser_page
    open_page(p, primary_file)
    p.emulate_media(media="print")
    assert p.evaluate("getComputedStyle(document.getElementById('toc')).display") == "none"
    assert p.evaluate("getComputedStyle(document.querySelector('main a.ref')).color") == "rgb(0, 0, 0)"
