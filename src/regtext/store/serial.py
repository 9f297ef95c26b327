"""A parsed tree as JSON and back, so that a stored document loads without being parsed again.

JSON rather than pickle: a store file may come from elsewhere, and unpickling runs whatever the
file says.  The reader checks the shape it reads and raises ValueError for anything else.

What is written is the tree ``parse_structure`` builds, before references (they are resolved when
the document is loaded, against the corpus it is loaded with).  The normalised text is not
written: walking the tree gives it back (``Document.to_text``, the round-trip guarantee).  The
original text is written only when normalisation changed it; the eId index and the line starts
only when they are not what loading derives (format 2); ``line_map`` when the text was converted
from another file (``textmap.LineIndex``: the lines of that file).

A node is an array ``[type, eid, number, label, heading, text, lead, sep, tail, start, end,
children]``; a diagnostic ``[code, message, line, column, offset]``.
"""

from __future__ import annotations

import lzma
from datetime import date

import orjson

from ..diagnostics import Diagnostic
from ..model import Document, Event, Meta, Node
from ..textmap import LineIndex, Normalized, OffsetMap

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The layout of the JSON below; a store records it, and a tree of another layout is not read.
TREE_FORMAT = 2


def dump_tree(doc: Document) -> bytes:
    nodes = [_node(n) for n in doc.children]
    index = {id(n): i for i, n in enumerate(doc.walk())}
    norm = doc.normalized
    data: dict[str, Any] = {
        "format": TREE_FORMAT,
        "id": doc.id,
        "source": doc.source,
        "meta": _meta(doc.meta),
        "children": nodes,
        "offsets": [norm.offsets.norm_starts, norm.offsets.orig_starts],
        "normalizing": [_diagnostic(d) for d in norm.diagnostics],
        "diagnostics": [_diagnostic(d) for d in doc.diagnostics],
    }
    # What loading derives is not written (a tenth of a stored tree): the eIds when they are the
    # nodes' own, the line starts when they are the original text's.
    if not _same_nodes(doc.by_eid, _own_eids(list(doc.walk()))):
        data["by_eid"] = [[eid, index[id(node)]] for eid, node in doc.by_eid.items()]
    if norm.lines.starts != _line_starts(norm.original):
        data["lines"] = norm.lines.starts
    if norm.lines.numbers is not None:
        # Each line's number less its own: runs of one value (the body is the file's, one for one).
        data["line_map"] = [[n - k for k, n in enumerate(norm.lines.numbers, start=1)], norm.lines.shifts]
    if norm.original != norm.text:
        data["original"] = norm.original
    return orjson.dumps(data)


def _own_eids(nodes: list[Node]) -> dict[str, Node]:
    return {node.eid: node for node in nodes if node.eid}


def _same_nodes(a: dict[str, Node], b: dict[str, Node]) -> bool:
    """The same eIds in the same order for the same node objects (not equal trees: identity)."""
    return list(a) == list(b) and all(node is b[eid] for eid, node in a.items())


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def pack_tree(doc: Document) -> bytes:
    """The stored form of a tree: ``dump_tree`` compressed with LZMA (standard library).  Not zlib:
    a tree is written once and read whole, and LZMA keeps it 17 % smaller (the national trees: 27
    → 23 MB) for about 9 ms of CPU per text at import and 5 ms to read the largest (刑事诉讼法)."""
    return lzma.compress(dump_tree(doc), preset=6)


def unpack_tree(blob: bytes) -> Document:
    """The Document ``pack_tree`` stored.  ValueError for anything else."""
    try:
        data = lzma.decompress(blob)
    except lzma.LZMAError as exc:
        raise ValueError(f"the stored tree is damaged ({exc})") from None
    return load_tree(data)


def load_tree(data: bytes) -> Document:
    """The Document ``dump_tree`` wrote (without references).  ValueError for anything else."""
    try:
        tree = orjson.loads(data)
        if not isinstance(tree, dict) or tree.get("format") != TREE_FORMAT:
            raise ValueError(f"not a stored tree of format {TREE_FORMAT}")
        children = [_read_node(n, None) for n in tree["children"]]
        doc = Document(id=tree["id"], source=tree["source"], normalized=None,  # type: ignore[arg-type]  # set below
                       meta=_read_meta(tree["meta"]), children=children,
                       diagnostics=[_read_diagnostic(d) for d in tree["diagnostics"]])
        text = doc.to_text()
        nodes = list(doc.walk())
        original = tree.get("original", text)
        moves, shifts = tree.get("line_map", (None, None))
        numbers = None if moves is None else [k + move for k, move in enumerate(moves, start=1)]
        lines = LineIndex(tree["lines"] if "lines" in tree else _line_starts(original), numbers, shifts)
        doc.normalized = Normalized(text=text, original=original, offsets=OffsetMap(*tree["offsets"]), lines=lines,
                                    diagnostics=[_read_diagnostic(d) for d in tree["normalizing"]])
        doc.by_eid = ({eid: nodes[i] for eid, i in tree["by_eid"]} if "by_eid" in tree else _own_eids(nodes))
        doc._articles = [n for n in nodes if n.type == "article"]
    except (KeyError, TypeError, IndexError, orjson.JSONDecodeError) as exc:
        raise ValueError(f"the stored tree is damaged ({exc})") from None
    return doc


def _node(node: Node) -> list[Any]:
    return [node.type, node.eid, node.number, node.label, node.heading, node.text, node.lead, node.sep,
            node.tail, node.start, node.end, [_node(c) for c in node.children]]


def _read_node(row: list[Any], parent: Node | None) -> Node:
    type_, eid, number, label, heading, text, lead, sep, tail, start, end, children = row
    node = Node(type=type_, eid=eid, number=number, label=label, heading=heading, text=text, lead=lead,
                sep=sep, tail=tail, start=start, end=end, parent=parent)
    node.children = [_read_node(c, node) for c in children]
    return node


def _meta(meta: Meta) -> dict[str, Any]:
    return {
        "title": meta.title, "subtitle": meta.subtitle,
        "history": [[e.date.isoformat(), e.action, e.body, e.text, e.instrument, e.ordinal] for e in meta.history],
        "effective": meta.effective.isoformat() if meta.effective else None,
        "effective_basis": meta.effective_basis, "interpreted_by": meta.interpreted_by,
        "encoding": meta.encoding, "names": list(meta.names),
    }


def _read_meta(data: dict[str, Any]) -> Meta:
    history = [Event(date=date.fromisoformat(d), action=action, body=body, text=text, instrument=instrument,
                     ordinal=ordinal)
               for d, action, body, text, instrument, ordinal in data["history"]]
    effective = data["effective"]
    return Meta(title=data["title"], subtitle=data["subtitle"], history=history,
                effective=date.fromisoformat(effective) if effective else None,
                effective_basis=data["effective_basis"], interpreted_by=data["interpreted_by"],
                encoding=data["encoding"], names=tuple(data["names"]))


def _diagnostic(d: Diagnostic) -> list[Any]:
    return [d.code, d.message, d.line, d.column, d.offset]


def _read_diagnostic(row: list[Any]) -> Diagnostic:
    code, message, line, column, offset = row
    return Diagnostic(code, message, line, column, offset)
