"""Issuer profiles: what an organ prints on every document it issues — the 发文机关标志 of its 版头,
its 印发机关, its default 抄送 and its seal — in one YAML file (schemas/issuer.schema.json), so a
case file holds only the case.

Where the profile of a case comes from, first match wins:

1. the ``issuer`` argument of ``render_case`` (``regtext render --issuer FILE``): a file, or a
   profile already read (the web app reads its ``--profile`` once); ``False``: no profile, and none
   looked for (a case given as text, whose name is no place on disk: the web app's API);
2. the case's own ``profile: FILE`` (relative to the case file);
3. ``issuer.yaml`` next to the case file;
4. none: no 版头 (the 文号 stays under the title, as before profiles existed).

A profile given explicitly that does not exist is an error; an ``issuer.yaml`` that is absent is
simply not used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .corpus import data_dir
from .errors import InputError, Location
from .publish.docx.head import MARK_MIN, mark_chars_max
from .yamlfile import Located, error_path, load_yaml

if TYPE_CHECKING:
    import jsonschema  # for the annotation only: _validator imports it when a profile is first checked

DEFAULT_NAME = "issuer.yaml"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class Issuer:
    """An organ's profile, read and checked."""

    path: str
    names: tuple[str, ...]          # full names, one per issuing organ
    marks: tuple[str, ...]          # the 标志's lines: full names or 规范化简称
    suffix: str                     # 文件, or ""
    printer: str | None             # 印发机关 (版记)
    cc: tuple[str, ...]             # default 抄送
    seal: Path | None               # a PNG, checked to exist and to be one
    seal_at: Location | None = None  # where the profile names it, for what reading the seal finds


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    from .schemacheck import validator

    schema = json.loads((data_dir("schemas") / "issuer.schema.json").read_text(encoding="utf-8"))
    return validator(schema)


def load_issuer(path: str | Path, *, named_at: Location | None = None) -> Issuer:
    """Read and validate a profile; InputError (exit 2) at the YAML line of anything wrong.
    ``named_at``: where the profile was named (a case's ``profile:``), for a file that is missing."""
    _require_file(Path(path), named_at)
    located = load_yaml(path)
    data = located.data
    if not isinstance(data, dict):
        raise InputError("an issuer profile is a mapping (names, mark, mark_suffix, printer, cc, seal)",
                         where=located.where(""), hint="see schemas/issuer.schema.json")
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.path])
    if errors:
        where = _where(errors[0])
        raise InputError(f"{where or 'profile'}: {_message(errors[0])}", where=located.where(where),
                         hint="see schemas/issuer.schema.json")
    names = tuple(data["names"])
    _check_names(located, names)
    mark = data.get("mark", list(names))
    marks = (mark,) if isinstance(mark, str) else tuple(mark)
    if len(marks) != len(names):
        raise InputError(f"mark: {len(marks)} line(s) for {len(names)} organ(s): give one 标志 per name",
                         where=located.where("mark"), hint="the n-th line of mark is the 标志 of the n-th name")
    suffix = data.get("mark_suffix", "")
    _check_marks(located, names, marks, suffix)
    return Issuer(str(path), names, marks, suffix, data.get("printer"),
                  tuple(data.get("cc", ())), _seal(located, data.get("seal")),
                  located.where("seal") if "seal" in data else None)


#: At most this many organs in one 版头: five 标志 lines at the full 58 pt still leave the 文号, the
#: rule, the title and the first lines of text on page 1 (each line is 20.5 mm, the head starts 35 mm
#: down a 225 mm text block); with more, the head alone fills the page.  GB/T 9704 7.2.4 lets a
#: joint document print the 主办机关's 标志 alone (“如需同时标注联署发文机关名称”).
MAX_ORGANS = 5


def _require_file(path: Path, named_at: Location | None) -> None:
    """A profile is a regular file: a directory, a device (/dev/zero) or a symbolic link that
    leads nowhere is named, with where it was asked for."""
    hint = "give the organ's issuer profile, a YAML file (see examples/profiles/)"
    if path.is_file():
        return
    if path.is_symlink() and not path.exists():
        problem = "a symbolic link that leads to no file (or loops)"
    elif path.exists():
        problem = "a directory, not a file" if path.is_dir() else "not a regular file"
    else:
        problem = "no such file"
    if named_at is not None:
        raise InputError(f"profile: {path}: {problem}", where=named_at,
                         hint="profile: names a file relative to the case file; " + hint)
    raise InputError(f"issuer profile: {problem}", where=str(path), hint=hint)


