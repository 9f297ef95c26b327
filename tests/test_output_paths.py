"""Where ``-o`` writes, for every command that writes: one rule (output.output_target), files
replaced with their permissions kept, and several files written all or nothing."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import pytest

from regtext.cli import main
from regtext.output import write_atomic
from tests.conftest import PRIMARY, ROOT

ZHANG = str(ROOT / "examples" / "zhang_jiemian.yaml")
WANG = str(ROOT / "examples" / "wang_yisong.yaml")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def listing(folder: Path) -> list[str]:
    """Every file and folder under ``folder`` (hidden ones too: no temporary file may remain)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# -- permissions ------------------------------------------------------------------------------

def it_keeps_the_mode_of_a_file_it_replaces(capsys, tmp_path: Path) -> None:
    tree = tmp_path / "tree.json"
    tree.write_text("old", encoding="utf-8")
    tree.chmod(0o600)
    assert run(capsys, "parse", PRIMARY, "-q", "-o", str(tree))[0] == 0
    assert mode(tree) == 0o600
    assert json.loads(tree.read_text(encoding="utf-8"))["id"] == PRIMARY


def it_gives_a_new_file_the_mode_the_umask_allows(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", "新")
    finally:
        os.umask(old)
    assert mode(tmp_path / "new.txt") == 0o640


def it_keeps_the_mode_of_files_replaced_in_a_folder(capsys, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "handout.docx").write_bytes(b"old")
    (site / "handout.docx").chmod(0o600)
    (site / "mine.txt").write_text("kept", encoding="utf-8")
    assert run(capsys, "study", PRIMARY, "-o", str(site))[0] == 0
    assert mode(site / "handout.docx") == 0o600
    assert (site / "mine.txt").read_text(encoding="utf-8") == "kept"
    assert listing(site) == ["guoqi_guanlirenyuan_chufen_2024.html", "handout.docx", "index.html",
                             "jianchafa_2024.html", "mine.txt", "quiz.html", "study.md", "xingshi_susongfa_2018.html",
                             "zhengwu_chufenfa_2020.html"]


def it_writes_through_a_link_and_into_a_pipe(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(real)
    write_atomic(tmp_path / "link.md", "新")
    assert (tmp_path / "link.md").is_symlink() and real.read_text(encoding="utf-8") == "新"
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(pipe, "管道")
        assert os.read(reader, 100) == "管道".encode()
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(pipe.stat().st_mode)


# -- the -o rule --------------------------------------------------------------------------------

def it_writes_the_handout_alone_under_the_name_given(capsys, tmp_path: Path) -> None:
    handout = tmp_path / "handout.docx"
    assert run(capsys, "study", PRIMARY, "--to", "docx", "-o", str(handout))[0] == 0
    assert handout.is_file()
    assert docx.Document(str(handout)).paragraphs[0].text
    notes = tmp_path / "notes.md"  # without --to, the suffix chooses
    assert run(capsys, "study", PRIMARY, "-o", str(notes))[0] == 0
    assert notes.read_text(encoding="utf-8").startswith("# ")
    assert listing(tmp_path) == ["handout.docx", "notes.md"]


def it_writes_the_format_the_suffix_names(capsys, tmp_path: Path) -> None:
    assert run(capsys, "parse", PRIMARY, "-q", "-o", str(tmp_path / "tree.json"))[0] == 0
    assert json.loads((tmp_path / "tree.json").read_text(encoding="utf-8"))["id"] == PRIMARY
    assert run(capsys, "render", ZHANG, "-o", str(tmp_path / "d.html"))[0] == 0
    assert (tmp_path / "d.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert run(capsys, "render", ZHANG, WANG, "--to", "md", "-o", str(tmp_path / "two"))[0] == 0
    assert listing(tmp_path / "two") == ["wang_yisong.md", "zhang_jiemian.md"]


@pytest.mark.parametrize(("argv", "message"), [
    (["study", PRIMARY, "-o", "{tmp}/site.html"],
     "{tmp}/site.html: names a file, but HTML output is several files and needs a folder "
     "(give a folder name, without a suffix)"),
    (["study", PRIMARY, "--to", "md", "-o", "{tmp}/handout.docx"],
     "{tmp}/handout.docx: a .docx file is DOCX, not Markdown (--to md) (end the name in .md, or leave --to out)"),
    (["render", ZHANG, WANG, "-o", "{tmp}/two.docx"],
     "{tmp}/two.docx: names a file, but 2 case files need a folder (give a folder name, without a suffix)"),
    (["render", ZHANG, "--to", "md", "-o", "{tmp}/x.docx"],
     "{tmp}/x.docx: a .docx file is DOCX, not Markdown (--to md) (end the name in .md, or leave --to out)"),
    (["render", ZHANG, "-o", "{tmp}/x.odt"],
     "{tmp}/x.odt: cannot tell the format from the suffix '.odt' (end the name in .docx, .html, .md or .pdf, "
     "or give --to)"),
    (["parse", PRIMARY, "-o", ""],
     "-o '': the output path is empty (give a file or folder name, or leave -o out to write to standard output)"),
    (["parse", PRIMARY, "--to", "text", "-o", "{tmp}/tree.json"],
     "{tmp}/tree.json: a .json file is JSON, not text (--to text) (end the name in .txt, or leave --to out)"),
    (["parse", PRIMARY, "-o", "{tmp}"],
     "{tmp}: is a folder, and this command writes one file (give a file name)"),
    (["parse", PRIMARY, "-o", "{tmp}/new/"],
     "{tmp}/new/: is a folder, and this command writes one file (give a file name)"),
    (["refs", PRIMARY, "--to", "json", "-o", "{tmp}/refs.md"],
     "{tmp}/refs.md: a .md file is Markdown, not JSON (--to json) (end the name in .json, or leave --to out)"),
    (["export", PRIMARY, "--to", "html", "-o", "{tmp}/x.md"],
     "{tmp}/x.md: a .md file is Markdown, not HTML (--to html) (end the name in .html, or leave --to out)"),
    (["export", PRIMARY, "--all", "--to", "html", "-o", "{tmp}/all"],
     f"give a document or --all, not both ({PRIMARY} and --all)"),
    (["export", "--all", "--to", "html", "-o", "{tmp}/all.html"],
     "{tmp}/all.html: names a file, but --all writes one file per document and needs a folder "
     "(give a folder name, without a suffix)"),
    (["parse", PRIMARY, "-o", "{tmp}/tree.md"],
     "{tmp}/tree.md: a .md file is Markdown, which this command does not write (end the name in .txt or .json)"),
    (["refs", PRIMARY, "-o", "{tmp}/refs.html"],
     "{tmp}/refs.html: a .html file is HTML, which this command does not write (end the name in .txt or .json)"),
], ids=["study-html-file", "study-suffix-contradicts", "render-several-to-file", "render-suffix-contradicts",
        "render-unknown-suffix", "empty-output", "parse-suffix-contradicts", "parse-to-folder", "parse-to-new-folder",
        "refs-suffix-contradicts", "export-suffix-contradicts", "export-doc-and-all", "export-all-to-file",
        "parse-format-it-does-not-write", "refs-format-it-does-not-write"])
def it_refuses_an_output_path_that_contradicts_the_command(capsys, tmp_path: Path, argv: list[str],
                                                          message: str) -> None:
    code, out, err = run(capsys, *[a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert (code, out) == (2, "")
    assert err == f"regtext: error: {message.replace('{tmp}', str(tmp_path))}\n"
    assert listing(tmp_path) == []


# -- all or nothing ---------------------------------------------------------------------------

def fail_on_write(monkeypatch, after: int) -> None:
    """A full disk: opening the ``after``-th file for writing (and every later one) fails."""
    real = os.fdopen
    calls = []

    def fdopen(fd, *args, **kwargs):
        calls.append(1)
        if len(calls) > after:
            os.close(fd)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)


@pytest.mark.parametrize(("argv", "failing"), [
    (["study", PRIMARY, "-o", "{out}"], "{out}/guoqi_guanlirenyuan_chufen_2024.html"),
    (["export", "--all", "--to", "md", "-o", "{out}"], "{out}/beijing_anquanshengchan_2022.md"),
    (["render", ZHANG, WANG, str(ROOT / "examples" / "zhao_jiguo.yaml"), "--to", "md", "-o", "{out}"],
     "{out}/zhao_jiguo.md"),
], ids=["study", "export-all", "render"])
@pytest.mark.parametrize("exists", [False, True], ids=["new-folder", "existing-folder"])
def it_leaves_nothing_behind_when_a_write_fails_midway(capsys, tmp_path: Path, monkeypatch, argv: list[str],
                                                       failing: str, exists: bool) -> None:
    out = tmp_path / "out"
    if exists:
        out.mkdir()
        (out / "mine.txt").write_text("kept", encoding="utf-8")
    fail_on_write(monkeypatch, after=2)
    code, _, err = run(capsys, *[a.replace("{out}", str(out)) for a in argv])
    assert listing(tmp_path) == (["out", "out/mine.txt"] if exists else [])
    assert code == 2
    assert err.splitlines()[-1] == (f"regtext: error: {failing.replace('{out}', str(out))}: "
                                    "cannot write: No space left on device")


def it_names_the_target_not_the_temporary_file(tmp_path: Path, monkeypatch) -> None:
    fail_on_write(monkeypatch, after=0)
    with pytest.raises(OSError) as error:
        write_atomic(tmp_path / "new" / "decision.md", "决定")
    assert (error.value.filename, error.value.strerror) == (str(tmp_path / "new" / "decision.md"),
                                                            "cannot write: No space left on device")
    assert listing(tmp_path) == []


def it_names_the_target_when_the_rename_fails(tmp_path: Path) -> None:
    (tmp_path / "decision.md").mkdir()
    with pytest.raises(IsADirectoryError) as error:
        write_atomic(tmp_path / "decision.md", "决定")
    assert (error.value.filename, error.value.strerror) == (str(tmp_path / "decision.md"), "cannot write: Is a directory")
    assert listing(tmp_path) == ["decision.md"]


def it_counts_the_files_it_wrote_in_words_that_agree(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "study", "jianchafa_2024", "--to", "md", "-o", str(tmp_path / "one") + "/")
    assert (code, err) == (0, f"wrote 1 file to {tmp_path / 'one'}/: study.md\n")


# -- links, devices and pipes -------------------------------------------------------------------

def needs_root_for_devices() -> None:
    if os.geteuid() != 0:
        pytest.skip("creating a device node (mknod) needs root")


@contextmanager
def reading(readable: int, keep_open: int) -> Iterator[list[bytes]]:
    """Read ``readable`` in the background while the block runs (a writer of more than a pipe's
    buffer is not blocked); ``keep_open``, a writing end of our own, is closed when the block ends,
    so the reader ends then even if the writer under test never opened the pipe."""
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(b"".join(iter(lambda: os.read(readable, 65536), b""))))
    reader.start()
    try:
        yield received
    finally:
        os.close(keep_open)
        reader.join()
        os.close(readable)


@pytest.mark.parametrize(("argv", "name"), [
    (["study", PRIMARY, "--to", "md", "-o", "{out}/study.md"], "study.md"),
    (["study", PRIMARY, "-o", "{out}"], "study.md"),
    (["render", ZHANG, WANG, "--to", "md", "-o", "{out}"], "zhang_jiemian.md"),
    (["export", "--all", "--to", "md", "-o", "{out}"], f"{PRIMARY}.md"),
], ids=["study-file", "study-folder", "render-folder", "export-all-folder"])
def it_writes_through_a_link_and_keeps_it(capsys, tmp_path: Path, argv: list[str], name: str) -> None:
    real = tmp_path / "elsewhere" / "real.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    out = tmp_path / "out"
    out.mkdir()
    (out / name).symlink_to(real)
    assert run(capsys, *[a.replace("{out}", str(out)) for a in argv])[0] == 0
    assert (out / name).is_symlink() and os.readlink(out / name) == str(real)
    assert real.read_text(encoding="utf-8").startswith("# "), real.read_text(encoding="utf-8")[:40]
    assert mode(real) == 0o600
    assert listing(tmp_path / "elsewhere") == ["real.md"]


@pytest.mark.parametrize("argv", [
    ["study", PRIMARY, "--to", "md", "-o", "{out}/null.md"],
    ["study", PRIMARY, "-o", "{out}"],
], ids=["study-file", "study-folder"])
def it_writes_into_a_device_and_leaves_it_a_device(capsys, tmp_path: Path, argv: list[str]) -> None:
    needs_root_for_devices()
    for name in ("null.md", "study.md"):
        os.mknod(tmp_path / name, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # /dev/null's numbers
    assert run(capsys, *[a.replace("{out}", str(tmp_path)) for a in argv])[0] == 0
    for name in ("null.md", "study.md"):
        assert stat.S_ISCHR(os.lstat(tmp_path / name).st_mode), name


def it_writes_a_study_through_a_link_into_a_pipe(capsys, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "out.md").symlink_to(pipe)
    readable = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(readable, True)
    with reading(readable, os.open(pipe, os.O_WRONLY)) as received:
        code = run(capsys, "study", PRIMARY, "--to", "md", "-o", str(tmp_path / "out.md"))[0]
    assert code == 0
    assert received[0].decode("utf-8").startswith("# 《安全生产责任追究办法（试行）》学习辅导\n")
    assert stat.S_ISFIFO(pipe.stat().st_mode) and (tmp_path / "out.md").is_symlink()
    assert listing(tmp_path) == ["out.md", "pipe"]


@pytest.mark.parametrize("command", ["parse", "study"])
def it_writes_through_a_link_to_a_descriptor_of_a_pipe(capsys, tmp_path: Path, command: str) -> None:
    """``-o /dev/stdout | less``: /dev/stdout is a link to /proc/self/fd/1, which leads to a pipe
    that has no name a temporary file could be put beside."""
    readable, writable = os.pipe()
    link = tmp_path / ("out.json" if command == "parse" else "out.md")
    link.symlink_to(f"/proc/self/fd/{writable}")
    with reading(readable, writable) as received:
        argv = ["parse", PRIMARY, "-q", "--to", "json"] if command == "parse" else ["study", PRIMARY, "--to", "md"]
        code, _, err = run(capsys, *argv, "-o", str(link))
    assert (code, err) == (0, "" if command == "parse" else f"wrote {link}\n")
    text = received[0].decode("utf-8")
    if command == "parse":
        assert json.loads(text)["id"] == PRIMARY
    else:
        assert text.startswith("# 《安全生产责任追究办法（试行）》学习辅导\n")
    assert listing(tmp_path) == [link.name]


def it_follows_a_dangling_link_into_a_folder_that_exists(capsys, tmp_path: Path) -> None:
    """Like the shell's ``>``: the file the link points to is created, the link kept; but a link
    into a folder that does not exist is a mistake (a moved tree), not folders to create."""
    (tmp_path / "tree.json").symlink_to("made.json")
    assert run(capsys, "parse", PRIMARY, "-q", "-o", str(tmp_path / "tree.json"))[0] == 0
    assert (tmp_path / "tree.json").is_symlink()
    assert json.loads((tmp_path / "made.json").read_text(encoding="utf-8"))["id"] == PRIMARY
    (tmp_path / "moved.json").symlink_to("nowhere/made.json")
    code, out, err = run(capsys, "parse", PRIMARY, "-q", "-o", str(tmp_path / "moved.json"))
    assert (code, out) == (2, "")
    assert err == (f"regtext: error: {tmp_path}/moved.json: cannot write: the link points to "
                   f"{tmp_path}/nowhere/made.json, in a folder that does not exist\n")
    assert listing(tmp_path) == ["made.json", "moved.json", "tree.json"]


def it_names_a_link_loop_as_given(capsys, tmp_path: Path) -> None:
    (tmp_path / "tree.json").symlink_to("loop")
    (tmp_path / "loop").symlink_to("tree.json")
    code, out, err = run(capsys, "parse", PRIMARY, "-q", "-o", str(tmp_path / "tree.json"))
    assert (code, out) == (2, "")
    assert err == f"regtext: error: {tmp_path}/tree.json: cannot write: Too many levels of symbolic links\n"
    assert listing(tmp_path) == ["loop", "tree.json"]


# -- errors name the target as given --------------------------------------------------------------

def it_names_a_full_device_as_given(capsys, tmp_path: Path) -> None:
    """``-o /dev/full``: written to directly, and the full disk is the target's."""
    needs_root_for_devices()
    os.mknod(tmp_path / "full", 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # /dev/full's numbers
    (tmp_path / "full.json").symlink_to(tmp_path / "full")
    for name in ("full", "full.json"):
        code, out, err = run(capsys, "parse", PRIMARY, "-q", "-o", str(tmp_path / name))
        assert (code, out, err) == (2, "", f"regtext: error: {tmp_path / name}: cannot write: No space left on device\n")
    assert stat.S_ISCHR(os.lstat(tmp_path / "full").st_mode)


def it_names_the_target_when_its_folder_takes_no_new_file(capsys) -> None:
    code, out, err = run(capsys, "parse", PRIMARY, "-q", "--to", "json", "-o", "/proc/self/status")
    assert (code, out) == (2, "")
    assert err == ("regtext: error: /proc/self/status: cannot write: cannot create a new file in /proc/self "
                   "(No such file or directory)\n")


def it_names_a_link_as_given_when_writing_through_it_fails(tmp_path: Path) -> None:
    (tmp_path / "real.md").mkdir()
    (tmp_path / "link.md").symlink_to("real.md")
    with pytest.raises(IsADirectoryError) as error:
        write_atomic(tmp_path / "link.md", "决定")
    assert (error.value.filename, error.value.strerror) == (str(tmp_path / "link.md"), "cannot write: Is a directory")


def it_adds_to_a_file_open_on_a_descriptor_it_is_told_to_write(capsys, tmp_path: Path) -> None:
    """``-o /dev/stdout >> log``: the name of a descriptor open on a regular file appends to that
    file, through it; replacing the file would lose the log (and the shell's descriptor)."""
    log = tmp_path / "log"
    log.write_text("earlier\n", encoding="utf-8")
    before = log.stat().st_ino
    appending = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        (tmp_path / "out.json").symlink_to(f"/proc/self/fd/{appending}")
        assert run(capsys, "parse", PRIMARY, "-q", "--to", "json", "-o", str(tmp_path / "out.json"))[0] == 0
    finally:
        os.close(appending)
    first, rest = log.read_text(encoding="utf-8").split("\n", 1)
    assert (first, json.loads(rest)["id"], log.stat().st_ino) == ("earlier", PRIMARY, before)
    assert listing(tmp_path) == ["log", "out.json"]
