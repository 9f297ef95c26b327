"""The rulebook of 《中华人民共和国公职人员政务处分法》 and the rules it needs (D131–D140): each
ladder against the article's own words, a case breaking each rule with its exact message, the
sanction and period decide reports, and a 政务处分 given through the primary regulation."""

from __future__ import annotations

import json
import re

import pytest

from regtext.corpus import default_corpus
from regtext.decide import decide, load_case, load_rulebook, period_phrase
from regtext.decide.ladder import text_of
from regtext.decide.rulebook import Rulebook, build_rulebook
from regtext.errors import InputError
from regtext.yamlfile import load_yaml
from tests.conftest import ROOT

RULEBOOK = ROOT / "corpus" / "zhengwu_chufenfa_2020.rulebook.yaml"

BASE = """\
regulation: zhengwu_chufenfa_2020
issuer: 某县监察委员会
number: 某监处〔2024〕3号
date: 2024-07-01
subject: {type: person, name: 赵某, sex: 男, born: 1980-01, supervised: true, position: 某县自然资源局科长}
facts: 经查，……
findings:
  - {provision: 第三十九条第一款第（三）项, severity: 较重}
circumstances: [第十一条第（一）项]
measures: [撤职]
"""

# -- the ladders are the articles' words -----------------------------------------------------------

SEVERITY_WORDS = (("情节特别严重", "特别严重"), ("情节严重", "严重"), ("情节较重", "较重"))


def ladder_from_text(book: Rulebook, text: str) -> dict[str, list[str]]:
    """severity → the kinds a provision names, clause by clause (split on ；): a clause naming no
    情节 is the 一般 step."""
    names = [k.name for k in book.kinds]
    out: dict[str, list[str]] = {}
    for clause in text.split("；"):
        severity = next((s for word, s in SEVERITY_WORDS if word in clause), book.severities[0])
        found = sorted({m.start(): m.group() for m in re.finditer("|".join(names), clause)}.items())
        for _, name in found:
            step = out.setdefault(severity, [])
            if name not in step:
                step.append(name)
    return out


def mismatches(book: Rulebook) -> list[str]:
    out = []
    for v in book.violations:
        if v.open:
            continue
        said = ladder_from_text(book, text_of(v.node))
        if said != v.ladder:
            out.append(f"{v.node.eid}: the text says {said}, the rulebook {v.ladder}")
    return out


def it_writes_every_ladder_as_its_article_words_it() -> None:
    book = load_rulebook("zhengwu_chufenfa_2020")
    assert len(book.violations) == 26
    assert mismatches(book) == []


def it_fails_the_comparison_for_a_typo_in_a_ladder(tmp_path) -> None:
    text = RULEBOOK.read_text(encoding="utf-8").replace(
        "{provision: 第三十五条, ladder: {较重: [警告, 记过, 记大过]", "{provision: 第三十五条, ladder: {较重: [警告, 记大过]")
    path = tmp_path / "zhengwu_chufenfa_2020.rulebook.yaml"
    path.write_text(text, encoding="utf-8")
    book = build_rulebook(load_yaml(path), default_corpus())
    assert mismatches(book) == [
        "art_35: the text says {'较重': ['警告', '记过', '记大过'], '严重': ['降级', '撤职']}, "
        "the rulebook {'较重': ['警告', '记大过'], '严重': ['降级', '撤职']}"]


def it_reads_the_kinds_periods_and_parts_of_the_law() -> None:
    book = load_rulebook("zhengwu_chufenfa_2020")
    assert [(k.name, k.months, k.period.eid if k.period else None) for k in book.kinds] == [
        ("警告", 6, "art_8__para_1__point_1"), ("记过", 12, "art_8__para_1__point_2"),
        ("记大过", 18, "art_8__para_1__point_3"), ("降级", 24, "art_8__para_1__point_4"),
        ("撤职", 24, "art_8__para_1__point_4"), ("开除", None, None)]
    assert book.violation_of(book.doc.find("第三十八条第二款")).extends == (
        book.doc.find("第三十八条第一款第（一）项"), book.doc.find("第三十八条第一款第（二）项"),
        book.doc.find("第三十八条第一款第（五）项"))
    assert [(g.effects, g.severities, [n.eid for n in g.requires]) for g in book.circumstance_groups] == [
        (("从轻", "减轻"), (), []), (("免予", "不予"), ("一般",), ["art_11"]), (("免予", "不予", "减轻"), (), []),
        (("从重",), (), [])]
    assert book.several is not None and (book.several.up_to, book.several.max_months) == ("撤职", 48)
    assert book.once is not None and book.once.eid == "art_16"