def _check_names(located: Located, names: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise InputError(f"names: {_short(name)} is named twice", where=located.where(f"names[{i}]"),
                             hint="name each issuing organ once")
        seen.add(name)
    if len(names) > MAX_ORGANS:
        raise InputError(f"names: {len(names)} organs, more than the {MAX_ORGANS} a 版头 can hold above the title",
                         where=located.where("names"),
                         hint="GB/T 9704 7.2.4: a joint document may print the 主办机关's 标志 alone — give its name only")


def _check_marks(located: Located, names: tuple[str, ...], marks: tuple[str, ...], suffix: str) -> None:
    """A 标志 is its organ's full name or 规范化简称 — a short name made of the full name's own
    characters, in their order (某某县纪律检查委员会 → 某某县纪委): a mark with a character the
    name lacks names another organ (某某市纪委监委 over 某某县纪委监委).  And it must print at 22 pt
    or more (head.MARK_MIN)."""
    longest = mark_chars_max(suffix)
    for i, (name, mark) in enumerate(zip(names, marks, strict=True)):
        where = located.where("mark" if len(marks) == 1 else f"mark[{i}]") if "mark" in located.data else \
            located.where(f"names[{i}]")
        if len(mark) > longest:
            beside = f" beside {suffix}" if suffix else ""
            raise InputError(f"mark: {_short(mark)} has {len(mark)} characters: at most {longest}{beside} print at "
                             f"{MARK_MIN // 2} pt or more across the 156 mm line", where=where,
                             hint="give the organ's 规范化简称 as mark (GB/T 9704 7.2.4)")
        if not _abbreviates(mark, name):
            raise InputError(f"mark: {_short(mark)} is not the full name or a 简称 of {_short(name)}", where=where,
                             hint="the 标志 is the issuing organ's full name or 规范化简称, made of the name's "
                                  "characters in their order (某某县纪律检查委员会 → 某某县纪委)")


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def _abbreviates(mark: str, name: str) -> bool:
    """Whether the characters of ``mark`` occur in ``name`` in the same order."""
    rest = iter(name)
    return all(char in rest for char in mark)


def _where(error: Any) -> str:
    """The YAML path of the error; for an unknown key, the key itself (not the mapping's first line)."""
    where = error_path(error.path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if unknown:
            where = f"{where}.{unknown[0]}" if where else str(unknown[0])
    return where


def _message(error: Any) -> str:
    if isinstance(error.instance, str) and error.validator in ("oneOf", "minLength", "pattern"):
        if not error.instance:
            return "is empty: give the text as printed"
        if any(c in error.instance for c in "\n\r\u2028\u2029"):
            return f"{error.instance!r} has a line break: the 版头 prints each name on one line"
        return f"{error.instance!r} has white space: write the name as printed, without spaces"
    if error.validator == "additionalProperties":
        return f"{error.message} (allowed: {', '.join(sorted(error.schema.get('properties', {})))})"
    return str(error.message)


def _seal(located: Located, seal: str | None) -> Path | None:
    """The seal's path, relative to the profile; it must be a PNG (a picture with a transparent
    background, drawn over the 署名 and the date)."""
    if seal is None:
        return None
    path = Path(located.path).parent / seal
    if not path.is_file():
        problem = ("not a regular file" if path.exists() else
                   "a symbolic link that leads to no file" if path.is_symlink() else "no such file")
        raise InputError(f"seal: {seal!r}: {problem} (looked for {path})", where=located.where("seal"),
                         hint="give the seal's PNG relative to the profile")
    with path.open("rb") as stream:
        if stream.read(8) != PNG_SIGNATURE:
            raise InputError(f"seal: {seal!r} is not a PNG file", where=located.where("seal"),
                             hint="export the seal as PNG with a transparent background")
    return path


#: What ``render_case(issuer=...)`` takes: a profile's file, a profile read, False (none, not looked
#: for) or None (looked for beside the case).
IssuerChoice = str | Path | Issuer | Literal[False] | None


def find_issuer(case_path: str | Path, case_data: dict[str, Any], explicit: IssuerChoice = None, *,
                profile_at: Location | None = None) -> Issuer | None:
    """The profile of a case, by the precedence in the module docstring.  ``profile_at``: where
    the case says ``profile:``.  A case's own ``profile:`` is read even when a file given as
    ``explicit`` replaces it: the case file must be right on its own (``regtext check`` reads it
    without --issuer)."""
    if explicit is False:
        return None
    if isinstance(explicit, Issuer):
        return explicit
    named = case_data.get("profile")
    own = load_issuer(Path(case_path).parent / named, named_at=profile_at) if named is not None else None
    if explicit is not None:
        return load_issuer(explicit)
    if own is not None:
        return own
    default = Path(case_path).parent / DEFAULT_NAME
    if default.is_file():
        return load_issuer(default)
    if default.exists() or default.is_symlink():   # a directory, a device, a dangling link: not silently no 版头
        _require_file(default, None)
    return None


def check_issuers(issuer: Issuer, case_issuers: list[str]) -> str | None:
    """Why the profile cannot head this case, or None: a 版头 names exactly the organs that issue the
    document, in the profile's ``names`` (its full names; the 标志 is free to be a 简称)."""
    if list(issuer.names) != list(case_issuers):
        return (f"the profile {issuer.path} is for {'、'.join(issuer.names)}, the case is issued by "
                f"{'、'.join(case_issuers)}")
    return None
