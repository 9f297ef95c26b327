"""Inputs under 《中华人民共和国公职人员政务处分法》 that were answered silently and wrongly (helper
a15's attack): each now gets the message that says what the law requires, at its YAML place."""

from __future__ import annotations

from pathlib import Path

import pytest

from regtext.decide import decide, load_case
from regtext.errors import UsageError
from regtext.render import render_case
from regtext.web.form import case_from_form
from tests.conftest import ROOT

BASE = """\
regulation: zhengwu_chufenfa_2020
issuer: 某县监察委员会
number: 某监处〔2024〕3号
date: 2024-07-01
subject: {type: person, name: 赵某, sex: 男, born: 1980-01, party_member: false, supervised: true, position: 某县自然资源局科长}
facts: 经查，……
deliberation: 县监委委务会议研究
cc: [某县委组织部]
"""

ZHAO = (ROOT / "examples" / "zhao_jiguo.yaml").read_text(encoding="utf-8")
GOVERNMENT = "    basis: 《中华人民共和国公职人员政务处分法》第三十九条第（二）项\n"


def problems(text: str) -> list[str]:
    return [p.located().text() for p in decide(load_case("case.yaml", text=text)).problems]


CASES = {
    # the article and its own item would be two violations: 第十五条, a period of up to two 记过
    "article-and-its-item": (
        "findings: [{provision: 第三十九条, sanction: 记过}, {provision: 第三十九条第（二）项, sanction: 记过}]\n"
        "measures: [记过]\nperiod_months: 24\n",
        ["case.yaml:9:46: error D131 findings[1]: findings[0] and findings[1] name the same conduct: 第三十九条第（二）项 "
         "is part of 第三十九条 — name it once, by 第三十九条第（二）项",
         "case.yaml:9:12: warning D131 findings[0]: 第三十九条 lists several acts in its items: name the item the "
         "conduct is (e.g. 第三十九条第（一）项)",
         "case.yaml:11:16: warning D138 period_months: period_months is stated only when several identical sanctions "
         "are given (第十五条): the period of 记过 is the law's"]),
    # 第三十八条第二款 adds a step to acts of 第一款: naming it alone names no act
    "step-without-the-act": (
        "findings: [{provision: 第三十八条第二款, severity: 特别严重}]\nmeasures: [开除]\n",
        ["case.yaml:9:12: error D131 findings[0]: 第三十八条第二款 adds a step to 第三十八条第一款第（一）项、第（二）项、"
         "第（五）项: name the act, one of these, with severity: 特别严重 (第三十八条第二款 is cited with it)"]),
    # the catch-all's severity is printed (情节…): it is one of the rulebook's too
    "catch-all-severity": (
        "findings: [{provision: 第四十一条, severity: 情节较重}]\nreason: 其他违法行为\nmeasures: [撤职]\n",
        ["case.yaml:9:41: error D134 findings[0].severity: '情节较重' is not a severity (one of: 一般、较重、严重、特别严重): "
         "write 较重, the document says 情节较重"]),
    "severity-as-worded": (
        "findings: [{provision: 第三十九条第（二）项, severity: 较重的}]\nmeasures: [撤职]\n",
        ["case.yaml:9:46: error D134 findings[0].severity: '较重的' is not a severity (one of: 一般、较重、严重、特别严重): "
         "write 较重, the document says 情节较重"]),
    "first-severity-as-worded": (
        "findings: [{provision: 第三十九条第（二）项, severity: 情节一般}]\nmeasures: [记过]\n",
        ["case.yaml:9:46: error D134 findings[0].severity: '情节一般' is not a severity (one of: 一般、较重、严重、特别严重): "
         "write 一般, or no severity (the article's first clause)"]),
    # 第十二条第一款: 情节轻微，且具有本法第十一条规定的情形之一
    "exempt-without-article-11": (
        "findings: [第三十九条第（二）项]\ncircumstances: [第十二条第一款]\nmeasures: []\n",
        ["case.yaml:10:17: error D136 circumstances[0]: 第十二条第一款 applies only with a circumstance of 第十一条 also "
         "found: claim it in circumstances [第十二条第一款]"]),
    "exempt-when-serious": (
        "findings: [{provision: 第三十九条第（二）项, severity: 严重}]\n"
        "circumstances: [第十一条第（一）项, 第十二条第一款]\nmeasures: []\n",
        ["case.yaml:10:28: error D136 circumstances[1]: 第十二条第一款 applies only to a violation found at 一般, not "
         "严重 (findings[0]) [第十二条第一款]"]),
    # 第十六条 bars a second 政务处分 or 处分, not a 政务处分 after a 党纪处分 (the drafter was told to drop the finding)
    "already-party-sanction": (
        "findings: [{provision: 第三十九条第（二）项, already: {by: 某县纪委, sanction: 严重警告}}]\nmeasures: [记过]\n",
        ["case.yaml:9:66: error D139 findings[0].already.sanction: '严重警告' is none of the kinds of 第七条 "
         "(警告、记过、记大过、降级、撤职、开除): 第十六条 bars only a second sanction of these kinds — one of another "
         "system (party discipline) does not: drop already [第十六条]"]),
    # 第十二条第二款: 可以减轻、免予或者不予政务处分 — 减轻 was refused
    "coerced-lessened": (
        "findings: [{provision: 第三十九条第（二）项, severity: 较重}]\n"
        "circumstances: [{provision: 第十二条第二款, effect: 减轻}]\nmeasures: [记大过]\n",
        []),
}


