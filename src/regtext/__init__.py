"""regtext: Chinese regulations as structured, cross-referenced trees.

The public API is a few verbs::

    import regtext
    doc = regtext.load("ningxia_anquan_zhuijiu_2023")   # corpus id or file path
    doc = regtext.parse(text)                            # text as published
"""

from __future__ import annotations

__version__ = "0.1.0"

from .corpus import Corpus, default_corpus, load
from .diagnostics import Diagnostic
from .errors import InputError, NotFound, RegtextError
from .model import Document, Event, Meta, Node
from .parse import parse_file
from .parse import parse_text as parse

__all__ = [
    "Corpus", "Diagnostic", "Document", "Event", "InputError", "Meta", "Node", "NotFound",
    "RegtextError", "default_corpus", "load", "parse", "parse_file",
]
