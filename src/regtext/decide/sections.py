"""R9 (design.md §7): the paragraphs a document must carry besides its basis — for a decision on a
person, the 第十条 书面检讨 paragraph.

The rulebook says which provisions every decision on a subject cites and in which role; a
template prints a role through its helper (``{{ cited_execution }}``).  ``regtext render`` asks
this module about the decision it renders, ``regtext check`` about the kinds and subjects a
template declares in its front matter: one rule, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import cite
from .rulebook import Rulebook

#: Roles whose paragraph a decision must carry, the template helper that prints each, and what
#: the paragraph is (for the message).
REQUIRED_ROLES = {"execution": ("cited_execution", "书面检讨")}


@dataclass(frozen=True, slots=True)
class Section:
    role: str
    helper: str          # the template helper printing the citation: cited_execution
    provision: str       # 第十条
    what: str            # 书面检讨
    subject: str         # person / organization

    def message(self, template: str) -> str:
        whom = {"person": "a person", "organization": "an organisation"}.get(self.subject, self.subject)
        return (f"R9: the template {template} does not print {{{{ {self.helper} }}}}: a decision on {whom} "
                f"must carry the {self.provision} ({self.what}) paragraph")


def required_sections(book: Rulebook, kind: str | None, subject: str | None) -> list[Section]:
    """What a document of ``kind`` on ``subject`` must carry.  ``None`` or ``any`` stands for every
    kind or subject (a template that declares none may render any of them)."""
    if kind not in (None, "any", "decision"):
        return []
    subjects = sorted(book.always) if subject in (None, "any") else [subject]
    out: list[Section] = []
    for who in subjects:
        for node, role in book.always.get(who, []):
            if role in REQUIRED_ROLES:
                helper, what = REQUIRED_ROLES[role]
                out.append(Section(role, helper, cite.format_nodes([node], "zh", book.doc), what, who))
    return out


def missing_sections(book: Rulebook, kind: str | None, subject: str | None, used: set[str]) -> list[Section]:
    """The required sections whose helper the template (names ``used``) never prints, each once."""
    missing: dict[str, Section] = {}
    for section in required_sections(book, kind, subject):
        if section.helper not in used:
            missing.setdefault(section.helper, section)
    return list(missing.values())
