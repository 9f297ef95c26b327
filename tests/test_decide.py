"""Decide: the legal basis of every example case exactly, and a case breaking each rule R1–R11
with the provision that makes it an error and the line of the offending fact."""

from __future__ import annotations

from pathlib import Path

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
    assert sentence == ("根据《中华人民共和国公职人员政务处分法》第三十九条第（二）项和《安全生产责任追究办法（试行）》"
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
    assert [p.located().text() for p in decision.problems] == [expected + (f" [{provision}]" if provision else "")]
    assert decision.problems[0].rule == rule
    assert decision.problems[0].provision == provision


def it_warns_about_combining_measures_on_an_organisation() -> None:
    text = (EXAMPLES / "yingji_ju_jiancha.yaml").read_text(encoding="utf-8").replace("measures: [检查]", "measures: [检查, 通报]")
    decision = decide(load_case("org.yaml", text=text))
    assert [(p.code, p.severity) for p in decision.problems] == [("D107", "warning")]
    assert "has no clause for combining them" in decision.problems[0].message


def it_writes_the_date_without_leading_zeros_or_says_so() -> None:
    decision = decide(load_case("case.yaml", text=case_with("date: 2024-05-20", "date: 2024年05月20日")))
    assert [p.located().text() for p in decision.problems] == [
        "case.yaml:5:7: error D111 date: 成文日期 '2024年05月20日' has leading zeros: write 2024年5月20日 "
        "(GB/T 9704-2012 7.3.5) [GB/T 9704-2012 7.3.5]"]


def it_checks_the_external_basis_of_a_sanction_against_the_corpus() -> None:
    text = case_with("measures: [诫勉]", "measures: [党纪政务处分]\nsanctions:\n  - {type: government, sanction: 记过, "
                     "basis: 《中华人民共和国公职人员政务处分法》第九十九条}")
    decision = decide(load_case("case.yaml", text=text))
    assert [p.message for p in decision.problems] == [
        "第九十九条 does not exist in 《中华人民共和国公职人员政务处分法》 (it has 第一条 to 第六十八条; nearest: 第六十八条)"]


@pytest.mark.parametrize(("text", "message"), [
    ("regulation: [", "invalid YAML"),
    (case_with("  born: 1975-03", "  born: 三月"), "case.yaml:10:9: subject.born: '三月' is not a year and month of "
     "birth YYYY-MM"),
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


@pytest.mark.parametrize(("old", "new", "message"), [
    ("cc: [某某县委组织部, 某某县应急管理局]", 'cc: [某某县委组织部, "某某县\\x85应急管理局"]',
     "case.yaml:22:15: cc[1]: the character U+0085 (a control character) cannot be printed in a document"),
    ("  name: 张某某", '  name: "张某某\\0"', "case.yaml:8:9: subject.name: the character U+0000 (a control character)"),
    ("  name: 张某某", '  name: "张某某\\uFFFE"', "case.yaml:8:9: subject.name: the character U+FFFE (a control character)"),
], ids=["next-line-in-a-list", "nul", "noncharacter"])
def it_refuses_a_character_no_document_can_print_at_its_yaml_path(old: str, new: str, message: str) -> None:
    """The DOCX cannot hold it and the HTML would: the documents would differ from each other and
    from the case."""
    with pytest.raises(InputError) as error:
        load_case("case.yaml", text=case_with(old, new))
    assert str(error.value).startswith(message), str(error.value)


def it_keeps_a_tab_and_line_breaks_in_the_facts() -> None:
    case = load_case("case.yaml", text=case_with("deliberation: 县纪委常委会会议研究", 'deliberation: "县纪委\\t常委会\\n会议研究"'))
    assert case.data["deliberation"] == "县纪委\t常委会\n会议研究"


# -- a provision or sanction named twice (it would be cited and rendered twice) -------------------

ZHAO = (EXAMPLES / "zhao_jiguo.yaml").read_text(encoding="utf-8")
SANCTION = "  - type: government\n    sanction: 记过\n    basis: 《中华人民共和国公职人员政务处分法》第三十九条第（二）项\n"

NAMED_TWICE = {
    "finding": (case_with("findings: [监管落实不力]", "findings: [监管落实不力, 第四条第（三）项]"),
                "case.yaml:19:20: error D101 findings[1]: findings[0] and findings[1] both name 第四条第（三）项 "
                "(监管落实不力): name each circumstance once"),
    "measure": (case_with("measures: [诫勉]", "measures: [诫勉, 诫勉]"),
                "case.yaml:20:16: error D102 measures[1]: measures[0] and measures[1] both name 第六条第一款第（三）项 "
                "(诫勉): name each measure once"),
    "measure-by-eid": (case_with("measures: [诫勉]", "measures: [art_6__para_1__point_3, 诫勉]"),
                       "case.yaml:20:36: error D102 measures[1]: measures[0] and measures[1] both name "
                       "第六条第一款第（三）项 (诫勉): name each measure once"),
    "sanction": (ZHAO.replace(SANCTION, SANCTION + SANCTION.replace("第三十九条", "第四十条")),
                 "case.yaml:24:5: error D104 sanctions[1]: sanctions[0] and sanctions[1] both give 记过 (政务处分): "
                 "give each sanction once"),
}


@pytest.mark.parametrize("what", list(NAMED_TWICE))
def it_refuses_the_same_provision_or_sanction_named_twice_naming_both_paths(what: str) -> None:
    text, expected = NAMED_TWICE[what]
    decision = decide(load_case("case.yaml", text=text))
    assert [p.located().text() for p in decision.problems] == [expected]


def it_cites_and_combines_a_measure_named_twice_only_once() -> None:
    decision = decide(load_case("case.yaml", text=NAMED_TWICE["measure"][0]))
    assert [(b.role, b.citation) for b in decision.basis] == [
        ("finding", "第四条第（三）项"), ("measure", "第六条第一款第（三）项"), ("execution", "第十条"), ("notice", "第九条")]


# -- the caller's corpus, not the bundled one -----------------------------------------------------

def corpus_of(tmp_path, **texts: str):
    """A corpus folder with the primary regulation, its rulebook, and the given documents."""
    from regtext.corpus import Corpus

    source = ROOT / "corpus"
    for name in ("ningxia_anquan_zhuijiu_2023.txt", "ningxia_anquan_zhuijiu_2023.meta.yaml",
                 "ningxia_anquan_zhuijiu_2023.rulebook.yaml"):
        (tmp_path / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    for doc_id, text in texts.items():
        (tmp_path / f"{doc_id}.meta.yaml").write_text((source / f"{doc_id}.meta.yaml").read_text(encoding="utf-8"),
                                                      encoding="utf-8")
        (tmp_path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return Corpus(tmp_path)


def it_checks_a_sanction_basis_against_the_corpus_it_is_given(tmp_path) -> None:
    whole = (ROOT / "corpus" / "zhengwu_chufenfa_2020.txt").read_text(encoding="utf-8")
    first_chapters = whole[: whole.index("第三章 违法行为及其适用的政务处分")]
    corpus = corpus_of(tmp_path, zhengwu_chufenfa_2020=first_chapters)
    decision = decide(load_case("case.yaml", text=ZHAO), corpus)
    assert [p.located().text() for p in decision.problems] == [
        "case.yaml:23:12: error D104 sanctions[0].basis: 第三十九条第（二）项 does not exist in 《中华人民共和国公职人员政务处分法》 "
        "(it has 第一条 to 第二十七条; nearest: 第二十七条) [第六条第一款第（五）项]"]


def it_cannot_check_a_sanction_basis_in_a_law_its_corpus_lacks(tmp_path) -> None:
    text = ZHAO.replace("第三十九条", "第九十九条")
    decision = decide(load_case("case.yaml", text=text), corpus_of(tmp_path))
    assert decision.problems == []
    assert decision.external == ["《中华人民共和国公职人员政务处分法》第九十九条第（二）项"]


# -- dates that do not exist ------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "message"), [
    ("date: 2024-05-20", "date: 2024-13-45", "case.yaml:5:7: date: 2024-13-45 is not a date (month must be in 1..12) "
     "(write a date that exists, as YYYY-MM-DD)"),
    ("date: 2024-05-20", "date: 2024-02-30", "case.yaml:5:7: date: 2024-02-30 is not a date (day is out of range for "
     "month) (write a date that exists, as YYYY-MM-DD)"),
    ("  born: 1975-03", "  born: 1975-02-30", "case.yaml:10:9: subject.born: 1975-02-30 is not a date (day is out of "
     "range for month) (write a date that exists, as YYYY-MM-DD)"),
    ("  born: 1975-03", "  born: 0000-01", "case.yaml:10:9: subject.born: '0000-01' is not a year and month of birth "
     "YYYY-MM (a year from 0001, a month from 01 to 12), e.g. 1975-03 (see schemas/case.schema.json)"),
    ("  born: 1975-03", "  born: 1975-13", "case.yaml:10:9: subject.born: '1975-13' is not a year and month of birth "
     "YYYY-MM (a year from 0001, a month from 01 to 12), e.g. 1975-03 (see schemas/case.schema.json)"),
], ids=["month-13", "february-30", "born", "born-year-zero", "born-month-13"])
def it_refuses_an_impossible_date_with_its_line_and_path(old: str, new: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        load_case("case.yaml", text=case_with(old, new))
    assert error.value.exit_code == 2
    assert str(error.value) == message


@pytest.mark.parametrize(("date", "reason"), [
    ("'2024-02-30'", "day is out of range for month"), ("2024年13月1日", "month must be in 1..12")])
def it_reports_an_impossible_date_written_as_text(date: str, reason: str) -> None:
    decision = decide(load_case("case.yaml", text=case_with("date: 2024-05-20", f"date: {date}")))
    assert [p.located().text() for p in decision.problems] == [
        f"case.yaml:5:7: error D111 date: 成文日期 {date.strip(chr(39))!r} is not a date ({reason}): write a date "
        "that exists"]


BORN_AFTER = ("case.yaml:10:9: error D111 subject.born: 2030-01 is after the decision's date (date: 2024-05-20): "
              "correct subject.born or date")


def it_reports_a_birth_after_the_decisions_date() -> None:
    decision = decide(load_case("case.yaml", text=case_with("  born: 1975-03", "  born: 2030-01")))
    assert [p.located().text() for p in decision.problems] == [BORN_AFTER]


def it_accepts_a_birth_in_the_month_of_the_decision() -> None:
    decision = decide(load_case("case.yaml", text=case_with("  born: 1975-03", "  born: 2024-05")))
    assert decision.problems == []


def it_reports_a_birth_after_the_decisions_date_in_check_too(tmp_path) -> None:
    from regtext import check

    path = tmp_path / "case.yaml"
    path.write_text(case_with("  born: 1975-03", "  born: 2030-01"), encoding="utf-8")
    assert [f.text().split("\n")[0] for f in check.run([path])] == [f"{tmp_path}/{BORN_AFTER}"]


def it_renders_no_case_with_an_impossible_date(tmp_path) -> None:
    from regtext.render import render_case

    path = tmp_path / "case.yaml"
    path.write_text(case_with("date: 2024-05-20", "date: 2024-02-30"), encoding="utf-8")
    with pytest.raises(InputError) as error:
        render_case(path)
    assert str(error.value).startswith(f"{path}:5:7: date: 2024-02-30 is not a date")


def it_checks_the_other_case_files_after_one_with_an_impossible_date(tmp_path) -> None:
    from regtext import check

    (tmp_path / "a.yaml").write_text(case_with("date: 2024-05-20", "date: 2024-13-45"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(case_with("measures: [诫勉]", "measures: [诫勉, 诫勉]"), encoding="utf-8")
    findings = check.run([tmp_path])
    assert [(Path(f.path).name, f.line, f.column, f.severity, f.code) for f in findings] == [
        ("a.yaml", 5, 7, "error", "C301"), ("b.yaml", 20, 16, "error", "D102")]
    assert findings[0].message == ("date: 2024-13-45 is not a date (month must be in 1..12) (write a date that "
                                   "exists, as YYYY-MM-DD)")


# -- a regulation without a rulebook ----------------------------------------------------------------

def it_names_the_regulations_that_have_a_rulebook() -> None:
    text = case_with("regulation: ningxia_anquan_zhuijiu_2023", "regulation: xingshi_susongfa_2018")
    with pytest.raises(InputError) as error:
        decide(load_case("case.yaml", text=text))
    assert error.value.message == "no rulebook for 'xingshi_susongfa_2018'"
    assert error.value.hint == ("regulations with a rulebook: ningxia_anquan_zhuijiu_2023, zhengwu_chufenfa_2020; another regulation needs "
                                "<corpus>/<id>.rulebook.yaml before decisions can be drafted")


# -- a rulebook whose lists contradict each other (unusable: decide would pick one reading) ---------

RULEBOOK_CONFLICTS = {
    "C205_twice.rulebook.yaml": (29, 7, "measures.person[2] and measures.person[3] both name 第六条第一款第（三）项 (诫勉), "
                                 "as a decision and as a proposal: list each measure once"),
    "C206_catch_all.rulebook.yaml": (15, 14, "circumstances.catch_all 第五条 is not among circumstances.provisions: the "
                                     "catch-all is one of the circumstances (add it there or correct catch_all)"),
    "C207_combination.rulebook.yaml": (36, 11, "combination.person 第六条第一款第（三）项 (诫勉) is the measure "
                                       "measures.person[2]: the clause on combining measures is cited besides them, "
                                       "it cannot be one of them"),
}


@pytest.mark.parametrize("name", list(RULEBOOK_CONFLICTS))
def it_refuses_a_rulebook_whose_lists_contradict_each_other(tmp_path, name: str) -> None:
    from regtext import check

    line, column, message = RULEBOOK_CONFLICTS[name]
    fixture = ROOT / "tests" / "fixtures" / "check" / name
    assert [(f.line, f.column, f.message) for f in check.run([fixture])] == [(line, column, message)]
    corpus = corpus_of(tmp_path)
    (tmp_path / "ningxia_anquan_zhuijiu_2023.rulebook.yaml").write_text(fixture.read_text(encoding="utf-8"),
                                                                         encoding="utf-8")
    with pytest.raises(InputError) as error:
        decide(load_case(EXAMPLES / "zhang_jiemian.yaml"), corpus)
    assert error.value.exit_code == 2
    assert str(error.value) == (f"{tmp_path}/ningxia_anquan_zhuijiu_2023.rulebook.yaml:{line}:{column}: {message} "
                                "(correct the rulebook; 'regtext check' lists every problem)")


def it_reports_a_circumstance_listed_twice_by_citation_and_by_eid(tmp_path) -> None:
    from regtext import check

    rulebook = (ROOT / "corpus" / "ningxia_anquan_zhuijiu_2023.rulebook.yaml").read_text(encoding="utf-8")
    path = tmp_path / "ningxia_anquan_zhuijiu_2023.rulebook.yaml"
    path.write_text(rulebook.replace("第四条第（六）项]", "第四条第（六）项, art_4__para_1__point_3]"), encoding="utf-8")
    assert [(f.code, f.line, f.column, f.message) for f in check.run([path])] == [
        ("C205", 14, 76, "circumstances.provisions[2] and circumstances.provisions[6] both name 第四条第（三）项 "
                         "(监管落实不力): list each circumstance once")]


# -- the rules are a table; the regulation's words are its rulebook's -----------------------------

def it_runs_a_rule_added_to_the_table_under_the_entry_s_code() -> None:
    """Adding a rule is one function and one entry: its problems carry the entry's code and severity."""
    from regtext.decide import RULES, Decision, Rule

    def issuer_named(d: Decision, rule: Rule) -> None:
        d.report(rule, "issuer", f"issued by {'、'.join(d.case.issuers)}")

    table = (*RULES, Rule("D190", "R90", "issuer", "warning", "none", "always", issuer_named))
    decision = decide(load_case("case.yaml", text=BASE), rules=table)
    assert [(p.located().text(), p.rule) for p in decision.problems] == [
        ("case.yaml:3:9: warning D190 issuer: issued by 某某县纪委监委", "R90")]


def it_takes_every_code_from_one_entry_each() -> None:
    from regtext.decide import RULES

    assert [(r.code, r.rule, r.name) for r in sorted(RULES, key=lambda r: r.code)] == [
        ("D101", "R1", "circumstance"), ("D102", "R2", "measure"), ("D103", "R3", "subject"),
        ("D104", "R4", "sanction"), ("D105", "R5", "proposal"), ("D106", "R6", "referral"),
        ("D107", "R7", "combination"), ("D108", "R8", "catch_all"), ("D109", "R9", "required_parts"),
        ("D110", "R10", "appeal"), ("D111", "R11", "format"), ("D112", "R12", "head"),
            ("D121", "R21", "attachments"),
        ("D122", "R22", "annotation"), ("D123", "R23", "printed"),
        ("D131", "R31", "violation"), ("D132", "R32", "ladder"), ("D133", "R33", "severity_missing"),
        ("D134", "R34", "severity_unknown"), ("D135", "R35", "condition"), ("D136", "R36", "circumstance_effect"),
        ("D137", "R37", "both_ways"), ("D138", "R38", "several"), ("D139", "R39", "once"),
        ("D140", "R40", "employment")]


def _rulebook_words() -> set[str]:
    """The rulebook's values in Chinese: its provisions, sanctions, appeal wording, paragraphs."""
    import re

    import yaml

    def leaves(value: object) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in leaves(v)]
        if isinstance(value, list):
            return [s for v in value for s in leaves(v)]
        return [str(value)]

    data = yaml.safe_load((ROOT / "corpus" / "ningxia_anquan_zhuijiu_2023.rulebook.yaml").read_text(encoding="utf-8"))
    return {s for s in leaves(data) if re.search(r"[\u4e00-\u9fff]", s)}


def it_keeps_the_regulation_s_words_out_of_the_engine() -> None:
    """No string of decide's code (docstrings aside) says what the bundled rulebook says: another
    regulation's rulebook would otherwise be reported in this one's words."""
    import ast

    words = _rulebook_words()
    assert {"党员和监察对象", "书面检讨", "同级组织（人事）部门", "复审", "党纪处分", "开除党籍"} <= words
    found = []
    for source in sorted((ROOT / "src" / "regtext" / "decide").glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found += [(source.name, node.lineno, w) for w in sorted(words) if w in node.value]
    assert found == []


def it_reports_in_the_words_of_the_rulebook_it_was_given(tmp_path) -> None:
    corpus = corpus_of(tmp_path)
    path = tmp_path / "ningxia_anquan_zhuijiu_2023.rulebook.yaml"
    text = path.read_text(encoding="utf-8")
    changes = {  # rule: (in the rulebook, changed to, in the message, changed to)
        "R3": ("covers: 党员和监察对象", "covers: 党员、监察对象", "covers only 党员和监察对象", "covers only 党员、监察对象"),
        "R9": ("addressee: 同级组织（人事）部门", "addressee: 组织人事部门", "include the 同级组织（人事）部门",
               "include the 组织人事部门"),
        "R10": ("words: [申诉]", "words: [提出申诉]", "appealed by 申诉", "appealed by 提出申诉")}
    for old, new, _, _ in changes.values():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    for rule, (_, _, said, says) in changes.items():
        decision = decide(load_case("case.yaml", text=BROKEN[rule][0]), corpus)
        assert said in BROKEN[rule][1]
        provision = f" [{BROKEN[rule][2]}]" if BROKEN[rule][2] else ""
        assert [p.located().text() for p in decision.problems] == [BROKEN[rule][1].replace(said, says) + provision]


def it_prints_a_problem_as_every_command_does_with_its_source_line_and_a_caret(capsys, tmp_path: Path) -> None:
    from regtext.cli import main

    case = tmp_path / "case.yaml"
    case.write_text(case_with("date: 2024-05-20", "date: 2024年05月20日"), encoding="utf-8")
    assert main(["decide", str(case)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{case}:5:7: error D111 date: 成文日期 '2024年05月20日' has leading zeros: write 2024年5月20日 "
        "(GB/T 9704-2012 7.3.5) [GB/T 9704-2012 7.3.5]",
        "    date: 2024年05月20日",
        "          ^",
    ]
    assert main(["render", str(case), "-o", str(tmp_path / "never.md")]) == 1
    assert capsys.readouterr().err.splitlines()[:3] == [
        f"{case}:5:7: error D111 date: 成文日期 '2024年05月20日' has leading zeros: write 2024年5月20日 "
        "(GB/T 9704-2012 7.3.5) [GB/T 9704-2012 7.3.5]",
        "    date: 2024年05月20日",
        "          ^",
    ]
