"""`regtext search`: exact results (100 % of what a substring scan of the same articles finds),
placed in the source file, filtered, and refusals of queries that cannot mean one thing."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date

import pytest

import regtext
from regtext.cli import main
from regtext.corpus import default_corpus
from regtext.errors import InputError, UsageError
from regtext.search import index, search
from regtext.search.fold import fold
from regtext.search.query import _verified as verified
from regtext.search.query import connect, snippet
from regtext.search.terms import parse_query
from regtext.store import Store
from tests.conftest import CORPUS_IDS, FIXTURES

ALL = 10**6


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def article_of(eid: str) -> str:
    return re.sub(r"__(para|point)_.*", "", eid)


@pytest.fixture(scope="module")
def articles() -> list[tuple[str, str, str]]:
    """(doc id, article eId, folded article text) of the whole bundled corpus: the scan's input."""
    out = []
    for doc_id in CORPUS_IDS:
        doc = default_corpus().load(doc_id)
        out += [(doc_id, a.eid, fold(doc.text[a.start:a.end])) for a in doc.articles() if a.eid]
    return out


def scan(articles: list[tuple[str, str, str]], terms: list[str]) -> set[tuple[str, str]]:
    folded = [fold(t) for t in terms]
    return {(d, e) for d, e, text in articles if all(t in text for t in folded)}


def found(query: str, **filters) -> set[tuple[str, str]]:
    return {(h.doc, article_of(h.eid)) for h in search(None, query, limit=ALL, **filters)}


def generated_terms(articles: list[tuple[str, str, str]]) -> list[str]:
    """Terms of 1 to 8 characters cut from every 3rd article at a position that moves, whitespace
    and the double quote left out — one-character terms included."""
    terms = []
    for k, (_, _, text) in enumerate(articles[::3]):
        size = 1 + k % 8
        at = (k * 37) % max(1, len(text) - size)
        term = text[at:at + size]
        if term and not any(c.isspace() or c == '"' for c in term):
            terms.append(term)
    return list(dict.fromkeys(terms))


# ---- recall -------------------------------------------------------------------------------


def matching(query: str) -> set[tuple[str, str]]:
    """The articles the index and its verification keep for a query, before hits are built (a
    hit's snippet and places cost more than finding it: the generated terms have 90,000 hits)."""
    folded = [fold(t) for t in parse_query(query)]
    return {(str(row[4]), str(row[1])) for row in verified(connect(None), folded, None)}


def it_finds_every_article_a_substring_scan_finds_for_terms_of_any_length(articles) -> None:
    terms = generated_terms(articles)
    assert len(terms) > 250 and {len(t) for t in terms} == set(range(1, 9))
    for term in terms:
        assert matching(term) == scan(articles, [term]), term
    for term in terms[::10]:   # and through the whole search, hits built
        assert found(term) == scan(articles, [term]), term


def it_finds_every_article_for_mixed_queries_and_phrases(articles) -> None:
    terms = generated_terms(articles)
    queries = [[a, b] for a, b in zip(terms[::3], terms[1::3], strict=False)]
    queries += [["诫勉", "处分"], ["政务处分", "警告"], ["罚", "款"], ["(三)", "罚款"], ["１", "日"]]
    for query in queries:
        assert found(" ".join(query)) == scan(articles, query), query
    for _, _, text in articles[::40]:   # phrases with their spaces: "(五) 违反"
        for gap in re.finditer(r"\S{1,4} \S{1,4}", text):
            phrase = gap.group()
            if '"' not in phrase:
                assert found(f'"{phrase}"') == scan(articles, [phrase]), phrase
            break


def it_finds_a_term_written_in_either_bracket_width_or_digit_width(articles) -> None:
    primary = default_corpus().load("ningxia_anquan_zhuijiu_2023")
    assert "(五) 违反廉洁规定" in primary.text and "（四）整改落实不力" in primary.text
    for query in ("（五）违反", "(五)违反"):
        assert ("ningxia_anquan_zhuijiu_2023", "art_4") not in found(query)   # the text has a space there
    assert found('"（五） 违反"') == found('"(五) 违反"') == {("ningxia_anquan_zhuijiu_2023", "art_4")}
    assert found("(四)整改") == found("（四）整改") == {("ningxia_anquan_zhuijiu_2023", "art_4")}
    assert found("（三）") == found("(三)") == scan(articles, ["(三)"])


