"""Citations both ways: design.md §6's table, round trips in every style, groups and ranges,
and the never-crash property."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import regtext
from regtext import cite
from regtext.cite.address import Address
from regtext.errors import NotFound
from tests.conftest import CORPUS_IDS, PRIMARY, node_at

TABLE = {
    "art_4__para_1__point_3": {"zh": "第四条第（三）项", "zh-short": "第四条第（三）项", "zh-plain": "第四条第三项",
                               "en": "Article 4(3)", "eid": "art_4__para_1__point_3"},
    "art_6__para_1__point_3": {"zh": "第六条第一款第（三）项", "zh-short": "第六条第（三）项",
                               "zh-plain": "第六条第一款第三项", "en": "Article 6(3)", "eid": "art_6__para_1__point_3"},
    "art_6__para_2": {"zh": "第六条第二款", "zh-short": "第六条第二款", "zh-plain": "第六条第二款",
                      "en": "Article 6, paragraph 2", "eid": "art_6__para_2"},
}


@pytest.mark.parametrize("eid", TABLE)
@pytest.mark.parametrize("style", cite.STYLES)
def it_formats_the_design_table(primary, eid: str, style: str) -> None:
    assert cite.format_nodes([primary.get(eid)], style, primary) == TABLE[eid][style]


@pytest.mark.parametrize(("text", "eid"), [
    ("Article 4(3)", "art_4__para_1__point_3"), ("Article 6(4)", "art_6__para_1__point_4"),
    ("第4条第3项", "art_4__para_1__point_3"), ("Art. 4(3)", "art_4__para_1__point_3"),
    ("第四条（三）", "art_4__para_1__point_3"), ("第六条第（四）项", "art_6__para_1__point_4"),
    ("本办法第六条第一款第（四）项", "art_6__para_1__point_4"), ("art_6__para_2", "art_6__para_2"),
    ("第 六 条", "art_6"), ("Article 6, paragraph 2", "art_6__para_2"),
])
def it_reads_every_style(primary, text: str, eid: str) -> None:
    assert primary.find(text).eid == eid


def it_says_article_6_item_4_the_way_each_style_does(primary) -> None:
    node = primary.find("Article 6(4)")
    assert cite.format_nodes([node], "zh", primary) == "第六条第一款第（四）项"
    assert cite.format_nodes([node], "zh-short", primary) == "第六条第（四）项"


@pytest.mark.parametrize("doc_id", ["ningxia_anquan_zhuijiu_2023", "geshuifa_shishitiaoli_2018", "zhongzifa_2021",
                                    "xingshi_susongfa_2018"])
@pytest.mark.parametrize("style", cite.STYLES)
def it_round_trips_every_provision_in_every_style(doc_id: str, style: str) -> None:
    doc = regtext.load(doc_id)
    for node in doc.walk():
        if node.article is None or node.type not in ("article", "paragraph", "item", "subitem"):
            continue
        if node.type == "paragraph" and len(node.parent.children) == 1 and style != "eid":
            continue  # the only 款 of an article is cited as the article itself
        written = cite.format_nodes([node], style, doc)
        assert doc.find_all(written) == [node], (node.eid, written)
        assert cite.format_parts(cite.parse(written).parts, style, doc) == written


@pytest.mark.parametrize(("eids", "style", "text"), [
    (["art_6__para_1__point_3", "art_6__para_1__point_5"], "zh", "第六条第一款第（三）项、第（五）项"),
    (["art_4__para_1__point_3", "art_4__para_1__point_4"], "zh", "第四条第（三）项、第（四）项"),
    (["art_4__para_1__point_2", "art_4__para_1__point_3", "art_4__para_1__point_4"], "zh", "第四条第（二）项至第（四）项"),
    (["art_4__para_1__point_3", "art_6__para_1__point_3"], "zh", "第四条第（三）项、第六条第一款第（三）项"),
    (["art_4__para_1__point_3", "art_6__para_1__point_3"], "en", "Article 4(3); Article 6(3)"),
    (["art_6__para_1__point_3", "art_6__para_1__point_5"], "en", "Article 6(3), (5)"),
    (["art_9", "art_10"], "zh", "第九条、第十条"),
])
def it_groups_provisions_of_one_article(primary, eids: list[str], style: str, text: str) -> None:
    nodes = [primary.get(e) for e in eids]
    assert cite.format_nodes(nodes, style, primary) == text
    assert primary.find_all(text) == nodes


def it_expands_a_range_of_articles_with_zhiyi_articles() -> None:
    doc = regtext.parse_file("tests/fixtures/parse/zhiyi_articles.txt")
    assert [n.eid for n in doc.find_all("第一百三十三条至第一百三十四条")] == ["art_133", "art_133-1", "art_133-2", "art_134"]


def it_suggests_the_nearest_provisions_when_a_citation_does_not_exist(primary) -> None:
    with pytest.raises(NotFound) as missing:
        primary.find("第四条第（七）项")
    assert str(missing.value) == "第四条第（七）项 does not exist in 《安全生产责任追究办法（试行）》 (第四条 has items （一）–(六))"
    with pytest.raises(NotFound) as missing:
        primary.find("第十五条")
    assert "it has 第一条 to 第十四条; nearest: 第十四条" in str(missing.value)


@pytest.mark.parametrize("text", ["", "hello", "第四条第", "第一二条", "Article", "art_x", "第四条第（三）项和", "第二章第二款"])
def it_rejects_what_is_not_a_citation(text: str) -> None:
    with pytest.raises(cite.CitationSyntaxError):
        cite.parse(text)


def _read(parts: list[cite.Part]) -> list[tuple[Address, Address | None]]:
    return [(p.address, p.range_to) for p in parts]


#: Single characters, and whole pieces of citations so that valid ones come up often too.
PIECES = list("第四条款项（）()一二三十0123456789 ,;Articlepargh_-至、和") + [
    "art_", "Article ", "第四条", "第六条", "第十二条", "第二款", "第（三）项", "第五项", "第2目", "第4条", "、", "至",
    "Article 6", "(3)", ", paragraph 2", " to ", "art_4", "__para_1", "__point_2", "第二章", "《中华人民共和国监察法》"]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
@example("第六条第一款第（三）项、第（五）项")
@example("第四条第（二）项至第（四）项")
@example("Article 6(3), (5)")
@example("第二章第四条")
def it_never_fails_on_any_string_but_with_a_syntax_error(text: str) -> None:
    try:
        citation = cite.parse(text)
    except cite.CitationSyntaxError:
        return
    for style in ("zh", "zh-plain", "en"):  # the styles that write every level they are given
        written = cite.format_parts(citation.parts, style)
        assert _read(cite.parse(written).parts) == _read(citation.parts), (style, written)


def _as_eid_reads(address: Address) -> Address:
    """An eId always names the 款 of an item (art_4__para_1__point_3), so it reads back with one."""
    return address.with_(paragraph=address.paragraph or 1) if address.item is not None else address


@given(st.builds(Address, article=st.integers(1, 3000).map(str), paragraph=st.none() | st.integers(1, 9),
                 item=st.none() | st.integers(1, 30), subitem=st.none() | st.integers(1, 9)),
       st.sampled_from(cite.STYLES))
def it_formats_any_address_and_reads_it_back(address: Address, style: str) -> None:
    if address.subitem is not None and address.item is None:
        address = address.with_(subitem=None)
    written = cite.format_address(address, style)
    expected = _as_eid_reads(address) if style == "eid" else address
    assert cite.parse(written).parts[0].address == expected


def it_reads_an_eid_with_its_paragraph_filled_in() -> None:
    assert cite.format_address(Address("4", item=3), "eid") == "art_4__para_1__point_3"
    assert cite.parse("art_4__para_1__point_3").parts[0].address == Address("4", 1, 3)


# -- citations that name their document (issue 11 item 2) ------------------------------------------

JIANCHAFA_15_6 = {"zh": "《中华人民共和国监察法》第十五条第（六）项", "zh-short": "《中华人民共和国监察法》第十五条第（六）项",
                  "zh-plain": "《中华人民共和国监察法》第十五条第六项",
                  "en": "《中华人民共和国监察法》 Article 15(6)", "eid": "jianchafa_2024#art_15__para_1__point_6"}


@pytest.mark.parametrize("style", cite.STYLES)
def it_names_the_document_in_every_style(style: str) -> None:
    doc = regtext.load("jianchafa_2024")
    node = node_at(doc, "art_15__para_1__point_6")
    assert cite.format_nodes([node], style, doc, named=True) == JIANCHAFA_15_6[style]
    assert cite.format_nodes([node], style, doc) == JIANCHAFA_15_6[style].split("》")[-1].split("#")[-1].strip()


@pytest.mark.parametrize("style", cite.STYLES)
def it_reads_the_named_document_back(primary, style: str) -> None:
    citation = cite.parse(JIANCHAFA_15_6[style])
    assert (citation.other_document, citation.anchor) == (
        ("jianchafa_2024", "id") if style == "eid" else ("中华人民共和国监察法", "book"))
    doc = cite.cited_document(citation, corpus(), primary)
    assert doc.id == "jianchafa_2024"
    assert [n.eid for n in cite.resolve(doc, citation)] == ["art_15__para_1__point_6"]


def corpus():
    from regtext.corpus import default_corpus

    return default_corpus()


def _samples(doc) -> list[Any]:
    """The first, middle and last provision of every level: divisions, articles, 款 (of articles
    with several), items, 目."""
    by_level: dict[str, list[Any]] = {}
    for node in doc.walk():
        if node.type in ("part", "subpart", "chapter", "section", "article", "item", "subitem") or (
                node.type == "paragraph" and node.article is not None and node.parent.type == "article"
                and len([c for c in node.parent.children if c.type == "paragraph"]) > 1):
            by_level.setdefault(node.type, []).append(node)
    return [n for nodes in by_level.values() for n in {id(x): x for x in (nodes[0], nodes[len(nodes) // 2], nodes[-1])}.values()]


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_round_trips_a_provision_of_every_level_of_every_corpus_document_in_every_style(doc_id: str) -> None:
    doc = regtext.load(doc_id)
    home = regtext.load("jianchafa_2024" if doc_id == PRIMARY else PRIMARY)
    samples = _samples(doc)
    assert {"article", "item"} <= {n.type for n in samples}
    # a title names the version in force today: a superseded version (监察法 2018) is cited by name
    # only with a date (tests/test_versions_works.py)
    current = corpus().registry.lookup(doc.title or "").id == doc_id
    for node in samples:
        for style in cite.STYLES:
            for named in (True, False) if current or style == "eid" else (False,):
                written = cite.format_nodes([node], style, doc, named=named)
                citation = cite.parse(written)
                target = cite.cited_document(citation, corpus(), home if named else doc)
                assert target is doc, (node.eid, written)
                assert cite.resolve(target, citation) == [node], (node.eid, written)
                assert cite.format_nodes([node], style, target, named=named) == written


# -- 本… and ranges (issue 11 item 8) ----------------------------------------------------------------

@pytest.mark.parametrize("word", ["本法典", "本法", "本条例", "本办法", "本规定", "本细则", "本解释", "本决定", "本准则", "本规则"])
def it_reads_every_self_reference_of_the_grammar_as_the_document_it_is_read_in(primary, word: str) -> None:
    citation = cite.parse(f"{word}第四条第（三）项")
    assert (citation.anchor, citation.document, citation.other_document) == ("self", word, None)
    assert cite.cited_document(citation, corpus(), primary) is primary
    assert [n.eid for n in cite.resolve(primary, citation)] == ["art_4__para_1__point_3"]


@pytest.mark.parametrize(("doc_id", "written", "style", "expected"), [
    (PRIMARY, "第一条、第二条、第三条", "zh", "第一条至第三条"),
    (PRIMARY, "第一条至第五条", "zh", "第一条至第五条"),
    (PRIMARY, "第一条至第五条", "en", "Article 1 to Article 5"),
    (PRIMARY, "第一条至第五条", "eid", "art_1..art_5"),
    (PRIMARY, "Article 1 to Article 5", "zh-plain", "第一条至第五条"),
    (PRIMARY, "第一条、第二条", "zh", "第一条、第二条"),
    (PRIMARY, "第一条、第二条、第四条", "zh", "第一条、第二条、第四条"),
    (PRIMARY, "第四条第（一）项、第（二）项、第（三）项", "zh", "第四条第（一）项至第（三）项"),
    ("jianchafa_2024", "第二章、第三章、第四章", "zh", "第二章至第四章"),
    ("jianchafa_2024", "第二章至第四章", "en", "Chapter 2 to Chapter 4"),
    ("jianchafa_2024", "第二章", "eid", "chp_2"),
    ("xingshi_susongfa_2018", "第一编第二章", "en", "Part 1 Chapter 2"),
    ("xingshi_susongfa_2018", "Part 1 Chapter 2", "eid", "part_1__chp_2"),
])
def it_collapses_three_or_more_consecutive_provisions_into_a_range(doc_id: str, written: str, style: str,
                                                                  expected: str) -> None:
    doc = regtext.load(doc_id)
    nodes = doc.find_all(written)
    assert cite.format_nodes(nodes, style, doc) == expected
    assert doc.find_all(expected) == nodes


def it_ranges_over_zhiyi_articles_as_a_range_reads_them() -> None:
    doc = regtext.parse_file("tests/fixtures/parse/zhiyi_articles.txt")
    nodes = [node_at(doc, e) for e in ("art_133", "art_133-1", "art_133-2")]
    assert cite.format_nodes(nodes, "zh", doc) == "第一百三十三条至第一百三十三条之二"
    assert cite.format_nodes([node_at(doc, "art_133"), node_at(doc, "art_134")], "zh", doc) == "第一百三十三条、第一百三十四条"


# -- refused citations (issue 11 item 1) ------------------------------------------------------------

@pytest.mark.parametrize(("text", "reason"), [
    ("第十一十二条", "'十一十二' is not a well-formed Chinese numeral: 十 after 十 (千, 百 and 十 come once each, in this order)"),
    ("第一百二条", "'一百二' is not a well-formed Chinese numeral: the digit after 百 is ambiguous (write 一百二十 or 一百零二)"),
    ("第十七十八条", "'十七十八' is not a well-formed Chinese numeral: 十 after 十 (千, 百 and 十 come once each, in this order)"),
    ("第四条第（十零）项", "'十零' is not a well-formed Chinese numeral: 零 at the end"),
])
def it_refuses_a_malformed_numeral_naming_it(text: str, reason: str) -> None:
    with pytest.raises(cite.CitationSyntaxError) as refused:
        cite.parse(text)
    assert refused.value.message == f"not a citation: {text!r}: {reason}"


def it_refuses_eids_of_two_documents_in_one_citation() -> None:
    with pytest.raises(cite.CitationSyntaxError) as refused:
        cite.parse("jianchafa_2024#art_15 zhongzifa_2021#art_1")
    assert refused.value.message == "the eIds of 'jianchafa_2024#art_15 zhongzifa_2021#art_1' are not all of one document"


def it_says_when_a_named_document_is_not_in_the_corpus(primary) -> None:
    with pytest.raises(NotFound) as missing:
        cite.cited_document(cite.parse("nowhere_2020#art_1"), corpus(), primary)
    assert str(missing.value) == "nowhere_2020 is not a corpus id (run 'regtext corpus' for the ids)"


# -- a citation naming a document is resolved in that document only (issue 11, item 2) ------------

OTHER = "《中华人民共和国监察法》第四条 names 《中华人民共和国监察法》, not 《安全生产责任追究办法（试行）》"
LOOK_THERE = "look it up in that document (regtext.load('jianchafa_2024').find(...)) or use cite.cited_document"


@pytest.mark.parametrize("lookup", [
    lambda doc, text: doc.find(text), lambda doc, text: doc.find_all(text),
    lambda doc, text: cite.resolve(doc, text, corpus()),
    lambda doc, text: cite.lookup(doc, cite.parse(text), corpus(), headings=True),
], ids=["find", "find_all", "resolve", "lookup-parsed"])
def it_refuses_to_resolve_a_citation_of_another_document(primary, lookup) -> None:
    with pytest.raises(NotFound) as refused:
        lookup(primary, "《中华人民共和国监察法》第四条")
    assert (refused.value.message, refused.value.hint) == (OTHER, LOOK_THERE)


@pytest.mark.parametrize(("text", "message", "hint"), [
    ("监察法第四条", "监察法第四条 names 《监察法》, not 《安全生产责任追究办法（试行）》", LOOK_THERE),
    ("《中华人民共和国监察法》 Article 4", "《中华人民共和国监察法》 Article 4 names 《中华人民共和国监察法》, "
     "not 《安全生产责任追究办法（试行）》", LOOK_THERE),
    ("jianchafa_2024#art_4", "jianchafa_2024#art_4 names jianchafa_2024, not ningxia_anquan_zhuijiu_2023", LOOK_THERE),
    ("《中国共产党问责条例》第七条", "《中国共产党问责条例》第七条 names 《中国共产党问责条例》, not 《安全生产责任追究办法（试行）》",
     "《中国共产党问责条例》 is not in the corpus, so its provisions cannot be looked up (run 'regtext corpus' for what is)"),
], ids=["name", "en", "eid", "not-bundled"])
def it_names_both_documents_when_refusing(primary, text: str, message: str, hint: str) -> None:
    with pytest.raises(NotFound) as refused:
        primary.find(text)
    assert (refused.value.message, refused.value.hint) == (message, hint)


@pytest.mark.parametrize(("doc_id", "text", "anchor", "eid"), [
    (PRIMARY, "《安全生产责任追究办法（试行）》第四条第（三）项", "book", "art_4__para_1__point_3"),
    (PRIMARY, "《安全生产责任追究办法》第四条", "book", "art_4"),              # short title
    (PRIMARY, "ningxia_anquan_zhuijiu_2023#art_6__para_2", "id", "art_6__para_2"),
    (PRIMARY, "本办法第六条第二款", "self", "art_6__para_2"),
    ("jianchafa_2024", "《中华人民共和国监察法》第十五条第六项", "book", "art_15__para_1__point_6"),
    ("jianchafa_2024", "《监察法》第四条", "book", "art_4"),                   # without 中华人民共和国
    ("jianchafa_2024", "监察法第四条", "name", "art_4"),
    ("minfadian_zongze", "《中华人民共和国民法典》第一条", "book", "art_1"),    # the title its text prints
    ("minfadian_zongze", "《中华人民共和国民法典·总则》第一条", "book", "art_1"),  # the corpus title
    ("minfadian_zongze", "《民法典总则》第一条", "book", "art_1"),
])
def it_resolves_a_citation_that_names_the_document_itself(doc_id: str, text: str, anchor: str, eid: str) -> None:
    assert cite.parse(text).anchor == anchor
    assert regtext.load(doc_id).find(text).eid == eid


def it_finds_what_a_template_names_in_another_corpus_document(primary) -> None:
    found = cite.lookup(primary, "《中华人民共和国监察法》第十五条第六项", corpus(), follow=True)
    assert (found.document.id, [n.eid for n in found.nodes]) == ("jianchafa_2024", ["art_15__para_1__point_6"])
    assert cite.cited_document("《安全生产责任追究办法（试行）》第四条", corpus(), primary) is primary
    assert cite.cited_document("监管落实不力", corpus(), primary) is primary
    with pytest.raises(NotFound) as missing:
        cite.lookup(primary, "《中国共产党问责条例》第七条", corpus(), follow=True)
    assert str(missing.value) == "《中国共产党问责条例》 is not in the corpus (run 'regtext corpus' for what is)"


# -- ranges run forward; numbers as the styles print them (independent tester, items 9, 10, 12) -----

@pytest.mark.parametrize(("text", "reason"), [
    ("第五条至第三条", "the range runs backwards: 第三条 comes before 第五条"),
    ("第四条第（三）项至第（一）项", "the range runs backwards: 第（一）项 comes before 第四条第（三）项"),
    ("第六条第二款至第一款", "the range runs backwards: 第一款 comes before 第六条第二款"),
    ("第三条之二至第三条之一", "the range runs backwards: 第三条之一 comes before 第三条之二"),
    ("第四条第（三）项至第五条", "a range runs between two provisions of one kind, not from 项 to 条"),
    ("第二章至第四条", "a range runs between two provisions of one kind, not from 章 to 条"),   # found by hypothesis: it read back without its chapter
    ("art_3..art_1", "the range runs backwards: its end comes before its start"),
    ("art_4__para_1__point_3..art_4__para_1__point_1", "the range runs backwards: its end comes before its start"),
    ("Article 5 to Article 3", "the range runs backwards: its end comes before its start"),
    ("Article 4(3) to (1)", "the range runs backwards: its end comes before its start"),
])
def it_refuses_a_range_that_runs_backwards(primary, text: str, reason: str) -> None:
    """第五条至第三条 was read as the list 第五条、第三条: what lies between was lost without a word."""
    with pytest.raises(cite.CitationSyntaxError) as refused:
        cite.resolve(primary, text)
    assert refused.value.message == f"not a citation: {text!r}: {reason}"
    assert refused.value.hint.startswith("a range runs forward, between provisions of one list (第三条至第五条")


@pytest.mark.parametrize(("text", "reason"), [
    ("第04条", "'04' has a leading zero: write 4"),
    ("第4条第03项", "'03' has a leading zero: write 3"),
    ("Article 04", "'04' has a leading zero: write 4"),
    ("Article 4(03)", "'03' has a leading zero: write 3"),
    ("Article 4, paragraph 01", "'01' has a leading zero: write 1"),
    ("Chapter 02", "'02' has a leading zero: write 2"),
    ("art_04", "'04' has a leading zero: write 4"),
    ("art_4__para_01", "'01' has a leading zero: write 1"),
    ("ningxia_anquan_zhuijiu_2023#art_04", "'04' has a leading zero: write 4"),
    ("chp_02", "'02' has a leading zero: write 2"),
    ("第十条之零", "之零 is no statute number: 之N counts from 之一"),
    ("art_10-0", "之0 is no statute number: 之N counts from 之一"),
    ("Article 10-0", "之0 is no statute number: 之N counts from 之一"),
])
def it_refuses_a_leading_zero_and_zhi_zero_in_every_style(text: str, reason: str) -> None:
    """art_04 said '第四条 does not exist … nearest: 第四条' while 第04条 was read as 第四条: one rule
    now, as no style prints 04 and no statute 之零."""
    with pytest.raises(cite.CitationSyntaxError) as refused:
        cite.parse(text)
    assert refused.value.message == f"not a citation: {text!r}: {reason}"


@pytest.mark.parametrize(("doc_id", "eid", "message"), [
    ("anquan_shengchanfa_2021", "title", "the title '中华人民共和国安全生产法' cannot be cited"),
    ("sfjs_weihai_anquanshengchan_2015", "preamble", "the preamble cannot be cited"),
    ("sfjs_weihai_anquanshengchan_2015", "preamble__p_1",
     "the paragraph outside any article '为依法惩治危害生产安全犯罪，根据刑法有关' cannot be cited"),
])
def it_refuses_to_cite_what_no_style_names(doc_id: str, eid: str, message: str) -> None:
    """format_nodes returned '' (or 'doc#' named in eid) for these: a decision would cite nothing."""
    doc = regtext.load(doc_id)
    for style in cite.STYLES:
        with pytest.raises(cite.NotCitable) as refused:
            cite.format_nodes([node_at(doc, eid)], style, doc, named=True)
        assert refused.value.message == message


def it_refuses_to_cite_an_attachment_an_unnumbered_heading_or_a_malformed_number() -> None:
    attachment = next(n for n in regtext.load("yizhidu_huaxuepin_2018").walk() if n.type == "attachment")
    division = next(n for n in regtext.load("xingshi_susongfa_2018").walk() if n.type == "division")
    malformed = node_at(regtext.parse("第一条 甲。\n\n第十一十二条 乙。\n"), "art_malformed_1__para_1")
    for node, message in ((attachment, "the attachment '附表' cannot be cited"),
                          (division, "the heading '附则' cannot be cited"),
                          (malformed, "the paragraph '乙。' (the number of 第十一十二条 is malformed) cannot be cited")):
        with pytest.raises(cite.NotCitable) as refused:
            cite.format_nodes([node], "zh")
        assert refused.value.message == message


# -- the one lookup (issue 12, step 2) -------------------------------------------------------------

def it_looks_up_an_eid_a_heading_or_a_citation_in_one_place(primary) -> None:
    by = {name: [n.eid for n in cite.lookup(primary, name, headings=True).nodes]
          for name in ("art_4__para_1__point_3", "监管落实不力", "第四条第（三）项", "Article 4(3)")}
    assert set(map(tuple, by.values())) == {("art_4__para_1__point_3",)}
    with pytest.raises(cite.CitationSyntaxError):
        cite.lookup(primary, "监管落实不力")   # a heading is a name only where drafters name provisions so


def it_says_where_to_look_without_a_corpus(primary) -> None:
    with pytest.raises(NotFound) as refused:
        cite.lookup(primary, "《中华人民共和国监察法》第四条")
    assert (refused.value.message, refused.value.hint) == (
        OTHER, "look it up in the document it names: cite.lookup(doc, citation, corpus, follow=True)")


def it_writes_an_article_and_one_of_its_paragraphs_in_english_as_two_citations() -> None:
    """Found by the property test: 'Article 4, , paragraph 2' read back as nothing."""
    parts = cite.parse("第4条、第二款").parts
    written = cite.format_parts(parts, "en")
    assert written == "Article 4; Article 4, paragraph 2"
    assert [p.address for p in cite.parse(written).parts] == [p.address for p in parts]


@pytest.mark.parametrize("text", ["本市安全生产条例第六条", "本单位对照刑法第六条"])
def it_refuses_a_citation_whose_law_cannot_be_told(primary, text: str) -> None:
    """本市安全生产条例 names another document, but not which one: the citation is refused, and the
    hint is about the law's name, not about ranges."""
    with pytest.raises(cite.CitationSyntaxError) as refused:
        cite.resolve(primary, text)
    words = text.removesuffix("第六条")
    assert refused.value.message == (f"not a citation: {text!r}: the law's name cannot be told from the words "
                                     f"before 第六条 ({words})")
    assert refused.value.hint == "write the law's title in 《》: 《中华人民共和国刑法》第六条"
