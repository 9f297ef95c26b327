"""What regtext reads: every file bounded by its kind (a device or a pipe too), text in UTF-16 or
UTF-32 with a byte order mark decoded with a warning, and a REGTEXT_CORPUS that is no corpus
refused with how to fix it."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from regtext.cli import main
from regtext.corpus import default_corpus
from regtext.parser import decode
from tests.conftest import PRIMARY, ROOT

TEXT = (ROOT / "corpus" / f"{PRIMARY}.txt").read_text(encoding="utf-8")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(folder: Path, name: str, data: bytes) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return str(folder / name)


# -- UTF-16 and UTF-32 ------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def it_reads_text_with_a_byte_order_mark_as_the_same_tree(capsys, tmp_path: Path, encoding: str) -> None:
    marked = write(tmp_path / "marked", "rule.txt", ("\ufeff" + TEXT).encode(encoding))
    utf8 = write(tmp_path / "utf8", "rule.txt", ("\ufeff" + TEXT).encode("utf-8"))
    code, out, _ = run(capsys, "parse", marked, "--to", "json", "-q")
    assert code == 0
    tree = json.loads(out)
    _, out, _ = run(capsys, "parse", utf8, "--to", "json", "-q")
    expected = json.loads(out)
    assert tree["children"] == expected["children"]
    assert tree["meta"] == expected["meta"] | {"source": marked, "encoding": encoding}
    label = encoding[:6].upper()
    assert tree["diagnostics"] == sorted(
        [*expected["diagnostics"], {"code": "N108", "severity": "warning", "line": 1, "column": 1,
                                    "message": f"file decoded as {label}, not UTF-8"}],
        key=lambda d: (d["line"], d["column"], d["code"]))
    # and the outline is the plain UTF-8 file's
    assert run(capsys, "parse", marked, "-q")[1] == run(capsys, "parse", PRIMARY, "-q")[1]


def it_warns_that_the_file_was_utf16(capsys, tmp_path: Path) -> None:
    path = write(tmp_path, "rule.txt", TEXT.encode("utf-16"))  # with the platform's byte order mark
    code, _, err = run(capsys, "parse", path)
    assert code == 0
    assert err.splitlines()[:2] == [
        f"{path}:1:1: info N102 byte order mark removed",
        f"{path}:1:1: warning N108 file decoded as UTF-16, not UTF-8",
    ]


def it_refuses_binary_data_behind_a_byte_order_mark(capsys, tmp_path: Path) -> None:
    path = write(tmp_path, "image.txt", b"\xff\xfe" + bytes(range(256)) * 4)
    code, out, err = run(capsys, "parse", path)
    assert (code, out) == (2, "")
    assert err == (f"regtext: error: {path}: starts with a UTF-16 byte order mark but is not UTF-16 text "
                   "(byte 218) (convert the file to UTF-8)\n")


def it_refuses_utf16_without_a_byte_order_mark_as_binary(capsys, tmp_path: Path) -> None:
    path = write(tmp_path, "rule.txt", TEXT.encode("utf-16-le"))
    code, _, err = run(capsys, "parse", path)
    assert code == 2
    assert err == (f"regtext: error: {path}: binary file, not text (expected UTF-8 or GB18030 text, "
                   "or UTF-16 with a byte order mark)\n")


# -- bounded reads ----------------------------------------------------------------------------

def it_refuses_an_endless_device_without_reading_it_all(capsys) -> None:
    code, out, err = run(capsys, "parse", "/dev/zero")
    assert (code, out) == (2, "")
    assert err == ("regtext: error: /dev/zero: file is larger than 64 MiB, the limit for a regulation text "
                   "(is this the right file?)\n")


def it_reads_at_most_one_byte_past_the_limit_from_a_pipe(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(decode.LIMITS, "text", 4096)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    sent = []

    def writer() -> None:
        try:  # the reader stops early: the write, or the flush at close, meets a closed pipe
            with open(fifo, "wb") as handle:
                for _ in range(1000):
                    handle.write(TEXT.encode("utf-8"))
                    sent.append(1)
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    code, _, err = run(capsys, "parse", str(fifo))
    thread.join(5)
    assert code == 2
    assert err == (f"regtext: error: {fifo}: file is larger than 4,096 bytes, the limit for a regulation text "
                   "(is this the right file?)\n")
    assert len(sent) < 1000


def it_bounds_case_files_and_templates(capsys, tmp_path: Path, monkeypatch) -> None:
    case = ROOT / "examples" / "zhang_jiemian.yaml"
    monkeypatch.setitem(decode.LIMITS, "yaml", 100)
    code, _, err = run(capsys, "decide", str(case))
    assert code == 2
    assert err == (f"regtext: error: {case}: file is larger than 100 bytes, the limit for a YAML file "
                   "(is this the right file?)\n")
    monkeypatch.setitem(decode.LIMITS, "yaml", 4 * 1024 * 1024)
    code, _, err = run(capsys, "render", str(case), "-t", "/dev/zero", "-o", str(tmp_path / "x.md"))
    assert code == 2
    assert err == ("regtext: error: /dev/zero: file is larger than 1 MiB, the limit for a template "
                   "(is this the right file?)\n")
    assert list(tmp_path.iterdir()) == []


def it_names_the_line_of_a_yaml_file_that_is_not_utf8(capsys, tmp_path: Path) -> None:
    path = write(tmp_path, "case.yaml", "regulation: x\nname: 张".encode("gb18030"))
    code, _, err = run(capsys, "decide", path)
    assert code == 2
    assert err == f"regtext: error: {path}: not UTF-8 text (byte 20, line 2) (save the file as UTF-8)\n"


# -- REGTEXT_CORPUS ---------------------------------------------------------------------------

@pytest.fixture
def corpus_env(monkeypatch):
    """Set REGTEXT_CORPUS for one test, with the process's cached corpus forgotten before and after."""
    default_corpus.cache_clear()

    def set_to(value: str) -> None:
        monkeypatch.setenv("REGTEXT_CORPUS", value)

    yield set_to
    monkeypatch.delenv("REGTEXT_CORPUS", raising=False)
    default_corpus.cache_clear()


