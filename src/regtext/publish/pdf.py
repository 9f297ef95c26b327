"""DOCX → PDF by LibreOffice, the office suite many organs print from (and the one the PDF tests
measure): regtext lays the page out once, in its DOCX, and LibreOffice only typesets it.

    from regtext.publish.pdf import docx_to_pdf
    pdf = docx_to_pdf(docx_bytes)                 # one document
    pdfs = docx_to_pdf([docx_a, docx_b, docx_c])  # several: ONE soffice process for all of them

Each call runs ``soffice --headless --convert-to pdf`` once, with a private user profile (a new
temporary folder, removed afterwards: parallel runs never share or lock a profile) and a time
limit, after which the whole process group is killed (soffice forks soffice.bin; killing only the
first would leave the second running).  Starting LibreOffice costs seconds and converting one more
page a fraction of that, so a batch goes through one process.  The time of the run that
LibreOffice stamps into the PDF is taken out (steady): the same DOCX gives the same PDF bytes.
``REGTEXT_SOFFICE_TIMEOUT`` (seconds) overrides the time limit of every call, e.g. for a slow
machine.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import overload

from ..errors import RegtextError

#: The Debian package that brings ``soffice`` without a desktop.
PACKAGE = "libreoffice-writer-nogui"
TIMEOUT_ENV = "REGTEXT_SOFFICE_TIMEOUT"
#: Seconds for starting LibreOffice with a new profile, and for each document converted.
BASE_TIMEOUT = 120.0
PER_DOCUMENT_TIMEOUT = 10.0


class ConversionError(RegtextError):
    """LibreOffice is missing, failed, or did not finish in time: the PDF cannot be made here.
    Exit code 2; the DOCX can still be rendered and printed from any word processor."""


def soffice() -> str:
    """The path of LibreOffice's ``soffice`` on PATH, or a ConversionError saying how to get it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ConversionError("cannot write PDF: LibreOffice (soffice) is not installed or not on PATH",
                              hint=f"install it (Debian: apt-get install {PACKAGE}), "
                                   "or render a DOCX instead with --to docx (or -o NAME.docx)")
    return found


def require(count: int = 1) -> None:
    """Fail now, before any document is rendered, where no PDF of ``count`` documents can be made:
    soffice missing, or REGTEXT_SOFFICE_TIMEOUT not a number of seconds."""
    soffice()
    timeout_for(count)


def timeout_for(count: int) -> float:
    """The time limit of one conversion of ``count`` documents: REGTEXT_SOFFICE_TIMEOUT when set."""
    value = os.environ.get(TIMEOUT_ENV)
    if value is None:
        return BASE_TIMEOUT + PER_DOCUMENT_TIMEOUT * count
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not (seconds > 0 and math.isfinite(seconds)):
        raise ConversionError(f"{TIMEOUT_ENV}={value!r}: not a number of seconds above 0",
                              hint=f"set it to e.g. 300, or unset it for {BASE_TIMEOUT:.0f} s "
                                   f"+ {PER_DOCUMENT_TIMEOUT:.0f} s a document")
    return seconds


@overload
def docx_to_pdf(docx: bytes, *, timeout: float | None = None, names: Sequence[str] | None = None) -> bytes: ...
@overload
def docx_to_pdf(docx: Sequence[bytes], *, timeout: float | None = None,
                names: Sequence[str] | None = None) -> list[bytes]: ...


def docx_to_pdf(docx: bytes | Sequence[bytes], *, timeout: float | None = None,
                names: Sequence[str] | None = None) -> bytes | list[bytes]:
    """The PDF of a DOCX (bytes → bytes), or of each of several (list → list, in order, in one
    LibreOffice process).  ``timeout``: seconds for the whole call (default: see timeout_for).
    ``names``: what an error calls each document (e.g. its case file), instead of LibreOffice's
    temporary file.  Raises ConversionError when LibreOffice is missing, fails, or runs out of time."""
    if isinstance(docx, (bytes, bytearray)):
        return _convert([bytes(docx)], timeout, names)[0]
    return _convert(list(docx), timeout, names)


