"""Resolution: what each detected reference designates, from the citing node's place in the tree.

前款 is the paragraph before the citing one, 本条 its article, 第三款 a paragraph of its article,
本章 its chapter — all read off the tree, never by rescanning the text.  A document cited by name
is looked up in the registry; a reference that cannot be resolved is kept, with a diagnostic.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..cite.address import Address, RangeError, address_of, division_in, expand_range, node_for
from ..cite.grammar import SHORT_NAME, Path, RawRef, Step, detect, may_refer
from ..cite.registry import Known, Registry, normalize_name
from ..diagnostics import Diagnostic
from ..levels import DIVISION_TYPES, DIVISIONS, ENCLOSING, PROVISIONS
from ..model import Document, Node
from ..numerals import to_chinese, to_int
from .model import Reference, Target

#: Loads a bundled document by corpus id (the corpus passes its own cached loader).
Loader = Callable[[str], Document]

#: Nodes whose own text may hold references.
TEXT_TYPES = ("paragraph", "item", "subitem", "text", "footnote")

_RELATIVE_COUNT = {"前款": 1, "前两款": 2, "前二款": 2, "前三款": 3, "前四款": 4, "前五款": 5}


class _Context:
    """What the references of one node are read against.  (A plain class, as the grammar's
    records: see cite/grammar.py.)"""

    __slots__ = ("doc", "order", "node", "article", "paragraph", "item", "last_paragraph", "cited_paragraph")

    def __init__(self, doc: Document, order: _Order, node: Node, article: Node | None, paragraph: Node | None,
                 item: Node | None) -> None:
        self.doc = doc
        self.order = order
        self.node = node
        self.article = article
        self.paragraph = paragraph
        self.item = item
        self.last_paragraph: Node | None = None   # for 前款第一项…；第二项… (the elliptic 第二项)
        self.cited_paragraph: Node | None = None  # the paragraph a reference before cited (or whose items)


class _Order:
    """The article before each article and the item before each item, built once per document
    on first use (most texts never say 前条 or 前项).  Searching the list of articles for every
    前条 made a text of N articles each citing 前条 quadratic."""

    __slots__ = ("doc", "_before")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._before: dict[Node, Node] | None = None

    def before(self, node: Node) -> Node | None:
        if self._before is None:
            self._before = _predecessors(self.doc)
        return self._before.get(node)


def _predecessors(doc: Document) -> dict[Node, Node]:
    articles = doc.articles()
    before = dict(zip(articles[1:], articles, strict=False))
    for node in doc.walk():
        if node.children:
            items = [c for c in node.children if c.type == "item"]
            before.update(zip(items[1:], items, strict=False))
    return before


class Linker:
    """Finds and resolves the references of one document, collecting diagnostics."""

    def __init__(self, doc: Document, registry_source: Registry | Callable[[], Registry] | None,
                 load: Loader | None, day: date | None = None) -> None:
        self.doc = doc
        self.day = day      # the day the citing text is read on: which version of a cited law
        self.registry_source = registry_source
        self.load = load
        self.aliases: dict[str, Known] = {}
        self.diagnostics: list[Diagnostic] = []
        self.reported: set[str] = set()
        self.order = _Order(doc)

    @property
    def registry(self) -> Registry | None:
        """Built on first use: a text without external references never needs the corpus."""
        if callable(self.registry_source):
            self.registry_source = self.registry_source()
        return self.registry_source

    def run(self) -> list[Reference]:
        refs: list[Reference] = []
        for node in self.doc.walk():
            if node.type not in TEXT_TYPES or not may_refer(node.text):
                continue
            found = detect(node.text)
            if not found:
                continue
            ctx = _context(self.doc, node, self.order)
            base = node.start + len(node.label) + len(node.sep)
            for raw in found:
                ref = self._resolve(ctx, raw, base)
                if ref is not None:
                    _place(ref, raw, base)
                    refs.append(ref)
                    self._declare_alias(node.text, raw, ref)
                    ctx.cited_paragraph = _cited_paragraph(ref, self.doc.id)
        return refs

    # -- diagnostics ------------------------------------------------------------------------
    def _report(self, code: str, message: str, offset: int) -> None:
        line, column = self.doc.locate(offset)
        self.diagnostics.append(Diagnostic(code, message, line, column, offset))

    # -- one reference ----------------------------------------------------------------------
    def _resolve(self, ctx: _Context, raw: RawRef, base: int) -> Reference | None:
        start = base + raw.start
        if raw.malformed is None:
            try:
                return self._resolve_paths(ctx, raw, start, base)
            except RangeError as error:  # 第四条第（三）项至第五条: ends that bound no run of provisions
                raw.malformed = str(error)
        return self._malformed(ctx, raw, start)

    def _resolve_paths(self, ctx: _Context, raw: RawRef, start: int, base: int) -> Reference:
        if raw.anchor in ("book", "name"):
            return self._external(ctx, raw, start)
        if raw.anchor == "relative":
            return self._relative(ctx, raw, start)
        kind = "internal" if raw.anchor == "self" else "internal-bare"
        targets: list[Target] = []
        first = raw.paths[0].steps[raw.paths[0].inherited] if raw.paths else None
        if raw.anchor == "bare" and first is not None and first.level in ("item", "subitem"):
            # 第二项 after 前款第一项 is 前款第二项; otherwise an item of the citing paragraph
            scope: Node | None
            if ctx.last_paragraph is not None:
                kind, scope = "relative-elliptic", ctx.last_paragraph
            else:
                scope = ctx.paragraph
            targets = [self._path_in(ctx, path, scope) for path in raw.paths]
            cited = ctx.cited_paragraph
            if not all(t.nodes for t in targets) and cited is not None and cited is not scope:
                # 违反本条例第六十五条第（一）项至第（六）项规定…；违反第（七）项规定, 前款规定的第一项: an
                # item the citing paragraph does not have, of the paragraph cited just before
                elliptic = [self._path_in(ctx, path, cited) for path in raw.paths]
                if all(t.nodes for t in elliptic):
                    kind, targets = "relative-elliptic", elliptic
        elif raw.anchor == "bare" and first is not None and first.level == "paragraph":
            targets = [self._path_in(ctx, path, ctx.article) for path in raw.paths]
        else:
            targets = [self._path_in(ctx, path, None) for path in raw.paths]
        ref = Reference(ctx.node, start, base + raw.end, raw.text, kind, None, targets)
        self._check_internal(ref)
        return ref

    def _malformed(self, ctx: _Context, raw: RawRef, start: int) -> Reference:
        """第十十八条第（九）项: a number no statute prints; 第五条至第三条: a range that runs
        backwards.  Reading it as the nearest number (第二十八条) or as the list of its ends would
        cite other provisions without a word, so the reference is kept, of the kind its anchor
        says, with no target."""
        kind, document = _ANCHOR_KIND[raw.anchor], None
        if raw.anchor in ("book", "name"):
            known, raw, start = self._named(ctx, raw, start)
            if known is not None and known.names_itself(self.doc.id):  # a text naming itself
                kind = "internal"
            else:
                document = known.title if known is not None else normalize_name(raw.anchor_text)
        elif raw.anchor == "relative":
            _relative_anchors(ctx, raw)  # 前款第十十项；第二项: the 第二项 is still 前款's
        message = f"{raw.text}: {raw.malformed}"
        ref = Reference(ctx.node, start, start + len(raw.text), raw.text, kind, document, [], message)
        self._report("R306", f"{message}; reference kept unresolved", start)
        return ref

    def _named(self, ctx: _Context, raw: RawRef, start: int) -> tuple[Known | None, RawRef, int]:
        """The document a book or name anchor names.  A name found only as the tail of the words
        before 第…条 (实施刑法 → 刑法) starts the reference there; one the grammar cut after a
        word that usually precedes a name (依照对外贸易法: 对 taken for "towards") takes that word
        back when the longer name is a document's."""
        name = normalize_name(raw.anchor_text)
        known = self.aliases.get(name)
        if known is None and self.registry is not None:
            known = self.registry.lookup(name)
            if known is None and raw.anchor == "name":
                hit = self._longer(ctx.node.text, raw, name) or self.registry.suffix(name, self.aliases)
                if hit is not None:
                    trim = len(name) - len(hit[0])
                    raw = RawRef(raw.start + trim, raw.end, ctx.node.text[raw.start + trim:raw.end], raw.anchor,
                                 hit[0], raw.paths, raw.malformed)
                    return hit[1], raw, start + trim
        return known, raw, start

    def _longer(self, text: str, raw: RawRef, name: str) -> tuple[str, Known] | None:
        """A name the registry knows made of ``name`` and up to two characters before it."""
        assert self.registry is not None
        for extra in (1, 2):
            if raw.start - extra < 0 or not "\u4e00" <= text[raw.start - extra] <= "\u9fff":
                return None
            longer = text[raw.start - extra:raw.start] + name
            known = self.registry.lookup(longer, self.aliases)
            if known is not None:
                return longer, known
        return None

    def _relative(self, ctx: _Context, raw: RawRef, start: int) -> Reference:
        anchors, problem = _relative_anchors(ctx, raw)
        targets: list[Target] = []
        if problem is None and not raw.paths:
            targets = [Target(address_of(a) if a.type not in DIVISION_TYPES else Address(), doc=self.doc.id,
                              nodes=[a]) for a in anchors]
        elif problem is None:
            targets = [self._path_in(ctx, path, anchors[0]) for path in raw.paths]
        ref = Reference(ctx.node, start, start + len(raw.text), raw.text, "relative", None, targets, problem)
        if problem is not None:
            self._report("R302", problem, start)
        else:
            self._check_internal(ref)
        return ref

    def _external(self, ctx: _Context, raw: RawRef, start: int) -> Reference:
        known, raw, start = self._named(ctx, raw, start)
        title = known.title if known is not None else normalize_name(raw.anchor_text)
        if known is not None and known.names_itself(self.doc.id):  # a text naming itself: internal
            targets = [self._path_in(ctx, path, None) for path in raw.paths]
            ref = Reference(ctx.node, start, start + len(raw.text), raw.text, "internal", None, targets)
            self._check_internal(ref)
            return ref
        target_ids, in_force = known.at(self.day) if known is not None else ((), True)
        target_docs = [self.load(i) for i in target_ids] if self.load else []
        if not raw.paths:
            targets = [Target(None, doc=target_ids[0] if target_ids else None)]
        else:
            targets = [self._external_path(target_docs, path, target_ids) for path in raw.paths]
        for target in targets:
            target.held = target.held and in_force
        ref = Reference(ctx.node, start, start + len(raw.text), raw.text, "external", title, targets)
        if target_docs and not in_force:
            ref.message = f"no stored version of 《{title}》 was in force on {self.day}: read against {target_ids[0]}"
        if not target_docs:
            if title not in self.reported:
                self.reported.add(title)
                self._report("R303", f"《{title}》 is not in the corpus: reference kept unresolved", start)
        else:
            missing = [t.address for t in targets if t.address is not None and not t.nodes]
            for address in missing:
                ref.message = f"《{title}》 has no {_describe(address)}"
                self._report("R304", f"{ref.message} (in the corpus copy)", start)
        return ref

    def _external_path(self, target_docs: list[Document], path: Path, target_ids: tuple[str, ...]) -> Target:
        """A provision of the cited law; of a law stored in parts (民法典), of the part holding it."""
        address = _address(path.steps)
        target = Target(address, _address(path.range_to) if path.range_to else None,
                        doc=target_ids[0] if target_ids else None)
        for target_doc in target_docs:
            target.nodes = _nodes(target_doc, target.address, target.range_to)
            if target.nodes:
                target.doc = target_doc.id
                break
        else:
            target.held = not _between_parts(target_docs, address)
        return target

    def _path_in(self, ctx: _Context, path: Path, scope: Node | None) -> Target:
        """A path read inside ``scope`` (an article, a paragraph, a division) or the document."""
        steps = path.steps
        if steps and steps[0].level in DIVISIONS:
            division = tuple((s.level, int(s.number)) for s in steps if s.level in DIVISION_TYPES)
            node = division_in(self.doc, scope if scope is not None and scope.type in DIVISION_TYPES else None,
                               division)
            return Target(Address(division=division), doc=self.doc.id, nodes=[node] if node is not None else [])
        context = address_of(scope) if scope is not None and scope.type not in DIVISION_TYPES else Address()
        address = _address(steps, context)
        range_to = _address(path.range_to, context) if path.range_to else None
        return Target(address, range_to, self.doc.id, _nodes(self.doc, address, range_to))

    def _check_internal(self, ref: Reference) -> None:
        for target in ref.targets:
            if not target.nodes and target.address is not None:
                ref.message = f"{ref.text}: {_describe(target.address)} does not exist in this document"
                self._report("R301", ref.message, ref.start)
                return

    def _declare_alias(self, text: str, raw: RawRef, ref: Reference) -> None:
        """《中华人民共和国安全生产法》（以下简称安全生产法）: later 安全生产法第X条 means that law."""
        if raw.anchor not in ("book", "name") or ref.document is None:
            return
        m = SHORT_NAME.match(text, raw.end)
        if m:
            # the registry's entry when there is one: a law stored in versions stays one
            known = self.registry.lookup(ref.document) if self.registry is not None else None
            if known is None:
                known = Known(ref.document, ref.targets[0].doc if ref.targets else None)
            self.aliases[normalize_name(m.group("short"))] = known


