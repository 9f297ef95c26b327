"""Alignment benchmark (issue 16): ``regtext diff`` on 公司法 2018 → 2023 (218 → 266 articles) as a
whole process, next to the all-pairs difflib baseline it replaces, and on a doubled input.

    python bench/diff_bench.py                 # 3 runs each, the baseline once
    python bench/diff_bench.py --runs 5 --no-baseline

Reported: the median CPU time (user + system) and wall time of ``regtext diff OLD NEW --to json``;
the time of the baseline (difflib ``SequenceMatcher(autojunk=False).ratio()`` over every pair of
normalised article bodies, in this process); and the growth from the pair to the doubled pair.
The doubled input appends to each version a second copy of its articles, renumbered, whose
characters are mapped through a fixed permutation (labels and punctuation kept): the copy has the
same shape and statistics but shares no bigram with the first half, so it doubles the work
without adding duplicate matches.  CPU time, because on a shared machine the wall time measures
the neighbours.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = ROOT / "tests" / "fixtures" / "versions"
sys.path.insert(0, str(ROOT / "src"))

import regtext  # noqa: E402
from regtext.numerals import to_chinese  # noqa: E402
from regtext.versions.normalize import comparable  # noqa: E402
from regtext.versions.text import body  # noqa: E402

#: characters the parser reads as structure (labels, numerals, item brackets) or that end a sentence
_KEEP = set("第条款项章节编一二三四五六七八九十百千零〇、。，；：（）()“”《》〈〉\n ")


def run_once(old: Path, new: Path) -> tuple[float, float]:
    """CPU (user + system of the child) and wall seconds of one whole ``regtext diff`` process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = os.times()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-c", "from regtext.cli import run; run()", "diff", str(old), str(new),
                        "--to", "json", "-o", str(Path(tmp) / "out.json")], check=True, env=env)
    wall = time.perf_counter() - start
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system), wall


def measure(old: Path, new: Path, runs: int) -> tuple[float, float]:
    results = [run_once(old, new) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def baseline(old: Path, new: Path) -> tuple[float, int]:
    """Every pair compared exactly: what the prefilter avoids."""
    a = [comparable(body(n)) for n in regtext.parse_file(old).articles()]
    b = [comparable(body(n)) for n in regtext.parse_file(new).articles()]
    start = time.process_time()
    for x in a:
        for y in b:
            SequenceMatcher(None, x, y, autojunk=False).ratio()
    return time.process_time() - start, len(a) * len(b)


def doubled(path: Path, cipher: dict[str, str], out: Path) -> Path:
    """The law's articles, then a ciphered copy of them numbered on."""
    doc = regtext.parse_file(path)
    bodies = [body(n) for n in doc.articles()]
    copies = ["".join(cipher.get(c, c) for c in text) for text in bodies]
    lines = [doc.title or "", ""]
    for number, text in enumerate(bodies + copies, start=1):
        lines += [f"第{to_chinese(number)}条 {text}", ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def make_cipher(*paths: Path) -> dict[str, str]:
    chars = sorted({c for p in paths for c in p.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"} - _KEEP)
    return {c: chars[(k + 97) % len(chars)] for k, c in enumerate(chars)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-baseline", action="store_true", help="skip the all-pairs difflib baseline (~20 s)")
    args = parser.parse_args()
    old, new = VERSIONS / "gongsifa_2018.txt", VERSIONS / "gongsifa_2023.txt"
    cpu, wall = measure(old, new, args.runs)
    print(f"regtext diff 公司法 2018 → 2023 (218 → 266 articles), whole process: {cpu:.2f} s CPU, {wall:.2f} s wall "
          f"(median of {args.runs})")
    if not args.no_baseline:
        seconds, pairs = baseline(old, new)
        print(f"all-pairs difflib baseline ({pairs} ratios, comparison only): {seconds:.1f} s CPU "
              f"({seconds / cpu:.0f}× the whole regtext process)")
    with tempfile.TemporaryDirectory() as tmp:
        cipher = make_cipher(old, new)
        old2, new2 = doubled(old, cipher, Path(tmp) / "old2.txt"), doubled(new, cipher, Path(tmp) / "new2.txt")
        cpu2, wall2 = measure(old2, new2, args.runs)
    print(f"doubled (436 → 532 articles): {cpu2:.2f} s CPU, {wall2:.2f} s wall; growth {cpu2 / cpu:.2f}× CPU "
          "for 2× the articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
