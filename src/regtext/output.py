"""Writing results: where ``-o`` points, and writing there atomically, so a failed run never
leaves a half-written file — or half a folder of files — behind.

One file goes to a temporary file in the target's folder, which then replaces the target in one
rename: a reader sees the old file or the new one, never a part.  Several files (a study site,
``export --all``, a folder of decisions) go to a temporary folder, which becomes the target folder
(or whose files are moved into it) once every one is written.  (No fsync: that would make it survive a power cut, at a
millisecond a file, which a folder of a thousand decisions feels.)"""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from typing import IO

_serial = itertools.count()

#: The file suffixes of each output format (the first is the one regtext writes).
SUFFIXES = {
    "docx": (".docx",), "html": (".html", ".htm"), "md": (".md", ".markdown"),
    "pdf": (".pdf",), "json": (".json",), "akn": (".xml",), "text": (".txt",),
}
FORMAT_NAMES = {"docx": "DOCX", "html": "HTML", "md": "Markdown", "pdf": "PDF", "json": "JSON", "akn": "Akoma Ntoso XML",
                "text": "text"}
_FORMAT_OF_SUFFIX = {suffix: fmt for fmt, suffixes in SUFFIXES.items() for suffix in suffixes}


class Target:
    """Where a command writes: standard output (``path`` None), one file, or a folder."""

    __slots__ = ("path", "fmt", "folder")

    def __init__(self, path: Path | None, fmt: str | None, folder: bool) -> None:
        self.path = path
        self.fmt = fmt          # None: every format the command has (study without --to)
        self.folder = folder


def output_target(out: str | None, to: str | None, *, default: str | None, file_formats: Iterable[str],
                  folder: bool = False, several: str | None = None) -> Target:
    """The one rule for ``-o``, for every command that writes:

    - no ``-o``: standard output (a command with a default file or folder puts it there);
      ``-o ''`` is an error, not standard output;
    - an existing folder is a folder, and so is a name ending in ``/``; where the command can
      write a folder, so is a name without a suffix (it is created);
    - any other name is a file: its suffix must not name a format other than ``--to``'s (``-o
      x.docx --to md``); without ``--to`` a known suffix chooses the format;
    - ``several`` (why there is more than one file: "3 case files need a folder") makes a file
      name an error, and so does a format the command cannot write as one file (the study site)
      or at all (``parse -o tree.md``).

    ``file_formats`` are the formats the command can write as a single file; ``default`` is the
    format without ``--to`` or a telling suffix (None: the suffix must tell, as for a decision,
    where ``decision.pdf`` must not silently become a DOCX file).  Every conflict is a
    UsageError in one line."""
    if out == "":
        raise UsageError("-o '': the output path is empty",
                         hint="give a file or folder name, or leave -o out to write to standard output")
    if out is None:
        return Target(None, to or default, several is not None)
    path = Path(out)
    named_folder = out.endswith(("/", os.sep)) or (folder and path.suffix == "" and not path.exists())
    if path.is_dir() or named_folder:
        if not folder:
            raise UsageError(f"{out}: is a folder, and this command writes one file", hint="give a file name")
        return Target(path, to or default, True)
    if several is not None:
        raise UsageError(f"{out}: {_what(path)}, but {several}", hint="give a folder name, without a suffix")
    suffix = path.suffix.lower()
    named = _FORMAT_OF_SUFFIX.get(suffix)
    if to is not None and named is not None and named != to:
        raise UsageError(f"{out}: a {suffix} file is {FORMAT_NAMES[named]}, not {FORMAT_NAMES[to]} (--to {to})",
                         hint=f"end the name in {SUFFIXES[to][0]}, or leave --to out")
    fmt = to or named or default
    formats = tuple(file_formats)
    if fmt is None:
        raise UsageError(f"{out}: cannot tell the format from the suffix {suffix or '(none)'!r}",
                         hint=f"end the name in {_listing(formats)}, or give --to")
    if fmt not in formats and not folder:
        raise UsageError(f"{out}: a {suffix} file is {FORMAT_NAMES[fmt]}, which this command does not write",
                         hint=f"end the name in {_listing(formats)}")
    if fmt not in formats:
        raise UsageError(f"{out}: names a file, but {FORMAT_NAMES[fmt]} output is several files and needs a folder",
                         hint="give a folder name, without a suffix")
    return Target(path, fmt, False)


