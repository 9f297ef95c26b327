"""References across a corpus store (issue 17, item 4), on the small collection in
tests/fixtures/xrefs: 示例法 in two versions (2018; 2024, where a new 第三条 pushes the others down),
a 2020 办法 and a 2025 规定 citing it by the same words, and a 2016 规定 older than any stored version."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from regtext.cite.registry import Registry
from regtext.cli import main
from regtext.model import Document
from regtext.parser.pipeline import parse_text
from regtext.refs.citedby import citing_lines
from regtext.refs.national import reference_lines, store_report, stored_rows
from regtext.refs.versions import Dated, Versions, citing_day
from regtext.store import open_store
from regtext.store.importer import import_corpus
from tests.conftest import FIXTURES

COLLECTION = FIXTURES / "xrefs"
LAW_2018 = "法律/示例法(2018-03-20)"
LAW_2024 = "法律/示例法(2024-12-25)"
RULES_2020 = "规章/示例法实施办法(2020-05-01)"
RULES_2025 = "规章/示例工作规定(2025-07-01)"
OLD_2016 = "规章/示例旧规定(2016-01-01)"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection imported once (one process): the import resolves every reference across it."""
    path = tmp_path_factory.mktemp("xrefs") / "store.sqlite3"
    import_corpus(COLLECTION, path, workers=1)
    return path


def name(path: str) -> str:
    return Path(path).name


def lines_of(store: Path, doc_id: str) -> list[str]:
    return reference_lines(stored_rows(open_store(str(store)).conn, doc_id), show=name)


def it_reads_each_citing_text_against_the_version_in_force_on_its_day(store: Path) -> None:
    assert lines_of(store, RULES_2020) == [
        "示例法实施办法(2020-05-01).md:7:7: art_1__para_1: 《中华人民共和国示例法》第四条第二款 [external] "
        f"-> {LAW_2018}:art_4__para_2",
        f"示例法实施办法(2020-05-01).md:9:11: art_2__para_1: 示例法第三条 [external] -> {LAW_2018}:art_3",
        "示例法实施办法(2020-05-01).md:11:7: art_3__para_1: 本办法第一条 [internal] -> art_1",
        "示例法实施办法(2020-05-01).md:11:19: art_3__para_1: 《中华人民共和国示例法》第九条 [external] "
        "-> unresolved: 《中华人民共和国示例法》 has no 第九条",
    ]
    assert lines_of(store, RULES_2025) == [
        "示例工作规定(2025-07-01).md:7:7: art_1__para_1: 《中华人民共和国示例法》第五条第二款 [external] "
        f"-> {LAW_2024}:art_5__para_2",
        "示例工作规定(2025-07-01).md:7:26: art_1__para_1: 《不存在的条例》第一条 [external] "
        "-> 《不存在的条例》第一条 (not in the corpus)",
        f"示例工作规定(2025-07-01).md:9:11: art_2__para_1: 示例法第四条 [external] -> {LAW_2024}:art_4",
    ]


def it_says_when_no_stored_version_was_in_force_on_the_citing_day(store: Path) -> None:
    """Through the 简称 the text declares, too (（以下简称示例法）: the law's versions, not one text)."""
    why = f"(no stored version of 《中华人民共和国示例法》 was in force on 2016-01-01: read against {LAW_2018})"
    assert lines_of(store, OLD_2016) == [
        f"示例旧规定(2016-01-01).md:7:10: art_1__para_1: 《中华人民共和国示例法》 [external] -> {LAW_2018} "
        f"(the whole document) {why}",
        f"示例旧规定(2016-01-01).md:7:45: art_1__para_1: 示例法第二条 [external] -> {LAW_2018}:art_2 {why}",
    ]


def it_lists_who_cites_a_document_across_the_store(store: Path) -> None:
    lines, texts = citing_lines(LAW_2018, store, show=name)
    assert texts == 2
    assert [line.split(": ", 2)[1] for line in lines] == ["art_1__para_1"] * 3 + ["art_2__para_1"]
    assert [line.split(":", 1)[0] for line in lines] == ["示例旧规定(2016-01-01).md"] * 2 + ["示例法实施办法(2020-05-01).md"] * 2


