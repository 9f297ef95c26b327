"""The tree as JSON: ``{id, title, meta, children, diagnostics}`` (schemas/regulation.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..model import Document, Meta, Node


def document_dict(doc: Document, with_children: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": doc.id,
        "title": doc.meta.title,
        "meta": meta_dict(doc.meta, doc.source),
        "diagnostics": [d.to_dict() for d in doc.diagnostics],
    }
    if with_children:
        out["children"] = [node_dict(doc, n) for n in doc.children]
    return out


def meta_dict(meta: Meta, source: str) -> dict[str, Any]:
    return {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "history": [
            {"date": e.date.isoformat(), "action": e.action, "body": e.body, "instrument": e.instrument,
             "ordinal": e.ordinal, "text": e.text}
            for e in meta.history
        ],
        "effective": meta.effective.isoformat() if meta.effective else None,
        "effective_basis": meta.effective_basis,
        "interpreted_by": meta.interpreted_by,
        "source": source,
        "encoding": meta.encoding,
    }


def node_dict(doc: Document, node: Node) -> dict[str, Any]:
    line, column = doc.locate(node.start)
    return {
        "type": node.type,
        "eid": node.eid,
        "number": node.number,
        "label": node.label,
        "heading": node.heading,
        "text": node.text,
        "span": {"start": node.start, "end": node.end, "line": line, "column": column},
        "children": [node_dict(doc, c) for c in node.children],
    }


def dumps(doc: Document) -> str:
    return "".join(chunks(doc))


def chunks(doc: Document) -> Iterator[str]:
    """The JSON text in pieces, one top-level node at a time, so a large regulation is never
    held twice in memory (as dicts and as one string).  Compact: the C encoder does the work."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    head = document_dict(doc, with_children=False)
    yield encode(head)[:-1] + ',"children":['
    for i, node in enumerate(doc.children):
        yield ("," if i else "") + encode(node_dict(doc, node))
    yield "]}\n"
