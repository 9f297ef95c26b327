"""An organ's own letterhead (a red-head Word file) as the first-page header of a regtext document.

Many organs keep their 版头 as a DOCX made by their printer or their office: its first-page
header (or its only header) holds the 发文机关标志 and the red rule as the organ wants them.  That
header part is copied as it is, with the pictures it shows; the body is regtext's.  Read with
python-docx (a runtime dependency for this feature only): it knows where a document keeps its
first-page header, and refuses what is not a Word document.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError

HEADER_PART = "word/header1.xml"
_HEADER_RID = "rIdLetterhead"
_HEADER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_IMAGE_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The kept header: its XML, its relationships (rId, type, target, external) and the media
    files it points to (part name in the package, content type, bytes)."""

    path: str
    header: bytes
    rels: tuple[tuple[str, str, str, bool], ...]
    media: tuple[tuple[str, str, bytes], ...]

    def section(self, sect_pr: str) -> str:
        """The section properties with this header on the first page only (``titlePg``); the first
        page keeps the odd-page footer, so its page number stays."""
        refs = (f'<w:headerReference w:type="first" r:id="{_HEADER_RID}"/>'
                '<w:footerReference w:type="first" r:id="rId4"/>')
        out = sect_pr.replace("<w:sectPr>", "<w:sectPr>" + refs, 1)
        return out.replace("<w:docGrid", "<w:titlePg/><w:docGrid", 1)


