"""The tree as Akoma Ntoso 3.0 XML (OASIS LegalDocML), valid against schemas/akn/akomantoso30.xsd.

FRBR identification, from the corpus metadata and the text's own history (never today's date):

    Work          /akn/{jurisdiction}/act/{first history date}/{corpus id}
    Expression    {work}/zho@{last history date, else the effective date}
    Manifestation {expression}/!main.xml

Lifecycle, from the history lines typed by what they record: the enactment, its 公布/发布 and 施行 are
``generation`` events, a 修正/修订 (or a later session's 通过) is an ``amendment`` (``contains`` says
``singleVersion`` for an amended text, ``originalVersion`` otherwise), so cobalt's ``Act.amendments``
lists exactly the amendments.  The last 公布/发布 line is the ``<publication>``; the effective date of
the version (``meta.effective``) starts the ``inForce`` interval of ``<temporalData>``, as an event of
its own when it was read from the text's clause, or from the amending decision the corpus metadata
quotes (``amendment_effective``), rather than a 施行 line.

``jurisdiction`` is the corpus metadata's (`cn`, `cn-nx`, …); a file outside the corpus is `cn`.
eIds are the tree's.  Every resolved reference becomes a ``<ref href>`` (``#eid`` inside the
document, the cited expression's URI + ``/~eid`` across documents; a range is an ``<rref>``, a
reference with several targets an ``<mref>``); a document that is not in the corpus stays
marked up as ``<span class="ref unresolved">``.  The same input gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import cast

from lxml import etree

from ..levels import AKN_ELEMENT, DIVISION_TYPES
from ..model import Document, Event, Node
from ..parser.meta import amending
from ..refs.model import Reference, Target
from ..refs.pieces import NodeReferences

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_E = "{%s}" % NS
_ORDER_NUMBER = re.compile(r"第(\d+)号$")  # 国务院令第302号: the number of the gazetted order
UNKNOWN_DATE = date(1, 1, 1)  # FRBRdate needs a date; a text without any says so with name="unknown"


def _el(tag: str, parent: etree._Element | None = None, text: str | None = None, **attrs: str) -> etree._Element:
    # lxml-stubs types nsmap keys as str; lxml takes None for the default namespace
    element = etree.Element(_E + tag, nsmap={None: NS}) if parent is None else etree.SubElement(parent, _E + tag)  # type: ignore[dict-item]
    for key, value in attrs.items():
        element.set(key.rstrip("_"), value)
    if text is not None:
        element.text = text
    return element


# -- identification -------------------------------------------------------------------------------

def dates(doc: Document) -> tuple[date, date, str, str]:
    """(work date, expression date, and the names of those dates) read from the text."""
    events = [e for e in doc.meta.history if e.date]
    if events:
        first, last = events[0], events[-1]
        return first.date, last.date, first.action or "history", last.action or "history"
    if doc.meta.effective:
        return doc.meta.effective, doc.meta.effective, "施行", "施行"
    return UNKNOWN_DATE, UNKNOWN_DATE, "unknown", "unknown"


def work_uri(doc: Document, jurisdiction: str) -> str:
    return f"/akn/{jurisdiction}/act/{dates(doc)[0].isoformat()}/{doc.id}"


def expression_uri(doc: Document, jurisdiction: str) -> str:
    return f"{work_uri(doc, jurisdiction)}/zho@{dates(doc)[1].isoformat()}"


#: Gives the expression URI of another corpus document (by corpus id), for links between texts.
UriOf = Callable[[str], str | None]


def to_akn(doc: Document, *, jurisdiction: str = "cn", kind: str = "", uri_of: UriOf | None = None) -> bytes:
    root = _el("akomaNtoso")
    version = "singleVersion" if any(amending(doc.meta.history)) else "originalVersion"
    act = _el("act", root, name=kind or "act", contains=version)
    _meta(act, doc, jurisdiction, kind)
    writer = _Writer(doc, uri_of or (lambda _id: None))
    _preface(act, doc, writer)
    body = _el("body", act)
    attachments: list[Node] = []
    for node in doc.children:
        if node.type in ("title", "history", "preamble"):
            continue
        if node.type == "attachment":
            attachments.append(node)
            continue
        writer.block(body, node)
    if attachments:
        container = _el("attachments", act)
        for node in attachments:
            _attachment(container, node, doc, jurisdiction, writer)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _meta(act: etree._Element, doc: Document, jurisdiction: str, kind: str) -> None:
    meta = _el("meta", act)
    _identification(meta, doc, jurisdiction, kind, work_uri(doc, jurisdiction), expression_uri(doc, jurisdiction))
    _publication(meta, doc.meta.history)
    history = doc.meta.history
    commencement = _commencement(doc)
    if history or commencement:
        lifecycle = _el("lifecycle", meta, source="#regtext")
        for n, (event, amends) in enumerate(zip(history, amending(history), strict=True), start=1):
            _el("eventRef", lifecycle, eId=f"evt_{n}", date=event.date.isoformat(), source="#original",
                type="amendment" if amends else "generation", refersTo=f"#action_{n}")
        if commencement == "clause" and doc.meta.effective is not None:  # "clause" means a known date
            _el("eventRef", lifecycle, eId="evt_commencement", date=doc.meta.effective.isoformat(),
                source="#original", type="generation", refersTo="#commencement")
    if commencement:
        interval = _el("temporalGroup", _el("temporalData", meta, source="#regtext"), eId="period_1")
        _el("timeInterval", interval, start=f"#{commencement if commencement != 'clause' else 'evt_commencement'}",
            refersTo="#inForce")
    references = _el("references", meta, source="#regtext")
    _el("original", references, eId="original", href=expression_uri(doc, jurisdiction), showAs=doc.meta.title or doc.id)
    for n, event in enumerate(history, start=1):
        _el("TLCEvent", references, eId=f"action_{n}", href=f"/ontology/event/{event.action or 'event'}",
            showAs=event.text)
    if commencement == "clause":
        _el("TLCEvent", references, eId="commencement", href="/ontology/event/施行",
            showAs=doc.meta.effective_basis or "施行")
    _el("TLCOrganization", references, eId="issuer", href="/ontology/organization/issuer",
        showAs=(history[-1].body if history and history[-1].body else "issuer"))
    _el("TLCOrganization", references, eId="regtext", href="/ontology/organization/regtext", showAs="regtext")
    if commencement:
        _el("TLCConcept", references, eId="inForce", href="/ontology/concept/inForce", showAs="施行")


def _publication(meta: etree._Element, history: list[Event]) -> None:
    """The last 公布/发布 line: ``中华人民共和国国务院令第302号`` gives name and number.  An amended text
    that was not published again keeps its original promulgation, as cobalt records it."""
    published = [e for e in history if e.action in ("公布", "发布")]
    if not published:
        return
    event = published[-1]
    m = _ORDER_NUMBER.search(event.body)
    name = event.body[: m.start()] if m else event.body
    attrs = {"number": m.group(1)} if m else {}
    action = cast(str, event.action)  # 公布 or 发布, as selected above
    _el("publication", meta, date=event.date.isoformat(), name=name or action, showAs=event.text, **attrs)


def _commencement(doc: Document) -> str | None:
    """Where the version's effective date is: ``evt_N`` (its 施行 history line), ``clause`` (the
    text's 自…起施行 clause or the amending decision's, no history line), or None (unknown: no
    in-force interval)."""
    if doc.meta.effective is None:
        return None
    for n, event in enumerate(doc.meta.history, start=1):
        if event.action == "施行" and event.text == doc.meta.effective_basis:
            return f"evt_{n}"
    return "clause"


def _identification(meta: etree._Element, doc: Document, jurisdiction: str, kind: str, work: str,
                    expression: str) -> None:
    work_date, expr_date, work_name, expr_name = dates(doc)
    ident = _el("identification", meta, source="#regtext")
    frbr = _el("FRBRWork", ident)
    _el("FRBRthis", frbr, value=f"{work}/!main")
    _el("FRBRuri", frbr, value=work)
    if doc.meta.title:
        _el("FRBRalias", frbr, value=doc.meta.title, name="title")
    _el("FRBRdate", frbr, date=work_date.isoformat(), name=work_name)
    _el("FRBRauthor", frbr, href="#issuer")
    _el("FRBRcountry", frbr, value=jurisdiction)
    if kind:
        _el("FRBRsubtype", frbr, value=kind)
    _el("FRBRnumber", frbr, value=doc.id)
    frbr = _el("FRBRExpression", ident)
    _el("FRBRthis", frbr, value=f"{expression}/!main")
    _el("FRBRuri", frbr, value=expression)
    _el("FRBRdate", frbr, date=expr_date.isoformat(), name=expr_name)
    _el("FRBRauthor", frbr, href="#issuer")
    _el("FRBRlanguage", frbr, language="zho")
    frbr = _el("FRBRManifestation", ident)
    _el("FRBRthis", frbr, value=f"{expression}/!main.xml")
    _el("FRBRuri", frbr, value=f"{expression}.akn")
    _el("FRBRdate", frbr, date=expr_date.isoformat(), name="transform")
    _el("FRBRauthor", frbr, href="#regtext")


def _preface(act: etree._Element, doc: Document, writer: _Writer) -> None:
    preface = _el("preface", act)
    if doc.meta.title:
        p = _el("p", preface, class_="title")
        _el("docTitle", p, doc.meta.title)
    if doc.meta.subtitle:
        _el("p", preface, doc.meta.subtitle, class_="subtitle")
    for event in doc.meta.history:
        p = _el("p", preface, class_="history")
        stamp = event.text[: event.text.index("日") + 1] if "日" in event.text else ""
        if stamp:
            _el("docDate", p, stamp, date=event.date.isoformat()).tail = event.text[len(stamp):]
        else:
            p.text = event.text
    for node in doc.children:
        if node.type == "preamble":
            preamble = _el("preamble", act)
            if node.heading:
                _el("p", preamble, node.heading, class_="heading")
            for child in node.children:
                writer.inline(_el("p", preamble, eId=child.eid), child)


def _attachment(container: etree._Element, node: Node, doc: Document, jurisdiction: str, writer: _Writer) -> None:
    attachment = _el("attachment", container, eId=node.eid)
    if node.heading:
        _el("heading", attachment, node.heading)
    inner = _el("doc", attachment, name="attachment")
    uri = f"{work_uri(doc, jurisdiction)}/!{node.eid}"
    meta = _el("meta", inner)
    _identification(meta, doc, jurisdiction, "", uri, f"{uri}/zho@{dates(doc)[1].isoformat()}")
    main = _el("mainBody", inner)
    for child in node.children:
        writer.inline(_el("p", main, eId=child.eid), child)


# -- body ------------------------------------------------------------------------------------------

class _Writer:
    def __init__(self, doc: Document, uri_of: UriOf) -> None:
        self.doc = doc
        self.uri_of = uri_of
        self.refs = NodeReferences(doc.references)

    def block(self, parent: etree._Element, node: Node) -> None:
        if node.type in ("footnote", "text"):
            container = _el("hcontainer", parent, eId=node.eid, name=node.type)
            self.inline(_el("p", _el("content", container)), node)
            return
        element = _el(AKN_ELEMENT[node.type], parent, eId=node.eid)
        if node.label:
            _el("num", element, node.label)
        if node.type in DIVISION_TYPES:
            if node.heading:
                _el("heading", element, node.heading)
            for child in node.children:
                self.block(element, child)
            return
        if node.type == "article":
            for child in node.children:
                self.block(element, child)
            return
        if node.children:
            if node.text:
                self.inline(_el("p", _el("intro", element)), node)
            for child in node.children:
                self.block(element, child)
        else:
            self.inline(_el("p", _el("content", element)), node)

    def inline(self, p: etree._Element, node: Node) -> None:
        """The node's own text into ``p``, its references marked up."""
        last: etree._Element | None = None
        for piece in self.refs.pieces(node):
            if piece.ref is None:
                _append_text(p, last, piece.text)
            else:
                last = self._reference(p, piece.ref)

    def _reference(self, p: etree._Element, ref: Reference) -> etree._Element:
        if not ref.resolved and all(t.doc is None for t in ref.targets):
            return _el("span", p, ref.text, class_="ref unresolved")
        if len(ref.targets) == 1 or len({(t.start, t.end) for t in ref.targets}) == 1:
            return self._single(p, ref.targets, ref.text)
        mref = _el("mref", p)
        pos = ref.start
        last: etree._Element | None = None
        for target in ref.targets:
            _append_text(mref, last, self.doc.text[pos:target.start])
            last = self._single(mref, [target], self.doc.text[target.start:target.end])
            pos = target.end
        _append_text(mref, last, self.doc.text[pos:ref.end])
        return mref

    def _single(self, parent: etree._Element, targets: list[Target], text: str) -> etree._Element:
        nodes = [n for t in targets for n in t.nodes]
        doc_id = targets[0].doc
        if not nodes:
            href = self._href(doc_id, None)
            if href is None:
                return _el("span", parent, text, class_="ref unresolved")
            return _el("ref", parent, text, href=href)
        if len(nodes) == 1:
            return _el("ref", parent, text, href=self._href(doc_id, nodes[0].eid) or "#")
        return _el("rref", parent, text, **{"from": self._href(doc_id, nodes[0].eid) or "#",
                                             "upTo": self._href(doc_id, nodes[-1].eid) or "#"})

    def _href(self, doc_id: str | None, eid: str | None) -> str | None:
        if doc_id is None or doc_id == self.doc.id:
            return f"#{eid}" if eid else None
        uri = self.uri_of(doc_id)
        if uri is None:
            return None
        return f"{uri}/~{eid}" if eid else uri


def _append_text(parent: etree._Element, last: etree._Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text
