"""Parts → the bytes of a .docx (an OPC package: a zip file).

Deterministic on purpose: a fixed date (1980-01-01, the zip epoch), no platform attributes, and
the caller's part order — so the same document always gives the same bytes and a rendered
decision can be compared or cached by hash.  The content types come first, as OPC readers
expect.  The zip is written here rather than through ``zipfile`` so that the parts every
document shares (styles, settings, footers …) are compressed once per process, not once per
document: a folder of a thousand decisions then costs a thousand document.xml, not ten thousand
parts.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1    # 1980-01-01 00:00:00
_VERSION = 20                                         # 2.0: deflate
_compressed: dict[tuple[str, str | bytes], tuple[int, bytes, int]] = {}


def _deflate(text: str | bytes) -> tuple[int, bytes, int]:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return zlib.crc32(data), packer.compress(data) + packer.flush(), len(data)


def _member(name: str, text: str | bytes, shared: bool) -> tuple[int, bytes, int]:
    if not shared:
        return _deflate(text)
    key = (name, text)
    if key not in _compressed:
        _compressed[key] = _deflate(text)
    return _compressed[key]


def zip_parts(items: Iterable[tuple[str, str | bytes]], shared: frozenset[str] = frozenset()) -> bytes:
    """Each (name, XML text or bytes — a picture) as one deflated member, in the order given; the members named in
    ``shared`` are the same for every document and compressed once."""
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, text in items:
        crc, data, size = _member(name, text, name in shared)
        raw = name.encode("utf-8")
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, _VERSION, 0, 8, _DOS_TIME, _DOS_DATE, crc, len(data),
                             size, len(raw), 0) + raw
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, _VERSION, _VERSION, 0, 8, _DOS_TIME,
                                   _DOS_DATE, crc, len(data), size, len(raw), 0, 0, 0, 0, 0, offset) + raw)
        local += (header, data)
        offset += len(header) + len(data)
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(local) + directory + end
