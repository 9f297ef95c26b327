"""Decide: the legal basis of every example case exactly, and a case breaking each rule R1–R11
with the provision that makes it an error and the line of the offending fact."""

from __future__ import annotations

import pytest

from regtext.decide import decide, load_case
from regtext.errors import InputError
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
BASE = (EXAMPLES / "zhang_jiemian.yaml").read_text(encoding="utf-8")


def basis(name: str) -> tuple[str | None, list[tuple[str, str]], str]:
    decision = decide(load_case(EXAMPLES / name))
    assert decision.problems == []
    return decision.kind, [(b.role, b.citation) for b in decision.basis], decision.sentence()


def it_cites_the_basis_of_a_warning_to_a_person() -> None:
    assert basis("zhang_jiemian.yaml") == ("decision", [
        ("finding", "第四条第（三）项"), ("measure", "第六条第一款第（三）项"),
        ("execution", "第十条"), ("notice", "第九条")],
        "根据《安全生产责任追究办法（试行）》第四条第（三）项、第六条第一款第（三）项之规定")


def it_cites_the_basis_of_an_inspection_of_an_organisation() -> None:
    assert basis("yingji_ju_jiancha.yaml") == ("decision", [
        ("finding", "第四条第（四）项"), ("measure", "第五条第（一）项"), ("notice", "第九条")],
        "根据《安全生产责任追究办法（试行）》第四条第（四）项、第五条第（一）项之规定")


def it_issues_an_organisational_measure_as_a_proposal() -> None:
    assert basis("li_zuzhi_chuli_jianyi.yaml") == ("proposal", [
        ("finding", "第四条第（二）项"), ("finding", "第四条第（三）项"), ("measure", "第六条第一款第（四）项")],
        "根据《安全生产责任追究办法（试行）》第四条第（二）项、第（三）项、第六条第一款第（四）项之规定")


def it_issues_criminal_liability_as_a_referral() -> None:
    assert basis("wang_yisong.yaml") == ("referral", [
        ("finding", "第四条第（五）项"), ("measure", "第六条第一款第（六）项")],
        "根据《安全生产责任追究办法（试行）》第四条第（五）项、第六条第一款第（六）项之规定")


def it_issues_a_notice() -> None:
    assert basis("huagong_tongbao.yaml") == ("notice", [
        ("finding", "第四条第（二）项"), ("measure", "第五条第（二）项"), ("notice", "第九条")],
        "根据《安全生产责任追究办法（试行）》第四条第（二）项、第五条第（二）项之规定")


def it_cites_the_combination_clause_and_the_external_sanction_basis_first() -> None:
    kind, entries, sentence = basis("zhao_jiguo.yaml")
    assert entries[:4] == [("finding", "第四条第（三）项"), ("measure", "第六条第一款第（二）项"),
                           ("measure", "第六条第一款第（五）项"), ("combination", "第六条第二款")]
    assert sentence == ("根据《中华人民共和国公职人员政务处分法》第三十九条、《安全生产责任追究办法（试行）》"
                        "第四条第（三）项、第六条第一款第（二）项、第（五）项、第二款之规定")


def case_with(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new)


