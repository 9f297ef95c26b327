"""References across the national corpus (issue 17, item 4): every reference of every text of a
LawRefBook checkout resolved across all of them, kept in a store's ``xrefs`` tables, then the
national resolution report (the same as ``regtext refs --report --store STORE``).

    python bench/national_refs.py ../shared/lawrefbook --store /tmp/national.sqlite
    python bench/national_refs.py ../shared/lawrefbook --store /tmp/national.sqlite --today 2025-04-19

Target: ≥ 95 % of the references that cite a provision of a title in the store resolve to a
provision that exists.  Exit status 1 when below the target.  The bundled corpus's titles (and
its known documents) join the store's, as with ``regtext refs --store``.
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
from regtext.refs.collection import resolve_collection  # noqa: E402
from regtext.refs.national import report  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collection", type=Path, help="a LawRefBook checkout")
    parser.add_argument("--store", type=Path, required=True, help="the SQLite file the references are kept in")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="the day texts in force are read on (default: today)")
    parser.add_argument("--target", type=float, default=95.0)
    args = parser.parse_args()
    started = time.perf_counter()
    refused = resolve_collection(args.collection, args.store, args.workers, default_corpus().registry, args.today)
    elapsed = time.perf_counter() - started
    conn = sqlite3.connect(args.store)
    try:
        result = report(conn)
    finally:
        conn.close()
    print("\n".join(result.lines()))
    print(f"refused: {len(refused)}")
    for where, why in refused:
        print(f"  {where}: {why}")
    print(f"resolved in {elapsed:.1f} s with {args.workers} worker(s)")
    rate = 100 * result.present_resolved / result.present_provisions if result.present_provisions else 100.0
    return 0 if rate >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
