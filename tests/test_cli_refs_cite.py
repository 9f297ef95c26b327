"""`regtext refs` and `regtext cite` as a user runs them."""

from __future__ import annotations

import json

import jsonschema
import pytest

from regtext.cli import main
from tests.conftest import PRIMARY, schema


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def it_lists_the_references_with_their_place_and_targets(capsys) -> None:
    code, out, _ = run(capsys, "refs", PRIMARY)
    assert code == 0
    lines = out.splitlines()
    assert lines[6].endswith(f"{PRIMARY}.txt:59:74: art_7__para_1__point_1: 本办法第四条 [internal] -> art_4")
    assert lines[2].endswith(":9:133: art_1__para_1: 《中华人民共和国监察法》 [external] -> jianchafa_2024 (the whole document)")
    assert lines[-1] == "9 references, 5 unresolved"


def it_lists_only_the_unresolved_references(capsys) -> None:
    _, out, _ = run(capsys, "refs", PRIMARY, "--unresolved")
    lines = out.splitlines()
    assert lines[-1] == "5 references"
    assert all("(not in the corpus)" in line for line in lines[:-1])


def it_prints_references_as_json(capsys) -> None:
    _, out, _ = run(capsys, "refs", "zhengwu_chufenfa_2020", "--to", "json")
    rows = json.loads(out)
    row = next(r for r in rows if r["text"] == "《中华人民共和国监察法》第十五条第六项")
    assert row["source"] == {"doc": "zhengwu_chufenfa_2020", "eid": "art_23__para_1"}
    assert row["targets"][0]["doc"] == "jianchafa_2024"
    assert row["targets"][0]["eids"] == ["art_15__para_1__point_6"]
    assert row["span"]["line"] == 126


def it_adds_refs_and_cited_by_to_the_json_tree(capsys) -> None:
    _, out, _ = run(capsys, "parse", "jianchafa_2024", "--to", "json", "-q")
    data = json.loads(out)
    jsonschema.Draft202012Validator(schema("regulation.schema.json")).validate(data)
    chapter3 = next(n for n in data["children"] if n["eid"] == "chp_3")
    article15 = next(n for n in chapter3["children"] if n["eid"] == "art_15")
    assert {"doc": "zhengwu_chufenfa_2020", "eid": "art_2__para_3"} in article15["cited_by"]


def it_prints_a_citation_in_the_style_asked_for(capsys) -> None:
    assert run(capsys, "cite", "Article 4(3)", "--doc", PRIMARY)[1] == "第四条第（三）项\n"
    assert run(capsys, "cite", "Article 6(4)")[1] == "第六条第一款第（四）项\n"
    assert run(capsys, "cite", "Article 6(4)", "--style", "zh-short")[1] == "第六条第（四）项\n"
    assert run(capsys, "cite", "第六条第二款", "--style", "en")[1] == "Article 6, paragraph 2\n"
    assert run(capsys, "cite", "第4条第3项", "--style", "eid")[1] == "art_4__para_1__point_3\n"


def it_quotes_the_provision(capsys) -> None:
    code, out, _ = run(capsys, "cite", "第四条第（三）项", "--quote")
    assert code == 0
    assert out.splitlines()[1].startswith("（三）监管落实不力的，对安全生产工作表态调门高")


def it_cites_another_document_named_in_the_citation(capsys) -> None:
    code, out, _ = run(capsys, "cite", "《中华人民共和国监察法》第十五条第六项", "--to", "json", "--quote")
    data = json.loads(out)
    assert (code, data["doc"], data["formatted"]) == (0, "jianchafa_2024", "《中华人民共和国监察法》第十五条第（六）项")
    assert data["provisions"] == [{
        "eid": "art_15__para_1__point_6", "zh": "《中华人民共和国监察法》第十五条第（六）项",
        "zh-short": "《中华人民共和国监察法》第十五条第（六）项", "zh-plain": "《中华人民共和国监察法》第十五条第六项",
        "en": "《中华人民共和国监察法》 Article 15(6)", "text": "（六）其他依法履行公职的人员。"}]


