"""The tree as an indented outline for reading in a terminal: label, heading, start of the text."""

from __future__ import annotations

from ..model import Document, Node
from ..numerals import to_chinese

WIDTH = 36


def outline(doc: Document) -> str:
    out: list[str] = []
    if doc.meta.title:
        out.append(doc.meta.title + (f" {doc.meta.subtitle}" if doc.meta.subtitle else ""))
    for event in doc.meta.history:
        out.append(f"  {event.date.isoformat()} {event.action or '—'} {event.body}".rstrip())
    if doc.meta.effective:
        out.append(f"  施行 {doc.meta.effective.isoformat()}")
    for node in doc.children:
        _node(node, 0, out)
    return "\n".join(out) + "\n"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= WIDTH else flat[:WIDTH] + "…"


def _node(node: Node, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    if node.type in ("title", "history"):
        return
    if node.type == "article":
        paragraphs = [c for c in node.children if c.type == "paragraph"]
        first = _short(paragraphs[0].text) if len(paragraphs) == 1 else ""
        out.append(f"{pad}{node.label}  {first}".rstrip())
        if len(paragraphs) == 1:
            for child in paragraphs[0].children:
                _node(child, depth + 1, out)
            rest = [c for c in node.children if c.type != "paragraph"]
        else:
            rest = node.children
        for child in rest:
            _node(child, depth + 1, out)
        return
    if node.type == "paragraph" and isinstance(node.number, int) and node.parent and node.parent.type == "article":
        out.append(f"{pad}第{to_chinese(node.number)}款  {_short(node.text)}".rstrip())
    elif node.type in ("item", "subitem"):
        heading = f"[{node.heading}] " if node.heading else ""
        out.append(f"{pad}{node.label} {heading}{_short(node.text)}")
    elif node.type in ("preamble", "attachment", "division") or node.heading:
        out.append(f"{pad}{(node.label + ' ') if node.label else ''}{node.heading or {'preamble': '序言'}.get(node.type, '')}")
    else:
        out.append(f"{pad}{_short(node.text)}")
    for child in node.children:
        _node(child, depth + 1, out)
