"""Cross-references: the primary regulation exactly, fixture files per form, the reviewed truth
lists of the corpus (recall and precision), and the cited-by index."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import regtext
from regtext.cite.address import address_of
from regtext.cite.grammar import detect
from regtext.refs.citedby import cited_by
from regtext.refs.report import reference_line
from tests.conftest import FIXTURES, ROOT, truth
from tests.scores import SCORES

#: Documents whose truth file has a cross_references list reviewed by eye.
REVIEWED = [
    "ningxia_anquan_zhuijiu_2023", "jianchafa_2024", "zhengwu_chufenfa_2020", "anquan_shengchanfa_2021",
    "tedaanquanshigu_zerenzhuijiu_2001", "xingzhengjiguan_gongwuyuan_chufen_2007", "beijing_anquanshengchan_2022",
    "scjg_xingzhengchufa_gongshi_2021", "sfjs_weihai_anquanshengchan_2015",
]


def it_finds_the_nine_references_of_the_primary_regulation(primary) -> None:
    refs = primary.references
    assert [(r.source.eid, r.text, r.kind) for r in refs] == [
        ("art_1__para_1", "《中国共产党纪律处分条例》", "external"),
        ("art_1__para_1", "《中国共产党问责条例》", "external"),
        ("art_1__para_1", "《中华人民共和国监察法》", "external"),
        ("art_1__para_1", "《中华人民共和国公职人员政务处分法》", "external"),
        ("art_6__para_1__point_5", "《中国共产党纪律处分条例》", "external"),
        ("art_6__para_1__point_5", "《中华人民共和国公职人员政务处分法》", "external"),
        ("art_7__para_1__point_1", "本办法第四条", "internal"),
        ("art_8__para_1", "《中央纪委国家监委开展特别重大生产安全责任事故追责问责审查调查工作规定（试行）》", "external"),
        ("art_8__para_1", "《宁夏回族自治区纪检监察机关开展生产安全责任事故追责问责审查调查工作规定（试行）》", "external"),
    ]


def it_resolves_article_7_item_1_to_article_4(primary) -> None:
    (ref,) = [r for r in primary.references if r.kind == "internal"]
    assert [n.eid for n in ref.targets[0].nodes] == ["art_4"]
    assert primary.get("art_4").eid in cited_by(primary)


def it_resolves_the_cited_laws_into_the_corpus_and_keeps_the_party_rules_unresolved(primary) -> None:
    external = {r.document: r for r in primary.references if r.external}
    assert external["中华人民共和国监察法"].targets[0].doc == "jianchafa_2024"
    assert external["中华人民共和国公职人员政务处分法"].targets[0].doc == "zhengwu_chufenfa_2020"
    for title in ("中国共产党纪律处分条例", "中国共产党问责条例"):
        assert not external[title].resolved and external[title].targets[0].doc is None
    notes = [d for d in primary.diagnostics if d.code == "R303"]
    assert [d.line for d in notes] == [9, 9, 65, 67]  # each missing document reported once


@pytest.mark.parametrize("name", ["forms", "external", "malformed"])
def it_reads_every_form_of_the_fixture(name: str) -> None:
    path = FIXTURES / "refs" / f"{name}.txt"
    doc = regtext.parse_file(str(path))
    got = "".join(reference_line(doc, r) + "\n" for r in doc.references)
    got += "\n" + "".join(d.format("")[1:] + "\n" for d in doc.diagnostics)
    assert got == path.with_suffix(".expected").read_text(encoding="utf-8")


def it_reports_a_missing_target_and_a_first_paragraph_premise_as_errors() -> None:
    doc = regtext.parse("第一条 违反前款规定的，依照本办法第九十九条处理。\n\n第二条 本办法自发布之日起施行。")
    assert [(d.code, d.severity, d.message) for d in doc.diagnostics if d.code.startswith("R")] == [
        ("R302", "error", "前款 in 第一条第一款: there is no paragraph before it"),
        ("R301", "error", "本办法第九十九条: 第九十九条 does not exist in this document"),
    ]
    assert [r.resolved for r in doc.references] == [False, False]


def it_keeps_a_reference_with_a_malformed_number_unresolved_whatever_its_anchor() -> None:
    """第十十八条 (洛阳市森林公园管理条例) once read as 第二十八条, then the whole number was dropped
    and 第（二）项 was read as an item of the citing paragraph: here, the citing item itself."""
    doc = regtext.parse("第一条 有下列行为之一的，依法处理：\n\n（一）毁林开垦；\n\n（二）违反第十十八条第（二）项规定的。\n\n"
                        "第二条 违反本办法第一十条、《中华人民共和国监察法》第十十五条或者刑法第一百二条规定的，依法处理。\n\n"
                        "违反前款第十十项规定的，从重处理；违反第二项规定的，从轻处理。")
    assert [(r.text, r.kind, r.document, len(r.targets), r.resolved) for r in doc.references] == [
        ("第十十八条第（二）项", "internal-bare", None, 0, False),
        ("本办法第一十条", "internal", None, 0, False),
        ("《中华人民共和国监察法》第十十五条", "external", "中华人民共和国监察法", 0, False),
        ("刑法第一百二条", "external", "中华人民共和国刑法", 0, False),
        ("前款第十十项", "relative", None, 0, False),
        ("第二项", "relative-elliptic", None, 1, False),   # still 前款's (R301 below), not the citing paragraph's
    ]
    assert [d.format("")[1:] for d in doc.diagnostics if d.code.startswith("R")] == [
        "5:6: error R306 第十十八条第（二）项: malformed number in 第十十八条: '十十八' is not a well-formed Chinese "
        "numeral: 十 after 十 (千, 百 and 十 come once each, in this order); reference kept unresolved",
        "7:7: error R306 本办法第一十条: malformed number in 第一十条: '一十' is not a well-formed Chinese numeral: "
        "a leading ten is written 十, not 一十 (write 十); reference kept unresolved",
        "7:15: error R306 《中华人民共和国监察法》第十十五条: malformed number in 第十十五条: '十十五' is not a "
        "well-formed Chinese numeral: 十 after 十 (千, 百 and 十 come once each, in this order); reference kept unresolved",
        "7:34: error R306 刑法第一百二条: malformed number in 第一百二条: '一百二' is not a well-formed Chinese numeral: "
        "the digit after 百 is ambiguous (write 一百二十 or 一百零二); reference kept unresolved",
        "9:3: error R306 前款第十十项: malformed number in 第十十项: '十十' is not a well-formed Chinese numeral: "
        "十 after 十 (千, 百 and 十 come once each, in this order); reference kept unresolved",
        "9:20: error R301 第二项: 第二条第一款第（二）项 does not exist in this document",
    ]


def it_reads_qiantiao_and_qianxiang_as_the_article_and_the_item_before() -> None:
    """前条 and 前项 (from 北京市规章设定罚款限额规定 and 上海市中小学校学生伤害事故处理条例), and the two
    places where they have nothing before them.  (The predecessor map replaced a list search.)"""
    doc = regtext.parse("第一条 依照前条规定处理。\n\n"
                        "第二条 市人民政府制定规章时，可以在前条规定的罚款限额内设定罚款。\n\n"
                        "第三条 本条例下列用语的含义为：\n\n（一）学生，是指前项范围内的在册学生；\n\n"
                        "（二）学生，是指前项范围内的在册学生；\n\n第四条 依照前条第（二）项处理。")
    assert [(r.source.eid, r.text, [n.eid for t in r.targets for n in t.nodes]) for r in doc.references] == [
        ("art_1__para_1", "前条", []),
        ("art_2__para_1", "前条", ["art_1"]),
        ("art_3__para_1__point_1", "前项", []),
        ("art_3__para_1__point_2", "前项", ["art_3__para_1__point_1"]),
        ("art_4__para_1", "前条第（二）项", ["art_3__para_1__point_2"]),
    ]
    assert [d.format("")[1:] for d in doc.diagnostics if d.code.startswith("R")] == [
        "1:7: error R302 前条 in the first article (第一条)",
        "7:9: error R302 前项 in the first item (（一）)",
    ]


def it_applies_a_declared_short_name_to_later_text() -> None:
    doc = regtext.parse("第一条 根据《中华人民共和国矿产资源法》（以下简称资源法），制定本办法。\n\n"
                        "第二条 违反资源法第三条规定的，依法处理。")
    ref = doc.references[-1]
    assert (ref.text, ref.kind, ref.document) == ("资源法第三条", "external", "中华人民共和国矿产资源法")
    declared = regtext.load("geshuifa_shishitiaoli_2018").references
    assert any(r.text == "个人所得税法第四条第一款第二项" and r.document == "中华人民共和国个人所得税法" for r in declared)


def it_indexes_citations_from_other_corpus_documents() -> None:
    corpus = regtext.default_corpus()
    index = cited_by(corpus.load("jianchafa_2024"), corpus)
    assert [(doc, ref.source.eid) for doc, ref in index["art_15__para_1__point_6"]] == [
        ("zhengwu_chufenfa_2020", "art_23__para_1")]
    assert ("jianchafa_2024", "art_16__para_1") in [(d, r.source.eid) for d, r in index["art_15"]]


# -- recall and precision against the reviewed truth lists ----------------------------------------

def _key(address: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((k, v) for k, v in address.items() if v is not None))


def truth_pairs(doc_id: str) -> set[tuple[Any, ...]]:
    t = truth(doc_id)
    errata = yaml.safe_load((FIXTURES / "truth" / "errata.yaml").read_text(encoding="utf-8")).get(doc_id, [])
    pairs = set()
    for ref in t["cross_references"]:
        source = {"paragraph": None, **ref["source"]}
        for target in ref["targets"]:
            pairs.add((_key(source), _key(target)))
    for fix in errata:
        fixed = _key({"paragraph": None, **fix["source"]})
        pairs -= {(fixed, _key(t)) for t in fix["remove"]}
        pairs |= {(fixed, _key(t)) for t in fix["add"]}
    return pairs


def our_pairs(doc: regtext.Document, whole_documents: bool) -> set[tuple[Any, ...]]:
    pairs = set()
    for ref in doc.references:
        source = address_of(ref.source)
        src = {"article": source.article, "paragraph": source.paragraph, "item": source.item}
        for target in ref.targets:
            if target.address is None:
                if whole_documents:
                    pairs.add((_key(src), _key({"document": ref.document})))
                continue
            a = target.address
            if a.article is None:
                continue  # 本章 / 第三章: the truth lists do not record divisions
            tgt = {"article": a.article, "paragraph": a.paragraph, "item": a.item}
            if target.range_to is not None:
                r = target.range_to
                tgt |= {"range_to": r.article} if r.article != a.article else {"item_to": r.item}
            pairs.add((_key(src), _key(tgt)))
    return pairs


@pytest.mark.parametrize("doc_id", REVIEWED)
def it_matches_the_reviewed_references_with_98_percent_recall_and_precision(doc_id: str) -> None:
    t = truth(doc_id)
    # only the primary's list includes whole-document references (《…》 without an article)
    complete = t["cross_references_status"].startswith("written by hand")
    expected, found = truth_pairs(doc_id), our_pairs(regtext.load(doc_id), whole_documents=complete)
    hits = len(expected & found)
    SCORES[doc_id] = (len(expected), len(found), hits)
    assert hits / len(expected) >= 0.98, sorted(expected - found)
    assert hits / len(found) >= 0.98, sorted(found - expected)


@pytest.mark.parametrize(("written", "message"), [
    ("本法第六十九条至第六十七条", "本法第六十九条至第六十七条: the range runs backwards: 第六十七条 comes before 第六十九条"),
    ("本法第六十七条第一款至第六十九条", "本法第六十七条第一款至第六十九条: a range runs between two provisions of one kind, "
     "not from 款 to 条"),
    ("本法第六十七条至第六十九条之零", "本法第六十七条至第六十九条之零: malformed number in 第六十九条之零: "
     "之零 is no statute number: 之N counts from 之一"),
    ("本法第067条至第069条", "本法第067条至第069条: malformed number in 第067条: '067' has a leading zero: write 67"),
])
def it_keeps_a_backwards_range_or_a_zero_unresolved_with_r306(written: str, message: str) -> None:
    """行政处罚法第五十三条 cites 本法第六十七条至第六十九条.  Written backwards it was the list of
    its two ends (第六十九条、第六十七条) without a word; 之零 and 067 were read as numbers."""
    text = (ROOT / "corpus" / "xingzheng_chufafa_2021.txt").read_text(encoding="utf-8")
    assert "本法第六十七条至第六十九条" in text
    doc = regtext.parse(text.replace("本法第六十七条至第六十九条", written), source="x.txt")
    (ref,) = [r for r in doc.references if r.source.eid == "art_53__para_1"]
    assert (ref.text, ref.targets, ref.resolved) == (written, [], False)
    assert [d.format("x.txt") for d in doc.diagnostics if d.code == "R306"] == [
        f"x.txt:245:27: error R306 {message}; reference kept unresolved"]


_TWO_DOCUMENTS = ("第一条 本办法适用于安全生产。\n第二条 违反{}的，依法处理。\n第三条 甲。\n第四条 乙。\n第五条 丙。\n"
                  "第六条 丁。\n")
_CRIMINAL_LAW = "[external] -> 《中华人民共和国刑法》第六条 (not in the corpus)"


@pytest.mark.parametrize(("written", "expected"), [
    *[(f"本办法第一条{joiner}刑法第六条", ["2:7: art_2__para_1: 本办法第一条 [internal] -> art_1",
                                   f"2:{13 + len(joiner)}: art_2__para_1: 刑法第六条 {_CRIMINAL_LAW}"])
      for joiner in ("和", "、", "及", "与", "以及", "或者", "或")],
    ("本办法第一条和《中华人民共和国刑法》第六条", ["2:7: art_2__para_1: 本办法第一条 [internal] -> art_1",
                                  f"2:14: art_2__para_1: 《中华人民共和国刑法》第六条 {_CRIMINAL_LAW}"]),
    ("刑法第六条和本办法第一条", [f"2:7: art_2__para_1: 刑法第六条 {_CRIMINAL_LAW}",
                          "2:13: art_2__para_1: 本办法第一条 [internal] -> art_1"]),
    ("第一条和刑法第六条", ["2:7: art_2__para_1: 第一条 [internal-bare] -> art_1",
                     f"2:11: art_2__para_1: 刑法第六条 {_CRIMINAL_LAW}"]),
    ("第一条和某某条例第六条", ["2:7: art_2__para_1: 第一条 [internal-bare] -> art_1",
                       "2:11: art_2__para_1: 某某条例第六条 [external] -> 《某某条例》第六条 (not in the corpus)"]),
    ("本办法和刑法第六条", [f"2:11: art_2__para_1: 刑法第六条 {_CRIMINAL_LAW}"]),
])
def it_reads_a_law_named_after_a_reference_and_a_connective_as_that_law(written: str, expected: list[str]) -> None:
    """本办法第一条和刑法第六条 cited this document's 第六条: the words before 第六条 were taken for a
    law's name (本办法第一条和刑法), refused for starting with 本, and 第六条 was left bare."""
    doc = regtext.parse(_TWO_DOCUMENTS.format(written))
    assert [reference_line(doc, r) for r in doc.references] == expected


