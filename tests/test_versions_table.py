"""The 新旧对照表 and the AKN passiveModifications of ``regtext diff``: which rows, in which order,
which characters are marked; and on 监察法 2018 → 2024, that every character of every article in
the HTML, Markdown and DOCX (as LibreOffice prints it) is the article's own text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import html5lib
import pytest
from lxml import etree
from markdown_it import MarkdownIt

import regtext
from regtext.export.akn import expression_uri
from regtext.export.formats import export_document
from regtext.model import Node
from regtext.versions import Alignment, Merge, Pair, Split, align
from regtext.versions.akn import with_passive_modifications
from regtext.versions.table import HEADER, LEGEND, Row, Table, comparison_table, paragraphs_of, plain_text
from regtext.versions.table_writers import to_docx, to_html, to_markdown
from tests.conftest import FIXTURES, ROOT
from tests.support.office import PdfWord, docx_to_pdf, pdf_words, require_libreoffice

OLD = """测试条例

第一章 总则

第一条 甲。

第二条 乙原文。

第三条 丙。

第二章 附则

第四条 丁一。丁二。

第五条 戊。

第六条 己。

第七条 庚。

第八条 辛。
"""

NEW = """测试条例

第一章 总则

第一条 甲。

第二条 新增条文。

第三条 乙新文。

第二章 附则

第四条 丁一。

第五条 丁二。

第六条 己。庚。

