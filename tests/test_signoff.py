"""The end of a 公文 (GB/T 9704-2012 7.3.4–7.5): 附件说明, 落款 with and without a seal, 附注, the
版记 and the page number — as DOCX structure, as decide's rules, and measured on LibreOffice's PDF
(millimetres from the page's top left; the text block is 28–184 mm across, 37–262 mm down)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import docx.text.paragraph
import pytest
from lxml import etree

from regtext.decide import decide, load_case
from regtext.errors import InputError
from regtext.publish.docx import Block, write_docx
from regtext.publish.docx.signoff import SEAL_SPACE, read_png
from regtext.render import attachment_lines, read_seal, render_case
from tests.conftest import ROOT
from tests.support.seal import seal_png

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
MM = 25.4 / 72                     # millimetres a point
CHAR_MM = 315 / 20 * MM            # one condensed 3号 character: 5.56 mm
ZI_MM = 16 * MM                    # one 字 of indent (320 twips): 5.64 mm
LINE_MM = 579 / 20 * MM            # one grid line: 10.21 mm
LEFT, RIGHT, BOTTOM = 28.0, 184.0, 262.0
TOLERANCE = 0.5

EXTRA = """attachments: [某某县应急管理局重大事故隐患整改情况复查报告, 县纪委常委会会议纪要（摘要）]
annotation: 此件发至县级各部门
printer: 某某县纪委监委办公室
printed: 2024-06-04
"""


def full_case(tmp_path: Path, extra: str = EXTRA) -> Path:
    """yingji_ju_jiancha with 附件说明, 附注 and 印发 line."""
    text = (ROOT / "examples" / "yingji_ju_jiancha.yaml").read_text(encoding="utf-8")
    path = tmp_path / "full.yaml"
    path.write_text(text.replace("cc: [", extra + "cc: [", 1), encoding="utf-8")
    return path


def body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def problems(tmp_path: Path, extra: str) -> list[tuple[str, str, str]]:
    decision = decide(load_case(full_case(tmp_path, extra)))
    return [(p.code, p.path, p.message) for p in decision.problems if p.code.startswith("D12")]


# -- the case and decide's rules ------------------------------------------------------------------


def it_numbers_several_attachments_and_not_a_single_one() -> None:
    assert attachment_lines(["甲"]) == ["附件：甲"]
    assert attachment_lines(["甲", "乙", "丙"]) == ["附件：1.甲", "2.乙", "3.丙"]


def it_accepts_the_full_end_of_a_document(tmp_path: Path) -> None:
    assert problems(tmp_path, EXTRA) == []


def it_refuses_an_attachment_name_ending_in_punctuation(tmp_path: Path) -> None:
    assert problems(tmp_path, "attachments: [复查报告。]\n") == [
        ("D121", "attachments[0]", "附件名称 '复查报告。' ends with '。': 附件名称后不加标点符号 — write '复查报告' "
         "(GB/T 9704-2012 7.3.4)")]


def it_refuses_an_attachment_name_with_its_own_number(tmp_path: Path) -> None:
    [(code, path, message)] = problems(tmp_path, "attachments: [甲, 2.乙]\n")
    assert (code, path) == ("D121", "attachments[1]") and "carries its own '2.'" in message


def it_refuses_an_annotation_written_with_its_brackets(tmp_path: Path) -> None:
    assert problems(tmp_path, "annotation: （此件公开发布）\n") == [
        ("D122", "annotation", "附注 '（此件公开发布）' is written with its brackets: write '此件公开发布', regtext "
         "prints it in （） (GB/T 9704-2012 7.3.6)")]
    assert problems(tmp_path, "annotation: 此件发至县级（含）以上\n") == []    # brackets inside are text


@pytest.mark.parametrize(("printed", "message"), [
    ("'2024-02-30'", "印发日期 '2024-02-30': not a date (day is out of range for month): write a date that exists"),
    ("2024年06月04日", "印发日期 '2024年06月04日': leading zeros: write 2024年6月4日"),
    ("2024/6/4", "印发日期 '2024/6/4': write YYYY-MM-DD or 2024年5月21日"),
])
def it_refuses_an_printed_date_that_is_not_one(tmp_path: Path, printed: str, message: str) -> None:
    assert problems(tmp_path, f"printed: {printed}\n") == [("D123", "printed", message + " (GB/T 9704-2012 7.4.2)")]


def it_refuses_a_printed_date_before_the_signing(tmp_path: Path) -> None:
    [(code, _, message)] = problems(tmp_path, "printed: 2024-06-02\n")
    assert code == "D123" and "is before the 成文日期 (date: 2024-06-03)" in message


def it_refuses_a_seal_that_is_not_a_png(tmp_path: Path) -> None:
    jpeg = tmp_path / "seal.png"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + bytes(20))
    with pytest.raises(InputError) as caught:
        read_seal(jpeg)
    assert caught.value.message == "the seal is a JPEG image, not a PNG image"
    with pytest.raises(ValueError, match="not a PNG image"):
        write_docx([Block("signature", "某某"), Block("date", "2024年5月20日")], seal=b"GIF89a")


# -- DOCX structure -------------------------------------------------------------------------------


def it_reads_the_printed_size_of_a_seal_from_its_png() -> None:
    png = read_png(seal_png())
    assert (png.width_px, png.height_px, png.per_metre) == (496, 496, 11811)
    assert png.size_emu() == (1511811, 1511811)           # 42.0 mm at 300 dpi


def it_draws_the_seal_as_a_floating_picture_over_the_signature(tmp_path: Path) -> None:
    seal = seal_png()
    data = render_case(full_case(tmp_path), seal=seal).to("docx")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.read("word/media/seal.png") == seal
        assert 'Target="media/seal.png"' in zf.read("word/_rels/document.xml.rels").decode()
        assert '<Default Extension="png" ContentType="image/png"/>' in zf.read("[Content_Types].xml").decode()
    root = body(data)
    [anchor] = root.iter(f"{{{NS['wp']}}}anchor")
    paragraph = next(p for p in root.iter(f"{{{W}}}p") if anchor in p.iter(anchor.tag))
    assert paragraph.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "GwSignature"
    assert anchor.find("wp:extent", NS).attrib == {"cx": "1511811", "cy": "1511811"}
    assert anchor.find("wp:positionV", NS).get("relativeFrom") == "paragraph"
    assert data == render_case(full_case(tmp_path), seal=seal).to("docx")    # the same bytes again


def it_reserves_room_for_a_seal_without_drawing_one(tmp_path: Path) -> None:
    data = render_case(full_case(tmp_path), seal=SEAL_SPACE).to("docx")
    assert b"media/seal.png" not in data and not list(body(data).iter(f"{{{NS['wp']}}}anchor"))
    doc = docx.Document(io.BytesIO(data))
    signature = next(p for p in doc.paragraphs if p.style.name == "Gw Signature")
    assert signature.paragraph_format.space_before.twips == 2 * 579


def it_indents_attachments_so_long_names_wrap_under_their_first_character(tmp_path: Path) -> None:
    doc = docx.Document(io.BytesIO(render_case(full_case(tmp_path)).to("docx")))
    first, second = [p for p in doc.paragraphs if p.style.name == "Gw Attachment"]
    assert (first.text, second.text) == ("附件：1.某某县应急管理局重大事故隐患整改情况复查报告", "2.县纪委常委会会议纪要（摘要）")
    # 左空二字 (640), then 附件：(3 × 315) and 1. (2 × 155) hang
    assert (first.paragraph_format.left_indent.twips, first.paragraph_format.first_line_indent.twips) == (1895, -1255)
    assert (second.paragraph_format.left_indent.twips, second.paragraph_format.first_line_indent.twips) == (1895, -310)
    assert first.paragraph_format.space_before.twips == 579      # 正文下空一行
    [annotation] = [p for p in doc.paragraphs if p.style.name == "Gw Annotation"]
    assert annotation.text == "（此件发至县级各部门）"


# -- measured on LibreOffice's PDF ----------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    office = pytest.importorskip("tests.support.office", reason="tests/support/office.py not available")
    office.require_libreoffice()
    tmp = tmp_path_factory.mktemp("signoff")
    case = full_case(tmp)
    out = {}
    for name, data in (("seal", render_case(case, seal=seal_png()).to("docx")),
                       ("plain", render_case(case).to("docx")),
                       ("yingji", render_case(ROOT / "examples" / "yingji_ju_jiancha.yaml").to("docx"))):
        (tmp / f"{name}.docx").write_bytes(data)
        out[name] = office.docx_to_pdf(tmp / f"{name}.docx", tmp)
        out[name + ".docx"] = tmp / f"{name}.docx"
    return out


def words_mm(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's words: (text, left, top, right, bottom) in mm."""
    from tests.support.office import pdf_words

    return [[(w.text, w.x_min * MM, w.y_min * MM, w.x_max * MM, w.y_max * MM) for w in page]
            for page in pdf_words(pdf)]


