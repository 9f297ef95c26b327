"""Corpus import benchmark (issue 17): a LawRefBook checkout into a fresh store.

Reported: the wall and CPU time of ``regtext corpus import PATH --store FILE`` as a whole process
(two worker processes; the CPU time is the process's and its workers'), how many texts were
imported and refused, the store's size against the texts' (the Markdown files' bytes), the time of
a second import of the same folder (unchanged files: no work but hashing), and the median wall time
and CPU time of ``regtext parse ID --store FILE`` as a whole process for the stored law nearest
300 articles (no re-parse; after one warm-up run, with compiled bytecode kept in a scratch
PYTHONPYCACHEPREFIX as an installed regtext has it).  Targets: import ≤ 300 s wall, store ≤ 3× the
texts, parse ≤ 0.2 s — checked on CPU time: on a machine shared with other jobs the wall time
mostly measures the neighbours, while the CPU time of a single-threaded run is its wall time on an
idle machine.

    python bench/import_bench.py ../shared/lawrefbook
    python bench/import_bench.py ../shared/lawrefbook --store /tmp/store.sqlite3 --jobs 2

By default the checkout's own ``src`` runs (PYTHONPATH), with the running Python.  Exit status 1
when a figure is over its target.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SRC = BENCH.parent / "src"


def regtext(*args: str, pycache: str) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall seconds, CPU seconds of the process and its children, result) of one regtext run."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONPYCACHEPREFIX": pycache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "from regtext.cli import run; run()", *args],
                          capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"regtext {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return wall, cpu, done


def texts_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".txt", ".xml")
               and p.name not in ("_index.md", "README.md", "SOURCE.md", "法律法规模版.md"))


def law_near_300(store: Path) -> tuple[str, int]:
    conn = sqlite3.connect(store)
    try:
        row = conn.execute("SELECT id, articles FROM documents ORDER BY abs(articles - 300) LIMIT 1").fetchone()
    finally:
        conn.close()
    return str(row[0]), int(row[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", type=Path, help="a LawRefBook checkout")
    ap.add_argument("--store", type=Path, help="the store to write (default: a fresh temporary file)")
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--runs", type=int, default=5, help="runs of the parse timing")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        store = args.store or Path(scratch) / "store.sqlite3"
        if store.exists():
            store.unlink()
        pycache = str(Path(scratch) / "pycache")
        command = ("corpus", "import", str(args.path), "--store", str(store), "--jobs", args.jobs)
        wall, cpu, done = regtext(*command, pycache=pycache)
        summary = done.stdout.splitlines()[0]
        again, _cpu, redone = regtext(*command, pycache=pycache)
        size, texts = store.stat().st_size, texts_size(args.path)
        doc_id, articles = law_near_300(store)
        parse_command = ("parse", doc_id, "--store", str(store), "-q")
        regtext(*parse_command, pycache=pycache)  # warm-up: bytecode compiled, files in the page cache
        runs = [regtext(*parse_command, pycache=pycache) for _ in range(args.runs)]
        parse_wall = statistics.median(r[0] for r in runs)
        parse_cpu = statistics.median(r[1] for r in runs)
        print(f"import: {wall:.1f} s wall, {cpu:.1f} s CPU (jobs {args.jobs}); {summary}")
        print(f"re-import of the same folder: {again:.1f} s; {redone.stdout.splitlines()[0]}")
        print(f"store: {size / 1e6:.1f} MB for {texts / 1e6:.1f} MB of texts ({size / texts:.2f}×)")
        print(f"parse {doc_id} ({articles} articles) --store: median {parse_cpu * 1000:.0f} ms CPU, "
              f"{parse_wall * 1000:.0f} ms wall, of {args.runs} runs")
        over = wall > 300 or size > 3 * texts or parse_cpu > 0.2
        print("over target" if over else "within targets (import ≤ 300 s, store ≤ 3×, parse ≤ 0.2 s)")
        return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
