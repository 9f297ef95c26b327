"""Blocks (a role and plain text each) → ``word/document.xml`` → a complete .docx file.

Each block becomes one paragraph carrying the style of its role (parts.STYLE_OF); the layout
lives in the styles, so the body stays small and a drafter can restyle it.  The few things a
style cannot say are decided here, from a block's neighbours:

* a blank line (one grid line of space) between the title and what follows it (7.3.2);
* the paragraph before the signature keeps with it: no page holds only the 落款 (7.3.5);
* ``page_break`` becomes ``pageBreakBefore`` on the next paragraph — a paragraph holding only a
  ``<w:br w:type="page"/>`` would leave an empty line at the top of the new page;
* ``attachment``, ``signature``, ``date``, ``annotation`` and ``cc`` blocks — the end of the
  公文 — are placed by signoff.py: 附件说明, 落款 with or without a seal, 附注, and the 版记 as a
  table floating at the bottom of the last page's text block (7.3.4–7.4);
* ``imprint`` says on which page the 版记 goes when the document is printed on both sides of the
  paper — decided by publish/duplex.py from LibreOffice's layout, since only typesetting knows
  where the body ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from . import parts
from .head import Head, head_xml, title_spacing
from .letterhead import Letterhead, with_letterhead
from .package import zip_parts
from .signoff import SEAL_SPACE, Signoff, attachment_ppr, imprint_xml, read_png

ROLES = frozenset((*parts.STYLE_OF, "page_break"))

#: Where the 版记 goes: ``foot`` of the page the body ends on, or of the next page when that one
#: fits (single-sided, and double-sided when that page is even); ``next``: at the foot of the page
#: after the body's last (numbered); ``after_blank``: after an unnumbered blank page, on an
#: unnumbered page of its own (GB/T 9704 7.5); ``omit``: not at all (to measure where the body ends).
IMPRINT_PLACES = ("foot", "next", "after_blank", "omit")

# XML 1.0 forbids C0 controls other than tab/newline/CR, lone surrogates, U+FFFE and U+FFFF
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NEWLINE = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of a decision: what it is (its role picks the style) and its plain text."""

    role: str    # title, number, addressee, body, heading1..3, signature, date, cc, note, page_break
    text: str    # plain text, no markup; "" for page_break


def write_docx(blocks: list[Block], *, title: str = "", head: Head | None = None,
               letterhead: Letterhead | None = None, seal: bytes | str | None = None, printer: str = "",
               printed: str = "", imprint: str = "foot") -> bytes:
    """A complete .docx file (GB/T 9704-2012 layout); the same arguments give the same bytes.

    ``head``: the 版头 drawn before the title (the 文号 moves into it); ``letterhead``: an organ's
    own first-page header, kept as it is (head.py, letterhead.py).  ``seal``: the seal as PNG
    bytes, drawn over the 落款; ``SEAL_SPACE`` to lay the 落款 out for a seal pressed by hand; None
    for a 落款 without a seal (7.3.5.2).  ``printer`` (印发机关) and ``printed`` (印发日期 as printed,
    2024年5月21日) make the last line of the 版记 (7.4.2).  ``imprint``: where the 版记 goes (IMPRINT_PLACES)."""
    if isinstance(seal, bytes):
        read_png(seal)          # ValueError now rather than a document no reader can open
    elif seal not in (None, SEAL_SPACE):
        raise ValueError(f"seal: PNG bytes, {SEAL_SPACE!r} or None, not {seal!r}")
    picture = [("word/media/seal.png", seal)] if isinstance(seal, bytes) else []
    rels = parts.DOCUMENT_RELS_SEAL if picture else parts.DOCUMENT_RELS
    section = parts.SECTION if letterhead is None else letterhead.section(parts.SECTION)
    body = document_xml(blocks, head=head, section=section, seal=seal, printer=_xml_text(printer),
                        printed=_xml_text(printed), imprint=imprint)
    items: list[tuple[str, str | bytes]] = [
        ("[Content_Types].xml", parts.CONTENT_TYPES),
        ("_rels/.rels", parts.PACKAGE_RELS),
        ("docProps/core.xml", parts.core(_xml_text(title))),
        ("docProps/app.xml", parts.APP),
        ("word/document.xml", body),
        ("word/styles.xml", parts.STYLES),
        ("word/settings.xml", parts.SETTINGS),
        ("word/fontTable.xml", parts.FONT_TABLE),
        ("word/footer1.xml", parts.FOOTER_ODD),
        ("word/footer2.xml", parts.FOOTER_EVEN),
        ("word/_rels/document.xml.rels", rels),
        *picture,
    ]
    if imprint == "after_blank":
        items = parts.with_unnumbered_footer(items)
    if letterhead is not None:
        items = with_letterhead(items, letterhead)
    return zip_parts(items, shared=_SHARED)


#: The parts every document has the same: compressed once per process.
_SHARED = frozenset(("[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "word/styles.xml",
                     "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
                     "word/_rels/document.xml.rels"))  # not the seal: a process may print with several


