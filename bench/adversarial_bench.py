"""Adversarial parser benchmark (issue 11, item 14): texts that repeat one number many times.

16,000 lines of ``第一条 内容。`` took 17 s and 50,000 did not finish in 120 s: every repeat was
numbered by scanning what came before it.  Each shape below is a whole ``regtext parse FILE --to
json -o OUT`` process (diagnostics printed, as a user sees them) at each size; reported: the median
CPU time (user + system) and wall time of the process, and the growth of the CPU time from one size
to the next (a doubling of the input should stay ≤ 2.2×).  The targets are checked on CPU time: on
a machine shared with other jobs the wall time mostly measures the neighbours, while the CPU time
of a single-threaded parse is its wall time on an idle machine.

    python bench/adversarial_bench.py                       # 25,000 and 50,000 lines, 3 runs
    python bench/adversarial_bench.py --sizes 2000,4000 --runs 1 --shapes article,item
    python bench/adversarial_bench.py --regtext "regtext"   # another installation

By default the checkout's own ``src`` runs (PYTHONPATH), with the running Python.  Exit status 1
when a shape is over the target (≤ --target seconds at the largest size, growth ≤ --growth per
doubling).  The normal case, a large well-formed regulation, is ``bench/parse_bench.py``.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
TITLE = "测试条例\n\n"

#: name -> (what it repeats, a text of ``lines`` lines).
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "article": ("第一条 内容。 on every line",
                lambda n: TITLE + "第一条 内容。\n" * n),
    "item": ("（一）甲； under one article",
             lambda n: TITLE + "第一条 内容：\n" + "（一）甲；\n" * (n - 1)),
    "chapter": ("第一章 总则 + 第一条 内容。 pairs",
                lambda n: TITLE + "第一章 总则\n第一条 内容。\n" * (n // 2)),
    "subitem": ("1. 乙； under one item",
                lambda n: TITLE + "第一条 内容：\n（一）甲：\n" + "1. 乙；\n" * (n - 2)),
    "paragraph": ("内容。 (a 款 each) in one article",
                  lambda n: TITLE + "第一条 内容。\n" + "内容。\n" * (n - 1)),
    # Distinct numbers, each citing the one before: growth is their target (see GROWTH_ONLY).
    "prev-article": ("第N条 依照前条处理。: every article cites the one before",
                     lambda n: TITLE + "第一条 内容。\n" + "".join(f"第{_zh(k)}条 依照前条处理。\n" for k in range(2, n + 1))),
    "prev-item": ("（N）依照前项处理； under one article: every item cites the one before",
                  lambda n: TITLE + "第一条 内容：\n" + "".join(f"（{_zh(k)}）依照前项处理；\n" for k in range(1, n))),
}


#: Shapes judged by growth alone: 50,000 distinct articles are a 50,000-article law, whose cost
#: bench/parse_bench.py measures (reading 50,000 distinct numerals alone takes about 1 s); what
#: these shapes show is that 前条/前项 no longer make it quadratic.
GROWTH_ONLY = {"prev-article", "prev-item"}


def _zh(number: int) -> str:
    """A statute numeral, for the shapes that need distinct numbers."""
    return _numerals().to_chinese(number)


@functools.cache
def _numerals():  # type: ignore[no-untyped-def]
    """regtext.numerals of this checkout (imported once, whatever --regtext runs)."""
    sys.path.insert(0, str(BENCH.parent / "src"))
    from regtext import numerals

    return numerals


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(CPU seconds, wall seconds, exit code, stderr) of one process (runs are sequential, so the
    growth of this process's children's CPU time is this child's)."""
    cpu, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    return _children_cpu() - cpu, wall, proc.returncode, proc.stderr.decode("utf-8", "replace")


