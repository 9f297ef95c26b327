"""DOCX per GB/T 9704-2012: the page, the grid, the fonts and the roles as python-docx reads them;
the same bytes for the same blocks; hostile text escaped; and, rendered by LibreOffice, 22 lines
of 28 characters a page."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import docx.text.paragraph
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt
from lxml import etree

from regtext.publish.docx import Block, write_docx
from tests.conftest import PRIMARY, ROOT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")

DECISION = [
    Block("title", "关于对张某某同志进行诫勉的决定"),
    Block("number", "某纪问〔2024〕12号"),
    Block("addressee", "某某县应急管理局："),
    Block("heading1", "一、基本情况"),
    Block("body", "张某某，男，1975年3月生，中共党员，时任某某县应急管理局党组成员、副局长。"),
    Block("heading2", "（一）事实"),
    Block("body", "经查，张某某同志在担任副局长期间，对分管领域安全生产监督检查不认真、不细致。"),
    Block("heading3", "1. 监督检查"),
    Block("body", "上述行为属于《安全生产责任追究办法（试行）》第四条第（三）项规定的“监管落实不力”情形。"),
    Block("cc", "抄送：县委组织部，县应急管理局。"),
    Block("signature", "中共某某县纪律检查委员会"),
    Block("date", "2024年5月20日"),
]


def opened(blocks: list[Block] = DECISION, **kw: Any) -> docx.document.Document:
    return docx.Document(io.BytesIO(write_docx(blocks, **kw)))


def every_paragraph(doc: docx.document.Document) -> list[docx.text.paragraph.Paragraph]:
    """All paragraphs in reading order, those of the 版记's table too (python-docx's
    ``doc.paragraphs`` skips tables)."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, doc) for p in doc.element.body.iter(w("p"))]


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def by_style(doc: docx.document.Document, name: str) -> list[Any]:
    return [p for p in doc.paragraphs if p.style.name == name]


# --- the page --------------------------------------------------------------------------------

def it_lays_out_an_a4_page_with_the_standards_margins() -> None:
    section = opened().sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(m.twips for m in margins) == (2098, 1984, 1587, 1474)


def it_sets_a_line_grid_of_579_twips() -> None:
    grid = opened().sections[0]._sectPr.find(w("docGrid"))
    assert (grid.get(w("type")), grid.get(w("linePitch"))) == ("lines", "579")


def it_names_every_font_in_all_four_slots_in_the_defaults_and_every_style() -> None:
    doc = opened()
    defaults = doc.styles.element.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert all(defaults.get(w(slot)) == "仿宋_GB2312" for slot in FONT_SLOTS)
    fonts = {}
    for style in doc.styles:
        rfonts = style.element.find("w:rPr/w:rFonts", NS)
        if style.type == 1:   # paragraph styles
            assert rfonts is not None, style.name
            assert len({rfonts.get(w(slot)) for slot in FONT_SLOTS}) == 1, style.name
            fonts[style.name] = rfonts.get(w("eastAsia"))
    assert fonts == {
        "Normal": "仿宋_GB2312", "Gw Title": "方正小标宋简体", "Gw Number": "仿宋_GB2312",
        "Gw Addressee": "仿宋_GB2312", "Gw Body": "仿宋_GB2312", "Gw Heading 1": "黑体",
        "Gw Heading 2": "楷体_GB2312", "Gw Heading 3": "仿宋_GB2312", "Gw Signature": "仿宋_GB2312",
        "Gw Date": "仿宋_GB2312", "Gw Cc": "仿宋_GB2312", "Gw Page Number": "宋体", "Gw Note": "楷体_GB2312",
        "Gw Attachment": "仿宋_GB2312", "Gw Annotation": "仿宋_GB2312",
    }


