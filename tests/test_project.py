"""The project's promises about itself: the README's commands are the ones CI runs, and every
diagnostic code is documented."""

from __future__ import annotations

import re

from regtext.codes import REGISTRY
from regtext.decide.rules import RULES
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


def it_documents_every_code_of_the_registry() -> None:
    """Parser, check and decide codes alike: the README's second column is the code's severity,
    or for a decide code the number of its rule in design.md §7."""
    rows = documented()
    assert {code: rows.get(code) for code in REGISTRY} == {code: expected(code) for code in REGISTRY}


RULES_BY_CODE = {rule.code: rule for rule in RULES}


def expected(code: str) -> str:
    return RULES_BY_CODE[code].rule if code in RULES_BY_CODE else REGISTRY[code][0]
