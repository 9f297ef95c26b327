"""The fixed parts of every document: styles, settings, footers, fonts, content types, rels.

Written as XML text rather than built through python-docx, for two reasons: python-docx's
``font.name`` never writes ``w:eastAsia`` (so Chinese text would fall back to whatever font the
reader likes) and opening its default template costs ~40 ms a document, while these strings cost
nothing.  Every number here comes from GB/T 9704-2012 (design.md §8); the module constants name
them, so a reader can check each value against the clause.

Units: twips (1/20 pt) for lengths, half-points for font sizes, eighths of a point for borders.
"""

from __future__ import annotations

import re

# --- GB/T 9704-2012 values ------------------------------------------------------------------
PAGE_W, PAGE_H = 11906, 16838                   # 5.1   A4
MARGIN_TOP, MARGIN_BOTTOM = 2098, 1984          # 5.2.1 37 mm; 35 mm, so the text block is 225 mm high
MARGIN_LEFT, MARGIN_RIGHT = 1587, 1474          # 5.2.1 28 mm; 26 mm, so the text block is 156 mm wide
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT    # 8845 twips = 156 mm
FOOTER = 1384                                   # 7.5   puts the 一字线 7 mm below the text block
LINE = 579                                      # 5.2.3 22 lines in 225 mm: 580 would give only 21
CONDENSE = -5                                   # 5.2.3 -0.25 pt a character: 28 × 15.75 pt fit 156 mm
SIZE_BODY, SIZE_TITLE, SIZE_SMALL = 32, 44, 28  # 3号 16 pt, 2号 22 pt, 4号 14 pt (half-points)
CHAR = 320                                      # one 字 of 3号 text (16 pt) in twips
CHAR_SMALL = 280                                # one 字 of 4号 text (14 pt)
RULE_THICK = 8                                  # 7.4.1 版记 first and last rules 0.35 mm (eighths of a pt)
RULE_THIN = 6                                   # 7.4.1 版记 rules between items 0.25 mm (0.75 pt: 0.26 mm)
PITCH = CHAR + CONDENSE                         # 315: the advance of one condensed 3号 character
EMU = 635                                       # EMU a twip (DrawingML lengths)

FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "方正小标宋简体"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def fonts(name: str) -> str:
    """All four slots: ascii/hAnsi alone would leave Chinese text to the reader's default font."""
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'


#: Where ASCII digits or letters meet a Chinese character (either order).  Applied to escaped
#: text: an entity (&amp; &lt;) ends in ";", which is neither, so no entity is ever split.
_SCRIPT_CHANGE = re.compile("(?<=[0-9A-Za-z])(?=[\u3007\u3400-\u9fff\uf900-\ufaff])"
                            "|(?<=[\u3007\u3400-\u9fff\uf900-\ufaff])(?=[0-9A-Za-z])")
#: A field whose result is nothing: no result runs, and QUOTE of an empty string gives an empty
#: one when a reader updates it.  Measured in LibreOffice 7.4 (no width, no character in the PDF);
#: Word and WPS follow the OOXML meaning of fldSimple — not tried on this machine, which has neither.
EMPTY_FIELD = '<w:fldSimple w:instr=" QUOTE &quot;&quot; "/>'


def between_scripts(text: str, close: str, reopen: str) -> str:
    """``text`` (escaped, inside a ``w:t``) with EMPTY_FIELD wherever digits or Latin letters meet
    Chinese: ``close`` ends the run before it, ``reopen`` starts the next.  LibreOffice 7.4 drops
    autoSpaceDE/DN on import and puts 1/5 of the font size (3.2 pt) between Latin and Asian script
    after any text portion that has a width — 2024年5月20日 came out 5.6 mm wider than Word lays
    it and the sealed 落款's date ended 3.1 mm off 右空四字.  The field between them has no width."""
    return _SCRIPT_CHANGE.sub(lambda _: close + EMPTY_FIELD + reopen, text)


def spacing(*, before: int = 0, after: int = 0) -> str:
    """Exact line height everywhere: a line grid only holds if no line can grow."""
    extra = (f' w:before="{before}"' if before else "") + (f' w:after="{after}"' if after else "")
    return f'<w:spacing{extra} w:line="{LINE}" w:lineRule="exact"/>'


def _rpr(font: str, size: int, *, condense: bool = True) -> str:
    cond = f'<w:spacing w:val="{CONDENSE}"/>' if condense else '<w:spacing w:val="0"/>'
    return (f"<w:rPr>{fonts(font)}{cond}<w:kern w:val=\"0\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
            '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>')


def _style(style_id: str, name: str, font: str, size: int = SIZE_BODY, *, keep: str = "", before: int = 0,
           ind: str = "", jc: str = "", outline: int | None = None, based_on: str = "Normal",
           condense: bool = True) -> str:
    """A paragraph style that spells out its fonts, size and exact line height itself, rather than
    inheriting them: a reader that resolves no inheritance (python-docx, some converters) still
    sees the standard's values.  ``keep`` holds the pPr children that come before the spacing."""
    ppr = (keep + spacing(before=before) + ind + (f'<w:jc w:val="{jc}"/>' if jc else "")
           + (f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""))
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based_on}"/><w:qFormat/><w:pPr>{ppr}</w:pPr>'
            f"{_rpr(font, size, condense=condense)}</w:style>")


