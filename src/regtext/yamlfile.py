"""YAML read safely, with the line and column of every value, so an error can say
``case.yaml:12:3: measures[0]: …`` instead of pointing nowhere.

Every YAML file regtext reads (case files, rulebooks, annotations, corpus metadata, template
front matter) goes through :func:`load_yaml`, so the bounds below hold everywhere: a file the
size of a book, an alias bomb (a few hundred bytes of nested ``&a``/``*a`` that expand to
millions of values), nesting deep enough to exhaust the stack, a key given twice (the second
silently wins in plain ``yaml.safe_load``) and a value the safe constructor cannot build
(``date: 2024-02-30``) are each refused with the line and column, before any of them can
cost time, memory or a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Location
from .parser.decode import LIMITS, read_utf8

#: Values (nodes) a document may have once its aliases are expanded: a small constant per byte
#: of the file.  Without aliases a document has at most about one node per byte (the bundled
#: files have at most 0.07).
NODES_PER_BYTE = 2
NODES_FLOOR = 100
#: Nesting of mappings and sequences (the deepest bundled file has 4 levels).
MAX_DEPTH = 64


@dataclass(slots=True)
class Located:
    """Parsed YAML data and where each path (``measures[0]``, ``subject.name``) is in the file."""

    data: Any
    path: str
    positions: dict[str, tuple[int, int]]
    lines: list[str] = field(default_factory=list)   # the text, for the source line under a problem

    def where(self, yaml_path: str) -> Location:
        """Where a YAML path is in the file, or its nearest parent that is (printed ``file:line:col``)."""
        probe = yaml_path
        while probe and probe not in self.positions:
            parent = _PARENT.sub("", probe)
            probe = parent if parent != probe else ""
        line, column = self.positions.get(probe, (1, 1))
        return Location(self.path, line, column, yaml_path)


_PARENT = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"


class _BadValue(Exception):
    """A scalar the safe constructor could not build (Python's ValueError from datetime.date)."""

    def __init__(self, node: yaml.Node, cause: Exception):
        super().__init__(str(cause))
        self.node = node
        self.cause = cause


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]  # a base chosen at run time: libyaml's when installed
    """The safe loader (libyaml's when present) whose construction errors keep their node:
    datetime raises a bare ValueError for 2024-13-45, which would otherwise say nothing of where."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise _BadValue(node, exc) from None


def load_yaml(path: str | Path, text: str | None = None) -> Located:
    """``yaml.safe_load`` within bounds, plus the position of every YAML path.  InputError
    (exit 2) with file:line:col for anything that is not a small, plain YAML document."""
    p = Path(path)
    if text is None:
        if not p.is_file():
            raise InputError("no such file" if not p.exists() else "not a file", where=str(path))
        text = read_utf8(p, "yaml")  # at most LIMITS["yaml"] bytes are read
    size = len(text.encode("utf-8"))
    if size > LIMITS["yaml"]:  # text given directly (a file was already read within the limit)
        raise InputError(f"{size} bytes is more than the {LIMITS['yaml']} a YAML file may have", where=str(path),
                         hint="case files, rulebooks and annotations are a few KB: check that it is the right file")
    # What yaml.safe_load does — compose a node tree, then construct plain data from it — with
    # the checks in between: aliases share nodes, so the tree is as small as the text until
    # something walks it; walking or constructing an alias bomb is what takes the time and memory.
    _check_nesting(text, str(path))
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        positions: dict[str, tuple[int, int]] = {}
        paths: dict[int, str] = {}
        if node is not None:
            _measure(node, 0, _budget(size), {}, set(), str(path), size)
            _index(node, "", positions, paths, str(path))
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Location(str(path), mark.line + 1, mark.column + 1) if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"invalid YAML: {problem}", where=where) from None
    except _BadValue as exc:
        raise _bad_value(exc, paths.get(id(exc.node), ""), str(path)) from None
    finally:
        loader.dispose()
    return Located(data, str(path), positions, text.split("\n"))


def _check_nesting(text: str, file: str) -> None:
    """Refuse values nested deeper than MAX_DEPTH before any node is composed: composing recurses
    once a level in C (libyaml's binding), and 30,000 levels — 60 KB of brackets — overflow the
    stack and kill the process, a crash no ``except`` can catch.  The event stream is read
    without recursion."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth - 1 > MAX_DEPTH:      # the outermost collection is at depth 0, as _measure counts
                    mark = event.start_mark
                    where = Location(file, mark.line + 1, mark.column + 1) if mark is not None else Location(file)
                    raise InputError(f"values nested more than {MAX_DEPTH} levels deep", where=where,
                                     hint="a regtext YAML file is a few levels deep: check the brackets and indentation")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return          # the loader below reports it, with its position


def _budget(size: int) -> int:
    return NODES_PER_BYTE * size + NODES_FLOOR


def _at(file: str, node: yaml.Node) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _measure(node: yaml.Node, depth: int, budget: int, sizes: dict[int, tuple[int, int]],
             open_nodes: set[int], file: str, file_size: int) -> tuple[int, int]:
    """(values, depth) of a node with its aliases expanded, each shared node counted once per
    use but walked once, so this costs the size of the text, not of the expansion."""
    key = id(node)
    if key in sizes:
        count, height = sizes[key]
    else:
        if key in open_nodes:
            raise InputError("an alias refers to the value that contains it (a recursive alias)",
                             where=_at(file, node), hint="write the value out instead of the alias")
        if depth > MAX_DEPTH:
            raise InputError(f"values nested more than {MAX_DEPTH} levels deep", where=_at(file, node),
                             hint="a regtext YAML file is a few levels deep: check the brackets and indentation")
        open_nodes.add(key)
        count, height = 1, 0
        biggest: tuple[int, yaml.Node] = (0, node)
        for child in _children(node):
            child_count, child_height = _measure(child, depth + 1, budget, sizes, open_nodes, file, file_size)
            count += child_count
            height = max(height, child_height + 1)
            biggest = max(biggest, (child_count, child), key=lambda pair: pair[0])
            if count > budget:
                culprit = biggest[1] if biggest[0] > 1 else node
                raise InputError(f"aliases (*name) expand the document to more than {budget} values, the limit "
                                 f"for a file of {file_size} bytes; the value here expands to "
                                 f"{sizes.get(id(culprit), (count,))[0]}", where=_at(file, culprit),
                                 hint="write the values out, or refer to them fewer times")
        open_nodes.discard(key)
        sizes[key] = (count, height)
    if depth + height > MAX_DEPTH:
        raise InputError(f"values nested more than {MAX_DEPTH} levels deep", where=_at(file, node),
                         hint="a regtext YAML file is a few levels deep: check the brackets and indentation")
    return count, height


def _children(node: yaml.Node) -> Iterable[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, yaml.SequenceNode):
        yield from node.value


def _index(node: yaml.Node, prefix: str, out: dict[str, tuple[int, int]], paths: dict[int, str],
           file: str) -> None:
    """A scalar is located at its value; a mapping entry holding a collection at its key.
    A key given twice is refused here, where its YAML path is known."""
    out.setdefault(prefix, (node.start_mark.line + 1, node.start_mark.column + 1))
    paths.setdefault(id(node), prefix)
    if isinstance(node, yaml.MappingNode):
        seen: dict[tuple[str, str], yaml.Node] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE:
                first = seen.setdefault((key.tag, key.value), key)
                if first is not key:
                    within = f" in {prefix}" if prefix else ""
                    raise InputError(f"the key {key.value!r} is given twice{within} (first at line "
                                     f"{first.start_mark.line + 1})", where=_at(file, key),
                                     hint="YAML would keep only the second value: remove one of them")
            name = f"{prefix}.{key.value}" if prefix else str(key.value)
            mark = value.start_mark if isinstance(value, yaml.ScalarNode) else key.start_mark
            out[name] = (mark.line + 1, mark.column + 1)
            _index(value, name, out, paths, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, f"{prefix}[{i}]", out, paths, file)


def _bad_value(exc: _BadValue, yaml_path: str, file: str) -> InputError:
    node = exc.node
    value = node.value if isinstance(node, yaml.ScalarNode) else ""
    label = f"{yaml_path}: " if yaml_path else ""
    if node.tag == "tag:yaml.org,2002:timestamp":
        return InputError(f"{label}{value} is not a date ({exc.cause})", where=_at(file, node),
                          hint="write a date that exists, as YYYY-MM-DD")
    kind = node.tag.rsplit(":", 1)[-1]
    return InputError(f"{label}{value!r} cannot be read as {kind} ({exc.cause})", where=_at(file, node),
                      hint="quote the value if it is text")


def error_path(parts: Iterable[object]) -> str:
    """A jsonschema error path as a YAML path: ``subject.born``, ``measures[0]``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Writer(yaml.SafeDumper):
    """Block style; text of several lines as a literal block (``facts: |-``), as people write it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Writer.add_representer(str, _text)


def dump_yaml(data: Any) -> str:
    """Plain data as YAML a person would write (keys in their order, block style, Chinese as
    itself); a string YAML would read as another type (2024-05-20, yes, 1.0) is quoted."""
    return str(yaml.dump(data, Dumper=_Writer, allow_unicode=True, sort_keys=False, width=10**6,
                         default_flow_style=False))
