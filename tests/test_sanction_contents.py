"""Sanction decisions as the law on them says: 政务处分法 第四十五条 (what the 决定书 states, C120),
the appeal notice naming the 复审 organ and the one-month limits (第五十五条; 监察法 2024 第五十六条, C208),
and titles naming a sanction without 党内 or 政务 (关于给予某某记过处分的决定)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from regtext.check import run
from regtext.errors import RegtextError, UsageError
from regtext.render import render_case
from tests.conftest import ROOT

ZHAO = ROOT / "examples" / "zhao_jiguo.yaml"
NOTICE = ("如对本决定不服，可以自收到本决定之日起一个月内，向某某县纪委监委申请复审；对复审决定仍不服的，"
          "可以自收到复审决定之日起一个月内，向上一级监察机关申请复核。复审、复核期间，不停止本决定的执行。")


def _case(tmp_path: Path, measures: list[str], sanctions: list[dict[str, str]]) -> Path:
    data = yaml.safe_load(ZHAO.read_text(encoding="utf-8"))
    data["measures"], data["sanctions"] = measures, sanctions
    data["subject"]["party_member"] = True
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


GOVERNMENT = {"type": "government", "sanction": "记过", "basis": "《中华人民共和国公职人员政务处分法》第三十九条"}
PARTY = {"type": "party", "sanction": "警告", "basis": "《中国共产党纪律处分条例》第三十九条"}


def it_names_the_review_organ_and_the_one_month_limits_in_a_government_sanction() -> None:
    rendered = render_case(ZHAO)
    assert rendered.title == "关于对赵某某同志予以通报并给予记过处分的决定"
    texts = [p.text for p in rendered.paragraphs]
    assert any(t.endswith(NOTICE) for t in texts)
    assert any(t.endswith("决定对赵某某同志予以通报并给予记过处分（处分期十二个月）。") for t in texts)


@pytest.mark.parametrize(("sanctions", "title", "lines"), [
    ([GOVERNMENT], "关于给予赵某某同志记过处分的决定", ["关于给予赵某某同志记过处分的决定"]),
    ([PARTY], "关于给予赵某某同志警告处分的决定", ["关于给予赵某某同志警告处分的决定"]),
    ([PARTY, GOVERNMENT], "关于给予赵某某同志党内警告、政务记过处分的决定",
     ["关于给予赵某某同志", "党内警告、政务记过处分的决定"]),
])
def it_names_a_sanction_without_a_prefix_unless_both_kinds_are_given(
        tmp_path: Path, sanctions: list[dict[str, str]], title: str, lines: list[str]) -> None:
    rendered = render_case(_case(tmp_path, ["党纪政务处分"], sanctions))
    assert rendered.title == title
    assert rendered.title_lines == lines


def it_refuses_a_prefixed_sanction_name_saying_how_to_write_it(tmp_path: Path) -> None:
    from regtext.decide import decide, load_case

    decision = decide(load_case(_case(tmp_path, ["党纪政务处分"], [{**GOVERNMENT, "sanction": "政务记过"}])))
    assert [p.message for p in decision.errors] == [
        "'政务记过' is not a 政务处分 (one of: 警告、记过、记大过、降级、撤职、开除): write 记过 — the document names "
        "the sanction without 党内 or 政务 (给予…记过处分)"]


def _template(tmp_path: Path, front: str, body: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / "t.md"
    path.write_text("---\nregulation: ningxia_anquan_zhuijiu_2023\nkind: decision\nsubject: person\n"
                    f"{front}---\n{body}", encoding="utf-8")
    return path


FULL = ("# 关于对{{ subject.name }}同志{{ measure_phrase }}的决定\n\n{{ subject.name }}，时任{{ subject.position }}。\n\n"
        "经查，{{ facts }}\n\n{{ basis }}，决定对{{ subject.name }}同志{{ measure_phrase }}。\n\n"
        "{{ cited_execution }}\n\n{% for n in appeals %}{{ n }}{% endfor %}\n\n{{ issuer }} {.signature}\n\n"
        "{{ date }} {.date}\n")


def it_renders_a_government_sanction_only_with_a_template_declaring_it(tmp_path: Path) -> None:
    undeclared = _template(tmp_path, "", FULL)
    assert [f for f in run([undeclared]) if f.severity == "error"] == []
    with pytest.raises(UsageError) as caught:
        render_case(ZHAO, template=str(undeclared))
    assert caught.value.message == ("zhao_jiguo.yaml gives a government sanction and the template t.md does not "
                                    "declare it renders one")
    assert caught.value.exit_code == 2
    declared = _template(tmp_path, "sanctions: [government]\n", FULL)
    assert [f for f in run([declared]) if f.severity == "error"] == []
    assert render_case(ZHAO, template=str(declared)).title == "关于对赵某某同志予以通报并给予记过处分的决定"


@pytest.mark.parametrize(("gone", "printed", "point", "what"), [
    ("{{ subject.position }}", "subject.position", "第（一）项", "被处分人的姓名、工作单位和职务"),
    ("{{ facts }}", "facts", "第（二）项", "违法事实和证据"),
    ("{{ basis }}", "basis", "第（三）项", "政务处分的种类和依据"),
    ("{% for n in appeals %}{{ n }}{% endfor %}", "appeals", "第（四）项", "不服政务处分决定，申请复审、复核的途径和期限"),
    ("{{ date }}", "date", "第（五）项", "作出政务处分决定的机关名称和日期"),
])
def it_reports_each_item_of_article_45_a_template_does_not_print(
        tmp_path: Path, gone: str, printed: str, point: str, what: str) -> None:
    path = _template(tmp_path, "sanctions: [government]\n", FULL.replace(gone, ""))
    found = [(f.code, f.line, f.column, f.message) for f in run([path]) if f.severity == "error"]
    assert found == [("C120", 5, 1, f"the template t.md declares sanctions: [government] but does not print "
                      f"{{{{ {printed} }}}}: a 政务处分决定书 must state {what} "
                      f"(《中华人民共和国公职人员政务处分法》第四十五条第二款{point})")]
    with pytest.raises(RegtextError) as caught:
        render_case(ZHAO, template=str(path))
    assert "C120" in str(caught.value.message)


def it_refuses_a_sanctions_declaration_it_cannot_read(tmp_path: Path) -> None:
    path = _template(tmp_path, "sanctions: [goverment]\n", FULL)
    assert [(f.code, f.line, f.message) for f in run([path])] == [
        ("C120", 5, "sanctions: ['goverment'] is not a list of sanction types (write sanctions: [party, government] "
         "or a part of it)")]


def it_checks_that_the_notice_of_a_government_sanction_names_the_organ_and_the_limits(tmp_path: Path) -> None:
    shipped = (ROOT / "corpus" / "ningxia_anquan_zhuijiu_2023.rulebook.yaml").read_text(encoding="utf-8")
    assert "向{issuer}申请复审" in shipped and "之日起一个月内" in shipped
    bare = shipped.replace("可以自收到本决定之日起一个月内，向{issuer}申请复审", "可以依法申请复审")
    path = tmp_path / "ningxia_anquan_zhuijiu_2023.rulebook.yaml"
    path.write_text(bare, encoding="utf-8")
    found = [(f.code, f.message) for f in run([path])]
    assert [code for code, _ in found] == ["C208", "C208"]
    assert found[0][1] == ("the appeal notice appeals.sanction of a 政务处分 does not state the organ 复审 is applied "
                           "to, the deciding organ ({issuer}) (第五十五条)")
    assert found[1][1] == ("the appeal notice appeals.sanction of a 政务处分 does not state the time limit of 复审: "
                           "within one month of receipt (《中华人民共和国监察法》第五十六条)")
