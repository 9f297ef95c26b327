"""The corpus store and ``regtext corpus import``, on the small LawRefBook-layout collection in
tests/fixtures/lawrefbook (real texts and real rows of the collection's db.sqlite3, plus one
crafted undecodable file)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import regtext
from regtext.cli import main
from regtext.codes import REGISTRY
from regtext.errors import InputError
from regtext.export.json import dumps
from regtext.parser import pipeline
from regtext.store import Store, importer, packing
from regtext.store.importer import import_corpus
from regtext.store.lawrefbook import markdown_to_plain
from tests.conftest import FIXTURES

COLLECTION = FIXTURES / "lawrefbook"
V2019 = "行政法规/进出口商品检验法实施条例(2019-03-02)"
V2022 = "行政法规/进出口商品检验法实施条例(2022-03-29)"
SPJS = "司法解释/最高人民法院关于适用《公司法》若干问题的规定（一）(2006-04-28)"
IMPORTED = [SPJS, "民法典/附则", V2019, V2022]
REFUSED = {
    "DLC/重庆地方法规/地方性法规/重庆/重庆市实施《国家赔偿法》办法(2012-09-27).md":
        ("I702", "no article found (expected lines such as '第一条 …')"),
    "其他/损坏的文本.md": ("I701", "binary file, not text"),
    "案例/劳动人事/加班费的仲裁时效应当如何认定.md": ("I703", "not a regulation (LawRefBook level 案例)"),
    "案例/民法典/某某公司申请执行李某某承揽合同案.md": ("I703", "not a regulation (LawRefBook level 案例)"),  # no row
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store.sqlite3"
    summary = import_corpus(COLLECTION, path, workers=1)
    assert summary.imported == IMPORTED
    return path


def refused_of(summary) -> dict[str, tuple[str, str]]:
    return {str(Path(r.path).relative_to(COLLECTION.resolve())): (r.code, r.reason) for r in summary.refused}


def it_imports_the_texts_and_refuses_the_others_with_their_reasons(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    summary = import_corpus(COLLECTION, tmp_path / "s.sqlite3", workers=1, progress=lambda d, t: seen.append((d, t)))
    assert summary.imported == IMPORTED
    assert refused_of(summary) == REFUSED
    assert summary.unchanged == 0
    assert seen == [(i, 8) for i in range(1, 9)]


def it_does_no_work_when_the_files_are_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.sqlite3"
    import_corpus(COLLECTION, path, workers=1)

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(pipeline, "parse_structure", no_parse)
    summary = import_corpus(COLLECTION, path, workers=1)
    assert (summary.imported, summary.unchanged) == ([], 4)
    assert refused_of(summary) == REFUSED  # still refused, from the store


def it_imports_again_a_file_that_changed(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    shutil.copytree(COLLECTION, folder)
    path = tmp_path / "s.sqlite3"
    import_corpus(folder, path, workers=1)
    changed = folder / f"{V2019}.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n第四条 本条例自公布之日起施行。\n", encoding="utf-8")
    summary = import_corpus(folder, path, workers=1)
    assert (summary.imported, summary.unchanged) == ([V2019], 3)
    assert len(regtext.load(V2019, store=path).articles()) == 4


def it_imports_with_two_worker_processes_as_with_one(tmp_path: Path, store: Path) -> None:
    path = tmp_path / "s.sqlite3"
    summary = import_corpus(COLLECTION, path, workers=2)
    assert summary.imported == IMPORTED and refused_of(summary) == REFUSED
    assert _rows(path, "SELECT id, sha256, tree FROM documents ORDER BY id") == \
        _rows(store, "SELECT id, sha256, tree FROM documents ORDER BY id")


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def it_keeps_each_version_with_its_own_id_dates_and_metadata(store: Path) -> None:
    rows = _rows(store, "SELECT id, name, level, law_name, publish, expired, ver, version_date, history "
                        "FROM documents WHERE law_name = '进出口商品检验法实施条例' ORDER BY id")
    assert [r[:8] for r in rows] == [
        (V2019, "进出口商品检验法实施条例(2019-03-02)", "行政法规", "进出口商品检验法实施条例", "2019-03-02", 1, 2, "2019-03-02"),
        (V2022, "进出口商品检验法实施条例(2022-03-29)", "行政法规", "进出口商品检验法实施条例", "2022-03-29", 0, 2, "2022-03-29"),
    ]
    assert json.loads(str(rows[1][8]))[-1] == "2022年3月29日 《国务院关于修改和废止部分行政法规的决定》第五次修订"


def it_keeps_the_bytes_as_received(store: Path) -> None:
    (received,) = _rows(store, f"SELECT received FROM documents WHERE id = '{V2022}'")[0]
    assert isinstance(received, bytes)
    assert packing.unpack(received) == (COLLECTION / f"{V2022}.md").read_bytes()


def it_keeps_one_copy_of_each_articles_characters_for_search(store: Path) -> None:
    """Format 2: no table of provisions beside the search units (a second copy of every character)
    and no references resolved against the bundled corpus only (xrefs holds them across the store)."""
    from regtext.search import index

    tables = {name for (name,) in _rows(store, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"provisions", "refs"} & tables == set()
    assert {"documents", "search_units", "xrefs"} <= tables
    assert _rows(store, "PRAGMA page_size") == [(8192,)]
    ((text,),) = _rows(store, "SELECT u.text FROM search_units u JOIN search_docs d ON d.key = u.doc "
                              f"WHERE d.doc_id = '{V2019}' AND u.eid = 'art_1'")
    assert isinstance(text, bytes)
    assert index.unpack(text) == "第一条 根据《中华人民共和国进出口商品检验法》(以下简称商检法)的规定，制定本条例。"


def it_loads_the_stored_tree_without_parsing_and_as_parsing_gives_it(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    markdown = (COLLECTION / f"{V2022}.md").read_text(encoding="utf-8")
    text, _history = markdown_to_plain(markdown)
    source = str((COLLECTION / f"{V2022}.md").resolve())
    parsed = regtext.parse(text, id=V2022, source=source)
    importer._positions_in_markdown(parsed, markdown, text)   # as the import places them

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(pipeline, "parse_structure", no_parse)
    loaded = regtext.load(V2022, store=store)
    assert dumps(loaded) == dumps(parsed)
    assert loaded.normalized.original == text
    assert loaded.find("第三条").eid == "art_3"


def it_places_every_position_of_a_stored_markdown_text_in_its_md_file(capsys, store: Path) -> None:
    """The .md file's line:column (its head is written otherwise in the plain text parsed: one line
    fewer here), for the tree, the references and search alike."""
    md_lines = (COLLECTION / f"{V2019}.md").read_text(encoding="utf-8").split("\n")
    doc = regtext.load(V2019, store=store)
    line, column = doc.locate(doc.find("第一条").start)
    assert (line, column) == (15, 1)
    assert md_lines[line - 1].startswith("第一条 根据《中华人民共和国进出口商品检验法》")
    ref = next(r for r in doc.references if r.text.startswith("《中华人民共和国进出口商品检验法》"))
    line, column = doc.locate(ref.start)
    assert md_lines[line - 1][column - 1:].startswith("《中华人民共和国进出口商品检验法》")
    code, out, _ = run(capsys, "search", "商检法", "--doc", V2019, "--store", str(store), "--limit", "1")
    assert code == 0 and f"{V2019}.md:15:" in out
    at = int(out.split(f"{V2019}.md:15:")[1].split(":")[0])
    assert md_lines[14][at - 1:].startswith("商检法")


def it_finds_each_line_of_the_plain_text_in_the_markdown() -> None:
    """Title less its #, history lines in one （…） (a comment dropped), headings less their marks."""
    from regtext.store.lawrefbook import line_map

    markdown = "# 示例条例\n\n2018年3月20日<!-- 注 -->通过\n\n<!-- INFO END -->\n\n# 第一章 总则\n\n第一条 为了规范。\n"
    plain, _ = markdown_to_plain(markdown)
    assert plain == "\n示例条例\n\n（2018年3月20日通过）\n\n第一章 总则\n\n第一条 为了规范。\n"
    assert line_map(markdown, plain) == ([1, 1, 2, 3, 4, 7, 8, 9, 10], [0, 2, 0, -1, 0, 2, 0, 0, 0])