def it_writes_chinese_as_the_language_and_condenses_characters_by_a_quarter_point() -> None:
    data = write_docx(DECISION)
    rpr = part(data, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert rpr.find("w:lang", NS).get(w("eastAsia")) == "zh-CN"
    assert rpr.find("w:spacing", NS).get(w("val")) == "-5"
    assert rpr.find("w:sz", NS).get(w("val")) == "32"
    settings = part(data, "word/settings.xml")
    assert settings.find("w:themeFontLang", NS).get(w("eastAsia")) == "zh-CN"


# --- the roles -------------------------------------------------------------------------------

def it_sets_the_body_in_16_pt_on_exact_579_twip_lines_indented_two_characters() -> None:
    doc = opened()
    body = by_style(doc, "Gw Body")
    assert len(body) == 3
    fmt = doc.styles["Gw Body"].paragraph_format
    assert doc.styles["Gw Body"].font.size == Pt(16)
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing.twips == 579
    assert fmt.first_line_indent == Pt(32)
    assert doc.styles["Gw Body"].element.find("w:pPr/w:jc", NS).get(w("val")) == "both"


def it_centres_the_title_in_22_pt_and_the_number_below_it() -> None:
    doc = opened()
    [title] = by_style(doc, "Gw Title")
    assert title.text == "关于对张某某同志进行诫勉的决定"
    style = doc.styles["Gw Title"]
    assert style.font.size == Pt(22)
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert doc.styles["Gw Number"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert doc.paragraphs[1].text == "某纪问〔2024〕12号"


def it_leaves_one_blank_line_between_the_title_block_and_the_addressee() -> None:
    doc = opened()
    addressee = doc.paragraphs[2]
    assert addressee.style.name == "Gw Addressee"
    assert addressee.paragraph_format.space_before.twips == 579
    assert doc.styles["Gw Addressee"].paragraph_format.first_line_indent in (None, 0)
    rest = [p for p in doc.paragraphs[3:] if p.style.name != "Gw Signature"]   # 正文下空一行 before the 落款
    assert [p.paragraph_format.space_before for p in rest] == [None] * len(rest)


def it_indents_the_headings_like_the_body_in_their_own_fonts() -> None:
    doc = opened()
    for name in ("Gw Heading 1", "Gw Heading 2", "Gw Heading 3"):
        style = doc.styles[name]
        assert style.paragraph_format.first_line_indent == Pt(32)
        assert style.font.bold is None   # no bold: 黑体 is bold enough, 仿宋 stays plain
    assert [p.text for p in doc.paragraphs if p.style.name.startswith("Gw Heading")] == [
        "一、基本情况", "（一）事实", "1. 监督检查"]


def it_right_aligns_the_signature_and_the_date_four_characters_in() -> None:
    doc = opened()
    for name in ("Gw Signature", "Gw Date"):
        fmt = doc.styles[name].paragraph_format
        assert fmt.alignment == WD_ALIGN_PARAGRAPH.RIGHT and fmt.right_indent == Pt(64)
    assert doc.styles["Gw Signature"].paragraph_format.space_before.twips == 579
    # the paragraph before the signature keeps with it: no page holding only the 落款
    paras = doc.paragraphs
    i = next(k for k, p in enumerate(paras) if p.style.name == "Gw Signature")
    assert paras[i - 1].paragraph_format.keep_with_next is True


def it_keeps_the_cc_line_last_in_a_table_ruled_above_and_below_floating_at_the_foot_of_the_page() -> None:
    doc = opened()
    [table] = doc.tables
    [row] = table.rows
    [cell] = row.cells
    assert [(p.style.name, p.text) for p in cell.paragraphs] == [("Gw Cc", "抄送：县委组织部，县应急管理局。")]
    style = doc.styles["Gw Cc"]
    assert style.font.size == Pt(14)
    assert style.paragraph_format.left_indent == Pt(14) and style.paragraph_format.right_indent == Pt(14)
    borders = cell._tc.find("w:tcPr/w:tcBorders", NS)
    for edge in ("top", "bottom"):
        rule = borders.find(f"w:{edge}", NS)
        assert rule.get(w("val")) == "single" and rule.get(w("sz")) == "8"   # 0.35 mm
    place = table._tbl.find("w:tblPr/w:tblpPr", NS)
    assert (place.get(w("vertAnchor")), place.get(w("tblpYSpec")), place.get(w("horzAnchor")),
            place.get(w("tblpX"))) == ("margin", "bottom", "page", "1587")
    assert table._tbl.find("w:tblPr/w:tblW", NS).get(w("w")) == "8845"
    # the table is the last thing but the empty paragraph that anchors it
    assert every_paragraph(doc)[-1].text == "" and doc.element.body[-2].tag == w("p")


def it_rules_the_imprint_thick_outside_and_thin_between_items_with_the_printer_line_last() -> None:
    doc = opened([Block("body", "正文。"), Block("cc", "抄送：甲。"), Block("cc", "主送：乙。")],
                 printer="某某县纪委监委办公室", printed="2024年5月21日")
    rows = doc.tables[0].rows
    assert [row.cells[0].text for row in rows] == ["抄送：甲。", "主送：乙。", "某某县纪委监委办公室\t2024年5月21日印发"]
    sizes = [[row.cells[0]._tc.find(f"w:tcPr/w:tcBorders/w:{edge}", NS).get(w("sz")) for edge in ("top", "bottom")]
             for row in rows]
    assert sizes == [["8", "6"], ["6", "6"], ["6", "8"]]     # 0.35 mm outside, 0.25 mm between (7.4.1)
    cc = rows[0].cells[0].paragraphs[0]._p.find("w:pPr/w:ind", NS)
    assert (cc.get(w("left")), cc.get(w("hanging")), cc.get(w("right"))) == ("1120", "840", "280")   # after 抄送：
    printer = rows[-1].cells[0].paragraphs[0]._p.find("w:pPr", NS)
    assert printer.find("w:tabs/w:tab", NS).get(w("pos")) == "8565"       # 右空一字 for the date
    assert printer.find("w:ind", NS).get(w("left")) == "280"              # 左空一字 for the 印发机关


def it_numbers_pages_with_dashes_right_on_odd_pages_and_left_on_even_ones() -> None:
    doc = opened()
    assert doc.settings.odd_and_even_pages_header_footer is True
    section = doc.sections[0]
    for footer, align, indent in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        [p] = footer.paragraphs
        instr = "".join(p._p.xpath(".//w:instrText/text()")) + "".join(p._p.xpath(".//w:fldSimple/@w:instr"))
        assert instr.strip() == "PAGE"
        assert re.fullmatch(r"— 1 —", p.text)
        assert p.alignment == getattr(WD_ALIGN_PARAGRAPH, align.upper())
        assert getattr(p.paragraph_format, f"{indent}_indent") == Pt(14)   # 一字 of 4号
        assert p.style.name == "Gw Page Number" and p.style.font.size == Pt(14)


def it_breaks_the_page_before_the_paragraph_that_follows_a_page_break() -> None:
    doc = opened([Block("body", "一"), Block("page_break", ""), Block("body", "二"), Block("page_break", "")])
    assert [p.text for p in doc.paragraphs] == ["一", "二", ""]
    assert doc.paragraphs[1].paragraph_format.page_break_before is True
    assert doc.paragraphs[2]._p.xpath(".//w:br/@w:type") == ["page"]   # a trailing break stays a break


def it_keeps_line_breaks_and_tabs_in_the_text() -> None:
    doc = opened([Block("body", "甲\n乙\t丙")])
    assert doc.paragraphs[0].text == "甲\n乙\t丙"


def it_refuses_an_unknown_role() -> None:
    with pytest.raises(ValueError, match="'footnote'"):
        write_docx([Block("footnote", "x")])


# --- bytes -----------------------------------------------------------------------------------

def it_writes_zip_entries_in_a_fixed_order_with_a_fixed_date() -> None:
    """Same bytes across processes and hash seeds: tests/test_determinism.py."""
    with zipfile.ZipFile(io.BytesIO(write_docx(DECISION))) as zf:
        infos = zf.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def it_writes_well_formed_parts_without_dates() -> None:
    data = write_docx(DECISION, title="关于对张某某同志进行诫勉的决定")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            etree.fromstring(zf.read(name))
        core = zf.read("docProps/core.xml").decode()
    assert "dcterms:created" not in core and "dcterms:modified" not in core
    assert docx.Document(io.BytesIO(data)).core_properties.title == "关于对张某某同志进行诫勉的决定"


# Word refuses a file whose property elements are out of schema order (python-docx and LibreOffice
# read it anyway, so only this test would notice): the sequences of CT_PPrBase and CT_RPr.
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang",
)


def it_writes_paragraph_and_run_properties_in_schema_order() -> None:
    blocks = [*DECISION, Block("page_break", ""), Block("body", "续"), Block("page_break", "")]
    data = write_docx(blocks)
    checked = 0
    for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"):
        for tag, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER)):
            for props in part(data, name).iter(w(tag)):
                positions = [order.index(etree.QName(child).localname) for child in props]
                assert positions == sorted(positions), (name, [etree.QName(c).localname for c in props])
                checked += 1
    assert checked > 30


