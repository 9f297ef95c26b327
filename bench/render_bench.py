"""1,000 decisions → DOCX, regtext next to docxtpl, each as one whole process (issue 5).

regtext: ``regtext render CASES_DIR --to docx -o OUT`` over 1,000 case files (the shipped
example on a person, each with another name, number and facts): facts → decide (the rules,
the legal basis) → template (Jinja sandbox) → Markdown → DOCX.
docxtpl 0.20: a comparable one-page template (the same decision text with Jinja tags, made with
python-docx when the benchmark starts) rendered 1,000 times with the same contexts and saved.
docxtpl is installed into ``bench/.venv-docxtpl`` on first use.  Reported: wall time and peak
RSS (GNU time) of each process, median of ``--runs``, and the ratio.

PDF (issue 13), where LibreOffice is installed: ``--pdf N`` (default 20) of the same cases →
PDF, as ``regtext render CASES_DIR --to pdf -o OUT`` (every DOCX through ONE soffice process)
next to ``regtext render CASE --to pdf`` once per case (one soffice process per document, each
with its own new profile, as a script calling regtext per document would): documents per
second of each, one run (LibreOffice takes seconds a process).  ``--pdf 0`` skips it.

regtext is this checkout's (``src/`` first on PYTHONPATH), not whatever ``regtext`` is on PATH.

    python bench/render_bench.py
    python bench/render_bench.py --cases 200 --runs 1 --pdf 10
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = HERE / ".venv-docxtpl"

DOCXTPL_SCRIPT = r'''
import json, sys
from docxtpl import DocxTemplate
template, contexts, out = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8")), sys.argv[3]
for i, context in enumerate(contexts):
    doc = DocxTemplate(template)
    doc.render(context)
    doc.save(f"{out}/d{i:05d}.docx")
'''

TEMPLATE_SCRIPT = r'''
import sys
from docx import Document
from docx.shared import Pt
doc = Document()
for text in ["关于对{{ name }}同志进行诫勉的决定", "{{ number }}",
             "{{ name }}，男，1975年3月生，中共党员，时任{{ position }}。", "经查，{{ facts }}",
             "上述行为属于《安全生产责任追究办法（试行）》第四条第（三）项规定的“监管落实不力”情形，{{ name }}同志负有领导责任。",
             "根据《安全生产责任追究办法（试行）》第四条第（三）项、第六条第一款第（三）项之规定，经县纪委常委会会议研究，决定对{{ name }}同志进行诫勉。",
             "根据《安全生产责任追究办法（试行）》第十条的规定，{{ name }}同志应当向某某县纪委监委作出书面检讨，并在本单位民主生活会、组织生活会或者其他重要会议上作出深刻检查。",
             "如对本决定不服，可以自收到本决定之日起一个月内，向某某县纪委监委提出书面申诉。申诉期间，不停止本决定的执行。",
             "某某县纪委监委", "{{ date }}", "抄送：某某县委组织部，某某县应急管理局。"]:
    p = doc.add_paragraph(text)
    for run in p.runs:
        run.font.size = Pt(16)
doc.save(sys.argv[1])
'''


def cases(folder: Path, count: int) -> list[dict[str, str]]:
    base = (ROOT / "examples" / "zhang_jiemian.yaml").read_text(encoding="utf-8")
    contexts = []
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张"
    for i in range(count):
        name = f"{surnames[i % len(surnames)]}某{i}"
        number = f"某纪问〔2024〕{i + 1}号"
        facts = f"2024年1月至3月，{name}同志在分管安全生产监督管理工作期间，对辖区内第{i + 1}家企业开展监督检查不认真。"
        text = (base.replace("张某某", name).replace("某纪问〔2024〕12号", number)
                .split("facts: |-")[0] + f"facts: |-\n  {facts}\nfindings: [监管落实不力]\nmeasures: [诫勉]\n"
                "deliberation: 县纪委常委会会议研究\ncc: [某某县委组织部, 某某县应急管理局]\n")
        (folder / f"c{i:05d}.yaml").write_text(text, encoding="utf-8")
        contexts.append({"name": name, "number": number, "facts": facts, "date": "2024年5月20日",
                         "position": "某某县应急管理局党组成员、副局长"})
    return contexts


REGTEXT = [sys.executable, "-c", "from regtext.cli import run; run()"]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a whole process, by GNU time."""
    time_bin = shutil.which("time") or "/usr/bin/time"
    result = subprocess.run([time_bin, "-f", "%e %M", *command], capture_output=True, text=True, check=False, env=ENV)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-800:]}{result.stderr[-800:]}")
    wall, kib = result.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kib) / 1024