def _ind(*, left: int = 0, right: int = 0, first_line: int = 0) -> str:
    first = f' w:firstLine="{first_line}"' if first_line else ' w:firstLine="0"'
    return f'<w:ind w:left="{left}" w:right="{right}"{first}/>'


# One paragraph style a role: the document body carries no direct formatting but a style name,
# so a drafter who edits the file in Word or WPS keeps the layout by picking the style.
STYLE_OF = {
    "title": "GwTitle", "number": "GwNumber", "addressee": "GwAddressee", "body": "GwBody",
    "heading1": "GwHeading1", "heading2": "GwHeading2", "heading3": "GwHeading3",
    "signature": "GwSignature", "date": "GwDate", "cc": "GwCc",
    "note": "GwNote",   # an indented 楷体 block: a trainer's note in a study handout
    "attachment": "GwAttachment", "annotation": "GwAnnotation",
}

_BODY_IND = _ind(first_line=2 * CHAR)      # 7.3.3 首行缩进 2 字
_RIGHT4 = _ind(right=4 * CHAR)             # 7.3.5 右空 4 字

# No widow control (it would move a line and break the 22-line page), no extra space between
# Chinese and Latin/digits (it would break the 28-character line; Word obeys, LibreOffice 7.4
# ignores autoSpaceDE/DN), justified, exact lines.  overflowPunct is ON: with it off, LibreOffice
# 7.4 hangs a line-end 、，。；： into the margin and, on condensed text, often paints nothing at all
# (之规定，经 printed 之规定经); with it on, LibreOffice never hangs punctuation but keeps it with
# the character before it (禁则), moving both to the next line — the line holds 27 characters,
# justified to the full width, and nothing is lost.  Word and WPS hang it past the margin instead.
_PPR_BASE = ('<w:widowControl w:val="0"/><w:overflowPunct w:val="1"/>'
             '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
             + spacing() + '<w:jc w:val="both"/>')

STYLES = XML_DECL + (
    f'<w:styles xmlns:w="{W}">'
    # docDefaults: what every paragraph and run inherits, and what readers fall back on
    "<w:docDefaults><w:rPrDefault>" + _rpr(FANGSONG, SIZE_BODY) + "</w:rPrDefault>"
    f"<w:pPrDefault><w:pPr>{_PPR_BASE}</w:pPr></w:pPrDefault></w:docDefaults>"
    # Normal: no indent, justified — the base of every other style
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    f'<w:pPr>{_PPR_BASE}</w:pPr>{_rpr(FANGSONG, SIZE_BODY)}</w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    + _style("GwTitle", "Gw Title", XIAOBIAOSONG, SIZE_TITLE, condense=False, ind=_ind(), jc="center", outline=0,
             keep='<w:keepNext/><w:keepLines/><w:snapToGrid w:val="0"/>')   # 22 pt would take 2 grid lines
    + _style("GwNumber", "Gw Number", FANGSONG, keep="<w:keepNext/>", ind=_ind(), jc="center")
    + _style("GwAddressee", "Gw Addressee", FANGSONG, keep="<w:keepNext/>", ind=_ind())
    + _style("GwBody", "Gw Body", FANGSONG, ind=_BODY_IND, jc="both")
    + _style("GwHeading1", "Gw Heading 1", HEITI, keep="<w:keepNext/>", ind=_BODY_IND, outline=1, based_on="GwBody")
    + _style("GwHeading2", "Gw Heading 2", KAITI, keep="<w:keepNext/>", ind=_BODY_IND, outline=2, based_on="GwBody")
    + _style("GwHeading3", "Gw Heading 3", FANGSONG, keep="<w:keepNext/>", ind=_BODY_IND, outline=3,
             based_on="GwBody")
    + _style("GwNote", "Gw Note", KAITI, ind=_ind(left=2 * CHAR, first_line=2 * CHAR), jc="both", based_on="GwBody")
    # 7.3.5: 正文下空一行, 右空四字
    + _style("GwSignature", "Gw Signature", FANGSONG, keep="<w:keepNext/><w:keepLines/>", before=LINE,
             ind=_RIGHT4, jc="right")
    + _style("GwDate", "Gw Date", FANGSONG, keep="<w:keepLines/>", ind=_RIGHT4, jc="right")
    # 7.3.4 附件说明 and 7.3.6 附注: 左空二字; hanging indents and the space above are set in signoff.py
    + _style("GwAttachment", "Gw Attachment", FANGSONG, keep="<w:keepLines/>",
             ind=_ind(left=2 * CHAR), jc="left")
    + _style("GwAnnotation", "Gw Annotation", FANGSONG, keep="<w:keepLines/>", ind=_ind(left=2 * CHAR), jc="left")
    # 7.4 版记: 4号, 左右各空一字; its table and rules are set in signoff.py
    + _style("GwCc", "Gw Cc", FANGSONG, SIZE_SMALL, keep="<w:keepLines/>",
             ind=_ind(left=CHAR_SMALL, right=CHAR_SMALL), jc="left")
    + _style("GwPageNumber", "Gw Page Number", SONGTI, SIZE_SMALL, condense=False, ind=_ind())
    + "</w:styles>"
)

