"""The drafter's form for a case under 《中华人民共和国公职人员政务处分法》: each violation a row with
its severity (and its sanction, for several), each circumstance a row with its effect, the kinds of
第七条 as the choices of the measure — and the engine's problems beside the control they are about."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("starlette", reason="needs the web extra: pip install '.[web]'")
pytest.importorskip("starlette.testclient", reason="needs httpx2 (the test extra) for starlette's TestClient")

from regtext.web import form as forms  # noqa: E402
from regtext.web.server import slot_id  # noqa: E402
from tests.conftest import ROOT  # noqa: E402
from tests.test_web import _form_of, client  # noqa: E402

JIANQING = ROOT / "examples" / "zhengwu_jianqing.yaml"


def _fields() -> dict[str, forms.Field]:
    from regtext.decide.case import plain_data
    from regtext.yamlfile import load_yaml

    case = plain_data(load_yaml(JIANQING).data)
    return {f.path: f for f in forms.fields(case)}


def it_shows_each_violation_and_circumstance_as_a_row_of_its_facts() -> None:
    fields = _fields()
    findings, circumstances = fields["findings"], fields["circumstances"]
    assert (findings.widget, findings.label) == ("sanctions", "违法行为（条款、情节；有多个违法行为时写明各自的处分）")
    assert [[(sub.path, sub.value) for sub in row] for row in findings.rows] == [
        [("findings[0].provision", "第三十九条第（一）项"), ("findings[0].severity", "较重"), ("findings[0].sanction", None)],
        [("findings[1].provision", None), ("findings[1].severity", None), ("findings[1].sanction", None)]]
    assert [(sub.path, sub.value) for sub in circumstances.rows[0]] == [
        ("circumstances[0].provision", "第十一条第（四）项"), ("circumstances[0].effect", "减轻")]
    severity = findings.rows[0][1]
    assert severity.options == [("一般", "一般"), ("较重", "较重"), ("严重", "严重"), ("特别严重", "特别严重")]
    assert ("第三十五条", "第三十五条") in findings.rows[0][0].options


def it_offers_the_kinds_of_article_7_as_the_measure() -> None:
    measures = _fields()["measures"]
    assert [(c.value, c.citation) for c in measures.choices] == [
        ("警告", "第七条第（一）项"), ("记过", "第七条第（二）项"), ("记大过", "第七条第（三）项"),
        ("降级", "第七条第（四）项"), ("撤职", "第七条第（五）项"), ("开除", "第七条第（六）项")]
    assert all(c.known for c in measures.choices)
    assert _fields()["sanctions"].hidden   # 党纪政务处分 through the primary: not for a case under the law itself


def it_shows_a_sanction_outside_the_ladder_beside_the_chosen_kind() -> None:
    c = client()
    form = _form_of(c, JIANQING.read_text(encoding="utf-8"))
    assert form["findings[0].severity"] == "较重" and form["measures"] == ["记大过"]
    form["circumstances[0].provision"] = ""     # without 减轻, 记大过 is below the 情节较重 step
    form["circumstances[0].effect"] = ""
    answer = c.post("/ui/update", data=form).text
    slot = re.search(rf'<div class="problems" id="{slot_id("measures=记大过")}" hx-swap-oob="true">(.*?)</div>',
                     answer, re.S)
    assert slot is not None
    assert re.findall(r'<p class="problem">(.*?)</p>', slot.group(1)) == [
        "D132 第三十九条 allows 降级、撤职 at 较重, not 记大过; 记大过 is allowed at 一般 [第三十九条]"]
