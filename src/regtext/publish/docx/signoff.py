"""The end of a 公文: 附件说明 (7.3.4), 落款 with or without a seal (7.3.5), 附注 (7.3.6) and the 版记
(7.4) — the parts whose place depends on their neighbours' widths, so no style can say it alone.

Widths are computed, not measured: every character of the body is 3号 condensed by 0.25 pt, so
a Chinese character advances ``parts.PITCH`` (315 twips) and a half-width one (digits of a date)
half of 320 less the same 5.  The organ names of a 署名 are Chinese, so their width is exact.

The 版记 is a one-column table floating at the bottom of the text block (``w:tblpPr``), not
framed paragraphs: LibreOffice drops the borders of consecutive framed paragraphs, but keeps a
table's cell borders, so the thin rules between items survive.  Its horizontal place is
relative to the page (at the left margin): LibreOffice 7.4 turns a floating table that fills the
text block into an ordinary one unless it is placed relative to the page.  The table is followed by an
empty, one-point paragraph that anchors it: anchored to the date instead, the table would drag
the date onto the next page whenever the 版记 does not fit under it (yingji_ju_jiancha printed
the 署名 alone at the foot of page 1).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from . import parts

#: ``seal=SEAL_SPACE``: lay the 落款 out for a seal pressed by hand, but draw none.
SEAL_SPACE = "reserve"

SEAL_MM = 42           # a 4.2 cm round seal: the size when the PNG does not say its own
#: The printed sizes a seal may have, in mm.  GB/T 9704 fixes none; the State Council's rules on
#: seals (国发〔1999〕25号) give round seals of 4.0–6.0 cm (a county organ's 4.2 cm, the State
#: Council's 6 cm).  Below 30 mm a picture is not a seal but a mistake in its pHYs (a 1 px
#: "seal" at 300 dpi is 0.08 mm); above 60 mm it covers the 版记 (a pHYs of 1 px a metre made a 1 m one).
SEAL_MIN_MM, SEAL_MAX_MM = 30, 60
#: The most pixels a side: 60 mm at 1,600 dpi; the pixels are decoded (to prove the file is whole),
#: and a header may claim 100,000 × 100,000 over one pixel of data.
SEAL_MAX_PX = 4000
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}       # PNG colour type → samples a pixel
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


@dataclass(frozen=True, slots=True)
class Png:
    """What the layout needs of a seal picture: its printed size."""

    width_px: int
    height_px: int
    per_metre: int     # pixels a metre from the pHYs chunk; 0 when the file does not say

    def size_emu(self) -> tuple[int, int]:
        """The printed size: the file's own (pHYs), else 42 mm wide keeping the aspect ratio."""
        if self.per_metre:
            return (round(self.width_px / self.per_metre * 36_000_000),
                    round(self.height_px / self.per_metre * 36_000_000))
        width = SEAL_MM * 36_000
        return width, round(width * self.height_px / self.width_px)

    def size_mm(self) -> tuple[float, float]:
        cx, cy = self.size_emu()
        return cx / 36_000, cy / 36_000


