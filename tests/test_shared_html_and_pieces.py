"""The two shared pieces of the outputs: a node's text split around its references
(``regtext.refs.pieces``), which the HTML, Markdown and AKN exports and the study material all
read, and the HTML page shell (``regtext.htmlpage``) of the exported regulation, the rendered
decision and the study site.  Each test pins what a caller must show, so a caller that went back
to a split or a shell of its own would fail here on the inputs where they used to differ."""

from __future__ import annotations

from dataclasses import replace

import pytest

import regtext
from regtext.export.akn import to_akn
from regtext.export.html import CSS, to_html
from regtext.export.markdown import to_markdown
from regtext.htmlpage import page_shell
from regtext.model import Document
from regtext.publish.document import Paragraph
from regtext.publish.document import to_html as decision_html
from regtext.refs.citedby import cited_by
from regtext.refs.pieces import NodeReferences, text_start
from regtext.study import study_of
from regtext.study.site import index_page, quiz_page
from tests.conftest import PRIMARY

HEAD = ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n')


# -- text with its references ------------------------------------------------------------------

def pieces(doc: Document, eid: str, skip: int = 0) -> list[tuple[str, str | None]]:
    refs = NodeReferences(doc.references)
    return [(p.text, p.ref.text if p.ref else None) for p in refs.pieces(doc.by_eid[eid], skip)]


def it_splits_a_provision_of_the_primary_regulation_around_its_four_references() -> None:
    doc = regtext.load(PRIMARY)
    split = pieces(doc, "art_1__para_1")
    assert [text for text, ref in split if ref] == ["《中国共产党纪律处分条例》", "《中国共产党问责条例》",
                                                   "《中华人民共和国监察法》", "《中华人民共和国公职人员政务处分法》"]
    assert split[2:9:2] == [("、", None)] * 3 + [("等党内法规和国家法律，结合宁夏实际，制定本办法。", None)]
    assert "".join(text for text, _ in split) == doc.by_eid["art_1__para_1"].text


def it_leaves_the_start_of_the_text_to_the_caller() -> None:
    """An item's heading (问题移交) is set apart by the HTML page: the pieces begin after it."""
    doc = regtext.load(PRIMARY)
    assert pieces(doc, "art_7__para_1__point_1", skip=len("问题移交")) == [
        ("。对党中央、国务院及中央有关部委督察，自治区党委和政府暗访督查、“四防”督查等各级各类督查发现的，"
         "以及群众举报的安全生产问题，符合", None),
        ("本办法第四条", "本办法第四条"),
        ("情形，需要开展责任追究的，由相关部门按照有关规定及时将问题线索移交纪检监察机关办理。", None),
    ]


def it_gives_the_text_of_a_node_without_references_as_one_piece() -> None:
    doc = regtext.load(PRIMARY)
    node = doc.by_eid["art_2__para_1"]
    assert not NodeReferences(doc.references).of(node)
    assert pieces(doc, "art_2__para_1") == [(node.text, None)]


def it_counts_reference_offsets_from_after_the_label() -> None:
    doc = regtext.load(PRIMARY)
    node = doc.by_eid["art_7__para_1__point_1"]
    ref = NodeReferences(doc.references).of(node)[0]
    assert doc.text[text_start(node):].startswith(node.text)
    assert node.text[ref.start - text_start(node):ref.end - text_start(node)] == "本办法第四条"


@pytest.fixture
def overlapping() -> Document:
    """见规定第五条刑法第六条: a reference over 规定第五条刑法 (pointing at 第五条), listed after the
    two the grammar found inside it.  Taken in the order of the text, it comes first and the two
    inside it stay text; in the order of the list it would be the one left out."""
    doc = regtext.parse("第一条 见规定第五条刑法第六条。\n\n第五条 甲。\n\n第六条 乙。", id="overlap")
    first = doc.references[0]
    assert first.text == "第五条" and first.source.eid == "art_1__para_1"
    start = text_start(first.source) + 1
    wide = replace(first, start=start, end=start + 7, text="规定第五条刑法",
                   targets=[replace(t, start=start, end=start + 7) for t in first.targets])
    doc.references = [*doc.references, wide]
    return doc


def it_takes_a_nodes_references_in_the_order_of_the_text(overlapping: Document) -> None:
    assert pieces(overlapping, "art_1__para_1") == [("见", None), ("规定第五条刑法", "规定第五条刑法"), ("第六条。", None)]


def it_marks_the_same_references_up_in_every_export(overlapping: Document) -> None:
    assert "\n\n见[规定第五条刑法](#art_5)第六条。\n\n" in to_markdown(overlapping)
    assert '<p>见<ref href="#art_5">规定第五条刑法</ref>第六条。</p>' in to_akn(overlapping).decode()
    page = to_html(overlapping, cited_by(overlapping, regtext.default_corpus()))
    assert '>见<a class="ref" href="#art_5" title="第五条">规定第五条刑法</a>第六条。</p>' in page


def it_lists_an_articles_references_for_study_in_the_order_of_the_text(overlapping: Document) -> None:
    """All of them (a list of what the article cites leaves none out), by where they begin."""
    view = study_of(overlapping).articles[0]
    assert [(link.text, link.eid) for link in view.cites] == [
        ("第五条", "art_5"), ("第五条", "art_5"), ("《中华人民共和国刑法》", None)]


# -- the page shell ----------------------------------------------------------------------------

def it_writes_the_one_page_shell() -> None:
    assert page_shell("《条例》<第一条>", "p { margin: 0; }", "<p>正文</p>\n", meta={"generator": "regtext"}) == (
        HEAD + '<meta name="generator" content="regtext">\n<title>《条例》&lt;第一条&gt;</title>\n'
        "<style>p { margin: 0; }</style>\n</head>\n<body>\n<p>正文</p>\n</body>\n</html>\n")


def it_gives_the_exported_regulation_the_shell_with_a_skip_link() -> None:
    doc = regtext.load(PRIMARY)
    page = to_html(doc, cited_by(doc, regtext.default_corpus()))
    assert page.startswith(HEAD + '<meta name="generator" content="regtext">\n<title>安全生产责任追究办法（试行）</title>\n'
                           f"<style>{CSS}</style>\n</head>\n<body>\n"
                           '<a class="skip" href="#main">跳到正文</a>\n<div class="page with-toc">\n<header id="top">')
    assert page.endswith("</footer>\n</div>\n</body>\n</html>\n")


def it_gives_the_rendered_decision_the_shell() -> None:
    page = decision_html([Paragraph("title", "处理决定"), Paragraph("body", "正文。")], "处理决定")
    assert page.startswith(HEAD + "<title>处理决定</title>\n<style>\nbody {")
    assert page.endswith("</style>\n</head>\n<body>\n<h1>处理决定</h1>\n<p>正文。</p>\n</body>\n</html>\n")


def it_gives_the_study_pages_the_shell() -> None:
    study = study_of(regtext.load(PRIMARY))
    title = study.annotations.title
    for page, name in ((index_page(study, set()), title), (quiz_page(study), f"{title}：自测题")):
        assert page.startswith(HEAD + f"<title>{name}</title>\n<style>\n:root {{ --ink:")
        assert "</style>\n</head>\n<body>\n<header>" in page
        assert page.endswith("</main>\n</body>\n</html>\n")