def measure(shapes: list[str], sizes: list[int], runs: int, regtext: list[str],
            env: dict[str, str]) -> dict[tuple[str, int], list[tuple[float, float]]]:
    """(CPU, wall) of every (shape, size), once per round, ``runs`` rounds, so a slow spell falls on
    all of them."""
    walls: dict[tuple[str, int], list[tuple[float, float]]] = {(s, n): [] for s in shapes for n in sizes}
    with tempfile.TemporaryDirectory(prefix="regtext-adversarial-") as tmp:
        files = {}
        for shape, size in walls:
            files[shape, size] = Path(tmp) / f"{shape}_{size}.txt"
            files[shape, size].write_text(SHAPES[shape][1](size), encoding="utf-8")
        out = Path(tmp) / "out.json"
        for i in range(runs):
            for (shape, size), times in walls.items():
                cpu, wall, code, stderr = run_once([*regtext, "parse", str(files[shape, size]), "--to", "json",
                                               "-o", str(out)], env)
                if code != 0:
                    tail = "\n    ".join(stderr.strip().splitlines()[-3:])
                    raise SystemExit(f"{shape} {size}: exit {code}\n    {tail}")
                times.append((cpu, wall))
                print(f"  {shape:10} {size:>7,} lines  run {i + 1}/{runs}: {cpu:6.2f} s CPU {wall:6.2f} s wall",
                      file=sys.stderr)
    return walls


def report(walls: dict[tuple[str, int], list[tuple[float, float]]], shapes: list[str], sizes: list[int],
           target: float, growth: float) -> tuple[str, bool]:
    lines = ["| shape | repeats | " + " | ".join(f"{n:,} lines: CPU (wall) s" for n in sizes)
             + "".join(f" | {b:,} / {a:,}" for a, b in itertools.pairwise(sizes)) + " | within target |",
             "|---|---|" + "---:|" * (len(sizes) + len(sizes) - 1) + "---|"]
    ok_all = True
    for shape in shapes:
        medians = [statistics.median(cpu for cpu, _ in walls[shape, n]) for n in sizes]
        wall_medians = [statistics.median(wall for _, wall in walls[shape, n]) for n in sizes]
        ratios = [(b / a) / (nb / na) * 2 for (a, b), (na, nb) in zip(itertools.pairwise(medians),
                                                                      itertools.pairwise(sizes), strict=True)]
        ok = (shape in GROWTH_ONLY or medians[-1] <= target) and all(r <= growth for r in ratios)
        ok_all = ok_all and ok
        lines.append(f"| {shape} | {SHAPES[shape][0]} | "
                     + " | ".join(f"{m:.2f} ({w:.2f})" for m, w in zip(medians, wall_medians, strict=True))
                     + "".join(f" | {r:.2f}×" for r in ratios) + f" | {'yes' if ok else 'NO'} |")
    lines += ["", f"Median of the runs.  Target, on CPU time: ≤ {target:g} s at {sizes[-1]:,} lines (not for "
                  f"{', '.join(sorted(GROWTH_ONLY))}: growth only); growth ≤ {growth:g}× per doubling (ratios are "
                  "scaled to a doubling when the sizes are not)."]
    return "\n".join(lines) + "\n", ok_all


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="25000,50000", help="line counts, comma-separated (default 25000,50000)")
    p.add_argument("--runs", type=int, default=3, help="runs per shape and size; the median is reported (default 3)")
    p.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated, of: {', '.join(SHAPES)}")
    p.add_argument("--regtext", help="command prefix for regtext; 'parse FILE --to json -o OUT' is appended "
                                     "(default: this checkout's src with the running Python)")
    p.add_argument("--target", type=float, default=1.0, help="seconds allowed at the largest size (default 1)")
    p.add_argument("--growth", type=float, default=2.2, help="growth allowed per doubling (default 2.2)")
    p.add_argument("-o", "--output", type=Path, help="also write the Markdown report to this file")
    args = p.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown or not sizes:
        p.error(f"unknown shape(s) {', '.join(unknown)}" if unknown else "no sizes")
    env = dict(os.environ)
    if args.regtext:
        regtext = shlex.split(args.regtext)
    else:
        regtext = [sys.executable, "-c", "from regtext.cli import run; run()"]
        env["PYTHONPATH"] = str(BENCH.parent / "src")
    text, ok = report(measure(shapes, sizes, args.runs, regtext, env), shapes, sizes, args.target, args.growth)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