def line_of(words: list[tuple[str, float, float, float, float]], first: str) -> tuple[float, float, float, float]:
    """The box of the line that starts with the word ``first`` (words sharing its top)."""
    start = next(w for w in words if w[0] == first)
    same = [w for w in words if abs(w[2] - start[2]) < 0.1 and w[1] >= start[1] - 0.1]
    return start[1], start[2], max(w[3] for w in same), max(w[4] for w in same)


@pytest.mark.libreoffice
def it_sets_the_signature_right_two_characters_and_the_date_two_characters_further(pdfs: dict[str, Path]) -> None:
    page = words_mm(pdfs["plain"])[-1]
    sig = line_of(page, "某某县纪委监委")
    date = line_of(page, "2024")
    assert abs(sig[2] - (RIGHT - 2 * ZI_MM)) <= TOLERANCE, sig               # 右空二字
    assert abs(date[0] - (sig[0] + 2 * ZI_MM)) <= TOLERANCE, (sig, date)       # 首字右移二字
    assert abs(date[1] - sig[1] - LINE_MM) <= TOLERANCE                         # on the next line
    above = line_of(page, "2.县纪委常委会会议纪要（摘要）")
    assert abs(sig[1] - above[1] - 2 * LINE_MM) <= TOLERANCE                    # 下空一行