def read_letterhead(path: str | Path) -> Letterhead:
    """The first-page header of the DOCX at ``path`` (its default header when the first page has
    no header of its own).  InputError (exit 2) for a file that is not a DOCX or has no header."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    where = str(path)
    if not Path(path).is_file():
        raise InputError("no such file", where=where, hint="give the organ's letterhead as a .docx file")
    _check_size(Path(path))
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(f"not a Word document (.docx): {exc}", where=where,
                         hint="save the letterhead in Word or WPS as .docx (not .doc, .wps or .pdf)") from None
    except Exception as exc:  # a zip of another kind, a damaged part: python-docx has no single error type
        raise InputError(f"cannot read the letterhead as a .docx: {type(exc).__name__}: {exc}", where=where,
                         hint="save the letterhead in Word or WPS as .docx") from None
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    if header.is_linked_to_previous:
        raise InputError("the letterhead has no header on its first page: nothing to keep", where=where,
                         hint="put the 发文机关标志 and the red rule in the first page's header (页眉)")
    if len(header.part.blob) > MAX_HEADER:
        raise InputError(f"the letterhead's header is {len(header.part.blob):,} bytes of XML, more than the "
                         f"{MAX_HEADER // 2**20} MiB a 版头 needs", where=where,
                         hint="keep only the 发文机关标志, the red rule and their pictures in the first page's header")
    _check_fields(header.part.blob, where)
    rels: list[tuple[str, str, str, bool]] = []
    media: list[tuple[str, str, bytes]] = []
    for rid, rel in sorted(header.part.rels.items()):
        if rel.is_external and rel.reltype == _HYPERLINK_TYPE:
            rels.append((rid, rel.reltype, rel.target_ref, True))
        elif rel.reltype == _IMAGE_TYPE:
            name = f"word/media/letterhead{len(media) + 1}{Path(str(rel.target_part.partname)).suffix}"
            media.append((name, rel.target_part.content_type, rel.target_part.blob))
            rels.append((rid, rel.reltype, name.removeprefix("word/"), False))
        else:
            raise InputError(f"the letterhead's header holds a part regtext cannot carry over ({rel.reltype})",
                             where=where, hint="keep only text, shapes and pictures in the header")
    return Letterhead(where, header.part.blob, tuple(rels), tuple(media))


#: Bounds on what a letterhead may cost before python-docx unpacks it: a 版头 with its pictures is a
#: few hundred KB; a zip member that unpacks to gigabytes (a zip bomb) is refused from its header.
MAX_FILE = 20 * 1024 * 1024          # the .docx on disk
MAX_MEMBER = 20 * 1024 * 1024        # one part, unpacked
MAX_TOTAL = 50 * 1024 * 1024         # all parts, unpacked
MAX_MEMBERS = 2000
MAX_HEADER = 1024 * 1024             # the header's XML
#: Fields a header may keep: they print the page number, which a letterhead's header may show.
#: Every other field is refused — its printed text is computed by whoever opens the file: DATE,
#: TIME, PRINTDATE … print the day of printing (a 2024 decision headed 2026), INCLUDEPICTURE,
#: INCLUDETEXT, LINK fetch a file or URL.  Not frozen to their cached text either: that is what the
#: field showed when the letterhead was last saved, which is no more the document's.
KEPT_FIELDS = frozenset(("PAGE", "NUMPAGES", "SECTIONPAGES"))


def _check_size(path: Path) -> None:
    import zipfile

    where = str(path)
    hint = "give the organ's letterhead: a .docx of its 版头, a few hundred KB"
    size = path.stat().st_size
    if size > MAX_FILE:
        raise InputError(f"the letterhead is {size:,} bytes, more than {MAX_FILE // 2**20} MiB", where=where, hint=hint)
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"not a Word document (.docx): {exc}", where=where,
                         hint="save the letterhead in Word or WPS as .docx (not .doc, .wps or .pdf)") from None
    if len(members) > MAX_MEMBERS:
        raise InputError(f"the letterhead holds {len(members)} parts, more than {MAX_MEMBERS}", where=where, hint=hint)
    big = next((m for m in members if m.file_size > MAX_MEMBER), None)
    if big is not None:
        raise InputError(f"the letterhead's part {big.filename} unpacks to {big.file_size:,} bytes, more than "
                         f"{MAX_MEMBER // 2**20} MiB", where=where, hint=hint)
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL:
        raise InputError(f"the letterhead unpacks to {total:,} bytes, more than {MAX_TOTAL // 2**20} MiB", where=where,
                         hint=hint)


_INSTR = re.compile(r'<w:instrText(?:\s[^>]*)?>([^<]*)</w:instrText>|<w:fldSimple\s[^>]*?w:instr="([^"]*)"'
                    r'|<w:fldChar\s[^>]*?w:fldCharType="(begin|separate|end)"')


def _check_fields(header: bytes, where: str) -> None:
    """Refuse a header field other than KEPT_FIELDS, by the first word of its instruction."""
    text = header.decode("utf-8", errors="replace")
    code: list[str] = []
    collecting = False
    for m in _INSTR.finditer(text):
        instr, simple, mark = m.groups()
        if simple is not None:
            _check_field(html.unescape(simple), where)
        elif mark == "begin":
            code, collecting = [], True
        elif mark is not None:
            if collecting:
                _check_field("".join(code), where)
            collecting = False
        elif collecting:
            code.append(html.unescape(instr))


def _why(name: str) -> str:
    if "DATE" in name or name == "TIME":
        return f"{name} prints the day the document is opened or printed"
    if name.startswith(("INCLUDE", "LINK", "HYPERLINK", "IMPORT", "DDE")):
        return f"{name} fetches a file or a web address when the document is opened"
    return f"{name} is computed by the program that opens the document"


def _check_field(instruction: str, where: str) -> None:
    words = instruction.split()
    name = words[0].upper() if words else ""
    if name and name not in KEPT_FIELDS:
        shown = instruction.strip() if len(instruction.strip()) <= 60 else instruction.strip()[:60] + "…"
        raise InputError(f"the letterhead's header has a field {shown!r}: {_why(name)}, so the printed head "
                         "would not be the decision's", where=where,
                         hint="turn the field into plain text in Word (select it, Ctrl+Shift+F9) or WPS, or delete it")


def with_letterhead(items: list[tuple[str, str | bytes]], letterhead: Letterhead) -> list[tuple[str, str | bytes]]:
    """The package's parts with the header, its pictures and the references to them added."""
    out: list[tuple[str, str | bytes]] = []
    for name, text in items:
        if name == "[Content_Types].xml" and isinstance(text, str):
            extra = f'<Override PartName="/{HEADER_PART}" ContentType="{_WML}.header+xml"/>' + "".join(
                f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, ct, _ in letterhead.media
            )
            text = text.replace("</Types>", extra + "</Types>")
        elif name == "word/_rels/document.xml.rels" and isinstance(text, str):
            text = text.replace("</Relationships>", f'<Relationship Id="{_HEADER_RID}" Type="{_HEADER_TYPE}"'
                                f' Target="header1.xml"/></Relationships>')
        out.append((name, text))
    out.append((HEADER_PART, letterhead.header))
    if letterhead.rels:
        out.append(("word/_rels/header1.xml.rels", _rels(letterhead)))
    out.extend((name, data) for name, _, data in letterhead.media)
    return out


def _rels(letterhead: Letterhead) -> str:
    from xml.sax.saxutils import quoteattr

    rows = "".join(f'<Relationship Id={quoteattr(rid)} Type="{kind}" Target={quoteattr(target)}'
                   + (' TargetMode="External"' if external else "") + "/>"
                   for rid, kind, target, external in letterhead.rels)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rows}'
            "</Relationships>")
