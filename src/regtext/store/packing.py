"""How a store compresses its texts' bytes: zlib with a preset dictionary (``zdict.txt``: 32 KiB
of legal text, the end of the bundled corpus's texts in id order).

Why a dictionary: an article, or a short text, is too small for zlib to find many repeats in it
alone; with the dictionary it finds 第…条, 应当, 依照…规定 from the first byte (the national
articles for search: 77 → 40 MB; the texts as received: 10 % smaller than zlib alone).  zlib
checks the dictionary when it reads (its Adler-32 is in every stream), so a blob packed with
another dictionary is refused, never read as other text; changing ``zdict.txt`` therefore needs a
new store format (db.STORE_FORMAT).
"""

from __future__ import annotations

import zlib
from pathlib import Path

ZDICT = (Path(__file__).parent / "zdict.txt").read_bytes()


def pack(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zdict=ZDICT)
    return packer.compress(data) + packer.flush()


def unpack(blob: bytes) -> bytes:
    """What ``pack`` stored (zlib.error for anything else)."""
    unpacker = zlib.decompressobj(zdict=ZDICT)
    return unpacker.decompress(blob) + unpacker.flush()