@pytest.mark.libreoffice
def it_centres_the_signature_and_the_seal_over_the_date(pdfs: dict[str, Path]) -> None:
    from tests.support.office import ink_box, pdf_raster

    page = words_mm(pdfs["seal"])[-1]
    sig = line_of(page, "某某县纪委监委")
    date = line_of(page, "2024")
    above = line_of(page, "2.县纪委常委会会议纪要（摘要）")
    centre = (date[0] + date[2]) / 2
    assert abs((sig[0] + sig[2]) / 2 - centre) <= TOLERANCE, (sig, date)
    raster = pdf_raster(pdfs["seal"], len(words_mm(pdfs["seal"])), 150)
    seal = ink_box(raster, (100, 184), (60, 160), lambda c: c[0] > 150 and c[1] < 100 and c[2] < 100)
    assert seal is not None
    left, top, right, bottom = seal
    assert abs(right - left - 42) <= TOLERANCE and abs(bottom - top - 42) <= TOLERANCE, seal
    assert abs((left + right) / 2 - centre) <= TOLERANCE, (seal, centre)
    # its top within one line of the text above; the 署名 and date a little below its centre
    assert above[3] < top < above[3] + LINE_MM, (above, seal)
    assert (top + bottom) / 2 < (sig[1] + date[3]) / 2 < bottom


@pytest.mark.libreoffice
def it_rules_the_imprint_across_the_text_block_with_the_last_rule_on_its_bottom(pdfs: dict[str, Path]) -> None:
    from tests.support.office import dark_rows, ink_box, pdf_raster

    pages = words_mm(pdfs["seal"])
    raster = pdf_raster(pdfs["seal"], len(pages), 600)
    rules = dark_rows(raster, (LEFT + 0.5, RIGHT - 0.5), (200, 280))
    assert len(rules) == 3, rules
    (top1, thick1), (_, thin), (top3, thick3) = rules
    assert abs(top3 + thick3 - BOTTOM) <= TOLERANCE, rules                  # the 版心's bottom edge
    assert abs(thick1 - 0.35) < 0.06 and abs(thick3 - 0.35) < 0.06 and abs(thin - 0.25) < 0.06, rules
    edges = ink_box(raster, (20, 192), (top3, top3 + thick3), lambda c: sum(c) < 300)
    assert edges is not None and abs(edges[0] - LEFT) <= TOLERANCE and abs(edges[2] - RIGHT) <= TOLERANCE
    page = pages[-1]
    cc = line_of(page, "抄送：某某县委组织部，某某县人民政府办公室。")
    printer = line_of(page, "某某县纪委监委办公室")
    printed = next(w for w in page if w[0] == "日印发")
    assert abs(cc[0] - (LEFT + 14 * MM)) <= TOLERANCE and abs(printer[0] - (LEFT + 14 * MM)) <= TOLERANCE
    assert abs(printed[3] - (RIGHT - 14 * MM)) <= TOLERANCE                   # 右空一字
    assert top1 < cc[1] < cc[3] < rules[1][0] < printer[1] < printer[3] < top3