def it_lists_who_cites_a_provision_the_document_itself_included(store: Path) -> None:
    lines, texts = citing_lines(f"{LAW_2024}#art_5", store, show=name)
    assert (lines, texts) == ([
        "示例法(2024-12-25).md:20:3: art_5__para_2: 前款 [relative] -> art_5__para_1",
        "示例工作规定(2025-07-01).md:7:7: art_1__para_1: 《中华人民共和国示例法》第五条第二款 [external] "
        f"-> {LAW_2024}:art_5__para_2",
    ], 2)
    assert citing_lines(f"{LAW_2018}#art_5", store) == ([], 0)


def it_reports_the_resolution_rate_of_the_store(store: Path) -> None:
    assert store_report(store).lines() == [
        "texts: 5",
        "external references: 8, resolved: 6 (75.0 %)",
        "title in the store: 7 (87.5 %)",
        "provision cited, title in the store: 6, provision exists: 5 (83.3 %)",
        "of those, the store lacks the version in force on the citing day or the part cited: 1",
        "provision exists where the store holds the text cited: 4 of 5 (80.0 %)",
        "top titles not in the store:",
        "       1  《不存在的条例》",
        "top titles in the store whose cited provision was not found (in the version in force):",
        "       1  《中华人民共和国示例法》",
    ]


