"""Which document a name designates: full titles, short titles, the form without 中华人民共和国,
and the 简称 a text declares for itself (（以下简称安全生产法）)."""

from __future__ import annotations

from ..parser.patterns import OnFirstUse

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from datetime import date

    from ..refs.versions import Versions

_PREFIX = "中华人民共和国"
_BRACKETS = OnFirstUse(r"[《》〈〉<>\s]")  # texts without external references never need it


class Known:
    """A document a name designates.  (A plain class, as the grammar's records: cite/grammar.py.)"""

    __slots__ = ("title", "id", "versions")

    def __init__(self, title: str, id: str | None = None, versions: Versions | None = None) -> None:
        self.title = title          # the full title
        self.id = id                # corpus id when the document is bundled
        self.versions = versions    # the stored versions, when a corpus store holds several

    @property
    def present(self) -> bool:
        """The document's text is at hand (bundled or stored), not merely known by name."""
        return self.id is not None or self.versions is not None

    def at(self, day: date | None) -> tuple[tuple[str, ...], bool]:
        """The ids of the texts to read a citation made on ``day`` against — the version in force
        then (refs/versions.py says which; a law stored in parts: its parts), or the one bundled
        text; none when the document is merely known — and whether it was in force on that day
        (False: no stored version was; the earliest is read)."""
        if self.versions is None:
            return ((self.id,) if self.id is not None else ()), True
        choice = self.versions.at(day)
        return choice.ids, choice.in_force

    def names_itself(self, id: str) -> bool:
        """``id`` is this document or one of its versions (a text citing its own title)."""
        return id == self.id or (self.versions is not None and id in self.versions.ids())


def normalize_name(name: str) -> str:
    """《中华人民共和国监察法》 → 中华人民共和国监察法; also unifies half-width brackets."""
    return _BRACKETS.sub("", name).replace("(", "（").replace(")", "）")


class Registry:
    def __init__(self) -> None:
        self.names: dict[str, Known] = {}

    def add(self, title: str, id: str | None = None, short_titles: tuple[str, ...] | list[str] = (),
            versions: Versions | None = None) -> None:
        known = Known(normalize_name(title), id, versions)
        for name in (title, *short_titles):
            key = normalize_name(name)
            for variant in _variants(key):
                # a document at hand wins over a merely known one of the same name
                if variant not in self.names or (known.present and not self.names[variant].present):
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
