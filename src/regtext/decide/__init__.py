"""Decisions from case facts: the legal basis chosen by rules (design.md §7), never typed by hand."""

from .case import Case, load_case
from .engine import BasisEntry, Decision, Problem, decide
from .rulebook import Rulebook, load_rulebook

__all__ = ["BasisEntry", "Case", "Decision", "Problem", "Rulebook", "decide", "load_case", "load_rulebook"]