def it_finds_nothing_for_a_term_no_text_holds() -> None:
    assert search(None, "量子纠缠") == []
    assert search(None, "诫勉 量子") == []


# ---- what a hit says ------------------------------------------------------------------------


def it_prints_the_place_the_provision_and_the_marked_match(capsys) -> None:
    code, out, err = run(capsys, "search", "诫勉", "--limit", "2")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "corpus/guoqi_guanlirenyuan_chufen_2024.txt:82:68: 《国有企业管理人员处分条例》第十二条第一款 "
        "…评教育、责令检查或者予以【诫勉】，免予或者不予处分。",
        "corpus/jianchafa_2018.txt:214:65: 《中华人民共和国监察法》第四十五条第一款第（一）项 …教育、责令检查，或者予以【诫勉】；",
        "2 provisions (the first 2: --limit N for more)",
    ]


def it_names_the_smallest_provision_holding_every_match(capsys) -> None:
    _, out, _ = run(capsys, "search", "警告 记过", "--doc", "guoqi_guanlirenyuan_chufen_2024", "--limit", "2")
    assert out.splitlines() == [
        "corpus/guoqi_guanlirenyuan_chufen_2024.txt:30:4: 《国有企业管理人员处分条例》第七条 "
        "…处分的种类为： （一）【警告】； （二）【记过】； （三）记大过； …",
        "corpus/guoqi_guanlirenyuan_chufen_2024.txt:44:4: 《国有企业管理人员处分条例》第八条第一款 "
        "处分的期间为： （一）【警告】，6个月； （二）【记过】，12个月； （三）记…",
        "2 provisions (the first 2: --limit N for more)",
    ]


def it_gives_the_spans_in_the_source_file_as_json(capsys) -> None:
    code, out, _ = run(capsys, "search", "(五) 违反廉洁", "--doc", "ningxia_anquan_zhuijiu_2023", "--to", "json")
    assert code == 0
    [hit] = json.loads(out)
    assert {k: hit[k] for k in ("doc", "eid", "citation", "line", "column", "span")} == {
        "doc": "ningxia_anquan_zhuijiu_2023", "eid": "art_4__para_1__point_5",
        "citation": "《安全生产责任追究办法（试行）》第四条第（五）项", "line": 29, "column": 1, "span": [954, 962]}
    assert [(m["term"], m["text"], m["line"], m["column"]) for m in hit["matches"]] == [
        ("(五)", "(五)", 29, 1), ("违反廉洁", "违反廉洁", 29, 5)]
    original = default_corpus().load("ningxia_anquan_zhuijiu_2023").normalized.original
    assert [original[slice(*m["span"])] for m in hit["matches"]] == ["(五)", "违反廉洁"]


def it_places_every_match_where_the_source_file_has_it() -> None:
    for query in ("诫勉", "罚款 警告", "第一百", "安全生产", "(一)"):
        for hit in search(None, query, limit=ALL):
            doc = default_corpus().load(hit.doc)
            for m in hit.matches:
                assert fold(doc.normalized.original[m.start:m.end]) == fold(m.term), (hit, m)
                assert doc.normalized.lines.position(m.start) == (m.line, m.column)


def it_marks_the_matches_in_a_snippet_inside_the_provision() -> None:
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥" * 2
    assert snippet(text, [(2, 3)], 0, len(text)) == "甲乙【丙】丁戊己庚辛壬癸子丑寅卯辰…"
    assert snippet(text, [(2, 3), (3, 4)], 2, 6) == "【丙】【丁】戊己"
    assert snippet(text, [(1, 2), (40, 41)], 0, len(text)) == (
        "甲【乙】丙丁戊己庚辛壬癸子丑寅卯…庚辛壬癸子丑寅卯辰巳午未【申】酉戌亥")


