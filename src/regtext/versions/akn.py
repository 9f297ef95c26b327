"""An alignment recorded in Akoma Ntoso: the NEW version's document (export/akn.py) with
``<analysis><passiveModifications>`` in its meta — one ``textualMod`` for each thing the amendment
did to it, as the NPC's decision would word it, in the types the schema knows:

    renumbering   a pair whose article number changed (destination: the new article; old: the old one)
    substitution  a 款/项/目 rewritten inside a pair (destination: the new unit; old: the old unit)
    insertion     a new article, or a new 款/项/目 inside a pair (destination: it)
    repeal        an article, or a 款/项/目 inside a pair, that is gone (destination: where it was —
                  the old version's provision for an article, the new article for a unit)
    split / join  one old article now in several consecutive new ones, or the reverse

``source`` is the amendment's event in the document's own lifecycle (``#evt_N``: its 修正/修订 history
line), the only handle on the amending decision a text carries; ``old`` points into the old version
by its expression URI (``…/zho@2018-03-20/~art_49``).  Valid against schemas/akn/akomantoso30.xsd.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ..export.akn import NS
from ..parser.meta import amending
from .formats import Options
from .model import Alignment, Change, Pair

_E = "{%s}" % NS
#: meta's children that come after <analysis> in the schema's sequence
_AFTER_ANALYSIS = ("temporalData", "references", "notes", "proprietary", "presentation")


def akn(alignment: Alignment, options: Options) -> bytes:
    """The new version as ``regtext export --to akn`` writes it (its jurisdiction and links from
    the corpus), with the alignment's passiveModifications."""
    from ..corpus import default_corpus
    from ..export.akn import expression_uri
    from ..export.formats import export_document

    corpus = default_corpus()
    document = export_document(alignment.new, "akn", corpus)
    assert isinstance(document, bytes)   # AKN is written as bytes
    entry = corpus.entries.get(alignment.old.id)
    old_uri = expression_uri(alignment.old, entry.jurisdiction if entry else "cn")
    return with_passive_modifications(alignment, document, old_uri)


def with_passive_modifications(alignment: Alignment, akn: bytes, old_uri: str) -> bytes:
    """``akn`` (the new version, as export/akn.py writes it) with the alignment in its meta.
    ``old_uri``: the old version's expression URI, for the ``old`` references."""
    root = etree.fromstring(akn)
    meta = root.find(f"{_E}act/{_E}meta")
    if meta is None:
        raise ValueError("not an Akoma Ntoso act: no act/meta")
    analysis = etree.Element(_E + "analysis", source="#regtext")
    following = next((child for child in meta if etree.QName(child).localname in _AFTER_ANALYSIS), None)
    if following is None:
        meta.append(analysis)
    else:
        following.addprevious(analysis)
    mods = etree.SubElement(analysis, _E + "passiveModifications")
    writer = _Mods(mods, _source(alignment, old_uri), old_uri)
    _record(writer, alignment)
    if not len(mods):
        meta.remove(analysis)   # nothing changed: the schema allows no empty list
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _source(alignment: Alignment, old_uri: str) -> str:
    """The last amendment's lifecycle event (export/akn.py numbers them evt_1 …), else the old version."""
    flags = list(amending(alignment.new.meta.history))
    last = max((n for n, amends in enumerate(flags, start=1) if amends), default=None)
    return f"#evt_{last}" if last is not None else old_uri


def _record(writer: _Mods, alignment: Alignment) -> None:
    """In the new version's order: pairs and inserted articles as they come, splits and joins at
    their first new article; deleted articles last (they have no place in the new text)."""
    splits = {id(s.new[0]): s for s in alignment.splits}
    merges = {id(m.new): m for m in alignment.merges}
    pairs = {id(p.new): p for p in alignment.pairs}
    inserted = {id(n) for n in alignment.inserted}
    for node in alignment.new.articles():
        if id(node) in pairs:
            _pair(writer, pairs[id(node)])
        elif id(node) in inserted:
            writer.add("insertion", [f"#{node.eid}"])
        elif id(node) in splits:
            split = splits[id(node)]
            writer.add("split", [f"#{n.eid}" for n in split.new], old=[split.old.eid])
        elif id(node) in merges:
            merge = merges[id(node)]
            writer.add("join", [f"#{node.eid}"], old=[n.eid for n in merge.old])
    for node in alignment.deleted:
        writer.add("repeal", [writer.old_href(node.eid)], old=[node.eid])


def _pair(writer: _Mods, pair: Pair) -> None:
    if pair.renumbered:
        writer.add("renumbering", [f"#{pair.new.eid}"], old=[pair.old.eid])
    for change in pair.changes:
        _change(writer, pair, change)


def _change(writer: _Mods, pair: Pair, change: Change) -> None:
    if change.what == "inserted" and change.new is not None:
        writer.add("insertion", [f"#{change.new.eid}"])
    elif change.what == "deleted" and change.old is not None:
        writer.add("repeal", [f"#{pair.new.eid}"], old=[change.old.eid])
    elif change.new is not None and change.old is not None:
        writer.add("substitution", [f"#{change.new.eid}"], old=[change.old.eid])


class _Mods:
    """Appends numbered ``textualMod`` elements (eIds pmod_1, pmod_2 …)."""

    def __init__(self, parent: etree._Element, source: str, old_uri: str) -> None:
        self.parent, self.source, self.old_uri = parent, source, old_uri
        self.count = 0

    def old_href(self, eid: str) -> str:
        return f"{self.old_uri}/~{eid}"

    def add(self, kind: str, destinations: list[str], old: Sequence[str] = ()) -> None:
        self.count += 1
        mod = etree.SubElement(self.parent, _E + "textualMod", type=kind, eId=f"pmod_{self.count}")
        etree.SubElement(mod, _E + "source", href=self.source)
        for href in destinations:
            etree.SubElement(mod, _E + "destination", href=href)
        for eid in old:
            etree.SubElement(mod, _E + "old", href=self.old_href(eid))
