"""Citations both ways, and the one lookup of provisions.

    address.py   what a citation names (第六条第一款第（三）项), independent of how it is written, and its node
    styles.py    the citation styles (zh, zh-short, zh-plain, en, eid)
    grammar.py   the reference grammar: 本法, 《…》, 前款, 第N条第N款第N项 … (also refs/ reads texts with it)
    registry.py  which document a name designates (titles, short titles, 简称)
    parse.py     a citation in any style → addresses
    format.py    addresses and nodes → a citation in a style
    lookup.py    document + citation (any style), eId or heading → nodes, or the error that says why not

The public API is re-exported here: ``from regtext import cite; cite.format_nodes(...)``.
"""

from .address import Address
from .format import NotCitable, document_label, eid_of, format_address, format_nodes, format_parts, quote
from .lookup import Found, cited_document, lookup, names_document, nearest, resolve
from .parse import EID_DOCUMENT_MARK, Citation, CitationSyntaxError, Part, parse
from .styles import STYLES

__all__ = [
    "EID_DOCUMENT_MARK", "STYLES", "Address", "Citation", "CitationSyntaxError", "Found", "NotCitable", "Part",
    "cited_document", "document_label", "eid_of", "format_address", "format_nodes", "format_parts", "lookup",
    "names_document", "nearest", "parse", "quote", "resolve",
]