# ---- filters --------------------------------------------------------------------------------


def it_keeps_the_texts_of_one_level_or_one_text(articles) -> None:
    laws = {doc_id for doc_id in CORPUS_IDS if default_corpus().entries[doc_id].kind == "law"}
    assert found("处分", level="法律") == {(d, e) for d, e in scan(articles, ["处分"]) if d in laws}
    assert found("处分", doc="jianchafa_2024") == {(d, e) for d, e in scan(articles, ["处分"]) if d == "jianchafa_2024"}


@pytest.fixture()
def dated() -> sqlite3.Connection:
    """Three versions of one text: until 2018, from 2018 to 2024, from 2024; and one marked expired."""
    conn = sqlite3.connect(":memory:")
    doc = regtext.parse("第一条 违反规定的，予以诫勉。\n第二条 本办法自发布之日起施行。")
    index.index_document(conn, "v2010", doc, level="部门规章", valid_from=date(2010, 1, 1), valid_until=date(2018, 1, 1))
    index.index_document(conn, "v2018", doc, level="部门规章", valid_from=date(2018, 1, 1), valid_until=date(2024, 1, 1))
    index.index_document(conn, "v2024", doc, level="部门规章", valid_from=date(2024, 1, 1))
    index.index_document(conn, "gone", doc, level="部门规章", expired=True)
    return conn


def it_keeps_the_texts_in_force_on_a_day(dated) -> None:
    def docs(day: date) -> list[str]:
        return [h.doc for h in search(dated, "诫勉", in_force=day)]

    assert docs(date(2017, 12, 31)) == ["v2010"]
    assert docs(date(2018, 1, 1)) == ["v2018"]
    assert docs(date(2030, 1, 1)) == ["v2024"]
    assert docs(date(2009, 1, 1)) == []
    assert [h.doc for h in search(dated, "诫勉")] == ["v2010", "v2018", "v2024", "gone"]


def it_ends_a_version_when_the_next_version_of_the_law_begins() -> None:
    conn = sqlite3.connect(":memory:")
    doc = regtext.parse("第一条 违反规定的，予以诫勉。")
    index.index_document(conn, "监察法(2018)", doc, law="监察法", valid_from=date(2018, 3, 20), expired=True)
    index.index_document(conn, "监察法(2024)", doc, law="监察法", valid_from=date(2025, 6, 1))
    index.index_document(conn, "旧条例(2001)", doc, law="旧条例", valid_from=date(2001, 1, 1), expired=True)

    def docs(day: date) -> list[str]:
        return [h.doc for h in search(conn, "诫勉", in_force=day)]

    assert docs(date(2024, 12, 31)) == ["监察法(2018)"]
    assert docs(date(2025, 6, 1)) == ["监察法(2024)"]
    assert docs(date(2010, 1, 1)) == []   # 旧条例: repealed, the collection does not say when


def it_refuses_a_level_no_text_has(dated) -> None:
    with pytest.raises(UsageError, match="no text of level '法规' in the index") as caught:
        search(dated, "诫勉", level="法规")
    assert caught.value.hint == "the levels are: 部门规章 (4)"
    with pytest.raises(InputError, match="no text 'v1999' in the index"):
        search(dated, "诫勉", doc="v1999")


# ---- the index over its life: re-imports, segments ------------------------------------------


def it_forgets_a_dropped_text_and_finds_its_new_version() -> None:
    conn = sqlite3.connect(":memory:")
    index.index_document(conn, "a", regtext.parse("第一条 甲单位予以诫勉。"))
    index.index_document(conn, "b", regtext.parse("第一条 乙单位予以警告。"))
    assert [h.doc for h in search(conn, "诫勉")] == ["a"]
    index.index_document(conn, "a", regtext.parse("第一条 甲单位予以警告。\n第二条 诫勉谈话。"))
    assert [(h.doc, h.eid) for h in search(conn, "诫勉")] == [("a", "art_2")]
    assert [h.doc for h in search(conn, "警告")] == ["b", "a"]
    assert index.drop_document(conn, "a") and not index.drop_document(conn, "a")
    assert search(conn, "诫勉") == [] and [h.doc for h in search(conn, "警告")] == ["b"]


