"""Parser benchmark (issue 2): regtext against bluebell-akn + its Rust extension.

Each tool runs as a whole process, N times per size, on the same synthetic regulation
(bench/generate.py): regtext parses the published plain text to its JSON tree, bluebell
parses the bluebell-marked-up form to Akoma Ntoso XML. Reported: the median wall time and
median peak RSS of the process (GNU time's %M, else ``os.wait4`` in a small meter process), the ratio
regtext / bluebell-rs per size and each tool's growth from one size to the next.

    python bench/parse_bench.py                       # 2,000 and 20,000 articles, 3 runs
    python bench/parse_bench.py --sizes 2000,4000 --runs 5
    python bench/parse_bench.py --regtext "python -m regtext"

Texts that repeat one number (50,000 × 第一条, （一）, 第一章, 1. or 款 in one article) are timed by
bench/adversarial_bench.py, which checks that each stays linear.

The peer needs Python >= 3.12: it is pip-installed into bench/.venv-bluebell on first use
(the only network access); without such a Python it is skipped with a message.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from generate import write_pair  # bench/ is on sys.path when this file runs as a script

BENCH = Path(__file__).resolve().parent
OUT = "{out}"  # stands for the output file in a tool's command line
PEER_PACKAGES = ("bluebell-akn==5.0.0", "bluebell-akn-rs==5.0.0")
# What the peer venv must be able to import; prints the versions and where the Rust module lives.
PEER_CHECK = ("import importlib.metadata as m, bluebell, _bluebell_rs; "
              "print(m.version('bluebell-akn'), m.version('bluebell-akn-rs'), _bluebell_rs.__file__)")
# The floor (--floor): one regular-expression pass over the text, counting article labels.
FLOOR = ("import re, sys; t = open(sys.argv[1], encoding='utf-8').read(); "
         "print(sum(1 for _ in re.finditer(r'^第[一二三四五六七八九十百千万零]+条', t, re.M)))")


@dataclass
class Result:
    tool: str
    size: int
    walls: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    articles: int | None = None  # counted in the last run's output, as a sanity check
    error: str | None = None

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def rss(self) -> float:
        return statistics.median(self.rss_mib)


# --------------------------------------------------------------------------- measuring


# A process's ru_maxrss starts from the high-water RSS of the process that spawned it (Linux copies
# it at exec), so the harness, which grows while it generates data and checks outputs, must not
# spawn the tools itself: a small meter does, and reports the child's peak RSS into a file.
# GNU time is preferred (about 2 MiB); the fallback meter is a bare Python (about 10 MiB), which
# also times the child itself so that its own start-up is not counted.
SPAWN = """import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{usage.ru_maxrss} {time.perf_counter() - start}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def find_meter() -> tuple[list[str], str]:
    """The prefix that runs `REPORT CMD...` and writes CMD's peak RSS (and maybe wall time) to REPORT."""
    gnu_time = shutil.which("time") or "/usr/bin/time"
    try:
        out = subprocess.run([gnu_time, "--version"], capture_output=True, text=True)
        version = out.stdout + out.stderr
    except OSError:
        version = ""
    if "GNU" in version:
        return [gnu_time, "-f", "%M", "-o"], "GNU time"
    return [sys.executable, "-c", SPAWN], "os.wait4 in a bare Python"


def run_once(cmd: list[str], meter: list[str]) -> tuple[float, float, int, str]:
    """Run `cmd` in a fresh process: (wall seconds, peak RSS MiB, exit code, stderr)."""
    with tempfile.TemporaryDirectory(prefix="regtext-bench-run-") as tmp:
        usage, err_path = Path(tmp) / "maxrss", Path(tmp) / "stderr"
        with open(err_path, "wb") as err:
            start = time.perf_counter()
            code = subprocess.run([*meter, str(usage), *cmd], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=err).returncode
            wall = time.perf_counter() - start
        stderr = err_path.read_text("utf-8", "replace")
        lines = usage.read_text().splitlines() if usage.exists() else []
    # the last line: "MAXRSS" (GNU time) or "MAXRSS WALL" (the Python meter)
    fields = lines[-1].split() if lines else []
    kib = float(fields[0]) if fields and fields[0].isdigit() else float("nan")
    if len(fields) > 1:
        wall = float(fields[1])
    # GNU time and Linux report KiB; macOS's ru_maxrss is in bytes
    rss = kib / (1024 * 1024 if sys.platform == "darwin" and meter[0] == sys.executable else 1024)
    return wall, rss, code, stderr


