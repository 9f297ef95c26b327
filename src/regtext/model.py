"""The article tree: a Document of Nodes (编/章/节 ▸ 条 ▸ 款 ▸ 项 ▸ 目, plus preface and attachments).

Every node keeps the exact characters it came from (``lead``, ``label``, ``sep``, ``text``,
``tail``), so walking the tree in order gives back the normalised text; ``start``/``end`` are
offsets in that text, which the document maps to line:column in the original file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from .diagnostics import Diagnostic
from .errors import NotFound
from .levels import EID_PREFIX
from .textmap import Normalized

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from collections.abc import Callable

    from .refs.model import Reference



@dataclass(slots=True, eq=False)
class Node:
    type: str                    # part, subpart, chapter, section, division, article, paragraph, item,
                                 # subitem, title, history, preamble, attachment, footnote, text
    eid: str = ""                # Akoma Ntoso style id: art_4__para_1__point_3
    number: int | str | None = None   # "4" / "120-1" for articles, int for numbered levels
    label: str = ""              # as printed: 第四条, （三）, (五), 第一章
    heading: str | None = None   # 总则 for a chapter; 监管落实不力 for 第四条（三）
    text: str = ""               # the node's own text (a paragraph's intro when it has items)
    lead: str = ""               # whitespace before the label
    sep: str = ""                # whitespace between label and text
    tail: str = ""               # whitespace after the text, before the next node
    start: int = 0               # normalised offset of the label (or text)
    end: int = 0                 # normalised offset where the node and its children end
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator[Node]:
        """This node and all below it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            if node.children:
                stack.extend(reversed(node.children))

    def own_source(self) -> str:
        return self.lead + self.label + self.sep + self.text + self.tail

    def full_text(self) -> str:
        """The node's text with its children's, labels included, without trailing whitespace."""
        return "".join(n.own_source() for n in self.walk()).rstrip()

    @property
    def article(self) -> Node | None:
        node: Node | None = self
        while node is not None and node.type != "article":
            node = node.parent
        return node


@dataclass(frozen=True, slots=True)
class Event:
    """One line of the history block: 2023年8月1日自治区党委办公厅、政府办公厅发布."""

    date: date
    action: str | None        # 通过 / 公布 / 发布 / 修正 / 修订 / 施行
    body: str                 # who acted, as written
    text: str                 # the whole line, as written
    instrument: str | None = None   # 《关于修改…的决定》
    ordinal: int | None = None      # 第二次修正 → 2


@dataclass(frozen=True, slots=True)
class AmendmentEffective:
    """When the version's last amendment took effect, as the amending decision says
    (本决定自2025年6月1日起施行): corpus metadata with its quoted source, because the amended law's own
    text does not carry it."""

    date: date
    source: str


@dataclass(slots=True)
class Meta:
    title: str | None = None
    subtitle: str | None = None
    history: list[Event] = field(default_factory=list)
    effective: date | None = None
    effective_basis: str | None = None   # the words the effective date was read from
    interpreted_by: str | None = None
    encoding: str = "utf-8"
    #: What else the document is called (the corpus metadata's title and short titles), so that a
    #: citation naming it (《监察法》第四条) is known to be its own.
    names: tuple[str, ...] = ()


@dataclass(slots=True, eq=False)
class Document:
    id: str
    source: str                 # file path, or "<string>"
    normalized: Normalized
    meta: Meta
    children: list[Node]
    diagnostics: list[Diagnostic]
    by_eid: dict[str, Node] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    _articles: list[Node] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.normalized.text

    @property
    def title(self) -> str | None:
        return self.meta.title

    def walk(self) -> Iterator[Node]:
        """Every node, in document order."""
        stack = self.children[::-1]
        while stack:
            node = stack.pop()
            yield node
            if node.children:
                stack.extend(reversed(node.children))

    def articles(self) -> list[Node]:
        if self._articles is None:
            self._articles = [n for n in self.walk() if n.type == "article"]
        return self._articles

    def article(self, number: int | str) -> Node | None:
        return self.by_eid.get(f"{EID_PREFIX['article']}_{number}")

    def get(self, eid: str) -> Node | None:
        return self.by_eid.get(eid)

    def find(self, citation: str) -> Node:
        """The provision a citation in any style names: ``doc.find("第四条第（三）项")``,
        ``doc.find("Article 6(4)")``, ``doc.find("art_6__para_2")``.  Raises NotFound (with the
        nearest existing provisions) or CitationSyntaxError."""
        nodes = self.find_all(citation)
        if len(nodes) != 1:
            raise NotFound(f"{citation!r} names {len(nodes)} provisions", hint="use find_all")
        return nodes[0]

    def find_all(self, citation: str) -> list[Node]:
        """Every provision a citation names (第四条第（三）项、第（五）项; 第五条至第七条)."""
        if _lookup is None:
            raise RuntimeError("Document.find needs regtext.corpus loaded (regtext.load or regtext.parse)")
        return _lookup(self, citation)

    def to_text(self) -> str:
        """Rebuild the normalised text from the tree alone (the round-trip guarantee)."""
        return "".join(n.own_source() for n in self.walk())

    def locate(self, offset: int) -> tuple[int, int]:
        """Line and column in the original file of an offset in the normalised text."""
        return self.normalized.locate(offset)


#: The one lookup of citations (regtext.cite.find) as ``Document.find`` uses it, against the default
#: corpus.  The tree sits below citations and the corpus and imports neither (tests/test_imports.py),
#: so regtext.corpus, through which every document is loaded, binds it (bind_lookup).
_lookup: Callable[[Document, str], list[Node]] | None = None


def bind_lookup(lookup: Callable[[Document, str], list[Node]]) -> None:
    global _lookup
    _lookup = lookup
