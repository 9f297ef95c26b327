"""``regtext check``: lint the citations of templates, rulebooks, case files and regulation
texts, as a build step (no rendering)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from ..corpus import Corpus, default_corpus
from ..errors import UsageError
from ..problems import Problem, problem_at
from .data import check_annotations, check_case, check_issuer, check_rulebook, check_text
from .templates import check_template

#: The folders ``regtext check`` looks for in the working directory when no path is given.
FOLDERS = ("templates", "corpus", "examples")


def default_paths() -> list[Path]:
    """What to lint when no path is given, the way linters do: the folders check understands in
    the working directory (the checkout being worked on, not the installed package's copies),
    as relative paths so that findings read ``templates/…``."""
    found = [Path(name) for name in FOLDERS if Path(name).is_dir()]
    if not found:
        raise UsageError(f"nothing to check in {Path.cwd()}: no {', '.join(f + '/' for f in FOLDERS)} folder here",
                         hint="run it in the project's folder, or name the files or folders to check")
    return found


def kind_of(path: Path) -> str | None:
    name = path.name
    if name.endswith(".rulebook.yaml"):
        return "rulebook"
    if name.endswith(".annotations.yaml"):
        return "annotations"
    if name.endswith(".issuer.yaml") or name == "issuer.yaml":
        return "issuer"
    if name.endswith(".meta.yaml") or name in ("known_documents.yaml", ".pre-commit-hooks.yaml"):
        return None
    if path.suffix in (".yaml", ".yml"):
        return "case"
    if path.suffix in (".md", ".j2", ".jinja") and _has_front_matter(path):
        return "template"
    if path.suffix == ".txt" and path.with_name(path.name[:-4] + ".meta.yaml").exists():
        return "text"
    return None


def _has_front_matter(path: Path) -> bool:
    """Judged on the bytes, so that a template in another encoding (GB18030, UTF-16) is still a
    template — and reported as not UTF-8 — rather than skipped."""
    try:
        with path.open("rb") as stream:
            head = stream.read(16)
    except OSError:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace").lstrip("\ufeff").startswith("---")
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"---")


def files(paths: list[Path]) -> list[tuple[Path, str]]:
    out = []
    for path in paths:
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            kind = kind_of(candidate)
            if kind is None and not path.is_dir():  # a file named on the command line: by its suffix
                kind = {".yaml": "case", ".yml": "case", ".txt": "text"}.get(candidate.suffix, "template")
            if kind:
                out.append((candidate, kind))
    return out


#: Below this many files one process is faster than starting workers.
PARALLEL_FROM = 200


def run(paths: Iterable[str | Path] | str | Path | None = None, corpus: Corpus | None = None, *,
        as_of: date | None = None, since: date | None = None) -> list[Problem]:
    """Findings for every file under ``paths`` (default: default_paths()), file by file in order.
    A large tree is checked by one worker per core, forked after the corpus is loaded so they
    share it.  ``as_of``: also the citations of templates, rulebooks and case files that the
    version of a law in force that day breaks (C601–C607), read in the version in force on
    ``since`` (default today)."""
    corpus = corpus or default_corpus()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    given = [Path(p) for p in paths] if paths is not None else default_paths()
    todo = files(given)
    if not todo:  # 0 error(s) would say that something passed
        raise UsageError(f"nothing to check in {', '.join(_shown(p) for p in given)}: no template, rulebook, case "
                         "file, annotation file or regulation text there",
                         hint="a template is a .md, .j2 or .jinja file that starts with '---' front matter")
    workers = os.cpu_count() or 1
    if len(todo) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [f for path, kind in todo for f in _sorted(_check(path, kind, corpus, as_of, since))]
    global _SHARED, _DAYS
    _SHARED, _DAYS = corpus, (as_of, since)
    for entry in corpus:  # parse what templates will cite before forking: the workers inherit it
        if entry.primary:
            corpus.load(entry.id)
    chunks = [todo[i::workers * 4] for i in range(workers * 4)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(_check_chunk, chunks))
    by_file: dict[tuple[Path, str], list[Problem]] = {}
    for chunk, result in zip(chunks, results, strict=True):
        for item, found in zip(chunk, result, strict=True):
            by_file[item] = found
    return [f for item in todo for f in by_file[item]]


def _shown(path: Path) -> str:
    return f"{path}/" if path.is_dir() and not str(path).endswith("/") else str(path)


_SHARED: Corpus | None = None
_DAYS: tuple[date | None, date | None] = (None, None)


def _check_chunk(chunk: list[tuple[Path, str]]) -> list[list[Problem]]:
    assert _SHARED is not None
    return [_sorted(_check(path, kind, _SHARED, *_DAYS)) for path, kind in chunk]


def _sorted(findings: list[Problem]) -> list[Problem]:
    return sorted(findings, key=lambda f: (f.line, f.column, f.code))


def _check(path: Path, kind: str, corpus: Corpus, as_of: date | None = None,
           since: date | None = None) -> list[Problem]:
    """One file, by the checker for its kind (and, ``as_of`` a day, for the citations that day's
    versions break); a file that cannot be read is a finding too."""
    found = _by_kind(path, kind, corpus)
    if as_of is not None and kind in ("template", "rulebook", "case"):
        from .versions import check_as_of

        found += check_as_of(path, kind, corpus, as_of, since)
    return found


def _by_kind(path: Path, kind: str, corpus: Corpus) -> list[Problem]:
    try:
        if kind == "template":
            return check_template(path, corpus)
        if kind == "rulebook":
            return check_rulebook(path, corpus)
        if kind == "case":
            return check_case(path, corpus)
        if kind == "text":
            return check_text(path, corpus)
        if kind == "issuer":
            return check_issuer(path)
        return check_annotations(path, corpus)
    except (OSError, UnicodeDecodeError) as exc:
        return [problem_at(str(path), 1, 1, "C900", f"cannot read: {exc}")]


__all__ = ["Problem", "default_paths", "display", "problem_at", "run"]
