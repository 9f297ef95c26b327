"""Double-sided printing (publish/duplex.py, ``render --double-sided``): the 版记 on the last,
even page (GB/T 9704 7.4), no number on a blank page before it nor on its page (7.5).

Four decisions made from zhang_jiemian by adding sentences to its facts, so the body ends where
each case needs it (found by rendering: 0, 14, 20 and 30 sentences):

* 0  — the body ends on page 2, the 版记 fits under it: unchanged, 2 numbered pages;
* 20 — the body ends on page 3 and the 版记 fits under it: it moves to page 4, alone, numbered;
* 14 — the body fills page 2 and the 版记 does not fit: page 3 blank and page 4 the 版记, neither
  numbered;
* 30 — the body ends on page 3, the 版记 alone on page 4 already: unchanged, numbered.

Measured on the PDF the option gives (pdftotext per page): the page numbers printed, what each
page holds, and the 版记 at the same height as in a single-sided document."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from regtext.cli import main
from regtext.publish.duplex import plan
from regtext.render import lay_out_double_sided, render_case
from tests.conftest import ROOT

SOURCE = ROOT / "examples" / "zhang_jiemian.yaml"
SENTENCE = "经查，该企业在事故发生前已多次被群众举报存在安全隐患，张某某同志未组织核查。"
PAGE_NUMBER = re.compile(r"^—\s*(\d+)\s*—$")
CC = "抄送：某某县委组织部，某某县应急管理局。"
MM = 72 / 25.4

#: sentences added → (where the 版记 goes, the page numbers printed on each page)
CASES: dict[int, tuple[str, list[int | None]]] = {
    0: ("foot", [1, 2]),
    20: ("next", [1, 2, 3, 4]),
    14: ("after_blank", [1, 2, None, None]),
    30: ("foot", [1, 2, 3, 4]),
}


def _case(folder: Path, sentences: int) -> Path:
    text = SOURCE.read_text(encoding="utf-8")
    anchor = "直接经济损失约60万元。"
    assert anchor in text
    path = folder / f"longer{sentences:02d}.yaml"
    path.write_text(text.replace(anchor, anchor + SENTENCE * sentences), encoding="utf-8")
    return path


def _office() -> ModuleType:
    office: ModuleType = pytest.importorskip("tests.support.office", reason="tests/support/office.py not available")
    office.require_libreoffice()
    return office


def _numbers(page: list[str]) -> list[int]:
    return [int(m.group(1)) for line in page if (m := PAGE_NUMBER.match(line.strip()))]


def _text(page: list[str]) -> str:
    return re.sub(r"\s", "", "".join(line for line in page if not PAGE_NUMBER.match(line.strip())))


def it_plans_the_three_cases_from_the_page_counts() -> None:
    assert plan(2, 2, True) == ("foot", 2)
    assert plan(2, 1, True) == ("foot", 2)
    assert plan(3, 3, True) == ("next", 4)
    assert plan(3, 2, True) == ("after_blank", 4)
    assert plan(3, 3, False) == ("foot", 3)    # no 版记: nothing to put on an even page


@pytest.mark.libreoffice
def it_puts_the_imprint_on_the_last_even_page_and_numbers_only_what_7_5_numbers(tmp_path: Path) -> None:
    office = _office()
    paths = {n: _case(tmp_path, n) for n in CASES}
    documents = [render_case(paths[n], double_sided=True) for n in CASES]
    laid = lay_out_double_sided(documents)
    heights = []
    for (n, (place, numbers)), document, sided in zip(CASES.items(), documents, laid, strict=True):
        assert (sided.place, sided.pages) == (place, len(numbers)), n
        pdf = tmp_path / f"{n}.pdf"
        pdf.write_bytes(sided.pdf)
        pages = office.pdf_text_layout(pdf)
        assert len(pages) == len(numbers), n
        assert [next(iter(_numbers(page)), None) for page in pages] == numbers, n
        assert [len(_numbers(page)) for page in pages] == [int(k is not None) for k in numbers], n
        # every character of the document, in order, once (whitespace aside)
        assert "".join(_text(page) for page in pages) == re.sub(r"\s", "", "".join(
            p.text for p in document.paragraphs)), n
        if place != "foot" or n == 30:       # the 版记 alone on the last page
            assert _text(pages[-1]) == CC, n
            assert "2024年5月20日" in _text(pages[-2] if place != "after_blank" else pages[-3]), n
        if place == "after_blank":
            assert _text(pages[-2]) == "", n
        (cc,) = [w for w in office.pdf_words(pdf)[-1] if w.text.startswith("抄送")]
        heights.append(cc.y_min)
    # the 版记 sits at the foot of the 版心 wherever it went: as in the single-sided documents
    assert max(heights) - min(heights) < 0.5 * MM


@pytest.mark.libreoffice
def it_leaves_a_document_whose_imprint_is_on_an_even_page_byte_for_byte(tmp_path: Path) -> None:
    _office()
    case = _case(tmp_path, 0)
    single = render_case(case).to("docx")
    assert render_case(case, double_sided=True).to("docx") == single


def it_writes_the_same_docx_without_the_option_as_before() -> None:
    """Single-sided output does not change: the default is the 版记 at the foot, as it was."""
    rendered = render_case(SOURCE)
    assert rendered.to("docx") == rendered.docx("foot")
    assert b"footer3" not in rendered.to("docx")


@pytest.mark.libreoffice
def it_renders_a_folder_double_sided_through_the_cli(tmp_path: Path) -> None:
    office = _office()
    folder = tmp_path / "cases"
    folder.mkdir()
    _case(folder, 14)
    _case(folder, 20)
    out = tmp_path / "out"
    assert main(["render", str(folder), "--double-sided", "--to", "pdf", "-o", str(out)]) == 0
    blank = office.pdf_text_layout(out / "longer14.pdf")
    assert [_numbers(page) for page in blank] == [[1], [2], [], []]
    moved = office.pdf_text_layout(out / "longer20.pdf")
    assert [_numbers(page) for page in moved] == [[1], [2], [3], [4]]
    assert _text(moved[-1]) == CC
