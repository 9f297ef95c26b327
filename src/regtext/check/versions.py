"""``regtext check --as-of DATE``: the citations of templates, rulebooks and case files that a
version of a law in force on DATE breaks.

A citation is read in the version in force on ``since`` (default today: what it means now) and
followed into the version in force on DATE; every provision that was renumbered, changed,
repealed, split or merged is reported where it is written (C601–C606), with the citation to write
instead.  A citation of a law no version of which is in force on DATE is C607.  Citations by
corpus id (``jianchafa_2018#art_49``) name one version on purpose and are left alone; so are YAML
comments, which are not read by anyone but a person.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .. import cite
from ..cite.grammar import detect
from ..corpus import Corpus
from ..errors import RegtextError
from ..problems import Problem, problem_at
from ..versions.follow import GRAVITY, Followed, follow_in, target_version, versioned_title, work_of


def check_as_of(path: Path, kind: str, corpus: Corpus, as_of: date, since: date | None = None) -> list[Problem]:
    """The findings C601–C607 of one template, rulebook or case file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # the file's own checker reports why it cannot be read (C900)
    lines = text.split("\n")
    scanned = "\n".join(_without_comment(line) for line in lines) if kind in ("rulebook", "case") else text
    out: list[Problem] = []
    for ref in detect(scanned):
        if ref.anchor not in ("book", "name") or not ref.paths or ref.malformed:
            continue
        line = scanned.count("\n", 0, ref.start) + 1
        column = ref.start - (scanned.rfind("\n", 0, ref.start) + 1) + 1
        out += _followed(str(path), line, column, lines, ref.text, ref.anchor_text, corpus, as_of, since)
    return out


def _followed(where: str, line: int, column: int, lines: list[str], written: str, name: str, corpus: Corpus,
              as_of: date, since: date | None) -> list[Problem]:
    known = corpus.registry_on(since or date.today()).lookup(name.strip("《》"))
    if known is None or known.id is None:
        return []
    found = work_of(corpus.load(known.id), corpus)
    if found is None:
        return []
    work, base = found
    try:
        target = target_version(work, as_of)
    except RegtextError as exc:
        return [problem_at(where, line, column, "C607", f"{written}: {exc.message}", lines)]
    try:
        followed = follow_in(cite.parse(written), work, base, target, corpus)
    except RegtextError:
        return []  # a citation that does not exist or cannot be read: the file's own checker says so
    return [_problem(where, line, column, lines, written, followed, as_of)] if _codes(followed) else []


def _codes(followed: Followed) -> list[str]:
    return [step.code for step in followed.steps if step.code]


def _problem(where: str, line: int, column: int, lines: list[str], written: str, followed: Followed,
             as_of: date) -> Problem:
    """One finding per citation, under the code of its gravest provision (``follow.GRAVITY``), saying what became of each provision and what to write (in the
    message itself, so that the JSON and GitHub formats carry the fix too)."""
    code = min(_codes(followed), key=GRAVITY.index)
    said = "; ".join(followed.notes())
    fix = (f"write {versioned_title(followed.work, followed.target)}{followed.new_citation()}" if followed.nodes
           else "cite what replaces it, if anything")
    return problem_at(where, line, column, code, f"{written} on {as_of.isoformat()}: {said}: {fix}", lines)


def _without_comment(line: str) -> str:
    """The line with its YAML comment blanked (same length, so columns stay true).  A quote opens
    a quoted scalar only where a scalar can begin (an apostrophe inside plain text does not);
    inside double quotes a backslash escapes the next character, inside single quotes ``''`` is
    one quote: a ``#`` inside a string is text, and the citations after it are checked."""
    quote = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote == '"' and ch == "\\":
            i += 1                                   # the escaped character
        elif quote == "'" and line.startswith("''", i):
            i += 1                                   # '' stands for one quote
        elif quote:
            quote = None if ch == quote else quote
        elif ch in "\"'" and (i == 0 or line[i - 1] in _SCALAR_STARTS):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i] + " " * (len(line) - i)
        i += 1
    return line


#: what may stand right before a quoted scalar's opening quote: a space, or a flow collection's mark
_SCALAR_STARTS = frozenset(" \t[{,")
