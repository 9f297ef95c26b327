"""Double-sided printing: the 版记 on the back of the last sheet, and no number on a page 7.5
leaves unnumbered.

GB/T 9704-2012 7.4 puts the 版记 on the last page; printed on both sides of the paper, the last
page is the back of the last sheet — an even page.  7.5: "公文的版记页前有空白页的，空白页和版记页
均不编排页码" — only when a blank page comes before the 版记 page are the two unnumbered.  Three cases
follow from where the typeset body ends (page B) and where the single-sided 版记 lands (page P,
the last):

* P even: nothing changes — the 版记 is at the foot of the even last page, numbered (under the
  body's end, or alone on the page after it when it did not fit; no blank page, so a number).
* P odd and B = P (the 版记 fits under the body on an odd page): the 版记 moves to the foot of the
  next, even page, alone — still numbered, since no *blank* page precedes it.
* P odd and B = P − 1 (the body fills an even page and the 版记 did not fit): a blank page P and
  the 版记 on page P + 1, both unnumbered (a last section with an empty footer).

Only typesetting knows B and P, so they are measured: each document goes through LibreOffice
twice in one batch (publish.pdf — one process for all documents), as written and without its
版记; the page counts give P and B.  The DOCX is then written with the 版记's place made explicit
(docx.writer's ``imprint``) and converted again, and its page count must be the one planned — or
a ConversionError says so rather than a wrongly paged document being printed.

Why not fields or ``w:type evenPage``: LibreOffice 7.4 ignores ``evenPage`` sections (no blank page
inserted), and evaluates ``IF { PAGE } < { NUMPAGES } …`` footers wrongly on DOCX import (it prints
``121`` on page 1 and ``222`` on page 2 of a two-page decision); Word numbers the blank page it
inserts for ``evenPage``.  Measured with LibreOffice, the DOCX is right for LibreOffice; Word and
WPS lay out text slightly differently, so a DOCX opened there may end on another page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import pdf as _pdf
from .pdf import ConversionError, docx_to_pdf

#: Builds a document's DOCX with its 版记 at the place given (docx.writer.IMPRINT_PLACES).
Maker = Callable[[str], bytes]


@dataclass(frozen=True, slots=True)
class Sided:
    """A document laid out for double-sided printing: its DOCX, the PDF LibreOffice made of it,
    where its 版记 went (docx.writer.IMPRINT_PLACES) and its number of pages."""

    docx: bytes
    pdf: bytes
    place: str
    pages: int


def require(count: int = 1) -> None:
    """Fail now, before any document is rendered, where the pages cannot be measured."""
    try:
        _pdf.soffice()
    except ConversionError:
        raise ConversionError("--double-sided needs LibreOffice (soffice) to find where the pages end: it is not "
                              "installed or not on PATH",
                              hint=f"install it (Debian: apt-get install {_pdf.PACKAGE}), "
                                   "or render without --double-sided") from None
    _pdf.timeout_for(count)


def plan(pages: int, body_pages: int, has_imprint: bool) -> tuple[str, int]:
    """Where the 版记 goes and how many pages the document then has, from the single-sided page
    count (the 版记 last) and the count without the 版记 (where the body ends): see the module."""
    if not has_imprint or pages % 2 == 0:
        return "foot", pages
    if body_pages == pages:
        return "next", pages + 1
    if body_pages == pages - 1:
        return "after_blank", pages + 1
    raise ConversionError(f"cannot place the 版记 for double-sided printing: the body ends on page {body_pages} "
                          f"and the 版记 on page {pages}", hint="render without --double-sided")


def lay_out(makers: Sequence[Maker], names: Sequence[str]) -> list[Sided]:
    """Each document laid out for double-sided printing (see the module): two LibreOffice runs
    for all of them, the second only for the documents whose 版记 moves."""
    require(2 * len(makers))
    first = [make("foot") for make in makers]
    bare = [make("omit") for make in makers]
    measured = docx_to_pdf(first + bare, names=[*names, *(f"{name} (without its 版记)" for name in names)])
    count = len(makers)
    plans = [plan(page_count(measured[i]), page_count(measured[count + i]), first[i] != bare[i])
             for i in range(count)]
    moved = [i for i, (place, _) in enumerate(plans) if place != "foot"]
    docx = {i: makers[i](plans[i][0]) for i in moved}
    again = dict(zip(moved, docx_to_pdf([docx[i] for i in moved], names=[names[i] for i in moved]), strict=True))
    out = []
    for i, (place, pages) in enumerate(plans):
        pdf = again.get(i, measured[i])
        if page_count(pdf) != pages:
            raise ConversionError(f"{names[i]}: double-sided layout did not hold: the 版记 should be on page {pages}, "
                                  f"LibreOffice laid out {page_count(pdf)} pages",
                                  hint="render without --double-sided and place the 版记 by hand")
        out.append(Sided(docx.get(i, first[i]), pdf, place, pages))
    return out


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF LibreOffice wrote: its page objects (their dictionaries are
    not compressed in LibreOffice's PDF export)."""
    found = len(_PAGE.findall(pdf))
    if not found:
        raise ConversionError("cannot count the pages of the PDF LibreOffice wrote",
                              hint="render without --double-sided")
    return found
