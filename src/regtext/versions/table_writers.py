"""The 新旧对照表 (table.Table) written as an HTML page, a Markdown table and an A4 landscape DOCX.

The marks are the same in all three: 新增 bold and underlined, 删除 struck through.

* HTML: ``<ins>`` (styled bold and underlined) and ``<del>``; a division row spans both text
  columns (or, renamed or renumbered, shows each side's heading).
* Markdown: ``<u>**新增**</u>`` and ``<s>删除</s>``.  The HTML tags are there for Chinese text:
  CommonMark opens ``**`` only where the delimiter is not squeezed between a letter and a
  punctuation mark, so ``应当**，增加**`` stays literal asterisks; inside ``<u>…</u>`` the
  delimiters always touch ``>``/``<`` and always count.  ``~~`` has the same rule and no tag that
  would add nothing, so deletions are ``<s>`` alone.  A paragraph break inside a cell is
  ``<br>``; a division row, which a Markdown table cannot span, is its heading in bold in the
  修改前 column (each side's in ``<b>`` when they differ: ``**`` around marks of its own would not nest).
* DOCX: GB/T 9704's fonts (仿宋 text, 黑体 header, 小标宋 title) on A4 landscape, with the
  portrait text block turned (225 × 156 mm) and the header row repeated on every page
  (``w:tblHeader``).  Rows may break across pages: a row that may not (``cantSplit``) and is
  longer than a page is cut off by LibreOffice, and a long article would lose its end.
"""

from __future__ import annotations

import re
from html import escape

from ..htmlpage import page_shell
from ..publish.docx import parts
from ..publish.docx.package import zip_parts
from ..publish.docx.writer import _xml_text  # the one escaping of DOCX text (drops what XML 1.0 cannot hold)
from .formats import Options
from .model import Alignment
from .table import HEADER, Para, Row, Table, comparison_table


def html(alignment: Alignment, options: Options) -> str:
    return to_html(comparison_table(alignment, unchanged=options.unchanged))


def markdown(alignment: Alignment, options: Options) -> str:
    return to_markdown(comparison_table(alignment, unchanged=options.unchanged))


def docx(alignment: Alignment, options: Options) -> bytes:
    return to_docx(comparison_table(alignment, unchanged=options.unchanged))


# -- HTML ------------------------------------------------------------------------------------------

_STYLE = """
body { font-family: "FangSong", "STFangsong", "仿宋", serif; margin: 1.5rem; color: #111; line-height: 1.7; }
h1 { font-family: "SimSun", "Songti SC", serif; text-align: center; font-size: 1.5rem; }
p.legend { margin: .2rem 0; font-size: .95rem; }
table.compare { border-collapse: collapse; width: 100%; margin-top: 1rem; table-layout: fixed; }
table.compare th, table.compare td { border: 1px solid #444; padding: .35rem .5rem; vertical-align: top; }
table.compare thead th { font-family: "SimHei", "Heiti SC", sans-serif; background: #eee; }
table.compare col.text { width: 40%; } table.compare col.note { width: 20%; }
table.compare tr.division th { text-align: center; font-family: "SimHei", "Heiti SC", sans-serif; font-weight: 600; }
table.compare p { margin: 0 0 .3rem; }
ins { font-weight: bold; text-decoration: underline; }
del { text-decoration: line-through; }
@media print { thead { display: table-header-group; } tr { break-inside: avoid; } body { margin: 0; } }
@media (max-width: 40rem) { body { margin: .5rem; } table.compare th, table.compare td { padding: .2rem; } }
"""

_TAG = {"ins": "ins", "del": "del"}


def to_html(table: Table) -> str:
    out = [f"<h1>{escape(table.title)}</h1>\n"]
    out += [f'<p class="legend">{escape(line)}</p>\n' for line in table.notes()]
    out.append('<table class="compare">\n<colgroup><col class="text"><col class="text"><col class="note"></colgroup>\n')
    out.append("<thead><tr>" + "".join(f'<th scope="col">{name}</th>' for name in HEADER) + "</tr></thead>\n<tbody>\n")
    for row in table.rows:
        out.append(_html_row(row))
    out.append("</tbody>\n</table>\n")
    return page_shell(table.title, _STYLE, "".join(out), {"generator": "regtext"})


def _html_row(row: Row) -> str:
    note = "".join(f"<p>{escape(line)}</p>" for line in row.note.split("\n") if line)
    if row.kind == "division" and not row.new:
        return f'<tr class="division"><th colspan="2" scope="colgroup">{_html_cell(row.old)}</th><td></td></tr>\n'
    if row.kind == "division":     # renamed or renumbered: each side its own heading
        return f'<tr class="division"><th>{_html_cell(row.old)}</th><th>{_html_cell(row.new)}</th><td>{note}</td></tr>\n'
    return f"<tr><td>{_html_paras(row.old)}</td><td>{_html_paras(row.new)}</td><td>{note}</td></tr>\n"


