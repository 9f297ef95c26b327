from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

import regtext

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PRIMARY = "ningxia_anquan_zhuijiu_2023"
CORPUS_IDS = sorted(p.name[: -len(".meta.yaml")] for p in (ROOT / "corpus").glob("*.meta.yaml"))


@lru_cache(maxsize=None)
def truth(doc_id: str) -> dict:
    return json.loads((FIXTURES / "truth" / f"{doc_id}.truth.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def primary() -> regtext.Document:
    return regtext.load(PRIMARY)


def dump(nodes, depth: int = 0) -> list[str]:
    """A compact, reviewable listing of a tree: one node a line, eId, type, label, heading."""
    out = []
    for node in nodes:
        heading = f" [{node.heading}]" if node.heading and node.type in ("item", "subitem") else ""
        label = f" {node.label}" if node.label else ""
        out.append(f"{'  ' * depth}{node.eid} {node.type}{label}{heading}")
        out.extend(dump(node.children, depth + 1))
    return out


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Print the reference detection scores measured by tests/test_refs.py."""
    from tests.scores import score_table

    for row in score_table():
        terminalreporter.write_line(row)
