"""The same input gives the same bytes, across processes.

Two runs in one process share one string-hash seed, so set and dict-of-set orders agree by chance
and a comparison there cannot fail.  Here two processes with different ``PYTHONHASHSEED`` values
each run the CLI for every output regtext writes — ``export --all`` of the corpus to AKN, JSON,
HTML and Markdown, ``render`` of every example case to DOCX, HTML and Markdown, plain and as the whole 公文 with the
example issuer profile's 版头 (and room for a seal in the DOCX) — into a folder of
their own, and the two folders must be identical byte for byte.  One process per seed, both at
once, keeps it to a few seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS_IDS, ROOT

EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.yaml"))

# Each CLI command as `regtext` would run it; the exit codes are printed for the test to check.
SCRIPT = """
import sys
from regtext.cli import main
out, examples = sys.argv[1], sys.argv[2]
codes = [main(["export", "--all", "--to", fmt, "-o", f"{out}/export-{fmt}"]) for fmt in ("akn", "json", "html", "md")]
codes += [main(["render", examples, "--to", fmt, "-o", f"{out}/render-{fmt}"]) for fmt in ("docx", "html", "md")]
profile = f"{examples}/profiles/某某县纪委监委.issuer.yaml"   # the whole 公文: 版头, room for the seal
codes += [main(["render", examples, "--issuer", profile, "--seal-space", "-o", f"{out}/whole-docx"])]
codes += [main(["render", examples, "--issuer", profile, "--to", fmt, "-o", f"{out}/whole-{fmt}"]) for fmt in ("html", "md")]
print("exit codes", codes)
"""


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def it_writes_the_same_bytes_under_different_hash_seeds(tmp_path: Path) -> None:
    runs = {}
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs[seed] = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(tmp_path / seed), str(ROOT / "examples")], cwd=tmp_path, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    for proc in runs.values():
        stdout, stderr = proc.communicate(timeout=120)
        assert (proc.returncode, stdout.strip()) == (0, "exit codes [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]"), stderr
    first, second = outputs(tmp_path / "0"), outputs(tmp_path / "4242")
    expected = ({f"export-{fmt}/{doc_id}.{ext}" for fmt, ext in (("akn", "xml"), ("json", "json"), ("html", "html"),
                                                                    ("md", "md")) for doc_id in CORPUS_IDS}
                | {"export-html/index.html"}
                | {f"{kind}-{fmt}/{case}.{fmt}" for kind in ("render", "whole") for fmt in ("docx", "html", "md")
                   for case in EXAMPLES})
    assert set(first) == expected
    assert [name for name in first if first[name] != second.get(name)] == []