def _html_paras(paras: tuple[Para, ...]) -> str:
    return "".join(f"<p>{_html_cell((para,))}</p>" for para in paras)


def _html_cell(paras: tuple[Para, ...]) -> str:
    return "".join(f"<{_TAG[mark]}>{escape(text)}</{_TAG[mark]}>" if mark else escape(text)
                   for para in paras for mark, text in para)


# -- Markdown --------------------------------------------------------------------------------------

_EDGE_SPACE = re.compile(r"^(\s*)(.*?)(\s*)$", re.S)


def to_markdown(table: Table) -> str:
    lines = [f"# {_md_text(table.title)}", ""]
    lines += [line for note in table.notes() for line in (_md_text(note), "")]
    lines.append("| " + " | ".join(HEADER) + " |")
    lines.append("| --- | --- | --- |")
    for row in table.rows:
        note = "<br>".join(_md_text(line) for line in row.note.split("\n") if line)
        if row.kind == "division" and not row.new:
            lines.append(f"| **{_md_paras(row.old)}** |  |  |")
        elif row.kind == "division":   # <b>, not **: the heading's own marks are inside
            lines.append(f"| <b>{_md_paras(row.old)}</b> | <b>{_md_paras(row.new)}</b> | {note} |")
        else:
            lines.append(f"| {_md_paras(row.old)} | {_md_paras(row.new)} | {note} |")
    return "\n".join(lines) + "\n"


def _md_paras(paras: tuple[Para, ...]) -> str:
    return "<br>".join("".join(_md_run(mark, text) for mark, text in para) for para in paras)


def _md_run(mark: str, text: str) -> str:
    """A marked run with its edge spaces outside the mark: ``** 增加**`` would not be bold."""
    lead, core, trail = _EDGE_SPACE.match(text).groups()  # type: ignore[union-attr]  # matches any text
    if not mark or not core:
        return _md_text(text)
    inner = f"<u>**{_md_text(core)}**</u>" if mark == "ins" else f"<s>{_md_text(core)}</s>"
    return _md_text(lead) + inner + _md_text(trail)


def _md_text(text: str) -> str:
    """Text in a table cell: Markdown's own escapes, and ``~`` (strikethrough), ``&`` (entities)."""
    from ..export.markdown import escape

    return escape(text).replace("&", "&amp;").replace("~", "\\~")


# -- DOCX ------------------------------------------------------------------------------------------

#: A4 landscape with GB/T 9704's text block turned: 225 mm wide, 156 mm high (5.2.1).
_PAGE_W, _PAGE_H = parts.PAGE_H, parts.PAGE_W
_LEFT, _RIGHT, _TOP, _BOTTOM = parts.MARGIN_TOP, parts.MARGIN_BOTTOM, parts.MARGIN_LEFT, parts.MARGIN_RIGHT
_TEXT_W = _PAGE_W - _LEFT - _RIGHT                       # 12756 twips = 225 mm
_FOOTER = _BOTTOM - (parts.MARGIN_BOTTOM - parts.FOOTER)  # the page number as far below the text as in portrait
_COLUMNS = (5102, 5102, _TEXT_W - 2 * 5102)              # 修改前 40 %, 修改后 40 %, 说明 20 %
_SIZE = parts.SIZE_SMALL                                 # 4号 (14 pt): 18 characters a text column line
_LINE = 420                                              # exact 21 pt lines in the table
_BORDER = 4                                              # 0.5 pt rules (eighths of a point)

_SECTION = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>'
    f'<w:pgSz w:w="{_PAGE_W}" w:h="{_PAGE_H}" w:orient="landscape"/>'
    f'<w:pgMar w:top="{_TOP}" w:right="{_RIGHT}" w:bottom="{_BOTTOM}" w:left="{_LEFT}"'
    f' w:header="851" w:footer="{_FOOTER}" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>'
)

#: The parts every table document has the same: compressed once per process.
_SHARED = frozenset(("[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "word/styles.xml",
                     "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
                     "word/_rels/document.xml.rels"))


