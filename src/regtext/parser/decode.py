"""Bytes → text: UTF-8 as published, GB18030 as often found in the wild, UTF-16/32 with a byte
order mark as some editors save it, never a binary file — and never more than a file of its kind
can sensibly be (``/dev/zero`` is a file too)."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError

_MiB = 1024 * 1024

#: The largest file of each kind regtext reads.  The longest bundled law (刑事诉讼法) is 115 KB and
#: the benchmark's synthetic 20,000-article text 32 MB; its Akoma Ntoso is about 2.3 times the
#: text; the bundled YAML files and templates are a few KB.
LIMITS = {
    "text": 64 * _MiB,        # a regulation as published
    "xml": 160 * _MiB,        # a regulation as Akoma Ntoso
    "yaml": 1 * _MiB,         # case files, rulebooks, annotations, corpus metadata (the bundled: ≤ 10 KB)
    "template": 1 * _MiB,     # decision templates
}

#: Control characters that never occur in a published text (tab, LF, CR, FF excluded).
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))

#: Byte order marks that name an encoding other than UTF-8, longest first (UTF-32 LE starts
#: with the UTF-16 LE mark).  The text keeps its U+FEFF, which normalisation removes (N102).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: The warning a parse reports for each encoding that is not UTF-8.
ENCODING_DIAGNOSTICS = {
    "gb18030": "N107",
    "utf-16-le": "N108", "utf-16-be": "N108", "utf-32-le": "N108", "utf-32-be": "N108",
}


class Decoded:
    """(A plain class: a dataclass costs about a millisecond of code generation at every start.)"""

    __slots__ = ("text", "encoding")

    def __init__(self, text: str, encoding: str) -> None:
        self.text = text
        self.encoding = encoding  # "utf-8", "gb18030", "utf-16-le" …


def read_bytes(path: str | Path, kind: str = "text") -> bytes:
    """The bytes of a file, at most ``LIMITS[kind]``, or InputError (missing, a directory,
    unreadable, too large) in one line.  Reads at most one byte past the limit, so a device or
    a pipe that never ends is refused as soon as it is known to be too large."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", where=str(path), hint="give a corpus id or an existing file path")
    if p.is_dir():
        raise InputError("is a directory, not a text file", where=str(path))
    limit = LIMITS[kind]
    try:
        with p.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", where=str(path)) from None
    if len(data) > limit:
        raise InputError(f"file is larger than {_size(limit)}, the limit for a {_NAMES[kind]}",
                         where=str(path), hint="is this the right file?")
    return data


def _size(limit: int) -> str:
    return f"{limit // _MiB} MiB" if limit % _MiB == 0 else f"{limit:,} bytes"


_NAMES = {"text": "regulation text", "xml": "Akoma Ntoso file", "yaml": "YAML file", "template": "template"}


def read_utf8(path: str | Path, kind: str) -> str:
    """A UTF-8 file of a bounded ``kind`` (YAML, a template) as text; a UTF-8 byte order mark is
    dropped, as every YAML reader does."""
    data = read_bytes(path, kind)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {exc.start}, line {line})", where=str(path),
                         hint="save the file as UTF-8") from None


def looks_like_xml(data: bytes) -> bool:
    """Akoma Ntoso rather than published text (checked before decoding; lxml is loaded only then)."""
    head = data.lstrip()[:200]
    return head.startswith(b"<?xml") or head.startswith(b"<akomaNtoso") or head.startswith(b"<!DOCTYPE")


def decode(data: bytes, where: str = "<bytes>") -> Decoded:
    if not data.strip():
        raise InputError("file is empty", where=where, hint="expected the text of a regulation")
    marked = _decode_marked(data, where)
    if marked is not None:
        return marked
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if b"\x00" in sample or controls > len(sample) // 100:
        raise InputError("binary file, not text", where=where,
                         hint="expected UTF-8 or GB18030 text, or UTF-16 with a byte order mark")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            f"not UTF-8 (byte {utf8_error.start}) and not GB18030 text", where=where,
            hint="convert the file to UTF-8",
        ) from None
    if not _has_chinese(text):
        raise InputError("not UTF-8 and no Chinese text in it", where=where, hint="convert the file to UTF-8")
    return Decoded(text, "gb18030")


def _decode_marked(data: bytes, where: str) -> Decoded | None:
    """UTF-16 or UTF-32 text announced by its byte order mark; None without one.  The decoded
    text must still read as Chinese text: a mark in front of binary data is not enough."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        return None
    label = encoding[:6].upper()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"starts with a {label} byte order mark but is not {label} text (byte {exc.start})",
                         where=where, hint="convert the file to UTF-8") from None
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\f\r")
    if "\x00" in sample or controls > len(sample) // 100 or not _has_chinese(text):
        raise InputError(f"starts with a {label} byte order mark but is not {label} Chinese text",
                         where=where, hint="convert the file to UTF-8")
    return Decoded(text, encoding)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text[:4096])
