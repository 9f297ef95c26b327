"""Metadata read from the text itself: title, history events, effective date, interpreting body."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from .model import Event, Meta, Node
from .numerals import to_int

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ACTION = re.compile(
    r"(?:审议)?(?:第(?P<ordinal>[一二三四五六七八九十]+)次)?(?P<action>通过|公布|发布|修正|修订|施行|印发)$"
)
_INSTRUMENT = re.compile(r"《[^》]*》")
_EFFECTIVE_DATE = re.compile(r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起施行")
_EFFECTIVE_ON = re.compile(r"自(?P<action>发布|公布|印发)之日起施行")
_INTERPRETED_BY = re.compile(r"本(?:法|条例|办法|规定|细则|决定|准则)由(?P<body>[^，。；]+?)(?:承担具体|负责)?解释")


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


def extract(text: str, children: list[Node], articles: list[Node]) -> Meta:
    meta = Meta()
    for node in children:
        if node.type == "title":
            lines = [line.strip() for line in node.text.split("\n") if line.strip()]
            meta.title = lines[0]
            meta.subtitle = " ".join(lines[1:]) or None
        elif node.type == "history":
            meta.history = [e for e in map(parse_event, history_lines(node.text)) if e is not None]
    body = articles[0].start if articles else 0
    _effective(meta, text, body, articles)
    m = _INTERPRETED_BY.search(text, body)
    if m:
        meta.interpreted_by = m.group("body")
    return meta


def _last(pattern: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    """The last match: the commencement clause closes a regulation."""
    match = None
    for match in pattern.finditer(text, start):  # noqa: B007
        pass
    return match


def _article_at(articles: list[Node], offset: int) -> Node:
    starts = [a.start for a in articles]
    return articles[max(bisect_right(starts, offset) - 1, 0)]


def _effective(meta: Meta, text: str, body: int, articles: list[Node]) -> None:
    """From a 施行 history line, else from the article that says when the text takes effect."""
    for event in meta.history:
        if event.action == "施行":
            meta.effective, meta.effective_basis = event.date, event.text
    if meta.effective is not None:
        return
    m = _last(_EFFECTIVE_DATE, text, body)
    if m:
        meta.effective = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        meta.effective_basis = f"{_article_at(articles, m.start()).label} {m.group()}"
        return
    m = _last(_EFFECTIVE_ON, text, body)
    if m:
        wanted = "发布" if m.group("action") == "印发" else m.group("action")
        dated = [e for e in meta.history if e.action == wanted] or [
            e for e in meta.history if e.action in ("发布", "公布")
        ]
        meta.effective = dated[-1].date if dated else None  # 自公布之日起施行 but no 公布 line: unknown
        meta.effective_basis = f"{_article_at(articles, m.start()).label} {m.group()}"
