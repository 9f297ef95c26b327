"""Decisions from case facts: the legal basis chosen by rules (design.md §7), never typed by hand."""

from .case import Case, load_case
from .engine import Applied, BasisEntry, Decision, Problem, Rule
from .ladder import period_phrase
from .rulebook import Rulebook, load_rulebook
from .rules import RULES, decide

__all__ = ["RULES", "Applied", "BasisEntry", "Case", "Decision", "Problem", "Rule", "Rulebook", "decide", "load_case",
           "load_rulebook", "period_phrase"]
