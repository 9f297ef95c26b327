"""Study materials: every article and annotation appears, the quiz holds the trainer's and the
generated questions, every link of the site resolves, and a bad annotation fails with its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import regtext
from regtext.check import run
from regtext.errors import InputError
from regtext.study import study_of, write
from regtext.study.annotations import join_lines
from tests.conftest import PRIMARY, ROOT

ANNOTATIONS = ROOT / "corpus" / f"{PRIMARY}.annotations.yaml"


@pytest.fixture(scope="module")
def study():
    return study_of(regtext.load(PRIMARY))


def it_annotates_all_fourteen_articles_with_terms_and_questions(study) -> None:
    notes = study.annotations
    assert sorted(notes.notes, key=lambda e: int(e.split("_")[1])) == [f"art_{n}" for n in range(1, 15)]
    assert {"党政同责", "一岗双责", "四种形态", "三个区分开来", "四防", "监察对象"} <= {t.term for t in notes.terms}
    assert len(notes.questions) >= 12


def it_generates_questions_from_the_structure(study) -> None:
    generated = {q.question: q.answer for q in study.questions if q.generated}
    assert generated["第四条列举了哪几种情形？"].startswith("第四条第（一）项“贯彻落实不力”；第四条第（二）项“责任落实不力”")
    assert generated["“诫勉”规定在哪一项？"] == "第六条第一款第（三）项"


def it_maps_decision_types_to_their_provisions(study) -> None:
    kinds = {k.name: k.provisions for k in study.decision_types}
    assert set(kinds) == {"对个人的决定", "对个人的建议", "对个人的移送", "对单位的决定", "对单位的建议"}
    assert ("合并使用", "第六条第二款") in kinds["对个人的决定"]
    assert ("执行", "第十条") in kinds["对个人的决定"]


def it_writes_markdown_with_every_article_and_annotation(study, tmp_path: Path) -> None:
    (md,) = write(study, tmp_path, ("md",))
    text = md.read_text(encoding="utf-8")
    for n, article in enumerate(regtext.load(PRIMARY).articles(), start=1):
        assert f"### {article.label}（Article {n}）" in text
    assert "> 【学习提示】本条是**立法目的和依据**条款。" in text
    assert "## 四、参考答案" in text
    assert "党政同责：地方各级党委和政府主要负责人" in text


def it_builds_a_site_whose_internal_links_all_resolve(study, tmp_path: Path) -> None:
    pytest.importorskip("regtext.export.html", reason="the HTML export is needed for the pages of cited documents")
    files = write(study, tmp_path, ("html",))
    names = {p.name for p in files}
    assert {"index.html", "quiz.html", "jianchafa_2024.html", "zhengwu_chufenfa_2020.html"} <= names
    ids = {name: set(re.findall(r'id="([^"]+)"', (tmp_path / name).read_text(encoding="utf-8"))) for name in names}
    for name in ("index.html", "quiz.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]+)"', page):
            target, _, fragment = href.partition("#")
            target = target or name
            assert target in names, href
            assert not fragment or fragment in ids[target], href
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<a class="term" href="#term-1">党政同责</a>' in index
    assert "<svg" in index and "@media print" in index and "http" not in re.sub(r'xmlns="[^"]+"', "", index)


def it_reveals_quiz_answers_with_details(study, tmp_path: Path) -> None:
    from regtext.study.site import quiz_page

    page = quiz_page(study)
    assert page.count("<details") == len(study.questions)
    assert '<summary>1. 本办法的追究对象包括哪些组织和个人？</summary>' in page


def it_joins_wrapped_chinese_lines_in_notes() -> None:
    assert join_lines("和\n国家法律\n\nabc\ndef") == "和国家法律\n\nabc\ndef"


def it_fails_an_annotation_that_names_a_missing_provision(tmp_path: Path) -> None:
    bad = tmp_path / f"{PRIMARY}.annotations.yaml"
    bad.write_text(ANNOTATIONS.read_text(encoding="utf-8").replace("  - provision: 第十四条", "  - provision: 第十五条"),
                   encoding="utf-8")
    (finding,) = run([bad])
    assert (finding.code, finding.line, finding.column) == ("C402", 82, 16)
    assert "第十五条 does not exist" in finding.message
    with pytest.raises(InputError) as error:
        study_of(regtext.load(PRIMARY), bad)
    assert str(error.value).startswith(f"{bad}:82:16: notes[13].provision: 第十五条")


@pytest.fixture()
def browser_page():  # type: ignore[no-untyped-def]
    """A Playwright page in Debian's Chromium (tests/support/browser.py)."""
    from tests.support.browser import chromium_page, require_chromium

    require_chromium()
    with chromium_page() as page:
        yield page


@pytest.fixture(scope="module")
def site(study, tmp_path_factory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("site")
    write(study, folder, ("html",))
    return folder


@pytest.mark.chromium
def it_resolves_every_link_of_the_site_in_a_browser(browser_page, site: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    for name in ("index.html", "quiz.html"):
        page.goto((site / name).as_uri())
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            target, _, fragment = href.partition("#")
            if target:
                assert (site / target).exists(), href
            if fragment and not target:
                assert page.evaluate("id => document.getElementById(id) !== null", fragment), href


@pytest.mark.chromium
def it_reveals_a_quiz_answer_on_click(browser_page, site: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto((site / "quiz.html").as_uri())
    answer = page.locator("#q1 .answer")
    assert not answer.is_visible()
    page.click("#q1 summary")
    assert answer.is_visible()
    assert answer.inner_text() == "各级党委和政府及有关职能部门、企事业单位，以及上述部门（单位）的党员和监察对象。"


@pytest.mark.chromium
def it_takes_the_screenshot_shown_in_the_readme(browser_page, site: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.set_viewport_size({"width": 900, "height": 620})
    page.goto((site / "index.html").as_uri() + "#art_4")
    shot = tmp_path / "study.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    readme_copy = ROOT / "docs" / "study.png"
    assert readme_copy.exists() and readme_copy.stat().st_size < 200_000


def it_writes_a_handout_that_opens_and_has_the_answer_key(study, tmp_path: Path) -> None:
    import docx

    (path,) = write(study, tmp_path, ("docx",))
    document = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Gw Title", "《安全生产责任追究办法（试行）》学习辅导")
    headings = [text for style, text in paragraphs if style == "Gw Heading 1"]
    assert headings == ["一、条文与学习提示", "二、术语", "三、自测题", "四、参考答案"]
    key = paragraphs[[t for _, t in paragraphs].index("四、参考答案") + 1:]
    assert len(key) == len(study.questions)
    assert key[0] == ("Gw Body", "1. 各级党委和政府及有关职能部门、企事业单位，以及上述部门（单位）的党员和监察对象。")
    notes = [text for style, text in paragraphs if style == "Gw Note"]
    assert notes[0].startswith("【学习提示】本条是立法目的和依据条款。")  # the note's Markdown, as text
    assert sum(1 for style, _ in paragraphs if style == "Gw Heading 2") == 14