def it_points_the_primary_s_government_sanctions_at_the_law_s_rulebook() -> None:
    primary = load_rulebook("ningxia_anquan_zhuijiu_2023")
    assert primary.sanctions["government"]["allowed"] == ["警告", "记过", "记大过", "降级", "撤职", "开除"]
    assert primary.linked["government"] is load_rulebook("zhengwu_chufenfa_2020")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("{provision: 第三十九条, ladder: {一般: [警告, 记过, 记大过]", "{provision: 第三十九条, ladder: {一般: [警告, 记过过, 记大过]",
     "zhengwu_chufenfa_2020.rulebook.yaml:71:42: violations[22].ladder.一般[1]: '记过过' is not a sanction kind "
     "(one of: 警告、记过、记大过、降级、撤职、开除) (correct it or add it to sanction_kinds)"),
    ("{provision: 第三十九条, ladder: {一般: [警告, 记过, 记大过], 较重:", "{provision: 第三十九条, ladder: {一般: [警告, 记过, 记大过], 很重:",
     "zhengwu_chufenfa_2020.rulebook.yaml:71:52: violations[22].ladder.很重: '很重' is not a severity "
     "(one of: 一般、较重、严重、特别严重) (correct it or add it to severities)"),
    ("{provision: 第三十九条, ladder:", "{provision: 第九十九条, ladder:",
     "zhengwu_chufenfa_2020.rulebook.yaml:71:17: violations[22].provision: 第九十九条 does not exist in "
     "《中华人民共和国公职人员政务处分法》 (it has 第一条 to 第六十八条; nearest: 第六十八条)"),
    ("{effects: [从重], provisions", "{effects: [加重], provisions",
     "zhengwu_chufenfa_2020.rulebook.yaml:90:16: circumstances[3].effects[0]: '加重' is not an effect "
     "(one of: 从轻、从重、减轻、免予、不予) (correct it or add it to effects)"),
], ids=["kind", "severity", "provision", "effect"])
def it_refuses_a_rulebook_naming_what_it_does_not_define(tmp_path, old: str, new: str, message: str) -> None:
    text = RULEBOOK.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "zhengwu_chufenfa_2020.rulebook.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_rulebook(load_yaml(path), default_corpus())
    assert str(caught.value).replace(str(tmp_path) + "/", "") == message


# -- a case breaking each rule ---------------------------------------------------------------------


def problems(text: str) -> list[str]:
    return [p.located().text() for p in decide(load_case("case.yaml", text=text)).problems]


def with_(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new)


FINDING = "{provision: 第三十九条第一款第（三）项, severity: 较重}"

