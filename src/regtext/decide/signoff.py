"""Rules for the end of a 公文 (GB/T 9704-2012 7.3.4, 7.3.6, 7.4.2): what a case says of its 附件说明,
附注 and 印发日期 must print as the standard says, or be refused — never printed half-right.

* ``attachments``: names as they are printed after ``附件：`` and the number regtext adds —
  so no final punctuation (7.3.4) and no number of their own (``1.`` would print ``1.1.``);
* ``annotation``: the words of the 附注 without its brackets — regtext prints them in （）
  (7.3.6); a text already in brackets is refused, as it would print ``（（…））``;
* ``printed``: the 印发日期, written like the 成文日期, a date that exists, not before it — and not
  far after it (a warning: a reissue is printed late, a wrong year more often); ``printer``, the
  印发机关, only with it: 7.4.2 prints the two on one line, one without the other is half a line.
  (``printed`` without any 印发机关 is refused by render, which alone knows the issuer profile's.)
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import Decision, Rule

#: what may not end an attachment name (7.3.4: 附件名称后不加标点符号)
FINAL_PUNCTUATION = "。，、；：！？…,.;:!?"
_OWN_NUMBER = re.compile(r"^(附件[:：]|[0-9０-９]+[.．、])")
_BRACKETS = {"（": "）", "(": ")", "【": "】", "[": "]"}
_CN_DATE = re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$")
_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
#: Days between the 成文日期 and the 印发日期 past which D123 warns: a 公文 is printed within days
#: of its signing; a year later is a reprint at best, and a typo in the year (2099) at worst.
PRINTED_SPAN_DAYS = 365


def attachments(d: Decision, rule: Rule) -> None:
    """Each name as 7.3.4 prints it: no final punctuation, no number or 附件： of its own."""
    for i, name in enumerate(d.case.data.get("attachments") or []):
        where = f"attachments[{i}]"
        if name[-1] in FINAL_PUNCTUATION:
            bare = _OWN_NUMBER.sub("", name.rstrip(FINAL_PUNCTUATION))   # the fix must not break the next rule
            d.report(rule, where, f"附件名称 {name!r} ends with {name[-1]!r}: 附件名称后不加标点符号 — write "
                     f"{bare!r}", provision="GB/T 9704-2012 7.3.4")
        elif own := _OWN_NUMBER.match(name):
            d.report(rule, where, f"附件名称 {name!r} carries its own {own.group(1)!r}: "
                     "write the name alone, regtext prints 附件： and the numbers 1. 2. …",
                     provision="GB/T 9704-2012 7.3.4")


def annotation(d: Decision, rule: Rule) -> None:
    """The words of the 附注 without brackets: regtext puts them in （） (7.3.6)."""
    text = d.case.data.get("annotation")
    if text is None:
        return
    if text[0] in _BRACKETS and text.endswith(_BRACKETS[text[0]]):
        d.report(rule, "annotation", f"附注 {text!r} is written with its brackets: write {text[1:-1]!r}, regtext "
                 "prints it in （）", provision="GB/T 9704-2012 7.3.6")
    elif "\n" in text.strip():
        d.report(rule, "annotation", "附注 is one paragraph: write it on one line",
                 provision="GB/T 9704-2012 7.3.6")


def printed_date(d: Decision, rule: Rule) -> None:
    """The 印发日期: 2024-05-21 or 2024年5月21日, a date that exists, not before the 成文日期."""
    value = d.case.data.get("printed")
    if value is None:
        if d.case.data.get("printer"):
            d.report(rule, "printer", f"印发机关 {d.case.data['printer']!r} without an 印发日期: 7.4.2 prints "
                     "both on one line — add printed: YYYY-MM-DD, or leave printer out for an unprinted "
                     "document", provision="GB/T 9704-2012 7.4.2")
        return
    when = parse_date(value)
    if isinstance(when, str):
        d.report(rule, "printed", f"印发日期 {value!r}: {when}",
                 provision="GB/T 9704-2012 7.4.2")
        return
    signed = parse_date(d.case.data["date"])
    if isinstance(signed, datetime.date) and when < signed:
        d.report(rule, "printed", f"印发日期 {value!r} is before the 成文日期 (date: {d.case.data['date']}): a "
                 "document is printed after it is signed — correct printed or date", provision="GB/T 9704-2012 7.4.2")
    elif isinstance(signed, datetime.date) and (when - signed).days > PRINTED_SPAN_DAYS:
        d.report(rule, "printed", f"印发日期 {value!r} is {(when - signed).days} days after the 成文日期 (date: "
                 f"{d.case.data['date']}): more than {PRINTED_SPAN_DAYS} — check the year",
                 provision="GB/T 9704-2012 7.4.2", severity="warning")


def parse_date(value: str) -> datetime.date | str:
    """The date, or what is wrong with it (a message)."""
    m = _CN_DATE.match(value)
    if m and (m.group(2).startswith("0") or m.group(3).startswith("0")):
        return f"leading zeros: write {int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"
    m = m or _ISO_DATE.match(value)
    if not m:
        return "write YYYY-MM-DD or 2024年5月21日"
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        return f"not a date ({exc}): write a date that exists"
