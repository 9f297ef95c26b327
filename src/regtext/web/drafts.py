"""Drafts: case files in one folder (``regtext serve --cases DIR``), the same files the CLI reads.

A request names a draft by a plain name, never by a path: the name is checked against a closed
pattern (no separator, no ``..``, no leading dot), the file is ``DIR/<name>.yaml`` and must be a
regular file directly in DIR (a symbolic link is refused, wherever it points), so no request
reaches any other file.  Nothing is written anywhere but DIR.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..errors import InputError, NotFound, UsageError
from ..output import write_atomic
from ..parser.decode import LIMITS, read_utf8

#: A draft's name: letters (Chinese included), digits, ``_``, ``-`` and inner dots; at most 100.
NAME = re.compile(r"^[^\W_][\w.\-]{0,99}$")
SUFFIX = ".yaml"


class Drafts:
    """The folder of drafts; every name a request gives goes through :meth:`path`."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).resolve()
        if not self.folder.is_dir():
            raise UsageError(f"{folder}: no such folder", hint="create it, or give --cases an existing folder")

    def path(self, name: str) -> Path:
        """DIR/<name>.yaml, or UsageError for a name that is not a plain draft name."""
        base = name.removesuffix(SUFFIX)
        if not NAME.match(base) or ".." in base or base.endswith("."):
            raise UsageError(f"{name!r} is not a draft name",
                             hint="use letters, digits, _ and - (no /, no .., no leading dot), at most 100")
        if base.endswith((".rulebook", ".meta")):
            raise UsageError(f"{name!r} is the name of a rulebook or metadata file, not a case")
        return self.folder / f"{base}{SUFFIX}"

    def names(self) -> list[str]:
        """The drafts in DIR (regular files named like drafts), sorted."""
        out = []
        for entry in sorted(os.scandir(self.folder), key=lambda e: e.name):
            base = entry.name.removesuffix(SUFFIX)
            if entry.name.endswith(SUFFIX) and entry.is_file(follow_symlinks=False) and NAME.match(base) \
                    and ".." not in base and not base.endswith((".rulebook", ".meta")):
                out.append(base)
        return out

    def _checked(self, path: Path, must_exist: bool) -> bool:
        """Whether ``path`` exists; InputError if it is anything but a regular file of DIR."""
        try:
            info = path.lstat()
        except FileNotFoundError:
            if must_exist:
                raise NotFound(f"no draft named {path.stem!r}", where=path.name) from None
            return False
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (a link, a folder or a device): refused", where=path.name,
                             hint="drafts are plain files in the --cases folder")
        return True

    def read(self, name: str) -> str:
        path = self.path(name)
        self._checked(path, must_exist=True)
        return read_utf8(path, "yaml")

    def write(self, name: str, text: str) -> Path:
        """Save a draft (atomically: a crash leaves the old version or the new, never half)."""
        path = self.path(name)
        self._checked(path, must_exist=False)
        if len(text.encode("utf-8")) > LIMITS["yaml"]:
            raise InputError(f"a draft may have at most {LIMITS['yaml']} bytes", where=path.name)
        write_atomic(path, text)
        return path
