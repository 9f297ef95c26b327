"""The one lookup of problem codes: code -> (severity, summary), for every code any command prints.

Assembled from the two tables that own the codes: ``regtext.problems.CODES`` (the parser's N/S/R/M
codes and check's C codes) and the decide rules' table ``regtext.decide.rules.RULES`` (D codes,
which stays their home: adding a rule adds its code).  The README's code tables are checked
against this (tests/test_project.py).
"""

from __future__ import annotations

from .decide.rules import RULES
from .problems import CODES

REGISTRY: dict[str, tuple[str, str]] = {
    **CODES,
    **{rule.code: (rule.severity, rule.summary) for rule in RULES},
}


def lookup(code: str) -> tuple[str, str]:
    """The severity and summary of ``code``; KeyError for a code no table defines."""
    return REGISTRY[code]
