"""LibreOffice (DOCX -> PDF) and poppler (PDF -> text, PNG, font list), for tests.
Each test calls ``require_libreoffice()`` first, so it skips where the programs are missing:

    require_libreoffice()
    pdf = docx_to_pdf(docx, tmp_path)
    pages = pdf_text_layout(pdf)           # [[line, ...], ...] one list per page
    lines = pdf_lines(pdf)                 # [[PdfLine, ...], ...] with each line's box, in points
    fonts = pdf_fonts(pdf)                 # what got embedded
    png = pdf_to_png(pdf, tmp_path / "p")  # tmp_path/p.png, page 1
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

POPPLER_TOOLS = ("pdftotext", "pdftoppm", "pdffonts")

_profile: dict[str, Path] = {}  # this process's LibreOffice user profile, made on first use


def soffice_executable() -> str | None:
    """Path of LibreOffice's soffice, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_libreoffice() -> None:
    """Skip the calling test unless LibreOffice Writer and poppler's tools are installed."""
    missing = []
    if soffice_executable() is None:
        missing.append("LibreOffice (Debian package libreoffice-writer-nogui)")
    if any(shutil.which(tool) is None for tool in POPPLER_TOOLS):
        missing.append(f"{', '.join(POPPLER_TOOLS)} (Debian package poppler-utils)")
    if missing:
        pytest.skip("needs " + " and ".join(missing))


def _profile_dir() -> Path:
    """A private LibreOffice profile for this process, so parallel runs never share (or lock) one.

    Reused by later conversions in the same process: creating a profile costs a few seconds."""
    if "dir" not in _profile:
        _profile["dir"] = Path(tempfile.mkdtemp(prefix="regtext-soffice-"))
        atexit.register(shutil.rmtree, _profile["dir"], True)
    return _profile["dir"]


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run ``cmd``; on timeout kill its whole process group (soffice forks soffice.bin) and raise."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def docx_to_pdf(docx_path: str | Path, out_dir: str | Path, timeout: float = 120) -> Path:
    """Convert a DOCX (or any document Writer opens) to PDF in ``out_dir``; return the PDF's path."""
    soffice = soffice_executable()
    if soffice is None:
        raise FileNotFoundError("soffice not found (Debian package libreoffice-writer-nogui)")
    docx, out = Path(docx_path).resolve(), Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    cmd = [
        soffice,
        f"-env:UserInstallation={_profile_dir().as_uri()}",
        "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
        "--convert-to", "pdf", "--outdir", str(out), str(docx),
    ]  # fmt: skip
    proc = _run(cmd, timeout)
    pdf = out / f"{docx.stem}.pdf"
    if proc.returncode != 0 or not pdf.is_file():
        raise RuntimeError(f"soffice failed ({proc.returncode}) on {docx}:\n{proc.stdout}{proc.stderr}")
    return pdf


def pdf_text_layout(pdf: str | Path) -> list[list[str]]:
    """The PDF's text as ``pdftotext -layout`` lays it out: one list of lines per page."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page, the last one too, with a form feed
    return [[line.rstrip() for line in page.splitlines()] for page in pages]


@dataclass(frozen=True)
class PdfLine:
    """One line of ``pdftotext -bbox-layout``: its box (points from the page's top left) and text."""

    x_min: float
    x_max: float
    height: float
    text: str  # the line's words joined without spaces


def pdf_lines(pdf: str | Path) -> list[list[PdfLine]]:
    """The PDF's lines with their boxes, one list per page, in pdftotext's reading order."""
    from lxml import etree

    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True, resolve_entities=False))
    pages = []
    for page in root.iter("{*}page"):
        lines = []
        for line in page.iter("{*}line"):
            words = list(line.iter("{*}word"))
            lines.append(PdfLine(float(line.attrib["xMin"]), float(line.attrib["xMax"]),
                                 float(line.attrib["yMax"]) - float(line.attrib["yMin"]),
                                 "".join(word.text or "" for word in words)))
        pages.append(lines)
    return pages


def pdf_to_png(pdf: str | Path, out_prefix: str | Path, page: int = 1, dpi: int = 96) -> Path:
    """Render one page of the PDF to ``<out_prefix>.png`` with pdftoppm; return its path."""
    prefix = Path(out_prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    cmd = ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)]
    subprocess.run(cmd, capture_output=True, check=True, timeout=60)
    return prefix.with_name(prefix.name + ".png")


@dataclass(frozen=True)
class PdfFont:
    """One row of ``pdffonts``."""

    name: str  # as in the PDF, with the subset tag: "ABCDEF+FandolFang-Regular"
    type: str  # "CID Type 0C", "TrueType", ...
    encoding: str
    embedded: bool
    subset: bool
    unicode: bool  # has a ToUnicode map, so text can be extracted

    @property
    def base_name(self) -> str:
        """The name without the subset tag: "FandolFang-Regular"."""
        tag, plus, rest = self.name.partition("+")
        return rest if plus and len(tag) == 6 else self.name


def pdf_fonts(pdf: str | Path) -> list[PdfFont]:
    """The fonts the PDF uses, as ``pdffonts`` lists them."""
    lines = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()
    # Columns are fixed-width; their widths are those of the dashes under the header.
    widths = [len(dashes) for dashes in lines[1].split()]
    fonts = []
    for line in lines[2:]:
        cells, pos = [], 0
        for width in widths:
            cells.append(line[pos : pos + width].strip())
            pos += width + 1
        name, type_, encoding, emb, sub, uni = cells[:6]
        fonts.append(PdfFont(name, type_, encoding, emb == "yes", sub == "yes", uni == "yes"))
    return fonts