def it_loads_a_stored_document_by_its_file_name_when_no_other_has_it(store: Path) -> None:
    assert regtext.load("进出口商品检验法实施条例(2019-03-02)", store=store).id == V2019


def it_makes_the_plain_text_as_the_bundled_corpus_was_made() -> None:
    """corpus/jianchafa_2024.txt from 宪法相关法/监察法(2024-12-25).md: the title, the history lines
    in one （…） (the collection leaves it half open), no INFO END, no heading marks."""
    markdown = ("# 中华人民共和国监察法\n\n2018年3月20日 第十三届全国人民代表大会第一次会议通过\n\n"
                "2024年12月25日 第十四届全国人民代表大会常务委员会第十三次会议《关于修改〈中华人民共和国监察法〉的决定》修正）\n\n"
                "<!-- INFO END -->\n\n## 第一章 总 则\n\n第一条 为了深入开展廉政建设和反腐败工作。")
    text, history = markdown_to_plain(markdown)
    assert text == ("\n中华人民共和国监察法\n\n（2018年3月20日 第十三届全国人民代表大会第一次会议通过\n"
                    "2024年12月25日 第十四届全国人民代表大会常务委员会第十三次会议《关于修改〈中华人民共和国监察法〉的决定》修正）\n\n"
                    "第一章 总 则\n\n第一条 为了深入开展廉政建设和反腐败工作。\n")
    bundled = (Path(__file__).resolve().parents[1] / "corpus" / "jianchafa_2024.txt").read_text(encoding="utf-8")
    assert bundled.startswith(text[:text.index("第一条")])
    assert history[0] == "2018年3月20日 第十三届全国人民代表大会第一次会议通过"