@pytest.mark.parametrize("name", list(CASES))
def it_reports_what_passed_unread(name: str) -> None:
    tail, expected = CASES[name]
    assert problems(BASE + tail) == expected


def it_refuses_a_severity_or_circumstances_on_a_party_sanction() -> None:
    """Nothing checks a 党纪处分's ladder: a severity on it would be believed checked."""
    text = ZHAO.replace("  - type: government\n    sanction: 记过\n" + GOVERNMENT,
                        "  - type: party\n    sanction: 警告\n    basis: 《中国共产党纪律处分条例》第一百二十一条\n"
                        "    severity: 较重\n    circumstances: [第十一条第（一）项]\n")
    assert text != ZHAO
    assert [m for m in problems(text) if "D131" in m] == [
        "case.yaml:24:15: error D131 sanctions[0].severity: severity is checked only for a sanction whose law has a "
        "rulebook (政务处分), not for a 党纪处分: drop it — its ladder is the drafter's to apply",
        "case.yaml:25:5: error D131 sanctions[0].circumstances: circumstances is checked only for a sanction whose "
        "law has a rulebook (政务处分), not for a 党纪处分: drop it — its ladder is the drafter's to apply"]


def it_refuses_two_government_sanctions_in_one_primary_case() -> None:
    """The second was cited in the basis (the law's title twice) and never given."""
    second = "  - type: government\n    sanction: 警告\n    basis: 《中华人民共和国公职人员政务处分法》第三十四条第一款\n"
    text = ZHAO.replace(GOVERNMENT, GOVERNMENT + second)
    assert text != ZHAO
    assert problems(text) == [
        "case.yaml:24:5: error D138 sanctions[1]: sanctions[0] and sanctions[1] both give a 政务处分: one is executed, "
        "the heaviest (第十五条) — for several violations make the decision under the law itself "
        "(regulation: zhengwu_chufenfa_2020) [第十五条]"]


def it_renders_no_sanction_decision_with_the_template_of_a_sanction(tmp_path: Path) -> None:
    """第四十五条第一款: a 决定书 is made when a sanction is given; a 免予 one printed 「关于给予赵某的决定」
    and 「决定对赵某。」."""
    case = tmp_path / "case.yaml"
    case.write_text(BASE + "findings: [第三十九条第（二）项]\ncircumstances: [第十一条第（一）项, 第十二条第一款]\n"
                    "measures: []\n", encoding="utf-8")
    assert decide(load_case(case)).problems == []
    with pytest.raises(UsageError) as caught:
        render_case(case)
    assert caught.value.hint == ("a 免予 or 不予 decision needs a template of its own (front matter without "
                                 "sanctions: [government]): give it with -t TEMPLATE")
    assert str(caught.value).removesuffix(f" ({caught.value.hint})") == (
        "case.yaml gives no sanction (免予 第十二条第一款) and the template zhengwu_chufen_decision.md renders a 决定书 "
        "giving one: it is made only when a sanction is given (《中华人民共和国公职人员政务处分法》第四十五条第一款)")


def it_reads_a_period_the_form_cannot_count_as_text() -> None:
    """² is a digit to str.isdigit and no number to int(): the schema refuses the text instead."""
    form = {"regulation": "zhengwu_chufenfa_2020"}
    assert case_from_form({**form, "period_months": "²"}, {})["period_months"] == "²"
    assert case_from_form({**form, "period_months": "１８"}, {})["period_months"] == 18


TEMPLATE = (ROOT / "templates" / "zhengwu_chufen_decision.md").read_text(encoding="utf-8")
APPEALS = "{% for notice in appeals %}{{ notice }}{% endfor %}"