BROKEN = {
    "D131-unknown": (with_(FINDING, "第九十九条"),
                     "case.yaml:8:5: error D131 findings[0]: '第九十九条' names no provision of 《中华人民共和国公职人员政务处分法》 "
                     "(use a citation such as 第十四条第一款第（一）项, or an eId)"),
    "D131-several": (with_(FINDING, "{provision: 第十四条, severity: 较重}"),
                     "case.yaml:8:5: error D131 findings[0]: 第十四条 holds several violations: 第十四条第一款、"
                     "第十四条第二款、第十四条第三款 — name one of them"),
    "D131-not-one": (with_(FINDING, "第七条"),
                     "case.yaml:8:5: error D131 findings[0]: 第七条 is not a violation of 《中华人民共和国公职人员政务处分法》 "
                     "(violations: 第十四条第一款至第三款、第二十八条第一款至第三款、第二十九条第一款至第三款、第三十条、"
                     "第三十一条第一款、第二款、第三十二条、第三十三条第一款、第二款、第三十四条第一款、第二款、第三十五条至第三十七条、"
                     "第三十八条第一款、第二款、第三十九条、第四十条第一款、第二款、第四十一条)"),
    "D131-item": (with_(FINDING, "{provision: 第三十九条, severity: 较重}"),
                  "case.yaml:8:5: warning D131 findings[0]: 第三十九条 lists several acts in its items: name the item "
                  "the conduct is (e.g. 第三十九条第（一）项)"),
    "D131-none": (with_(f"findings:\n  - {FINDING}", "findings: []"),
                  "case.yaml:7:1: error D131 findings: no violation is found: name in findings the provision the "
                  "conduct violates (第十四条第一款至第三款、第二十八条第一款至第三款、第二十九条第一款至第三款、第三十条、"
                  "第三十一条第一款、第二款、第三十二条、第三十三条第一款、第二款、第三十四条第一款、第二款、第三十五条至第三十七条、"
                  "第三十八条第一款、第二款、第三十九条、第四十条第一款、第二款、第四十一条)"),
    "D132-no-sanction": (with_("measures: [撤职]", "measures: []"),
                         "case.yaml:10:1: error D132 measures: no sanction is given: name the kind in measures (one of: "
                         "警告、记过、记大过、降级、撤职、开除), or claim 免予、不予 (第十二条)"),
    "D103-organisation": (with_("{type: person, name: 赵某, sex: 男, born: 1980-01, supervised: true, position: 某县自然资源局科长}",
                                "{type: organization, name: 某局}"),
                          "case.yaml:5:17: error D103 subject.type: an organisation: 第二条第三款 covers only "
                          "公职人员（《中华人民共和国监察法》第十五条规定的人员） [第二条第三款]"),
    "D132-severity": (with_("severity: 较重}", "severity: 一般}"),
                      "case.yaml:10:12: error D132 measures[0]: 第三十九条 allows 警告、记过、记大过 at 一般, not 撤职; "
                      "撤职 is allowed at 较重 [第三十九条]"),
    "D132-kind": (with_("measures: [撤职]", "measures: [记大大过]"),
                  "case.yaml:10:12: error D132 measures[0]: '记大大过' is not a sanction kind (one of: "
                  "警告、记过、记大过、降级、撤职、开除) [第七条]"),
    "D132-jianqing": (with_("circumstances: [第十一条第（一）项]", "circumstances: [{provision: 第十一条第（一）项, effect: 减轻}]"),
                      "case.yaml:10:12: error D132 measures[0]: 第三十九条 allows 记大过 at 较重 with 减轻, not 撤职 [第三十九条]"),
    "D133": (with_(FINDING, "第三十五条第（一）项"),
             "case.yaml:8:5: error D133 findings[0]: 第三十五条 applies only at 较重 or 严重: state the severity "
             "(severity: 较重) [第三十五条]"),
    "D134-word": (with_("severity: 较重}", "severity: 很重}"),
                  "case.yaml:8:42: error D134 findings[0].severity: '很重' is not a severity (one of: "
                  "一般、较重、严重、特别严重)"),
    "D134-step": (with_("severity: 较重}", "severity: 特别严重}"),
                  "case.yaml:8:42: error D134 findings[0].severity: 第三十九条 has no step at 特别严重 (it has "
                  "一般、较重、严重) [第三十九条]"),
    "D135": (with_(FINDING, "第十四条第二款"),
             "case.yaml:10:12: warning D135 measures[0]: 第十四条第二款 allows 撤职 only where 案件情况特殊，予以撤职更为适当的，"
             "可以不予开除，但是应当报请上一级机关批准: the facts must show it [第十四条第二款]"),
    "D136-none-below": (with_("severity: 较重}", "severity: 一般}").replace(
        "circumstances: [第十一条第（一）项]\nmeasures: [撤职]",
        "circumstances: [{provision: 第十一条第（一）项, effect: 减轻}]\nmeasures: [警告]"),
        "case.yaml:9:17: error D136 circumstances[0]: 减轻 gives a kind below the lightest of the range, and there "
        "is none below 警告: what remains is 免予、不予 (第十二条) [第十二条]"),
    "D136-exempt": (with_("circumstances: [第十一条第（一）项]", "circumstances: [第十二条第二款]"),
                    "case.yaml:10:12: error D136 measures[0]: 免予 (第十二条第二款) gives no sanction, but 撤职 is given: "
                    "drop the sanction or the circumstance [第十二条第二款]"),
    # 第十二条第一款: 情节轻微，且具有本法第十一条规定的情形之一 (a15: both were passing unread)
    "D136-exempt-severity": (with_("circumstances: [第十一条第（一）项]\nmeasures: [撤职]",
                                   "circumstances: [第十一条第（一）项, 第十二条第一款]\nmeasures: []"),
                             "case.yaml:9:28: error D136 circumstances[1]: 第十二条第一款 applies only to a violation found "
                             "at 一般, not 较重 (findings[0]) [第十二条第一款]"),
    "D136-exempt-alone": (with_("severity: 较重}\ncircumstances: [第十一条第（一）项]\nmeasures: [撤职]",
                                "severity: 一般}\ncircumstances: [第十二条第一款]\nmeasures: []"),
                          "case.yaml:9:17: error D136 circumstances[0]: 第十二条第一款 applies only with a circumstance of "
                          "第十一条 also found: claim it in circumstances [第十二条第一款]"),
    "D136-effect": (with_("circumstances: [第十一条第（一）项]", "circumstances: [{provision: 第十一条第（一）项, effect: 从重}]"),
                    "case.yaml:9:48: error D136 circumstances[0].effect: 第十一条第（一）项 may have the effect 从轻、减轻, "
                    "not '从重' [第十一条第（一）项]"),
    "D136-unknown": (with_("circumstances: [第十一条第（一）项]", "circumstances: [第十条]"),
                     "case.yaml:9:17: error D136 circumstances[0]: '第十条' (第十条) is not a circumstance of "
                     "《中华人民共和国公职人员政务处分法》 (circumstances: 第十一条第（一）项至第（七）项、第十二条第一款、第二款、"
                     "第十三条第（一）项至第（七）项)"),
    "D137": (with_("circumstances: [第十一条第（一）项]", "circumstances: [第十一条第（一）项, 第十三条第（二）项]"),
             "case.yaml:9:1: warning D137 circumstances: 从重 and 从轻 are both claimed: the facts must say how they are "
             "weighed against each other"),
    "D138-each": (with_(f"  - {FINDING}", f"  - {FINDING}\n  - {{provision: 第三十九条第一款第（二）项, sanction: 记过}}"),
                  "case.yaml:8:5: error D138 findings[0]: several violations are found: state the sanction given for "
                  "each (findings[0]: {provision: …, sanction: …}); the heaviest is executed (第十五条) [第十五条]"),
    "D138-heaviest": (with_(f"  - {FINDING}", "  - {provision: 第三十九条第一款第（三）项, severity: 较重, sanction: 降级}\n"
                            "  - {provision: 第三十九条第一款第（二）项, sanction: 记过}"),
                      "case.yaml:11:1: error D138 measures: the heaviest of the sanctions given (降级) is executed "
                      "(第十五条), not 撤职: write measures: [降级] [第十五条]"),
    "D138-period": (with_(f"  - {FINDING}", "  - {provision: 第三十九条第一款第（三）项, severity: 较重, sanction: 撤职}\n"
                          "  - {provision: 第三十九条第一款第（二）项, severity: 较重, sanction: 撤职}\nperiod_months: 50"),
                    "case.yaml:10:16: error D138 period_months: 2 sanctions of 撤职 are given: state the period, from 24 "
                    "to 48 months (period_months 50; 第十五条) [第十五条]"),
    "D138-two-sanctions": (with_("severity: 较重}", "severity: 较重, sanction: 降级}"),
                           "case.yaml:10:1: error D138 measures: findings[0] gives 降级, measures 撤职: write the same "
                           "sanction in both (or only in measures)"),
    "D139": (with_("severity: 较重}", "severity: 较重, already: {by: 某县监察委员会, sanction: 记过, date: 2023-05-01}}"),
             "case.yaml:8:46: error D139 findings[0].already: the conduct was already sanctioned (记过 by 某县监察委员会 on "
             "2023-05-01): it is not sanctioned again (第十六条) — drop the finding [第十六条]"),
    "D140": (with_("supervised: true,", "supervised: true, employment: 基层群众性自治组织,"),
             "case.yaml:10:12: error D140 measures[0]: a person of 基层群众性自治组织 may be given only 警告、记过、记大过 "
             "(第二十二条第一款), not 撤职 [第二十二条第一款]"),
    "D140-unknown": (with_("supervised: true,", "supervised: true, employment: 公司,"),
                     "case.yaml:5:88: error D140 subject.employment: '公司' is not an employment of "
                     "《中华人民共和国公职人员政务处分法》 (one of: 公务员、事业单位、国有企业、基层群众性自治组织、其他履行公职的人员)"),
    "D103": (with_("supervised: true,", "supervised: false,"),
             "case.yaml:5:1: error D103 subject: the person is not a 监察对象: 第二条第三款 covers only "
             "公职人员（《中华人民共和国监察法》第十五条规定的人员） [第二条第三款]"),
    "D108": (with_(FINDING, "第四十一条"),
             "case.yaml:8:5: warning D108 findings[0]: 第四十一条 (公职人员有其他违法行为，影响公职人员形象，损害国家和人民"
             "利益的，可以根据情节轻重给予相应政务处分) is a catch-all: state in 'reason' why the conduct is such a "
             "violation [第四十一条]"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def it_reports_a_case_breaking_each_rule(name: str) -> None:
    text, expected = BROKEN[name]
    assert problems(text) == [expected]


def it_passes_the_base_case() -> None:
    assert problems(BASE) == []


def it_gives_no_sanction_where_exemption_is_claimed() -> None:
    decision = decide(load_case("case.yaml", text=with_(
        "severity: 较重}\ncircumstances: [第十一条第（一）项]\nmeasures: [撤职]",
        "severity: 一般}\ncircumstances: [第十一条第（一）项, 第十二条第一款]\nmeasures: []")))
    assert (decision.problems, decision.sanction) == ([], None)


# -- what decide reports ---------------------------------------------------------------------------


def it_reports_the_sanction_and_its_period_beside_the_basis() -> None:
    decision = decide(load_case("case.yaml", text=BASE))
    report = json.loads(json.dumps(decision.to_dict("case.yaml"), ensure_ascii=False))
    assert report["sanction"] == {
        "kind": "撤职", "period_months": 24, "provision": "art_39__para_1__point_3", "severity": "较重",
        "circumstances": [{"eid": "art_11__para_1__point_1", "citation": "第十一条第（一）项", "effect": "从轻"}],
        "kind_provision": "art_7__para_1__point_5", "period_provision": "art_8__para_1__point_4",
        "document": "zhengwu_chufenfa_2020"}
    assert [(b["role"], b["eid"]) for b in report["basis"]] == [
        ("finding", "art_39__para_1__point_3"), ("circumstance", "art_11__para_1__point_1"),
        ("measure", "art_7__para_1__point_5"), ("period", "art_8__para_1__point_4")]
    assert report["sentence"] == "根据《中华人民共和国公职人员政务处分法》第三十九条第（三）项、第十一条第（一）项之规定"
    assert [a["kind"] for a in report["appeals"]] == ["sanction"]
    assert period_phrase(decision.sanction) == "（处分期二十四个月）"


def it_cites_the_extending_paragraph_for_the_step_it_adds() -> None:
    decision = decide(load_case("case.yaml", text=with_(FINDING, "{provision: 第三十八条第一款第（一）项, severity: 特别严重}")
                                .replace("measures: [撤职]", "measures: [开除]")))
    assert decision.problems == []
    assert decision.sentence() == ("根据《中华人民共和国公职人员政务处分法》第三十八条第一款第（一）项、第二款、"
                                   "第十一条第（一）项之规定")
    assert decision.sanction is not None and decision.sanction["period_months"] is None
    assert period_phrase(decision.sanction) == ""


def it_executes_the_heaviest_of_several_with_the_period_stated() -> None:
    decision = decide(load_case("case.yaml", text=with_(
        f"  - {FINDING}", "  - {provision: 第三十九条第一款第（三）项, severity: 较重, sanction: 撤职}\n"
        "  - {provision: 第三十九条第一款第（二）项, severity: 较重, sanction: 撤职}\nperiod_months: 36")))
    assert decision.problems == []
    assert decision.sentence() == ("根据《中华人民共和国公职人员政务处分法》第三十九条第（二）项、第（三）项、"
                                   "第十一条第（一）项、第十五条之规定")
    assert decision.sanction is not None
    assert (decision.sanction["kind"], decision.sanction["period_months"], decision.sanction["several"]) == (
        "撤职", 36, "art_15")
    assert period_phrase(decision.sanction) == "（处分期三十六个月）"


# -- chained from the primary regulation -----------------------------------------------------------

ZHAO = (ROOT / "examples" / "zhao_jiguo.yaml").read_text(encoding="utf-8")


def it_checks_a_government_sanction_of_the_primary_against_the_law_s_ladder() -> None:
    text = ZHAO.replace("    sanction: 记过\n", "    sanction: 记过\n    severity: 较重\n")
    assert problems(text) == [
        "case.yaml:22:15: error D132 sanctions[0].sanction: 第三十九条 allows 降级、撤职 at 较重, not 记过; 记过 is "
        "allowed at 一般 [第三十九条]"]


def it_cites_the_law_first_and_its_circumstances_in_a_chained_decision() -> None:
    decision = decide(load_case("case.yaml", text=ZHAO))
    assert decision.problems == []
    assert decision.sentence() == (
        "根据《中华人民共和国公职人员政务处分法》第三十九条第（二）项和《安全生产责任追究办法（试行）》第四条第（三）项、"
        "第六条第一款第（二）项、第（五）项、第二款之规定")
    assert period_phrase(decision.sanction) == "（处分期十二个月）"
    text = ZHAO.replace("    sanction: 记过\n", "    sanction: 记过\n    circumstances: [第十三条第（一）项]\n")
    decision = decide(load_case("case.yaml", text=text))
    assert decision.problems == []
    assert decision.sentence().startswith(
        "根据《中华人民共和国公职人员政务处分法》第三十九条第（二）项、第十三条第（一）项和《安全生产责任追究办法（试行）》")
    assert [(b.role, b.citation, b.document) for b in decision.basis][-2:] == [
        ("sanction_basis", "第三十九条第（二）项", "zhengwu_chufenfa_2020"),
        ("sanction_circumstance", "第十三条第（一）项", "zhengwu_chufenfa_2020")]


def it_asks_for_the_item_of_a_chained_basis_naming_only_the_article() -> None:
    text = ZHAO.replace("第三十九条第（二）项", "第三十九条")
    assert problems(text) == [
        "case.yaml:23:12: warning D131 sanctions[0].basis: 第三十九条 lists several acts in its items: name the item "
        "the conduct is (e.g. 第三十九条第（一）项)"]


def it_validates_the_new_rulebook_in_check() -> None:
    from regtext.check.data import check_rulebook

    assert check_rulebook(RULEBOOK, default_corpus()) == []


def it_prints_the_chained_basis_and_period_in_the_docx() -> None:
    """The end to end of a chained case: the paragraph of the DOCX the drafter gets."""
    import io

    import docx

    from regtext.render import render_case

    document = docx.Document(io.BytesIO(render_case(ROOT / "examples" / "zhao_jiguo.yaml").docx()))
    decided = [p.text for p in document.paragraphs if p.text.startswith("根据《中华人民共和国公职人员政务处分法》")]
    assert decided == [
        "根据《中华人民共和国公职人员政务处分法》第三十九条第（二）项和《安全生产责任追究办法（试行）》第四条第（三）项、"
        "第六条第一款第（二）项、第（五）项、第二款之规定，经县监委委务会议研究，决定对赵某某同志予以通报并给予记过处分"
        "（处分期十二个月）。"]


def it_prints_the_sanction_and_its_period_in_decide_s_text(tmp_path, capsys) -> None:
    from regtext.cli import main

    case = tmp_path / "case.yaml"
    case.write_text(BASE, encoding="utf-8")
    assert main(["decide", str(case)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2:] == ["  sanction     撤职（处分期二十四个月）",
                          "  根据《中华人民共和国公职人员政务处分法》第三十九条第（三）项、第十一条第（一）项之规定"]


def it_refuses_circumstances_of_the_other_shape(tmp_path) -> None:
    text = RULEBOOK.read_text(encoding="utf-8")
    start, end = text.index("circumstances:\n  - {effects: [从轻"), text.index("# What each effect does")
    path = tmp_path / "zhengwu_chufenfa_2020.rulebook.yaml"
    path.write_text(text[:start] + "circumstances: {provisions: [第十一条第（一）项]}\n\n" + text[end:], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_rulebook(load_yaml(path), default_corpus())
    assert caught.value.message == ("circumstances: a rulebook with violations writes them as a list of groups "
                                    "{effects, provisions}: the 情节 a case claims")


def it_aligns_decide_s_columns_past_the_longest_role(capsys) -> None:
    """sanction_basis (a 政务处分 through the primary) is wider than the role column was: its
    citation stood a character to the right of the others."""
    from regtext.cli import main

    assert main(["decide", str(ROOT / "examples" / "zhuijiu_zhengwu_jiguo.yaml")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:7] == [
        "  finding        第四条第（三）项                 art_4__para_1__point_3",
        "  measure        第六条第一款第（五）项              art_6__para_1__point_5",
        "  execution      第十条                      art_10",
        "  notice         第九条                      art_9",
        "  sanction_basis 第三十九条第（二）项               art_39__para_1__point_2",
        "  sanction       记过（处分期十二个月）"]