def _what(path: Path) -> str:
    return "is a file" if path.exists() else "names a file"


def _listing(formats: tuple[str, ...]) -> str:
    suffixes = [SUFFIXES[f][0] for f in formats]
    return ", ".join(suffixes[:-1]) + f" or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]


def write_atomic(path: str | Path, data: str | bytes | Iterable[str] | Iterable[bytes]) -> None:
    """Write ``data`` (or its pieces, as they come) to ``path`` through a temporary file.  An
    existing file keeps its permissions; a new one gets those of any new file (0666 less the
    umask).  A symbolic link is written through; a device, a pipe or a socket (``/dev/null``,
    ``/dev/stdout | less``) is written to directly, never replaced.  Errors name ``path`` as given."""
    given = Path(path)
    target, special = _place(given)
    if special:
        _write_directly(given, data)
        return
    created: list[Path] = []
    tmp = None
    try:
        created = _make_parents(target.parent)
        fd, tmp = _create_temporary(given, target)
        _keep_mode(target, fd)
        with os.fdopen(fd, "wb") as handle:
            _write_pieces(handle, data)
        os.replace(tmp, target)
    except BaseException as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        _remove_empty(created)
        if isinstance(exc, OSError) and (exc.filename is None or os.fspath(exc.filename) == os.fspath(tmp or "")):
            raise _naming(exc, given) from None
        raise


def _write_directly(given: Path, data: str | bytes | Iterable[str] | Iterable[bytes]) -> None:
    """A device, a pipe or a socket cannot be replaced, and a temporary file beside it (in
    /dev, in /proc/self/fd) would be wrong or impossible: open it and write.  Appending: the same
    as writing for all of those, and for a descriptor open on a regular file (``>> log``) the
    only way not to lose what is there."""
    try:
        with given.open("ab") as handle:
            _write_pieces(handle, data)
    except OSError as exc:
        raise _naming(exc, given) from None


def _place(given: Path) -> tuple[Path, bool]:
    """Where a file written to ``given`` goes, and whether that is a device, a pipe or a socket
    (written to directly) rather than a regular file (replaced through a temporary file).  A
    symbolic link leads to the file it points to — also a dangling one, whose file is created
    like the shell's ``>`` would, but only in a folder that exists; a link loop is an error.  A
    name of an open descriptor (``/dev/stdout``, ``/dev/fd/3``) is written to even when it leads
    to a regular file: ``-o /dev/stdout >> log`` adds to the log, it does not replace it."""
    if _names_a_descriptor(given):
        return given, True
    try:
        info = os.stat(given)
    except FileNotFoundError:
        target = _through_links(given)
        if target != given and not target.parent.is_dir():
            raise OSError(errno.ENOENT, f"cannot write: the link points to {target}, in a folder that does not "
                          "exist", str(given)) from None
        return target, False
    except OSError as exc:
        raise _naming(exc, given) from None
    if stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode):
        return _through_links(given), False
    return given, True


_DESCRIPTOR = re.compile(r"/(?:proc/(?:self|\d+)|dev)/fd/\d+")


def _names_a_descriptor(given: Path) -> bool:
    """Whether ``given``, or a link on the way from it, is a /proc/self/fd/N or /dev/fd/N name."""
    probe = os.path.abspath(given)
    for _ in range(40):  # the kernel's own limit of links in a row
        if _DESCRIPTOR.fullmatch(probe):
            return True
        if not os.path.islink(probe):
            return False
        probe = os.path.abspath(os.path.join(os.path.dirname(probe), os.readlink(probe)))
    return False


@contextmanager
def staged_folder(folder: str | Path) -> Iterator[Path]:
    """A temporary folder to write several files into: when the block ends normally they are
    moved into ``folder`` (created if need be; files already there and not written again stay,
    and one that is a link or a device is written through, as by ``write_atomic``); when it fails,
    nothing of them remains.  The temporary folder is inside ``folder`` when that exists (the one
    place sure to be writable and on the same file system), else beside it.  Errors name the
    target as given, not the temporary file."""
    given = Path(folder)
    target, special = _place(given)
    if special or (target.exists() and not target.is_dir()):
        raise OSError(errno.ENOTDIR, "cannot write: is not a folder", str(given))
    inside = target.is_dir()
    with _scratch(target / "regtext" if inside else target) as stage:
        try:
            yield stage
            if inside:
                for source in sorted(p for p in stage.rglob("*") if not p.is_dir()):
                    move_into_place(source, given / source.relative_to(stage))
            else:
                os.rename(stage, target)
        except OSError as exc:
            if exc.filename and str(exc.filename).startswith(str(stage)):
                raise _naming(exc, given / Path(exc.filename).relative_to(stage)) from None
            raise


