"""The 版头 of GB/T 9704-2012 (7.2) as the first paragraphs of the document body.

Everything is laid out in the text flow, in exact heights, so that its place on the page is a sum
of twips that Word and LibreOffice agree on (a floating frame would be placed by each program's
own rules):

* 份号, 密级和保密期限, 紧急程度: 3号黑体, flush left, one grid line each from line 1, in that order;
* a spacer (an empty paragraph of exact height) so that the top of the 发文机关标志 is 35 mm below
  the top of the text block (7.2.4);
* the 标志: red 小标宋, centred, its size fitted to the text block's width; joint issuers stacked in
  a borderless table with the suffix (``文件``) in a second cell, vertically centred;
* the 发文字号 two lines below it (7.2.5), centred — or, for 上行文 with 签发人, left 空一字 on the
  line of the last 签发人, ``签发人：`` in 仿宋 and the names in 楷体, right 空一字 (7.2.6);
* the red separator 4 mm below the 文号 (7.2.7): the 文号 paragraph's bottom border, 156 mm wide;
* the title then follows two lines below the rule (its ``spacing before``).

``Head(top_only=True)`` is only the first lines (份号, 密级, 紧急程度) over a document without a
版头: the 文号 stays under the title.

``Head(blank=True)`` is the same head with the 标志 and the rule left out but their room kept:
for paper with a pre-printed 红头, the 文号 and the title land where they would with a head.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from . import parts

MM = 1440 / 25.4                          # twips in a millimetre
MARK_TOP = round(35 * MM)                 # 7.2.4 标志上边缘至版心上边缘 35 mm
MARK_MAX = 2 * 58                         # the 标志's size at most 58 pt (half-points), as most tools
#: …and at least 22 pt (2号, the title's size): GB/T 9704 7.2.4 leaves the size to the organ "以醒目、
#: 美观、庄重为原则", and a 标志 smaller than the title under it is none of these (a long one shrank to 0 pt).
MARK_MIN = 2 * 22
MARK_LEADING = 1.0                        # the 标志's line height, in ems: the em box, no extra room
RULE_SIZE = 12                            # the red rule 1.5 pt (eighths of a point)
RED = "FF0000"
GAP_LINES = 2                             # 下空二行: under the 标志, and under the rule before the title
#: The ink of a 标志 line starts (and ends) this share of an em inside its exact one-em line: the
#: 标志's top edge is its ink, so the line starts that much above 35 mm.  Measured in LibreOffice's
#: PDF (tests/test_head.py), 0.05 em for sizes 31.5 and 36.5 pt.
INK_INSET = 0.05
#: 7.2.7 分隔线 4 mm below the 发文字号: the border's distance below the 文号's line, in points
#: (``w:space``), that puts it 4 mm below the ink of a 3号 line on the 28.95 pt grid (measured 3.81 mm
#: to its top, 4.11 mm to its middle, in LibreOffice's PDF).
RULE_SPACE = 8


@dataclass(frozen=True, slots=True)
class Head:
    """What the 版头 shows.  ``marks``: one line of the 标志 per issuer (full name or 规范化简称);
    ``suffix``: ``文件`` or ""; ``signers``: 签发人 for a 上行文 (then the 文号 moves left)."""

    marks: tuple[str, ...] = ()
    suffix: str = ""
    number: str = ""
    copy_number: str = ""
    secrecy: str = ""
    urgency: str = ""
    signers: tuple[str, ...] = ()
    blank: bool = False                   # pre-printed paper: keep the room, print no 标志 or rule
    top_only: bool = False                # no 版头 (no profile): only 份号, 密级, 紧急程度, then the title

    @property
    def top_lines(self) -> list[str]:
        """份号, 密级和保密期限, 紧急程度 as printed, top to bottom (7.2.1–7.2.3)."""
        return [text for text in (self.copy_number, self.secrecy, self.urgency) if text]


def mark_size(head: Head) -> int:
    """The 标志's size in half-points: 58 pt, or less so that its widest line fits the 156 mm text
    block (joint issuers: the longest name and the suffix beside it)."""
    widest = max((len(m) for m in head.marks), default=1) + len(head.suffix)
    fit = parts.TEXT_W * 2 // (20 * max(widest, 1))       # twips → half-points per character
    return min(MARK_MAX, fit)


def mark_chars_max(suffix: str = "") -> int:
    """The most characters a 标志 line may have beside ``suffix`` and still print at MARK_MIN."""
    return parts.TEXT_W * 2 // (20 * MARK_MIN) - len(suffix)


def mark_height(head: Head) -> int:
    """The 标志's height in twips: one em box a line."""
    return len(head.marks) * round(mark_size(head) * 10 * MARK_LEADING)


