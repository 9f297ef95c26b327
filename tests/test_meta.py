"""Effective dates read from the texts, checked by hand against each corpus text.

The rule (src/regtext/meta.py ``_effective``): the version in hand is dated by its last amendment
(修正/修订, or a later session's 通过).  Its effective date is a 施行 history line dated on or after
that amendment, else the text's own 自…起施行 clause when that is not older than the amendment.  An
amended text keeps the original enactment's clause, so when nothing in the text dates the amended
version the date is unknown (None), the basis is the amendment's history line, and warning M401
points at the stale clause.  Never the original's date, never a date the text does not state.
"""

from __future__ import annotations

import datetime

import pytest

import regtext
from regtext.meta import amending
from tests.conftest import CORPUS_IDS

D = datetime.date

# id -> (effective, effective_basis, why, for the amended texts)
EFFECTIVE = {
    "anquan_shengchanfa_2021": (
        None, "2021年6月10日 第十三届全国人民代表大会常务委员会第二十九次会议《关于修改<中华人民共和国安全生产法>的决定》第三次修正"),
    # 第三次修正 2021-06-10; 第一百一十九条 自2002年11月1日起施行 is the 2002 enactment's; no 施行 line
    "anquanshengchan_xukezheng_2014": (None, "2013年7月18日 《国务院关于废止和修改部分行政法规的决定》第一次修订"),
    # 第一次修订 2013-07-18; 第二十四条 自公布之日起施行 names the 2004-01-13 公布 of 国务院令第397号
    "beijing_anquanshengchan_2022": (D(2022, 8, 1), "第六十六条 自2022年8月1日起施行"),
    # 修订 2022-05-25, and the revised text's own clause is later: 2022-08-01
    "geshuifa_shishitiaoli_2018": (D(2019, 1, 1), "2019年1月1日 施行"),
    # 第四次修订 2018-12-18, then the history line 2019年1月1日 施行
    "guoqi_guanlirenyuan_chufen_2024": (D(2024, 9, 1), "第五十二条 自2024年9月1日起施行"),
    "jianchafa_2024": (
        None, "2024年12月25日 第十四届全国人民代表大会常务委员会第十三次会议《关于修改〈中华人民共和国监察法〉的决定》修正"),
    # 修正 2024-12-25; 第七十八条 自公布之日起施行 is the 2018 enactment's; the text has no 公布 or 施行 line after it
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
    "xingshi_susongfa_2018": (
        None, "2018年10月26日 第十三届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国刑事诉讼法〉的决定》第三次修正"),
    # 第三次修正 2018-10-26; an excerpt without the 附则: no clause, no 施行 line
    "xingzheng_chufafa_2021": (D(2021, 7, 15), "第八十六条 自2021年7月15日起施行"),
    # 修订 2021-01-22, and the revised text's own clause is later: 2021-07-15
    "xingzhengjiguan_gongwuyuan_chufen_2007": (D(2007, 6, 1), "2007年6月1日 施行"),
    "yizhidu_huaxuepin_2018": (None, "2016年2月6日 《国务院关于修改部分行政法规的决定》第二次修订"),
    # 第二次修订 2016-02-06; 第四十五条 自2005年11月1日起施行 is the 2005 original's
    "zhengwu_chufenfa_2020": (D(2020, 7, 1), "第六十八条 自2020年7月1日起施行"),
    "zhongzifa_2021": (
        None, "2021年12月24日 第十三届全国人民代表大会常务委员会第三十二次会议《关于修改〈中华人民共和国种子法〉的决定》第三次修正"),
    # 第三次修正 2021-12-24; 第九十二条 自2016年1月1日起施行 is the 2015 修订's
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
        expected = [(line, column, f"effective-date clause {clause} predates the last amendment ({amendment}): "
                                   "the text does not say when the amended version took effect: effective date unknown")]
    assert found == expected


def it_counts_a_later_sessions_adoption_as_an_amendment() -> None:
    """北京市安全生产条例: the 2016年11月25日…会议通过 line is the decision amending the 2011 text."""
    history = regtext.load("beijing_anquanshengchan_2022").meta.history
    assert [(e.date.isoformat(), e.action, flag) for e, flag in zip(history, amending(history))] == [
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
