"""References as text lines, for the terminal and for fixture files."""

from __future__ import annotations

from ..cite import format_address
from ..model import Document
from .model import Reference


def describe_targets(ref: Reference, doc_id: str) -> str:
    out = []
    for target in ref.targets:
        prefix = "" if target.doc is None or target.doc == doc_id else f"{target.doc}:"
        if target.nodes:
            eids = [n.eid for n in target.nodes]
            out.append(prefix + (eids[0] if len(eids) == 1 else f"{eids[0]}..{eids[-1]} ({len(eids)})"))
        elif target.address is None:
            out.append(f"{target.doc} (the whole document)" if target.doc else f"《{ref.document}》 (not in the corpus)")
        elif target.doc is None and ref.external:
            out.append(f"《{ref.document}》{format_address(target.address)} (not in the corpus)")
        else:
            out.append("unresolved" + (f": {ref.message}" if ref.message else ""))
    return ", ".join(out) if out else f"unresolved: {ref.message}"


def reference_line(doc: Document, ref: Reference) -> str:
    """``line:col: source-eid: text [kind] -> targets``"""
    line, column = doc.locate(ref.start)
    return f"{line}:{column}: {ref.source.eid}: {ref.text} [{ref.kind}] -> {describe_targets(ref, doc.id)}"
