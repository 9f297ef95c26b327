from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

import regtext

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PRIMARY = "ningxia_anquan_zhuijiu_2023"
CORPUS_IDS = sorted(p.name[: -len(".meta.yaml")] for p in (ROOT / "corpus").glob("*.meta.yaml"))


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to test a regtext other than this checkout's: an older `pip install .` left in the
    environment would otherwise be imported and tested in its place, and every test could pass."""
    installed = Path(regtext.__file__).resolve().parent
    source = ROOT / "src" / "regtext"
    if installed == source:
        return
    stale = sorted(str(f.relative_to(source)) for f in source.rglob("*.py")
                   if not (installed / f.relative_to(source)).is_file()
                   or (installed / f.relative_to(source)).read_bytes() != f.read_bytes())
    if stale:
        pytest.exit(f"the regtext imported from {installed} is not this checkout's (differs in "
                    f"{', '.join(stale[:3])}{' …' if len(stale) > 3 else ''}): run pip install -e . "
                    "(or pip install '.[test]') first", returncode=2)


@lru_cache(maxsize=None)
def truth(doc_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "truth" / f"{doc_id}.truth.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=None)
def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def primary() -> regtext.Document:
    return regtext.load(PRIMARY)


def node_at(doc: regtext.Document, eid: str) -> regtext.Node:
    """The node of ``eid``, which the test knows is there."""
    found = doc.get(eid)
    assert found is not None, eid
    return found


def dump(nodes, depth: int = 0) -> list[str]:
    """A compact, reviewable listing of a tree: one node a line, eId, type, label, heading."""
    out = []
    for node in nodes:
        heading = f" [{node.heading}]" if node.heading and node.type in ("item", "subitem") else ""
        label = f" {node.label}" if node.label else ""
        out.append(f"{'  ' * depth}{node.eid} {node.type}{label}{heading}")
        out.extend(dump(node.children, depth + 1))
    return out


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the reference detection scores measured by tests/test_refs.py."""
    from tests.scores import score_table

    for row in score_table():
        terminalreporter.write_line(row)
