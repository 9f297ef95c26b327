"""Akoma Ntoso XML written by ``regtext export --to akn`` back into the tree.

The XML is read with lxml's entity resolution, DTD loading and network access off, and a
document type declaration is refused outright (entity-expansion tricks live there).  The act is
written out as the plain text it stands for — title, history, headings, articles, items — and
that text goes through the ordinary parser, so an imported document is the same tree, with the
same references, as the text it was exported from; the XML's eIds are then checked against the
tree's.  Line and column numbers of an imported document refer to that text.
"""

from __future__ import annotations

from lxml import etree

from ..errors import InputError, Location
from ..levels import DIVISION_TYPES

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_E = "{%s}" % NS


def read_akn(data: bytes, where: str) -> tuple[str, set[str], str | None]:
    """The plain text an AKN act stands for, the eIds its body declares, and its FRBRnumber
    (regtext writes the corpus id there)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise InputError(f"malformed XML: {exc.msg}", where=Location(where, line, column)) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:  # type: ignore[union-attr]  # lxml-stubs 0.5 lacks DocInfo.doctype
        raise InputError("XML with a document type declaration is refused (entities are never expanded)",
                         where=where, hint="export the act again with 'regtext export --to akn'")
    act = root.find(_E + "act")
    if root.tag != _E + "akomaNtoso" or act is None:
        raise InputError(f"not an Akoma Ntoso act (root element {etree.QName(root).localname!r})", where=where,
                         hint="expected <akomaNtoso><act> in the namespace " + NS)
    lines: list[str] = []
    preface = act.find(_E + "preface")
    if preface is not None:
        _preface(preface, lines)
    preamble = act.find(_E + "preamble")
    if preamble is not None:
        for p in preamble.iterfind(_E + "p"):
            lines.append(_text(p))
    body = act.find(_E + "body")
    if body is None:
        raise InputError("the act has no <body>", where=where)
    eids: set[str] = set()
    for child in body:
        _block(child, lines, eids)
    attachments = act.find(_E + "attachments")
    if attachments is not None:
        for attachment in attachments.iterfind(_E + "attachment"):
            heading = attachment.find(_E + "heading")
            lines.append(_text(heading) if heading is not None else "附件")
            eids.add(attachment.get("eId", ""))
            for p in attachment.iter(_E + "p"):
                eid = p.get("eId")
                if eid:
                    eids.add(eid)
                    lines.append(_text(p))
    number = act.find(f"{_E}meta/{_E}identification/{_E}FRBRWork/{_E}FRBRnumber")
    return "\n\n".join(lines) + "\n", eids, number.get("value") if number is not None else None


def _preface(preface: etree._Element, lines: list[str]) -> None:
    title: list[str] = []
    history: list[str] = []
    for p in preface.iterfind(_E + "p"):
        kind = p.get("class")
        if kind in ("title", "subtitle"):
            title.append(_text(p))
        elif kind == "history":
            history.append(_text(p))
    if title:
        lines.append("\n".join(title))
    if history:
        lines.append("（" + "\n".join(history) + "）")


def _block(element: etree._Element, lines: list[str], eids: set[str]) -> None:
    tag = etree.QName(element).localname
    eid = element.get("eId")
    if eid:
        eids.add(eid)
    num = element.find(_E + "num")
    label = _text(num) if num is not None else ""
    if tag == "hcontainer":
        lines.append(_text(element.find(f"{_E}content/{_E}p")))
        return
    if tag in DIVISION_TYPES:
        heading = element.find(_E + "heading")
        heading_text = _text(heading) if heading is not None else ""
        lines.append(f"{label} {heading_text}".strip() if label else heading_text)
        for child in element:
            if etree.QName(child).localname not in ("num", "heading"):
                _block(child, lines, eids)
        return
    if tag == "article":
        paragraphs = [c for c in element if etree.QName(c).localname not in ("num", "heading")]
        first = True
        for child in paragraphs:
            if first and etree.QName(child).localname == "paragraph":
                _paragraph(child, lines, eids, prefix=f"{label} ")
            else:
                _block(child, lines, eids)
            first = False
        return
    if tag == "paragraph":
        _paragraph(element, lines, eids, prefix="")
        return
    if tag == "point":
        _paragraph(element, lines, eids, prefix=label)


def _paragraph(element: etree._Element, lines: list[str], eids: set[str], prefix: str) -> None:
    """A paragraph or point: its intro or content, then its points."""
    eid = element.get("eId")
    if eid:
        eids.add(eid)
    own = element.find(f"{_E}intro/{_E}p")
    if own is None:
        own = element.find(f"{_E}content/{_E}p")
    lines.append(prefix + (_text(own) if own is not None else ""))
    for child in element:
        if etree.QName(child).localname in ("point", "hcontainer"):
            _block(child, lines, eids)


def _text(element: etree._Element | None) -> str:
    """All text inside an element (references included), without the pretty-printing whitespace."""
    if element is None:
        return ""
    return "".join(element.itertext()).strip()  # type: ignore[arg-type]  # lxml-stubs: str | bytes; parsed XML gives str