def _cited_paragraph(ref: Reference, doc_id: str) -> Node | None:
    """The paragraph of this document the reference's last target is, or holds the items of."""
    target = ref.targets[-1] if ref.targets else None
    if target is None or target.doc != doc_id or not target.nodes:
        return None
    node = target.nodes[-1]
    while node.type in ("item", "subitem") and node.parent is not None:
        node = node.parent
    return node if node.type == "paragraph" else None


#: The kind of a reference, by what it starts with (before anything is resolved).
_ANCHOR_KIND = {"self": "internal", "bare": "internal-bare", "relative": "relative", "book": "external",
                "name": "external"}


def _place(ref: Reference, raw: RawRef, base: int) -> None:
    """Where each target is written: its path, or the whole reference (前款, 《…》)."""
    paths = raw.paths if len(raw.paths) == len(ref.targets) > 1 else []
    for i, target in enumerate(ref.targets):
        if paths:
            target.start, target.end = base + paths[i].start, base + paths[i].end
        else:
            target.start, target.end = ref.start, ref.end


def _context(doc: Document, node: Node, order: _Order | None = None) -> _Context:
    """``order`` is shared by all the nodes of a document (one is made for a single node)."""
    article = node.article
    paragraph = item = None
    current: Node | None = node
    while current is not None and current is not article:
        if current.type == "paragraph" and current.parent is article:
            paragraph = current
        elif current.type == "item":
            item = current
        current = current.parent
    return _Context(doc, order if order is not None else _Order(doc), node, article, paragraph, item)


