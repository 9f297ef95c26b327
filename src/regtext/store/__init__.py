"""The corpus store: imported texts, their parsed trees, metadata and references in one SQLite
file (table layout: regtext.store.db).  ``regtext corpus import`` fills it; every command that
takes a document takes a stored id with ``--store FILE``, and ``regtext.load(id, store=FILE)``
loads the stored tree without parsing the text again."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..model import Document
from .db import Store, default_store_path

__all__ = ["Store", "default_store_path", "stored_tree", "open_store", "store_for_reading"]


@lru_cache(maxsize=4)
def open_store(path: str) -> Store:
    """A store opened for reading, once per process."""
    return Store.open(path)


def stored_tree(ref: str, store: str | os.PathLike[str]) -> Document | None:
    """The stored tree of the document ``ref`` names (an id, or a file name no other document
    has), not parsed again and without its references (whoever loads it resolves them against
    its corpus: regtext.corpus.load); None when the store has no such document."""
    db = open_store(os.fspath(store))
    return db.tree(ref) if ref in db else None


def store_for_reading(option: str | None) -> Path | None:
    """The store a command reads ids from: ``--store``, else ``REGTEXT_STORE``, else the default
    location when a store is there; None when there is none (the bundled corpus alone)."""
    if option:
        return Path(option)
    if os.environ.get("REGTEXT_STORE"):
        return Path(os.environ["REGTEXT_STORE"])
    default = default_store_path()
    return default if default.is_file() else None
