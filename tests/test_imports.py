"""No import cycles among regtext's modules.

A cycle hides which module is the lower layer, and a function-level import that closes one works
only until someone moves it to the top.  The graph is read from the source with ``ast``, so an
import inside a function counts like one at the top.  ``from . import x`` is an edge to the
submodule ``x`` (what the code uses), not to the package.  Importing ``regtext.render.template``
runs ``regtext/render/__init__.py`` first, so it is also an edge to every package above the
imported module that is not a package of the importer itself.  A package that imports its public
names on first use (PEP 562: ``regtext``, ``regtext.cite``) lists their modules in ``_LAZY``:
those are edges too.  Imports under ``if TYPE_CHECKING:`` are
left out: they never run, and a type may name a record of a higher layer (the tree's
``Document.references``).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TypeGuard

SRC = Path(__file__).resolve().parents[1] / "src"


def modules() -> dict[str, Path]:
    """Every regtext module by its dotted name (a package by the name of its __init__)."""
    out = {}
    for path in sorted((SRC / "regtext").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _type_checking_only(node: ast.AST) -> TypeGuard[ast.If]:
    return isinstance(node, ast.If) and isinstance(node.test, (ast.Name, ast.Attribute)) and (
        getattr(node.test, "id", None) == "TYPE_CHECKING" or getattr(node.test, "attr", None) == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, in functions too, except those under ``if TYPE_CHECKING:``."""
    out: list[ast.Import | ast.ImportFrom] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append(node)
        for child in ast.iter_child_nodes(node):
            if _type_checking_only(child):
                stack.extend(child.orelse)
            else:
                stack.append(child)
    return out


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The regtext modules the module ``name`` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names if alias.name in known)
            continue
        if node.level:
            base = package.split(".")
            base = base[:len(base) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        submodules = {f"{target}.{alias.name}" for alias in node.names} & known.keys()
        out |= submodules
        if target in known and (node.module or len(submodules) < len(node.names)):
            out.add(target)  # from .x import y, or from . import a function of the package
    out |= _lazy(path, package, known)
    out |= {above for module in out for above in _packages_above(module)} & known.keys()
    out -= {name, *_packages_above(name)}
    return out


def _lazy(path: Path, package: str, known: dict[str, Path]) -> set[str]:
    """The modules a package's ``_LAZY`` table (public name → module) imports on first use."""
    if path.name != "__init__.py":
        return set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_LAZY" for t in node.targets):
            table = ast.literal_eval(node.value)
            return {f"{package}.{module}" for module in table.values()} & known.keys()
    return set()


def _packages_above(module: str) -> list[str]:
    """regtext.publish.docx.writer → regtext.publish.docx, regtext.render, regtext."""
    parts = module.split(".")
    return [".".join(parts[:k]) for k in range(1, len(parts))]


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return [_cycle_in(set(c), edges) for c in components]


def _cycle_in(component: set[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest cycle through the first module of a component, as a readable path a → b → a."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(edges[v] & component):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    raise AssertionError(f"no cycle through {start}")


def test_the_graph_sees_every_kind_of_import():
    """The reader of the graph itself: a function-level import, ``from . import x`` and
    ``from .x import y`` are edges; a TYPE_CHECKING import is not."""
    edges = graph()
    assert "regtext.cli" in edges and "regtext.cite.grammar" in edges
    assert "regtext.corpus" in edges["regtext.cli"]          # from .corpus import … inside a function
    assert "regtext.refs.citedby" in edges["regtext.cli"]    # function-level, from .refs.citedby import
    assert "regtext.refs.model" not in edges["regtext.model"]  # under TYPE_CHECKING
    assert "regtext.publish.docx.parts" in edges["regtext.publish.docx.writer"]  # from . import parts
    assert "regtext.publish.docx" not in edges["regtext.publish.docx.writer"]    # … not the package
    assert "regtext.cite.find" in edges["regtext.cite"]    # _LAZY: imported on first use
    assert "regtext.cite" in edges["regtext.refs.resolve"]  # from ..cite.grammar runs cite/__init__


def test_cycles_are_named():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle():
    found = cycles(graph())
    assert not found, "import cycles: " + "; ".join(" → ".join(c) for c in found)


def test_citations_are_read_without_the_reference_pass():
    """cite/ holds the reference grammar; refs/ reads regulation texts with it, never the other way."""
    edges = graph()
    into_refs = sorted(f"{m} → {i}" for m in edges if m.startswith("regtext.cite")
                       for i in edges[m] if i.startswith("regtext.refs"))
    assert into_refs == []
