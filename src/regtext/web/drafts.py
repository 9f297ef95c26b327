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

from ..errors import InputError, Location, NotFound, UsageError
from ..issuer import DEFAULT_NAME, Issuer, load_issuer
from ..output import write_atomic
from ..parser.decode import LIMITS, read_utf8

#: A draft's name: letters (Chinese included), digits, ``_``, ``-`` and inner dots; at most 100.
#: Matched whole (``NAME.fullmatch``): ``^…$`` with ``match`` let a final newline through.
NAME = re.compile(r"[^\W_][\w.\-]{0,99}")
SUFFIX = ".yaml"
#: Names the CLI reads as something else than a case among cases (cli.py): never a draft's.
NOT_CASES = (".rulebook", ".meta", ".issuer")


class Drafts:
    """The folder of drafts; every name a request gives goes through :meth:`path`."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).resolve()
        if not self.folder.is_dir():
            raise UsageError(f"{folder}: no such folder", hint="create it, or give --cases an existing folder")

    def path(self, name: str) -> Path:
        """DIR/<name>.yaml, or UsageError for a name that is not a plain draft name."""
        base = name.removesuffix(SUFFIX)
        if not NAME.fullmatch(base) or ".." in base or base.endswith("."):
            raise UsageError(f"{name!r} is not a draft name",
                             hint="use letters, digits, _ and - (no /, no .., no leading dot), at most 100")
        if base.endswith(NOT_CASES) or base == DEFAULT_NAME.removesuffix(SUFFIX):
            raise UsageError(f"{name!r} is the name of a rulebook, metadata or issuer profile file, not a case",
                             hint="choose another name")
        return self.folder / f"{base}{SUFFIX}"

    def names(self) -> list[str]:
        """The drafts in DIR (regular files named like drafts), sorted."""
        out = []
        for entry in sorted(os.scandir(self.folder), key=lambda e: e.name):
            base = entry.name.removesuffix(SUFFIX)
            if entry.name.endswith(SUFFIX) and entry.is_file(follow_symlinks=False) and NAME.fullmatch(base) \
                    and ".." not in base and not base.endswith(NOT_CASES) and entry.name != DEFAULT_NAME:
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

    def profile(self, named: object, where: Location | str = "profile") -> Issuer | None:
        """The issuer profile a draft of DIR is rendered with, as ``regtext render DIR/<name>.yaml``
        finds it: the case's ``profile`` (a file name in DIR: a path reaching out of DIR is
        refused), else ``issuer.yaml`` in DIR, else none."""
        if named is None:
            default = self.folder / DEFAULT_NAME
            return load_issuer(default) if self._checked(default, must_exist=False) else None
        if not isinstance(named, str) or Path(named).name != named or named.startswith("."):
            raise InputError(f"profile: {named!r}: the app opens a profile only in its drafts folder",
                             where=where, hint=f"put the profile into {self.folder.name}/ and give its "
                             "file name alone (or start regtext serve with --profile)")
        path = self.folder / named
        if not self._checked(path, must_exist=False):
            raise NotFound(f"profile: {named!r}: no such file in the drafts folder", where=where,
                           hint="put the profile next to the drafts, or correct the name")
        return load_issuer(path)
