"""A day as a user writes it on the command line: YYYY-MM-DD, a real calendar day."""

from __future__ import annotations

import re
from datetime import date

from ..errors import UsageError

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def read_day(text: str, option: str) -> date:
    match = _DAY.fullmatch(text.strip())
    if match is None:
        raise UsageError(f"{option} {text!r} is not a date", hint="write it as YYYY-MM-DD, e.g. 2024-06-01")
    try:
        return date(*map(int, match.groups()))
    except ValueError as exc:   # 2023-02-29: a month without that day
        raise UsageError(f"{option} {text!r} is not a day of the calendar ({exc})",
                         hint="write a day that exists, as YYYY-MM-DD") from None
