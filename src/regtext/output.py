"""Writing results: atomically, so a failed run never leaves a half-written file behind.

The data goes to a temporary file in the target's folder, which then replaces the target in one
rename: a reader sees the old file or the new one, never a part.  (No fsync: that would make it
survive a power cut, at a millisecond a file, which a folder of a thousand decisions feels.)"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: str | Path, data: str | bytes | Iterable[str] | Iterable[bytes]) -> None:
    """Write ``data`` (or its pieces, as they come) to ``path`` through a temporary file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            elif isinstance(data, str):
                handle.write(data.encode("utf-8"))
            else:
                for piece in data:
                    handle.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
