"""regtext: Chinese regulations as structured, cross-referenced trees.

The public API is a few verbs::

    import regtext
    doc = regtext.load("ningxia_anquan_zhuijiu_2023")   # corpus id or file path
    doc = regtext.parse(text)                            # text as published
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

from .corpus import Corpus, default_corpus, load
from .diagnostics import Diagnostic
from .errors import InputError, NotFound, RegtextError
from .model import Document, Event, Meta, Node
from .parse import parse_text


def parse(text: str, *, id: str = "", source: str = "<string>") -> Document:
    """Parse the text of a regulation as published; references to bundled documents resolve."""
    corpus = default_corpus()
    return parse_text(text, id=id, source=source, registry=corpus.registry, load=corpus.load)


def parse_file(path: str) -> Document:
    """Parse a text file (UTF-8 or GB18030); references to bundled documents resolve."""
    return default_corpus().parse_file(Path(path))

__all__ = [
    "Corpus", "Diagnostic", "Document", "Event", "InputError", "Meta", "Node", "NotFound",
    "RegtextError", "default_corpus", "load", "parse", "parse_file",
]
