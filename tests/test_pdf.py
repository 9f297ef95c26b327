"""``render --to pdf``: the DOCX typeset by LibreOffice (regtext.publish.pdf).

With the real LibreOffice (marked libreoffice): the PDF holds the document's text, character for
character, on A4 pages.  With a fake ``soffice`` on PATH (a shell script that logs its calls):
a folder of cases goes through ONE soffice call and each PDF lands under its case's name; a
failing soffice is reported with its own words; one that hangs is stopped, its children too; a
private profile is used and removed; and without soffice the message names the Debian package."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path
from types import ModuleType

import pytest

from regtext.cli import main
from regtext.publish import pdf
from regtext.render import render_case
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
THREE = ["zhang_jiemian", "wang_yisong", "huagong_tongbao"]
PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
A4 = (595.28, 841.89)  # points
MM = 72 / 25.4

# The fake soffice logs each call (its arguments, one line), then does what FAKE_MODE says:
# "copy" writes each DOCX's bytes to OUTDIR/<stem>.pdf, "fail" complains and exits 1, "hang"
# starts a child that sleeps and waits for it (its pid in FAKE_PID), "skiplast" copies all but the
# last DOCX, says it could not load that one and exits 0 (as LibreOffice does).
FAKE = r"""#!/bin/sh
echo "$@" >> "$FAKE_LOG"
case "$FAKE_MODE" in
  fail) echo "Error: source file could not be loaded" >&2; exit 1 ;;
  hang) sleep 300 & echo $! > "$FAKE_PID"; wait; exit 0 ;;
