"""Reference detection and resolution scale linearly (issue 3).

Times ``add_references`` (detect every reference in every node, resolve it in the tree) on the
synthetic regulations of ``generate.py`` at N and 2N articles, in this process, best of
``--runs``; a doubling of the input should cost at most 2.2 times the time.

    python bench/refs_bench.py                    # 20,000 and 40,000 articles
    python bench/refs_bench.py --sizes 2000,4000,8000
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_pair  # noqa: E402

import regtext  # noqa: E402
from regtext.parser.pipeline import add_references, parse_structure  # noqa: E402


def measure(articles: int, runs: int) -> tuple[int, int, float]:
    text_path, _ = write_pair(articles, HERE / "data")
    text = text_path.read_text(encoding="utf-8")
    corpus = regtext.default_corpus()
    best = float("inf")
    count = 0
    for _ in range(runs):
        doc = parse_structure(text, id=f"syn_{articles}")
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        add_references(doc, lambda: corpus.registry, corpus.load)
        best = min(best, time.perf_counter() - start)
        gc.enable()
        count = len(doc.references)
    return len(text), count, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="20000,40000", help="article counts, each double the one before")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = [(n, *measure(n, args.runs)) for n in sizes]
    print("| articles | characters | references | detect + resolve (s) | × previous |")
    print("|---:|---:|---:|---:|---:|")
    previous = None
    for n, chars, refs, seconds in rows:
        ratio = f"{seconds / previous:.2f}" if previous else "—"
        print(f"| {n:,} | {chars:,} | {refs:,} | {seconds:.3f} | {ratio} |")
        previous = seconds


if __name__ == "__main__":
    main()