第七条 辛。
"""


@lru_cache(maxsize=1)
def small() -> Alignment:
    """By hand: every kind of row once (pairs without changes or operations: the table computes
    the characters itself)."""
    old, new = regtext.parse(OLD, id="old"), regtext.parse(NEW, id="new")
    o, n = article_of(old), article_of(new)
    pairs = [Pair(o(1), n(1), "unchanged", False, 1.0, "order", (), ()),
             Pair(o(2), n(3), "modified", False, 0.6, "order", (), ()),
             Pair(o(8), n(7), "unchanged", False, 1.0, "order", (), ())]
    return Alignment(old, new, pairs, [n(2)], [o(3), o(5)], [Split(o(4), (n(4), n(5)), 1.0)],
                     [Merge((o(6), o(7)), n(6), 1.0)])


def article_of(doc: regtext.Document) -> Callable[[int], Node]:
    def article(number: int) -> Node:
        node = doc.article(number)
        assert node is not None
        return node

    return article


def texts(row: Row) -> tuple[str, list[str], list[str], str]:
    return row.kind, [plain_text(p) for p in row.old], [plain_text(p) for p in row.new], row.note


def it_lists_the_changed_rows_in_the_new_order_with_deletions_after_their_predecessor() -> None:
    table = comparison_table(small())
    assert [texts(row) for row in table.rows] == [
        ("division", ["第一章 总则"], [], ""),
        ("article", [], ["第二条 新增条文。"], "增加一条"),
        ("article", ["第二条 乙原文。"], ["第三条 乙新文。"], "（原第二条）"),
        ("article", ["第三条 丙。"], [], "删去第三条"),
        ("division", ["第二章 附则"], [], ""),
        ("article", ["第四条 丁一。丁二。"], ["第四条 丁一。", "第五条 丁二。"], "第四条分为第四条、第五条"),
        ("article", ["第五条 戊。"], [], "删去第五条"),
        ("article", ["第六条 己。", "第七条 庚。"], ["第六条 己。庚。"], "第六条、第七条合并为第六条"),
    ]
    assert table.omitted == 2
    assert table.notes() == [LEGEND, "未作修改的2条未列出。"]
    assert table.title == "《测试条例》修改前后对照表"


def it_marks_deleted_characters_on_the_old_side_and_inserted_ones_on_the_new() -> None:
    row = comparison_table(small()).rows[2]
    assert row.old == ((("", "第二条 乙"), ("del", "原"), ("", "文。")),)
    assert row.new == ((("", "第三条 乙"), ("ins", "新"), ("", "文。")),)


def it_shows_unchanged_articles_as_same_as_left_with_the_new_number_when_renumbered() -> None:
    table = comparison_table(small(), unchanged="same")
    rows = [texts(row) for row in table.rows]
    assert rows[1] == ("same", ["第一条 甲。"], ["同左"], "")
    assert rows[-1] == ("same", ["第八条 辛。"], ["第七条　同左"], "（原第八条）")
    assert table.omitted == 0 and table.notes() == [LEGEND]


def it_keeps_a_moved_article_whose_words_are_unchanged() -> None:
    base = small()
    moved = [replace(pair, moved=True) if pair.old.number == "8" else pair for pair in base.pairs]
    table = comparison_table(replace(base, pairs=moved))
    assert texts(table.rows[-1]) == ("article", ["第八条 辛。"], ["第七条 辛。"], "（原第八条）\n条文位置调整")
    assert table.rows[-1].new == ((("", "第七条 辛。"),),)
    assert table.omitted == 1


def it_shows_both_headings_of_a_renamed_or_renumbered_division() -> None:
    old = regtext.parse("测试条例\n\n第一章 总则\n\n第一条 甲。\n\n第二章 罚则\n\n第二条 乙。\n", id="old")
    new = regtext.parse("测试条例\n\n第一章 总则\n\n第一条 甲。\n\n第二章 监督\n\n第二条 丙。\n\n"
                        "第三章 法律责任\n\n第三条 乙。\n", id="new")
    o, n = article_of(old), article_of(new)
    pairs = [Pair(o(1), n(1), "unchanged", False, 1.0, "order", (), ()),
             Pair(o(2), n(3), "unchanged", True, 1.0, "moved", (), ())]
    table = comparison_table(Alignment(old, new, pairs, [n(2)], [], [], []))
    assert [(row.kind, row.old, row.new, row.note) for row in table.rows if row.kind == "division"] == [
        ("division", ((("", "第二章 监督"),),), (), ""),
        ("division", ((("", "第二章 "), ("del", "罚则")),), ((("", "第三章 "), ("ins", "法律责任")),),
         "（原第二章）\n第三章的章名修改"),
    ]
    page = to_html(table)
    assert ('<tr class="division"><th>第二章 <del>罚则</del></th><th>第三章 <ins>法律责任</ins></th>'
            "<td><p>（原第二章）</p><p>第三章的章名修改</p></td></tr>") in page
    assert "| <b>第二章 <s>罚则</s></b> | <b>第三章 <u>**法律责任**</u></b> | （原第二章）<br>第三章的章名修改 |" in to_markdown(table)
    parse_html(page)


def it_shows_a_division_only_above_a_row_that_is_shown() -> None:
    old, new = regtext.parse(OLD, id="old"), regtext.parse(OLD, id="new")
    pairs = [Pair(a, b, "unchanged", False, 1.0, "order", (), ()) for a, b in zip(old.articles(), new.articles(), strict=True)]
    pairs[4] = Pair(article_of(old)(5), article_of(new)(5), "modified", False, 0.5, "order", (), ())
    table = comparison_table(Alignment(old, new, pairs, [], [], [], []))
    assert [texts(row)[:2] for row in table.rows] == [("division", ["第二章 附则"]), ("article", ["第五条 戊。"])]


def it_refuses_an_unknown_unchanged_mode() -> None:
    with pytest.raises(ValueError, match="unchanged: one of omit, same, not 'hide'"):
        comparison_table(small(), unchanged="hide")


# -- the three writers on the small table ------------------------------------------------------------

def it_writes_marks_as_ins_and_del_in_html() -> None:
    page = to_html(comparison_table(small()))
    assert ("<tr><td><p>第二条 乙<del>原</del>文。</p></td><td><p>第三条 乙<ins>新</ins>文。</p></td>"
            "<td><p>（原第二条）</p></td></tr>") in page
    assert '<tr class="division"><th colspan="2" scope="colgroup">第二章 附则</th><td></td></tr>' in page
    assert "<tr><td></td><td><p>第二条 新增条文。</p></td><td><p>增加一条</p></td></tr>" in page
    parse_html(page)


def it_writes_markdown_with_underlined_bold_and_struck_runs() -> None:
    md = to_markdown(comparison_table(small()))
    assert "| 第二条 乙<s>原</s>文。 | 第三条 乙<u>**新**</u>文。 | （原第二条） |" in md
    assert "| 第四条 丁一。丁二。 | 第四条 丁一。<br>第五条 丁二。 | 第四条分为第四条、第五条 |" in md
    assert "| **第二章 附则** |  |  |" in md
    assert md.startswith("# 《测试条例》修改前后对照表\n\n注：加粗并加下划线部分为新增，删除线部分为删除。\n\n未作修改的2条未列出。\n\n"
                         "| 修改前 | 修改后 | 说明 |\n| --- | --- | --- |\n")


def it_keeps_markdown_marks_and_special_characters_next_to_chinese_punctuation() -> None:
    """``**`` beside Chinese punctuation, and ``|``, ``*``, ``~``, ``&`` in the law's text."""
    old = regtext.parse("测试条例\n\n第一条 应当，甲|乙*丙~丁&amp;戊。\n", id="old")
    new = regtext.parse("测试条例\n\n第一条 应当，增加：甲|乙*丙~丁&amp;戊，\n", id="new")
    pair = Pair(article_of(old)(1), article_of(new)(1), "modified", False, 0.9, "order", (), ())
    table = comparison_table(Alignment(old, new, [pair], [], [], [], []))
    cells = rendered_markdown(to_markdown(table))
    assert [side_of(cells[0][0], "old"), side_of(cells[0][1], "new")] == [
        "第一条 应当，甲|乙*丙~丁&amp;戊。", "第一条 应当，增加：甲|乙*丙~丁&amp;戊，"]
    assert ET.tostring(cells[0][1], encoding="unicode").count("<strong>") == 2   # 增加： and ，


