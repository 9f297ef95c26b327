"""The project's promises about itself: the README's commands are the ones CI runs, and every
diagnostic code is documented."""

from __future__ import annotations

import re

from regtext.check.findings import CODES as CHECK_CODES
from regtext.decide.rules import RULES
from regtext.diagnostics import CODES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.S)


def it_has_exactly_two_quick_start_commands() -> None:
    commands = quick_start()
    assert len(commands) == 2 and all("\n" not in c for c in commands)


def it_runs_the_readme_test_command_in_ci_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start()[1] in ci.splitlines()


def documented() -> dict[str, str]:
    """code -> second column of every README table row that starts with a code."""
    return dict(re.findall(r"^\| ([A-Z][0-9]{3}) \| (\w+) \|", README, flags=re.M))


def it_documents_every_diagnostic_code() -> None:
    rows = documented()
    assert {code: rows.get(code) for code in CODES} == {code: severity for code, (severity, _) in CODES.items()}


def it_documents_every_check_code_and_decide_rule() -> None:
    rows = documented()
    assert {code: rows.get(code) for code in CHECK_CODES} == {code: sev for code, (sev, _) in CHECK_CODES.items()}
    assert {rule.code: rows.get(rule.code) for rule in RULES} == {rule.code: rule.rule for rule in RULES}
