"""The one rule of which version of a law is in force on a day (regtext.versions.timeline), with
the parameters its three callers differ by."""

from __future__ import annotations

from datetime import date

from regtext.versions.timeline import Timed, Timeline

V2018 = Timed("监察法(2018-03-20)", date(2018, 3, 20))
V2025 = Timed("监察法(2025-06-01)", date(2025, 6, 1))
UNDATED = Timed("监察法(未注明)", None)


def ids(versions: list[Timed]) -> list[str]:
    return [v.id for v in versions]


def it_keeps_a_version_in_force_until_the_day_before_the_next_starts() -> None:
    line = Timeline([V2025, V2018])
    assert ids(line.versions) == [V2018.id, V2025.id]
    assert ids(line.on(date(2025, 5, 31))) == [V2018.id]
    assert ids(line.on(date(2025, 6, 1))) == [V2025.id]
    assert line.last_day(V2018) == date(2025, 5, 31)
    assert line.last_day(V2025) is None


def it_has_no_version_in_force_before_every_start_and_a_citation_reads_the_earliest() -> None:
    line = Timeline([V2018, V2025])
    assert line.on(date(2018, 3, 19)) == []
    assert line.read_on(date(2018, 3, 19)) == (V2018, False)
    assert line.read_on(date(2024, 1, 1)) == (V2018, True)


def it_reads_an_undated_version_as_the_first_or_as_always_in_force() -> None:
    line = Timeline([V2025, UNDATED])
    assert ids(line.on(date(2020, 1, 1))) == [UNDATED.id]
    assert ids(line.on(date(2026, 1, 1))) == [V2025.id]            # ended by the first dated version
    assert ids(line.on(date(2020, 1, 1), undated="always")) == [UNDATED.id]
    assert ids(line.on(date(2026, 1, 1), undated="always")) == [UNDATED.id, V2025.id]
    assert line.last_day(UNDATED) == date(2025, 5, 31)


def it_leaves_a_repealed_law_out_on_every_day_only_when_asked() -> None:
    last = Timed("条例(2010-01-01)", date(2010, 1, 1), repealed=True)
    earlier = Timed("条例(2001-01-01)", date(2001, 1, 1), repealed=True)
    line = Timeline([earlier, last])
    assert ids(line.on(date(2020, 1, 1))) == [last.id]
    assert line.on(date(2020, 1, 1), repealed_out=True) == []
    assert ids(line.on(date(2005, 1, 1), repealed_out=True)) == [earlier.id]   # not the last version
    assert line.on(date(2020, 1, 1), undated="always", repealed_out=True) == []


def it_ends_a_version_on_its_own_last_day() -> None:
    ended = Timed("办法(2019-01-01)", date(2019, 1, 1), end=date(2020, 12, 31))
    line = Timeline([ended])
    assert ids(line.on(date(2020, 12, 31))) == [ended.id]
    assert line.on(date(2021, 1, 1)) == []
    assert line.last_day(ended) == date(2020, 12, 31)


def it_keeps_every_text_of_a_law_that_started_the_same_day() -> None:
    twin = Timed("监察法(2018-03-20)副本", date(2018, 3, 20))
    line = Timeline([twin, V2018])
    assert ids(line.on(date(2019, 1, 1))) == [V2018.id, twin.id]
    assert line.read_on(date(2019, 1, 1)) == (twin, True)     # a citation reads one: the last by id