def it_escapes_markup_and_drops_characters_xml_cannot_hold() -> None:
    hostile = 'a<b>&c"d\'</w:t></w:r><w:r><w:t>x\x00\x01\x0b\x1f\ufffe\ud800e'
    data = write_docx([Block("body", hostile), Block("cc", "<抄送>")], title="<&>\x02")
    doc = docx.Document(io.BytesIO(data))
    assert doc.paragraphs[0].text == 'a<b>&c"d\'</w:t></w:r><w:r><w:t>xe'
    assert doc.tables[0].rows[0].cells[0].text == "<抄送>"
    assert doc.core_properties.title == "<&>"
    assert len(part(data, "word/document.xml").findall(".//w:r", NS)) == 2


def it_writes_a_one_page_decision_in_a_few_milliseconds() -> None:
    write_docx(DECISION)
    start = time.perf_counter()
    for _ in range(200):
        write_docx(DECISION)
    per_doc = (time.perf_counter() - start) / 200
    assert per_doc < 0.010, f"{per_doc * 1000:.2f} ms a document (measured ~1 ms on 2 cores)"


def it_writes_every_example_decision_with_one_styled_paragraph_a_block() -> None:
    from regtext.render import render_case

    styles = {"title": "Gw Title", "number": "Gw Number", "addressee": "Gw Addressee", "body": "Gw Body",
              "heading1": "Gw Heading 1", "heading2": "Gw Heading 2", "heading3": "Gw Heading 3",
              "signature": "Gw Signature", "date": "Gw Date", "cc": "Gw Cc", "annotation": "Gw Annotation",
              "attachment": "Gw Attachment"}
    for case in sorted((ROOT / "examples").glob("*.yaml")):
        rendered = render_case(case)
        doc = docx.Document(io.BytesIO(rendered.to("docx")))
        flow = [p for p in rendered.paragraphs if p.role != "cc"] + [p for p in rendered.paragraphs if p.role == "cc"]
        printed = ["\n".join(rendered.title_lines) if p.role == "title" else p.text for p in flow]  # w:br
        written = [(p.style.name, p.text) for p in every_paragraph(doc)]
        assert written == [(styles[p.role], t) for p, t in zip(flow, printed, strict=True)] + [("Gw Cc", "")], case