# -- 监察法 2018 → 2024: no character lost ------------------------------------------------------------

@lru_cache(maxsize=1)
def jianchafa() -> Alignment:
    return align(regtext.parse_file(FIXTURES / "versions" / "jianchafa_2018.txt"), regtext.load("jianchafa_2024"))


@lru_cache(maxsize=2)
def jianchafa_table(unchanged: str = "omit") -> Table:
    return comparison_table(jianchafa(), unchanged=unchanged)


def expected_cells(table: Table) -> list[tuple[list[str], list[str]]]:
    """What each article row must say, from the articles themselves (not from the table)."""
    alignment = jianchafa()
    by_label = {("old", a.label): a for a in alignment.old.articles()} | {("new", a.label): a
                                                                         for a in alignment.new.articles()}
    out = []
    for row in table.rows:
        if row.kind == "division":
            continue
        sides = []
        for side, paras in (("old", row.old), ("new", row.new)):
            labels = [plain_text(p).split(" ")[0] for p in paras if plain_text(p).startswith("第")]
            articles = [by_label[(side, label)] for label in labels if (side, label) in by_label]
            sides.append([line for article in articles for line in paragraphs_of(article)])
        out.append((sides[0], sides[1] if row.kind != "same" else ["同左"]))
    return out


def parse_html(page: str) -> ET.Element:
    root: ET.Element = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    return root


def side_of(cell: ET.Element, side: str) -> str:
    """A cell's text in one version: the old side without inserted runs, the new without deleted."""
    drop = {"old": ("ins", "u"), "new": ("del", "s")}[side]
    return (cell.text or "") + "".join(_text(child, drop) for child in cell)


def _text(element: ET.Element, drop: tuple[str, ...]) -> str:
    inside = "" if element.tag in drop else (element.text or "") + "".join(_text(c, drop) for c in element)
    return inside + (element.tail or "")


def html_cells(root: ET.Element) -> list[list[ET.Element]]:
    return [row.findall("td") for row in root.iter("tr") if row.find("td") is not None and row.find("th") is None]


def paragraphs_in(cell: ET.Element, side: str) -> list[str]:
    return [side_of(p, side) for p in cell.findall("p")]


@pytest.mark.parametrize("unchanged", ["omit", "same"])
def it_keeps_every_character_of_every_article_in_the_html(unchanged: str) -> None:
    table = jianchafa_table(unchanged)
    cells = html_cells(parse_html(to_html(table)))
    expected = expected_cells(table)
    assert len(cells) == len(expected) == article_rows(unchanged)
    for (old, new), (old_cell, new_cell, _) in zip(expected, cells, strict=True):
        assert paragraphs_in(old_cell, "old") == old
        if new != ["同左"]:
            assert paragraphs_in(new_cell, "new") == new