@contextmanager
def scratch_folder(beside: str | Path) -> Iterator[Path]:
    """A new empty folder next to the file ``beside`` will be (0777 less the umask: it may become
    a target itself), removed with whatever is left in it when the block ends, however it ends.
    Next to the file a link points to, so that moving a finished file there is a rename; for a
    device or a pipe, in the temporary folder of the system (never in /dev)."""
    target, special = _place(Path(beside))
    if special:
        import tempfile  # deferred: most runs never need it

        target = Path(tempfile.gettempdir()) / target.name
    with _scratch(target) as stage:
        yield stage


@contextmanager
def _scratch(target: Path) -> Iterator[Path]:
    created = _make_parents(target.parent)
    stage = _create_temporary_folder(target)
    try:
        yield stage
    except BaseException:
        _remove_tree(stage)
        _remove_empty(created)
        raise
    _remove_tree(stage)


def _remove_tree(folder: Path) -> None:
    if folder.exists():
        import shutil  # deferred: most runs never need it

        shutil.rmtree(folder, ignore_errors=True)


def move_into_place(source: Path, target: Path) -> None:
    """Put a finished file at ``target``: a rename onto a regular file (keeping the permissions of
    the file it replaces) or a new one; through a symbolic link, the file it points to (the link
    stays); into a device or a pipe, its bytes.  Errors name ``target`` as given."""
    destination, special = _place(target)
    if special or destination != target:  # a copy: the link may lead to another file system
        with source.open("rb") as handle:
            write_atomic(target, iter(lambda: handle.read(1 << 20), b""))
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = _existing_mode(target)
        if mode is not None:
            os.chmod(source, mode)
        os.replace(source, target)
    except OSError as exc:
        raise _naming(exc, target) from None


def _write_pieces(handle: IO[bytes], data: str | bytes | Iterable[str] | Iterable[bytes]) -> None:
    if isinstance(data, bytes):
        handle.write(data)
    elif isinstance(data, str):
        handle.write(data.encode("utf-8"))
    else:
        for piece in data:
            handle.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))


def _through_links(path: Path) -> Path:
    """The file a symbolic link points to: ``-o link`` updates the file, not the link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _existing_mode(target: Path) -> int | None:
    try:
        info = os.stat(target)
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def _keep_mode(target: Path, fd: int) -> None:
    mode = _existing_mode(target)
    if mode is not None:
        os.fchmod(fd, mode)


def _naming(exc: OSError, target: Path) -> OSError:
    """The same error, naming the file the user asked for instead of a temporary one."""
    reason = str(exc.strerror or exc)
    return OSError(exc.errno, reason if reason.startswith("cannot write: ") else f"cannot write: {reason}", str(target))


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the ones created, innermost first."""
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def _temporary_name(target: Path, suffix: str) -> Path:
    return target.parent / f".{target.name}.{os.getpid()}-{next(_serial)}.{suffix}"


def _create_temporary(given: Path, target: Path) -> tuple[int, Path]:
    """A new file next to ``target``, created exclusively (never someone else's file), with the
    permissions of any new file (0666 less the umask) rather than tempfile's private 0600.
    (Not ``tempfile``: it is imported, and seeds a random generator, on every run of the CLI.)
    A folder that takes no new file (read-only, /proc) is named in the error, with ``given``."""
    while True:
        tmp = _temporary_name(target, "tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise OSError(exc.errno, f"cannot write: cannot create a new file in {target.parent} ({exc.strerror})",
                          str(given)) from None


def _create_temporary_folder(target: Path) -> Path:
    """A new folder next to ``target`` (0777 less the umask: it may become the target itself)."""
    while True:
        stage = _temporary_name(target, "partial")
        try:
            stage.mkdir()
            return stage
        except FileExistsError:
            continue