# --- rendered by LibreOffice -----------------------------------------------------------------

def _sentence() -> str:
    """A real sentence of the primary regulation (第三条), Han characters only: punctuation would
    bring line-breaking rules (禁则) into a count that is about the grid."""
    text = (ROOT / "corpus" / f"{PRIMARY}.txt").read_text(encoding="utf-8")
    sentence = re.search(r"第三条\s*(.+?)。", text).group(1)
    return "".join(re.findall(r"[\u4e00-\u9fff]", sentence))


PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")


@pytest.mark.libreoffice
def it_sets_22_lines_of_28_characters_a_page_in_libreoffice(tmp_path: Path) -> None:
    office = pytest.importorskip("tests.support.office", reason="tests/support/office.py not available")
    office.require_libreoffice()
    stream = _sentence() * 60
    # 120 characters a paragraph: an indented line of 26, three full lines of 28, a last one of 10
    paragraphs = [stream[i * 120:(i + 1) * 120] for i in range(15)]
    blocks = [Block("title", "关于对张某某同志进行诫勉的决定"), Block("number", "某纪问〔2024〕12号"),
              Block("addressee", "某某县应急管理局：")] + [Block("body", p) for p in paragraphs]
    path = tmp_path / "long.docx"
    path.write_bytes(write_docx(blocks))
    pages = office.pdf_text_layout(office.docx_to_pdf(path, tmp_path))
    pages = [page for page in pages if any(line.strip() for line in page)]
    assert len(pages) == 4, [len(p) for p in pages]

    text = [[line.strip() for line in page if line.strip()] for page in pages]
    for number, page in enumerate(text, 1):
        assert re.fullmatch(rf"—\s*{number}\s*—", page[-1]), page[-1]   # — 1 — at the foot
    lines = [[line for line in page if not PAGE_NUMBER.match(line)] for page in text]
    # page 1: title, 文号, a blank line, 主送 — then body; 21 text lines and the blank make 22
    # no space between Han and digits (LibreOffice's own one is stopped: parts.between_scripts)
    head = lines[0][:3]
    assert head == ["关于对张某某同志进行诫勉的决定", "某纪问〔2024〕12号", "某某县应急管理局："]
    assert len(lines[0]) == 21
    for page in lines[1:-1]:                      # every full page after the first
        assert len(page) == 22
    body = [line for page in lines for line in page][3:]
    expected = [line for p in paragraphs for line in (p[:26], p[26:54], p[54:82], p[82:110], p[110:])]
    assert body == expected                       # 28 characters a full line, 26 after the indent
    assert {len(line) for line in body} == {26, 28, 10}


