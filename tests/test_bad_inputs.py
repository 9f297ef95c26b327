"""The bad-input catalogue: every file in tests/fixtures/bad/ is one input regtext must refuse
(or report) with a clear message — never a traceback, never exit 3, never unbounded time or memory.

A case file is YAML:

    why: what is wrong with the input (one line, for the reader of a failure)
    args: [decide, "{tmp}/case.yaml"]   # the regtext command line; {tmp} is a fresh directory,
                                        # {root} this checkout
    files:                              # written into {tmp} before the run
      case.yaml: |                      #   a string: written as UTF-8
        ...
      bom16.txt: {encoding: utf-16, text: "..."}   # text in another encoding (BOM included)
      link: {symlink: /etc/passwd}      #   a symbolic link
      old.txt: {text: "...", mode: 0o600}          # a file with a given mode
    env: {REGTEXT_CORPUS: "{tmp}/nowhere"}        # optional extra environment
    cwd: "{tmp}"                        # optional working directory (default: {tmp})
    exit: 2                             # the expected exit code (1 or 2; 0 where a warning is the answer)
    stderr: "fragment"                  # a fragment the stderr must contain (or a list of them)
    stdout: "fragment"                  # optional, for commands that report on stdout (check)
    timeout: 20                         # seconds (default 20); the process also gets 2 GiB of memory

The run happens in a separate process with an address-space limit, so a resource blow-up fails
the test instead of taking the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "fixtures" / "bad"
CASES = sorted(BAD.glob("*.yaml"))
MEMORY_LIMIT = 2 * 1024**3


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _fill(value, tmp: Path):
    if isinstance(value, str):
        return value.replace("{tmp}", str(tmp)).replace("{root}", str(ROOT))
    if isinstance(value, list):
        return [_fill(v, tmp) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, tmp) for k, v in value.items()}
    return value


def _write_files(files: dict[str, Any], tmp: Path) -> None:
    for name, spec in files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, str):
            path.write_text(spec, encoding="utf-8")
        elif "symlink" in spec:
            path.symlink_to(spec["symlink"])
        else:
            path.write_bytes(spec.get("text", "").encode(spec.get("encoding", "utf-8")))
            if "mode" in spec:
                path.chmod(spec["mode"])


def test_the_catalogue_is_not_empty() -> None:
    assert len(CASES) >= 40, [p.name for p in CASES]


@pytest.mark.parametrize("case_file", CASES, ids=[p.stem for p in CASES])
def test_bad_input(case_file: Path, tmp_path: Path) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    assert set(case) <= {"why", "args", "files", "env", "cwd", "exit", "stderr", "stdout", "timeout"}, case_file
    assert case.get("why") and case.get("args") and case.get("exit") is not None, case_file
    case = _fill(case, tmp_path)
    _write_files(case.get("files") or {}, tmp_path)
    env = {**os.environ, **(case.get("env") or {}), "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        [sys.executable, "-c", "from regtext.cli import run; run()", *case["args"]],
        cwd=case.get("cwd", tmp_path), env=env, capture_output=True, text=True,
        timeout=case.get("timeout", 20), preexec_fn=_limit_memory, stdin=subprocess.DEVNULL,
    )
    out = f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-2000:]}\n--- stderr\n{proc.stderr[-2000:]}"
    assert "Traceback" not in proc.stderr, out
    assert "internal error" not in proc.stderr, out
    assert proc.returncode == case["exit"], out
    expected = case.get("stderr") or []
    for fragment in [expected] if isinstance(expected, str) else expected:
        assert fragment in proc.stderr, f"{fragment!r} not in stderr\n{out}"
    expected = case.get("stdout") or []
    for fragment in [expected] if isinstance(expected, str) else expected:
        assert fragment in proc.stdout, f"{fragment!r} not in stdout\n{out}"
