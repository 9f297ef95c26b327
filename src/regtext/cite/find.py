"""The one lookup: a document and a name of provisions — a citation in any style (第四条第（三）项,
Article 4(3), 本办法第四条, 《中华人民共和国监察法》第十五条), an eId (art_4__para_1__point_3,
jianchafa_2024#art_15) or, as drafters name them, an item heading (监管落实不力, 诫勉) — to the
nodes, or the error that says why not.  ``Document.find``, the CLI, the decide rules, templates,
checks and study annotations all look provisions up here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import NotFound
from ..model import Document, Node
from .address import Address, RangeError, expand_range, node_for
from .format import format_address
from .parsing import FORWARD, Citation, CitationSyntaxError, parse
from .registry import Registry

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from ..corpus import Corpus


@dataclass(frozen=True, slots=True)
class Found:
    """What a name designates, and where: ``document`` is the one looked in, or the other corpus
    document the citation names (a citation is written against the document it points into)."""

    document: Document
    nodes: list[Node]


def lookup(doc: Document, name: Citation | str, corpus: Corpus | None = None, *, follow: bool = False,
           headings: bool = False) -> Found:
    """The provisions ``name`` designates in ``doc``.

    ``headings``: an eId of any node or an item heading is a name too (the first item of that
    heading).  ``follow``: a citation naming another document (《中华人民共和国监察法》第十五条) is
    looked up in that document of ``corpus``; without it such a citation is refused, as it would
    otherwise be read as ``doc``'s own 第十五条 — ``corpus`` then tells the refusal where to look.

    Raises CitationSyntaxError for what is not a citation (nor, with ``headings``, a heading) and
    NotFound, with the nearest provisions that do exist, for what does not exist."""
    if headings and isinstance(name, str):
        node = _by_name(doc, name)
        if node is not None:
            return Found(doc, [node])
    citation = parse(name) if isinstance(name, str) else name
    if follow:
        if corpus is None:
            raise ValueError("following a citation into another document needs the corpus that holds it")
        doc = cited_document(citation, corpus, doc)
    _check_document(doc, citation, corpus)
    return Found(doc, _nodes(doc, citation))


def resolve(doc: Document, citation: Citation | str, corpus: Corpus | None = None) -> list[Node]:
    """The nodes a citation designates in ``doc`` itself: ``lookup(doc, citation, corpus).nodes``."""
    return lookup(doc, citation, corpus).nodes


def _by_name(doc: Document, name: str) -> Node | None:
    """A node named as drafters name it: its eId, or the heading of an item (诫勉, 监管落实不力)."""
    node = doc.get(name)
    if node is not None:
        return node
    return next((n for n in doc.walk() if n.type in ("item", "subitem") and n.heading == name), None)


def _nodes(doc: Document, citation: Citation) -> list[Node]:
    """Every part of the citation in ``doc``; NotFound (with the nearest provisions) if one does not exist."""
    nodes: list[Node] = []
    for part in citation.parts:
        first = doc.get(part.eid) if part.eid else node_for(doc, part.address)
        if first is None:
            raise _missing(doc, part.address)
        if part.range_to is None:
            nodes.append(first)
            continue
        last = doc.get(part.eid_to) if part.eid_to else node_for(doc, part.range_to)
        if last is None:
            raise _missing(doc, part.range_to)
        try:
            nodes.extend(expand_range(doc, first, last))
        except RangeError as exc:  # art_3..art_1, 'Article 5 to Article 3', 第四条第（三）项至第五条
            raise CitationSyntaxError(f"not a citation: {citation.text!r}: {exc}", hint=FORWARD) from None
    return nodes


def _missing(doc: Document, address: Address) -> NotFound:
    return NotFound(f"{format_address(address)} does not exist in 《{doc.title or doc.id}》",
                    hint=nearest(doc, address))


def names_document(citation: Citation, doc: Document) -> bool:
    """Whether the document a citation names (if any) is ``doc``: by its id (``doc_id#art_4``), or by
    its title, a short title or either without 中华人民共和国 (《监察法》, 监察法第四条)."""
    name = citation.other_document
    if name is None:
        return True
    if citation.anchor == "id":
        return name == doc.id
    names = Registry()
    names.add(doc.title or doc.id, doc.id, doc.meta.names)
    return names.lookup(name) is not None


def _check_document(doc: Document, citation: Citation, corpus: Corpus | None) -> None:
    if names_document(citation, doc):
        return
    named = citation.other_document
    assert named is not None  # names_document() is True when the citation names no other document
    if citation.anchor == "id":
        raise NotFound(f"{citation.text} names {named}, not {doc.id}", hint=_look_there(named))
    known = corpus.registry.lookup(named) if corpus is not None else None
    if corpus is None:
        there = "look it up in the document it names: cite.lookup(doc, citation, corpus, follow=True)"
    elif known is not None and known.present:
        there = _look_there(known.at(None)[0][0])
    else:
        there = f"《{named}》 is not in the corpus, so its provisions cannot be looked up (run 'regtext corpus' for what is)"
    raise NotFound(f"{citation.text} names 《{named}》, not 《{doc.title or doc.id}》", hint=there)


def _look_there(doc_id: str) -> str:
    return f"look it up in that document (regtext.load({doc_id!r}).find(...)) or use cite.cited_document"


def cited_document(citation: Citation | str, corpus: Corpus, home: Document) -> Document:
    """The document a citation points into: the one it names (《…》, a law's name, an id), else
    ``home``, the document it is read in (本法, 本细则, a bare 第四条 and a name that is no citation,
    such as an item heading, all mean that one).  NotFound when the named document is not in
    ``corpus``.  The first step of ``lookup(..., follow=True)``, for callers that treat a provision
    of another document apart (a template's cite() checks those strictly)."""
    if isinstance(citation, str):
        try:
            citation = parse(citation)
        except CitationSyntaxError:
            return home
    name = citation.other_document
    if name is None or names_document(citation, home):
        return home
    if citation.anchor == "id":
        if name not in corpus:
            raise NotFound(f"{name} is not a corpus id", hint="run 'regtext corpus' for the ids")
        return corpus.load(name)
    known = corpus.registry.lookup(name)
    targets = known.at(None)[0] if known is not None else ()   # a stored law: the version in force today
    if not targets:
        raise NotFound(f"《{name}》 is not in the corpus", hint="run 'regtext corpus' for what is")
    return corpus.load(targets[0])


def nearest(doc: Document, address: Address) -> str:
    """What does exist near a missing address, said the way a drafter would look for it."""
    articles = doc.articles()
    article = doc.article(address.article) if address.article else None
    if article is None:
        if not articles:
            return "the document has no articles"
        wanted = int(str(address.article or "0").split("-")[0])
        near = min(articles, key=lambda a: abs(int(str(a.number).split("-")[0]) - wanted) if a.number else 1e9)
        return f"it has {articles[0].label} to {articles[-1].label}; nearest: {near.label}"
    paragraphs = [c for c in article.children if c.type == "paragraph"]
    if address.paragraph is not None and address.paragraph > len(paragraphs):
        return f"{article.label} has {len(paragraphs)} 款"
    scope = paragraphs if address.paragraph is None else [paragraphs[address.paragraph - 1]]
    items = [c for p in scope for c in p.children if c.type == "item"]
    if address.item is not None:
        if not items:
            return f"{article.label} has no items"
        return f"{article.label} has items {items[0].label}–{items[-1].label}"
    return f"see {article.label}"