def read_png(data: bytes) -> Png:
    """A seal's PNG, checked whole: every chunk's CRC, pixel data that decodes to the size its header
    says, transparency, and a plausible printed size — ValueError saying what is wrong.  A seal
    that does not decode prints nothing (the document goes out unsealed), one of a wrong size
    vanishes or covers the page, and an opaque one would hide the 署名 under white."""
    if not data.startswith(_PNG_MAGIC) or len(data) < 33 or data[12:16] != b"IHDR":
        return _not_png(data[:8])
    chunks = _chunks(data)
    ihdr = chunks[0][1]
    if chunks[0][0] != b"IHDR" or len(ihdr) != 13:
        raise ValueError("a damaged PNG image: its header chunk is not 13 bytes")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
    if not width or not height:
        raise ValueError("a PNG image with no pixels")
    if width > SEAL_MAX_PX or height > SEAL_MAX_PX:
        raise ValueError(f"{width} × {height} pixels: more than {SEAL_MAX_PX} a side is not a seal's picture")
    if colour not in _CHANNELS or interlace not in (0, 1):
        raise ValueError(f"a PNG image of an unknown kind (colour type {colour}, interlace {interlace})")
    kinds = [kind for kind, _ in chunks]
    if colour not in (4, 6) and b"tRNS" not in kinds:
        raise ValueError("an opaque PNG image (no alpha channel, no transparent colour): it would hide the 署名 "
                         "and the date it is pressed on")
    _check_pixels(b"".join(body for kind, body in chunks if kind == b"IDAT"),
                  _raw_size(width, height, depth * _CHANNELS[colour], interlace))
    per_metre = 0
    for kind, body in chunks:
        if kind == b"pHYs" and len(body) == 9:
            x, y, unit = struct.unpack(">IIB", body)
            per_metre = x if unit == 1 and x == y else 0
    png = Png(width, height, per_metre)
    w_mm, h_mm = png.size_mm()
    if not (SEAL_MIN_MM <= w_mm <= SEAL_MAX_MM and SEAL_MIN_MM <= h_mm <= SEAL_MAX_MM):
        raise ValueError(f"{w_mm:.1f} × {h_mm:.1f} mm as printed ({width} × {height} pixels at "
                         f"{per_metre} a metre): a seal is {SEAL_MIN_MM}–{SEAL_MAX_MM} mm")
    return png


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks (kind, data) up to IEND, each with a valid CRC; ValueError for a damaged file."""
    out = []
    pos = 8
    while True:
        if pos + 12 > len(data):
            raise ValueError("a truncated PNG image (no IEND chunk): save it again")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 8 + length
        if end + 4 > len(data):
            raise ValueError(f"a truncated PNG image (the {kind!r} chunk at byte {pos} runs past the end)")
        body = data[pos + 8:end]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[end:end + 4])[0]:
            raise ValueError(f"a damaged PNG image (bad CRC in the {kind.decode('latin-1')} chunk at byte {pos})")
        out.append((kind, body))
        if kind == b"IEND":
            return out
        pos = end + 4


def _raw_size(width: int, height: int, bits: int, interlace: int) -> int:
    """Bytes of the decompressed image data: each row a filter byte and its samples (Adam7 passes)."""
    passes = [(0, 0, 1, 1)] if not interlace else [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    total = 0
    for x0, y0, dx, dy in passes:
        cols, rows = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
        if cols > 0 and rows > 0:
            total += rows * (1 + (cols * bits + 7) // 8)
    return total


def _check_pixels(compressed: bytes, expected: int) -> None:
    """The pixel data inflates to exactly ``expected`` bytes — streamed, so memory stays small."""
    inflate = zlib.decompressobj()
    got = 0
    try:
        chunk = inflate.decompress(compressed, 1 << 20)
        while chunk:
            got += len(chunk)
            if got > expected:
                break
            chunk = inflate.decompress(inflate.unconsumed_tail, 1 << 20)
    except zlib.error as exc:
        raise ValueError(f"a damaged PNG image (its pixel data does not decompress: {exc})") from None
    if got != expected or not inflate.eof:
        raise ValueError(f"a damaged PNG image ({got} bytes of pixel data where its header needs {expected})")


def _not_png(head: bytes) -> Png:
    kinds = {b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"%PDF": "a PDF file", b"<svg": "an SVG file",
             b"<?xm": "an XML file", b"BM": "a BMP image", b"PK": "a zip file"}
    what = next((name for magic, name in kinds.items() if head.startswith(magic)), "not a PNG image")
    raise ValueError(f"{what}, not a PNG image" if what != "not a PNG image" else what)


def width(text: str) -> int:
    """The advance of ``text`` in 3号 condensed characters, in twips."""
    return sum(parts.PITCH if ord(ch) > 0x2E7F else (parts.CHAR // 2 + parts.CONDENSE) for ch in text)


# -- 附件说明 ----------------------------------------------------------------------------------


def attachment_ppr(text: str, first: bool) -> str:
    """正文下空一行, 左空二字; a long name wraps under its own first character: the hanging indent
    is the width of ``附件：`` and of the number ``1.`` before it."""
    head = text[3:] if first and text.startswith("附件：") else text
    number = len(head) - len(head.lstrip("0123456789.．"))
    prefix = width(text[: (3 if first and text.startswith("附件：") else 0)] + head[:number])
    left = 2 * parts.CHAR + (0 if first else width("附件：")) + prefix
    space = parts.spacing(before=parts.LINE) if first else ""
    return space + f'<w:ind w:left="{left}" w:hanging="{prefix}"/>'


# -- 落款 --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signoff:
    """The 落款's horizontal places (twips from the text block's left edge) and its seal."""

    signatures: tuple[str, ...]
    date: str
    seal: bytes | str | None

    @property
    def sealed(self) -> bool:
        return self.seal is not None

    def centre(self) -> int:
        """7.3.5.1: the date right 空四字, the 署名 centred over it, the seal centred on both."""
        return parts.TEXT_W - 4 * parts.CHAR - width(self.date) // 2

    def max_line(self) -> int:
        """The widest line of a 署名 that stays in its place: with a seal, centred on ``centre()``
        with a character to spare each side, no wider than twice the room right of the centre;
        without, 右空二字 with two characters left to the text block's edge, so the date, which
        starts two characters right of the 署名, keeps its place too."""
        if self.sealed:
            return 2 * (parts.TEXT_W - self.centre()) - 2 * parts.CHAR
        return parts.TEXT_W - 4 * parts.CHAR

    def lines(self, text: str) -> list[str]:
        """A 署名 too long for one line (a 纪检监察组 of 37 characters) broken into lines of equal
        width, each at most ``max_line()``: printed on one line it ran off the page.  The
        characters are all kept, in order; only line breaks are added."""
        total, limit = width(text), max(self.max_line(), parts.PITCH)
        count = -(-total // limit)
        if count <= 1:
            return [text]
        target = -(-total // count)
        out: list[str] = []
        line, used = "", 0
        for ch in text:
            w = width(ch)
            if line and (used + w > limit or (used >= target and len(out) < count - 1)):
                out.append(line)
                line, used = "", 0
            line += ch
            used += w
        return [*out, line] if line else out

    def _longest(self) -> int:
        return max((width(line) for s in self.signatures for line in self.lines(s)), default=0)

    def _centred(self) -> str:
        """The 署名 and the date centred in one box about ``centre()``, wide enough for either: the
        centring then holds whatever the renderer's widths (LibreOffice adds 0.2 字 between digits
        and Chinese, which Word does not), and only the date's right edge depends on them."""
        half = max(4 * parts.CHAR + width(self.date) // 2, self._longest() // 2 + parts.CHAR)
        left, right = self.centre() - half, parts.TEXT_W - self.centre() - half
        return f'<w:ind w:left="{left}" w:right="{right}" w:firstLine="0"/><w:jc w:val="center"/>'

    def signature_ppr(self, text: str, first: bool) -> str:
        if self.sealed:
            # 7.3.5.1: two lines of room for the seal, whose top is within one line of the text above
            return parts.spacing(before=2 * parts.LINE if first else 0) + self._centred()
        # 7.3.5.2: 正文下空一行, 署名右空二字
        return parts.spacing(before=parts.LINE if first else 0) + self._from(self._date_start() - 2 * parts.CHAR)

    def date_ppr(self) -> str:
        if self.sealed:
            return self._centred()
        return self._from(self._date_start())

    def _date_start(self) -> int:
        """7.3.5.2: the date starts two characters right of the 署名, which is right 空二字 — unless
        the date is longer than the 署名: then the date is right 空二字 and the 署名 moves left."""
        longest = self._longest()
        if width(self.date) > longest:
            return parts.TEXT_W - 2 * parts.CHAR - width(self.date)
        return parts.TEXT_W - longest

    @staticmethod
    def _from(left: int) -> str:
        """Flush left from ``left``; room to the right, so that a renderer whose text is a little
        wider than computed (LibreOffice's space between digits and Chinese) does not wrap it."""
        return f'<w:ind w:left="{left}" w:right="{-2 * parts.CHAR}" w:firstLine="0"/><w:jc w:val="left"/>'

    def seal_run(self) -> str:
        """The seal as a picture floating on the 落款 (7.3.5.1), or nothing.  It is drawn behind the
        text (``behindDoc``): 7.3.5.1 presses it on the 署名 and the date, and whatever its pixels
        (read_png refuses an opaque picture, but a "transparent" one may still be white where the
        text is), the black text stays on top, readable, as a stamp's ink leaves it on paper."""
        if not isinstance(self.seal, bytes):
            return ""
        cx, cy = read_png(self.seal).size_emu()
        x = self.centre() * parts.EMU - cx // 2
        # the 署名 paragraph starts two blank lines under the text above: the seal's top at that
        # text's line (7.3.5.1: within one line of it), so a 42 mm seal's centre (about two lines
        # down) is at the 署名's top and the 署名 and the date lie below it, 居印章中心偏下
        y = 0    # from the top of the paragraph's space above
        return (
            f'<w:r><w:drawing><wp:anchor xmlns:wp="{WP}" distT="0" distB="0" distL="0" distR="0" simplePos="0"'
            ' relativeHeight="2" behindDoc="1" locked="1" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            '<wp:docPr id="1" name="印章"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}"><pic:pic xmlns:pic="{_PIC}">'
            '<pic:nvPicPr><pic:cNvPr id="1" name="seal.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{parts.SEAL_REL}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            "</wp:anchor></w:drawing></w:r>"
        )