def article_rows(unchanged: str) -> int:
    """One row a changed pair, inserted or deleted article, split and merge; one an unchanged pair with 同左."""
    counts = jianchafa().counts()
    shown = ("modified", "inserted", "deleted", "splits", "merges") + (("unchanged",) if unchanged == "same" else ())
    return sum(counts[kind] for kind in shown)


def rendered_markdown(md: str) -> list[list[ET.Element]]:
    rendered = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(md)
    root = parse_html(f"<!DOCTYPE html><html lang=zh><title>t</title>{rendered}")
    rows = []
    for tr in root.iter("tr"):
        cells = tr.findall("td")
        if cells and cells[0].find("strong") is None and cells[0].find("b") is None:
            rows.append(cells)
    return rows


def markdown_paragraphs(cell: ET.Element, side: str) -> list[str]:
    """A Markdown cell's paragraphs (``<br>`` between them) in one version."""
    drop = {"old": ("ins", "u"), "new": ("del", "s")}[side]
    out = [cell.text or ""]
    for child in cell:
        if child.tag == "br":
            out.append(child.tail or "")
        else:
            out[-1] += _text(child, drop)
    return [p for p in out if p]


def it_keeps_every_character_of_every_article_in_the_markdown() -> None:
    table = jianchafa_table()
    cells = rendered_markdown(to_markdown(table))
    expected = expected_cells(table)
    assert len(cells) == len(expected) == article_rows("omit")
    for (old, new), (old_cell, new_cell, _) in zip(expected, cells, strict=True):
        assert markdown_paragraphs(old_cell, "old") == old
        assert markdown_paragraphs(new_cell, "new") == new


def it_gives_the_same_bytes_for_the_same_table() -> None:
    assert to_docx(jianchafa_table()) == to_docx(comparison_table(jianchafa()))


def it_writes_a_landscape_a4_docx_with_a_repeated_header_row() -> None:
    from io import BytesIO
    from zipfile import ZipFile

    xml = ZipFile(BytesIO(to_docx(jianchafa_table()))).read("word/document.xml").decode()
    assert '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' in xml
    assert xml.count("<w:tblHeader/>") == 1
    assert '<w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体" w:cs="黑体"/>' in xml
    assert '<w:b/><w:bCs/><w:u w:val="single"/>' in xml and "<w:strike/>" in xml


@pytest.mark.libreoffice
def it_prints_every_character_of_both_versions_and_the_header_on_every_page(tmp_path: Path) -> None:
    """The PDF LibreOffice makes of the DOCX, read column by column: each page starts with its
    header cell, and the columns hold exactly the rows' texts, in order."""
    require_libreoffice()
    table = jianchafa_table()
    path = tmp_path / "table.docx"
    path.write_bytes(to_docx(table))
    pages = pdf_words(docx_to_pdf(path, tmp_path))
    assert len(pages) >= 2
    headings = {"".join(plain_text(row.old[0]).split()) for row in table.rows if row.kind == "division" and not row.new}
    columns: list[str] = ["", "", ""]
    for page in pages:
        top = min(word.y_min for word in page if word.text == HEADER[0])   # the title and legend above
        page = [word for word in page if word.y_min >= top - 1]
        texts = _page_columns(page, headings)
        for n, (text, header) in enumerate(zip(texts, HEADER, strict=True)):
            assert text.startswith(header)
            columns[n] += text[len(header):]
    rows = table.rows
    expected = ["".join(plain_text(p) for row in rows for p in row.old),
                "".join(plain_text(p) for row in rows for p in row.new),
                "".join(row.note for row in rows)]
    assert columns == ["".join(text.split()) for text in expected]
    assert sum(len(c) for c in columns) > 5000


_LEFT = 2098 / 20                                # points: the landscape page's left margin
_COLUMN_ENDS = (_LEFT + 5102 / 20, _LEFT + 2 * 5102 / 20)
_TEXT_BOTTOM = (11906 - 1474) / 20               # below: the page number


