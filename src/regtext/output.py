"""Writing results: atomically, so a failed run never leaves a half-written file behind.

The data goes to a temporary file in the target's folder, which then replaces the target in one
rename: a reader sees the old file or the new one, never a part.  (No fsync: that would make it
survive a power cut, at a millisecond a file, which a folder of a thousand decisions feels.)"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from pathlib import Path

_serial = itertools.count()


def write_atomic(path: str | Path, data: str | bytes | Iterable[str] | Iterable[bytes]) -> None:
    """Write ``data`` (or its pieces, as they come) to ``path`` through a temporary file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            elif isinstance(data, str):
                handle.write(data.encode("utf-8"))
            else:
                for piece in data:
                    handle.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new file next to ``target``, created exclusively (never someone else's file), with the
    permissions of any new file (0666 less the umask) rather than tempfile's private 0600.
    (Not ``tempfile``: it is imported, and seeds a random generator, on every run of the CLI.)"""
    while True:
        tmp = target.parent / f".{target.name}.{os.getpid()}-{next(_serial)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue
