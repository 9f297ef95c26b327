"""``regtext check`` over 1,000 templates as a whole process (issue 6: under 2 s).

The templates are the shipped ones, each copied 200 times with its facts varied, into a
temporary folder; the whole ``regtext check DIR`` process is timed (best and median of
``--runs``).

    python bench/check_bench.py
    python bench/check_bench.py --templates 5000
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make(folder: Path, count: int) -> None:
    sources = sorted((ROOT / "templates").glob("*.md"))
    for i in range(count):
        source = sources[i % len(sources)].read_text(encoding="utf-8")
        # vary each copy a little, with a citation written as text, so no two are alike
        extra = f"\n\n本决定第{i}号附注：依照本办法第{'四五六七'[i % 4]}条的规定执行。\n"
        (folder / f"t{i:05d}.md").write_text(source + extra, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--templates", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--regtext", default="regtext", help="command that runs regtext")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make(folder, args.templates)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run([*args.regtext.split(), "check", str(folder)], capture_output=True, text=True,
                                    check=False)
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                sys.exit(f"regtext check failed ({result.returncode}): {result.stdout[-500:]}{result.stderr[-500:]}")
    print(f"regtext check over {args.templates:,} templates, whole process, {args.runs} runs: "
          f"best {min(times):.2f} s, median {statistics.median(times):.2f} s "
          f"({statistics.median(times) / args.templates * 1000:.2f} ms per template)")


if __name__ == "__main__":
    main()
