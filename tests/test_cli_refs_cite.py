"""`regtext refs` and `regtext cite` as a user runs them."""

from __future__ import annotations

import json

import jsonschema

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
    assert (code, data["doc"], data["formatted"]) == (0, "jianchafa_2024", "第十五条第（六）项")
    assert data["provisions"][0]["text"] == "（六）其他依法履行公职的人员。"


def it_exits_1_with_the_nearest_provisions_when_the_provision_does_not_exist(capsys) -> None:
    code, out, err = run(capsys, "cite", "第四条第（七）项")
    assert (code, out) == (1, "")
    assert err == ("regtext: error: 第四条第（七）项 does not exist in 《安全生产责任追究办法（试行）》 "
                   "(第四条 has items （一）–(六))\n")


def it_exits_2_for_a_malformed_citation(capsys) -> None:
    code, out, err = run(capsys, "cite", "第四条第")
    assert (code, out) == (2, "")
    assert err.startswith("regtext: error: not a citation: '第四条第'")
