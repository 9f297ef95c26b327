"""Every bundled document parses to the tree its hand-checked truth file describes."""

from __future__ import annotations

from typing import Any

import pytest

import regtext
from tests.conftest import CORPUS_IDS, truth

KINDS = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节", "division": "附则(无编号)"}


def articles_summary(doc: regtext.Document) -> list[dict[str, Any]]:
    out = []
    for article in doc.articles():
        paragraphs = [c for c in article.children if c.type == "paragraph"]
        items = [sum(1 for c in p.children if c.type == "item") for p in paragraphs]
        out.append({
            "key": str(article.number), "label": article.label, "paragraphs": len(paragraphs),
            "items": sum(items), "items_per_paragraph": items,
            "subitems": sum(1 for n in article.walk() if n.type == "subitem"),
        })
    return out


def divisions(nodes) -> list[dict[str, Any]]:
    out = []
    for node in nodes:
        if node.type not in KINDS:
            continue
        arts = [n for n in node.walk() if n.type == "article"]
        entry = {"kind": KINDS[node.type], "heading": node.label + node.sep + node.text,
                 "first_article": str(arts[0].number), "last_article": str(arts[-1].number),
                 "article_count": len(arts)}
        if children := divisions(node.children):
            entry["children"] = children
        out.append(entry)
    return out


def truth_divisions(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = ("kind", "heading", "first_article", "last_article", "article_count")
    out = []
    for node in nodes:
        entry = {k: node[k] for k in keys}
        if node.get("children"):
            entry["children"] = truth_divisions(node["children"])
        out.append(entry)
    return out


def truth_history(lines: list[str]) -> list[str]:
    # Two truth files keep the closing bracket of the history block on its last line
    # (…修订）): it encloses the block, it is not part of the event.
    return [line[:-1] if line.endswith("）") and line.count("）") > line.count("（") else line for line in lines]


@pytest.fixture(scope="module", params=CORPUS_IDS)
def case(request):
    return regtext.load(request.param), truth(request.param)


def it_finds_every_article_in_order(case) -> None:
    doc, t = case
    assert [str(a.number) for a in doc.articles()] == t["article_keys"]


def it_counts_paragraphs_items_and_subitems_of_every_article(case) -> None:
    doc, t = case
    keys = ("key", "label", "paragraphs", "items", "items_per_paragraph", "subitems")
    assert articles_summary(doc) == [{k: a[k] for k in keys} for a in t["articles"]]


def it_nests_divisions_with_their_article_ranges(case) -> None:
    doc, t = case
    assert divisions(doc.children) == truth_divisions(t["structure"])


def it_reads_title_and_history(case) -> None:
    doc, t = case
    assert doc.meta.title == t["title"]
    assert doc.meta.subtitle == t.get("subtitle")
    assert [e.text for e in doc.meta.history] == truth_history(t["history"])


def it_keeps_preambles_and_attachments(case) -> None:
    doc, t = case
    preambles = [n for n in doc.children if n.type == "preamble"]
    assert [len(p.children) for p in preambles] == ([t["preamble_paragraphs"]] if t.get("preamble_paragraphs") else [])
    attachments = [{"heading": n.heading, "paragraphs": len(n.children)} for n in doc.children if n.type == "attachment"]
    assert attachments == t.get("attachments", [])
