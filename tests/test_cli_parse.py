"""`regtext parse` and `regtext corpus` as a user runs them: outputs, exit codes, clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from regtext.cli import main
from tests.conftest import CORPUS_IDS, PRIMARY, ROOT, schema


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_prints_json_that_matches_the_published_schema(capsys, doc_id: str) -> None:
    code, out, _ = run(capsys, "parse", doc_id, "--to", "json", "-q")
    assert code == 0
    data = json.loads(out)
    jsonschema.Draft202012Validator(schema("regulation.schema.json")).validate(data)
    assert data["id"] == doc_id


def it_prints_the_outline_and_the_diagnostics_on_stderr(capsys) -> None:
    code, out, err = run(capsys, "parse", PRIMARY)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "安全生产责任追究办法（试行）"
    assert "  （三） [监管落实不力] 监管落实不力的，对安全生产工作表态调门高、行动慢、落实差，不担当、不作为…" in lines
    assert "  第二款  上述责任追究方式，可以单独使用，也可以合并使用。" in lines
    # the path is the bundled file's: corpus/… in a checkout, inside site-packages when installed
    # every diagnostic is three lines, like a compiler's: the problem, the source line, a caret
    sixth = err.splitlines()[15:18]
    assert sixth[0].endswith(f"corpus/{PRIMARY}.txt:29:33: warning S203 stray Latin word 'and' in Chinese text")
    assert sixth[1:] == [
        "    (五) 违反廉洁规定的，在安全生产项目审批、行政许可、执法检查 and 日常监管、整改整治中，利用职权搞利益勾联、"
        "徇私舞弊、权钱交易，以及收受礼品礼金、接受吃请等腐败和作风问题的。",
        "    " + " " * 60 + "^",  # the 28 Chinese characters before "and" are two columns wide
    ]


def it_gives_json_nodes_their_span_in_the_original_file(capsys) -> None:
    _, out, _ = run(capsys, "parse", PRIMARY, "--to", "json", "-q")
    data = json.loads(out)
    article8 = next(n for n in data["children"] if n["eid"] == "art_8")
    assert article8["number"] == "8"
    assert article8["span"]["line"] == 65
    assert article8["children"][0]["span"] | {"start": 0, "end": 0} == {"start": 0, "end": 0, "line": 65, "column": 5}
    assert data["meta"]["effective"] == "2023-08-01"


def it_writes_the_output_file_only_when_everything_worked(capsys, tmp_path: Path) -> None:
    out_file = tmp_path / "tree.json"
    assert run(capsys, "parse", PRIMARY, "--to", "json", "-o", str(out_file), "-q")[0] == 0
    assert json.loads(out_file.read_text(encoding="utf-8"))["id"] == PRIMARY
    broken = tmp_path / "broken.txt"
    broken.write_text("这不是法规。", encoding="utf-8")
    assert run(capsys, "parse", str(broken), "-o", str(tmp_path / "never.json"))[0] == 2
    assert not (tmp_path / "never.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.txt", "tree.json"]


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: str(d / "missing.txt"), "no such file"),
        (lambda d: str(d), "is a directory"),
        (lambda d: write(d, "empty.txt", b"\n  \n"), "file is empty"),
        (lambda d: write(d, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), "binary file"),
        (lambda d: write(d, "notes.txt", "会议纪要：安全生产工作要抓实抓细。".encode()), "no article found"),
        (lambda d: write(d, "latin1.txt", "Résumé: no Chinese here".encode("latin-1")), "not UTF-8"),
        (lambda d: "no_such_corpus_id", "unknown corpus id 'no_such_corpus_id'"),
    ],
    ids=["missing", "directory", "empty", "binary", "no-article", "latin-1", "unknown-id"],
)
def it_rejects_unusable_input_in_one_line_with_exit_2(capsys, tmp_path: Path, make, message: str) -> None:
    code, out, err = run(capsys, "parse", make(tmp_path))
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("regtext: error: ") and message in err


def it_decodes_gb18030_and_says_so(capsys, tmp_path: Path) -> None:
    text = (ROOT / "corpus" / f"{PRIMARY}.txt").read_text(encoding="utf-8")
    path = write(tmp_path, "gb.txt", text.encode("gb18030"))
    code, out, err = run(capsys, "parse", path, "--to", "json")
    assert code == 0
    assert err.splitlines()[0] == f"{path}:1:1: warning N107 file decoded as GB18030, not UTF-8"
    data = json.loads(out)
    assert data["meta"]["encoding"] == "gb18030"
    assert len([n for n in data["children"] if n["type"] == "article"]) == 14


def it_rejects_wrong_usage_with_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["parse", PRIMARY, "--to", "xml"])
    assert exit_info.value.code == 2


def it_lists_the_corpus_with_article_counts(capsys) -> None:
    code, out, _ = run(capsys, "corpus")
    assert code == 0
    rows = out.splitlines()
    assert len(rows) == 1 + len(CORPUS_IDS) + 1 + 5  # and the versions of 监察法 (tests/test_versions_works.py)
    assert any(r.split() == [PRIMARY, "*", "14", "安全生产责任追究办法（试行）"] for r in rows)
    assert any(r.split() == ["xingshi_susongfa_2018", "308", "中华人民共和国刑事诉讼法"] for r in rows)


def it_runs_as_a_console_script_without_tracebacks(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "regtext.cli", "parse", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"regtext: error: {tmp_path}: is a directory, not a text file"