def it_answers_cited_by_and_the_report_on_the_command_line(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["refs", "--cited-by", f"{LAW_2024}#art_4", "--store", str(store)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(f"示例工作规定(2025-07-01).md:9:11: art_2__para_1: 示例法第四条 [external] -> {LAW_2024}:art_4")
    assert out[1] == f"1 reference in 1 text cites {LAW_2024}#art_4"
    assert main(["refs", "--report", "--store", str(store)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "external references: 8, resolved: 6 (75.0 %)"


def it_lists_a_stored_texts_references_from_the_store(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["refs", RULES_2020, "--store", str(store), "--unresolved"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "1 reference"
    assert out[0].endswith(":11:19: art_3__para_1: 《中华人民共和国示例法》第九条 [external] "
                           "-> unresolved: 《中华人民共和国示例法》 has no 第九条")


@pytest.mark.parametrize(("target", "message"), [
    (f"{LAW_2024}#art_60", f"{LAW_2024} has no provision 'art_60'"),
    ("法律/示例法", "unknown id '法律/示例法'"),
])
def it_refuses_cited_by_of_what_the_store_does_not_hold(store: Path, capsys: pytest.CaptureFixture[str],
                                                         target: str, message: str) -> None:
    assert main(["refs", "--cited-by", target, "--store", str(store)]) == 2
    assert message in capsys.readouterr().err


def it_lists_who_cites_a_provision_across_the_bundled_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    lines, texts = citing_lines("jianchafa_2024#art_15", None, show=name)
    assert texts == 2
    assert lines == [
        "jianchafa_2024.txt:85:24: art_16__para_1: 本法第十五条 [internal] -> art_15",
        "zhengwu_chufenfa_2020.txt:14:12: art_2__para_3: 《中华人民共和国监察法》第十五条 [external] -> jianchafa_2024:art_15",
        "zhengwu_chufenfa_2020.txt:126:7: art_23__para_1: 《中华人民共和国监察法》第十五条第六项 [external] "
        "-> jianchafa_2024:art_15__para_1__point_6",
        "zhengwu_chufenfa_2020.txt:128:1: art_23__para_2: 《中华人民共和国监察法》第十五条第二项 [external] "
        "-> jianchafa_2024:art_15__para_1__point_2",
    ]


# -- the choice of version, and laws stored in parts ------------------------------------------

def it_chooses_the_version_in_force_on_a_day() -> None:
    versions = Versions([Dated("b", date(2024, 12, 25)), Dated("a", date(2018, 3, 20))])
    assert versions.at(date(2018, 3, 20)).ids == ("a",)
    assert versions.at(date(2024, 12, 24)).ids == ("a",)
    assert versions.at(date(2024, 12, 25)).ids == ("b",)
    early = versions.at(date(2017, 1, 1))
    assert (early.ids, early.in_force) == (("a",), False)
    assert citing_day(Dated("x", None), today=date(2026, 1, 2)) == date(2026, 1, 2)
    assert citing_day(Dated("x", date(2020, 5, 1)), today=date(2026, 1, 2)) == date(2020, 5, 1)


LAW = "中华人民共和国示例法典\n\n"
PART_ONE = LAW + "第一条 第一部分。\n第二条 第一部分。\n"
PART_THREE = LAW + "第五条 第三部分。\n第六条 第三部分。\n"
CITING = "示例规定\n\n第一条 依照示例法典第五条和示例法典第三条。\n第二条 依照对外示例法第一条。\n"


def _parts_registry() -> tuple[Registry, dict[str, Document]]:
    docs = {"one": parse_text(PART_ONE, id="one"), "three": parse_text(PART_THREE, id="three"),
            "trade": parse_text("对外示例法\n\n第一条 示例。\n", id="trade")}
    registry = Registry()
    parts = Versions([Dated("one", date(2020, 5, 28), part="总则"), Dated("three", date(2020, 5, 28), part="第三编")])
    registry.add("中华人民共和国示例法典", None, (), parts)
    registry.add("对外示例法", "trade")
    return registry, docs


def it_finds_a_cited_article_in_the_part_of_a_law_that_holds_it() -> None:
    registry, docs = _parts_registry()
    doc = parse_text(CITING, registry=registry, load=docs.__getitem__)
    found, gap = doc.references[0].targets[0], doc.references[1].targets[0]
    assert (found.doc, [n.eid for n in found.nodes], found.held) == ("three", ["art_5"], True)
    # 第三条 falls between the stored parts (第一条–第二条, 第五条–第六条): its part is not stored
    assert (gap.nodes, gap.held) == ([], False)


def it_takes_back_a_lead_word_that_belongs_to_the_name() -> None:
    """依照对外示例法第一条: the grammar drops 对 (a word that usually precedes a name); the
    registry knows the longer name, so the reference names 对外示例法."""
    registry, docs = _parts_registry()
    doc = parse_text(CITING, registry=registry, load=docs.__getitem__)
    ref = doc.references[2]
    assert (ref.text, ref.document, ref.targets[0].doc) == ("对外示例法第一条", "对外示例法", "trade")


ELLIPTIC = ("示例条例\n\n第一条 示例机关应当：\n（一）登记；\n（二）公示；\n（三）报告。\n"
            "第二条 违反本条例第一条第（一）项至第（二）项规定的，给予警告；违反第（三）项规定的，处以罚款。\n"
            "第三条 有下列情形之一的，不予登记：\n（一）材料不全；\n（二）逾期申请。\n"
            "前款规定的第一项情形，应当一次告知。\n")


def it_reads_a_missing_bare_item_against_the_paragraph_cited_just_before() -> None:
    """违反第（三）项 after 本条例第一条第（一）项至第（二）项, 前款规定的第一项: the citing paragraph has
    no such item; the paragraph cited just before has."""
    doc = parse_text(ELLIPTIC)
    found = {r.text: (r.kind, [n.eid for t in r.targets for n in t.nodes]) for r in doc.references}
    assert found["第（三）项"] == ("relative-elliptic", ["art_1__para_1__point_3"])
    assert found["第一项"] == ("relative-elliptic", ["art_3__para_1__point_1"])
    assert not [d for d in doc.diagnostics if d.code == "R301"]


def it_keeps_resolving_the_others_when_one_text_fails(store: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug met in one text is reported for it (regtext refs --report), never a stopped import."""
    import shutil

    from regtext.refs import storepass

    copy = tmp_path / "store.sqlite3"
    shutil.copyfile(store, copy)
    from regtext.parser.pipeline import add_references as real

    def failing(doc: Document, *args: Any) -> Document:
        if doc.id == RULES_2020:
            raise RuntimeError("boom")
        return real(doc, *args)

    monkeypatch.setattr(storepass, "add_references", failing)
    assert storepass.resolve_store(copy, workers=1) == 5
    lines = store_report(copy).lines()
    assert f"references not resolved (internal error, please report it): {RULES_2020}: internal error (RuntimeError: boom)" in lines
    assert lines[1] == "external references: 5, resolved: 4 (80.0 %)"
