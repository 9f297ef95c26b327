"""YAML read safely, with the line and column of every value, so an error can say
``case.yaml:12:3: measures[0]: …`` instead of pointing nowhere."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .decode import read_utf8
from .errors import InputError


@dataclass(slots=True)
class Located:
    """Parsed YAML data and where each path (``measures[0]``, ``subject.name``) is in the file."""

    data: Any
    path: str
    positions: dict[str, tuple[int, int]]

    def where(self, yaml_path: str) -> str:
        """``file:line:col`` of a YAML path, or of its nearest parent that is in the file."""
        probe = yaml_path
        while probe and probe not in self.positions:
            parent = _PARENT.sub("", probe)
            probe = parent if parent != probe else ""
        line, column = self.positions.get(probe, (1, 1))
        return f"{self.path}:{line}:{column}"


_PARENT = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: str | Path, text: str | None = None) -> Located:
    """``yaml.safe_load`` plus positions from ``yaml.compose`` (SafeLoader: no object construction)."""
    p = Path(path)
    if text is None:
        if not p.is_file():
            raise InputError("no such file" if not p.exists() else "not a file", where=str(path))
        text = read_utf8(p, "yaml")
    # What yaml.safe_load does — the safe loader composes a node tree and constructs plain data
    # from it — keeping the node tree for the positions.  libyaml's C safe loader when present.
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"invalid YAML: {problem}", where=where) from None
    finally:
        loader.dispose()
    positions: dict[str, tuple[int, int]] = {}
    if node is not None:
        _index(node, "", positions)
    return Located(data, str(path), positions)


def _index(node: yaml.Node, prefix: str, out: dict[str, tuple[int, int]]) -> None:
    """A scalar is located at its value; a mapping entry holding a collection at its key."""
    out.setdefault(prefix, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{prefix}.{key.value}" if prefix else str(key.value)
            mark = value.start_mark if isinstance(value, yaml.ScalarNode) else key.start_mark
            out[name] = (mark.line + 1, mark.column + 1)
            _index(value, name, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, f"{prefix}[{i}]", out)


def error_path(parts: Iterable[object]) -> str:
    """A jsonschema error path as a YAML path: ``subject.born``, ``measures[0]``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
