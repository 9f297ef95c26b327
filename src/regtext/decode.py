"""Bytes → text: UTF-8 as published, GB18030 as often found in the wild, never a binary file."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError

#: Control characters that never occur in a published text (tab, LF, CR, FF excluded).
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


class Decoded:
    """(A plain class: a dataclass costs about a millisecond of code generation at every start.)"""

    __slots__ = ("text", "encoding")

    def __init__(self, text: str, encoding: str) -> None:
        self.text = text
        self.encoding = encoding  # "utf-8" or "gb18030"


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a file, or InputError (missing, a directory, unreadable) in one line."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", where=str(path), hint="give a corpus id or an existing file path")
    if p.is_dir():
        raise InputError("is a directory, not a text file", where=str(path))
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", where=str(path)) from None


def looks_like_xml(data: bytes) -> bool:
    """Akoma Ntoso rather than published text (checked before decoding; lxml is loaded only then)."""
    head = data.lstrip()[:200]
    return head.startswith(b"<?xml") or head.startswith(b"<akomaNtoso") or head.startswith(b"<!DOCTYPE")


def decode(data: bytes, where: str = "<bytes>") -> Decoded:
    if not data.strip():
        raise InputError("file is empty", where=where, hint="expected the text of a regulation")
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if b"\x00" in sample or controls > len(sample) // 100:
        raise InputError("binary file, not text", where=where, hint="expected UTF-8 or GB18030 text")
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
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text[:4096]):
        raise InputError("not UTF-8 and no Chinese text in it", where=where, hint="convert the file to UTF-8")
    return Decoded(text, "gb18030")
