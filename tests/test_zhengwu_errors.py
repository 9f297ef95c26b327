"""A case breaking each rule of the 政务处分法 (D131–D140), kept in tests/fixtures/zhengwu/ — not in
examples/, which `regtext check templates corpus examples` must pass — with the exact message, the
YAML place and the severity; an error stops render (exit 1), a warning alone does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from regtext.check import run as check_run
from regtext.cli import main
from regtext.decide import decide, load_case
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "zhengwu"

#: Each case's problems: (line, column, severity, code, YAML path, message).
EXPECTED = {
    "d131_violation": [
        (19, 12, "error", "D131", "findings[0]",
         '第四十二条 is not a violation of 《中华人民共和国公职人员政务处分法》 (violations: 第十四条第一款至第三款、第二十八条第一款至第三款、第二十九条第一款至第三款、第三十条、第三十一条第一款、第二款、第三十二条、第三十三条第一款、第二款、第三十四条第一款、第二款、第三十五条至第三十七条、第三十八条第一款、第二款、第三十九条、第四十条第一款、第二款、第四十一条)'),
    ],
    "d132_chained_ladder": [
        (26, 15, "error", "D132", "sanctions[0].sanction",
         '第三十五条 allows 降级、撤职 at 严重, not 开除'),
    ],
    "d132_ladder": [
        (21, 12, "error", "D132", "measures[0]",
         '第三十五条 allows 降级、撤职 at 严重, not 开除'),
    ],
    "d133_severity_missing": [
        (19, 12, "error", "D133", "findings[0]",
         '第三十五条 applies only at 较重 or 严重: state the severity (severity: 较重)'),
    ],
    "d134_severity_unknown": [
        (20, 39, "error", "D134", "findings[0].severity",
         '第三十九条 has no step at 特别严重 (it has 一般、较重、严重)'),
    ],
    "d135_condition": [
        (20, 12, "warning", "D135", "measures[0]",
         '第十四条第二款 allows 撤职 only where 案件情况特殊，予以撤职更为适当的，可以不予开除，但是应当报请上一级机关批准: the facts must show it'),
    ],
    "d136_circumstance_effect": [
        (22, 36, "error", "D136", "circumstances[0].effect",
         "第十三条第（三）项 may have the effect 从重, not '从轻'"),
    ],
    "d137_both_ways": [
        (21, 1, "warning", "D137", "circumstances",
         '从重 and 从轻 are both claimed: the facts must say how they are weighed against each other'),
    ],
    "d138_several": [
        (19, 12, "error", "D138", "findings[0]",
         'several violations are found: state the sanction given for each (findings[0]: {provision: …, sanction: …}); the heaviest is executed (第十五条)'),
        (19, 24, "error", "D138", "findings[1]",
         'several violations are found: state the sanction given for each (findings[1]: {provision: …, sanction: …}); the heaviest is executed (第十五条)'),
    ],
    "d139_once": [
        (21, 5, "error", "D139", "findings[0].already",
         'the conduct was already sanctioned (记过 by 某某县自然资源局 on 2024-03-01): it is not sanctioned again (第十六条) — drop the finding'),
    ],
    "d140_employment": [
        (22, 12, "error", "D140", "measures[0]",
         'a person of 基层群众性自治组织 may be given only 警告、记过、记大过 (第二十二条第一款), not 降级'),
    ],
}


def it_keeps_a_case_for_each_new_rule() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.yaml")) == sorted(EXPECTED)
    assert {code for problems in EXPECTED.values() for _, _, _, code, _, _ in problems} == {
        f"D{n}" for n in range(131, 141)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def it_reports_each_broken_rule_exactly(name: str) -> None:
    decision = decide(load_case(FIXTURES / f"{name}.yaml"))
    found = [(p.where.line, p.where.column, p.severity, p.code, p.path, p.message) for p in decision.problems]
    assert found == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def it_renders_a_case_with_warnings_only_and_refuses_one_with_an_error(name: str, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    errors = any(severity == "error" for _, _, severity, _, _, _ in EXPECTED[name])
    assert main(["render", str(FIXTURES / f"{name}.yaml"), "--to", "md", "-o", str(tmp_path / "d.md")]) == (
        1 if errors else 0)
    assert (tmp_path / "d.md").exists() is not errors


def it_lists_the_same_problems_in_check() -> None:
    found = {(Path(f.path).stem, f.line, f.column, f.severity, f.code) for f in check_run([FIXTURES])}
    assert found == {(name, line, column, severity, code) for name, problems in EXPECTED.items()
                     for line, column, severity, code, _, _ in problems}