def it_never_starts_a_law_name_inside_the_reference_before_it() -> None:
    """第一条和某某条例第六条 was one reference to 《第一条和某某条例》, overlapping 第一条."""
    assert [(r.start, r.end, r.anchor, r.anchor_text) for r in detect("违反第一条和某某条例第六条、本法和刑法第七条的")] == [
        (2, 5, "bare", ""), (6, 13, "name", "某某条例"), (17, 22, "name", "刑法")]


_SPEAKER = "第一条 本办法适用于安全生产。\n第二条 {}的，依法处理。\n第三条 甲。\n第四条 乙。\n第五条 丙。\n第六条 丁。\n"


@pytest.mark.parametrize(("written", "expected"), [
    ("本人违反刑法第六条", [f"2:9: art_2__para_1: 刑法第六条 {_CRIMINAL_LAW}"]),
    ("本单位违反某某条例第六条", ["2:10: art_2__para_1: 某某条例第六条 [external] -> 《某某条例》第六条 (not in the corpus)"]),
    ("本机关依照中华人民共和国刑法第六条", [f"2:10: art_2__para_1: 中华人民共和国刑法第六条 {_CRIMINAL_LAW}"]),
    ("本单位和个人违反刑法第六条", [f"2:13: art_2__para_1: 刑法第六条 {_CRIMINAL_LAW}"]),
    ("本人违反涉外民事关系法律适用法第六条",
     ["2:9: art_2__para_1: 涉外民事关系法律适用法第六条 [external] -> 《涉外民事关系法律适用法》第六条 (not in the corpus)"]),
    # the document speaking of itself in words the 本法/本办法 tokens do not cover
    ("本实施条例第六条", ["2:10: art_2__para_1: 第六条 [internal-bare] -> art_6"]),
    ("本暂行办法第六条", ["2:10: art_2__para_1: 第六条 [internal-bare] -> art_6"]),
])
def it_reads_the_law_a_speaker_named_with_ben_cites(written: str, expected: list[str]) -> None:
    """本人违反刑法第六条 cited this document's 第六条: the words before it (本人违反刑法) were
    refused as a law's name for starting with 本, and 第六条 was left bare."""
    doc = regtext.parse(_SPEAKER.format(written))
    assert [reference_line(doc, r) for r in doc.references] == expected
    assert [d.code for d in doc.diagnostics if d.code != "R303"] == []  # R303: a law not in the corpus


