"""regtext: Chinese regulations as structured, cross-referenced trees.

The public API is a few verbs::

    import regtext
    doc = regtext.load("ningxia_anquan_zhuijiu_2023")   # corpus id or file path
    doc = regtext.parse(text)                            # text as published

The names below are imported on first use (PEP 562), so that ``import regtext.cli`` stays
light and the command can switch the garbage collector off before the parser's modules load.
"""

from __future__ import annotations

import importlib
from pathlib import Path

__version__ = "0.1.0"

#: public name → the module that defines it
_LAZY = {
    "Corpus": "corpus", "default_corpus": "corpus", "load": "corpus",
    "Diagnostic": "diagnostics",
    "InputError": "errors", "NotFound": "errors", "RegtextError": "errors",
    "Document": "model", "Event": "model", "Meta": "model", "Node": "model",
}

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from .corpus import Corpus, default_corpus, load
    from .diagnostics import Diagnostic
    from .errors import InputError, NotFound, RegtextError
    from .model import Document, Event, Meta, Node


def names_on_first_use(namespace: dict[str, Any], table: dict[str, str]) -> Callable[[str], Any]:
    """A package's ``__getattr__`` (PEP 562) that imports a public name from the module ``table``
    names the first time it is asked for, and keeps it: regtext and regtext.cite load this way."""
    package = namespace["__name__"]

    def first_use(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", package), name)
        namespace[name] = value
        return value

    return first_use


__getattr__ = names_on_first_use(globals(), _LAZY)


def parse(text: str, *, id: str = "", source: str = "<string>") -> Document:
    """Parse the text of a regulation as published; references to bundled documents resolve."""
    from .corpus import default_corpus
    from .parser.pipeline import parse_text

    corpus = default_corpus()
    return parse_text(text, id=id, source=source, registry=corpus.registry, load=corpus.load)


def parse_file(path: str | Path) -> Document:
    """Parse a text file (UTF-8 or GB18030); references to bundled documents resolve."""
    from .corpus import default_corpus

    return default_corpus().parse_file(Path(path))


__all__ = [
    "Corpus", "Diagnostic", "Document", "Event", "InputError", "Meta", "Node", "NotFound",
    "RegtextError", "default_corpus", "load", "parse", "parse_file",
]
