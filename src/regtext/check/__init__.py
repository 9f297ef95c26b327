"""``regtext check``: lint the citations of templates, rulebooks, case files and regulation
texts, as a build step (no rendering)."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..corpus import Corpus, data_dir, default_corpus
from .data import check_case, check_rulebook, check_text
from .findings import Finding, finding
from .templates import check_template


def default_paths() -> list[Path]:
    """The project's own templates, corpus rulebooks and texts, and examples."""
    root = data_dir("corpus").parent
    return [p for p in (data_dir("templates"), data_dir("corpus"), root / "examples") if p.exists()]


def kind_of(path: Path) -> str | None:
    name = path.name
    if name.endswith(".rulebook.yaml"):
        return "rulebook"
    if name.endswith(".annotations.yaml"):
        return "annotations"
    if name.endswith(".meta.yaml") or name == "known_documents.yaml" or name == ".pre-commit-hooks.yaml":
        return None
    if path.suffix in (".yaml", ".yml"):
        return "case"
    if path.suffix in (".md", ".j2", ".jinja") and _has_front_matter(path):
        return "template"
    if path.suffix == ".txt" and path.with_name(path.name[:-4] + ".meta.yaml").exists():
        return "text"
    return None


def _has_front_matter(path: Path) -> bool:
    try:
        return path.read_text(encoding="utf-8").startswith("---\n")
    except (OSError, UnicodeDecodeError):
        return False


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


def run(paths: list[Path] | None = None, corpus: Corpus | None = None) -> list[Finding]:
    """Findings for every file under ``paths``, file by file in order.  A large tree is checked
    by one worker per core, forked after the corpus is loaded so they share it."""
    corpus = corpus or default_corpus()
    todo = files(paths or default_paths())
    workers = os.cpu_count() or 1
    if len(todo) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [f for path, kind in todo for f in _sorted(_check(path, kind, corpus))]
    global _SHARED
    _SHARED = corpus
    for entry in corpus:  # parse what templates will cite before forking: the workers inherit it
        if entry.primary:
            corpus.load(entry.id)
    chunks = [todo[i::workers * 4] for i in range(workers * 4)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(_check_chunk, chunks))
    by_file: dict[tuple[Path, str], list[Finding]] = {}
    for chunk, result in zip(chunks, results, strict=True):
        for item, found in zip(chunk, result, strict=True):
            by_file[item] = found
    return [f for item in todo for f in by_file[item]]


_SHARED: Corpus | None = None


def _check_chunk(chunk: list[tuple[Path, str]]) -> list[list[Finding]]:
    assert _SHARED is not None
    return [_sorted(_check(path, kind, _SHARED)) for path, kind in chunk]


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.line, f.column, f.code))


def _check(path: Path, kind: str, corpus: Corpus) -> list[Finding]:
    """One file, by the checker for its kind; a file that cannot be read is a finding too."""
    try:
        if kind == "template":
            return check_template(path, corpus)
        if kind == "rulebook":
            return check_rulebook(path, corpus)
        if kind == "case":
            return check_case(path, corpus)
        if kind == "text":
            return check_text(path, corpus)
        from ..study.annotations import check_annotations

        return check_annotations(path, corpus)
    except (OSError, UnicodeDecodeError) as exc:
        return [finding(str(path), 1, 1, "C900", f"cannot read: {exc}")]


__all__ = ["Finding", "default_paths", "finding", "run"]
