"""Rulebooks, case files, annotations and regulation texts: the same engines as decide, study and
parse, their problems reported as findings with the line of the YAML value or of the text."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import cite
from ..corpus import Corpus
from ..decide import decide, load_case
from ..decide.case import Case
from ..decide.rulebook import Rulebook, assemble_rulebook, conflicts
from ..errors import InputError, Location, RegtextError
from ..issuer import check_issuers, find_issuer, load_issuer
from ..parser.decode import read_bytes
from ..problems import Problem, problem_at
from ..yamlfile import Located, load_yaml
from . import contents


def _lines(path: Path, kind: str = "yaml") -> list[str]:
    """The file's lines, for the source line shown under a finding: read within the size limit
    of its kind, and none for a file the loader refuses (a pipe or a device, too large, not
    UTF-8) — its finding says why."""
    if not path.is_file():
        return []
    try:
        return read_bytes(path, kind).decode("utf-8-sig").split("\n")
    except (InputError, UnicodeDecodeError):
        return []


def check_rulebook(path: Path, corpus: Corpus) -> list[Problem]:
    lines = _lines(path)
    try:
        located = load_yaml(path)
        book = assemble_rulebook(located, corpus)
    except InputError as exc:
        line, column = exc.position
        return [problem_at(str(path), line, column, exc.code or "C201", exc.message, lines)]
    out: list[Problem] = []
    for conflict in conflicts(book):
        line, column = located.positions.get(conflict.path, (1, 1))
        out.append(problem_at(str(path), line, column, conflict.code, conflict.message, lines))
    measures = {id(m.node): m for m in book.measures}
    for i, node in enumerate(book.circumstances):
        if id(node) in measures:
            line, column = located.positions.get(f"circumstances.provisions[{i}]", (1, 1))
            out.append(problem_at(str(path), line, column, "C203",
                               f"{cite.format_nodes([node], 'zh', book.doc)} is both a circumstance and a measure", lines))
    data = located.data
    for subject in ("organization", "person"):
        for i, entry in enumerate(data["measures"].get(subject, [])):
            if entry["document"] == "decision" and not entry.get("appeal"):
                line, column = located.positions.get(f"measures.{subject}[{i}]", (1, 1))
                out.append(problem_at(str(path), line, column, "C204",
                                   f"{entry['provision']} is issued as a decision but has no appeal notice "
                                   "(add appeal: <a key of appeals>)", lines))
    return out + _government_notice(book, located, str(path), lines)


def _government_notice(book: Rulebook, located: Located, where: str, lines: list[str]) -> list[Problem]:
    """The appeal notice of a 政务处分 names the 复审 organ, the 复核 and the one-month limit (C208)."""
    key = contents.government_appeal(book)
    if key is None or key not in book.appeals:
        return []
    text = str(book.appeals[key].get("text", ""))
    line, column = located.positions.get(f"appeals.{key}.text", located.positions.get(f"appeals.{key}", (1, 1)))
    return [problem_at(where, line, column, "C208",
                       f"the appeal notice appeals.{key} of a 政务处分 does not state {gap}", lines)
            for gap in contents.notice_gaps(text)]


def check_case(path: Path, corpus: Corpus) -> list[Problem]:
    lines = _lines(path)
    try:
        decision = decide(load_case(path), corpus)
    except InputError as exc:
        line, column = exc.position
        hint = f" ({exc.hint})" if exc.hint else ""
        return [problem_at(str(path), line, column, "C301", exc.message + hint, lines)]
    except RegtextError as exc:
        return [problem_at(str(path), 1, 1, "C301", str(exc), lines)]
    return [problem.located(lines) for problem in decision.problems] + _case_profile(decision.case, lines)


def _case_profile(case: Case, lines: list[str]) -> list[Problem]:
    """The profile render would use for the case (its ``profile:``, else issuer.yaml next to it):
    what check passes, render renders.  Reported at the case's ``profile:`` (or ``issuer``) line;
    the profile's own mistakes are reported in it too (C501) when it is checked."""
    named = "profile" in case.data
    try:
        profile = find_issuer(case.path, case.data, profile_at=case.where("profile") if named else None)
        wrong = check_issuers(profile, case.issuers) if profile is not None else None
    except InputError as exc:
        where = case.where("profile") if named else Location(case.path, 1, 1)
        inside = exc.location is not None and exc.location.path != case.path
        message = f"{exc.where}: {exc.message}" if inside else exc.message
        return [problem_at(case.path, where.line or 1, where.column or 1, "C302",
                           f"the case's issuer profile: {message}" + (f" ({exc.hint})" if exc.hint else ""), lines)]
    if wrong:
        where = case.where("issuer")
        return [problem_at(case.path, where.line or 1, where.column or 1, "C302", wrong, lines)]
    return []


def check_issuer(path: Path) -> list[Problem]:
    """An issuer profile (``*.issuer.yaml``, ``issuer.yaml``), as render reads it."""
    lines = _lines(path)
    try:
        load_issuer(path)
    except InputError as exc:
        line, column = exc.position
        hint = f" ({exc.hint})" if exc.hint else ""
        return [problem_at(str(path), line, column, "C501", exc.message + hint, lines)]
    return []


def check_annotations(path: Path, corpus: Corpus) -> list[Problem]:
    """A trainer's annotations: read by the loader every YAML file goes through, then the
    problems ``regtext study`` would refuse the file for."""
    from ..study.annotations import problems

    lines = _lines(path)
    try:
        located = load_yaml(path)
    except InputError as exc:
        line, column = exc.position
        hint = f" ({exc.hint})" if exc.hint else ""
        return [problem_at(str(path), line, column, "C401", exc.message + hint, lines)]
    out = []
    for code, yaml_path, message in problems(located, corpus):
        line, column = located.positions.get(yaml_path, (1, 1))
        out.append(problem_at(str(path), line, column, code, message, lines))
    return out


@lru_cache(maxsize=8)
def _folder(root: Path) -> Corpus:
    return Corpus(root)


def check_text(path: Path, corpus: Corpus) -> list[Problem]:
    """A regulation text of the corpus: the parser's diagnostics (unresolved in-document
    references are errors)."""
    lines = _lines(path, "text")
    meta = path.with_name(path.name[: -len(path.suffix)] + ".meta.yaml")
    entry = corpus.entry_for_path(path)
    try:
        if entry is not None:
            doc = corpus.load(entry.id)
        elif meta.exists():  # a corpus folder of its own (a checkout, not the installed copy)
            doc = _folder(path.parent).load(path.stem)
        else:
            doc = corpus.parse_file(path)
    except RegtextError as exc:
        line, column = exc.position
        return [problem_at(str(path), line, column, "C900", exc.message, lines)]
    return [d.problem(str(path), lines) for d in doc.diagnostics]
