"""A round red seal as a PNG, written with zlib alone: a test needs a real picture of a real
size (4.2 cm at 300 dpi, said in the pHYs chunk) without an imaging library."""

from __future__ import annotations

import struct
import zlib

DPI = 300
PER_METRE = round(DPI / 0.0254)     # 11811


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def seal_png(diameter_mm: float = 42.0, dpi: int = DPI) -> bytes:
    """A red ring (1.2 mm wide) with a red star in the middle, transparent elsewhere (RGBA)."""
    size = round(diameter_mm / 25.4 * dpi)
    r_out, r_in, r_star = size / 2, max(0, size / 2 - 1.2 / 25.4 * dpi), size / 8
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")    # filter type 0
        dy = y + 0.5 - size / 2
        for x in range(size):
            dx = x + 0.5 - size / 2
            d2 = dx * dx + dy * dy
            red = r_in * r_in <= d2 <= r_out * r_out or d2 <= r_star * r_star
            row += b"\xd0\x10\x10\xff" if red else b"\x00\x00\x00\x00"
        rows.append(bytes(row))
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    per_metre = round(dpi / 0.0254)
    phys = struct.pack(">IIB", per_metre, per_metre, 1)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"pHYs", phys)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))
