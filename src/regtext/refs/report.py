"""References as text lines, for the terminal and for fixture files."""

from __future__ import annotations

from ..cite import format_address
from ..model import Document
from .model import Reference


def describe_targets(ref: Reference, doc_id: str) -> str:
    out = [describe_target(doc_id, target.doc, [n.eid for n in target.nodes[:1] + target.nodes[1:][-1:]], len(target.nodes),
                           None if target.address is None else format_address(target.address),
                           ref.external, ref.document, ref.message, target.held)
           for target in ref.targets]
    return ", ".join(out) if out else f"unresolved: {ref.message}"


def describe_target(doc_id: str, target_doc: str | None, ends: list[str], count: int, cited: str | None,
                    external: bool, document: str | None, message: str | None, held: bool = True) -> str:
    """One target as the refs listing prints it (from a resolved reference, or from the rows a
    store keeps: regtext.refs.national).  ``ends``: the eIds of the first and last node designated
    (one when one), ``count`` how many; ``cited``: the path as cited (第四条第一款), None for a
    whole document; ``held`` False: read against a version not in force on the citing day (said)."""
    prefix = "" if target_doc is None or target_doc == doc_id else f"{target_doc}:"
    if ends or (cited is None and target_doc):
        found = prefix + (ends[0] if count == 1 else f"{ends[0]}..{ends[-1]} ({count})") if ends \
            else f"{target_doc} (the whole document)"
        return found if held or not message else f"{found} ({message})"
    if cited is None:
        return f"《{document}》 (not in the corpus)"
    if target_doc is None and external:
        return f"《{document}》{cited} (not in the corpus)"
    return "unresolved" + (f": {message}" if message else "")


def reference_line(doc: Document, ref: Reference) -> str:
    """``line:col: source-eid: text [kind] -> targets``"""
    line, column = doc.locate(ref.start)
    return f"{line}:{column}: {ref.source.eid}: {ref.text} [{ref.kind}] -> {describe_targets(ref, doc.id)}"