def _relative_anchors(ctx: _Context, raw: RawRef) -> tuple[list[Node], str | None]:
    """What the relative word of ``raw`` designates; 前款第一项 also makes that paragraph the
    scope of a following elliptic 第二项."""
    anchors, problem = _relative_anchor(ctx, raw.anchor_text)
    if raw.anchor_text in _RELATIVE_COUNT and len(anchors) == 1 and raw.paths:
        ctx.last_paragraph = anchors[0]
    return anchors, problem


def _relative_anchor(ctx: _Context, word: str) -> tuple[list[Node], str | None]:
    """The nodes 前款 / 前两款 / 本条 / 前条 / 本章 … designate for the citing node."""
    if word in ENCLOSING:
        node = ctx.node.parent
        while node is not None and node.type != ENCLOSING[word]:
            node = node.parent
        return ([node], None) if node is not None else ([], f"{word} outside any {ENCLOSING[word]}")
    if ctx.article is None:
        return [], f"{word} outside any article"
    if word == "本条":
        return [ctx.article], None
    if word == "前条":
        before = ctx.order.before(ctx.article)
        return ([before], None) if before is not None else ([], f"前条 in the first article ({ctx.article.label})")
    if word in ("本项", "前项"):
        if ctx.item is None:
            return [], f"{word} outside any item"
        if word == "本项":
            return [ctx.item], None
        before = ctx.order.before(ctx.item)
        return ([before], None) if before is not None else ([], f"前项 in the first item ({ctx.item.label})")
    if ctx.paragraph is None:
        return [], f"{word} outside any paragraph"
    if word == "本款":
        return [ctx.paragraph], None
    count = _RELATIVE_COUNT.get(word) or _count(word)
    number = ctx.paragraph.number
    assert isinstance(number, int)  # the builder numbers every 款 1, 2, …
    if number - count < 1:
        where = f"{ctx.article.label}第{to_chinese(number)}款"
        return [], f"{word} in {where}: there {'is no paragraph' if number == 1 else 'are not enough paragraphs'} before it"
    paragraphs = [c for c in ctx.article.children if c.type == "paragraph"]
    return paragraphs[number - 1 - count:number - 1], None


