"""Effective dates read from the texts, checked by hand against each corpus text.

The rule (src/regtext/parser/meta.py ``_effective``): the version in hand is dated by its last amendment
(修正/修订, or a later session's 通过).  Its effective date is a 施行 history line dated on or after
that amendment, else the text's own 自…起施行 clause when that is not older than the amendment.  An
amended text keeps the original enactment's clause, so when nothing in the text dates the amended
version, the date is the amending decision's as the corpus metadata quotes it (``amendment_effective``
in ``corpus/<id>.meta.yaml``, the quotation is the basis), else unknown (None) with the amendment's
history line as basis; either way warning M401 points at the stale clause and says where the date
comes from.  Never the original's date, never a date neither the text nor a quoted decision states.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

import regtext
from regtext.corpus import Corpus
from regtext.errors import InputError
from regtext.parser.meta import amending
from tests.conftest import CORPUS_IDS, ROOT

CORPUS = ROOT / "corpus"

D = datetime.date


def decision(law: str, adopted: str, commencement: str) -> str:
    """The basis of a date taken from corpus metadata: the amending decision, quoted."""
    return f"《全国人民代表大会常务委员会关于修改〈中华人民共和国{law}〉的决定》（{adopted}）：{commencement}"


# id -> (effective, effective_basis, why, for the amended texts)
EFFECTIVE = {
    "anquan_shengchanfa_2021": (D(2021, 9, 1), decision(
        "安全生产法", "2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过", "本决定自2021年9月1日起施行。")),
    # 第三次修正 2021-06-10; 第一百一十九条 自2002年11月1日起施行 is the 2002 enactment's; no 施行 line:
    # the date is the amending decision's, from corpus/anquan_shengchanfa_2021.meta.yaml
    "anquanshengchan_xukezheng_2014": (None, "2013年7月18日 《国务院关于废止和修改部分行政法规的决定》第一次修订"),
    # 第一次修订 2013-07-18; 第二十四条 自公布之日起施行 names the 2004-01-13 公布 of 国务院令第397号; the
    # text's history stops at 2013, before the 2014 version its id names: no amendment_effective, unknown
    "beijing_anquanshengchan_2022": (D(2022, 8, 1), "第六十六条 自2022年8月1日起施行"),
    # 修订 2022-05-25, and the revised text's own clause is later: 2022-08-01
    "geshuifa_shishitiaoli_2018": (D(2019, 1, 1), "2019年1月1日 施行"),
    # 第四次修订 2018-12-18, then the history line 2019年1月1日 施行
    "guoqi_guanlirenyuan_chufen_2024": (D(2024, 9, 1), "第五十二条 自2024年9月1日起施行"),
    "jianchafa_2018": (D(2018, 3, 20), "中华人民共和国主席令（第三号）：《中华人民共和国监察法》已由中华人民共和国第十三届"
                       "全国人民代表大会第一次会议于2018年3月20日通过，现予公布，自公布之日起施行。"),
    # 第六十九条 自公布之日起施行 and no 公布 line in the text: the order that published it, from
    # corpus/jianchafa_2018.meta.yaml (commencement)
    "jianchafa_2024": (D(2025, 6, 1), decision(
        "监察法", "2024年12月25日第十四届全国人民代表大会常务委员会第十三次会议通过", "本决定自2025年6月1日起施行。")),
    # 修正 2024-12-25; 第七十八条 自公布之日起施行 is the 2018 enactment's; the text has no 公布 or 施行 line
    # after it: the date is the amending decision's, from corpus/jianchafa_2024.meta.yaml
    "jianchaguanfa_2021": (D(2022, 1, 1), "第六十八条 自2022年1月1日起施行"),
    "meikuang_anquanshengchan_2024": (D(2024, 5, 1), "第七十六条 自2024年5月1日起施行"),
    "minfadian_zongze": (D(2021, 1, 1), "2021年1月1日 施行"),
    "ningxia_anquan_zhuijiu_2023": (D(2023, 8, 1), "第十四条 自发布之日起施行"),
    "scjg_xingzhengchufa_gongshi_2021": (D(2021, 9, 1), "2021年9月1日 施行"),
    "sfjs_weihai_anquanshengchan_2015": (D(2015, 12, 16), "第十七条 自2015年12月16日起施行"),
    "shandong_anquanshengchan_2021": (D(2022, 3, 1), "第八十条 自2022年3月1日起施行"),
    # 修订 2021-12-03, and the revised text's own clause is later: 2022-03-01
    "shanghai_sifajianding_2019": (D(2020, 5, 1), "第五十六条 自2020年5月1日起施行"),
    "tedaanquanshigu_zerenzhuijiu_2001": (D(2001, 4, 21), "第二十四条 自公布之日起施行"),
    "xingshi_susongfa_2018": (D(2018, 10, 26), decision(
        "刑事诉讼法", "2018年10月26日第十三届全国人民代表大会常务委员会第六次会议通过，中华人民共和国主席令第十号公布",
        "本决定自公布之日起施行。")),
    # 第三次修正 2018-10-26; an excerpt without the 附则: no clause, no 施行 line: the date is the
    # amending decision's (公布 by 主席令第十号 on 2018-10-26), from corpus/xingshi_susongfa_2018.meta.yaml
    "xingzheng_chufafa_2021": (D(2021, 7, 15), "第八十六条 自2021年7月15日起施行"),
    # 修订 2021-01-22, and the revised text's own clause is later: 2021-07-15
    "xingzhengjiguan_gongwuyuan_chufen_2007": (D(2007, 6, 1), "2007年6月1日 施行"),
    "yizhidu_huaxuepin_2018": (None, "2016年2月6日 《国务院关于修改部分行政法规的决定》第二次修订"),
    # 第二次修订 2016-02-06; 第四十五条 自2005年11月1日起施行 is the 2005 original's; the text's history
    # stops at 2016, before the 2018 version its id names: no amendment_effective, unknown
    "zhengwu_chufenfa_2020": (D(2020, 7, 1), "第六十八条 自2020年7月1日起施行"),
    "zhongzifa_2021": (D(2022, 3, 1), decision(
        "种子法", "2021年12月24日第十三届全国人民代表大会常务委员会第三十二次会议通过", "本决定自2022年3月1日起施行。")),
    # 第三次修正 2021-12-24; 第九十二条 自2016年1月1日起施行 is the 2015 修订's: the date is the amending
    # decision's, from corpus/zhongzifa_2021.meta.yaml
}

STALE_CLAUSE = {  # id -> (line, column, clause, amendment) of warning M401
    "anquan_shengchanfa_2021": (535, 11, "第一百一十九条 自2002年11月1日起施行", "2021-06-10 修正"),
    "anquanshengchan_xukezheng_2014": (105, 10, "第二十四条 自公布之日起施行", "2013-07-18 修订"),
    "jianchafa_2024": (423, 9, "第七十八条 自公布之日起施行", "2024-12-25 修正"),
    "yizhidu_huaxuepin_2018": (250, 10, "第四十五条 自2005年11月1日起施行", "2016-02-06 修订"),
    "zhongzifa_2021": (460, 9, "第九十二条 自2016年1月1日起施行", "2021-12-24 修正"),
}


def it_has_a_hand_checked_date_for_every_corpus_document() -> None:
    assert sorted(EFFECTIVE) == CORPUS_IDS


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_dates_the_version_in_hand_not_the_original_enactment(doc_id: str) -> None:
    meta = regtext.load(doc_id).meta
    assert (meta.effective, meta.effective_basis) == EFFECTIVE[doc_id]


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_warns_where_the_texts_own_clause_predates_its_last_amendment(doc_id: str) -> None:
    found = [(d.line, d.column, d.message) for d in regtext.load(doc_id).diagnostics if d.code == "M401"]
    expected = []
    if doc_id in STALE_CLAUSE:
        line, column, clause, amendment = STALE_CLAUSE[doc_id]
        when, basis = EFFECTIVE[doc_id]
        taken = (f"its effective date {when.isoformat()} is taken from the corpus metadata (amendment_effective): "
                 f"{basis}" if when else
                 "the text does not say when the amended version took effect: effective date unknown")
        expected = [(line, column, f"effective-date clause {clause} predates the last amendment ({amendment}): {taken}")]
    assert found == expected


def it_finds_the_corpus_data_consistent_with_every_corpus_text() -> None:
    assert [(doc_id, d.message) for doc_id in CORPUS_IDS for d in regtext.load(doc_id).diagnostics
            if d.code == "M402"] == []


def it_uses_no_corpus_data_for_a_file_outside_the_corpus(tmp_path: Path) -> None:
    """The date belongs to the corpus entry, not to the words: a copy elsewhere is not dated by it."""
    copy = tmp_path / "jianchafa.txt"
    copy.write_bytes((CORPUS / "jianchafa_2024.txt").read_bytes())
    meta = regtext.load(copy).meta
    assert (meta.effective, meta.effective_basis) == (
        None, "2024年12月25日 第十四届全国人民代表大会常务委员会第十三次会议《关于修改〈中华人民共和国监察法〉的决定》修正")


def it_counts_a_later_sessions_adoption_as_an_amendment() -> None:
    """北京市安全生产条例: the 2016年11月25日…会议通过 line is the decision amending the 2011 text."""
    history = regtext.load("beijing_anquanshengchan_2022").meta.history
    assert [(e.date.isoformat(), e.action, flag) for e, flag in zip(history, amending(history), strict=True)] == [
        ("2004-07-29", "通过", False), ("2011-05-27", "修订", True),
        ("2016-11-25", "通过", True), ("2022-05-25", "修订", True)]


def it_takes_a_commencement_line_after_the_amendment_and_still_flags_the_stale_clause() -> None:
    text = ("个人所得税法实施条例\n\n（1994年1月28日 中华人民共和国国务院令第142号发布\n"
            "2018年12月18日 中华人民共和国国务院令第707号第四次修订\n2019年1月1日 施行）\n\n"
            "第一条 根据个人所得税法，制定本条例。\n\n第二条 本条例自1994年1月28日起施行。\n")
    doc = regtext.parse(text)
    assert (doc.meta.effective, doc.meta.effective_basis) == (D(2019, 1, 1), "2019年1月1日 施行")
    assert [(d.code, d.line, d.column, d.message) for d in doc.diagnostics if d.code == "M401"] == [
        ("M401", 9, 8, "effective-date clause 第二条 自1994年1月28日起施行 predates the last amendment "
                        "(2018-12-18 修订): its effective date is taken from the history line 2019年1月1日 施行")]


def it_ignores_a_commencement_line_of_the_original_version() -> None:
    text = ("行政机关公务员处分条例\n\n（2007年4月22日 中华人民共和国国务院令第495号公布\n2007年6月1日 施行\n"
            "2020年1月1日 《国务院关于修改部分行政法规的决定》修订）\n\n第一条 为了严肃行政机关纪律，制定本条例。\n")
    meta = regtext.parse(text).meta
    assert (meta.effective, meta.effective_basis) == (None, "2020年1月1日 《国务院关于修改部分行政法规的决定》修订")


# -- the amending decision's date as corpus data (amendment_effective in <id>.meta.yaml) -----------

AMENDED = ("行政机关公务员处分条例\n\n（2007年4月22日 中华人民共和国国务院令第495号公布\n"
           "2020年1月1日 《国务院关于修改部分行政法规的决定》修订）\n\n"
           "第一条 为了严肃行政机关纪律，制定本条例。\n\n第二条 本条例自2007年6月1日起施行。\n")
SOURCE = "《国务院关于修改部分行政法规的决定》（2020年1月1日）：本决定自2020年3月1日起施行。"


def corpus_with(tmp_path: Path, amendment_effective: str, text: str = AMENDED) -> Corpus:
    (tmp_path / "demo.txt").write_text(text, encoding="utf-8")
    (tmp_path / "demo.meta.yaml").write_text(
        f'id: demo\ntitle: "行政机关公务员处分条例"\namendment_effective: {amendment_effective}\n', encoding="utf-8")
    return Corpus(tmp_path)


def effective_and_warnings(corpus: Corpus) -> tuple[Any, ...]:
    doc = corpus.load("demo")
    return (doc.meta.effective, doc.meta.effective_basis,
            [(d.code, d.line, d.column, d.message) for d in doc.diagnostics if d.code.startswith("M")])


def it_dates_the_amended_version_from_the_corpus_data_and_says_so_in_the_warning(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path, f'{{date: 2020-03-01, source: "{SOURCE}"}}')
    assert effective_and_warnings(corpus) == (D(2020, 3, 1), SOURCE, [
        ("M401", 8, 8, "effective-date clause 第二条 自2007年6月1日起施行 predates the last amendment (2020-01-01 修订): "
                       f"its effective date 2020-03-01 is taken from the corpus metadata (amendment_effective): {SOURCE}")])


@pytest.mark.parametrize(("text", "stated"), [
    (AMENDED.replace("修订）", "修订\n2020年3月1日 施行）"), "2020年3月1日 施行"),
    (AMENDED.replace("2007年6月1日起", "2020年3月1日起"), "第二条 自2020年3月1日起施行"),
], ids=["history-line", "clause"])
def it_prefers_the_texts_own_date_of_the_version_to_the_corpus_data(tmp_path: Path, text: str, stated: str) -> None:
    corpus = corpus_with(tmp_path, f'{{date: 2020-03-01, source: "{SOURCE}"}}', text)
    when, basis, warnings = effective_and_warnings(corpus)
    assert (when, basis, [w for w in warnings if w[0] == "M402"]) == (D(2020, 3, 1), stated, [])


def it_warns_when_the_corpus_data_contradicts_the_texts_date(tmp_path: Path) -> None:
    source = SOURCE.replace("3月1日", "4月1日")
    corpus = corpus_with(tmp_path, f'{{date: 2020-04-01, source: "{source}"}}',
                         AMENDED.replace("修订）", "修订\n2020年3月1日 施行）"))
    assert effective_and_warnings(corpus) == (D(2020, 3, 1), "2020年3月1日 施行", [
        ("M402", 5, 1, "corpus metadata amendment_effective 2020-04-01 contradicts the text, which dates this version "
                       "2020-03-01 (2020年3月1日 施行): the text's date is used"),
        ("M401", 9, 8, "effective-date clause 第二条 自2007年6月1日起施行 predates the last amendment (2020-01-01 修订): "
                       "its effective date is taken from the history line 2020年3月1日 施行")])


@pytest.mark.parametrize(("text", "when", "warning"), [
    (AMENDED, "2019-12-01", (4, 1, "corpus metadata amendment_effective 2019-12-01 is not used: it is before the last "
                                   "amendment (2020-01-01 修订) it should date")),
    (AMENDED.replace("\n2020年1月1日 《国务院关于修改部分行政法规的决定》修订", ""), "2020-03-01",
     (1, 1, "corpus metadata amendment_effective 2020-03-01 is not used: the text records no amendment")),
], ids=["before-the-amendment", "no-amendment"])
def it_warns_and_ignores_corpus_data_that_cannot_date_the_last_amendment(tmp_path: Path, text: str, when: str,
                                                                         warning: tuple[Any, ...]) -> None:
    source = SOURCE.replace("2020年3月1日", f"{int(when[:4])}年{int(when[5:7])}月{int(when[8:])}日")
    doc = corpus_with(tmp_path, f'{{date: {when}, source: "{source}"}}', text).load("demo")
    assert ("M402", *warning) in [(d.code, d.line, d.column, d.message) for d in doc.diagnostics]
    assert doc.meta.effective_basis != source


@pytest.mark.parametrize(("value", "message"), [
    ('{date: "2025-02-30", source: "x"}', "amendment_effective.date: 2025-02-30 is not a date that exists"),
    ('{date: "June 1", source: "x"}', "amendment_effective.date: 'June 1' is not a date (expected YYYY-MM-DD)"),
    ("{source: x}", "amendment_effective.date: missing"),
    ("{date: 2020-03-01}", "amendment_effective.source: missing (quote the amending decision that gives the date)"),
    ('{date: 2020-03-01, source: "  "}', "amendment_effective.source: missing"),
    ("{date: 2020-03-01, source: x, note: y}", "amendment_effective.note: unknown key"),
    ("2020-03-01", "amendment_effective: expected a mapping with 'date' and 'source'"),
    (f'{{date: 2020-03-02, source: "{SOURCE}"}}',
     "amendment_effective.date: 2020-03-02 is not the date its source gives (自2020年3月1日起施行)"),
    ('{date: 2020-02-01, source: "《国务院关于修改部分行政法规的决定》：本决定自发布之日起施行。"}',
     "amendment_effective.source: 自发布之日起施行, but the quotation does not date the 发布"),
    ('{date: 2020-02-01, source: "本决定自2020年2月1日起施行。本决定自2020年3月1日起施行。"}',
     "amendment_effective.source: states 2 施行 statements (自2020年2月1日起施行；自2020年3月1日起施行): "
     "it must state exactly one"),
    ('{date: 2020-02-01, source: "《国务院关于修改部分行政法规的决定》"}',
     "amendment_effective.source: states no 施行 date: it must state exactly one"),
    ('{date: 2020-02-01, source: "本决定自12020年2月1日起施行。"}',
     "amendment_effective.source: '自12020年2月1日起施行' is not a 施行 date (write 自YYYY年M月D日起施行 or "
     "自公布之日起施行)"),
    ('{date: 2020-02-01, source: "本决定自2020年2月31日起施行。"}',
     "amendment_effective.source: 自2020年2月31日起施行 names no date that exists (day is out of range for month)"),
    ('{date: 2020-02-01, source: "（2020年1月1日通过，主席令第一号公布）：本决定自公布之日起施行。"}',
     "amendment_effective.date: 2020-02-01 is not the date its source gives (2020年1月1日公布，自公布之日起施行)"),
], ids=["impossible-date", "not-a-date", "no-date", "no-source", "blank-source", "unknown-key", "not-a-mapping",
        "date-not-the-sources", "source-without-date", "source-with-two-dates", "source-without-commencement",
        "source-five-digit-year", "source-impossible-date", "source-publication-date-not-the-date"])
def it_refuses_malformed_corpus_data_naming_the_file_and_key(tmp_path: Path, value: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        corpus_with(tmp_path, value).load("demo")
    assert message in raised.value.message
    assert raised.value.where == str(tmp_path / "demo.meta.yaml")


@pytest.mark.parametrize(("doc_id", "when"), [
    ("anquan_shengchanfa_2021", "2021-09-01"), ("jianchafa_2024", "2025-06-01"),
    ("xingshi_susongfa_2018", "2018-10-26"), ("zhongzifa_2021", "2022-03-01"),
])
def it_accepts_the_bundled_sources_each_stating_one_commencement_date(doc_id: str, when: str) -> None:
    # 刑事诉讼法's decision takes effect 自公布之日起施行: its date is the 公布 the quotation dates.
    entry = Corpus(ROOT / "corpus").entries[doc_id]
    assert entry.amendment_effective is not None
    assert entry.amendment_effective.date.isoformat() == when