@pytest.mark.parametrize(("most", "segments"), [(100, range(6, 100)), (3, range(1, 4))])
def it_gives_the_same_hits_from_many_segments_as_from_one(monkeypatch, most: int, segments: range) -> None:
    """Segments of 20,000 characters, kept apart (100) or merged every third flush (3)."""
    monkeypatch.setattr(index, "SEGMENT_CHARS", 20_000)
    monkeypatch.setattr(index, "MAX_SEGMENTS", most)
    conn = sqlite3.connect(":memory:")
    for doc_id in CORPUS_IDS:
        index.index_document(conn, doc_id, default_corpus().load(doc_id))
    assert conn.execute("SELECT count(DISTINCT seg) FROM search_postings").fetchone()[0] in segments
    for query in ("诫勉", "罚", "(三) 罚款", "重大事故隐患", "第一百二十"):
        mine = [(h.doc, h.eid, h.span) for h in search(conn, query, limit=ALL)]
        assert mine == [(h.doc, h.eid, h.span) for h in search(None, query, limit=ALL)], query


def it_rebuilds_the_postings_without_the_dropped_texts() -> None:
    conn = sqlite3.connect(":memory:")
    index.index_document(conn, "a", regtext.parse("第一条 甲单位予以诫勉。"))
    index.flush(conn)
    index.index_document(conn, "a", regtext.parse("第一条 乙单位予以诫勉。"))
    index.flush(conn)
    assert conn.execute("SELECT sum(n) FROM search_postings WHERE gram = '诫勉'").fetchone()[0] == 2
    index.rebuild(conn)
    assert conn.execute("SELECT seg, n FROM search_postings WHERE gram = '诫勉'").fetchall() == [(1, 1)]
    assert [(h.doc, h.snippet) for h in search(conn, "诫勉")] == [("a", "第一条 乙单位予以【诫勉】。")]


def it_round_trips_unit_ids_through_the_stored_blob() -> None:
    for ids in ([1, 2, 3, 70_000, 70_001, 2**32 - 1], [5], [], list(range(1, 10_000, 3))):
        assert index.decode(index.encode(ids), len(ids)) == ids
    assert len(index.encode([7])) == 4 and len(index.encode(range(1, 10_000))) < 100


# ---- reading queries ------------------------------------------------------------------------


def it_reads_terms_and_phrases() -> None:
    assert parse_query("安全生产  诫勉\u3000处分") == ("安全生产", "诫勉", "处分")
    assert parse_query('"安全 生产" 罚款 "安全 生产"') == ("安全 生产", "罚款")
    assert parse_query("“谁主管谁负责”") == ("“谁主管谁负责”",)