def _convert(documents: list[bytes], timeout: float | None, names: Sequence[str] | None) -> list[bytes]:
    """Each DOCX of ``documents`` as PDF, converted by one soffice call in a temporary folder."""
    if not documents:
        return []
    if names is not None and len(names) != len(documents):
        raise ValueError(f"{len(names)} names for {len(documents)} documents")
    program = soffice()
    limit = timeout if timeout is not None else timeout_for(len(documents))
    with tempfile.TemporaryDirectory(prefix="regtext-pdf-") as tmp:
        work = Path(tmp)
        sources = [work / "in" / f"d{i:05d}.docx" for i in range(len(documents))]
        sources[0].parent.mkdir()
        for path, data in zip(sources, documents, strict=True):
            path.write_bytes(data)
        out = work / "out"
        out.mkdir()
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                   "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)]
        named = dict(zip(map(str, sources), names or [f"document {i + 1}" for i in range(len(sources))], strict=True))
        code, output = _run(command, limit)
        for temporary, name in named.items():  # LibreOffice's words name the documents as the caller does
            output = output.replace(temporary, name)
        missing = [named[str(p)] for p in sources if not (out / f"{p.stem}.pdf").is_file()]
        if code != 0 or missing:
            what = f"exit code {code}" if code != 0 else f"no PDF of {', '.join(missing)}"
            raise ConversionError(f"LibreOffice could not convert the DOCX to PDF ({what})" + _shown(output),
                                  hint="render a DOCX with --to docx and open it in a word processor, "
                                       "or check that soffice converts it")
        return [steady((out / f"{p.stem}.pdf").read_bytes()) for p in sources]


_RUN_STAMPS = re.compile(rb"/CreationDate\([^)]*\)|/DocChecksum\s*/[0-9A-F]{32}")
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-F]{32})(>\s*<)([0-9A-F]{32})(>\s*\])")


def steady(pdf: bytes) -> bytes:
    """The same DOCX gives the same PDF bytes, as it gives the same DOCX bytes: LibreOffice stamps
    the time of the run (CreationDate in the document information) and a checksum and file ID
    made from it (in the trailer).  The first two become spaces, the ID the MD5 of what is left;
    every length stays, so the byte offsets of the cross-reference table stay right."""
    blanked = _RUN_STAMPS.sub(lambda m: b" " * len(m.group(0)), _fonts_of_its_own(pdf))
    digest = hashlib.md5(_ID.sub(lambda m: m.group(1) + b"0" * 32 + m.group(3) + b"0" * 32 + m.group(5), blanked),
                         usedforsecurity=False).hexdigest().upper().encode()
    return _ID.sub(lambda m: m.group(1) + digest + m.group(3) + digest + m.group(5), blanked)


