"""The handout (DOCX, in the decision renderer's GB/T 9704 body style) and the Markdown version:
title, the articles with the notes as indented blocks, the glossary, the questions and an
answer key."""

from __future__ import annotations

from ..render.document import Paragraph
from .content import Study


def paragraphs(study: Study) -> list[Paragraph]:
    """The handout as paragraphs with roles, for the DOCX writer and for Markdown alike."""
    notes = study.annotations
    out = [Paragraph("title", notes.title), Paragraph("number", f"《{study.doc.title}》")]
    out.append(Paragraph("heading1", "一、条文与学习提示"))
    for view in study.articles:
        node = view.node
        out.append(Paragraph("heading2", f"{node.label}（{view.en}）"))
        for provision in view.provisions:
            prefix = f"{provision.label}　" if provision.label and provision.node.type == "paragraph" else ""
            out.append(Paragraph("body", prefix + provision.text))
        note = notes.notes.get(node.eid)
        if note is not None:
            out.append(Paragraph("note", "【学习提示】" + note.note))
            out += [Paragraph("note", f"要点：{point}") for point in note.key_points]
            out += [Paragraph("note", f"案例：{example}") for example in note.examples]
    out.append(Paragraph("heading1", "二、术语"))
    out += [Paragraph("body", f"{term.term}：{term.definition}") for term in notes.terms]
    out.append(Paragraph("heading1", "三、自测题"))
    out += [Paragraph("body", f"{n}. {q.question}") for n, q in enumerate(study.questions, start=1)]
    out.append(Paragraph("heading1", "四、参考答案"))
    out += [Paragraph("body", f"{n}. {q.answer}") for n, q in enumerate(study.questions, start=1)]
    return out


def to_markdown(study: Study) -> str:
    """Notes are the trainer's Markdown and stay Markdown (quoted); the rest is text, escaped."""
    from ..export.markdown import escape

    prefix = {"title": "# ", "heading1": "## ", "heading2": "### "}
    out = []
    for p in paragraphs(study):
        if p.role == "note":
            out.append("\n".join("> " + line for line in p.text.split("\n")))
        else:
            out.append(prefix.get(p.role, "") + escape(p.text))
    return "\n\n".join(out) + "\n"


def to_docx(study: Study) -> bytes:
    from ..render.docx import Block, write_docx
    from .annotations import plain

    blocks = []
    for p in paragraphs(study):
        if p.role == "note":  # the trainer's Markdown, as text, one block per paragraph of it
            blocks += [Block("note", line) for line in plain(p.text).split("\n") if line]
        else:
            blocks.append(Block(p.role, p.text))
    return write_docx(blocks, title=study.annotations.title)
