"""What a 政务处分决定书 states (《中华人民共和国公职人员政务处分法》第四十五条), and the appeal
notice it carries (第五十五条; 《中华人民共和国监察法》(2024) 第五十六条: the organ and the one-month
limits of 复审 and 复核).

A template says it renders decisions giving sanctions in its front matter (``sanctions:
[government]``); ``regtext render`` renders a case giving a sanction only with a template that
declares its type, and ``regtext check`` verifies that a template declaring ``government`` states
each item (C120), and that a rulebook's 政务处分 appeal notice names the 复审 organ, the 复核 and the
one-month limit (C208).  Declared, not inferred: every decision template on persons could render
a sanction, and most are not written for one.  The 印章
(第四十五条 second sentence) is the 落款's business, not a template's.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import cite
from ..decide.rulebook import Rulebook


@dataclass(frozen=True, slots=True)
class Item:
    citation: str                 # 第四十五条第二款第（一）项
    what: str                     # the law's words
    prints: tuple[str, ...]       # what the template prints for it: helpers or subject.<fact>

    def message(self, template: str, missing: list[str], law: str, declared: bool = True) -> str:
        shown = ", ".join(f"{{{{ {name} }}}}" for name in missing)
        how = "declares sanctions: [government]" if declared else f"renders decisions of 《{law}》"
        return (f"the template {template} {how} but does not print {shown}: "
                f"a 政务处分决定书 must state {self.what} (《{law}》{self.citation})")


def items(book: Rulebook) -> list[Item]:
    """What the decision states: the ``contents`` of the law's rulebook (one home), each item in
    the law's words."""
    return [Item(cite.format_nodes([c.node], "zh", book.doc), c.node.text.rstrip("；;。"), c.prints)
            for c in book.contents]

#: The front-matter key by which a template says it renders decisions giving sanctions of these
#: types (``sanctions: [government]``); the values are the case's ``sanctions[].type``.
FRONT_KEY = "sanctions"
TYPES = ("party", "government")


def declared(front: dict[str, object]) -> list[str] | None:
    """The sanction types a template's front matter declares; None when the value is not a list of
    :data:`TYPES` (check reports it)."""
    value = front.get(FRONT_KEY, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(v in TYPES for v in value):
        return None
    return [str(v) for v in value]


def law(book: Rulebook) -> str:
    """The law on 政务处分: the rulebook's own, or the one its ``sanctions.government`` names."""
    if book.contents:
        return book.doc.title or ""
    return str(book.sanctions.get("government", {}).get("basis", ""))


def sanction_book(book: Rulebook, front: dict[str, object]) -> Rulebook | None:
    """The rulebook whose ``contents`` a template must print: the law's own for a template of the
    law; the one ``sanctions.government`` links for a template declaring ``sanctions: [government]``."""
    if book.contents:
        return book
    if "government" in (declared(front) or []):
        return book.linked.get("government")
    return None


def missing_items(book: Rulebook, front: dict[str, object], used: set[str]) -> list[tuple[Item, list[str]]]:
    """The items of 第四十五条 a template (names and ``subject.<fact>`` lookups ``used``) does not
    print, with what it would have to print."""
    law_book = sanction_book(book, front)
    if law_book is None:
        return []
    out = []
    for item in items(law_book):
        missing = [name for name in item.prints if name not in used]
        if missing:
            out.append((item, missing))
    return out


def government_appeal(book: Rulebook) -> str | None:
    """The key of the appeal notice of the measure that gives 政务处分 (``sanction``), if any."""
    return next((m.appeal for m in book.measures if m.sanction and m.appeal and "government" in book.sanctions), None)


def notice_gaps(text: str) -> list[str]:
    """What the 政务处分 appeal notice ``text`` does not say: 复审 at the deciding organ ({issuer})
    within one month of receipt, then 复核 one level up within one month of the 复审 decision
    (政务处分法 第五十五条; 监察法 (2024) 第五十六条, 2018 第四十九条)."""
    if "复审" not in text:
        return ["复审 at the deciding organ (《中华人民共和国公职人员政务处分法》第五十五条)"]
    at = text.index("复审") + len("复审")
    review, after = text[:at], text[at:]
    gaps = []
    if "{issuer}" not in review:
        gaps.append("the organ 复审 is applied to, the deciding organ ({issuer}) (第五十五条)")
    if "一个月" not in review:
        gaps.append("the time limit of 复审: within one month of receipt (《中华人民共和国监察法》第五十六条)")
    if "复核" not in after:
        gaps.append("复核 at the supervisory organ one level up (第五十五条)")
    elif "一个月" not in after:
        gaps.append("the time limit of 复核: within one month of the 复审 decision (《中华人民共和国监察法》第五十六条)")
    return gaps