def count_articles(path: Path) -> int | None:
    """Articles in an output file (AKN XML or regtext's JSON tree); None if it cannot tell."""
    try:
        if path.suffix == ".xml":
            return path.read_bytes().count(b"<article ")
        tree = json.loads(path.read_bytes())
        if "children" not in tree:
            return None
        stack = list(tree["children"])
        count = 0
        while stack:
            node = stack.pop()
            count += node.get("type") == "article"
            stack.extend(node.get("children", []))
        return count
    except (OSError, ValueError, AttributeError, TypeError):
        return None


def measure_all(jobs: dict[tuple[str, int], list[str]], runs: int, meter: list[str]) -> list[Result]:
    """Every (tool, size) once per round, ``runs`` rounds: they take turns, so a slow spell of the
    machine (frequency scaling, a neighbour's job) falls on all of them rather than on one."""
    results = {job: Result(*job) for job in jobs}
    with tempfile.TemporaryDirectory(prefix="regtext-bench-") as tmp:
        outs = {job: Path(tmp) / f"{i}.{'xml' if job[0].startswith('bluebell') else 'json'}"
                for i, job in enumerate(jobs)}
        for i in range(runs):
            for job, cmd in jobs.items():
                (tool, size), result, out = job, results[job], outs[job]
                if result.error:
                    continue
                out.unlink(missing_ok=True)
                wall, rss, code, stderr = run_once([str(out) if a == OUT else a for a in cmd], meter)
                if code != 0:
                    tail = "\n    ".join(stderr.strip().splitlines()[-5:])
                    result.error = f"exit {code}"
                    print(f"  {tool} {size}: run {i + 1} failed ({result.error}):\n    {tail}", file=sys.stderr)
                    continue
                result.walls.append(wall)
                result.rss_mib.append(rss)
                print(f"  {tool:12} {size:>7,} articles  run {i + 1}/{runs}: {wall:7.2f} s {rss:8.1f} MiB",
                      file=sys.stderr)
        for job, result in results.items():
            if not result.error and outs[job].exists():
                result.articles = count_articles(outs[job])
    return sorted(results.values(), key=lambda r: (r.size, list(jobs).index((r.tool, r.size))))


def unshim(program: str) -> str:
    """The real executable behind a pyenv shim (a bash script that would add ~70 ms to every run)."""
    path = shutil.which(program)
    if path and Path(path).parent.name == "shims" and ".pyenv" in path:
        real = subprocess.run(["pyenv", "which", Path(path).name], capture_output=True, text=True)
        if real.returncode == 0 and real.stdout.strip():
            print(f"{program}: pyenv shim, timing {real.stdout.strip()} instead", file=sys.stderr)
            return real.stdout.strip()
    return program


# --------------------------------------------------------------------------- regtext's own venv


