"""Which document a name designates: full titles, short titles, the form without 中华人民共和国,
and the 简称 a text declares for itself (（以下简称安全生产法）)."""

from __future__ import annotations

from ..parser.patterns import OnFirstUse

_PREFIX = "中华人民共和国"
_BRACKETS = OnFirstUse(r"[《》〈〉<>\s]")  # texts without external references never need it


class Known:
    """A document a name designates.  (A plain class, as the grammar's records: cite/grammar.py.)"""

    __slots__ = ("title", "id")

    def __init__(self, title: str, id: str | None = None) -> None:
        self.title = title   # the full title
        self.id = id         # corpus id when the document is bundled


def normalize_name(name: str) -> str:
    """《中华人民共和国监察法》 → 中华人民共和国监察法; also unifies half-width brackets."""
    return _BRACKETS.sub("", name).replace("(", "（").replace(")", "）")


class Registry:
    def __init__(self) -> None:
        self.names: dict[str, Known] = {}

    def add(self, title: str, id: str | None = None, short_titles: tuple[str, ...] | list[str] = ()) -> None:
        known = Known(normalize_name(title), id)
        for name in (title, *short_titles):
            key = normalize_name(name)
            for variant in _variants(key):
                # a bundled document wins over a merely known one of the same name
                if variant not in self.names or (id is not None and self.names[variant].id is None):
                    self.names[variant] = known

    def lookup(self, name: str, aliases: dict[str, Known] | None = None) -> Known | None:
        key = normalize_name(name)
        if aliases and key in aliases:
            return aliases[key]
        for variant in _variants(key):
            if variant in self.names:
                return self.names[variant]
        return None

    def suffix(self, candidate: str, aliases: dict[str, Known] | None = None) -> tuple[str, Known] | None:
        """The longest tail of ``candidate`` that names a document (实施刑法 → 刑法)."""
        for start in range(len(candidate) - 1):
            tail = candidate[start:]
            known = self.lookup(tail, aliases)
            if known is not None:
                return tail, known
        return None


def _variants(key: str) -> tuple[str, ...]:
    if key.startswith(_PREFIX) and len(key) > len(_PREFIX):
        return key, key[len(_PREFIX):]
    return (key,)