@pytest.mark.parametrize(("old", "new", "printed", "point", "what"), [
    (APPEALS, "{% if false %}" + APPEALS + "{% endif %}", "appeals", "第（四）项",
     "不服政务处分决定，申请复审、复核的途径和期限"),
    ("{{ subject.position }}。", "{% if subject.party_member %}{{ subject.position }}{% endif %}。", "subject.position",
     "第（一）项", "被处分人的姓名、工作单位和职务"),
    ("{{ basis }}，", "{% for line in attachments %}{{ basis }}{% endfor %}，", "basis", "第（三）项", "政务处分的种类和依据"),
    ("{{ date }} {.date}", "{% if date %}{% else %}{{ date }}{% endif %} {.date}", "date", "第（五）项",
     "作出政务处分决定的机关名称和日期"),
    (APPEALS, "{% macro notice() %}" + APPEALS + "{% endmacro %}", "appeals", "第（四）项",
     "不服政务处分决定，申请复审、复核的途径和期限"),
    (APPEALS, "{% set kept %}" + APPEALS + "{% endset %}", "appeals", "第（四）项",
     "不服政务处分决定，申请复审、复核的途径和期限"),
], ids=["if-false", "if-other-fact", "for-other-list", "else-of-itself", "macro-never-called", "set-block"])
def it_reports_an_item_of_article_45_printed_only_under_a_condition(
        tmp_path: Path, old: str, new: str, printed: str, point: str, what: str) -> None:
    """第四十五条 requires each item in every 决定书: one printed under another condition is missing from some."""
    from regtext.check import run

    assert old in TEMPLATE
    path = tmp_path / "t.md"
    path.write_text(TEMPLATE.replace(old, new), encoding="utf-8")
    found = [(f.code, f.message) for f in run([path]) if f.severity == "error"]
    assert found == [("C120", f"the template t.md renders decisions of 《中华人民共和国公职人员政务处分法》 but does not "
                      f"print {{{{ {printed} }}}}: a 政务处分决定书 must state {what} "
                      f"(《中华人民共和国公职人员政务处分法》第四十五条第二款{point})")]


def it_takes_an_item_guarded_by_itself_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text(TEMPLATE.replace(APPEALS, "{% if appeals %}" + APPEALS + "{% endif %}"), encoding="utf-8")
    from regtext.check import run

    assert [f for f in run([path]) if f.severity == "error"] == []


def it_gives_each_of_several_violations_its_sanction_in_the_order_they_are_cited(tmp_path: Path) -> None:
    """分别给予 pairs the sanctions with the violations as cited (in the text's order): written in the
    case's order, 第三十四条第一款 read as given 记过 and 第三十九条第（二）项 撤职 — the reverse."""
    case = tmp_path / "case.yaml"
    case.write_text(BASE + "findings:\n  - {provision: 第三十九条第（二）项, sanction: 记过}\n"
                    "  - {provision: 第三十四条第一款, severity: 较重, sanction: 撤职}\nmeasures: [撤职]\n", encoding="utf-8")
    texts = [p.text for p in render_case(case).paragraphs]
    law = "《中华人民共和国公职人员政务处分法》"
    assert (f"赵某的上述行为属于{law}第三十四条第一款、第三十九条第（二）项规定的违法行为，其中第三十四条第一款规定的"
            "违法行为情节较重。上述违法行为应当分别给予撤职、记过处分，执行其中最重的撤职处分。") in texts


def it_refuses_a_period_written_as_a_decimal() -> None:
    """JSON Schema counts 18.0 as an integer; the period was then dropped from the decision unsaid."""
    from regtext.errors import InputError

    text = BASE + ("findings: [{provision: 第三十九条第（二）项, sanction: 记过}, {provision: 第三十四条第一款, sanction: 记过}]\n"
                   "measures: [记过]\nperiod_months: 18.0\n")
    with pytest.raises(InputError) as caught:
        load_case("case.yaml", text=text)
    assert caught.value.message == "period_months: 18.0 is not of type 'integer'"
    assert caught.value.hint == "see schemas/case.schema.json"
    assert str(caught.value.where) == "case.yaml:11:16"


def it_refuses_a_rulebook_period_written_as_a_decimal(tmp_path: Path) -> None:
    from regtext.corpus import default_corpus
    from regtext.decide.rulebook import build_rulebook
    from regtext.errors import InputError
    from regtext.yamlfile import load_yaml

    text = (ROOT / "corpus" / "zhengwu_chufenfa_2020.rulebook.yaml").read_text(encoding="utf-8")
    assert "记过, provision: 第七条第（二）项, months: 12," in text
    path = tmp_path / "zhengwu_chufenfa_2020.rulebook.yaml"
    path.write_text(text.replace("记过, provision: 第七条第（二）项, months: 12,", "记过, provision: 第七条第（二）项, months: 12.0,"),
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_rulebook(load_yaml(path), default_corpus())
    assert caught.value.message.startswith("sanction_kinds[1].months: 12.0 is not of type 'integer'")
