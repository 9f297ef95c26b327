"""The 版头 (GB/T 9704-2012 7.2): its paragraphs in the DOCX, where it comes from (issuer profile,
letterhead DOCX, none for pre-printed paper), the 份号 check, and — on LibreOffice's PDF — each
position to ±0.5 mm: 标志 top 35 mm below the 版心 top, 文号 two lines below, the red rule 4 mm
below the 文号 and 156 mm wide, the title two lines below the rule."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from regtext.decide import decide, load_case
from regtext.errors import InputError, UsageError
from regtext.issuer import load_issuer
from regtext.publish.docx import Block, write_docx
from regtext.publish.docx.head import MARK_TOP, Head, mark_size
from regtext.render import render_case
from tests.conftest import ROOT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MM = 72 / 25.4                         # points in a millimetre
BLOCK_TOP = 37                         # 版心 top, mm from the page top
LINE_MM = 579 / 20 / MM                # one grid line, 10.21 mm

BLOCKS = [Block("title", "关于对张某某同志进行诫勉的决定"), Block("number", "某纪问〔2024〕12号"),
          Block("addressee", "某某县应急管理局："), Block("body", "张某某，男，1975年3月生，中共党员。" * 3)]
HEAD = Head(marks=("某某县纪律检查委员会",), suffix="文件", copy_number="000123", secrecy="秘密★1年", urgency="特急")
JOINT = Head(marks=("中共某某县纪律检查委员会", "某某县监察委员会"), suffix="文件", signers=("张三", "李四", "王五"))
CASE = (ROOT / "examples" / "zhang_jiemian.yaml").read_text(encoding="utf-8")
PROFILE = "names: [某某县纪委监委]\nmark_suffix: 文件\nprinter: 某某县纪委监委办公室\n"


def body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        found = etree.fromstring(zf.read("word/document.xml")).find("w:body", NS)
    assert found is not None
    return found


def texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def height(p: etree._Element) -> int:
    spacing = p.find("w:pPr/w:spacing", NS)
    return int(spacing.attrib[f"{{{W}}}line"]) + int(spacing.get(f"{{{W}}}before", "0"))


# --- the DOCX --------------------------------------------------------------------------------


def it_puts_the_head_before_the_title_and_moves_the_number_into_it() -> None:
    data = write_docx(BLOCKS, head=HEAD)
    assert texts(data)[:7] == ["000123", "秘密★1年", "特急", "", "某某县纪律检查委员会文件", "某纪问〔2024〕12号",
                               "关于对张某某同志进行诫勉的决定"]
    assert texts(data).count("某纪问〔2024〕12号") == 1          # moved, not copied
    paras = body(data).findall("w:p", NS)
    for p in paras[:3]:                                           # 3号黑体, flush left, one grid line
        assert p.find(".//w:rFonts", NS).get(f"{{{W}}}eastAsia") == "黑体"
        assert p.find(".//w:sz", NS).get(f"{{{W}}}val") == "32"
        assert p.find("w:pPr/w:jc", NS).get(f"{{{W}}}val") == "left"
        assert height(p) == 579
    mark = paras[4]
    run = mark.find("w:r/w:rPr", NS)
    assert run.find("w:color", NS).get(f"{{{W}}}val") == "FF0000"
    assert run.find("w:rFonts", NS).get(f"{{{W}}}eastAsia") == "方正小标宋简体"
    assert mark.find("w:pPr/w:jc", NS).get(f"{{{W}}}val") == "center"
    # the 标志's line starts 35 mm below the text block's top, less the ink's inset (0.05 em)
    inset = round(0.05 * mark_size(HEAD) * 10)
    assert sum(height(p) for p in paras[:4]) == MARK_TOP - inset == 1984 - inset
    rule = paras[5].find("w:pPr/w:pBdr/w:bottom", NS)
    assert (rule.get(f"{{{W}}}val"), rule.get(f"{{{W}}}color"), rule.get(f"{{{W}}}space")) == ("single", "FF0000", "8")
    assert paras[5].find("w:pPr/w:ind", NS).get(f"{{{W}}}left") == "0"      # the rule spans the 156 mm
    assert paras[6].find("w:pPr/w:spacing", NS).get(f"{{{W}}}before") == "1158"   # title: two lines below


def it_fits_the_mark_to_the_text_block() -> None:
    assert mark_size(Head(marks=("某某县纪委",), suffix="文件")) == 116               # 58 pt
    assert mark_size(HEAD) == 73                                                      # 12 × 36.5 pt ≤ 156 mm
    assert mark_size(JOINT) == 63                                                     # 12 + 2 characters


def it_stacks_joint_issuers_with_the_suffix_vertically_centred_beside_them() -> None:
    table = body(write_docx(BLOCKS, head=JOINT)).find("w:tbl", NS)
    names, suffix = table.findall("w:tr/w:tc", NS)
    assert ["".join(map(str, p.itertext())) for p in names.findall("w:p", NS)] == ["中共某某县纪律检查委员会",
                                                                                  "某某县监察委员会"]
    assert "".join(map(str, suffix.itertext())) == "文件"
    assert suffix.find("w:tcPr/w:vAlign", NS).get(f"{{{W}}}val") == "center"


def it_puts_the_number_left_on_the_line_of_the_last_signer() -> None:
    data = write_docx(BLOCKS, head=JOINT)
    assert texts(data)[1:3] == ["\t\t签发人：张三\u3000李四", "\t某纪问〔2024〕12号\t\u3000\u3000\u3000\u3000王五"]
    line = body(data).findall("w:p", NS)[2]   # spacer, first signer line, this one
    fonts = [(r.findtext("w:t", namespaces=NS), r.find("w:rPr/w:rFonts", NS).get(f"{{{W}}}eastAsia"))
             for r in line.findall("w:r", NS) if r.find("w:t", NS) is not None]
    # the 文号's run is cut where 12 meets 号, around an empty field (parts.between_scripts)
    assert fonts == [("某纪问〔2024〕12", "仿宋_GB2312"), ("号", "仿宋_GB2312"), ("\u3000" * 4, "仿宋_GB2312"),
                     ("王五", "楷体_GB2312")]
    assert [f.get(f"{{{W}}}instr") for f in line.findall("w:fldSimple", NS)] == [' QUOTE "" ']
    assert line.find("w:pPr/w:pBdr/w:bottom", NS) is not None               # the rule under the last line


def it_keeps_the_room_of_the_head_but_prints_no_mark_or_rule_for_preprinted_paper() -> None:
    data = write_docx(BLOCKS, head=Head(marks=("某某县纪律检查委员会",), suffix="文件", blank=True))
    assert b"FF0000" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert "某某县纪律检查委员会文件" not in texts(data)
    assert texts(data)[2:4] == ["某纪问〔2024〕12号", "关于对张某某同志进行诫勉的决定"]
    title = body(data).findall("w:p", NS)[3]
    assert title.find("w:pPr/w:spacing", NS).get(f"{{{W}}}before") == str(1158 + 8 * 20 + 12 * 20 // 8)


def it_writes_the_same_bytes_for_the_same_head() -> None:
    assert write_docx(BLOCKS, head=JOINT) == write_docx(BLOCKS, head=JOINT)


# --- where the head comes from -----------------------------------------------------------------


def _case(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE + extra, encoding="utf-8")
    return path


def it_takes_the_profile_next_to_the_case_then_the_named_one_then_the_argument(tmp_path: Path) -> None:
    case = _case(tmp_path)
    assert render_case(case).head is None                                   # no profile: no 版头
    (tmp_path / "issuer.yaml").write_text(PROFILE, encoding="utf-8")
    assert render_case(case).head.marks == ("某某县纪委监委",)
    (tmp_path / "named.yaml").write_text(PROFILE.replace("[某某县纪委监委]", "[某某县纪委监委]\nmark: 县纪委监委"),
                                         encoding="utf-8")
    named = _case(tmp_path, "profile: named.yaml\n")
    assert render_case(named).head.marks == ("县纪委监委",)
    (tmp_path / "cli.yaml").write_text(PROFILE.replace("文件", "通知"), encoding="utf-8")
    assert render_case(named, issuer=tmp_path / "cli.yaml").head.suffix == "通知"
    rendered = render_case(named, head=False)
    assert rendered.head.blank and rendered.issuer.printer == "某某县纪委监委办公室"


def it_refuses_a_profile_of_another_organ(tmp_path: Path) -> None:
    (tmp_path / "issuer.yaml").write_text(PROFILE.replace("某某县纪委监委", "某某市纪委监委"), encoding="utf-8")
    with pytest.raises(InputError, match="is for 某某市纪委监委, the case is issued by 某某县纪委监委") as info:
        render_case(_case(tmp_path))
    assert info.value.position == (3, 9)


@pytest.mark.parametrize(("profile", "error", "message", "line"), [
    (PROFILE + "colour: red\n", InputError, "Additional properties are not allowed ('colour' was unexpected)", 4),
    (PROFILE + "seal: seal.png\n", InputError, "seal: 'seal.png': no such file", 4),
    (PROFILE + "seal: fake.png\n", InputError, "seal: 'fake.png' is not a PNG file", 4),
    ("names: [某某县纪委监委, 某某县监委]\nmark: 县纪委\n", InputError, "mark: 1 line(s) for 2 organ(s)", 2),
])
def it_refuses_a_bad_profile_at_its_line(tmp_path: Path, profile: str, error: type[InputError], message: str, line: int) -> None:
    (tmp_path / "fake.png").write_bytes(b"GIF89a not a png")
    (tmp_path / "issuer.yaml").write_text(profile, encoding="utf-8")
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        load_issuer(tmp_path / "issuer.yaml")
    assert info.value.position[0] == line


def it_loads_a_seal_that_is_a_png(tmp_path: Path) -> None:
    (tmp_path / "seal.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    (tmp_path / "issuer.yaml").write_text(PROFILE + "seal: seal.png\ncc: [某某县委组织部]\n", encoding="utf-8")
    issuer = load_issuer(tmp_path / "issuer.yaml")
    assert (issuer.seal, issuer.cc, issuer.printer) == (tmp_path / "seal.png", ("某某县委组织部",), "某某县纪委监委办公室")


def it_loads_the_example_profile() -> None:
    issuer = load_issuer(ROOT / "examples" / "profiles" / "某某县纪委监委.issuer.yaml")
    assert (issuer.names, issuer.marks, issuer.suffix) == (("某某县纪委监委",), ("某某县纪委监委",), "文件")


@pytest.mark.parametrize(("value", "message"), [
    ('"12345"', "份号 '12345' is not six digits: write it with leading zeros, e.g. 012345"),
    ("000123", "份号 83 was read as a number: quote it"),
    ('"00012a"', "份号 '00012a' is not six digits"),
])
def it_checks_the_copy_number(tmp_path: Path, value: str, message: str) -> None:
    decision = decide(load_case(_case(tmp_path, f"copy_number: {value}\n")))
    assert [(p.code, p.path) for p in decision.errors] == [("D111", "copy_number")]
    assert message in decision.errors[0].message


def it_takes_copy_number_secrecy_urgency_and_signers_from_the_case(tmp_path: Path) -> None:
    (tmp_path / "issuer.yaml").write_text(PROFILE, encoding="utf-8")
    head = render_case(_case(tmp_path, 'copy_number: "000007"\nsecrecy: 秘密★1年\nurgency: 特急\n'
                                       "signers: [张某]\n")).head
    assert (head.top_lines, head.signers, head.number) == (["000007", "秘密★1年", "特急"], ("张某",), "某纪问〔2024〕12号")


# --- the letterhead --------------------------------------------------------------------------


def _letterhead(path: Path, text: str = "某某县纪律检查委员会文件") -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = text
    document.add_paragraph("这是信笺的正文，不会被保留。")
    document.save(str(path))
    return path


def it_keeps_the_letterheads_first_page_header_and_its_own_body(tmp_path: Path) -> None:
    rendered = render_case(_case(tmp_path), letterhead=_letterhead(tmp_path / "lh.docx"))
    data = rendered.to("docx")
    opened = docx.Document(io.BytesIO(data))
    section = opened.sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.first_page_header.paragraphs] == ["某某县纪律检查委员会文件"]
    assert "这是信笺的正文，不会被保留。" not in [p.text for p in opened.paragraphs]
    assert opened.paragraphs[0].text == "关于对张某某同志进行诫勉的决定"
    assert data == render_case(_case(tmp_path), letterhead=tmp_path / "lh.docx").to("docx")


def it_refuses_a_letterhead_that_is_not_a_docx_and_one_with_no_head(tmp_path: Path) -> None:
    (tmp_path / "lh.txt").write_text("某某县纪律检查委员会文件", encoding="utf-8")
    with pytest.raises(InputError, match="not a Word document"):
        render_case(_case(tmp_path), letterhead=tmp_path / "lh.txt")
    docx.Document().save(str(tmp_path / "plain.docx"))
    with pytest.raises(InputError, match="no header on its first page"):
        render_case(_case(tmp_path), letterhead=tmp_path / "plain.docx")
    with pytest.raises(UsageError, match="secrecy: a letterhead brings its own head") as info:
        render_case(_case(tmp_path, "secrecy: 秘密★1年\n"), letterhead=_letterhead(tmp_path / "lh.docx"))
    assert info.value.position == (23, 10)
    with pytest.raises(UsageError, match="exclude each other"):
        render_case(_case(tmp_path), letterhead=tmp_path / "plain.docx", head=False)


# --- LibreOffice's PDF -----------------------------------------------------------------------


def _first(words: list[Any], text: str) -> Any:
    return next(w for w in words if w.text.startswith(text))


@pytest.mark.libreoffice
def it_places_the_head_as_gbt_9704_says_in_libreoffices_pdf(tmp_path: Path) -> None:
    office = pytest.importorskip("tests.support.office")
    office.require_libreoffice()
    docs = {"plain": write_docx(BLOCKS), "head": write_docx(BLOCKS, head=HEAD),
            "blank": write_docx(BLOCKS, head=Head(marks=HEAD.marks, suffix="文件", blank=True)),
            "joint": write_docx(BLOCKS, head=JOINT),
            "letterhead": render_case(_case(tmp_path), letterhead=_letterhead(tmp_path / "lh.docx")).to("docx")}
    pdfs = {}
    for name, data in docs.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
        pdfs[name] = office.docx_to_pdf(tmp_path / f"{name}.docx", tmp_path)
    words = {name: office.pdf_words(pdf)[0] for name, pdf in pdfs.items()}
    dark = {name: office.colour_bands(pdf, "dark") for name, pdf in pdfs.items()}

    def ink(name: str, y_min: float) -> Any:
        """The dark band of the text line whose box starts at y_min."""
        return next(b for b in dark[name] if y_min <= b.top <= y_min + 20)

    # where a 3号 仿宋 line's ink starts in its 28.95 pt grid line (the plain document's 文号, line 2)
    number = _first(words["plain"], "某纪问")
    ink_offset = ink("plain", number.y_min).top / MM - (BLOCK_TOP + LINE_MM)
    title_offset = _first(words["plain"], "关于").y_min / MM - BLOCK_TOP     # the title's box in its line

    for name in ("head", "joint"):
        mark, rule = office.colour_bands(pdfs[name])           # the red 标志, then the red rule
        assert abs(mark.top / MM - BLOCK_TOP - 35) <= 0.5, (name, mark.top / MM)           # 7.2.4
        assert abs(rule.right - rule.left - 156 * MM) <= 0.5 * MM                         # 7.2.7
        assert abs(rule.left / MM - 28) <= 0.5
        assert 0.3 <= (rule.bottom - rule.top) / MM <= 0.7                                 # 1.5 pt
        first = _first(words[name], "某纪问") if name == "head" else _first(words[name], "签发人")
        first_line_top = ink(name, first.y_min).top / MM - ink_offset
        assert abs(first_line_top - mark.bottom / MM - 2 * LINE_MM) <= 0.5, name           # 7.2.5 下空二行
        number_ink = ink(name, _first(words[name], "某纪问").y_min)
        assert abs(rule.top / MM - number_ink.bottom / MM - 4) <= 0.5, name                # 7.2.7 4 mm
        title = _first(words[name], "关于")
        assert abs(title.y_min / MM - title_offset - rule.bottom / MM - 2 * LINE_MM) <= 0.5, name   # 7.3.1

    # 份号, 密级, 紧急程度 on lines 1-3, flush left: each box inside its grid line, one line apart
    boxes = [_first(words["head"], text) for text in ("000123", "秘密", "特急")]
    inside = boxes[0].y_min / MM - BLOCK_TOP
    assert inside >= 0 and boxes[0].y_max / MM <= BLOCK_TOP + LINE_MM + 0.5
    for i, word in enumerate(boxes):
        assert abs(word.y_min / MM - (BLOCK_TOP + i * LINE_MM) - inside) <= 0.5, word.text
        assert abs(word.x_min / MM - 28) <= 0.5
    # the 文号 of a joint 上行文: left 空一字 (16 pt), on the line of the last 签发人
    joint_number = _first(words["joint"], "某纪问")
    assert abs(joint_number.x_min - 28 * MM - 16) <= 0.5 * MM
    assert _first(words["joint"], "王五").y_min == joint_number.y_min
    # pre-printed paper: no red, the 文号 and the title where the head puts them
    assert office.colour_bands(pdfs["blank"]) == []
    for text in ("某纪问", "关于"):
        assert abs(_first(words["blank"], text).y_min - _first(words["head"], text).y_min) <= 0.5 * MM, text
    # the letterhead's header text on page 1, above the title
    assert words["letterhead"][0].text == "某某县纪律检查委员会文件"
    assert words["letterhead"][0].y_max < _first(words["letterhead"], "关于").y_min
