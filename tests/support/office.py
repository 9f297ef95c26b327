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
from collections.abc import Callable
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


@dataclass(frozen=True)
class PdfWord:
    """One word of ``pdftotext -bbox-layout``: its box in points from the page's top left."""

    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def pdf_words(pdf: str | Path) -> list[list[PdfWord]]:
    """The PDF's words with their boxes, one list per page, in pdftotext's reading order."""
    from lxml import etree

    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True, resolve_entities=False))
    return [[PdfWord(float(w.attrib["xMin"]), float(w.attrib["yMin"]), float(w.attrib["xMax"]), float(w.attrib["yMax"]),
                     w.text or "") for w in page.iter("{*}word")] for page in root.iter("{*}page")]


@dataclass(frozen=True)
class ColourBand:
    """Consecutive pixel rows holding the colour, in points from the page's top left: the rows'
    extent (top, bottom) and the widest horizontal extent (left, right) of the colour in them."""

    top: float
    bottom: float
    left: float
    right: float


def _channel_mask(data: bytes, offset: int, table: bytes) -> int:
    """One bit a pixel (as a byte 0/1 of a big integer): whether channel ``offset`` passes ``table``."""
    return int.from_bytes(data[offset::3].translate(table), "big")


_HIGH = bytes(1 if v >= 180 else 0 for v in range(256))
_LOW = bytes(1 if v <= 110 else 0 for v in range(256))


#: Channel tests (red, green, blue) of the colours ``colour_bands`` finds.
COLOURS = {"red": (_HIGH, _LOW, _LOW), "dark": (_LOW, _LOW, _LOW)}


def colour_bands(pdf: str | Path, colour: str = "red", page: int = 1, dpi: int = 300) -> list[ColourBand]:
    """Where the page is red (R ≥ 180, G and B ≤ 110) or dark (all ≤ 110), as bands of consecutive
    pixel rows: the red rule and the red 发文机关标志 of a 版头, which pdftotext does not report (a
    rule is no text), and the ink of a line of text (pdftotext's box is the font's, not the ink's).
    Rendered with pdftoppm (pdf_raster)."""
    red_t, green_t, blue_t = COLOURS[colour]
    raster = pdf_raster(pdf, page, dpi)
    width, height, pixels = raster.width, raster.height, raster.data
    scale = 72 / dpi
    rows: list[tuple[int, int, int]] = []
    stride = 3 * width
    for y in range(height):
        row = pixels[y * stride:(y + 1) * stride]
        red = _channel_mask(row, 0, red_t) & _channel_mask(row, 1, green_t) & _channel_mask(row, 2, blue_t)
        if red:
            mask = red.to_bytes(width, "big")
            rows.append((y, mask.index(1), mask.rindex(1)))
    bands: list[ColourBand] = []
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i][0] != rows[i - 1][0] + 1:
            group = rows[start:i]
            bands.append(ColourBand(group[0][0] * scale, (group[-1][0] + 1) * scale,
                                    min(r[1] for r in group) * scale, (max(r[2] for r in group) + 1) * scale))
            start = i
    return bands


@dataclass(frozen=True)
class Raster:
    """One page as pixels (pdftoppm's PPM): ``rgb(x, y)``; ``dpi`` converts to millimetres."""

    width: int
    height: int
    dpi: int
    data: bytes

    def rgb(self, x: int, y: int) -> tuple[int, int, int]:
        i = 3 * (y * self.width + x)
        return self.data[i], self.data[i + 1], self.data[i + 2]

    def mm(self, pixels: float) -> float:
        return pixels * 25.4 / self.dpi

    def px(self, mm: float) -> int:
        return round(mm / 25.4 * self.dpi)


def pdf_raster(pdf: str | Path, page: int, dpi: int = 300) -> Raster:
    """One page rendered by pdftoppm as RGB pixels (a binary PPM read without an imaging library)."""
    data = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
                          capture_output=True, check=True, timeout=120).stdout
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:                      # P6 width height maxval, separated by whitespace
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P6" and fields[3] == b"255", fields
    width, height = int(fields[1]), int(fields[2])
    return Raster(width, height, dpi, data[pos + 1:pos + 1 + 3 * width * height])


def dark_rows(raster: Raster, x_mm: tuple[float, float], y_mm: tuple[float, float] = (0, 297),
              share: float = 0.95) -> list[tuple[float, float]]:
    """Horizontal rules: (top, thickness) in mm of each run of rows whose pixels are dark over
    ``share`` of the width ``x_mm`` (every fourth pixel looked at), within the band ``y_mm``."""
    xs = range(raster.px(x_mm[0]), raster.px(x_mm[1]), 4)
    rules: list[tuple[float, float]] = []
    start = None
    for y in range(raster.px(y_mm[0]), min(raster.height, raster.px(y_mm[1])) + 1):
        dark = sum(1 for x in xs if sum(raster.rgb(x, y)) < 300) >= share * len(xs)
        if dark and start is None:
            start = y
        elif not dark and start is not None:
            rules.append((raster.mm(start), raster.mm(y - start)))
            start = None
    return rules


def ink_box(raster: Raster, x_mm: tuple[float, float], y_mm: tuple[float, float],
            ink: Callable[[tuple[int, int, int]], bool]) -> tuple[float, float, float, float] | None:
    """The box (left, top, right, bottom, in mm) of the pixels ``ink`` picks within a region."""
    found = [(x, y) for y in range(raster.px(y_mm[0]), raster.px(y_mm[1]))
             for x in range(raster.px(x_mm[0]), raster.px(x_mm[1])) if ink(raster.rgb(x, y))]
    if not found:
        return None
    xs, ys = [x for x, _ in found], [y for _, y in found]
    return raster.mm(min(xs)), raster.mm(min(ys)), raster.mm(max(xs) + 1), raster.mm(max(ys) + 1)