def it_puts_an_empty_field_where_digits_or_latin_letters_meet_chinese_and_changes_no_text() -> None:
    """LibreOffice's space between scripts is stopped by a field of no width (parts.between_scripts):
    the text Word, python-docx and LibreOffice read stays the block's text, character for character."""
    text = "于2024年3月12日对A&B公司（第5条）、〔2024〕12号"
    data = write_docx([Block("body", text)])
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    para = etree.fromstring(xml).find("w:body/w:p", NS)
    pieces = [(el.tag.split("}")[1], "".join(str(t) for t in el.itertext())) for el in para if not el.tag.endswith("pPr")]
    assert pieces == [("r", "于"), ("fldSimple", ""), ("r", "2024"), ("fldSimple", ""), ("r", "年"), ("fldSimple", ""),
                      ("r", "3"), ("fldSimple", ""), ("r", "月"), ("fldSimple", ""), ("r", "12"), ("fldSimple", ""),
                      ("r", "日对"), ("fldSimple", ""), ("r", "A&B"), ("fldSimple", ""), ("r", "公司（第"),
                      ("fldSimple", ""), ("r", "5"), ("fldSimple", ""), ("r", "条）、〔2024〕12"), ("fldSimple", ""),
                      ("r", "号")]
    assert {f.get(f"{{{W}}}instr") for f in para.findall("w:fldSimple", NS)} == {' QUOTE "" '}
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == text


# --- no character lost in LibreOffice's PDF ---------------------------------------------------

NO_LINE_START = set("、，。；：？！”’）》〕」』】…")   # 禁则: may not begin a line
NO_LINE_END = set("“‘（《〔「『【")                    # 禁则: may not end a line
LEFT = 1587 / 20                                     # the text block's left edge, in points
FULL_WIDTH = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’…]+")


def _pdf_of(tmp_path: Path, name: str, data: bytes) -> tuple[Path, ModuleType]:
    office = pytest.importorskip("tests.support.office", reason="tests/support/office.py not available")
    office.require_libreoffice()
    path = tmp_path / f"{name}.docx"
    path.write_bytes(data)
    return office.docx_to_pdf(path, tmp_path), office


