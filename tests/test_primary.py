"""The primary regulation, exactly as received: its tree, its noise, its metadata."""

from __future__ import annotations

import datetime

from tests.conftest import PRIMARY


def it_has_fourteen_articles(primary) -> None:
    assert [a.label for a in primary.articles()][::13] == ["第一条", "第十四条"]
    assert len(primary.articles()) == 14


def it_reads_article_4_as_one_paragraph_with_six_items(primary) -> None:
    article = primary.get("art_4")
    assert [c.eid for c in article.children] == ["art_4__para_1"]
    items = article.children[0].children
    assert [i.eid for i in items] == [f"art_4__para_1__point_{n}" for n in range(1, 7)]
    assert [i.label for i in items] == ["（一）", "（二）", "（三）", "（四）", "(五)", "(六)"]


def it_reads_article_6_as_two_paragraphs(primary) -> None:
    first, second = primary.get("art_6").children
    assert len(first.children) == 6
    assert second.eid == "art_6__para_2"
    assert second.text == "上述责任追究方式，可以单独使用，也可以合并使用。"


def it_names_items_by_their_headings(primary) -> None:
    assert primary.get("art_4__para_1__point_3").heading == "监管落实不力"
    assert primary.get("art_5__para_1__point_1").heading == "检查"
    assert primary.get("art_6__para_1__point_4").heading == "组织调整或者组织处理"
    assert primary.get("art_4__para_1__point_6").heading is None  # 其他…情形: one sentence, no name


def it_joins_the_three_page_breaks(primary) -> None:
    joined = [d for d in primary.diagnostics if d.code == "N105"]
    assert [(d.line, d.column) for d in joined] == [(17, 25), (25, 154), (65, 25)]
    assert "关于安全生产重要论述" in primary.get("art_4__para_1__point_1").text
    assert primary.get("art_4__para_1__point_4").text.endswith("没有做到举一反三、全面自查整改的。")
    assert "《中央纪委国家监委开展特别重大生产安全责任事故追责问责审查调查工作规定（试行）》" in primary.get("art_8__para_1").text


def it_reports_the_stray_latin_word_without_fixing_it(primary) -> None:
    (warning,) = [d for d in primary.diagnostics if d.code == "S203"]
    assert (warning.severity, warning.line, warning.column) == ("warning", 29, 33)
    assert "执法检查 and 日常监管" in primary.get("art_4__para_1__point_5").text


def it_reports_exactly_these_diagnostics(primary) -> None:
    assert [d.format("f") for d in primary.diagnostics] == [
        "f:9:107: info R303 《中国共产党纪律处分条例》 is not in the corpus: reference kept unresolved",
        "f:9:121: info R303 《中国共产党问责条例》 is not in the corpus: reference kept unresolved",
        "f:17:1: info S204 item markers of both widths in one list (（一） … (五))",
        "f:17:25: info N105 page break inside a sentence joined: line 17 continues on line 19",
        "f:25:154: info N105 page break inside a sentence joined: line 25 continues on line 27",
        "f:29:33: warning S203 stray Latin word 'and' in Chinese text",
        "f:65:20: info R303 《中央纪委国家监委开展特别重大生产安全责任事故追责问责审查调查工作规定（试行）》 is not in the "
        "corpus: reference kept unresolved",
        "f:65:25: info N105 page break inside a sentence joined: line 65 continues on line 67",
        "f:67:37: info R303 《宁夏回族自治区纪检监察机关开展生产安全责任事故追责问责审查调查工作规定（试行）》 is not in the "
        "corpus: reference kept unresolved",
    ]


def it_reads_title_history_and_effective_date(primary) -> None:
    meta = primary.meta
    assert primary.id == PRIMARY
    assert meta.title == "安全生产责任追究办法（试行）"
    assert [(e.date, e.action, e.body) for e in meta.history] == [
        (datetime.date(2023, 7, 27), "通过", "自治区党委全会"),
        (datetime.date(2023, 8, 1), "发布", "自治区党委办公厅、政府办公厅"),
    ]
    assert meta.effective == datetime.date(2023, 8, 1)
    assert meta.effective_basis == "第十四条 自发布之日起施行"
    assert meta.interpreted_by == "自治区纪委监委"


def it_maps_every_node_back_to_its_line_and_column(primary) -> None:
    lines = primary.normalized.original.split("\n")
    for node in primary.walk():
        line, column = primary.locate(node.start)
        shown = node.label or node.text
        assert lines[line - 1][column - 1:].startswith(shown[:10]), node.eid
    assert primary.locate(primary.get("art_8__para_1").start) == (65, 5)
    assert primary.locate(primary.get("art_4__para_1__point_5").start) == (29, 1)