def _page_columns(words: list[PdfWord], headings: set[str]) -> list[str]:
    """The page's three columns top to bottom; a division row, centred across the two text
    columns, is read whole into the first."""
    lines: dict[int, list[PdfWord]] = {}
    for word in words:
        if word.y_min < _TEXT_BOTTOM:
            lines.setdefault(round(word.y_min), []).append(word)
    columns: list[str] = ["", "", ""]
    for _, line in sorted(lines.items()):
        line.sort(key=lambda w: w.x_min)
        if "".join(w.text for w in line) in headings:
            columns[0] += "".join(w.text for w in line)
            continue
        for word in line:
            columns[0 if word.x_min < _COLUMN_ENDS[0] else 1 if word.x_min < _COLUMN_ENDS[1] else 2] += word.text
    return columns


# -- AKN --------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def akn_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ROOT / "schemas" / "akn" / "akomantoso30.xsd")))


def modifications(alignment: Alignment) -> etree._Element:
    akn = export_document(alignment.new, "akn")
    assert isinstance(akn, bytes)
    root = etree.fromstring(with_passive_modifications(alignment, akn, expression_uri(alignment.old, "cn")))
    akn_schema().assertValid(root)
    return root


NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def it_records_every_kind_of_change_as_a_valid_textual_mod() -> None:
    root = modifications(small())
    old = "/akn/cn/act/0001-01-01/old/zho@0001-01-01/~"
    mods = [(m.get("type"), [d.get("href") for d in m.findall("a:destination", NS)],
             [o.get("href").removeprefix(old) for o in m.findall("a:old", NS)])
            for m in root.iterfind(".//a:passiveModifications/a:textualMod", NS)]
    assert mods == [
        ("insertion", ["#art_2"], []),
        ("renumbering", ["#art_3"], ["art_2"]),
        ("split", ["#art_4", "#art_5"], ["art_4"]),
        ("join", ["#art_6"], ["art_6", "art_7"]),
        ("renumbering", ["#art_7"], ["art_8"]),
        ("repeal", [old + "art_3"], ["art_3"]),
        ("repeal", [old + "art_5"], ["art_5"]),
    ]


def it_records_the_jianchafa_amendment_with_its_decision_as_the_source() -> None:
    root = modifications(jianchafa())
    mods = root.findall(".//a:passiveModifications/a:textualMod", NS)
    kinds = [m.get("type") for m in mods]
    assert kinds.count("renumbering") == jianchafa().counts()["renumbered"] == 49
    assert {m.find("a:source", NS).get("href") for m in mods} == {"#evt_2"}
    event = root.find(".//a:lifecycle/a:eventRef[@eId='evt_2']", NS)
    assert event is not None and event.get("type") == "amendment" and event.get("date") == "2024-12-25"
    art56 = [m for m in mods if m.get("type") == "renumbering" and m.find("a:destination", NS).get("href") == "#art_56"]
    assert [m.find("a:old", NS).get("href") for m in art56] == [
        "/akn/cn/act/2018-03-20/jianchafa_2018/zho@2018-03-20/~art_49"]


# -- regtext diff --to html|md|docx|akn ---------------------------------------------------------------

def it_writes_each_table_format_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from regtext.cli import main

    old = str(FIXTURES / "versions" / "jianchafa_2018.txt")
    for name in ("t.html", "t.md", "t.docx", "t.xml", "again.docx"):
        assert main(["diff", old, "jianchafa_2024", "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "t.html").read_text(encoding="utf-8") == to_html(jianchafa_table())
    assert (tmp_path / "t.md").read_text(encoding="utf-8") == to_markdown(jianchafa_table())
    assert (tmp_path / "t.docx").read_bytes() == (tmp_path / "again.docx").read_bytes() == to_docx(jianchafa_table())
    root = etree.parse(str(tmp_path / "t.xml")).getroot()
    akn_schema().assertValid(root)
    assert len(root.findall(".//a:passiveModifications/a:textualMod", NS)) > 49
    assert main(["diff", old, "jianchafa_2024", "--to", "md", "--unchanged", "same"]) == 0
    out = capsys.readouterr().out
    assert out == to_markdown(jianchafa_table("same")) and "| 第五十六条　同左 | （原第四十九条） |" in out
