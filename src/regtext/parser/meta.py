"""Metadata read from the text itself: title, history events, effective date, interpreting body.

One fact is not in an amended law's text: when its last amendment took effect (the amending
decision says so, 本决定自2025年6月1日起施行).  The corpus supplies it as data with its source
(``amendment_effective`` in ``<id>.meta.yaml``); the text's own dating of the version wins, and a
disagreement between the two is a warning."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from ..diagnostics import Diagnostic
from ..errors import InputError
from ..model import AmendmentEffective, Event, Meta, Node
from ..numerals import to_int

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


def extract(text: str, children: list[Node], articles: list[Node], locate: Locate = lambda offset: (0, 0),
            supplied: AmendmentEffective | None = None) -> tuple[Meta, list[Diagnostic]]:
    """The metadata, and warnings: the text's own effective-date clause is older than the version
    (the clause of the original enactment kept through later amendments); the supplied date of the
    last amendment does not fit the text."""
    meta = Meta()
    for node in children:
        if node.type == "title":
            lines = [line.strip() for line in node.text.split("\n") if line.strip()]
            meta.title = lines[0]
            meta.subtitle = " ".join(lines[1:]) or None
        elif node.type == "history":
            meta.history = [e for e in map(parse_event, history_lines(node.text)) if e is not None]
    body = articles[0].start if articles else 0
    diagnostics = _effective(meta, text, body, articles, locate, supplied)
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
        when: date | None = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
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


@dataclass(frozen=True, slots=True)
class _Stated:
    """The text's own date for the version in hand: a 施行 history line or clause not older than
    the last amendment."""

    date: date | None
    basis: str
    offset: int


def _effective(meta: Meta, text: str, body: int, articles: list[Node], locate: Locate,
               supplied: AmendmentEffective | None) -> list[Diagnostic]:
    """The date the version in hand took effect.  An amended text keeps the original enactment's
    clause (安全生产法 2021 still says 本法自2002年11月1日起施行), so only what is dated on or after the
    last amendment can date this version: a 施行 history line, else the text's own clause.  When
    neither is, the amending decision's 施行 date is not in the text: the corpus metadata's
    ``amendment_effective`` (basis: its quoted source), else unknown with the amendment's history
    line as basis — an honest gap, never the original's date."""
    amendment = last_amendment(meta.history)
    since = amendment.date if amendment else date.min
    clause = _clause(meta, text, body, articles)
    stated = _stated(meta, text, clause, amendment)
    usable = supplied if supplied is not None and amendment is not None and supplied.date >= amendment.date else None
    if stated is not None:
        meta.effective, meta.effective_basis = stated.date, stated.basis
    elif usable is not None:
        meta.effective, meta.effective_basis = usable.date, usable.source
    elif amendment is not None:
        meta.effective, meta.effective_basis = None, amendment.text
    diagnostics = _check_supplied(supplied, amendment, stated, text, locate) if supplied else []
    if amendment is None or clause is None or (clause.date is not None and clause.date >= since):
        return diagnostics
    line, column = locate(clause.offset)
    if stated is not None:
        taken = f"its effective date is taken from the history line {stated.basis}"
    elif usable is not None:
        taken = (f"its effective date {usable.date.isoformat()} is taken from the corpus metadata "
                 f"(amendment_effective): {usable.source}")
    else:
        taken = "the text does not say when the amended version took effect: effective date unknown"
    return diagnostics + [Diagnostic(
        "M401", f"effective-date clause {clause.basis} predates the last amendment "
                f"({amendment.date.isoformat()} {amendment.action}): {taken}", line, column, clause.offset)]


def _stated(meta: Meta, text: str, clause: _Clause | None, amendment: Event | None) -> _Stated | None:
    since = amendment.date if amendment else date.min
    commencements = [e for e in meta.history if e.action == "施行" and e.date >= since]
    if commencements:
        line = commencements[-1]
        return _Stated(line.date, line.text, max(text.find(line.text), 0))
    if clause and (amendment is None or (clause.date is not None and clause.date >= since)):
        return _Stated(clause.date, clause.basis, clause.offset)
    return None


def _check_supplied(supplied: AmendmentEffective, amendment: Event | None, stated: _Stated | None,
                    text: str, locate: Locate) -> list[Diagnostic]:
    """M402 where the supplied date cannot be the last amendment's or the text says otherwise."""
    given = f"corpus metadata amendment_effective {supplied.date.isoformat()}"
    if amendment is None:
        problem, offset = f"{given} is not used: the text records no amendment", 0
    elif supplied.date < amendment.date:
        problem = (f"{given} is not used: it is before the last amendment "
                   f"({amendment.date.isoformat()} {amendment.action}) it should date")
        offset = max(text.find(amendment.text), 0)
    elif stated is not None and stated.date is not None and stated.date != supplied.date:
        problem = (f"{given} contradicts the text, which dates this version {stated.date.isoformat()} "
                   f"({stated.basis}): the text's date is used")
        offset = stated.offset
    else:
        return []
    line, column = locate(offset)
    return [Diagnostic("M402", problem, line, column, offset)]


def amendment_effective(value: object, where: str, key: str = "amendment_effective") -> AmendmentEffective | None:
    """``amendment_effective: {date: 2025-06-01, source: "《…决定》…：本决定自2025年6月1日起施行。"}`` from a
    corpus metadata file, checked: a real date (YAML date or quoted YYYY-MM-DD) and a non-empty
    source, so that no date enters without the words it comes from."""
    if value is None:
        return None
    hint = f"for example {key}: " + '{date: 2025-06-01, source: "《…的决定》（…）：本决定自2025年6月1日起施行。"}'
    if not isinstance(value, dict):
        raise InputError(f"{key}: expected a mapping with 'date' and 'source'", where=where, hint=hint)
    unknown = sorted(map(str, value.keys() - {"date", "source"}))
    if unknown:
        raise InputError(f"{key}.{unknown[0]}: unknown key (expected 'date' and 'source')",
                         where=where, hint=hint)
    source = value.get("source")
    if not isinstance(source, str) or not source.strip():
        raise InputError(f"{key}.source: missing (quote the amending decision that gives the date)",
                         where=where, hint=hint)
    when = _iso_date(value.get("date"), where, hint, key)
    said = _source_date(source.strip(), where, key)
    if said.date != when:
        raise InputError(f"{key}.date: {when.isoformat()} is not the date its source gives "
                         f"({said.words})", where=where, hint="correct the date or the quotation")
    return AmendmentEffective(when, source.strip())


#: Any 施行 statement of a quoted source, however written: each must be one of the two forms below.
_ANY_COMMENCEMENT = re.compile(r"自[^自。；]*?施行")
_SOURCE_DATE = re.compile(r"(?<![0-9０-９])(\d{4})年(\d{1,2})月(\d{1,2})日")
_SOURCE_EFFECTIVE_DATE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
_SOURCE_EFFECTIVE_ON = re.compile(r"自(?P<action>发布|公布|印发)之日起施行")


@dataclass(frozen=True, slots=True)
class _SourceDate:
    date: date
    words: str     # 自2025年6月1日起施行, or 自公布之日起施行 with the publication it refers to


def _source_date(source: str, where: str, key: str) -> _SourceDate:
    """The one 施行 date a quoted amending decision states: 自2025年6月1日起施行, or 自公布之日起施行
    with the date of that 公布 in the quotation (刑事诉讼法 2018: 2018年10月26日…通过，…主席令第十号公布）：
    本决定自公布之日起施行).  A source stating none, or two, cannot vouch for one date."""
    hint = ("quote the decision's commencement clause: …本决定自2025年6月1日起施行。 or, with the date of "
            "publication, …（2018年10月26日…公布）：本决定自公布之日起施行。")
    statements = [m.group() for m in _ANY_COMMENCEMENT.finditer(source)]
    if len(statements) != 1:
        found = "no 施行 date" if not statements else f"{len(statements)} 施行 statements ({'；'.join(statements)})"
        raise InputError(f"{key}.source: states {found}: it must state exactly one", where=where,
                         hint=hint)
    words = statements[0]
    fixed, on = _SOURCE_EFFECTIVE_DATE.fullmatch(words), _SOURCE_EFFECTIVE_ON.fullmatch(words)
    if fixed:
        return _SourceDate(_real_date(fixed, words, where, hint, key), words)
    if on:
        published = _publication(source[: source.index(words)], on.group("action"))
        if published is None:
            raise InputError(f"{key}.source: {words}, but the quotation does not date the "
                             f"{on.group('action')}", where=where, hint=hint)
        return _SourceDate(_real_date(published, words, where, hint, key), f"{published.group()}{on.group('action')}，{words}")
    raise InputError(f"{key}.source: {words!r} is not a 施行 date (write 自YYYY年M月D日起施行 or "
                     "自公布之日起施行)", where=where, hint=hint)


def _publication(before: str, action: str) -> re.Match[str] | None:
    """The date whose words, up to the next date, say 公布 (or 发布)."""
    dates = list(_SOURCE_DATE.finditer(before))
    ends = [m.start() for m in dates[1:]] + [len(before)]  # one more than dates when there is none
    found = [m for m, end in zip(dates, ends, strict=False) if action in before[m.end():end]]
    return found[-1] if found else None


def _real_date(m: re.Match[str], words: str, where: str, hint: str, key: str) -> date:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise InputError(f"{key}.source: {words} names no date that exists ({exc})", where=where,
                         hint=hint) from None


def _iso_date(value: object, where: str, hint: str, key: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise InputError(f"{key}.date: {value.strip()} is not a date that exists ({exc})",
                             where=where, hint=hint) from None
    shown = "missing" if value is None else f"{value!r} is not a date (expected YYYY-MM-DD)"
    raise InputError(f"{key}.date: {shown}", where=where, hint=hint)