SETTINGS = XML_DECL + (
    f'<w:settings xmlns:w="{W}">'
    '<w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="420"/>'
    # 7.5: page numbers right on odd pages, left on even ones — two footers
    "<w:evenAndOddHeaders/>"
    # full-width punctuation stays one em: 28 characters a line with or without punctuation
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
    ' w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    "</w:settings>"
)


def _footer(align: str, indent: str) -> str:
    """``— 1 —`` in 4号宋体: 一字线 either side of a PAGE field (7.5)."""
    run = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             '<w:r><w:t>1</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return XML_DECL + (
        f'<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="GwPageNumber"/>{indent}'
        f'<w:jc w:val="{align}"/></w:pPr>{run.format("— ")}{field}{run.format(" —")}</w:p></w:ftr>'
    )


FOOTER_ODD = _footer("right", _ind(right=CHAR_SMALL))    # odd pages: 右空一字
FOOTER_EVEN = _footer("left", _ind(left=CHAR_SMALL))     # even pages: 左空一字

SECTION = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>'
    f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
    f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}"'
    f' w:header="851" w:footer="{FOOTER}" w:gutter="0"/>'
    '<w:cols w:space="425"/>'
    # type="lines", not "linesAndChars": LibreOffice ignores a character grid (design.md §8)
    f'<w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>'
)

#: The footer of pages that carry no number (7.5: a blank page before the 版记 page, and that page).
FOOTER_NONE = XML_DECL + f'<w:ftr xmlns:w="{W}"><w:p/></w:ftr>'
FOOTER_NONE_PART, FOOTER_NONE_REL = "word/footer3.xml", "rId7"

#: The last section of a double-sided document whose 版记 follows a blank page (publish/duplex.py):
#: it starts on a new page and both its pages carry the empty footer.  It names its footers itself
#: (a section without them inherits the numbered ones) and no header (a letterhead is for page 1).
SECTION_UNNUMBERED = (
    SECTION.replace('r:id="rId4"', f'r:id="{FOOTER_NONE_REL}"').replace('r:id="rId5"', f'r:id="{FOOTER_NONE_REL}"')
    .replace("<w:pgSz", '<w:type w:val="nextPage"/><w:pgSz', 1)
)


def with_unnumbered_footer(items: list[tuple[str, str | bytes]]) -> list[tuple[str, str | bytes]]:
    """The package's parts with the empty footer SECTION_UNNUMBERED refers to: the part, its
    content type and its relationship."""
    out: list[tuple[str, str | bytes]] = []
    for name, text in items:
        if name == "[Content_Types].xml" and isinstance(text, str):
            text = text.replace("</Types>", f'<Override PartName="/{FOOTER_NONE_PART}"'
                                f' ContentType="{_WML}.footer+xml"/></Types>')
        elif name == "word/_rels/document.xml.rels" and isinstance(text, str):
            text = text.replace("</Relationships>", f'<Relationship Id="{FOOTER_NONE_REL}" Type="{_OD}/footer"'
                                ' Target="footer3.xml"/></Relationships>')
        out.append((name, text))
    out.append((FOOTER_NONE_PART, FOOTER_NONE))
    return out


def _font(name: str, alt: str, family: str) -> str:
    # charset 86 = GB2312: tells Word which script the font is for when it has to substitute
    return (f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>')


FONT_TABLE = XML_DECL + (
    f'<w:fonts xmlns:w="{W}">'
    + _font(FANGSONG, "仿宋", "modern") + _font(HEITI, "SimHei", "modern") + _font(KAITI, "楷体", "modern")
    + _font(SONGTI, "SimSun", "auto") + _font(XIAOBIAOSONG, "宋体", "auto")
    + "</w:fonts>"
)

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = XML_DECL + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_WML}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_WML}.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_WML}.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_WML}.footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{_WML}.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = XML_DECL + (
    f'<Relationships xmlns="{PR}">'
    f'<Relationship Id="rId1" Type="{_OD}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_OD}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = XML_DECL + (
    f'<Relationships xmlns="{PR}">'
    f'<Relationship Id="rId1" Type="{_OD}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_OD}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_OD}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId4" Type="{_OD}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rId5" Type="{_OD}/footer" Target="footer2.xml"/>'
    "</Relationships>"
)
SEAL_REL = "rId6"
DOCUMENT_RELS_SEAL = DOCUMENT_RELS.replace(   # the same, and the seal's picture (7.3.5.1)
    "</Relationships>", f'<Relationship Id="{SEAL_REL}" Type="{_OD}/image" Target="media/seal.png"/></Relationships>')

APP = XML_DECL + (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>regtext</Application></Properties>"
)


def core(title: str) -> str:
    """Core properties without any date: the same blocks must give the same bytes."""
    return XML_DECL + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{title}</dc:title><dc:creator>regtext</dc:creator><dc:language>zh-CN</dc:language>"
        "</cp:coreProperties>"
    )
