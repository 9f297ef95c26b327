"""Search across stored texts: every provision holding every term of a query, exactly.

``index`` builds the index of characters and character pairs (in the store's SQLite file, or in
memory for the bundled corpus: ``bundled``); ``terms`` reads a query; ``query`` finds, verifies
and places the hits; ``fold`` is what both sides compare.
"""

from __future__ import annotations

from .query import Hit, Match, search

__all__ = ["Hit", "Match", "search"]