@pytest.mark.parametrize(("written", "expected"), [
    ("本市安全生产条例第六条", "本市安全生产条例第六条 [external] -> unresolved: 本市安全生产条例第六条: "
     "the law's name cannot be told from the words before 第六条 (本市安全生产条例)"),
    ("本单位对照某某条例第六条", "本单位对照某某条例第六条 [external] -> unresolved: 本单位对照某某条例第六条: "
     "the law's name cannot be told from the words before 第六条 (本单位对照某某条例)"),
])
def it_keeps_a_law_whose_name_cannot_be_told_unresolved_with_r306(written: str, expected: str) -> None:
    """本市安全生产条例 is another document (the city's regulation), but which one the words do not
    say: reading 第六条 as this document's would cite the wrong provision without a word."""
    doc = regtext.parse(_SPEAKER.format(written))
    assert [reference_line(doc, r) for r in doc.references] == [f"2:5: art_2__para_1: {expected}"]
    assert [d.code for d in doc.diagnostics] == ["R306"]


@pytest.mark.parametrize(("written", "expected"), [
    ("香港特别行政区基本法第十八条", ["2:5: art_2__para_1: 香港特别行政区基本法第十八条 [external] -> "
                           "《香港特别行政区基本法》第十八条 (not in the corpus)"]),
    ("违反基本法第六条和本法第五条", ["2:7: art_2__para_1: 基本法第六条 [external] -> 《基本法》第六条 (not in the corpus)",
                          "2:14: art_2__para_1: 本法第五条 [internal] -> art_5"]),
    ("构成本法第六条", ["2:7: art_2__para_1: 本法第六条 [internal] -> art_6"]),
    ("根据本法第六条", ["2:7: art_2__para_1: 本法第六条 [internal] -> art_6"]),
])
def it_never_takes_ben_fa_from_inside_a_longer_name(written: str, expected: list[str]) -> None:
    """香港特别行政区基本法第十八条 was read as 本法第十八条, this document's."""
    doc = regtext.parse(_SPEAKER.format(written))
    assert [reference_line(doc, r) for r in doc.references] == expected


def it_reads_basic_law_as_a_name_in_detection() -> None:
    assert [(r.start, r.end, r.anchor, r.anchor_text) for r in detect("依照香港特别行政区基本法第十八条、本法第六条")] == [
        (2, 16, "name", "香港特别行政区基本法"), (17, 22, "self", "本法")]