@pytest.mark.parametrize(("style", "expected"), [
    ("zh", "《中华人民共和国监察法》第十五条第（六）项"), ("zh-short", "《中华人民共和国监察法》第十五条第（六）项"),
    ("zh-plain", "《中华人民共和国监察法》第十五条第六项"), ("en", "《中华人民共和国监察法》 Article 15(6)"),
    ("eid", "jianchafa_2024#art_15__para_1__point_6"),
])
def it_keeps_the_name_of_the_other_document_in_every_style_and_reads_it_back(capsys, style: str, expected: str) -> None:
    assert run(capsys, "cite", "《中华人民共和国监察法》第十五条第六项", "--style", style) == (0, expected + "\n", "")
    assert run(capsys, "cite", expected, "--style", "zh-plain")[:2] == (0, "《中华人民共和国监察法》第十五条第六项\n")


def it_leaves_the_name_out_when_the_document_is_the_one_given_with_doc(capsys) -> None:
    assert run(capsys, "cite", "《中华人民共和国监察法》第十五条第六项", "--doc", "jianchafa_2024") == (0, "第十五条第（六）项\n", "")
    assert run(capsys, "cite", "jianchafa_2024#art_15__para_1__point_6", "--doc", "jianchafa_2024", "--style", "en") == (
        0, "Article 15(6)\n", "")


def it_reads_a_self_reference_the_grammar_knows_as_the_document_given(capsys) -> None:
    assert run(capsys, "cite", "本细则第四条", "--doc", "geshuifa_shishitiaoli_2018") == (0, "第四条\n", "")
    assert run(capsys, "cite", "本解释第一条", "--doc", "sfjs_weihai_anquanshengchan_2015", "--style", "eid") == (0, "art_1\n", "")


def it_writes_three_or_more_consecutive_articles_as_a_range(capsys) -> None:
    assert run(capsys, "cite", "第一条至第五条") == (0, "第一条至第五条\n", "")
    assert run(capsys, "cite", "第一条、第二条、第三条", "--style", "en") == (0, "Article 1 to Article 3\n", "")
    assert run(capsys, "cite", "第一条、第二条") == (0, "第一条、第二条\n", "")


@pytest.mark.parametrize(("citation", "numeral"), [
    ("第十一十二条", "'十一十二' is not a well-formed Chinese numeral: 十 after 十 (千, 百 and 十 come once each, in this order)"),
    ("第一百二条", "'一百二' is not a well-formed Chinese numeral: the digit after 百 is ambiguous (write 一百二十 or 一百零二)"),
    ("第十七十八条", "'十七十八' is not a well-formed Chinese numeral: 十 after 十 (千, 百 and 十 come once each, in this order)"),
])
def it_exits_2_naming_a_malformed_numeral(capsys, citation: str, numeral: str) -> None:
    code, out, err = run(capsys, "cite", citation, "--doc", "xingshi_susongfa_2018")
    assert (code, out) == (2, "")
    assert err == (f"regtext: error: not a citation: {citation!r}: {numeral} (write numbers as a statute prints them "
                   "(第一百零二条); several provisions as 第十一条、第十二条)\n")


def it_exits_1_with_the_nearest_provisions_when_the_provision_does_not_exist(capsys) -> None:
    code, out, err = run(capsys, "cite", "第四条第（七）项")
    assert (code, out) == (1, "")
    assert err == ("regtext: error: 第四条第（七）项 does not exist in 《安全生产责任追究办法（试行）》 "
                   "(第四条 has items （一）–(六))\n")


def it_exits_2_for_a_malformed_citation(capsys) -> None:
    code, out, err = run(capsys, "cite", "第四条第")
    assert (code, out) == (2, "")
    assert err.startswith("regtext: error: not a citation: '第四条第'")


def it_names_a_bundled_text_as_corpus_wherever_it_runs(capsys, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run outside the checkout (as after `pip install .`), refs and search printed a bundled text
    by its site-packages path; check printed it as corpus/…: one rule now, corpus.shown_path."""
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "refs", "--cited-by", "jianchafa_2024#art_15")
    assert code == 0
    assert out.splitlines()[0] == "corpus/jianchafa_2024.txt:85:24: art_16__para_1: 本法第十五条 [internal] -> art_15"
    code, out, _ = run(capsys, "search", "诫勉", "--limit", "1")
    assert code == 0
    assert out.startswith("corpus/guoqi_guanlirenyuan_chufen_2024.txt:82:68: ")
