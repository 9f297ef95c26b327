"""The study materials of 《中华人民共和国公职人员政务处分法》 carry its sanction map (issue 15, item 5):
the kinds and their periods, each violation's ladder by severity and what the circumstances do,
from the rulebook, in the site, the handout and the Markdown — and every link of the site resolves."""

from __future__ import annotations

from pathlib import Path

import pytest

import regtext
from regtext.cli import main
from regtext.study import study_of
from regtext.study.content import Study
from tests.test_study import _anchors, _handout_text, _latin_words, _visible, broken_links

LAW = "zhengwu_chufenfa_2020"


@pytest.fixture(scope="module")
def study() -> Study:
    return study_of(regtext.load(LAW))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `regtext study zhengwu_chufenfa_2020 -o OUT` writes: the site, handout.docx, study.md."""
    out = tmp_path_factory.mktemp("zhengwu-study")
    assert main(["study", LAW, "-o", str(out)]) == 0
    return out


def _ladder(study: Study, citation: str) -> list[tuple[str, str]]:
    assert study.sanctions is not None
    return next(ladder.steps for ladder in study.sanctions.ladders if ladder.violation.text == citation)


def it_maps_each_violation_to_its_ladder_from_the_lightest_step_the_article_names(study: Study) -> None:
    assert _ladder(study, "第三十五条") == [("情节较重", "警告、记过、记大过"), ("情节严重", "降级、撤职")]
    assert _ladder(study, "第三十七条") == [("一般情形", "撤职"), ("情节严重", "开除")]
    assert _ladder(study, "第三十九条") == [("一般情形", "警告、记过、记大过"), ("情节较重", "降级、撤职"),
                                          ("情节严重", "开除")]
    assert _ladder(study, "第三十八条第二款") == [("情节特别严重", "开除")]
    assert study.sanctions is not None
    notes = {ladder.violation.text: ladder.note for ladder in study.sanctions.ladders if ladder.note}
    assert notes == {
        "第十四条第二款": "撤职：案件情况特殊，予以撤职更为适当的，可以不予开除，但是应当报请上一级机关批准",
        "第十四条第三款": "开除：造成不良影响的，予以开除",
        "第三十八条第二款": "适用于第三十八条第一款第（一）项、第（二）项、第（五）项的行为",
        "第四十一条": "根据情节轻重给予相应政务处分",
    }
    # every violation of 第三章 (and 第十四条), in the order of the law
    assert [ladder.violation.eid for ladder in study.sanctions.ladders][:4] == [
        "art_14__para_1", "art_14__para_2", "art_14__para_3", "art_28__para_1"]
    assert len(study.sanctions.ladders) == 26   # the rulebook's violations, each once


def it_maps_the_kinds_with_their_periods_and_what_the_circumstances_do(study: Study) -> None:
    assert study.sanctions is not None
    assert [(kind.text, kind.eid, period) for kind, period in study.sanctions.kinds] == [
        ("警告", "art_7__para_1__point_1", "六个月（第八条第一款第（一）项）"),
        ("记过", "art_7__para_1__point_2", "十二个月（第八条第一款第（二）项）"),
        ("记大过", "art_7__para_1__point_3", "十八个月（第八条第一款第（三）项）"),
        ("降级", "art_7__para_1__point_4", "二十四个月（第八条第一款第（四）项）"),
        ("撤职", "art_7__para_1__point_5", "二十四个月（第八条第一款第（四）项）"),
        ("开除", "art_7__para_1__point_6", "不设处分期"),
    ]
    assert study.sanctions.effects == [
        ("第十一条第（一）项至第（七）项", "在该情节的处分幅度内从轻；在处分幅度以下减轻一档（由适用机关确认）"),
        ("第十二条第一款", "免予政务处分；不予政务处分（须同时具有第十一条规定的情形，仅适用于一般情形）"),
        ("第十二条第二款", "免予政务处分；不予政务处分；在处分幅度以下减轻一档（由适用机关确认）"),
        ("第十三条第（一）项至第（七）项", "在该情节的处分幅度内从重"),
    ]


def it_shows_the_sanction_map_on_the_site_with_links_into_the_text(written: Path) -> None:
    index = (written / "index.html").read_text(encoding="utf-8")
    assert '<a href="#sanctions">政务处分的种类与幅度</a>' in index
    assert ('<tr><td><a href="#art_35">第三十五条</a></td><td class="ladder">情节较重：警告、记过、记大过<br>'
            "情节严重：降级、撤职</td><td></td></tr>") in index
    assert '<tr><td><a href="#art_7__para_1__point_6">开除</a></td><td>不设处分期</td></tr>' in index
    visible = _visible(written / "index.html")
    assert "情节较重：警告、记过、记大过" in visible and "在处分幅度以下减轻一档（由适用机关确认）" in visible


def it_prints_the_sanction_map_in_the_handout_and_the_markdown(written: Path) -> None:
    handout = _handout_text(written / "handout.docx")
    markdown = (written / "study.md").read_text(encoding="utf-8")
    for line in ("第三十五条：情节较重，警告、记过、记大过；情节严重，降级、撤职。",
                 "第三十七条：一般情形，撤职；情节严重，开除。",
                 "开除：不设处分期",
                 "第十三条第（一）项至第（七）项：在该情节的处分幅度内从重。"):
        assert line in handout
        assert line in markdown
    assert "## 二、政务处分的种类与幅度\n\n### 种类与处分期\n\n警告：六个月（第八条第一款第（一）项）" in markdown


def it_links_every_page_of_the_site_only_to_pages_and_ids_that_exist(written: Path) -> None:
    pages = {p.name: _anchors(p) for p in written.glob("*.html")}
    assert "index.html" in pages and "jianchafa_2024.html" in pages
    assert broken_links(pages) == []
    assert {"#art_35", "#art_38__para_2", "#art_7__para_1__point_1"} <= set(pages["index.html"].hrefs)


def it_keeps_english_out_of_the_sanction_map(written: Path) -> None:
    own = _latin_words(Path(regtext.load(LAW).source).read_text(encoding="utf-8"))
    texts = [_visible(written / "index.html"), (written / "study.md").read_text(encoding="utf-8"),
             _handout_text(written / "handout.docx")]
    assert [_latin_words(text) - own for text in texts] == [set(), set(), set()]


def it_gives_no_sanction_map_to_a_regulation_without_violations() -> None:
    primary = study_of(regtext.load("ningxia_anquan_zhuijiu_2023"))
    assert primary.sanctions is None and primary.decision_types
    assert study_of(regtext.load("jianchafa_2024")).sanctions is None