@pytest.mark.parametrize(("query", "message"), [
    ("", "the query is empty"),
    ("  \u3000 ", "the query has only spaces"),
    ('罚款 "安全', 'the query has an unbalanced " at column 4'),
    ('罚款 "" 警告', 'the query has an empty phrase "" at column 4'),
    ("安" * 10_000, "the query has 10,000 characters; at most 200 are searched"),
    (" ".join("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午"), "the query has 17 terms; at most 16 are searched together"),
])
def it_refuses_a_query_that_cannot_mean_one_thing(query: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        search(None, query)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("limit", [0, -1, True])
def it_refuses_a_limit_below_one(limit: int) -> None:
    with pytest.raises(UsageError, match="the limit must be a whole number of hits, 1 or more"):
        search(None, "诫勉", limit=limit)


def it_refuses_a_store_without_an_index(tmp_path) -> None:
    empty = tmp_path / "empty.sqlite3"
    Store.create(empty).close()
    with pytest.raises(InputError, match=r"empty.sqlite3: the store has no search index \(no text imported yet\)"):
        search(empty, "诫勉")
    sqlite3.connect(tmp_path / "other.sqlite3").close()
    with pytest.raises(InputError, match="not a regtext store"):
        search(tmp_path / "other.sqlite3", "诫勉")


# ---- a store from 'regtext corpus import' -----------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    from regtext.store.importer import import_corpus

    path = tmp_path_factory.mktemp("store") / "store.sqlite3"
    import_corpus(FIXTURES / "lawrefbook", path, workers=1)
    return path


V2019 = "行政法规/进出口商品检验法实施条例(2019-03-02)"
V2022 = "行政法规/进出口商品检验法实施条例(2022-03-29)"


def it_ends_a_version_whose_title_changed_by_its_successor(tmp_path) -> None:
    """Versions are chained by the collection's law name, not by title: the 2019 text renamed
    (试行) is still ended by the 2022 one."""
    import shutil

    from regtext.store.importer import import_corpus

    folder = tmp_path / "lawrefbook"
    shutil.copytree(FIXTURES / "lawrefbook", folder)
    old = folder / f"{V2019}.md"
    old.write_text(old.read_text(encoding="utf-8").replace("实施条例\n", "实施条例（试行）\n", 1), encoding="utf-8")
    path = tmp_path / "store.sqlite3"
    import_corpus(folder, path, workers=1)
    assert regtext.load(V2019, store=path).title == "中华人民共和国进出口商品检验法实施条例（试行）"
    assert {h.doc for h in search(path, "检验", in_force=date(2023, 1, 1), limit=ALL)} == {V2022}
    assert {h.doc for h in search(path, "检验", in_force=date(2020, 1, 1), limit=ALL)} == {V2019}


def it_searches_a_store_with_the_collections_levels_and_versions(store) -> None:
    assert {h.doc for h in search(store, "检验", limit=ALL)} == {V2019, V2022}
    # The 2019 version is in force until the 2022 one begins (the collection's dates, else the publication's).
    assert {h.doc for h in search(store, "检验", in_force=date(2020, 1, 1), limit=ALL)} == {V2019}
    assert {h.doc for h in search(store, "检验", in_force=date(2023, 1, 1), limit=ALL)} == {V2022}
    assert {h.doc for h in search(store, "公司", level="司法解释", limit=ALL)} == {
        "司法解释/最高人民法院关于适用《公司法》若干问题的规定（一）(2006-04-28)"}
    hit, *_ = search(store, "商检法 规定", doc="进出口商品检验法实施条例(2019-03-02)")
    assert (hit.doc, hit.eid, hit.citation) == (V2019, "art_1", "《中华人民共和国进出口商品检验法实施条例》第一条")
    assert hit.path.endswith("进出口商品检验法实施条例(2019-03-02).md")


def it_finds_in_a_store_what_a_scan_of_its_articles_finds(store) -> None:
    conn = sqlite3.connect(store)
    table = [(d, e, fold(index.unpack(t))) for d, e, t in conn.execute(
        "SELECT d.doc_id, u.eid, u.text FROM search_units u JOIN search_docs d ON d.key = u.doc")]
    assert len(table) > 10
    for term in ("检", "检验", "（以下简称", "(以下简称", "第一条", "人民法院 公司", "条例"):
        assert found_in(store, term) == scan(table, term.split()), term


def found_in(store, query: str) -> set[tuple[str, str]]:
    return {(h.doc, article_of(h.eid)) for h in search(store, query, limit=ALL)}


def it_searches_the_store_regtext_store_names(store, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REGTEXT_STORE", str(store))
    code, out, err = run(capsys, "search", "检验 商检法", "--level", "行政法规", "--in-force", "2023-01-01", "--limit", "1")
    assert (code, err) == (0, "")
    line, count = out.splitlines()
    assert "进出口商品检验法实施条例(2022-03-29).md:" in line
    assert line.endswith("《中华人民共和国进出口商品检验法实施条例》第一条 …中华人民共和国进出口商品【检验】法》（以下简称【商检法】）的规定，制定本条例。")
    assert count == "1 provision (the first 1: --limit N for more)"