# -- 版记 --------------------------------------------------------------------------------------


def _border(side: str, size: int) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'


def imprint_xml(rows: list[str], printer: str, printed: str, paragraph: Callable[[str, str, str], str], *,
                new_page: bool = False) -> str:
    """The 版记 table: one row an item (抄送 …, then 印发机关 and 印发日期), 0.35 mm rules first and
    last, 0.25 mm between (7.4.1); ``paragraph`` is the writer's paragraph builder (role, text, pPr).
    ``new_page``: at the foot of the next page (double-sided printing puts it on an even page) —
    the break is on the anchor paragraph, which takes the floating table with it."""
    items = [_cc_item(text) for text in rows]
    if printer or printed:
        items.append(_printed_item(printer, printed))
    cells = [paragraph("cc", text, ppr) for text, ppr in items]
    out = [
        "<w:tbl><w:tblPr>"
        '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0"'
        f' w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{parts.MARGIN_LEFT}" w:tblpYSpec="bottom"/>'
        f'<w:tblW w:w="{parts.TEXT_W}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        f'</w:tblPr><w:tblGrid><w:gridCol w:w="{parts.TEXT_W}"/></w:tblGrid>'
    ]
    for i, cell in enumerate(cells):
        top = parts.RULE_THICK if i == 0 else parts.RULE_THIN
        bottom = parts.RULE_THICK if i == len(cells) - 1 else parts.RULE_THIN
        out.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{parts.TEXT_W}" w:type="dxa"/>'
                   f"<w:tcBorders>{_border('top', top)}{_border('bottom', bottom)}</w:tcBorders></w:tcPr>"
                   f"{cell}</w:tc></w:tr>")
    out.append("</w:tbl>")
    # the anchor: one point high, so it never pushes the 落款 onto another page
    brk = "<w:pageBreakBefore/>" if new_page else ""
    out.append(f'<w:p><w:pPr><w:pStyle w:val="GwCc"/>{brk}<w:snapToGrid w:val="0"/>'
               '<w:spacing w:line="20" w:lineRule="exact"/></w:pPr></w:p>')
    return "".join(out)


def _cc_item(text: str) -> tuple[str, str]:
    """抄送：… 左右空一字; lines after the first start under the first name (hanging after 抄送：)."""
    label = text.split("：", 1)[0] + "：" if "：" in text[:6] else ""
    hang = len(label) * parts.CHAR_SMALL
    ppr = f'<w:ind w:left="{parts.CHAR_SMALL + hang}" w:right="{parts.CHAR_SMALL}" w:hanging="{hang}"/>'
    return text, ppr


def _printed_item(printer: str, printed: str) -> tuple[str, str]:
    """印发机关 左空一字, ``2024年5月21日印发`` 右空一字, on one line (a right tab)."""
    tab = parts.TEXT_W - parts.CHAR_SMALL
    ppr = (f'<w:tabs><w:tab w:val="right" w:pos="{tab}"/></w:tabs>'
           f'<w:ind w:left="{parts.CHAR_SMALL}" w:right="0" w:firstLine="0"/>')
    text = f"{printer}\t{printed}印发" if printed else printer
    return text, ppr
