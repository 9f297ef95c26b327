"""The 政务处分决定书 (issue 15, item 4): each example under 《中华人民共和国公职人员政务处分法》 renders
the items of its 第四十五条 — the person, the facts and evidence, the kind and basis with the
period, the 复审/复核 notice, organ and date — and the chained case under the primary regulation
cites both laws, end to end to the DOCX (and to LibreOffice's PDF)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from regtext.cli import main
from regtext.render import render_case
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
LAW = "《中华人民共和国公职人员政务处分法》"
APPEAL = ("如对本决定不服，可以自收到本决定之日起一个月内，向某某县纪委监委申请复审；对复审决定仍不服的，可以自收到"
          "复审决定之日起一个月内，向上一级监察机关申请复核。复审、复核期间，不停止本决定的执行。")

#: Each example of the law: (title, the finding paragraph, the decision paragraph) exactly.
DOCUMENTS = {
    "zhengwu_jinggao": (
        "关于给予孙某某警告处分的决定",
        f"孙某某的上述行为属于{LAW}第三十九条第（三）项规定的违法行为。",
        f"根据{LAW}第三十九条第（三）项之规定，经县监委委务会议研究，决定对孙某某给予警告处分（处分期六个月）。"),
    "zhengwu_jiguo": (
        "关于给予周某某记过处分的决定",
        f"周某某的上述行为属于{LAW}第三十九条第（二）项规定的违法行为。",
        f"根据{LAW}第三十九条第（二）项之规定，经县监委委务会议研究，决定对周某某给予记过处分（处分期十二个月）。"),
    "zhengwu_jidaguo": (
        "关于给予吴某某记大过处分的决定",
        f"吴某某的上述行为属于{LAW}第三十四条第一款规定的违法行为。",
        f"根据{LAW}第三十四条第一款之规定，经县监委委务会议研究，决定对吴某某给予记大过处分（处分期十八个月）。"),
    "zhengwu_jiangji": (
        "关于给予郑某某降级处分的决定",
        f"郑某某的上述行为属于{LAW}第三十五条第（三）项规定的违法行为，情节严重。",
        f"根据{LAW}第三十五条第（三）项之规定，经县监委委务会议研究，决定对郑某某给予降级处分（处分期二十四个月）。"),
    "zhengwu_chezhi": (
        "关于给予王某某撤职处分的决定",
        f"王某某的上述行为属于{LAW}第三十二条第（一）项规定的违法行为，情节较重。",
        f"根据{LAW}第三十二条第（一）项之规定，经县监委委务会议研究，决定对王某某给予撤职处分（处分期二十四个月）。"),
    "zhengwu_kaichu": (   # 开除 has no period (第八条)
        "关于给予冯某某开除处分的决定",
        f"冯某某的上述行为属于{LAW}第四十条第一款第（三）项规定的违法行为，情节严重。",
        f"根据{LAW}第四十条第一款第（三）项之规定，经县监委委务会议研究，决定对冯某某给予开除处分。"),
    "zhengwu_congqing": (
        "关于给予陈某某警告处分的决定",
        f"陈某某的上述行为属于{LAW}第三十六条规定的违法行为。陈某某具有{LAW}第十一条第（六）项规定的情形，"
        "依法从轻给予政务处分。",
        f"根据{LAW}第三十六条、第十一条第（六）项之规定，经县监委委务会议研究，决定对陈某某给予警告处分（处分期六个月）。"),
    "zhengwu_jianqing": (
        "关于给予何某某记大过处分的决定",
        f"何某某的上述行为属于{LAW}第三十九条第（一）项规定的违法行为，情节较重。何某某具有{LAW}第十一条第（四）项"
        "规定的情形，依法减轻给予政务处分。",
        f"根据{LAW}第三十九条第（一）项、第十一条第（四）项之规定，经县监委委务会议研究，决定对何某某给予记大过处分"
        "（处分期十八个月）。"),
    "zhengwu_congzhong": (
        "关于给予钱某某记大过处分的决定",
        f"钱某某的上述行为属于{LAW}第三十八条第一款第（二）项规定的违法行为，情节较重。钱某某具有{LAW}第十三条第（三）项"
        "规定的情形，依法从重给予政务处分。",
        f"根据{LAW}第三十八条第一款第（二）项、第十三条第（三）项之规定，经县监委委务会议研究，决定对钱某某给予记大过处分"
        "（处分期十八个月）。"),
    "zhengwu_shuchong": (   # 第十五条: two violations, each 记过; one 记过 executed, its period stated by the case
        "关于给予黄某某记过处分的决定",
        f"黄某某的上述行为属于{LAW}第三十九条第（四）项、第四十条第一款第（三）项规定的违法行为。"
        "上述违法行为应当分别给予记过处分。",
        f"根据{LAW}第三十九条第（四）项、第四十条第一款第（三）项、第十五条之规定，经县监委委务会议研究，决定对黄某某"
        "给予记过处分（处分期十八个月）。"),
}

#: The chained case's decision paragraph: the law of higher rank first (design.md §6), both cited.
CHAINED = EXAMPLES / "zhuijiu_zhengwu_jiguo.yaml"
CHAINED_SENTENCE = (f"根据{LAW}第三十九条第（二）项和《安全生产责任追究办法（试行）》第四条第（三）项、第六条第一款第（五）项"
                    "之规定，经县监委委务会议研究，决定对刘某某同志给予记过处分（处分期十二个月）。")


def it_has_an_example_of_each_kind_and_circumstance_effect() -> None:
    import yaml

    cases = {name: yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8")) for name in DOCUMENTS}
    assert sorted({c["measures"][0] for c in cases.values()}) == sorted(["警告", "记过", "记大过", "降级", "撤职", "开除"])
    assert sorted(p.stem for p in EXAMPLES.glob("zhengwu_*.yaml")) == sorted(DOCUMENTS)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def it_states_what_article_45_lists_in_each_example(name: str) -> None:
    title, finding, decision = DOCUMENTS[name]
    rendered = render_case(EXAMPLES / f"{name}.yaml")
    assert rendered.template.name == "zhengwu_chufen_decision.md"   # chosen by its front matter
    texts = [p.text for p in rendered.paragraphs]
    roles = [p.role for p in rendered.paragraphs]
    assert texts[0] == title and roles[:2] == ["title", "number"]
    assert texts[2].startswith(f"{title[4:7]}，") and texts[2].endswith("。")      # 姓名、工作单位和职务
    evidence = next(i for i, t in enumerate(texts) if t.startswith("上述事实，有"))   # 违法事实和证据
    assert texts[3].startswith("经查，") and texts[evidence].endswith("等证据证实。")
    assert texts[evidence + 1:evidence + 4] == [finding, decision, APPEAL]
    assert [p.role for p in rendered.paragraphs][-3:] == ["signature", "date", "cc"]   # 机关名称和日期
    assert texts[-3] == "某某县纪委监委" and re.fullmatch(r"2024年\d{1,2}月\d{1,2}日", texts[-2])
    assert not rendered.decision.problems


def it_names_the_person_as_the_law_lists_it() -> None:
    rendered = render_case(EXAMPLES / "zhengwu_jiguo.yaml")
    assert rendered.paragraphs[2].text == "周某某，男，1980年1月生，中共党员，某某县自然资源局执法监察大队副大队长。"
    assert [p.text for p in rendered.paragraphs[-3:]] == ["某某县纪委监委", "2024年7月1日", "抄送：某某县委组织部，某某县自然资源局。"]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def it_renders_each_example_in_every_format_with_the_same_text(name: str) -> None:
    rendered = render_case(EXAMPLES / f"{name}.yaml")
    _, _, decision = DOCUMENTS[name]
    assert decision in rendered.to("md").decode()
    assert f"<p>{decision}</p>" in rendered.to("html").decode()
    assert decision in [p.text for p in docx.Document(io.BytesIO(rendered.to("docx"))).paragraphs]


def it_says_which_sanction_each_of_several_violations_gets_and_which_is_executed(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text((EXAMPLES / "zhengwu_shuchong.yaml").read_text(encoding="utf-8").replace(
        "  - {provision: 第四十条第一款第（三）项, sanction: 记过}\nmeasures: [记过]\nperiod_months: 18\n",
        "  - {provision: 第四十条第一款第（三）项, severity: 较重, sanction: 降级}\nmeasures: [降级]\n"), encoding="utf-8")
    texts = [p.text for p in render_case(case).paragraphs]
    assert texts[0] == "关于给予黄某某降级处分的决定"
    assert (f"黄某某的上述行为属于{LAW}第三十九条第（四）项、第四十条第一款第（三）项规定的违法行为，"
            "其中第四十条第一款第（三）项规定的违法行为情节较重。"
            "上述违法行为应当分别给予记过、降级处分，执行其中最重的降级处分。") in texts
    assert any(t.endswith("决定对黄某某给予降级处分（处分期二十四个月）。") for t in texts)


# -- the chained case, end to end ------------------------------------------------------------------

def it_renders_the_chained_case_to_a_docx_citing_both_laws(tmp_path: Path) -> None:
    out = tmp_path / "decision.docx"
    assert main(["render", str(CHAINED), "-o", str(out)]) == 0
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[0] == "关于给予刘某某同志记过处分的决定"
    assert CHAINED_SENTENCE in paragraphs
    assert APPEAL in paragraphs
    decision = render_case(CHAINED).decision
    assert decision.sanction is not None
    assert (decision.sanction["kind"], decision.sanction["period_months"], decision.sanction["severity"]) == (
        "记过", 12, "一般")


def it_says_the_chained_violation_its_severity_and_circumstances(tmp_path: Path) -> None:
    """A 政务处分 given through the primary at 较重 with 减轻 rendered without saying either: the
    basis cited 第十一条第（四）项, the text never said what it did."""
    assert ("上述行为属于《安全生产责任追究办法（试行）》第四条第（三）项规定的“监管落实不力”情形，刘某某同志负有直接责任。"
            "刘某某同志的上述行为同时属于《中华人民共和国公职人员政务处分法》第三十九条第（二）项规定的违法行为。"
            ) in render_case(CHAINED).to("md").decode()
    text = CHAINED.read_text(encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("sanction: 记过", "sanction: 记大过").replace(
        "severity: 一般", "severity: 较重\n    circumstances: [{provision: 第十一条第（四）项, effect: 减轻}]"),
        encoding="utf-8")
    markdown = render_case(case).to("md").decode()
    assert ("刘某某同志的上述行为同时属于《中华人民共和国公职人员政务处分法》第三十九条第（二）项规定的违法行为，情节较重。"
            "刘某某同志具有《中华人民共和国公职人员政务处分法》第十一条第（四）项规定的情形，依法减轻给予政务处分。") in markdown
    assert "决定对刘某某同志给予记大过处分（处分期十八个月）。" in markdown


@pytest.mark.libreoffice
def it_prints_the_chained_cases_basis_in_libreoffices_pdf(tmp_path: Path) -> None:
    from tests.support import office

    office.require_libreoffice()
    out = tmp_path / "decision.pdf"
    assert main(["render", str(CHAINED), "-o", str(out)]) == 0
    text = re.sub(r"\s", "", "".join(line for page in office.pdf_text_layout(out) for line in page))
    assert CHAINED_SENTENCE in text
    assert "关于给予刘某某同志记过处分的决定" in text
