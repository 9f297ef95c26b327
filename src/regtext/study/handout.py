"""The handout (DOCX, in the decision renderer's GB/T 9704 body style) and the Markdown version:
title, the articles with the notes as indented blocks, the sanction map (a law of sanctions), the
glossary, the questions and an answer key."""

from __future__ import annotations

from ..model import Node
from ..numerals import to_chinese
from ..publish.document import Paragraph
from .annotations import Note
from .content import SANCTIONS_HEADING, Study, heading_of, in_order, note_title, sanction_lines


def paragraphs(study: Study) -> list[Paragraph]:
    """The handout as paragraphs with roles, for the DOCX writer and for Markdown alike.  A part
    with nothing in it (no glossary, no questions) is left out and the others numbered on."""
    notes = study.annotations
    parts = [("条文与学习提示" if notes.notes else "条文", _articles(study))]
    if study.sanctions is not None:
        parts.append((SANCTIONS_HEADING, [p for heading, lines in sanction_lines(study.sanctions)
                                          for p in [Paragraph("heading2", heading)]
                                          + [Paragraph("body", line) for line in lines]]))
    if notes.terms:
        parts.append(("术语", [Paragraph("body", f"{term.term}：{term.definition}") for term in notes.terms]))
    if study.questions:
        parts.append(("自测题", [Paragraph("body", f"{n}. {q.question}") for n, q in enumerate(study.questions, 1)]))
        parts.append(("参考答案", [Paragraph("body", f"{n}. {q.answer}") for n, q in enumerate(study.questions, 1)]))
    out = [Paragraph("title", notes.title), Paragraph("number", f"《{study.doc.title}》")]
    for n, (heading, body) in enumerate(parts, start=1):
        out.append(Paragraph("heading1", f"{to_chinese(n)}、{heading}"))
        out += body
    return out


def _articles(study: Study) -> list[Paragraph]:
    """Each article under its label (with its English citation when en is asked), each 款 of
    several numbered when zh is asked; the 项 keep the numbers they are printed with."""
    entries = in_order(study)
    divided = any(isinstance(entry, Node) for entry in entries)
    out = []
    for view in entries:
        if isinstance(view, Node):  # 第一章 总 则 above its articles
            out.append(Paragraph("heading2", heading_of(view)))
            continue
        node = view.node
        english = f"（{view.en}）" if "en" in study.lang else ""
        out.append(Paragraph("heading3" if divided else "heading2", heading_of(node) + english))
        for provision in view.provisions:
            prefix = f"{provision.label}　" if provision.label and "zh" in study.lang else ""
            out.append(Paragraph("body", prefix + provision.text))
            if provision.note is not None:  # right under the 款, 项 or 目 it is on
                out += _note(provision.note, study)
        if view.note is not None:
            out += _note(view.note, study)
    return out


def _note(note: Note, study: Study) -> list[Paragraph]:
    return ([Paragraph("note", f"【{note_title(note, study.doc)}】" + note.note)]
            + [Paragraph("note", f"要点：{point}") for point in note.key_points]
            + [Paragraph("note", f"案例：{example}") for example in note.examples])


def to_markdown(study: Study) -> str:
    """Notes are the trainer's Markdown and stay Markdown (quoted); the rest is text, escaped."""
    from ..export.markdown import escape

    prefix = {"title": "# ", "heading1": "## ", "heading2": "### ", "heading3": "#### "}
    out = []
    for p in paragraphs(study):
        if p.role == "note":
            out.append("\n".join("> " + line for line in p.text.split("\n")))
        else:
            out.append(prefix.get(p.role, "") + escape(p.text))
    return "\n\n".join(out) + "\n"


def to_docx(study: Study) -> bytes:
    from ..publish.docx import Block, write_docx
    from .annotations import plain

    blocks = []
    for p in paragraphs(study):
        if p.role == "note":  # the trainer's Markdown, as text, one block per paragraph of it
            blocks += [Block("note", line) for line in plain(p.text).split("\n") if line]
        else:
            blocks.append(Block(p.role, p.text))
    return write_docx(blocks, title=study.annotations.title)
