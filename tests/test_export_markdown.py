"""Markdown: headings and paragraphs a reader recognises, references as links, and markdown-it-py
reading it back recovers the same article/paragraph/item structure for every corpus document."""

from __future__ import annotations

from typing import Any

import pytest

import regtext
from regtext.export.markdown import escape, to_markdown
from regtext.ingest.markdown import markdown_to_text
from regtext.parser.pipeline import parse_structure
from tests.conftest import CORPUS_IDS, PRIMARY


def structure(nodes) -> list[Any]:
    return [(n.type, n.eid, n.number, n.label, n.heading, " ".join(n.text.split()), structure(n.children))
            for n in nodes if n.type not in ("title", "history")]


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_round_trips_the_structure_through_markdown_it(doc_id: str) -> None:
    original = regtext.load(doc_id)
    again = parse_structure(markdown_to_text(to_markdown(original)), id=doc_id)
    assert structure(again.children) == structure(original.children)
    assert (again.meta.title, again.meta.subtitle) == (original.meta.title, original.meta.subtitle)


def it_writes_headings_paragraphs_and_links() -> None:
    md = to_markdown(regtext.load(PRIMARY))
    blocks = md.split("\n\n")
    assert blocks[0] == "# 安全生产责任追究办法（试行）"
    assert '## <a id="art_4"></a>第四条' in blocks
    assert "（三）监管落实不力的，对安全生产工作表态调门高" in md
    assert "符合[本办法第四条](#art_4)情形" in md
    assert "[《中华人民共和国监察法》](jianchafa_2024.md)" in md


@pytest.mark.parametrize(("text", "escaped"), [("麦角酸*", "麦角酸\\*"), ("1. 具有", "1\\. 具有"), ("# 标题", "\\# 标题"),
                                              ("a_b[c]", "a\\_b\\[c\\]")])
def it_escapes_what_markdown_would_swallow(text: str, escaped: str) -> None:
    assert escape(text) == escaped
    assert markdown_to_text(escaped).strip() == text