def _lost_characters(data: bytes, pdf: Path, office: ModuleType) -> list[str]:
    """Characters of the document missing from (or out of order in) the PDF's text: the
    document's paragraphs in order, against pdftotext's text, whitespace and page numbers aside."""
    want = re.sub(r"\s", "", "".join(p.text for p in every_paragraph(docx.Document(io.BytesIO(data)))))
    lines = [line for page in office.pdf_text_layout(pdf) for line in page]
    got = re.sub(r"\s", "", "".join(line for line in lines if not PAGE_NUMBER.match(line.strip())))
    if got == want:
        return []
    from collections import Counter
    return sorted((Counter(want) - Counter(got)).elements()) or [f"order differs at {_first_diff(want, got)}"]


def _first_diff(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"{i}: {a[i - 10:i + 10]!r} vs {b[i - 10:i + 10]!r}"


def _short_full_lines(pdf: Path, office: ModuleType) -> list[str]:
    """Full body lines (3号, reaching the right edge, full-width characters only) that hold fewer
    characters than the 28-character grid gives them, where no 禁则 explains it: the next line would
    otherwise begin with 、，。 … or this one end with “（《 …."""
    lines = [line for page in office.pdf_lines(pdf) for line in page if not PAGE_NUMBER.match(line.text)]
    bad = []
    for line, nxt in zip(lines, lines[1:], strict=False):
        if not (19.5 < line.height < 22 and line.x_max > 515 and FULL_WIDTH.fullmatch(line.text)):
            continue
        room = 28 - round((line.x_min - LEFT) / 16)        # 26 after the 2-字 first-line indent
        n = len(line.text)
        if n > room:
            bad.append(f"{n} > {room}: {line.text}")
        elif n < room:
            fits = room - n                                  # characters that moved down
            blocked = nxt.text[fits:fits + 1] in NO_LINE_START or nxt.text[fits - 1:fits] in NO_LINE_END
            if not blocked:
                bad.append(f"{n} < {room}: {line.text} / {nxt.text}")
    return bad


def _body_lines_per_page(pdf: Path, office: ModuleType) -> list[int]:
    return [len([line for line in page if not PAGE_NUMBER.match(line.text)]) for page in office.pdf_lines(pdf)]


def _punctuated_paragraphs() -> list[str]:
    """Every one of 、，。；：“”（）《》 at every position of a 28-character line, then dense random
    punctuation (fixed seeds): each ending-line case the writer could meet."""
    import random

    han = _sentence() * 4
    marks = "、，。；：“”（）《》"
    fixed = [han[:26 + at] + mark + han[26 + at:70] for mark in marks for at in range(28)]
    rnd = random.Random(13)
    dense = ["".join(rnd.choice(marks) if rnd.random() < 0.3 else rnd.choice(han) for _ in range(rnd.randint(40, 160)))
             for _ in range(60)]
    return fixed + dense


@pytest.mark.libreoffice
def it_loses_no_character_of_any_example_in_libreoffices_pdf(tmp_path: Path) -> None:
    from regtext.render import render_case

    lost, short = {}, {}
    for case in sorted((ROOT / "examples").glob("*.yaml")):
        data = render_case(case).to("docx")
        pdf, office = _pdf_of(tmp_path, case.stem, data)
        lost[case.stem] = _lost_characters(data, pdf, office)
        short[case.stem] = _short_full_lines(pdf, office)
    assert {k: v for k, v in lost.items() if v} == {}
    assert {k: v for k, v in short.items() if v} == {}


@pytest.mark.libreoffice
def it_loses_no_punctuation_at_any_line_position_and_keeps_the_22_by_28_grid(tmp_path: Path) -> None:
    blocks = [Block("title", "关于对张某某同志进行诫勉的决定"), Block("number", "某纪问〔2024〕12号"),
              Block("addressee", "某某县应急管理局：")] + [Block("body", p) for p in _punctuated_paragraphs()]
    data = write_docx(blocks)
    pdf, office = _pdf_of(tmp_path, "punctuated", data)
    assert _lost_characters(data, pdf, office) == []
    assert _short_full_lines(pdf, office) == []
    per_page = _body_lines_per_page(pdf, office)
    assert len(per_page) > 20
    assert per_page[0] == 21 and set(per_page[1:-1]) == {22}, per_page   # page 1: 21 and the blank line
