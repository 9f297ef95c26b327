"""`regtext check`: one broken fixture per code with its exact line:col, a clean run over the
project's own files, a regulation revised under a template, and the output formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from regtext.check import run
from regtext.check.findings import CODES
from regtext.cli import main
from regtext.corpus import Corpus
from tests.conftest import FIXTURES, PRIMARY, ROOT

CHECK = FIXTURES / "check"
EXPECTED = {
    "C101_syntax.md": [("C101", 8, 1, "error")],
    "C102_no_regulation.md": [("C102", 1, 1, "error")],
    "C103_unknown_regulation.md": [("C103", 2, 1, "error")],
    "C104_missing_provision.md": [("C104", 8, 7, "error"), ("C104", 10, 10, "error")],
    "C105_external_missing.md": [("C105", 8, 3, "error")],
    "C106_external_unknown.md": [("C106", 8, 3, "info")],
    "C107_style.md": [("C107", 8, 3, "warning")],
    "C108_arabic.md": [("C108", 8, 3, "error")],
    "C109_helper.md": [("C109", 8, 4, "error")],
    "C110_fact.md": [("C110", 8, 4, "error")],
    "C111_style_name.md": [("C111", 3, 1, "error")],
    "C112_no_execution.md": [("C112", 3, 1, "error")],
    "C113_include.md": [("C113", 8, 4, "error")],
    "C201_invalid.rulebook.yaml": [("C201", 3, 17, "error")],
    "C202_missing.rulebook.yaml": [("C202", 14, 66, "error")],
    "C203_overlap.rulebook.yaml": [("C203", 14, 66, "error")],
    "C204_no_appeal.rulebook.yaml": [("C204", 28, 7, "error")],
    "C301_invalid_case.yaml": [("C301", 10, 9, "error")],
    "D102_wrong_measure.yaml": [("D102", 20, 12, "error")],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def it_reports_the_broken_fixture_at_its_line_and_column(name: str) -> None:
    findings = run([CHECK / name])
    assert [(f.code, f.line, f.column, f.severity) for f in findings] == EXPECTED[name]
    assert all(f.path == str(CHECK / name) for f in findings)


def it_has_a_failing_fixture_for_every_code_it_defines() -> None:
    covered = {code for expected in EXPECTED.values() for code, *_ in expected}
    assert set(CODES) - covered == {"C401", "C402", "C900"}  # annotations: tests/test_study.py; C900: unreadable


def it_finds_no_error_in_the_projects_own_files() -> None:
    findings = run()
    assert [f for f in findings if f.severity == "error"] == []
    assert {(Path(f.path).name, f.code) for f in findings if f.severity == "warning"} == {
        (f"{PRIMARY}.txt", "S203"), ("minfadian_zongze.txt", "R305")}


def it_fails_a_template_when_the_regulation_loses_the_article_it_cites(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    text = (ROOT / "corpus" / f"{PRIMARY}.txt").read_text(encoding="utf-8")
    start = text.index("第八条")
    end = text.index("第九条")
    revised = text[:start] + text[end:]  # 第八条 repealed; later articles keep their numbers
    (corpus_dir / f"{PRIMARY}.txt").write_text(revised, encoding="utf-8")
    shutil.copy(ROOT / "corpus" / f"{PRIMARY}.meta.yaml", corpus_dir)
    template = tmp_path / "decision.md"
    template.write_text(f"---\nregulation: {PRIMARY}\nkind: decision\n---\n# 决定\n\n"
                        "经查……\n\n依照本办法第八条的规定开展审查调查。\n{{ cited_execution }}\n", encoding="utf-8")
    assert run([template]) == []
    (finding,) = run([template], corpus=Corpus(corpus_dir))
    assert (finding.code, finding.line, finding.column) == ("C104", 9, 3)
    assert finding.message.startswith("本办法第八条: 第八条 does not exist")


def it_prints_compiler_style_lines_with_the_source_line(capsys) -> None:
    assert main(["check", str(CHECK / "C108_arabic.md")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{CHECK / 'C108_arabic.md'}:8:3: error C108 第10条: write 条 and 款 numbers in Chinese "
                      "numerals (write 第十条)").replace(str(ROOT) + "/", "")
    assert out[1] == "    根据第10条的规定。"
    assert out[2] == "        ^"


def it_prints_json_and_github_annotations(capsys) -> None:
    assert main(["check", str(CHECK / "C107_style.md"), "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["code"], item["line"], item["column"], item["severity"]) == ("C107", 8, 3, "warning")
    assert main(["check", str(CHECK / "C107_style.md"), "--format", "github", "--strict"]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith("::warning file=") and ",line=8,col=3,title=C107::" in line


def it_exits_2_for_a_path_that_does_not_exist(capsys) -> None:
    assert main(["check", "no/such/folder"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def it_gives_the_same_findings_when_checking_in_parallel(monkeypatch) -> None:
    import regtext.check as check

    sequential = run([CHECK])
    monkeypatch.setattr(check, "PARALLEL_FROM", 1)
    assert check.run([CHECK]) == sequential


def it_reads_a_text_with_the_metadata_beside_it_wherever_the_folder_is(tmp_path: Path) -> None:
    for name in ("minfadian_zongze.txt", "minfadian_zongze.meta.yaml"):
        shutil.copy(ROOT / "corpus" / name, tmp_path)
    findings = run([tmp_path / "minfadian_zongze.txt"])
    assert [(f.code, f.severity, f.line) for f in findings] == [("R305", "warning", 202), ("R305", "warning", 412)]