def to_docx(table: Table) -> bytes:
    """The same table gives the same bytes: no dates, parts in a fixed order (package.zip_parts)."""
    items: list[tuple[str, str | bytes]] = [
        ("[Content_Types].xml", parts.CONTENT_TYPES),
        ("_rels/.rels", parts.PACKAGE_RELS),
        ("docProps/core.xml", parts.core(_xml(table.title))),
        ("docProps/app.xml", parts.APP),
        ("word/document.xml", _document(table)),
        ("word/styles.xml", parts.STYLES),
        ("word/settings.xml", parts.SETTINGS),
        ("word/fontTable.xml", parts.FONT_TABLE),
        ("word/footer1.xml", parts.FOOTER_ODD),
        ("word/footer2.xml", parts.FOOTER_EVEN),
        ("word/_rels/document.xml.rels", parts.DOCUMENT_RELS),
    ]
    return zip_parts(items, shared=_SHARED)


def _document(table: Table) -> str:
    out = [parts.XML_DECL, f'<w:document xmlns:w="{parts.W}" xmlns:r="{parts.R}"><w:body>',
           f'<w:p><w:pPr><w:pStyle w:val="GwTitle"/></w:pPr>{_run(table.title)}</w:p>']
    out += [_paragraph((("", line),), before=parts.LINE if n == 0 else 0) for n, line in enumerate(table.notes())]
    out.append(_table_start())
    out.append(_tr([_tc(_COLUMNS[n], _paragraph((("", name),), font=parts.HEITI, jc="center"))
                    for n, name in enumerate(HEADER)], header=True))
    for row in table.rows:
        out.append(_docx_row(row))
    out.append("</w:tbl>")
    out.append(_paragraph(()))        # a table cannot end the body: Word wants a paragraph after it
    out.append(_SECTION)
    out.append("</w:body></w:document>")
    return "".join(out)


def _table_start() -> str:
    border = f'w:val="single" w:sz="{_BORDER}" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{_TEXT_W}" w:type="dxa"/><w:jc w:val="center"/>'
            f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{width}"/>' for width in _COLUMNS) + "</w:tblGrid>")


def _docx_row(row: Row) -> str:
    note = [(("", line),) for line in row.note.split("\n") if line]
    if row.kind == "division" and not row.new:
        heading = _paragraph(row.old[0], font=parts.HEITI, jc="center")
        return _tr([_tc(_COLUMNS[0] + _COLUMNS[1], heading, span=2), _tc(_COLUMNS[2], _paragraph(()))])
    if row.kind == "division":     # renamed or renumbered: each side its own heading
        return _tr([_tc(_COLUMNS[0], _paragraph(row.old[0], font=parts.HEITI, jc="center")),
                    _tc(_COLUMNS[1], _paragraph(row.new[0], font=parts.HEITI, jc="center")),
                    _tc(_COLUMNS[2], _paragraphs(tuple(note)))])
    return _tr([_tc(_COLUMNS[0], _paragraphs(row.old)), _tc(_COLUMNS[1], _paragraphs(row.new)),
                _tc(_COLUMNS[2], _paragraphs(tuple(note)))])


def _tr(cells: list[str], *, header: bool = False) -> str:
    props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def _tc(width: int, content: str, *, span: int = 1) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr>{content}</w:tc>'


def _paragraphs(paras: tuple[Para, ...]) -> str:
    """A cell needs at least one paragraph, even an empty one (an inserted article's 修改前)."""
    return "".join(_paragraph(para) for para in paras) or _paragraph(())


def _paragraph(para: Para, *, font: str = parts.FANGSONG, jc: str = "both", before: int = 0) -> str:
    space = f' w:before="{before}"' if before else ""
    ppr = (f'<w:pPr><w:spacing{space} w:line="{_LINE}" w:lineRule="exact"/><w:ind w:left="0" w:right="0"'
           f' w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>')
    return f"<w:p>{ppr}{''.join(_run(text, mark, font) for mark, text in para)}</w:p>"


_MARK_RPR = {"": "", "ins": '<w:b/><w:bCs/><w:u w:val="single"/>', "del": '<w:strike/>'}


def _run(text: str, mark: str | None = None, font: str = parts.FANGSONG) -> str:
    """One run (cut where Latin meets Chinese, parts.between_scripts); ``mark`` None: the title,
    which its paragraph style sets."""
    rpr = "" if mark is None else (f"<w:rPr>{parts.fonts(font)}{_MARK_RPR[mark]}<w:spacing w:val=\"0\"/>"
                                   f'<w:sz w:val="{_SIZE}"/><w:szCs w:val="{_SIZE}"/></w:rPr>')
    start = f'<w:r>{rpr}<w:t xml:space="preserve">'
    return start + parts.between_scripts(_xml(text), "</w:t></w:r>", start) + "</w:t></w:r>"


def _xml(text: str) -> str:
    return _xml_text(text)