def head_xml(head: Head) -> str:
    """The 版头's paragraphs (the title, which follows them, carries the two lines under the rule)."""
    out = [_top_line(text) for text in head.top_lines]
    if head.top_only:            # 7.2.1–7.2.3 place them at the top left whether or not a 标志 follows
        return "".join(out)
    spacer = MARK_TOP - parts.LINE * len(out) - _inset(head)
    if spacer > 0:
        out.append(_spacer(spacer))
    out.append(_spacer(mark_height(head)) if head.blank or not head.marks else _mark(head))
    out.extend(_number(head))
    return "".join(out)


def title_spacing(head: Head) -> int:
    """Space before the title: 下空二行 under the red rule (7.3.1).  On pre-printed paper the rule's
    own room too (LibreOffice drops a paragraph's space after when the next has space before)."""
    return GAP_LINES * parts.LINE + (_rule_room() if head.blank else 0)


def _rule_room() -> int:
    """What the bottom border adds to the 文号 paragraph: its distance and its width, in twips."""
    return RULE_SPACE * 20 + RULE_SIZE * 20 // 8


def _inset(head: Head) -> int:
    """The gap between a 标志 line's top and its ink, in twips (see INK_INSET)."""
    return round(INK_INSET * mark_size(head) * 10) if head.marks else 0


def _run(text: str, font: str, size: int = parts.SIZE_BODY, *, color: str = "", condense: bool = False) -> str:
    cond = f'<w:spacing w:val="{parts.CONDENSE}"/>' if condense else ""
    col = f'<w:color w:val="{color}"/>' if color else ""
    start = (f"<w:r><w:rPr>{parts.fonts(font)}{col}{cond}<w:kern w:val=\"0\"/><w:sz w:val=\"{size}\"/>"
             f'<w:szCs w:val="{size}"/></w:rPr><w:t xml:space="preserve">')
    return f"{start}{parts.between_scripts(escape(text), '</w:t></w:r>', start)}</w:t></w:r>"


def _exact(height: int, *, before: int = 0) -> str:
    extra = f' w:before="{before}"' if before else ""
    return f'<w:spacing{extra} w:line="{height}" w:lineRule="exact"/>'


def _ppr(inner: str, *, jc: str = "left", rpr: str = "") -> str:
    return (f'<w:pPr><w:keepNext/><w:snapToGrid w:val="0"/>{inner}'
            f'<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="{jc}"/>{rpr}</w:pPr>')


def _top_line(text: str) -> str:
    """份号 / 密级 / 紧急程度: 3号黑体, 顶格, one grid line."""
    return f"<w:p>{_ppr(_exact(parts.LINE))}{_run(text, parts.HEITI)}</w:p>"


def _spacer(height: int) -> str:
    """An empty paragraph exactly ``height`` twips high (its mark run is 1 pt, so no font can
    make it taller)."""
    return f"<w:p>{_ppr(_exact(height), rpr=_TINY)}</w:p>"


_TINY = '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'


def _mark_paragraph(text: str, size: int, jc: str) -> str:
    height = round(size * 10 * MARK_LEADING)
    return f"<w:p>{_ppr(_exact(height), jc=jc)}{_run(text, parts.XIAOBIAOSONG, size, color=RED)}</w:p>"


