"""The tree as JSON: ``{id, title, meta, children, diagnostics}`` (schemas/regulation.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Document, Meta, Node


def document_dict(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.meta.title,
        "meta": meta_dict(doc.meta, doc.source),
        "children": [node_dict(doc, n) for n in doc.children],
        "diagnostics": [d.to_dict() for d in doc.diagnostics],
    }


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
    return json.dumps(document_dict(doc), ensure_ascii=False, indent=1) + "\n"
