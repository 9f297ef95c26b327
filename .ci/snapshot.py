"""Every output regtext gives, written into one folder, so that a restructuring can be shown to
change nothing: run it before and after each move and compare the folders byte for byte.

    python .ci/snapshot.py /tmp/before            # with this checkout's src on PYTHONPATH
    ... move code ...
    python .ci/snapshot.py /tmp/after && diff -r /tmp/before /tmp/after && echo identical

What it writes, each through the CLI in a process of its own (stdout, stderr and exit code):
parse (text and JSON), refs (text and JSON), export (AKN, HTML, Markdown, JSON) of every corpus
document; cite of a sample of provisions of every level of every document in every style (text
and JSON); decide (text and JSON) and render (DOCX, HTML, Markdown) of every example case; check
of the project's templates, corpus and examples (text and JSON); study of every corpus document
(HTML site, DOCX handout, Markdown).  DOCX files are compared as their unzipped parts, since the
zip container is itself deterministic but a difference is easier to read part by part.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGTEXT = [sys.executable, "-c", "from regtext.cli import run; run()"]
STYLES = ("zh", "zh-short", "zh-plain", "en", "eid")


def run(out: Path, name: str, *args: str) -> None:
    """In the output folder (so that what the commands print of their outputs' paths is the same
    wherever the snapshot is written), except check, which lints the checkout's folders."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": "0"}
    proc = subprocess.run([*REGTEXT, *args], capture_output=True, cwd=ROOT if args[0] == "check" else out, env=env)
    root = str(ROOT).encode()  # case files are named by absolute path: the checkout's place is no output
    (out / f"{name}.out").write_bytes(proc.stdout.replace(root, b"<root>"))
    (out / f"{name}.err").write_bytes(proc.stderr.replace(root, b"<root>") + f"\nexit {proc.returncode}\n".encode())


def corpus_ids() -> list[str]:
    return sorted(p.name.removesuffix(".meta.yaml") for p in (ROOT / "corpus").glob("*.meta.yaml"))


def sample_eids(doc_id: str) -> list[str]:
    """First, middle and last node of every type that has an eId (articles, 款, 项, 目, divisions)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    tree = json.loads(subprocess.run([*REGTEXT, "parse", doc_id, "--to", "json", "-q"], capture_output=True,
                                     cwd=ROOT, env=env, check=True).stdout)
    by_type: dict[str, list[str]] = {}

    def walk(nodes: list[dict]) -> None:
        for node in nodes:
            by_type.setdefault(node["type"], []).append(node["eid"])
            walk(node.get("children", []))

    walk(tree["children"])
    picked = []
    for kind in ("part", "chapter", "section", "article", "paragraph", "item", "subitem"):
        eids = by_type.get(kind, [])
        picked += sorted({eids[0], eids[len(eids) // 2], eids[-1]}) if eids else []
    return picked


def unzip_docx(folder: Path) -> None:
    for docx in sorted(folder.rglob("*.docx")):
        with zipfile.ZipFile(docx) as z:
            for info in z.infolist():
                target = docx.with_name(f"{docx.name}.parts") / info.filename
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(info))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, tuple[str, ...]]] = []
    for doc_id in corpus_ids():
        jobs += [(f"parse-{doc_id}", ("parse", doc_id)), (f"parse-{doc_id}.json", ("parse", doc_id, "--to", "json")),
                 (f"refs-{doc_id}", ("refs", doc_id)), (f"refs-{doc_id}.json", ("refs", doc_id, "--to", "json"))]
        for fmt in ("akn", "html", "md", "json"):
            jobs.append((f"export-{doc_id}.{fmt}", ("export", doc_id, "--to", fmt)))
        for eid in sample_eids(doc_id):
            for style in STYLES:
                jobs.append((f"cite-{doc_id}-{eid}-{style}", ("cite", eid, "--doc", doc_id, "--style", style)))
            jobs.append((f"cite-{doc_id}-{eid}.json", ("cite", eid, "--doc", doc_id, "--to", "json", "--quote")))
        jobs.append((f"study-{doc_id}", ("study", doc_id, "-o", f"study-{doc_id}")))
    for case in sorted((ROOT / "examples").glob("*.yaml")):
        rel = str(case)
        jobs += [(f"decide-{case.stem}", ("decide", rel)), (f"decide-{case.stem}.json", ("decide", rel, "--to", "json"))]
        for fmt in ("docx", "html", "md"):
            jobs.append((f"render-{case.stem}.{fmt}", ("render", rel, "-o", f"render-{case.stem}.{fmt}")))
    jobs += [("check", ("check", "templates", "corpus", "examples", "-v")),
             ("check.json", ("check", "templates", "corpus", "examples", "--format", "json"))]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda job: run(out, job[0], *job[1]), jobs))
    unzip_docx(out)
    print(f"{len(jobs)} outputs in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