def _mark(head: Head) -> str:
    """One issuer: one centred line, the suffix in it.  Joint issuers: their names stacked
    (distributed to one width) and the suffix to their right, vertically centred (7.2.4)."""
    size = mark_size(head)
    if len(head.marks) == 1 or not head.suffix:
        return "".join(_mark_paragraph(m + (head.suffix if len(head.marks) == 1 else ""), size, "center")
                       for m in head.marks)
    em = size * 10
    names_w = max(len(m) for m in head.marks) * em
    suffix_w = len(head.suffix) * em
    names = "".join(_mark_paragraph(m, size, "distribute") for m in head.marks)
    suffix = _mark_paragraph(head.suffix, size, "left")
    no_border = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH",
                                                                 "insideV"))
    zero = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
    cell = '<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="{v}"/></w:tcPr>{body}</w:tc>'
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{names_w + suffix_w}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{no_border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f"<w:tblCellMar>{zero}</w:tblCellMar></w:tblPr>"
            f'<w:tblGrid><w:gridCol w:w="{names_w}"/><w:gridCol w:w="{suffix_w}"/></w:tblGrid>'
            "<w:tr>" + cell.format(w=names_w, v="top", body=names) + cell.format(w=suffix_w, v="center", body=suffix)
            + "</w:tr></w:tbl>")


def _rule(head: Head) -> str:
    """The red rule as the 文号 paragraph's bottom border, so Word and LibreOffice draw it in the same
    place; none on pre-printed paper (the title's space before takes its room, title_spacing)."""
    if head.blank:
        return ""
    return (f'<w:pBdr><w:bottom w:val="single" w:sz="{RULE_SIZE}" w:space="{RULE_SPACE}"'
            f' w:color="{RED}"/></w:pBdr>')


def _number(head: Head) -> list[str]:
    """The 发文字号 two lines under the 标志; with 签发人, the names right and the 文号 left on the
    line of the last one (two names a line)."""
    before = GAP_LINES * parts.LINE - _inset(head)      # two lines under the 标志's ink
    if not head.signers:
        ppr = _ppr_with_border(_exact(parts.LINE, before=before), _rule(head), "center")
        return [f"<w:p>{ppr}{_run(head.number, parts.FANGSONG, condense=True) if head.number else ''}</w:p>"]
    rows = [head.signers[i:i + 2] for i in range(0, len(head.signers), 2)]
    out = []
    for i, row in enumerate(rows):
        last = i == len(rows) - 1
        spacing = _exact(parts.LINE, before=before if i == 0 else 0)
        # tab stops, not an indent: the rule (a border) follows the paragraph's indents
        tab = (f'<w:tabs><w:tab w:val="left" w:pos="{parts.CHAR}"/>'
               f'<w:tab w:val="right" w:pos="{parts.TEXT_W - parts.CHAR}"/></w:tabs>')
        ppr = _ppr_with_border(tab + spacing, _rule(head) if last else "", "left")
        runs = "<w:r><w:tab/></w:r>" + (_run(head.number, parts.FANGSONG) if last and head.number else "")
        runs += "<w:r><w:tab/></w:r>"
        runs += _run("签发人：", parts.FANGSONG) if i == 0 else _run("\u3000" * 4, parts.FANGSONG)
        runs += _run("\u3000".join(row), parts.KAITI)
        out.append(f"<w:p>{ppr}{runs}</w:p>")
    return out


def _ppr_with_border(spacing: str, border: str, jc: str) -> str:
    """pPr children in schema order: keepNext, pBdr, tabs, snapToGrid, spacing, ind, jc."""
    tabs = ""
    if spacing.startswith("<w:tabs>"):
        tabs, spacing = spacing.split("</w:tabs>", 1)
        tabs += "</w:tabs>"
    return (f'<w:pPr><w:keepNext/>{border}{tabs}<w:snapToGrid w:val="0"/>{spacing}'
            f'<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>')
