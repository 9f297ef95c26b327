"""R9 (design.md §7), the templates' part: the paragraphs a document must carry besides its basis
(a decision on a person carries the paragraph its rulebook names, 书面检讨 for the bundled one).

The rulebook says which provisions every decision on a subject cites, in which role, and which
of those roles is a paragraph of its own; a template prints a role through its helper
(``{{ cited_execution }}``).  ``regtext render`` asks this module about the decision it renders,
``regtext check`` about the kinds and subjects a template declares in its front matter, both
through the R9 entry of the rule table (``rules.RULES``): one rule, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import cite
from .rulebook import Rulebook


@dataclass(frozen=True, slots=True)
class Section:
    role: str
    helper: str          # the template helper printing the citation: cited_execution
    provision: str       # 第十条
    what: str            # the paragraph, in the rulebook's words
    subject: str         # person / organization

    def message(self, template: str) -> str:
        whom = {"person": "a person", "organization": "an organisation"}.get(self.subject, self.subject)
        return (f"the template {template} does not print {{{{ {self.helper} }}}}: a decision on {whom} "
                f"must carry the {self.provision} ({self.what}) paragraph")


def helper_of(role: str) -> str:
    """The template helper printing the provisions of a role (render's ``cited_<role>``)."""
    return f"cited_{role}"


def required_sections(book: Rulebook, kind: str | None, subject: str | None) -> list[Section]:
    """What a document of ``kind`` on ``subject`` must carry.  ``None`` or ``any`` stands for every
    kind or subject (a template that declares none may render any of them)."""
    if kind not in (None, "any", "decision"):
        return []
    subjects = sorted(book.always) if subject in (None, "any") else [subject]
    out: list[Section] = []
    for who in subjects:
        paragraphs = book.paragraphs.get(who, {})
        for node, role in book.always.get(who, []):
            if role in paragraphs:
                out.append(Section(role, helper_of(role), cite.format_nodes([node], "zh", book.doc),
                                   paragraphs[role], who))
    return out


def missing_sections(book: Rulebook, kind: str | None, subject: str | None, used: set[str]) -> list[Section]:
    """The required sections whose helper the template (names ``used``) never prints, each once."""
    missing: dict[str, Section] = {}
    for section in required_sections(book, kind, subject):
        if section.helper not in used:
            missing.setdefault(section.helper, section)
    return list(missing.values())
