"""Two versions of a law compared: ``align(old, new)`` pairs their articles across renumbering,
moves, splits and merges, and lists the changes inside each pair per 款/项/目 and per character.

    from regtext import load
    from regtext.versions import align
    from regtext.versions.compare import compare
    alignment = align(load("jianchafa_2018"), load("jianchafa_2024"))
    alignment.counts()        # {"unchanged": 46, "modified": 23, "inserted": 9, "deleted": 0, ...}
    alignment.renumbered()    # {"art_49": "art_56", ...}
    compare("jianchafa_2018", "jianchafa_2024")   # the same, from ids or files, checked first

``regtext diff`` prints an alignment in one of ``FORMATS`` (regtext.versions.formats).  The names
are imported on first use, so that the command line stays light.  ``compare`` is not among them:
it loads corpus ids, and the corpus imports ``versions.works`` (a work's versions): a name here
would make the package import the corpus that imports it.
"""

from __future__ import annotations

from .. import names_on_first_use

_LAZY = {
    "align": "alignment",
    "Alignment": "model", "Change": "model", "Merge": "model", "Pair": "model", "Split": "model",
}

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .alignment import align
    from .model import Alignment, Change, Merge, Pair, Split

__getattr__ = names_on_first_use(globals(), _LAZY)

__all__ = ["Alignment", "Change", "Merge", "Pair", "Split", "align"]
