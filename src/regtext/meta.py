"""Metadata read from the text itself: title, history events, effective date, interpreting body."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .diagnostics import Diagnostic
from .model import Event, Meta, Node
from .numerals import to_int

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ACTION = re.compile(
    r"(?:审议)?(?:第(?P<ordinal>[一二三四五六七八九十]+)次)?(?P<action>通过|公布|发布|修正|修订|施行|印发)$"
)
_AMENDING = ("修正", "修订")
_INSTRUMENT = re.compile(r"《[^》]*》")
_EFFECTIVE_DATE = re.compile(r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起施行")
_EFFECTIVE_ON = re.compile(r"自(?P<action>发布|公布|印发)之日起施行")
_INTERPRETED_BY = re.compile(r"本(?:法|条例|办法|规定|细则|决定|准则)由(?P<body>[^，。；]+?)(?:承担具体|负责)?解释")

Locate = Callable[[int], tuple[int, int]]


def parse_event(line: str) -> Event | None:
    """2021年6月10日 第十三届…《关于修改…的决定》第三次修正 → Event."""
    m = _DATE.match(line)
    if not m:
        return None
    when = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    rest = line[m.end():].strip()
    action_match = _ACTION.search(rest)
    action = ordinal = None
    if action_match:
        action = "发布" if action_match.group("action") == "印发" else action_match.group("action")
        ordinal = to_int(action_match.group("ordinal")) if action_match.group("ordinal") else None
        rest = rest[: action_match.start()]
    instrument_match = _INSTRUMENT.search(rest)
    instrument = instrument_match.group() if instrument_match else None
    body = (rest[: instrument_match.start()] if instrument_match else rest).strip()
    return Event(when, action, body, line, instrument, ordinal)


def history_lines(text: str) -> list[str]:
    """The lines of a history block without its enclosing brackets."""
    inner = text.strip()
    if inner[:1] in "（(":
        inner = inner[1:]
    if inner[-1:] in "）)":
        inner = inner[:-1]
    return [line.strip() for line in inner.split("\n") if line.strip()]


def amending(history: list[Event]) -> list[bool]:
    """Which history events changed the text: a 修正/修订, and a 通过 that follows one (北京市安全生产条例's
    2016年11月25日…会议通过 is the decision of a later session, not the enactment).  A 公布/发布 or 施行
    line only publishes or brings into force what was already adopted."""
    flags: list[bool] = []
    for event in history:
        flags.append(event.action in _AMENDING or (event.action == "通过" and any(flags)))
    return flags


def last_amendment(history: list[Event]) -> Event | None:
    changed = [e for e, flag in zip(history, amending(history), strict=True) if flag]
    return changed[-1] if changed else None


def extract(text: str, children: list[Node], articles: list[Node],
            locate: Locate = lambda offset: (0, 0)) -> tuple[Meta, list[Diagnostic]]:
    """The metadata, and a warning when the text's own effective-date clause is older than the
    version (the clause of the original enactment kept through later amendments)."""
    meta = Meta()
    for node in children:
        if node.type == "title":
            lines = [line.strip() for line in node.text.split("\n") if line.strip()]
            meta.title = lines[0]
            meta.subtitle = " ".join(lines[1:]) or None
        elif node.type == "history":
            meta.history = [e for e in map(parse_event, history_lines(node.text)) if e is not None]
    body = articles[0].start if articles else 0
    diagnostics = _effective(meta, text, body, articles, locate)
    m = _INTERPRETED_BY.search(text, body)
    if m:
        meta.interpreted_by = m.group("body")
    return meta, diagnostics


def _last(pattern: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    """The last match: the commencement clause closes a regulation."""
    match = None
    for match in pattern.finditer(text, start):  # noqa: B007
        pass
    return match


def _article_at(articles: list[Node], offset: int) -> Node:
    starts = [a.start for a in articles]
    return articles[max(bisect_right(starts, offset) - 1, 0)]


@dataclass(frozen=True, slots=True)
class _Clause:
    """The text's own 自…起施行 clause: the date it names (None when it names a 公布 the history does
    not date), the words with their article, and where it stands."""

    date: date | None
    basis: str
    offset: int


def _clause(meta: Meta, text: str, body: int, articles: list[Node]) -> _Clause | None:
    m = _last(_EFFECTIVE_DATE, text, body)
    if m:
        when = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _Clause(when, f"{_article_at(articles, m.start()).label} {m.group()}", m.start())
    m = _last(_EFFECTIVE_ON, text, body)
    if m:
        wanted = "发布" if m.group("action") == "印发" else m.group("action")
        dated = [e for e in meta.history if e.action == wanted] or [
            e for e in meta.history if e.action in ("发布", "公布")
        ]
        when = dated[-1].date if dated else None  # 自公布之日起施行 but no 公布 line: unknown
        return _Clause(when, f"{_article_at(articles, m.start()).label} {m.group()}", m.start())
    return None


def _effective(meta: Meta, text: str, body: int, articles: list[Node], locate: Locate) -> list[Diagnostic]:
    """The date the version in hand took effect.  An amended text keeps the original enactment's
    clause (安全生产法 2021 still says 本法自2002年11月1日起施行), so only what is dated on or after the
    last amendment can date this version: a 施行 history line, else the text's own clause.  When
    neither is, the date is unknown (the amending decision's own 施行 date is not in the text) and
    the basis is the amendment's history line: an honest gap, never the original's date."""
    amendment = last_amendment(meta.history)
    since = amendment.date if amendment else date.min
    clause = _clause(meta, text, body, articles)
    commencements = [e for e in meta.history if e.action == "施行" and e.date >= since]
    if commencements:
        meta.effective, meta.effective_basis = commencements[-1].date, commencements[-1].text
    elif clause and (amendment is None or (clause.date is not None and clause.date >= since)):
        meta.effective, meta.effective_basis = clause.date, clause.basis
    elif amendment is not None:
        meta.effective, meta.effective_basis = None, amendment.text
    if amendment is None or clause is None or (clause.date is not None and clause.date >= since):
        return []
    line, column = locate(clause.offset)
    taken = (f"its effective date is taken from the history line {meta.effective_basis}" if commencements
             else "the text does not say when the amended version took effect: effective date unknown")
    return [Diagnostic("M401", f"effective-date clause {clause.basis} predates the last amendment "
                               f"({amendment.date.isoformat()} {amendment.action}): {taken}", line, column, clause.offset)]