_TYPE1 = re.compile(rb"<</Length (\d+) 0 R/Filter/FlateDecode/Length1 (\d+)/Length2 (\d+)/Length3 (\d+)>>\s*stream\r?\n")
_UNIQUE_ID = re.compile(rb"/UniqueID (\d+) def")
_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def _fonts_of_its_own(pdf: bytes) -> bytes:
    """The PDF as if its LibreOffice process had converted nothing before it.  LibreOffice numbers
    the embedded Type 1 font subsets of a process 4100001, 4100002 … (``/UniqueID``, in the font's
    clear text and again in its eexec-encrypted part), so a document converted third in a batch
    had other bytes than the same document converted alone (attack13 item 17).  Each font's
    UniqueID becomes 4100000 + its place in this document; as the font streams are then
    compressed anew (by zlib, fixed level, whichever way it came), the objects move, and the
    cross-reference table is written again.  A PDF of another shape is returned as it is."""
    xref = _XREF.search(pdf)
    if xref is None or not _TYPE1.search(pdf):
        return pdf
    table = int(xref.group(1))
    head = re.match(rb"xref\r?\n0 (\d+)\r?\n", pdf[table:table + 40])
    if head is None:
        return pdf
    count, start = int(head.group(1)), table + head.end()
    entries = [pdf[start + 20 * i:start + 20 * i + 20] for i in range(count)]
    if any(len(e) != 20 or e[17:18] not in (b"n", b"f") for e in entries):
        return pdf
    offsets = {i: int(e[:10]) for i, e in enumerate(entries) if e[17:18] == b"n"}
    order = sorted(offsets, key=offsets.__getitem__)
    if not order:
        return pdf
    ends = {n: offsets[m] for n, m in zip(order, order[1:], strict=False)} | {order[-1]: table}
    objects = {n: pdf[offsets[n]:ends[n]] for n in order}
    fonts = 0
    for n in order:
        match = _TYPE1.search(objects[n])
        if match is None:
            continue
        fonts += 1
        length_obj = int(match.group(1))
        stated = re.search(rb"obj\s*(\d+)\s*endobj", objects.get(length_obj, b""))
        if stated is None:
            return pdf
        try:
            data = zlib.decompress(objects[n][match.end():match.end() + int(stated.group(1))])
        except zlib.error:
            return pdf
        clear_len, secret_len = int(match.group(2)), int(match.group(3))
        clear = _UNIQUE_ID.sub(b"/UniqueID %d def" % (4100000 + fonts), data[:clear_len], count=1)
        secret = _eexec(_UNIQUE_ID.sub(b"/UniqueID %d def" % (4100000 + fonts),
                                       _eexec(data[clear_len:clear_len + secret_len], decrypt=True), count=1))
        packed = zlib.compress(clear + secret + data[clear_len + secret_len:], 9)
        objects[n] = (objects[n][:match.start()]
                      + b"<</Length %d 0 R/Filter/FlateDecode/Length1 %d/Length2 %d/Length3 %s>>\nstream\n"
                      % (length_obj, len(clear), len(secret), match.group(4))
                      + packed + b"\nendstream\nendobj\n")
        objects[length_obj] = b"%d 0 obj\n%d\nendobj\n" % (length_obj, len(packed))
    out = bytearray(pdf[:offsets[order[0]]])
    for n in order:
        offsets[n] = len(out)
        out += objects[n]
    moved = len(out)
    out += b"xref\n0 %d\n" % count
    for i, entry in enumerate(entries):
        out += b"%010d 00000 n \n" % offsets[i] if i in offsets else entry
    tail = pdf[start + 20 * count:xref.start()]
    return bytes(out + tail + b"startxref\n%d\n%%%%EOF\n" % moved)


def _eexec(data: bytes, decrypt: bool = False) -> bytes:
    """Type 1 eexec encryption (Adobe Type 1 Font Format, 7.2): its key chains on the cipher text."""
    r, out = 55665, bytearray(len(data))
    for i, byte in enumerate(data):
        cipher = byte if decrypt else byte ^ (r >> 8)
        out[i] = byte ^ (r >> 8)
        r = ((cipher + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def _run(command: list[str], timeout: float) -> tuple[int, str]:
    """Exit code and output (stdout, then stderr) of ``command``; its whole process group killed
    and a ConversionError raised when it runs longer than ``timeout`` seconds."""
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
    except OSError as exc:
        raise ConversionError(f"cannot start {command[0]}: {exc.strerror or exc}",
                              hint=f"reinstall LibreOffice (Debian: {PACKAGE})") from None
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc.pid)
        out, err = proc.communicate()
        raise ConversionError(f"LibreOffice did not finish converting to PDF within {timeout:g} s (stopped)"
                              + _shown(out + err),
                              hint=f"set {TIMEOUT_ENV} to more seconds, or render fewer documents at once") from None
    except BaseException:  # Ctrl-C: leave no LibreOffice behind
        _kill_group(proc.pid)
        proc.communicate()
        raise
    _kill_group(proc.pid)  # soffice.bin may outlive a soffice that exited (the group id stays its own)
    return proc.returncode, (out + err).decode("utf-8", "replace")


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group has already ended
        os.killpg(pid, signal.SIGKILL)


def _shown(output: str | bytes) -> str:
    """LibreOffice's own words (its last lines), for the one-line error."""
    text = output.decode("utf-8", "replace") if isinstance(output, bytes) else output
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return ": " + " | ".join(lines[-5:]) if lines else ""