def docxtpl_python() -> Path | None:
    python = VENV / "bin" / "python"
    if not python.exists():
        venv.create(VENV, with_pip=True)
        install = subprocess.run([str(python), "-m", "pip", "install", "-q", "docxtpl==0.20.*"], check=False)
        if install.returncode != 0:
            print("docxtpl could not be installed: timing regtext alone", file=sys.stderr)
            return None
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", type=int, default=20, metavar="N", help="cases to PDF, batch vs one by one (0: none)")
    args = parser.parse_args()
    peer = docxtpl_python()
    rows = {"regtext": [], "docxtpl": []}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "cases").mkdir()
        contexts = cases(work / "cases", args.cases)
        import json

        (work / "contexts.json").write_text(json.dumps(contexts, ensure_ascii=False), encoding="utf-8")
        if peer:
            (work / "make_template.py").write_text(TEMPLATE_SCRIPT, encoding="utf-8")
            (work / "docxtpl_render.py").write_text(DOCXTPL_SCRIPT, encoding="utf-8")
            subprocess.run([str(peer), str(work / "make_template.py"), str(work / "template.docx")], check=True)
        for _ in range(args.runs):
            for name in ("regtext", "docxtpl"):
                out = work / f"out-{name}"
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir()
                if name == "regtext":
                    rows[name].append(timed([*REGTEXT, "render", str(work / "cases"), "--to", "docx", "-o", str(out)]))
                elif peer:
                    rows[name].append(timed([str(peer), str(work / "docxtpl_render.py"), str(work / "template.docx"),
                                             str(work / "contexts.json"), str(out)]))
                assert not rows[name] or len(list(out.glob("*.docx"))) == args.cases
        pdf_report = pdf_rates(work / "cases", args.pdf, work) if args.pdf else ""
    print(f"| tool | {args.cases:,} decisions → DOCX, wall (s) | per document (ms) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|")
    medians = {}
    for name, runs in rows.items():
        if not runs:
            continue
        wall = statistics.median(r[0] for r in runs)
        medians[name] = wall
        print(f"| {name} | {wall:.2f} | {wall / args.cases * 1000:.1f} | {statistics.median(r[1] for r in runs):.0f} |")
    if len(medians) == 2:
        print(f"\ndocxtpl / regtext: {medians['docxtpl'] / medians['regtext']:.1f}× (median of {args.runs} runs each)")
    print(pdf_report)


def pdf_rates(cases_dir: Path, count: int, work: Path) -> str:
    """N cases → PDF through one soffice process, then one soffice process per case: the report."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return "\nPDF: LibreOffice not installed (Debian package libreoffice-writer-nogui): skipped"
    chosen = work / "pdf-cases"
    chosen.mkdir()
    for case in sorted(cases_dir.glob("*.yaml"))[:count]:
        shutil.copy(case, chosen / case.name)
    batch_out = work / "pdf-batch"
    batch, _ = timed([*REGTEXT, "render", str(chosen), "--to", "pdf", "-o", str(batch_out)])
    single_out = work / "pdf-single"
    single_out.mkdir()
    single = sum(timed([*REGTEXT, "render", str(case), "-o", str(single_out / f"{case.stem}.pdf")])[0]
                 for case in sorted(chosen.glob("*.yaml")))
    for out in (batch_out, single_out):
        assert len(list(out.glob("*.pdf"))) == count, out
    return "\n".join([
        f"\n| {count} decisions → PDF (LibreOffice) | wall (s) | documents per second |", "|---|---:|---:|",
        f"| one soffice process for all (`render DIR --to pdf`) | {batch:.1f} | {count / batch:.2f} |",
        f"| one soffice process per document | {single:.1f} | {count / single:.2f} |",
        f"\none process / one per document: {single / batch:.1f}× the rate"])


if __name__ == "__main__":
    main()