BROKEN = {
    "R1": (case_with("findings: [监管落实不力]", "findings: []"),
           "case.yaml:19:1: error D101 findings: no circumstance of 第四条 is found: responsibility is pursued only "
           "in the circumstances it lists", "第四条"),
    "R2": (case_with("measures: [诫勉]", "measures: [检查]"),
           "case.yaml:20:12: error D102 measures[0]: 检查 is a measure for organisations (第五条第（一）项); the subject "
           "is a person — use 第六条 measures", "第五条第（一）项"),
    "R3": (case_with("  party_member: true\n  supervised: true\n", "  party_member: false\n  supervised: false\n"),
           "case.yaml:6:1: error D103 subject: the person is neither a party member nor a 监察对象: 第三条 covers only "
           "党员和监察对象", "第三条"),
    "R4": (case_with("measures: [诫勉]", "measures: [党纪政务处分]\nsanctions:\n  - {type: government, sanction: 罚款, "
                     "basis: 《中华人民共和国公职人员政务处分法》第三十九条}"),
           "case.yaml:22:34: error D104 sanctions[0].sanction: '罚款' is not a 政务处分 (one of: 警告、记过、记大过、降级、"
           "撤职、开除)", "第六条第一款第（五）项"),
    "R5": (case_with("measures: [诫勉]", "measures: [诫勉, 组织调整或者组织处理]"),
           "case.yaml:20:16: error D105 measures[1]: 组织调整或者组织处理 (第六条第一款第（四）项) cannot be issued as a "
           "决定: it is a 建议 to the 党委（党组）或者组织（人事）部门; issue it as a separate 建议", "第六条第一款第（四）项"),
    "R6": (case_with("measures: [诫勉]", "kind: decision\nmeasures: [追究刑事责任]"),
           "case.yaml:21:12: error D106 measures[0]: 追究刑事责任 (第六条第一款第（六）项) cannot be issued as a 决定: it "
           "is a 移送 to the 司法机关; issue it as a separate 移送", "第六条第一款第（六）项"),
    "R8": (case_with("findings: [监管落实不力]", "findings: [第四条第（六）项]"),
           "case.yaml:19:12: warning D108 findings[0]: 第四条第（六）项 (其他应当进行责任追究的情形) is a catch-all: state "
           "in 'reason' why the conduct is such a circumstance", "第四条第（六）项"),
    "R9": (case_with("cc: [某某县委组织部, 某某县应急管理局]", "cc: [某某县应急管理局]"),
           "case.yaml:22:1: error D109 cc: 抄送 must include the 同级组织（人事）部门 (e.g. 某某县委组织部): 第九条 "
           "requires the result to be reported to it", "第九条"),
    "R10": (BASE + "appeal: 如不服，可以申请复审。\n",
            "case.yaml:23:9: error D110 appeal: the appeal notice speaks of 复审, but 诫勉 is appealed by 申诉: "
            "如对本决定不服，可以自收到本决定之日起一个月内，向某某县纪委监委提出书面申诉。申诉期间，不停止本决定的执行。",
            "第六条第一款第（三）项"),
    "R11": (case_with("某纪问〔2024〕12号", "某纪问[2024]第012号"),
            "case.yaml:4:9: error D111 number: 文号 '某纪问[2024]第012号': the year goes in 六角括号 〔〕, not [] () （） 【】; "
            "no 第 before the sequence number; no leading zeros in the sequence number (GB/T 9704-2012 7.2.5)",
            "GB/T 9704-2012 7.2.5"),
}


@pytest.mark.parametrize("rule", list(BROKEN))
def it_reports_the_broken_rule_with_its_provision_and_line(rule: str) -> None:
    text, expected, provision = BROKEN[rule]
    decision = decide(load_case("case.yaml", text=text))
    assert [p.format() for p in decision.problems] == [expected]
    assert decision.problems[0].rule == rule
    assert decision.problems[0].provision == provision


def it_warns_about_combining_measures_on_an_organisation() -> None:
    text = (EXAMPLES / "yingji_ju_jiancha.yaml").read_text(encoding="utf-8").replace("measures: [检查]", "measures: [检查, 通报]")
    decision = decide(load_case("org.yaml", text=text))
    assert [(p.code, p.severity) for p in decision.problems] == [("D107", "warning")]
    assert "has no clause for combining them" in decision.problems[0].message


def it_writes_the_date_without_leading_zeros_or_says_so() -> None:
    decision = decide(load_case("case.yaml", text=case_with("date: 2024-05-20", "date: 2024年05月20日")))
    assert [p.format() for p in decision.problems] == [
        "case.yaml:5:7: error D111 date: 成文日期 '2024年05月20日' has leading zeros: write 2024年5月20日 "
        "(GB/T 9704-2012 7.3.5)"]


def it_checks_the_external_basis_of_a_sanction_against_the_corpus() -> None:
    text = case_with("measures: [诫勉]", "measures: [党纪政务处分]\nsanctions:\n  - {type: government, sanction: 记过, "
                     "basis: 《中华人民共和国公职人员政务处分法》第九十九条}")
    decision = decide(load_case("case.yaml", text=text))
    assert [p.message for p in decision.problems] == [
        "第九十九条 does not exist in 《中华人民共和国公职人员政务处分法》 (it has 第一条 to 第六十八条; nearest: 第六十八条)"]


@pytest.mark.parametrize(("text", "message"), [
    ("regulation: [", "invalid YAML"),
    (case_with("  born: 1975-03", "  born: 三月"), "case.yaml:10:9: subject.born: '三月' does not match"),
    (case_with("measures: [诫勉]", "measures: 诫勉"), "case.yaml:20:11: measures: '诫勉' is not of type 'array'"),
    (BASE + "salary: 1000\n", "Additional properties are not allowed ('salary' was unexpected)"),
    (case_with("regulation: ningxia_anquan_zhuijiu_2023", "regulation: no_such_law"), "unknown corpus id 'no_such_law'"),
    ("!!python/object/apply:os.system ['echo hacked']", "invalid YAML"),
], ids=["malformed", "wrong-pattern", "wrong-type", "unknown-fact", "unknown-regulation", "python-tag"])
def it_refuses_unusable_case_files_with_the_yaml_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        decide(load_case("case.yaml", text=text))
    assert error.value.exit_code == 2
    assert message in str(error.value)