@pytest.mark.libreoffice
def it_prints_the_page_number_dash_7_mm_below_the_text_block(pdfs: dict[str, Path]) -> None:
    from tests.support.office import ink_box, pdf_raster

    raster = pdf_raster(pdfs["plain"], 2, 600)     # page 2: the number on the left, 空一字
    dash = ink_box(raster, (LEFT, LEFT + 14 * MM + 5), (BOTTOM + 2, BOTTOM + 12), lambda c: sum(c) < 300)
    assert dash is not None
    assert abs((dash[1] + dash[3]) / 2 - (BOTTOM + 7)) <= TOLERANCE, dash
    assert abs(dash[0] - (LEFT + 14 * MM)) <= TOLERANCE, dash


@pytest.mark.libreoffice
def it_keeps_the_signature_with_its_date_and_the_body_on_one_page(pdfs: dict[str, Path]) -> None:
    """yingji_ju_jiancha once ended page 1 with the 署名 and put the date on page 2 with the 版记."""
    pages = ["".join(w[0] for w in page) for page in words_mm(pdfs["yingji"])]
    [page] = [page for page in pages if "某某县纪委监委2024年6月3日" in page]      # 署名 and date together
    assert "申诉期间，不停止本决定的执行。某某县纪委监委2024年6月3日" in page             # with the body's last line


@pytest.mark.libreoffice
def it_loses_no_character_of_the_end_of_the_document(pdfs: dict[str, Path]) -> None:
    from tests.support.office import pdf_text_layout

    for name in ("seal", "plain"):
        doc = docx.Document(str(pdfs[name + ".docx"]))
        want = "".join(p.text for p in (docx.text.paragraph.Paragraph(e, doc) for e in doc.element.body.iter(f"{{{W}}}p")))
        lines = [line for page in pdf_text_layout(pdfs[name]) for line in page
                 if not re.fullmatch(r"—\s*\d+\s*—", line.strip())]
        assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", want), name


def it_prints_the_printer_line_in_html_and_markdown_too(tmp_path: Path) -> None:
    rendered = render_case(full_case(tmp_path))
    assert '<p class="cc">某某县纪委监委办公室　2024年6月4日印发</p>' in rendered.to("html").decode()
    assert rendered.to("md").decode().endswith("抄送：某某县委组织部，某某县人民政府办公室。\n\n某某县纪委监委办公室　2024年6月4日印发\n")
    assert '<p class="annotation">（此件发至县级各部门）</p>' in rendered.to("html").decode()


def it_moves_a_short_signature_left_when_the_date_is_longer() -> None:
    """7.3.5.2: 如成文日期长于发文机关署名, 成文日期右空二字, 署名 two characters left of it."""
    doc = docx.Document(io.BytesIO(write_docx([Block("body", "正文。"), Block("signature", "某某局"),
                                               Block("date", "2024年12月31日")])))
    sig, date = doc.paragraphs[1:3]
    date_width = 8 * 155 + 3 * 315                  # 2024 12 31 half-width, 年月日 full-width
    assert date.paragraph_format.left_indent.twips == 8845 - 640 - date_width
    assert sig.paragraph_format.left_indent.twips == 8845 - 640 - date_width - 640
    long_sig = docx.Document(io.BytesIO(write_docx([Block("signature", "中共某某县纪律检查委员会"),
                                                    Block("date", "2024年5月20日")])))
    sig, date = long_sig.paragraphs[:2]
    assert sig.paragraph_format.left_indent.twips == 8845 - 640 - 12 * 315     # 右空二字
    assert date.paragraph_format.left_indent.twips == 8845 - 12 * 315          # 首字右移二字
