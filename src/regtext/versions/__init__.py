"""Two versions of a law compared: ``align(old, new)`` pairs their articles across renumbering,
moves, splits and merges, and lists the changes inside each pair per 款/项/目 and per character.

    from regtext import load
    from regtext.versions import align
    alignment = align(load("jianchafa_2018"), load("jianchafa_2024"))
    alignment.counts()        # {"unchanged": 46, "modified": 23, "inserted": 9, "deleted": 0, ...}
    alignment.renumbered()    # {"art_49": "art_56", ...}
"""

from __future__ import annotations

from .align import align
from .model import Alignment, Change, Merge, Pair, Split

__all__ = ["Alignment", "Change", "Merge", "Pair", "Split", "align"]