HOW = "(point it at a folder of <id>.txt and <id>.meta.yaml files, or unset it for the bundled corpus)"


@pytest.mark.parametrize(("make", "problem"), [
    (lambda d: d / "nowhere", "no such folder"),
    (lambda d: d, "holds no corpus (no <id>.meta.yaml files)"),
    (lambda d: Path(write(d, "rule.txt", b"x")), "is not a folder"),
], ids=["missing", "empty", "a-file"])
def it_refuses_a_corpus_folder_that_is_not_one(capsys, tmp_path: Path, corpus_env, make, problem: str) -> None:
    root = make(tmp_path)
    corpus_env(str(root))
    for argv in (["parse", PRIMARY], ["corpus"], ["parse", str(ROOT / "corpus" / f"{PRIMARY}.txt")]):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, "")
        assert err == f"regtext: error: REGTEXT_CORPUS={root}: {problem} {HOW}\n"


def it_asks_for_a_document_when_the_corpus_has_no_primary_one(capsys, tmp_path: Path, corpus_env) -> None:
    for name in ("jianchafa_2024.txt", "jianchafa_2024.meta.yaml"):
        write(tmp_path, name, (ROOT / "corpus" / name).read_bytes())
    corpus_env(str(tmp_path))
    code, _, err = run(capsys, "cite", "第一条")
    assert code == 2
    assert err == (f"regtext: error: the corpus in {tmp_path} has no primary regulation "
                   "(give --doc, or mark one regulation 'primary: true' in its .meta.yaml)\n")
    assert run(capsys, "cite", "第一条", "--doc", "jianchafa_2024")[:2] == (0, "第一条\n")
