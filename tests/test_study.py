"""Study materials: every article and annotation appears, the quiz holds the trainer's and the
generated questions, every link of the site resolves, and a bad annotation fails with its line."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import regtext
from regtext.check import run
from regtext.cli import main
from regtext.errors import InputError, UsageError
from regtext.study import study_of, write
from regtext.study.annotations import join_lines
from tests.conftest import CORPUS_IDS, PRIMARY, ROOT

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
    for article in regtext.load(PRIMARY).articles():
        assert f"\n### {article.label}\n" in text
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
def browser_page():
    """A Playwright page in Debian's Chromium (tests/support/browser.py)."""
    from tests.support.browser import chromium_page, require_chromium

    require_chromium()
    with chromium_page() as page:
        yield page


@pytest.fixture(scope="module")
def site(study, tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    write(study, folder, ("html",))
    return folder


@pytest.mark.chromium
def it_resolves_every_link_of_the_site_in_a_browser(browser_page, site: Path) -> None:
    page = browser_page
    for name in sorted(p.name for p in site.glob("*.html")):
        page.goto((site / name).as_uri())
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs, name
        for href in hrefs:
            target = href.partition("#")[0]
            if target:
                assert (site / target).exists(), href
        missing = page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
            .map(e => e.getAttribute('href').slice(1)).filter(id => document.getElementById(id) === null)""")
        assert missing == [], name


@pytest.mark.chromium
def it_reveals_a_quiz_answer_on_click(browser_page, site: Path) -> None:
    page = browser_page
    page.goto((site / "quiz.html").as_uri())
    answer = page.locator("#q1 .answer")
    assert not answer.is_visible()
    page.click("#q1 summary")
    assert answer.is_visible()
    assert answer.inner_text() == "各级党委和政府及有关职能部门、企事业单位，以及上述部门（单位）的党员和监察对象。"


@pytest.mark.chromium
def it_takes_the_screenshot_shown_in_the_readme(browser_page, site: Path, tmp_path: Path) -> None:
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


# -- without annotations (issue 11, item 20) ---------------------------------------------------

def it_builds_structure_only_material_for_a_document_without_annotations(capsys, tmp_path: Path) -> None:
    assert not (ROOT / "corpus" / "jianchafa_2024.annotations.yaml").exists()
    assert main(["study", "jianchafa_2024", "-o", str(tmp_path / "site")]) == 0
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        "guoqi_guanlirenyuan_chufen_2024.html", "handout.docx", "index.html", "jianchafa_2024.html", "quiz.html",
        "study.md", "xingshi_susongfa_2018.html", "zhengwu_chufenfa_2020.html"]
    text = (tmp_path / "site" / "study.md").read_text(encoding="utf-8")
    assert text.startswith("# 《中华人民共和国监察法》学习辅导\n\n《中华人民共和国监察法》\n\n## 一、条文\n\n### 第一章 总 则\n\n"
                           "#### 第一条\n\n为了深入开展廉政建设和反腐败工作，")
    assert [line for line in text.split("\n") if line.startswith("## ")] == ["## 一、条文", "## 二、自测题", "## 三、参考答案"]
    assert "#### 第四条\n\n第一款　监察委员会依照法律规定独立行使监察权，" in text
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<h2 class="division" id="chp_2">第二章 监察机关及其职责</h2>' in index
    assert '<a href="#chp_2"><rect' in index  # the structure diagram
    assert ('<p class="links">引用：<span>《中华人民共和国公务员法》</span><br>被引用：<a href="#art_16__para_1">第十六条第一款</a>'
            '<a href="zhengwu_chufenfa_2020.html#art_2__para_3">《中华人民共和国公职人员政务处分法》第二条第三款</a>') in index
    assert 'href="#glossary"' not in index and 'href="#decisions"' not in index  # sections it does not have


def it_generates_questions_from_the_chapters_of_a_document_without_annotations() -> None:
    questions = [(q.question, q.answer) for q in study_of(regtext.load("jianchafa_2024")).questions]
    assert questions[:4] == [("“总则”是哪一章？", "第一章"), ("第一章“总则”包括哪几条？", "第一条至第六条"),
                             ("“监察机关及其职责”是哪一章？", "第二章"), ("第二章“监察机关及其职责”包括哪几条？", "第七条至第十四条")]
    assert questions[-1] == ("第九章“附则”包括哪几条？", "第七十七条、第七十八条")
    assert len(questions) == 18


@pytest.mark.parametrize(("fmt", "expected"), [("md", ["study.md"]), ("docx", ["handout.docx"])])
def it_writes_one_format_of_the_structure_only_material(capsys, tmp_path: Path, fmt: str, expected: list[str]) -> None:
    assert main(["study", "jianchafa_2024", "--to", fmt, "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == expected
    if fmt == "docx":
        import docx

        paragraphs = [(p.style.name, p.text) for p in docx.Document(str(tmp_path / "out" / "handout.docx")).paragraphs]
        assert paragraphs[:5] == [("Gw Title", "《中华人民共和国监察法》学习辅导"), ("Gw Number", "《中华人民共和国监察法》"),
                                  ("Gw Heading 1", "一、条文"), ("Gw Heading 2", "第一章 总 则"), ("Gw Heading 3", "第一条")]
        assert sum(1 for style, _ in paragraphs if style == "Gw Heading 3") == 78


def it_refuses_annotations_given_but_missing(capsys, tmp_path: Path) -> None:
    code = main(["study", "jianchafa_2024", "--annotations", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "out")])
    assert (code, capsys.readouterr().err) == (2, f"regtext: error: {tmp_path / 'none.yaml'}: no such file\n")
    assert not (tmp_path / "out").exists()


# -- every link of every page (issue 11, item 23) ----------------------------------------------

class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name == "href" and value is not None:
                self.hrefs.append(value)


def _anchors(path: Path) -> _Anchors:
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(pages: dict[str, _Anchors]) -> list[str]:
    """`page: href` of every link of a site (pages by file name) to a page or an id it lacks."""
    broken = []
    for name, page in pages.items():
        for href in page.hrefs:
            target, hash_, fragment = href.partition("#")
            target = target or name
            if target not in pages or (hash_ and fragment not in pages[target].ids):
                broken.append(f"{name}: {href}")
    return broken


@pytest.mark.parametrize("doc_id", [PRIMARY, "jianchafa_2024"])
def it_links_every_page_it_writes_only_to_pages_and_ids_that_exist(tmp_path: Path, doc_id: str) -> None:
    files = write(study_of(regtext.load(doc_id)), tmp_path, ("html",))
    assert sorted(p.name for p in files) == sorted(p.name for p in tmp_path.iterdir()) == [
        "guoqi_guanlirenyuan_chufen_2024.html", "index.html", "jianchafa_2024.html", "quiz.html",
        "xingshi_susongfa_2018.html", "zhengwu_chufenfa_2020.html"]
    pages = {p.name: _anchors(p) for p in files}
    assert all(len(page.hrefs) > 10 for page in pages.values())
    assert broken_links(pages) == []
    # the links found broken before: a cited law's page pointing at laws it cites in turn
    assert "guoqi_guanlirenyuan_chufen_2024.html#art_17__para_1" in pages["zhengwu_chufenfa_2020.html"].hrefs
    assert any(h.startswith("xingshi_susongfa_2018.html") for h in pages["jianchafa_2024.html"].hrefs)


# -- one question, one answer; Chinese labels unless English is asked (issue 11, item 24) ------

@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_asks_every_question_once(doc_id: str) -> None:
    questions = [q.question for q in study_of(regtext.load(doc_id)).questions]
    assert len(questions) == len(set(questions))


def it_asks_for_a_name_listed_twice_with_its_enumeration(study) -> None:
    answers = {q.question: q.answer for q in study.questions}
    assert "“通报”规定在哪一项？" not in answers
    assert answers["第五条中，“通报”规定在哪一项？"] == "第五条第（二）项"
    assert answers["第六条第一款中，“通报”规定在哪一项？"] == "第六条第一款第（二）项"


class _Text(HTMLParser):
    """The text a reader sees (no style sheet)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.skip = False

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _visible(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", text))


def _handout_text(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        return re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))


@pytest.mark.parametrize("doc_id", [PRIMARY, "jianchafa_2024"])
def it_keeps_english_out_of_the_chinese_material(tmp_path: Path, doc_id: str) -> None:
    """Latin letters only where the document or the trainer wrote them (宁夏's text has a stray
    “执法检查 and 日常监管”)."""
    doc = regtext.load(doc_id)
    own = Path(doc.source).read_text(encoding="utf-8")
    notes = ROOT / "corpus" / f"{doc_id}.annotations.yaml"
    if notes.exists():
        own += notes.read_text(encoding="utf-8")
    write(study_of(doc), tmp_path)
    texts = {"index.html": _visible(tmp_path / "index.html"), "quiz.html": _visible(tmp_path / "quiz.html"),
             "study.md": (tmp_path / "study.md").read_text(encoding="utf-8"),
             "handout.docx": _handout_text(tmp_path / "handout.docx")}
    assert {name: _latin_words(text) - _latin_words(own) for name, text in texts.items()} == {
        name: set() for name in texts}
    assert "第一条" in texts["handout.docx"]


def it_shows_each_label_once_in_chinese(study, tmp_path: Path) -> None:
    write(study, tmp_path, ("html", "md"))
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<h3 class="art">第一条</h3>' in index
    assert '<p class="provision item" id="art_5__para_1__point_2">(二) 通报。责令整改，并在一定范围内通报。</p>' in index
    assert ('<p class="provision" id="art_6__para_2"><span class="label">第二款</span>'
            '上述责任追究方式，可以单独使用，也可以合并使用。</p>') in index
    md = (tmp_path / "study.md").read_text(encoding="utf-8")
    assert "### 第六条\n\n第一款　对负有领导责任和直接责任的" in md
    assert "\n(二) 通报。在一定范围内通报，并责令整改。\n" in md


def it_adds_english_citations_when_asked(tmp_path: Path) -> None:
    study = study_of(regtext.load(PRIMARY), lang="zh,en")
    write(study, tmp_path, ("html", "md"))
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<h3 class="art">第六条<span class="cite">Article 6</span></h3>' in index
    assert ('<p class="provision item" id="art_6__para_1__point_2">(二) 通报。在一定范围内通报，并责令整改。'
            '<span class="cite">Article 6(2)</span></p>') in index
    assert ('<p class="provision" id="art_6__para_2"><span class="label">第二款</span>上述责任追究方式，可以单独使用，'
            '也可以合并使用。<span class="cite">Article 6, paragraph 2</span></p>') in index
    assert "### 第一条（Article 1）\n" in (tmp_path / "study.md").read_text(encoding="utf-8")
    english = study_of(regtext.load(PRIMARY), lang="en")
    (md,) = write(english, tmp_path / "en", ("md",))
    assert "### 第六条（Article 6）\n\n对负有领导责任和直接责任的" in md.read_text(encoding="utf-8")


def it_refuses_a_label_language_it_does_not_know(capsys, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["study", PRIMARY, "--lang", "fr", "-o", str(tmp_path / "out")])
    assert exit_.value.code == 2
    assert "argument --lang: invalid choice: 'fr' (choose from 'zh', 'en', 'zh,en')" in capsys.readouterr().err
    with pytest.raises(UsageError, match="unknown label language 'fr'"):
        study_of(regtext.load(PRIMARY), lang="fr")


# -- a note on a 款 or 项, one note for one provision (issue 11, tester's items 5, 6, 7, 19) --------

def _annotations(tmp_path: Path, notes: str, regulation: str = PRIMARY) -> Path:
    path = tmp_path / "x.annotations.yaml"
    path.write_text(f"regulation: {regulation}\ntitle: 测试\nnotes:\n{notes}", encoding="utf-8")
    return path


def it_shows_a_note_on_an_item_or_a_paragraph_beside_it_in_every_format(capsys, tmp_path: Path) -> None:
    import docx

    notes = _annotations(tmp_path, "  - {provision: 第四条第（三）项, note: 监管落实不力的**提示**, key_points: [要点一]}\n"
                                   "  - {provision: 第六条第二款, note: 合并使用的提示}\n")
    assert main(["study", PRIMARY, "--annotations", str(notes), "-o", str(tmp_path / "out")]) == 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert ('<section class="article" id="art_4">' in index
            and '</div>\n<div><aside class="note"><p class="note-title"><a href="#art_4__para_1__point_3">学习提示：'
                '第四条第（三）项</a></p><p>监管落实不力的<strong>提示</strong></p>\n<p><strong>要点</strong></p><ul><li>要点一'
                '</li></ul></aside></div>\n</section>\n<section class="article plain" id="art_5">' in index)
    assert ('<div><aside class="note"><p class="note-title"><a href="#art_6__para_2">学习提示：第六条第二款</a></p>'
            '<p>合并使用的提示</p>\n</aside></div>\n</section>\n<section class="article plain" id="art_7">' in index)
    markdown = (tmp_path / "out" / "study.md").read_text(encoding="utf-8")
    assert ("造成严重安全隐患的。\n\n> 【学习提示：第四条第（三）项】监管落实不力的**提示**\n\n> 要点：要点一\n\n（四）整改落实不力的，"
            in markdown)
    assert "也可以合并使用。\n\n> 【学习提示：第六条第二款】合并使用的提示\n\n### 第七条\n" in markdown
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(tmp_path / "out" / "handout.docx")).paragraphs]
    item = next(i for i, (_, text) in enumerate(paragraphs) if text.startswith("（三）监管落实不力的"))
    assert paragraphs[item + 1:item + 3] == [("Gw Note", "【学习提示：第四条第（三）项】监管落实不力的提示"),
                                             ("Gw Note", "要点：要点一")]
    assert paragraphs[item + 3][1].startswith("（四）整改落实不力的")
    paragraph = next(i for i, (_, text) in enumerate(paragraphs) if text.endswith("也可以合并使用。"))
    assert paragraphs[paragraph + 1:paragraph + 3] == [("Gw Note", "【学习提示：第六条第二款】合并使用的提示"),
                                                       ("Gw Heading 2", "第七条")]


