"""Citations both ways, and the one lookup of provisions.

    address.py   what a citation names (第六条第一款第（三）项), independent of how it is written, and its node
    styles.py    the citation styles (zh, zh-short, zh-plain, en, eid)
    grammar.py   the reference grammar: 本法, 《…》, 前款, 第N条第N款第N项 … (refs/ reads texts with it too)
    registry.py  which document a name designates (titles, short titles, 简称)
    parsing.py   a citation in any style → addresses
    format.py    addresses and nodes → a citation in a style
    find.py      the one lookup: document + citation (any style), eId or heading → nodes, or the error that says why not

The public API is re-exported here (``from regtext import cite; cite.format_nodes(...)``), imported
on first use (PEP 562, as ``regtext`` itself): the parser reads references with address.py and
grammar.py, and the CLI names the styles on every run, without loading the rest.
"""

from __future__ import annotations

from .. import names_on_first_use

#: public name → the module of this package that defines it
_LAZY = {
    "Address": "address",
    "NotCitable": "format", "document_label": "format", "eid_of": "format", "format_address": "format",
    "format_nodes": "format", "format_parts": "format", "quote": "format",
    "Found": "find", "cited_document": "find", "lookup": "find", "names_document": "find",
    "nearest": "find", "resolve": "find",
    "EID_DOCUMENT_MARK": "parsing", "Citation": "parsing", "CitationSyntaxError": "parsing", "Part": "parsing",
    "parse": "parsing",
    "STYLES": "styles",
}

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from .address import Address
    from .find import Found, cited_document, lookup, names_document, nearest, resolve
    from .format import NotCitable, document_label, eid_of, format_address, format_nodes, format_parts, quote
    from .parsing import EID_DOCUMENT_MARK, Citation, CitationSyntaxError, Part, parse
    from .styles import STYLES


__getattr__ = names_on_first_use(globals(), _LAZY)


__all__ = [
    "EID_DOCUMENT_MARK", "STYLES", "Address", "Citation", "CitationSyntaxError", "Found", "NotCitable", "Part",
    "cited_document", "document_label", "eid_of", "format_address", "format_nodes", "format_parts", "lookup",
    "names_document", "nearest", "parse", "quote", "resolve",
]