def ensure_own_venv(venv: Path) -> Path | None:
    """bench/.venv-regtext with this checkout installed in editable mode; its ``regtext`` or None.

    Both tools run from fresh venvs of their own: a machine's main site-packages may carry
    start-up hooks (``.pth`` files; here one imports certifi, ≈ 50 ms per process) that the peer's
    venv does not, and the comparison is of the parsers, not of the machines' Pythons.  Editable,
    so the venv follows the working tree without reinstalling; its bytecode is compiled first, as
    pip does when it installs a package (the peer's included), since a Python run with
    PYTHONDONTWRITEBYTECODE would otherwise compile every module of the checkout on every run."""
    repo = BENCH.parent
    exe = venv / "bin" / "regtext"
    python = venv / "bin" / "python"
    probe = "import pathlib, regtext; print(pathlib.Path(regtext.__file__).resolve())"
    if python.exists():
        out = subprocess.run([str(python), "-c", probe], capture_output=True, text=True)
        if out.returncode == 0 and Path(out.stdout.strip()).is_relative_to(repo / "src") and exe.exists():
            return _compiled(python, repo, exe)
    if not python.exists():
        print(f"creating {venv} with {sys.executable}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    print(f"installing this checkout (editable) into {venv}", file=sys.stderr)
    pip = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", str(repo)])
    return _compiled(python, repo, exe) if pip.returncode == 0 and exe.exists() else None


def _compiled(python: Path, repo: Path, exe: Path) -> Path:
    subprocess.run([str(python), "-m", "compileall", "-q", str(repo / "src")], check=True)
    return exe


# --------------------------------------------------------------------------- the peer


def python_version(python: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    major, minor = out.stdout.split()
    return int(major), int(minor)


def find_python312(explicit: str | None) -> str | None:
    """A Python >= 3.12 to build the peer's venv with: --bluebell-python, PATH, then pyenv."""
    candidates = [explicit] if explicit else [
        sys.executable, shutil.which("python3.13"), shutil.which("python3.12"),
        *sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python"))),  # 3.12 before 3.13
    ]
    for python in filter(None, candidates):
        version = python_version(python)
        if version and version >= (3, 12):
            return python
    return None


def peer_ready(venv_python: Path) -> str | None:
    """The peer's versions line if the venv imports bluebell and its Rust module, else None."""
    if not venv_python.exists():
        return None
    out = subprocess.run([str(venv_python), "-c", PEER_CHECK], capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else None


def ensure_peer(venv: Path, explicit_python: str | None) -> Path | None:
    """Create the venv and pip-install bluebell-akn + bluebell-akn-rs if needed; its python or None."""
    venv_python = venv / "bin" / "python"
    versions = peer_ready(venv_python)
    if versions is None:
        base = find_python312(explicit_python)
        if base is None:
            tried = explicit_python or "this Python, python3.13/python3.12 on PATH, ~/.pyenv/versions/3.*"
            print(f"bluebell-akn 5.0 needs Python >= 3.12 and none was found (tried {tried}): "
                  "skipping the peer (pass --bluebell-python PATH).", file=sys.stderr)
            return None
        if not venv_python.exists():
            print(f"creating {venv} with {base}", file=sys.stderr)
            subprocess.run([base, "-m", "venv", str(venv)], check=True)
        print(f"installing {' '.join(PEER_PACKAGES)} into {venv}", file=sys.stderr)
        pip = subprocess.run([str(venv_python), "-m", "pip", "install", "--quiet", *PEER_PACKAGES])
        versions = peer_ready(venv_python) if pip.returncode == 0 else None
        if versions is None:
            print("could not install bluebell-akn with its Rust extension: skipping the peer.", file=sys.stderr)
            return None
    akn, rs, module = versions.split(maxsplit=2)
    print(f"peer: bluebell-akn {akn}, bluebell-akn-rs {rs} ({module})", file=sys.stderr)
    return venv_python


# --------------------------------------------------------------------------- data


def ensure_data(size: int, data: Path, seed: int) -> tuple[Path, Path]:
    """syn_N.txt and syn_N.bluebell.txt, (re)generated when missing or older than generate.py."""
    plain, marked = data / f"syn_{size}.txt", data / f"syn_{size}.bluebell.txt"
    stamp = (BENCH / "generate.py").stat().st_mtime
    if not all(p.exists() and p.stat().st_mtime >= stamp for p in (plain, marked)):
        print(f"generating {size:,} articles into {data}", file=sys.stderr)
        write_pair(size, data, seed)
    return plain, marked


# --------------------------------------------------------------------------- report


def report(results: list[Result], chars: dict[int, int], runs: int, meter: str) -> str:
    lines = [
        f"Median of {runs} runs of each whole process (peak RSS by {meter}); {os.cpu_count()} CPUs, "
        f"{platform.platform()}.",
        "",
        "| articles | characters | tool | wall (s) | peak RSS (MiB) | runs (s) | articles out |",
        "|---:|---:|---|---:|---:|---|---:|",
    ]
    for r in results:
        if r.error:
            lines.append(f"| {r.size:,} | {chars[r.size]:,} | {r.tool} | failed ({r.error}) | | | |")
            continue
        runs_text = " ".join(f"{w:.2f}" for w in r.walls)
        found = "?" if r.articles is None else f"{r.articles:,}"
        lines.append(f"| {r.size:,} | {chars[r.size]:,} | {r.tool} | {r.wall:.2f} | {r.rss:.1f} | {runs_text} "
                     f"| {found} |")

    ok = {(r.tool, r.size): r for r in results if not r.error}
    ratios = ["", "| ratio | time | peak RSS |", "|---|---:|---:|"]
    for size in sorted(chars):
        ours, peer = ok.get(("regtext", size)), ok.get(("bluebell-rs", size))
        if ours and peer:
            ratios.append(f"| regtext / bluebell-rs at {size:,} (ratio of the medians) | {ours.wall / peer.wall:.2f} "
                          f"| {ours.rss / peer.rss:.2f} |")
            # the tools ran in turns: each round's pair saw the same state of the machine
            paired = [a / b for a, b in zip(ours.walls, peer.walls, strict=True)]
            if len(paired) > 1:
                ratios.append(f"| regtext / bluebell-rs at {size:,} (median of the {len(paired)} rounds' ratios) "
                              f"| {statistics.median(paired):.2f} | |")
    sizes = sorted(chars)
    for tool in dict.fromkeys(r.tool for r in results):
        for small, large in itertools.pairwise(sizes):
            a, b = ok.get((tool, small)), ok.get((tool, large))
            if a and b:
                ratios.append(f"| {tool} {large:,} / {small:,} (input ×{large / small:g}; ratio of the medians) "
                              f"| {b.wall / a.wall:.2f} | {b.rss / a.rss:.2f} |")
                paired = [y / x for x, y in zip(a.walls, b.walls, strict=True)]
                if len(paired) > 1:
                    ratios.append(f"| {tool} {large:,} / {small:,} (median of the {len(paired)} rounds' ratios) "
                                  f"| {statistics.median(paired):.2f} | |")
    return "\n".join(lines + (ratios if len(ratios) > 3 else [])) + "\n"


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="2000,20000", help="article counts, comma-separated (default 2000,20000)")
    p.add_argument("--runs", type=int, default=3, help="runs per tool and size; the median is reported (default 3)")
    p.add_argument("--regtext",
                   help="command prefix for regtext; 'parse FILE --to json -o OUT' is appended "
                        "(default: regtext installed in bench/.venv-regtext)")
    p.add_argument("--data", type=Path, default=BENCH / "data", help="where the synthetic texts live")
    p.add_argument("--seed", type=int, default=2, help="generator seed (default 2)")
    p.add_argument("--venv", type=Path, default=BENCH / ".venv-bluebell", help="the peer's virtual environment")
    p.add_argument("--bluebell-python", help="a Python >= 3.12 to create the peer's venv with")
    p.add_argument("--no-bluebell", action="store_true", help="skip the peer")
    p.add_argument("--bluebell-py", action="store_true",
                   help="also time bluebell's pure-Python parser (slow and super-linear: sizes <= 4,000 only)")
    p.add_argument("--floor", action="store_true", help="also time one regex pass over the text (the floor)")
    p.add_argument("-o", "--output", type=Path, help="also write the Markdown report to this file")
    args = p.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})

    if args.regtext:
        regtext = shlex.split(args.regtext)
        if shutil.which(regtext[0]) is None:
            print(f"'{regtext[0]}' not found: install regtext (pip install .) or pass --regtext", file=sys.stderr)
            return 2
        regtext[0] = unshim(regtext[0])
    else:
        own = ensure_own_venv(BENCH / ".venv-regtext")
        if own is None:
            print("could not install regtext into bench/.venv-regtext: pass --regtext CMD", file=sys.stderr)
            return 2
        regtext = [str(own)]
    peer = None if args.no_bluebell else ensure_peer(args.venv, args.bluebell_python)
    meter, meter_name = find_meter()
    driver = str(BENCH / "bluebell_parse.py")

    jobs: dict[tuple[str, int], list[str]] = {}
    chars: dict[int, int] = {}
    for size in sizes:
        plain, marked = ensure_data(size, args.data, args.seed)
        chars[size] = len(plain.read_text(encoding="utf-8"))
        frbr = f"/akn/cn/act/2023/syn-{size}"
        tools = {"regtext": [*regtext, "parse", str(plain), "--to", "json", "-o", OUT]}
        if peer:
            bluebell = [str(peer), driver, str(marked), "-o", OUT, "--frbr-uri", frbr, "--engine"]
            tools["bluebell-rs"] = [*bluebell, "rs"]
            if args.bluebell_py and size <= 4000:
                tools["bluebell-py"] = [*bluebell, "py"]
        if args.floor:
            tools["floor (re)"] = [sys.executable, "-c", FLOOR, str(plain)]
        jobs.update({(tool, size): cmd for tool, cmd in tools.items()})
    results = measure_all(jobs, args.runs, meter)

    text = report(results, chars, args.runs, meter_name)
    if peer is None and not args.no_bluebell:
        text += "\nbluebell-rs was skipped: see the message above the table.\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
