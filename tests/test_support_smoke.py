"""The test helpers in tests/support work: Chromium opens, clicks and screenshots a page;
LibreOffice turns a DOCX in 仿宋_GB2312 into a PDF with a CJK font embedded and the text intact."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.browser import chromium_page, require_chromium, screenshot
from tests.support.office import docx_to_pdf, pdf_fonts, pdf_text_layout, pdf_to_png, require_libreoffice

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>smoke</title>
<style>
  body { margin: 0; font: 16px/1.5 "仿宋_GB2312", serif; }
  .spacer { height: 3000px; }
  #x .note { display: none; }
  #x:target .note { display: block; }
</style></head>
<body>
  <p><a id="go" href="#x">第四条</a></p>
  <div class="spacer"></div>
  <section id="x"><h2>第四条</h2><p class="note">生产经营单位的主要负责人对本单位安全生产工作全面负责。</p></section>
  <div class="spacer"></div>
</body></html>
"""

TEXT = "第一条 为了加强安全生产工作，防止和减少生产安全事故，制定本办法。"
CJK_FONT_HINTS = ("Fandol", "Noto", "CJK", "UKai", "UMing", "WenQuanYi", "WQY")


def fangsong_stand_in() -> str | None:
    """The font family fontconfig gives for 仿宋_GB2312, or None without fontconfig."""
    if shutil.which("fc-match") is None:
        return None
    out = subprocess.run(["fc-match", "-f", "%{family[0]}", "仿宋_GB2312"], check=False, capture_output=True, text=True)
    return out.stdout


@pytest.mark.chromium
def test_chromium_follows_an_anchor_link(tmp_path: Path) -> None:
    require_chromium()
    html = tmp_path / "page.html"
    html.write_text(PAGE, encoding="utf-8")
    with chromium_page(width=800, height=600) as page:
        requests: list[str] = []
        page.on("request", lambda r: None if r.url.startswith("file:") else requests.append(r.url))
        page.goto(html.as_uri())
        note = page.locator("#x .note")
        assert not note.is_visible()
        page.click("#go")
        assert page.evaluate("location.hash") == "#x"
        assert note.is_visible()  # shown by #x:target
        assert page.evaluate("window.scrollY") > 2000
        assert abs(page.evaluate("document.getElementById('x').getBoundingClientRect().top")) <= 1
        png = screenshot(page, tmp_path / "shots" / "page.png", width=360)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert page.evaluate("document.documentElement.clientWidth") == 360
        # Chromium draws the GB/T 9704 face with the fontconfig stand-in (.ci/fonts.conf).
        stand_in = fangsong_stand_in()
        if stand_in and stand_in.startswith("Fandol"):
            cdp = page.context.new_cdp_session(page)
            cdp.send("DOM.enable")
            cdp.send("CSS.enable")
            root = cdp.send("DOM.getDocument")["root"]["nodeId"]
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#x .note"})["nodeId"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            assert [f["familyName"].startswith(stand_in) for f in fonts] == [True], fonts
    assert requests == []


@pytest.mark.libreoffice
def test_libreoffice_converts_a_fangsong_docx(tmp_path: Path) -> None:
    require_libreoffice()
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    run = doc.add_paragraph().add_run(TEXT)
    run.font.name = "仿宋_GB2312"
    run.font.size = Pt(16)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    docx = tmp_path / "smoke.docx"
    doc.save(str(docx))

    pdf = docx_to_pdf(docx, tmp_path / "out")
    assert pdf.name == "smoke.pdf" and pdf.read_bytes()[:5] == b"%PDF-"

    fonts = pdf_fonts(pdf)
    assert fonts and all(f.embedded for f in fonts)
    names = [f.base_name for f in fonts]
    assert any(hint in name for name in names for hint in CJK_FONT_HINTS), names
    stand_in = fangsong_stand_in()
    if stand_in and stand_in.startswith("Fandol"):
        assert any(name.startswith(stand_in) for name in names), names

    pages = pdf_text_layout(pdf)
    assert len(pages) == 1
    assert "".join(TEXT.split()) in "".join("".join(line.split()) for line in pages[0])

    png = pdf_to_png(pdf, tmp_path / "page1", dpi=48)
    assert png == tmp_path / "page1.png" and png.read_bytes()[:4] == b"\x89PNG"