def _count(word: str) -> int:
    """前七款 → 7."""
    return to_int(word[1:-1])




def _between_parts(parts: list[Document], address: Address) -> bool:
    """A law stored in parts whose stored parts leave a gap where the cited article would be
    (民法典 第五百条: 物权编 ends at 第四百六十二条, 人格权编 starts at 第九百八十九条)."""
    number = _article_int(address.article)
    if len(parts) < 2 or number is None:
        return False
    spans = sorted((lo, hi) for lo, hi in (_span(p) for p in parts) if lo is not None and hi is not None)
    inside = any(lo <= number <= hi for lo, hi in spans)
    return not inside and spans[0][0] < number < spans[-1][1]


def _span(doc: Document) -> tuple[int | None, int | None]:
    numbers = [n for n in (_article_int(a.number) for a in doc.articles()) if n is not None]
    return (min(numbers), max(numbers)) if numbers else (None, None)


def _article_int(number: object) -> int | None:
    """第一百二十条之一 → 120 (its place among the articles)."""
    head = str(number).split("-")[0] if number is not None else ""
    return int(head) if head.isdigit() else None


def _address(steps: list[Step] | None, context: Address | None = None) -> Address:
    levels: list[object] = [None, None, None, None]   # article, paragraph, item, subitem
    if context is not None:
        levels[:3] = context.article, context.paragraph, context.item
    seen_top = False
    for step in steps or ():
        if step.level in PROVISIONS:
            depth = PROVISIONS.index(step.level)
            if not seen_top:
                seen_top = True
                # a written level discards the context's levels below it
                levels[depth:] = [None] * (4 - depth)
            levels[depth] = step.number
    return Address.of_levels(dict(zip(PROVISIONS, levels, strict=True)))


def _nodes(doc: Document, address: Address | None, range_to: Address | None) -> list[Node]:
    if address is None:
        return []
    first = node_for(doc, address)
    if first is None:
        return []
    if range_to is None:
        return [first]
    last = node_for(doc, range_to)
    return expand_range(doc, first, last) if last is not None else []


def _describe(address: Address) -> str:
    from ..cite import format_address

    return format_address(address)


def link(doc: Document, registry: Registry | Callable[[], Registry] | None = None,
         load: Loader | None = None, day: date | None = None) -> list[Diagnostic]:
    """Find and resolve every reference of ``doc`` (stored in ``doc.references``); a law the store
    holds in several versions is read in the version in force on ``day`` (None: today)."""
    linker = Linker(doc, registry, load, day)
    doc.references = linker.run()
    return linker.diagnostics