esac
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift ;;
    *.docx) [ "$FAKE_MODE" = skiplast ] && [ $# -eq 1 ] && echo "Error: source file could not be loaded: $1" && exit 0
            cp "$1" "$out/$(basename "$1" .docx).pdf" ;;
  esac
  shift
done
"""


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake soffice first on PATH; returns its log."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "soffice").write_text(FAKE, encoding="utf-8")
    (bin_ / "soffice").chmod(0o755)
    log = tmp_path / "calls.log"
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_MODE", "copy")
    monkeypatch.setenv("FAKE_PID", str(tmp_path / "child.pid"))
    return log


def _calls(log: Path) -> list[list[str]]:
    return [line.split() for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


def _cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in THREE:
        (folder / f"{name}.yaml").write_bytes((EXAMPLES / f"{name}.yaml").read_bytes())
    return folder


# --- with a fake soffice -----------------------------------------------------------------------

def it_converts_a_folder_of_three_cases_in_one_soffice_call_named_after_the_cases(tmp_path: Path, fake: Path) -> None:
    out = tmp_path / "out"
    assert main(["render", str(_cases(tmp_path)), "--to", "pdf", "-o", str(out)]) == 0
    calls = _calls(fake)
    assert len(calls) == 1
    args = calls[0]
    assert args[args.index("--convert-to") + 1] == "pdf" and "--headless" in args
    assert [Path(a).name for a in args if a.endswith(".docx")] == ["d00000.docx", "d00001.docx", "d00002.docx"]
    # the fake copied each DOCX: every PDF holds its own case's document, under the case's name
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.pdf" for name in THREE)
    for name in THREE:
        assert (out / f"{name}.pdf").read_bytes() == render_case(EXAMPLES / f"{name}.yaml").to("docx")


def it_runs_soffice_with_a_private_profile_that_is_removed_afterwards(tmp_path: Path, fake: Path) -> None:
    assert main(["render", str(EXAMPLES / "zhang_jiemian.yaml"), "-o", str(tmp_path / "z.pdf")]) == 0
    (profile,) = [a for a in _calls(fake)[0] if a.startswith("-env:UserInstallation=")]
    folder = Path(profile.removeprefix("-env:UserInstallation=file://"))
    assert folder.name == "profile" and folder.parent.name.startswith("regtext-pdf-")
    assert not folder.parent.exists()
    assert (tmp_path / "z.pdf").read_bytes() == render_case(EXAMPLES / "zhang_jiemian.yaml").to("docx")


def it_converts_bytes_to_bytes_and_a_list_to_a_list_in_one_call(fake: Path) -> None:
    assert pdf.docx_to_pdf(b"one") == b"one"
    assert pdf.docx_to_pdf([b"a", b"bb", b"ccc"]) == [b"a", b"bb", b"ccc"]
    assert len(_calls(fake)) == 2
    assert pdf.docx_to_pdf([]) == [] and len(_calls(fake)) == 2


def it_reports_a_failing_soffice_with_its_own_words_and_writes_nothing(
        tmp_path: Path, fake: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FAKE_MODE", "fail")
    out = tmp_path / "out"
    assert main(["render", str(_cases(tmp_path)), "--to", "pdf", "-o", str(out)]) == 2
    assert len(_calls(fake)) == 1
    err = capsys.readouterr().err
    assert ("regtext: error: LibreOffice could not convert the DOCX to PDF (exit code 1): "
            "Error: source file could not be loaded (render a DOCX with --to docx") in err
    assert not out.exists()


def it_names_the_case_whose_pdf_libreoffice_did_not_make_even_when_it_exits_0(
        tmp_path: Path, fake: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FAKE_MODE", "skiplast")
    folder, out = _cases(tmp_path), tmp_path / "out"
    assert main(["render", str(folder), "--to", "pdf", "-o", str(out)]) == 2
    last = folder / "zhang_jiemian.yaml"  # the folder's cases in order: huagong_tongbao, wang_yisong, zhang_jiemian
    assert (f"regtext: error: LibreOffice could not convert the DOCX to PDF (no PDF of {last}): "
            f"Error: source file could not be loaded: {last} (render a DOCX") in capsys.readouterr().err
    assert not out.exists()


def it_stops_a_hanging_soffice_and_its_children_after_the_time_limit(
        tmp_path: Path, fake: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FAKE_MODE", "hang")
    monkeypatch.setenv(pdf.TIMEOUT_ENV, "1")
    assert main(["render", str(EXAMPLES / "zhang_jiemian.yaml"), "-o", str(tmp_path / "z.pdf")]) == 2
    assert ("regtext: error: LibreOffice did not finish converting to PDF within 1 s (stopped) "
            f"(set {pdf.TIMEOUT_ENV} to more seconds") in capsys.readouterr().err
    child = int((tmp_path / "child.pid").read_text())
    assert _gone(child)
    assert not (tmp_path / "z.pdf").exists()


def _gone(pid: int) -> bool:
    """Whether the process has ended (a zombie waiting for its parent counts as ended)."""
    for _ in range(100):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("value", ["abc", "0", "-5", "inf", "nan"])
def it_refuses_a_time_limit_that_is_not_a_positive_number(
        value: str, fake: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(pdf.TIMEOUT_ENV, value)
    assert main(["render", str(EXAMPLES / "zhang_jiemian.yaml"), "--to", "pdf"]) == 2
    assert f"regtext: error: {pdf.TIMEOUT_ENV}={value!r}: not a number of seconds above 0" in capsys.readouterr().err
    assert _calls(fake) == []


def it_names_the_debian_package_and_the_docx_way_when_soffice_is_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["render", str(EXAMPLES / "zhang_jiemian.yaml"), "-o", str(tmp_path / "z.pdf")]) == 2
    assert capsys.readouterr().err == (
        "regtext: error: cannot write PDF: LibreOffice (soffice) is not installed or not on PATH (install it "
        "(Debian: apt-get install libreoffice-writer-nogui), or render a DOCX instead with --to docx "
        "(or -o NAME.docx))\n")
    assert not (tmp_path / "z.pdf").exists()
    with pytest.raises(pdf.ConversionError):
        render_case(EXAMPLES / "zhang_jiemian.yaml").to("pdf")


TRAILER = (b"/CreationDate(D:20261129124254Z')>>\nendobj\nxref\n0 29\ntrailer\n<</Size 29/Root 27 0 R\n/Info 28 0 R\n"
           b"/ID [ <9C60A08444C0B2651685396884B9B0DC>\n<9C60A08444C0B2651685396884B9B0DC> ]\n"
           b"/DocChecksum /58F6B4E40666EB2AFE6EE9680D9C266A\n>>\nstartxref\n137321\n%%EOF\n")


def it_takes_the_time_of_the_run_out_of_the_pdf_keeping_every_length() -> None:
    import hashlib

    steady = pdf.steady(TRAILER)
    assert len(steady) == len(TRAILER)
    blanked = TRAILER.replace(b"/CreationDate(D:20261129124254Z')", b" " * 33).replace(
        b"/DocChecksum /58F6B4E40666EB2AFE6EE9680D9C266A", b" " * 46)
    zeroed = blanked.replace(b"9C60A08444C0B2651685396884B9B0DC", b"0" * 32)
    digest = hashlib.md5(zeroed).hexdigest().upper().encode()
    assert steady == blanked.replace(b"9C60A08444C0B2651685396884B9B0DC", digest)
    later = TRAILER.replace(b"20261129124254", b"20261130080000").replace(b"9C60A0", b"1234AB")
    assert pdf.steady(later) == steady


# --- with LibreOffice --------------------------------------------------------------------------

def _office() -> ModuleType:
    office: ModuleType = pytest.importorskip("tests.support.office", reason="tests/support/office.py not available")
    office.require_libreoffice()
    return office


def _text_of(pdf_path: Path, office: ModuleType) -> str:
    lines = [line for page in office.pdf_text_layout(pdf_path) for line in page]
    return re.sub(r"\s", "", "".join(line for line in lines if not PAGE_NUMBER.match(line.strip())))


def _document_text(case: Path) -> str:
    return re.sub(r"\s", "", "".join(p.text for p in render_case(case).paragraphs))


def _page_sizes(pdf_path: Path) -> set[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf_path)], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    return {(float(w), float(h)) for w, h in re.findall(r"^Page +\d+ size: +([\d.]+) x ([\d.]+) pts", out, re.M)}


@pytest.mark.libreoffice
def it_writes_an_examples_pdf_with_the_documents_text_on_a4_pages(tmp_path: Path) -> None:
    office = _office()
    case = EXAMPLES / "yingji_ju_jiancha.yaml"
    assert main(["render", str(case), "-o", str(tmp_path / "y.pdf")]) == 0
    assert _text_of(tmp_path / "y.pdf", office) == _document_text(case)
    (size,) = _page_sizes(tmp_path / "y.pdf")
    assert abs(size[0] - A4[0]) < 0.3 * MM and abs(size[1] - A4[1]) < 0.3 * MM
    # another LibreOffice run, seconds later, through the Python API: the same bytes
    assert render_case(case).to("pdf") == (tmp_path / "y.pdf").read_bytes()


@pytest.mark.libreoffice
def it_writes_each_pdf_of_a_folder_with_its_own_documents_text(tmp_path: Path) -> None:
    office = _office()
    out = tmp_path / "out"
    assert main(["render", str(_cases(tmp_path)), "--to", "pdf", "-o", str(out)]) == 0
    for name in THREE:
        assert _text_of(out / f"{name}.pdf", office) == _document_text(EXAMPLES / f"{name}.yaml"), name


@pytest.mark.libreoffice
def it_gives_a_document_the_same_pdf_bytes_alone_and_in_a_batch() -> None:
    """LibreOffice numbers the Type 1 font subsets of a process (/UniqueID 4100001 …): the third
    document of a batch had other font bytes than the same document alone (attack13 item 17)."""
    _office()
    alone, other = (render_case(EXAMPLES / f"{name}.yaml").to("docx") for name in ("zhang_jiemian", "wang_yisong"))
    single = pdf.docx_to_pdf(alone)
    batch = pdf.docx_to_pdf([other, alone])
    assert batch[1] == single
