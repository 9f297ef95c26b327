"""Citations both ways: design.md §6's table, round trips in every style, groups and ranges,
and the never-crash property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import regtext
from regtext import cite
from regtext.address import Address
from regtext.errors import NotFound

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


@pytest.mark.parametrize("text", ["", "hello", "第四条第", "第一二条", "Article", "art_x", "第四条第（三）项和"])
def it_rejects_what_is_not_a_citation(text: str) -> None:
    with pytest.raises(cite.CitationSyntaxError):
        cite.parse(text)


@given(st.lists(st.sampled_from(list("第四条款项（）()一二三十0123456789 ,;Articlepargh_-至、和") + ["art_", "Article "]), max_size=20).map("".join))
def it_never_fails_on_any_string_but_with_a_syntax_error(text: str) -> None:
    try:
        citation = cite.parse(text)
    except cite.CitationSyntaxError:
        return
    for style in cite.STYLES:
        cite.format_parts(citation.parts, style)


@given(st.builds(Address, article=st.integers(1, 3000).map(str), paragraph=st.none() | st.integers(1, 9),
                 item=st.none() | st.integers(1, 30), subitem=st.none() | st.integers(1, 9)),
       st.sampled_from(cite.STYLES))
def it_formats_any_address_and_reads_it_back(address: Address, style: str) -> None:
    if address.subitem is not None and address.item is None:
        address = address.with_(subitem=None)
    written = cite.format_address(address, style)
    assert cite.parse(written).parts[0].address == address or style == "eid"
