"""Akoma Ntoso: schema-valid for every corpus document, deterministic, links resolved, and read
back into the same tree; hostile or foreign XML refused in one line."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

import regtext
from regtext.cli import main
from regtext.export.formats import export_document
from tests.conftest import CORPUS_IDS, PRIMARY, ROOT

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ROOT / "schemas" / "akn" / "akomantoso30.xsd")))


def akn(doc_id: str) -> bytes:
    return export_document(regtext.load(doc_id), "akn")  # type: ignore[return-value]


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_validates_against_the_oasis_schema(doc_id: str) -> None:
    schema().assertValid(etree.fromstring(akn(doc_id)))


def it_gives_the_same_bytes_for_the_same_input() -> None:
    assert akn(PRIMARY) == akn(PRIMARY)


def it_identifies_the_work_from_the_texts_own_history() -> None:
    root = etree.fromstring(akn(PRIMARY))
    work = root.find(".//a:FRBRWork", NS)
    assert work.find("a:FRBRuri", NS).get("value") == f"/akn/cn-nx/act/2023-07-27/{PRIMARY}"
    assert work.find("a:FRBRdate", NS).get("date") == "2023-07-27"
    expression = root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")
    assert expression == f"/akn/cn-nx/act/2023-07-27/{PRIMARY}/zho@2023-08-01"


def it_keeps_the_tree_eids_and_links_every_resolved_reference() -> None:
    root = etree.fromstring(akn(PRIMARY))
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert "art_4__para_1__point_3" in eids and "art_6__para_2" in eids
    ref = root.find(".//a:point[@eId='art_7__para_1__point_1']//a:ref", NS)
    assert (ref.text, ref.get("href")) == ("本办法第四条", "#art_4")
    law = root.find(".//a:paragraph[@eId='art_1__para_1']//a:ref", NS)
    assert law.get("href") == "/akn/cn/act/2018-03-20/jianchafa_2024/zho@2024-12-25"
    unresolved = root.findall(".//a:span[@class='ref unresolved']", NS)
    assert [s.text for s in unresolved][:2] == ["《中国共产党纪律处分条例》", "《中国共产党问责条例》"]


def it_links_into_other_documents_down_to_the_item() -> None:
    root = etree.fromstring(akn("zhengwu_chufenfa_2020"))
    refs = {r.text: r.get("href") for r in root.iterfind(".//a:ref", NS)}
    assert refs["《中华人民共和国监察法》第十五条第六项"] == \
        "/akn/cn/act/2018-03-20/jianchafa_2024/zho@2024-12-25/~art_15__para_1__point_6"
    mref = root.find(".//a:paragraph[@eId='art_28__para_2']//a:mref", NS)
    assert [r.get("href") for r in mref.iterfind("a:ref", NS)] == [
        f"#art_28__para_1__point_{n}" for n in (2, 4, 5, 6)]


def it_marks_a_range_as_rref() -> None:
    root = etree.fromstring(akn("sfjs_weihai_anquanshengchan_2015"))
    assert root.find(".//a:rref", NS) is None  # 刑法 is not in the corpus: kept as text
    doc = regtext.parse_file(str(ROOT / "tests" / "fixtures" / "refs" / "forms.txt"))
    rrefs = {r.text: (r.get("from"), r.get("upTo"))
             for r in etree.fromstring(export_document(doc, "akn")).iterfind(".//a:rref", NS)}
    assert rrefs["本条第一款第（一）项至第（三）项"] == ("#art_3__para_1__point_1", "#art_3__para_1__point_3")
    assert rrefs["前两款"] == ("#art_3__para_1", "#art_3__para_2")


def signature(nodes) -> list:
    return [(n.type, n.eid, n.number, n.label, n.heading, " ".join(n.text.split()), signature(n.children))
            for n in nodes]


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_reads_its_own_akn_back_into_the_same_tree(doc_id: str, tmp_path: Path) -> None:
    original = regtext.load(doc_id)
    path = tmp_path / f"{doc_id}.xml"
    path.write_bytes(akn(doc_id))
    again = regtext.parse_file(str(path))
    assert again.id == doc_id
    assert signature(again.children) == signature(original.children)
    assert (again.meta.title, again.meta.subtitle) == (original.meta.title, original.meta.subtitle)
    assert [e.text for e in again.meta.history] == [e.text for e in original.meta.history]
    assert [r.text for r in again.references] == [r.text for r in original.references]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>&lol2;</body></act></akomaNtoso>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><akomaNtoso>&e;</akomaNtoso>"""


@pytest.mark.parametrize(("data", "message"), [
    (b"<akomaNtoso><act>", "malformed XML"),
    (BILLION_LAUGHS, "document type declaration is refused"),
    (EXTERNAL_ENTITY, "document type declaration is refused"),
    (b"<?xml version='1.0'?><html><body/></html>", "not an Akoma Ntoso act (root element 'html')"),
], ids=["malformed", "entity-expansion", "external-entity", "not-akn"])
def it_refuses_bad_xml_in_one_line_with_exit_2(capsys, tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "act.xml"
    path.write_bytes(data)
    code = main(["parse", str(path)])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert len(captured.err.splitlines()) == 1 and message in captured.err
    assert "passwd" not in captured.err and "root:" not in captured.err
