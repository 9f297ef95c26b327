"""What the 版头 is given and how it is refused: the 份号, 密级 and 紧急程度 of a case without a
profile, the 版头's text in HTML and Markdown, the closed lists of 7.2.2/7.2.3 (D112), issuer
profiles that cannot head the case (another organ's 标志, a 标志 too long to read, organs named
twice or too many), issuer.yaml that is not a file, ``regtext check`` on profiles, and letterhead
fields and sizes."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from regtext.check import run as check_run
from regtext.decide import decide, load_case
from regtext.errors import InputError
from regtext.issuer import MAX_ORGANS, load_issuer
from regtext.publish.docx import letterhead as letterhead_module
from regtext.publish.docx.head import MARK_MIN, Head, mark_chars_max, mark_size
from regtext.render import render_case
from tests.conftest import ROOT

CASE = (ROOT / "examples" / "zhang_jiemian.yaml").read_text(encoding="utf-8")   # 22 lines
PROFILE = "names: [某某县纪委监委]\nmark_suffix: 文件\nprinter: 某某县纪委监委办公室\n"
TOP = "copy_number: \"000123\"\nsecrecy: 秘密★1年\nurgency: 特急\n"


def _case(tmp_path: Path, extra: str = "", name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(CASE + extra, encoding="utf-8")
    return path


def _texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", "from regtext.cli import run; run()", *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


# --- 份号, 密级, 紧急程度 and 签发人 without a profile --------------------------------------------


def it_prints_copy_number_secrecy_and_urgency_without_a_profile(tmp_path: Path) -> None:
    rendered = render_case(_case(tmp_path, TOP))
    assert _texts(rendered.to("docx"))[:5] == ["000123", "秘密★1年", "特急", "关于对张某某同志进行诫勉的决定",
                                               "某纪问〔2024〕12号"]
    assert rendered.to("md").decode().startswith("000123\n\n秘密★1年\n\n特急\n\n# 关于对张某某同志进行诫勉的决定\n\n"
                                                  "某纪问〔2024〕12号\n")
    html = rendered.to("html").decode()
    assert re.findall(r'<p class="top">([^<]*)</p>', html) == ["000123", "秘密★1年", "特急"]
    assert render_case(_case(tmp_path)).head is None                    # none of them: nothing before the title


def it_refuses_signers_without_a_head(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"signers: the 签发人 is printed in the 版头, on the 文号's line") as info:
        render_case(_case(tmp_path, "signers: [张三]\n"))
    assert info.value.position == (23, 1)
    assert render_case(_case(tmp_path, "signers: [张三]\n"), head=False).head.signers == ("张三",)


def it_gives_html_and_markdown_the_heads_text_in_the_docx_order(tmp_path: Path) -> None:
    (tmp_path / "issuer.yaml").write_text(PROFILE, encoding="utf-8")
    rendered = render_case(_case(tmp_path, TOP + "signers: [张三, 李四]\n"))
    head = ["000123", "秘密★1年", "特急", "某某县纪委监委文件", "某纪问〔2024〕12号", "签发人：张三\u3000李四",
            "关于对张某某同志进行诫勉的决定"]
    assert rendered.to("md").decode().split("\n\n")[:7] == head[:6] + ["# " + head[6]]
    html = rendered.to("html").decode()
    shown = re.findall(r'<(?:p|h1)(?: class="[a-z]+")?>([^<]*)</(?:p|h1)>', html)
    assert shown[:7] == head
    docx_text = "".join(_texts(rendered.to("docx")))
    for text in head[:5] + ["张三", "李四"]:
        assert text in docx_text


# --- D112: the closed lists and the 签发人's line ----------------------------------------------


@pytest.mark.parametrize(("extra", "message"), [
    ("secrecy: 超级机密\n", "密级 '超级机密' is not one of 绝密、机密、秘密, optionally followed by ★ and a 保密期限"),
    ("secrecy: \"秘密\\n★1年\"\n", "密级 '秘密\\n★1年' is not one of"),
    ("secrecy: \"秘密★1年\\n\"\n", "密级 '秘密★1年\\n' is not one of"),
    ("urgency: 很急\n", "紧急程度 '很急' is not 特急 or 加急"),
    ("signers: [\"张\\n三\"]\n", "签发人 '张\\n三' has a line break or white space around it"),
    ("signers: [" + "张" * 10 + "]\n", "签发人 " + "张" * 10 + ": 10 characters on one line where 9 fit beside 签发人："
     " and the 文号"),
])
def it_refuses_head_fields_gbt_9704_does_not_allow(tmp_path: Path, extra: str, message: str) -> None:
    decision = decide(load_case(_case(tmp_path, extra)))
    assert [(p.code, p.where.line) for p in decision.errors] == [("D112", 23)]
    assert message in decision.errors[0].message


@pytest.mark.parametrize("extra", ["secrecy: 秘密★1年\n", "secrecy: 绝密★长期\n", "secrecy: 机密★6个月\n",
                                   "secrecy: 秘密\n", "urgency: 加急\n", "signers: [张三, 李四, 王五]\n",
                                   "signers: [" + "张" * 9 + "]\n"])
def it_accepts_the_head_fields_of_the_standard(tmp_path: Path, extra: str) -> None:
    assert decide(load_case(_case(tmp_path, extra))).errors == []


# --- issuer profiles ---------------------------------------------------------------------------


def _profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "organ.issuer.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("profile", "message", "where"), [
    ("names: [某某市纪委监委]\nmark: 某某县纪委监委\n", "mark: 某某县纪委监委 is not the full name or a 简称 of 某某市纪委监委",
     (2, 7)),
    ("names: [某某县纪委监委]\nmark: " + "某" * 5000 + "\n",
     "mark: " + "某" * 20 + "… has 5000 characters: at most 20 print at 22 pt or more", (2, 7)),
    ("names: [" + "某" * 19 + "]\nmark_suffix: 文件\n", "has 19 characters: at most 18 beside 文件 print at 22 pt",
     (1, 9)),
    ("names: [某某县纪委监委, 某某县纪委监委]\n", "names: 某某县纪委监委 is named twice", (1, 18)),
    ("names: [" + ", ".join(f"某某县第{i}局" for i in range(MAX_ORGANS + 1)) + "]\n",
     f"names: {MAX_ORGANS + 1} organs, more than the {MAX_ORGANS} a 版头 can hold", (1, 1)),
    ("names: [某某县纪委监委]\nmark: \"\"\n", "mark: is empty: give the text as printed", (2, 7)),
    ("names: [某某县纪委监委]\nmark: \"某某县纪委\\n监委\"\n", "mark: '某某县纪委\\n监委' has a line break", (2, 7)),
])
def it_refuses_a_profile_that_cannot_head_a_document(tmp_path: Path, profile: str, message: str,
                                                     where: tuple[int, int]) -> None:
    with pytest.raises(InputError) as info:
        load_issuer(_profile(tmp_path, profile))
    assert message in info.value.message
    assert info.value.position == where


def it_accepts_a_short_name_and_the_longest_mark_that_reads() -> None:
    assert mark_chars_max() == 20 and mark_chars_max("文件") == 18
    assert mark_size(Head(marks=("某" * 18,), suffix="文件")) >= MARK_MIN
    assert mark_size(Head(marks=("某" * 19,), suffix="文件")) < MARK_MIN        # what the profile refuses


def it_matches_the_case_by_the_profiles_names_only(tmp_path: Path) -> None:
    # the 简称 of the organ as its name no longer passes: the names are the organs' full names
    _profile(tmp_path, "names: [某某县纪律检查委员会]\nmark: 某某县纪委监委\n")
    with pytest.raises(InputError, match="is not the full name or a 简称"):
        render_case(_case(tmp_path), issuer=tmp_path / "organ.issuer.yaml")
    # a joint profile over a case of one of its organs: a 版头 of two organs over a 落款 of one
    _profile(tmp_path, "names: [某某县纪委监委, 某某县应急管理局]\n")
    with pytest.raises(InputError, match="is for 某某县纪委监委、某某县应急管理局, the case is issued by 某某县纪委监委") as info:
        render_case(_case(tmp_path), issuer=tmp_path / "organ.issuer.yaml")
    assert info.value.position == (3, 9)
    _profile(tmp_path, "names: [某某县纪委监委]\nmark: 县纪委监委\n")
    assert render_case(_case(tmp_path), issuer=tmp_path / "organ.issuer.yaml").head.marks == ("县纪委监委",)


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.mkdir(), "issuer profile: a directory, not a file"),
    (lambda p: p.symlink_to("/dev/null"), "issuer profile: not a regular file"),
    (lambda p: p.symlink_to(p.parent / "nowhere.yaml"), "a symbolic link that leads to no file (or loops)"),
])
def it_refuses_an_issuer_yaml_that_is_not_a_file(tmp_path: Path, make: Any, message: str) -> None:
    make(tmp_path / "issuer.yaml")
    with pytest.raises(InputError, match=re.escape(message)) as info:
        render_case(_case(tmp_path))
    assert str(info.value.location) == str(tmp_path / "issuer.yaml")


def it_reports_a_missing_profile_at_the_cases_line_even_with_issuer(tmp_path: Path) -> None:
    case = _case(tmp_path, "profile: nope.issuer.yaml\n")
    _profile(tmp_path, PROFILE)
    for issuer in (None, tmp_path / "organ.issuer.yaml"):
        with pytest.raises(InputError, match="profile: .*nope.issuer.yaml: no such file") as info:
            render_case(case, issuer=issuer)
        assert info.value.position == (23, 10)


# --- regtext check -----------------------------------------------------------------------------


def it_checks_issuer_profiles_and_the_profile_of_each_case(tmp_path: Path) -> None:
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "issuer.yaml").write_text("names: [某某县纪委监委\n", encoding="utf-8")
    _case(tmp_path / "bad")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "issuer.yaml").write_text("names: [某某市纪委监委]\n", encoding="utf-8")
    _case(tmp_path / "other")
    (tmp_path / "missing").mkdir()
    _case(tmp_path / "missing", "profile: nope.issuer.yaml\n")
    found = [(Path(p.path).relative_to(tmp_path).as_posix(), p.line, p.column, p.code) for p in check_run(tmp_path)]
    assert found == [("bad/case.yaml", 1, 1, "C302"), ("bad/issuer.yaml", 2, 1, "C501"),
                     ("missing/case.yaml", 23, 10, "C302"), ("other/case.yaml", 3, 9, "C302")]
    assert check_run(ROOT / "examples" / "profiles" / "某某县纪委监委.issuer.yaml") == []


# --- the letterhead ----------------------------------------------------------------------------


def _letterhead(path: Path, field: str | None = None) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.first_page_header.paragraphs[0]
    paragraph.text = "某某县纪律检查委员会文件"
    if field is not None:
        from docx.oxml import parse_xml

        w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        for xml in (f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
                    f'<w:r {w}><w:instrText xml:space="preserve"> {field} </w:instrText></w:r>',
                    f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>', f'<w:r {w}><w:t>2024</w:t></w:r>',
                    f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'):
            paragraph._p.append(parse_xml(xml))
    document.save(str(path))
    return path


@pytest.mark.parametrize(("field", "message"), [
    ('DATE \\@ "yyyy"', "DATE prints the day the document is opened or printed"),
    ('INCLUDEPICTURE "http://example.invalid/x.png" \\d', "INCLUDEPICTURE fetches a file or a web address"),
])
def it_refuses_a_letterhead_field_whose_text_changes(tmp_path: Path, field: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        render_case(_case(tmp_path), letterhead=_letterhead(tmp_path / "lh.docx", field))
    assert render_case(_case(tmp_path), letterhead=_letterhead(tmp_path / "ok.docx", "PAGE")).letterhead is not None


def it_bounds_what_a_letterhead_may_unpack_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _letterhead(tmp_path / "lh.docx")
    monkeypatch.setattr(letterhead_module, "MAX_MEMBER", 1000)
    with pytest.raises(InputError, match=r"the letterhead's part \S+ unpacks to [0-9,]+ bytes, more than 0 MiB"):
        render_case(_case(tmp_path), letterhead=path)
    monkeypatch.setattr(letterhead_module, "MAX_MEMBER", 20 * 2**20)
    monkeypatch.setattr(letterhead_module, "MAX_HEADER", 100)
    with pytest.raises(InputError, match=r"the letterhead's header is [0-9,]+ bytes of XML"):
        render_case(_case(tmp_path), letterhead=path)
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/big.xml", b"\0" * (21 * 2**20))
    monkeypatch.setattr(letterhead_module, "MAX_HEADER", 2**20)
    with pytest.raises(InputError, match="word/big.xml unpacks to 22,020,096 bytes, more than 20 MiB"):
        render_case(_case(tmp_path), letterhead=tmp_path / "bomb.docx")


# --- the CLI -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("option", "fmt"), [("--no-head", "html"), ("--seal-space", "md")])
def it_refuses_paper_options_for_html_and_markdown(tmp_path: Path, option: str, fmt: str) -> None:
    result = _cli("render", str(_case(tmp_path)), option, "--to", fmt, "-o", str(tmp_path / f"out.{fmt}"))
    assert result.returncode == 2
    assert f"{option}: applies to the printed document (DOCX, PDF) only, not to {fmt}" in result.stderr
    assert not (tmp_path / f"out.{fmt}").exists()


# --- LibreOffice's PDF -------------------------------------------------------------------------


@pytest.mark.libreoffice
def it_prints_the_top_lines_without_a_profile_in_the_pdf(tmp_path: Path) -> None:
    """7.2.1–7.2.3: 份号, 密级, 紧急程度 flush left on lines 1–3 of the 版心, the title under them,
    and the same words as the HTML shows."""
    office = pytest.importorskip("tests.support.office")
    office.require_libreoffice()
    rendered = render_case(_case(tmp_path, TOP))
    (tmp_path / "case.docx").write_bytes(rendered.to("docx"))
    words = office.pdf_words(office.docx_to_pdf(tmp_path / "case.docx", tmp_path))[0]
    mm = 72 / 25.4
    line = 579 / 20
    title = next(w for w in words if w.text.startswith("关于"))
    lines: dict[float, list[Any]] = {}
    for word in words:
        if word.y_max <= title.y_min:                                  # above the title: the top lines
            lines.setdefault(word.y_min, []).append(word)
    top = [(y, "".join(w.text for w in ws), ws[0].x_min) for y, ws in sorted(lines.items())]
    assert [text for _, text, _ in top] == ["000123", "秘密★1年", "特急"]
    for i, (y, text, x) in enumerate(top):
        assert abs(x / mm - 28) <= 0.5, text                                       # 版心 left edge
        assert abs(y - top[0][0] - i * line) <= 1, text                            # one grid line each
    assert 37 * mm <= top[0][0] < 37 * mm + line                                   # line 1 of the 版心
    html = rendered.to("html").decode()
    assert re.findall(r'<p class="top">([^<]*)</p>', html) == [text for _, text, _ in top]


def it_names_the_profiles_line_for_a_seal_that_cannot_be_used(tmp_path: Path) -> None:
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 10)     # the signature, then no image
    _profile(tmp_path, "names: [某某县纪委监委]\nseal: bad.png\n")
    with pytest.raises(InputError, match="seal: .*bad.png: the seal is not a PNG image") as info:
        render_case(_case(tmp_path), issuer=tmp_path / "organ.issuer.yaml")
    assert (str(info.value.location.path), info.value.position) == (str(tmp_path / "organ.issuer.yaml"), (2, 7))
    _profile(tmp_path, "names: [某某县纪委监委]\nseal: /dev/zero\n")
    with pytest.raises(InputError, match="seal: '/dev/zero': not a regular file"):
        load_issuer(tmp_path / "organ.issuer.yaml")