def document_xml(blocks: list[Block], *, head: Head | None = None, section: str = parts.SECTION,
                 seal: bytes | str | None = None, printer: str = "", printed: str = "", imprint: str = "foot") -> str:
    """The main part: one ``w:p`` a block, the 版记 last, then the section properties.  With a
    ``head``, the 版头 comes first and takes the 文号 blocks into it.  ``imprint``: IMPRINT_PLACES."""
    if imprint not in IMPRINT_PLACES:
        raise ValueError(f"imprint: one of {', '.join(IMPRINT_PLACES)}, not {imprint!r}")
    for block in blocks:
        if block.role not in ROLES:
            raise ValueError(f"unknown block role {block.role!r}; expected one of {', '.join(sorted(ROLES))}")
    flow = [b for b in blocks if b.role != "cc"]
    cc = [b.text for b in blocks if b.role == "cc"]
    signoff = Signoff(tuple(b.text for b in flow if b.role == "signature"),
                      next((b.text for b in flow if b.role == "date"), ""), seal)
    out = [parts.XML_DECL, f'<w:document xmlns:w="{parts.W}" xmlns:r="{parts.R}"><w:body>']
    if head is not None and head.top_only:
        out.append(head_xml(head))       # the top lines alone; the title and its 文号 as without a head
        head = None
    elif head is not None:
        flow, head = _into_head(flow, head)
        out.append(head_xml(head))
    prev = ""             # role of the previous block
    in_head = False       # inside the title (and its 文号) at the top
    for i, block in enumerate(flow):
        nxt = flow[i + 1].role if i + 1 < len(flow) else ""
        if block.role == "page_break":
            if nxt in ("", "page_break"):      # no paragraph to carry the break: an explicit one
                out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            prev = "page_break"
            continue
        extra = ""
        if nxt in _KEEP_WITH and block.role not in ("title", "number", "signature") and \
                not (block.role == "attachment" and nxt == "attachment"):
            # 7.3.5.5: no page holding only the 落款 — the paragraph above goes with it (LibreOffice
            # moves it whole), or the last attachment line: a long 附件说明 may break across pages
            extra += "<w:keepNext/>"
        if prev == "page_break":
            extra += "<w:pageBreakBefore/>"
        was_head, in_head = in_head, block.role == "title" or (in_head and block.role == "number")
        if was_head and not in_head:
            extra += parts.spacing(before=parts.LINE)   # 标题下空一行 (7.3.2)
        elif head is not None and not prev and block.role == "title":
            extra += parts.spacing(before=title_spacing(head))   # 分隔线下空二行 (7.3.1)
        lead = ""
        if block.role == "attachment":
            extra += attachment_ppr(block.text, prev != "attachment")
        elif block.role == "signature":
            block = Block("signature", "\n".join(signoff.lines(block.text)))   # a long 署名 in lines
            extra += signoff.signature_ppr(block.text, prev != "signature")
            lead = signoff.seal_run() if prev != "signature" else ""
        elif block.role == "date":
            extra += signoff.date_ppr()
        out.append(_paragraph(block.role, block.text, extra, lead))
        prev = block.role
    if (cc or printer or printed) and imprint != "omit":
        if imprint == "after_blank":
            out[-1] = _ending_section(out[-1], section)
            out.append("<w:p/>")              # the blank page: nothing on it, no number under it
            section = parts.SECTION_UNNUMBERED
        out.append(imprint_xml(cc, printer, printed, _paragraph, new_page=imprint != "foot"))
    out.append(section)
    out.append("</w:body></w:document>")
    return "".join(out)


#: The roles that pull the paragraph before them onto their page: the 落款 keeps at least the
#: last line of the body (7.3.5.5), and the 附注 its date.
_KEEP_WITH = frozenset(("attachment", "signature", "annotation"))


def _ending_section(paragraph: str, section: str) -> str:
    """The last paragraph of the body made the last of the numbered section: in WordprocessingML a
    section ends with the paragraph whose pPr holds its sectPr (last in the pPr)."""
    if "</w:pPr>" not in paragraph:          # an explicit page break: <w:p><w:r>…
        return paragraph.replace("<w:p>", f"<w:p><w:pPr>{section}</w:pPr>", 1)
    head, tail = paragraph.split("</w:pPr>", 1)
    return f"{head}{section}</w:pPr>{tail}"


def _paragraph(role: str, text: str, extra: str, lead: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{parts.STYLE_OF[role]}"/>{extra}</w:pPr>'
    return f"<w:p>{ppr}{lead}{_runs(text)}</w:p>"


def _runs(text: str) -> str:
    """One run; a line break in the text becomes ``w:br``, a tab ``w:tab``."""
    if not text:
        return ""
    lines = _NEWLINE.split(_xml_text(text))
    body = "<w:br/>".join(_tabs(line) for line in lines)
    return f"<w:r>{body}</w:r>"


def _tabs(line: str) -> str:
    return "<w:tab/>".join(f'<w:t xml:space="preserve">{_join_scripts(seg)}</w:t>' if seg else ""
                           for seg in line.split("\t"))


def _join_scripts(segment: str) -> str:
    return parts.between_scripts(segment, "</w:t></w:r>", '<w:r><w:t xml:space="preserve">')


def _xml_text(text: str) -> str:
    """Escaped, without the characters XML 1.0 cannot hold (a stray control character in a
    fact must not make the whole document unreadable)."""
    return escape(_FORBIDDEN.sub("", text))


def _into_head(flow: list[Block], head: Head) -> tuple[list[Block], Head]:
    """The 文号 blocks leave the flow for the 版头 (7.2.5); the head's own 文号 wins when given."""
    numbers = [b.text for b in flow if b.role == "number"]
    if numbers and not head.number:
        head = replace(head, number=numbers[0])
    return [b for b in flow if b.role != "number"], head

