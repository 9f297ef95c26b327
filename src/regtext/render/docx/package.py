"""Parts → the bytes of a .docx (an OPC package: a zip file).

Deterministic on purpose: a fixed date (1980-01-01, the zip epoch), fixed permissions and
creator system, and the caller's part order — so the same document always gives the same bytes
and a rendered decision can be compared or cached by hash.  The content types come first, as
OPC readers expect.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_parts(items: Iterable[tuple[str, str]]) -> bytes:
    """Each (name, XML text) as one deflated member, in the order given."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in items:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0          # not the platform's: the same bytes on every OS
            info.external_attr = 0
            zf.writestr(info, text.encode("utf-8"), compresslevel=6)
    return buf.getvalue()
