"""The end of a 公文 (GB/T 9704-2012 7.3.4–7.5): 附件说明, 落款 with and without a seal, 附注, the
版记 and the page number — as DOCX structure, as decide's rules, and measured on LibreOffice's PDF
(millimetres from the page's top left; the text block is 28–184 mm across, 37–262 mm down)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import docx.text.paragraph
import pytest
from lxml import etree

from regtext.decide import decide, load_case
from regtext.errors import InputError, NotFound
from regtext.publish.docx import Block, write_docx
from regtext.publish.docx.signoff import SEAL_SPACE, Png, Signoff, read_png
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
DATE = "2024年6月3日"                # the 成文日期 of yingji_ju_jiancha: one word, no gap in it

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


#: 25 attachments, more than a page: kept together, the 附件说明 ended one page and left the 落款
#: alone on the next (attack13's 15 did so after a longer body)
MANY = "attachments: [" + ", ".join(f"附件名称{i}" for i in range(25)) + "]\nprinter: 某某县纪委监委办公室\nprinted: 2024-06-04\n"
#: a 纪检监察组 of 37 characters, whose 署名 ran off the page on one line
LONG_ORGAN = "某某省某某市某某县纪律检查委员会某某县监察委员会驻某某县应急管理局纪检监察组"


def long_case(tmp_path: Path) -> Path:
    path = tmp_path / "long.yaml"
    path.write_text(full_case(tmp_path).read_text(encoding="utf-8").replace("issuer: 某某县纪委监委", f"issuer: {LONG_ORGAN}"),
                    encoding="utf-8")
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
        ("D121", "attachments[0]", "附件名称 '复查报告。' ends with '。': 附件名称后不加标点符号 — write '复查报告'")]


def it_suggests_a_name_the_next_rule_accepts(tmp_path: Path) -> None:
    """The fix a message gives must not be refused in turn: `1.报告。` → `报告`, not `1.报告`."""
    assert problems(tmp_path, "attachments: [1.复查报告。]\n") == [
        ("D121", "attachments[0]", "附件名称 '1.复查报告。' ends with '。': 附件名称后不加标点符号 — write '复查报告'")]


def it_refuses_an_attachment_name_with_its_own_number(tmp_path: Path) -> None:
    [(code, path, message)] = problems(tmp_path, "attachments: [甲, 2.乙]\n")
    assert (code, path) == ("D121", "attachments[1]") and "carries its own '2.'" in message


def it_refuses_an_annotation_written_with_its_brackets(tmp_path: Path) -> None:
    assert problems(tmp_path, "annotation: （此件公开发布）\n") == [
        ("D122", "annotation", "附注 '（此件公开发布）' is written with its brackets: write '此件公开发布', regtext "
         "prints it in （）")]
    assert problems(tmp_path, "annotation: 此件发至县级（含）以上\n") == []    # brackets inside are text


@pytest.mark.parametrize(("printed", "message"), [
    ("'2024-02-30'", "印发日期 '2024-02-30': not a date (day is out of range for month): write a date that exists"),
    ("2024年06月04日", "印发日期 '2024年06月04日': leading zeros: write 2024年6月4日"),
    ("2024/6/4", "印发日期 '2024/6/4': write YYYY-MM-DD or 2024年5月21日"),
])
def it_refuses_an_printed_date_that_is_not_one(tmp_path: Path, printed: str, message: str) -> None:
    assert problems(tmp_path, f"printed: {printed}\n") == [("D123", "printed", message + "")]


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


def _png(width: int, height: int, colour: int, rows: bytes, per_metre: int, *extra: bytes) -> bytes:
    from tests.support.seal import _chunk

    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0))
            + _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)) + b"".join(extra)
            + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b""))


@pytest.mark.parametrize(("png", "message"), [
    (seal_png(42, dpi=30), None),                                   # 50 px, 42.3 mm: accepted
    (seal_png(20, dpi=30), "24 × 24 pixels at 1181 a metre): a seal is 30–60 mm"),
    (seal_png(42, dpi=30)[:-40] + bytes(40), "a damaged PNG image (bad CRC in the IDAT chunk"),
    (seal_png(42, dpi=30)[:-12], "a truncated PNG image (no IEND chunk)"),
    (_png(1, 1, 6, b"\x00\xd0\x10\x10\xff", 1), "1000.0 × 1000.0 mm as printed (1 × 1 pixels at 1 a metre)"),
    (_png(100_000, 100_000, 6, b"\x00" * 5, 11811), "100000 × 100000 pixels: more than 4000 a side"),
    (_png(496, 496, 6, b"\x00" * 5, 11811), "a damaged PNG image (5 bytes of pixel data where its header needs 984560)"),
    (_png(2, 2, 2, bytes(14), 48), "an opaque PNG image (no alpha channel, no transparent colour)"),
], ids=["42mm", "20mm", "bad-crc", "no-iend", "one-metre", "lying-header", "short-data", "opaque"])
def it_checks_a_seal_picture_whole(png: bytes, message: str | None) -> None:
    """A seal that does not decode printed nothing, one of 1 m covered the page, an opaque one hid
    the 署名 (attack13 items 4 and 5)."""
    if message is None:
        assert read_png(png) == Png(50, 50, 1181)                   # 42.3 mm
        return
    with pytest.raises(ValueError) as caught:
        read_png(png)
    assert message in str(caught.value)


def it_accepts_an_opaque_colour_made_transparent_by_trns() -> None:
    from tests.support.seal import _chunk

    png = _png(2, 2, 2, bytes(14), 48, _chunk(b"tRNS", bytes(6)))
    assert read_png(png) == Png(2, 2, 48)                           # 41.7 mm


def it_refuses_a_seal_that_is_not_a_regular_file_or_too_large_before_reading_it(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "fifo.png"
    os.mkfifo(fifo)                     # opening it would wait for a writer for ever
    big = tmp_path / "big.png"
    with big.open("wb") as handle:      # sparse: 2 GB on paper, nothing on disk
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(2 * 1024**3)
    for path, message in ((fifo, "the seal is not a regular file (a directory, a device or a pipe)"),
                          (Path("/dev/zero"), "the seal is not a regular file (a directory, a device or a pipe)"),
                          (tmp_path, "the seal is not a regular file (a directory, a device or a pipe)"),
                          (big, "the seal is 2,147,483,648 bytes, more than the 5 MiB a seal's picture may have")):
        with pytest.raises(InputError) as caught:
            read_seal(path)
        assert caught.value.message == message


def it_draws_the_seal_behind_the_text(tmp_path: Path) -> None:
    """7.3.5.1 presses the seal on the 署名 and the date: the text stays on top, readable."""
    [anchor] = body(render_case(full_case(tmp_path), seal=seal_png()).to("docx")).iter(f"{{{NS['wp']}}}anchor")
    assert anchor.get("behindDoc") == "1"


def it_refuses_an_imprint_line_without_its_date_or_its_organ(tmp_path: Path) -> None:
    """7.4.2 prints the 印发机关 and the 印发日期 on one line: one without the other is half of it."""
    assert problems(tmp_path, EXTRA.replace("printed: 2024-06-04\n", "")) == [
        ("D123", "printer", "印发机关 '某某县纪委监委办公室' without an 印发日期: 7.4.2 prints both on one line — add "
         "printed: YYYY-MM-DD, or leave printer out for an unprinted document")]
    with pytest.raises(NotFound) as caught:
        render_case(full_case(tmp_path, EXTRA.replace("printer: 某某县纪委监委办公室\n", "")))
    assert caught.value.message == ("D123 印发日期 '2024-06-04' without an 印发机关: 7.4.2 prints both on one line "
                                    "(GB/T 9704-2012 7.4.2)")
    assert caught.value.exit_code == 1


def it_warns_of_a_printed_date_more_than_a_year_after_the_signing(tmp_path: Path) -> None:
    decision = decide(load_case(full_case(tmp_path, EXTRA.replace("printed: 2024-06-04", "printed: 2099-01-01"))))
    [problem] = [p for p in decision.problems if p.code == "D123"]
    assert (problem.severity, problem.message) == ("warning", "印发日期 '2099-01-01' is 27240 days after the 成文日期 "
                                                   "(date: 2024-06-03): more than 365 — check the year")
    assert problems(tmp_path, EXTRA.replace("printed: 2024-06-04", "printed: 2025-06-03")) == []


def it_breaks_a_long_signature_into_lines_that_stay_in_their_place() -> None:
    """A 37-character 署名 ran off the page on one line (attack13 item 1)."""
    long = "某某省某某市某某县纪律检查委员会某某县监察委员会驻某某县应急管理局纪检监察组"
    plain = Signoff((long,), "2024年8月15日", None)
    assert plain.lines(long) == ["某某省某某市某某县纪律检查委员会某某县", "监察委员会驻某某县应急管理局纪检监察组"]
    sealed = Signoff((long,), "2024年8月15日", SEAL_SPACE)
    assert sealed.lines(long) == ["某某省某某市某某县纪", "律检查委员会某某县监", "察委员会驻某某县应急", "管理局纪检监察组"]
    assert "".join(sealed.lines(long)) == long and sealed.lines("某某县纪委监委") == ["某某县纪委监委"]
    doc = docx.Document(io.BytesIO(write_docx([Block("body", "正文。"), Block("signature", long),
                                               Block("date", "2024年8月15日")])))
    sig, date = doc.paragraphs[1:3]
    assert sig.text == "某某省某某市某某县纪律检查委员会某某县\n监察委员会驻某某县应急管理局纪检监察组"
    assert sig.paragraph_format.left_indent.twips == 8845 - 640 - 19 * 315        # 右空二字, inside the 版心
    assert date.paragraph_format.left_indent.twips == 8845 - 19 * 315


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
                       ("yingji", render_case(ROOT / "examples" / "yingji_ju_jiancha.yaml").to("docx")),
                       ("many", render_case(full_case(tmp, MANY), seal=seal_png()).to("docx")),
                       *((f"long-{kind}", render_case(long_case(tmp), seal=seal).to("docx"))
                         for kind, seal in (("seal", seal_png()), ("plain", None), ("space", SEAL_SPACE)))):
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
    date = line_of(page, DATE)
    assert abs(sig[2] - (RIGHT - 2 * ZI_MM)) <= TOLERANCE, sig               # 右空二字
    assert abs(date[0] - (sig[0] + 2 * ZI_MM)) <= TOLERANCE, (sig, date)       # 首字右移二字
    assert abs(date[1] - sig[1] - LINE_MM) <= TOLERANCE                         # on the next line
    above = line_of(page, "2.县纪委常委会会议纪要（摘要）")
    assert abs(sig[1] - above[1] - 2 * LINE_MM) <= TOLERANCE                    # 下空一行


@pytest.mark.libreoffice
def it_ends_the_sealed_date_four_characters_from_the_right_edge(pdfs: dict[str, Path]) -> None:
    """7.3.5.1 右空四字, with the date exactly as wide as signoff.py computes it: LibreOffice put 3.2 pt
    between each digit and Chinese character (parts.between_scripts), and the date ended 3.1 mm right."""
    page = words_mm(pdfs["seal"])[-1]
    first = next(w[0] for w in page if w[0].startswith("2024"))
    date = line_of(page, first)
    assert abs(date[2] - (RIGHT - 4 * ZI_MM)) <= TOLERANCE, date      # was 3.1 mm right of it
    assert first == DATE                                                # one word: no gap inside it


@pytest.mark.libreoffice
def it_centres_the_signature_and_the_seal_over_the_date(pdfs: dict[str, Path]) -> None:
    from tests.support.office import ink_box, pdf_raster

    page = words_mm(pdfs["seal"])[-1]
    sig = line_of(page, "某某县纪委监委")
    date = line_of(page, DATE)
    above = line_of(page, "2.县纪委常委会会议纪要（摘要）")
    centre = (date[0] + date[2]) / 2
    assert abs((sig[0] + sig[2]) / 2 - centre) <= TOLERANCE, (sig, date)
    raster = pdf_raster(pdfs["seal"], len(words_mm(pdfs["seal"])), 150)
    seal = ink_box(raster, (100, 184), (30, 200), lambda c: c[0] > 150 and c[1] < 100 and c[2] < 100)
    assert seal is not None
    left, top, right, bottom = seal
    assert abs(right - left - 42) <= TOLERANCE and abs(bottom - top - 42) <= TOLERANCE, seal
    assert abs((left + right) / 2 - centre) <= TOLERANCE, (seal, centre)
    # its top within one line of the text above; the 署名 and date below its centre (居印章中心偏下)
    assert above[3] - TOLERANCE < top < above[3] + LINE_MM, (above, seal)
    assert (top + bottom) / 2 - TOLERANCE < sig[1] and date[3] < bottom, (seal, sig, date)


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
    printed = next(w for w in page if w[0] == "2024年6月4日印发")
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
@pytest.mark.parametrize("kind", ["seal", "plain", "space"])
def it_keeps_a_long_signature_inside_the_text_block(pdfs: dict[str, Path], kind: str) -> None:
    """attack13 item 1: every character of the 署名 and the date printed, inside the 版心, in lines
    centred on the date (with a seal) or 右空二字 (without)."""
    pdf = pdfs[f"long-{kind}"]
    page = words_mm(pdf)[-1]
    text = "".join(w[0] for w in page)
    assert "某某省某某市某某县纪律检查委员会某某县监察委员会驻某某县应急管理局纪检监察组2024年6月3日" in text
    for word in (w for p in words_mm(pdf) for w in p if not re.fullmatch(r"—|\d+", w[0])):
        assert word[1] >= LEFT - TOLERANCE and word[3] <= RIGHT + TOLERANCE, word
    date = line_of(page, DATE)
    lines = [line_of(page, w[0]) for w in page if w[0] in ("某某省某某市某某县纪", "某某省某某市某某县纪律检查委员会某某县")]
    assert lines, text
    if kind == "plain":
        assert abs(lines[0][2] - (RIGHT - 2 * ZI_MM)) <= TOLERANCE, lines                 # 右空二字
    else:
        assert abs((lines[0][0] + lines[0][2]) / 2 - (date[0] + date[2]) / 2) <= TOLERANCE, (lines, date)


@pytest.mark.libreoffice
def it_never_leaves_the_signature_alone_on_a_page_after_a_long_attachment_list(pdfs: dict[str, Path]) -> None:
    """attack13 item 13: 15 attachments kept together with the 落款 pushed it alone onto page 4;
    now the list breaks and its last line goes with the 署名 (7.3.5.5)."""
    pages = ["".join(w[0] for w in page) for page in words_mm(pdfs["many"])]
    [page] = [page for page in pages if "某某县纪委监委2024年6月3日" in page]
    assert page.startswith("25.附件名称24某某县纪委监委2024年6月3日"), pages


@pytest.mark.libreoffice
def it_loses_no_character_of_the_end_of_the_document(pdfs: dict[str, Path]) -> None:
    from tests.support.office import pdf_text_layout

    for name in ("seal", "plain", "many", "long-seal", "long-plain", "long-space"):
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
