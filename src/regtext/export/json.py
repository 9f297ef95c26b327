"""The tree as JSON: ``{id, title, meta, children, diagnostics}`` (schemas/regulation.schema.json).

Every node carries its references (``refs``, with spans) and the nodes that cite it
(``cited_by``, from its own document and the other corpus documents)."""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from ..cite.address import Address
from ..model import Document, Meta, Node
from ..refs.model import Reference, Target

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from typing import Any


class _Context:
    def __init__(self, doc: Document, cited_by: dict[str, list[tuple[str, Reference]]]) -> None:
        self.doc = doc
        self.locate = doc.normalized.locate
        self.cited_by = cited_by
        self.refs: dict[int, list[Reference]] = {}
        for ref in doc.references:
            self.refs.setdefault(id(ref.source), []).append(ref)


def document_dict(doc: Document, cited_by: dict[str, list[tuple[str, Reference]]] | None = None,
                  with_children: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": doc.id,
        "title": doc.meta.title,
        "meta": meta_dict(doc.meta, doc.source),
        "diagnostics": [d.to_dict() for d in doc.diagnostics],
    }
    if with_children:
        ctx = _Context(doc, cited_by or {})
        out["children"] = [node_dict(ctx, n) for n in doc.children]
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


def span_dict(doc: Document, start: int, end: int) -> dict[str, int]:
    line, column = doc.locate(start)
    return {"start": start, "end": end, "line": line, "column": column}


def address_dict(address: Address | None) -> dict[str, Any] | None:
    if address is None:
        return None
    out: dict[str, Any] = {}
    if address.article is not None:
        out["article"] = address.article
    if address.paragraph is not None:
        out["paragraph"] = address.paragraph
    if address.item is not None:
        out["item"] = address.item
    if address.subitem is not None:
        out["subitem"] = address.subitem
    if address.division:
        out["division"] = [{"type": level, "number": number} for level, number in address.division]
    return out


def target_dict(target: Target) -> dict[str, Any]:
    return {
        "doc": target.doc,
        "address": address_dict(target.address),
        "range_to": address_dict(target.range_to),
        "eids": [n.eid for n in target.nodes],
        "resolved": target.resolved,
    }


def reference_dict(doc: Document, ref: Reference) -> dict[str, Any]:
    return {
        "text": ref.text,
        "kind": ref.kind,
        "span": span_dict(doc, ref.start, ref.end),
        "document": ref.document,
        "targets": [target_dict(t) for t in ref.targets],
        "resolved": ref.resolved,
    }


def node_dict(ctx: _Context, node: Node) -> dict[str, Any]:
    line, column = ctx.locate(node.start)
    refs = ctx.refs.get(id(node))
    citing = ctx.cited_by.get(node.eid)
    return {
        "type": node.type,
        "eid": node.eid,
        "number": node.number,
        "label": node.label,
        "heading": node.heading,
        "text": node.text,
        "span": {"start": node.start, "end": node.end, "line": line, "column": column},
        "refs": [reference_dict(ctx.doc, r) for r in refs] if refs else [],
        "cited_by": [{"doc": doc_id, "eid": ref.source.eid} for doc_id, ref in citing] if citing else [],
        "children": [node_dict(ctx, c) for c in node.children] if node.children else [],
    }


def dumps(doc: Document, cited_by: dict[str, list[tuple[str, Reference]]] | None = None) -> str:
    return b"".join(chunks(doc, cited_by)).decode("utf-8")


def chunks(doc: Document, cited_by: dict[str, list[tuple[str, Reference]]] | None = None) -> Iterator[bytes]:
    """The JSON text (UTF-8) in pieces, one top-level node at a time, so a large regulation is
    never held twice in memory (as dicts and as one string).  Compact, encoded by orjson."""
    ctx = _Context(doc, cited_by or {})
    head = document_dict(doc, with_children=False)
    yield orjson.dumps(head)[:-1] + b',"children":['
    children = doc.children
    for i in range(0, len(children), _BATCH):  # a batch per call: 50,000 one-line articles are 50,000 nodes
        yield (b"," if i else b"") + orjson.dumps([node_dict(ctx, n) for n in children[i:i + _BATCH]])[1:-1]
    yield b"]}\n"


#: Top-level nodes encoded together: small enough that a batch of chapters is never a large copy.
_BATCH = 64
