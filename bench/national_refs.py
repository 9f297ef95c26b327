"""References across the national corpus (issue 17, item 4): every reference of every text of a
corpus store resolved across all of them (``regtext corpus import`` does it after importing;
this runs the pass again on a store, timed), then the national resolution report — the same as
``regtext refs --report --store STORE``.

    regtext corpus import ../shared/lawrefbook --store /tmp/national.sqlite3
    python bench/national_refs.py --store /tmp/national.sqlite3

Target: ≥ 95 % of the references that cite a provision of a text the store holds resolve to a
provision that exists.  Exit status 1 when below the target.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from regtext.corpus import default_corpus  # noqa: E402
from regtext.refs.national import report  # noqa: E402
from regtext.refs.storepass import resolve_store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a store written by 'regtext corpus import'")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="the day an undated text is read on (default: today)")
    parser.add_argument("--target", type=float, default=95.0)
    args = parser.parse_args()
    started = time.perf_counter()
    texts = resolve_store(args.store, args.workers, default_corpus().registry, args.today)
    elapsed = time.perf_counter() - started
    conn = sqlite3.connect(args.store)
    try:
        result = report(conn)
    finally:
        conn.close()
    print("\n".join(result.lines()))
    print(f"resolved the references of {texts} texts in {elapsed:.1f} s with {args.workers} worker(s)")
    held = result.present_provisions - result.not_held
    rate = 100 * result.held_resolved / held if held else 100.0
    return 0 if rate >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