def it_imports_a_plain_folder_and_refuses_two_files_of_one_id(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("测试条例\n\n第一条 测试。\n", encoding="utf-8")
    (folder / "a.md").write_text("# 测试条例\n\n第一条 测试。\n", encoding="utf-8")
    (folder / "b.md").write_text("# 测试办法\n\n第一条 本办法。\n\n第二条 施行。\n", encoding="utf-8")
    (folder / "c.txt").write_bytes("第一条 测试。".encode("gb18030"))
    summary = import_corpus(folder, tmp_path / "s.sqlite3", workers=1)
    assert summary.imported == ["a", "b", "c"]
    assert [(Path(r.path).name, r.code) for r in summary.refused] == [("a.txt", "I706")]
    assert len(regtext.load("b", store=tmp_path / "s.sqlite3").articles()) == 2


def it_registers_every_import_code() -> None:
    from regtext.store import importer

    codes = {importer.UNDECODABLE, importer.NO_ARTICLE, importer.NOT_REGULATION, importer.UNREADABLE,
             importer.NOT_OURS, importer.SAME_ID, importer.INTERNAL}
    assert codes <= REGISTRY.keys()


# --- the commands with --store -----------------------------------------------------------------

def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def it_parses_a_stored_id(capsys, store: Path) -> None:
    code, out, _ = run(capsys, "parse", V2022, "--store", str(store), "-q")
    assert code == 0
    assert "第三条" in out and out.splitlines()[0].startswith("中华人民共和国进出口商品检验法实施条例")


def it_lists_the_references_of_a_stored_id(capsys, store: Path) -> None:
    code, out, _ = run(capsys, "refs", V2019, "--store", str(store))
    assert code == 0
    assert "《中华人民共和国进出口商品检验法》 [external]" in out


def it_cites_in_a_stored_id(capsys, store: Path) -> None:
    code, out, _ = run(capsys, "cite", "第二条", "--doc", V2019, "--store", str(store), "--style", "eid")
    assert (code, out) == (0, "art_2\n")


def it_exports_a_stored_id(capsys, store: Path) -> None:
    code, out, _ = run(capsys, "export", SPJS, "--store", str(store), "--to", "json")
    assert code == 0
    assert json.loads(out)["id"] == SPJS


def it_makes_study_materials_of_a_stored_id(capsys, store: Path, tmp_path: Path) -> None:
    code, _, _ = run(capsys, "study", V2022, "--store", str(store), "-o", str(tmp_path / "s.md"))
    assert code == 0
    assert "第三条" in (tmp_path / "s.md").read_text(encoding="utf-8")


def it_compares_two_stored_versions(capsys, store: Path) -> None:
    code, out, _ = run(capsys, "diff", V2019, V2022, "--store", str(store), "--to", "json")
    assert code == 0
    result = json.loads(out)
    assert (result["old"], result["new"]) == (V2019, V2022)


def it_lists_a_store(capsys, store: Path) -> None:
    code, out, _ = run(capsys, "corpus", "--store", str(store))
    assert code == 0
    assert out.splitlines()[2] == f"{V2019}\t行政法规\t中华人民共和国进出口商品检验法实施条例"


def it_imports_from_the_command_line(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "corpus", "import", str(COLLECTION), "--store", str(tmp_path / "s.sqlite3"), "--jobs", "1")
    assert code == 0
    assert out.splitlines()[0] == "imported 4, unchanged 0, refused 4"
    assert "\r[" not in err  # no progress bar when stderr is not a terminal


def it_refuses_an_id_the_store_does_not_have(capsys, store: Path) -> None:
    code, _, err = run(capsys, "parse", "行政法规/没有这个条例", "--store", str(store))
    assert code == 2
    assert f"unknown id '行政法规/没有这个条例': not in the store {store}" in err


# --- bad stores --------------------------------------------------------------------------------

def it_refuses_a_missing_store(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "parse", V2019, "--store", str(tmp_path / "none.sqlite3"))
    assert code == 2
    assert f"regtext: error: {tmp_path / 'none.sqlite3'}: no such store" in err


def it_refuses_a_file_that_is_not_sqlite(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("第一条 这不是数据库。\n" * 100, encoding="utf-8")
    code, _, err = run(capsys, "parse", V2019, "--store", str(bad))
    assert code == 2
    assert f"{bad}: not a regtext store: the file is not an SQLite database" in err


def it_refuses_an_sqlite_file_that_is_not_a_store(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "parse", V2019, "--store", str(COLLECTION / "db.sqlite3"))
    assert code == 2
    assert "not a regtext store: an SQLite database without the store's tables" in err


def it_refuses_a_store_of_another_format(capsys, tmp_path: Path, store: Path) -> None:
    other = tmp_path / "old.sqlite3"
    shutil.copy(store, other)
    conn = sqlite3.connect(other)
    with conn:
        conn.execute("UPDATE store_info SET value = '0' WHERE key = 'format'")
    conn.close()
    code, _, err = run(capsys, "parse", V2019, "--store", str(other))
    assert code == 2
    assert "store format 0, this regtext reads format 2" in err
    with pytest.raises(InputError, match="store format 0"):
        import_corpus(COLLECTION, other, workers=1)


def it_refuses_a_damaged_tree(tmp_path: Path, store: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    shutil.copy(store, damaged)
    conn = sqlite3.connect(damaged)
    with conn:
        conn.execute("UPDATE documents SET tree = ? WHERE id = ?", (b"not zlib", V2019))
    conn.close()
    with pytest.raises(InputError, match="the stored tree of .* cannot be read"):
        Store.open(damaged).tree(V2019)


def it_draws_a_progress_bar_on_a_terminal(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, _, err = run(capsys, "corpus", "import", str(COLLECTION), "--store", str(tmp_path / "s.sqlite3"), "--jobs", "1")
    assert code == 0
    assert err.startswith("\r[###                           ] 1/8\r[#######                       ] 2/8")
    assert f"\r[{'#' * 30}] 8/8\n" in err


def it_imports_regtexts_akoma_ntoso_and_refuses_other_xml(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    assert main(["export", "jianchaguanfa_2021", "--to", "akn", "-o", str(folder / "jianchaguanfa.xml")]) == 0
    (folder / "other.xml").write_text('<?xml version="1.0"?><akomaNtoso><act/></akomaNtoso>', encoding="utf-8")
    summary = import_corpus(folder, tmp_path / "s.sqlite3", workers=1)
    assert summary.imported == ["jianchaguanfa"]
    assert [(Path(r.path).name, r.code) for r in summary.refused] == [("other.xml", "I705")]
    stored = regtext.load("jianchaguanfa", store=tmp_path / "s.sqlite3")
    assert [n.eid for n in stored.articles()] == [n.eid for n in regtext.load("jianchaguanfa_2021").articles()]
