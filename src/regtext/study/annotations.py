"""A trainer's annotations (YAML, schemas/annotations.schema.json): notes, key points, terms,
examples and questions, keyed by provision.  A provision that does not exist is an error."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import cite
from ..corpus import Corpus, data_dir
from ..errors import InputError, RegtextError
from ..model import Document, Node
from ..yamlfile import Located, error_path, load_yaml


def join_lines(markdown: str) -> str:
    """Line breaks inside a paragraph of Chinese text are only wrapping: joined without a space
    (Markdown would render them as one).  Blank lines, and breaks next to Latin text, stay."""
    return re.sub(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f\n])", "", markdown)


def plain(markdown: str) -> str:
    """The text of a Markdown note without its markup (for the DOCX handout)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).parse(join_lines(markdown))
    parts = []
    for token in tokens:
        if token.type == "inline":
            parts.append("".join(c.content for c in token.children or [] if c.type in ("text", "code_inline")))
    return "\n".join(parts)


@dataclass(slots=True)
class Note:
    node: Node
    note: str = ""
    key_points: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Term:
    term: str
    definition: str
    nodes: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Question:
    question: str
    answer: str
    nodes: list[Node] = field(default_factory=list)
    generated: bool = False


@dataclass(slots=True)
class Annotations:
    doc: Document
    title: str
    notes: dict[str, Note] = field(default_factory=dict)     # eid -> note
    terms: list[Term] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((data_dir("schemas") / "annotations.schema.json").read_text(encoding="utf-8"))
    return schema


def problems(located: Located, corpus: Corpus) -> list[tuple[str, str, str]]:
    """(code, YAML path, message) for everything wrong with an annotation file."""
    from ..schemacheck import validator

    data = located.data
    out = []
    for error in sorted(validator(_schema()).iter_errors(data), key=lambda e: list(e.path)):
        path = error_path(error.path)
        out.append(("C401", path, f"{path or 'annotations'}: {error.message}"))
    if out:
        return out
    regulation = data["regulation"]
    if regulation not in corpus:
        return [("C401", "regulation", f"unknown regulation {regulation!r}")]
    doc = corpus.load(regulation)
    for path, name in _provisions(data):
        try:
            cite.lookup(doc, name, corpus, headings=True)
        except Exception as exc:  # noqa: BLE001 — NotFound or not a citation: both say what is wrong
            out.append(("C402", path, f"{path}: {exc}"))
    return out + _note_problems(data, doc)


#: What a note can be beside: the provisions the site, the handout and the Markdown print.
NOTED = ("article", "paragraph", "item", "subitem")


def _note_problems(data: dict[str, Any], doc: Document) -> list[tuple[str, str, str]]:
    """A note belongs beside one provision: one naming several would be shown with the first
    only, and a second note on the same provision would replace the first."""
    out = []
    first: dict[str, str] = {}  # eId -> the YAML path of the note on it
    for i, note in enumerate(data.get("notes") or []):
        path, name = f"notes[{i}].provision", note["provision"]
        nodes = _named(doc, name)
        if len(nodes) > 1:
            out.append(("C404", path, f"{path}: {name} names {len(nodes)} provisions; a note is shown beside "
                                      "one provision: write a note for each of them"))
        elif nodes and nodes[0].type not in NOTED:
            out.append(("C404", path, f"{path}: {name} is a {nodes[0].type}; a note is shown beside an article, "
                                      "a 款, a 项 or a 目"))
        elif nodes:
            node = nodes[0]
            earlier = first.setdefault(node.eid, f"notes[{i}]")
            if earlier != f"notes[{i}]":
                named = cite.format_nodes([node], "zh", doc) + (f" ({node.heading})" if node.heading else "")
                out.append(("C403", path, f"{path}: {earlier} and notes[{i}] both name {named}: "
                                          "join them into one note"))
    return out


def _named(doc: Document, name: str) -> list[Node]:
    """The provisions a note, term or question names; none when the name is unknown, which
    ``problems`` reports once (C402)."""
    try:
        return cite.lookup(doc, name, headings=True).nodes
    except RegtextError:
        return []


def _provisions(data: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for i, note in enumerate(data.get("notes") or []):
        out.append((f"notes[{i}].provision", note["provision"]))
    for key in ("terms", "questions"):
        for i, entry in enumerate(data.get(key) or []):
            for j, name in enumerate(entry.get("provisions") or []):
                out.append((f"{key}[{i}].provisions[{j}]", name))
    return out


def load_annotations(path: Path, corpus: Corpus) -> Annotations:
    located = load_yaml(path)
    found = problems(located, corpus)
    if found:
        code, yaml_path, message = found[0]
        raise InputError(message, where=located.where(yaml_path), hint="run 'regtext check' on the file")
    data = located.data
    doc = corpus.load(data["regulation"])
    out = Annotations(doc, data.get("title") or f"《{doc.title}》学习辅导")
    for note in data.get("notes") or []:
        node = _named(doc, note["provision"])[0]
        out.notes[node.eid] = Note(node, join_lines(note.get("note", "")).strip(), note.get("key_points") or [],
                                   note.get("examples") or [])
    for term in data.get("terms") or []:
        out.terms.append(Term(term["term"], term["definition"],
                              [n for p in term.get("provisions") or [] for n in _named(doc, p)]))
    for q in data.get("questions") or []:
        out.questions.append(Question(q["question"], q["answer"],
                                      [n for p in q.get("provisions") or [] for n in _named(doc, p)]))
    return out