@pytest.mark.parametrize("second", ["art_4", "第四条"])
def it_refuses_two_notes_on_one_provision(capsys, tmp_path: Path, second: str) -> None:
    notes = _annotations(tmp_path, f"  - {{provision: 第四条, note: 甲}}\n  - {{provision: {second}, note: 乙}}\n")
    assert main(["study", PRIMARY, "--annotations", str(notes), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (f"regtext: error: {notes}:5:17: notes[1].provision: notes[0] and notes[1] both "
                                       "name 第四条: join them into one note (run 'regtext check' on the file)\n")
    assert not (tmp_path / "out").exists()
    assert [(f.code, f.line, f.column, f.severity, f.message) for f in run([notes])] == [
        ("C403", 5, 17, "error", "notes[1].provision: notes[0] and notes[1] both name 第四条: join them into one note")]


def it_names_the_item_of_two_notes_by_its_heading_too(tmp_path: Path) -> None:
    notes = _annotations(tmp_path, "  - {provision: 诫勉, note: 甲}\n  - {provision: 第六条第一款第（三）项, note: 乙}\n")
    (finding,) = run([notes])
    assert finding.message == ("notes[1].provision: notes[0] and notes[1] both name 第六条第一款第（三）项 (诫勉): "
                               "join them into one note")


@pytest.mark.parametrize(("provision", "count"), [("第三条至第五条", 3), ("第四条、第五条", 2), ("第五条第（一）项至第（三）项", 3)])
def it_refuses_a_note_on_several_provisions(capsys, tmp_path: Path, provision: str, count: int) -> None:
    notes = _annotations(tmp_path, f"  - {{provision: {provision}, note: 甲}}\n")
    message = (f"notes[0].provision: {provision} names {count} provisions; a note is shown beside one provision: "
               "write a note for each of them")
    assert main(["study", PRIMARY, "--annotations", str(notes), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (f"regtext: error: {notes}:4:17: {message} (run 'regtext check' on the file)\n")
    assert [(f.code, f.line, f.column, f.message) for f in run([notes])] == [("C404", 4, 17, message)]


def it_refuses_a_note_on_a_chapter(tmp_path: Path) -> None:
    """The chapters' headings have no place for a note: it was accepted and shown nowhere."""
    notes = _annotations(tmp_path, "  - {provision: 第一章, note: 甲}\n", regulation="jianchafa_2024")
    with pytest.raises(InputError) as error:
        study_of(regtext.load("jianchafa_2024"), notes)
    assert str(error.value) == (f"{notes}:4:17: notes[0].provision: 第一章 is a chapter; a note is shown beside an "
                                "article, a 款, a 项 or a 目 (run 'regtext check' on the file)")


def it_reports_annotations_in_utf16_as_the_yaml_loader_does(tmp_path: Path) -> None:
    notes = tmp_path / "x.annotations.yaml"
    notes.write_text(f"regulation: {PRIMARY}\nnotes:\n  - {{provision: 第四条, note: 甲}}\n", encoding="utf-16")
    assert [(f.code, f.line, f.column, f.message, f.source) for f in run([notes])] == [
        ("C401", 1, 1, "not UTF-8 text (byte 0, line 1) (save the file as UTF-8)", "")]


def it_reports_annotations_larger_than_a_yaml_file_may_be_without_reading_them_for_context(tmp_path: Path) -> None:
    notes = tmp_path / "x.annotations.yaml"
    notes.write_text(f"regulation: {PRIMARY}\n" + "#\n" * 600_000, encoding="utf-8")
    assert [(f.code, f.line, f.column, f.message, f.source) for f in run([notes])] == [
        ("C401", 1, 1, "file is larger than 1 MiB, the limit for a YAML file (is this the right file?)", "")]
