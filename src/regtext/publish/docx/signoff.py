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
from collections.abc import Callable
from dataclasses import dataclass

from . import parts

#: ``seal=SEAL_SPACE``: lay the 落款 out for a seal pressed by hand, but draw none.
SEAL_SPACE = "reserve"

SEAL_MM = 42           # a 4.2 cm round seal: the size when the PNG does not say its own
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
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


def read_png(data: bytes) -> Png:
    """The size of a PNG image; ValueError saying what the bytes are instead."""
    if not data.startswith(_PNG_MAGIC) or len(data) < 33 or data[12:16] != b"IHDR":
        head = data[:8]
        return _not_png(head)
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise ValueError("a PNG image with no pixels")
    per_metre = 0
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"pHYs" and length == 9:
            x, y, unit = struct.unpack(">IIB", data[pos + 8:pos + 17])
            per_metre = x if unit == 1 and x == y else 0
        if kind in (b"IDAT", b"IEND"):
            break
        pos += 12 + length
    return Png(width, height, per_metre)


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

    def _centred(self) -> str:
        """The 署名 and the date centred in one box about ``centre()``, wide enough for either: the
        centring then holds whatever the renderer's widths (LibreOffice adds 0.2 字 between digits
        and Chinese, which Word does not), and only the date's right edge depends on them."""
        half = max(4 * parts.CHAR + width(self.date) // 2,
                   max((width(s) for s in self.signatures), default=0) // 2 + parts.CHAR)
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
        longest = max((width(s) for s in self.signatures), default=0)
        if width(self.date) > longest:
            return parts.TEXT_W - 2 * parts.CHAR - width(self.date)
        return parts.TEXT_W - longest

    @staticmethod
    def _from(left: int) -> str:
        """Flush left from ``left``; room to the right, so that a renderer whose text is a little
        wider than computed (LibreOffice's space between digits and Chinese) does not wrap it."""
        return f'<w:ind w:left="{left}" w:right="{-2 * parts.CHAR}" w:firstLine="0"/><w:jc w:val="left"/>'

    def seal_run(self) -> str:
        """The seal as a picture floating over the 落款 (7.3.5.1), or nothing."""
        if not isinstance(self.seal, bytes):
            return ""
        cx, cy = read_png(self.seal).size_emu()
        x = self.centre() * parts.EMU - cx // 2
        # the 署名 paragraph starts two blank lines under the text above: the seal's top half a
        # line under that text, so the 署名 and date sit a little below the seal's centre
        y = parts.LINE // 2 * parts.EMU    # from the top of the paragraph's space above
        return (
            f'<w:r><w:drawing><wp:anchor xmlns:wp="{WP}" distT="0" distB="0" distL="0" distR="0" simplePos="0"'
            ' relativeHeight="2" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
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
