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

from ..corpus import data_dir
from ..errors import InputError
from ..yamlfile import Located, error_path, load_yaml

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


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    schema = json.loads((data_dir("schemas") / "issuer.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def load_issuer(path: str | Path) -> Issuer:
    """Read and validate a profile; InputError (exit 2) at the YAML line of anything wrong."""
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
    mark = data.get("mark", list(names))
    marks = (mark,) if isinstance(mark, str) else tuple(mark)
    if len(marks) != len(names):
        raise InputError(f"mark: {len(marks)} line(s) for {len(names)} organ(s): give one 标志 per name",
                         where=located.where("mark"))
    return Issuer(str(path), names, marks, data.get("mark_suffix", ""), data.get("printer"),
                  tuple(data.get("cc", ())), _seal(located, data.get("seal")))


def _where(error: Any) -> str:
    """The YAML path of the error; for an unknown key, the key itself (not the mapping's first line)."""
    where = error_path(error.path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if unknown:
            where = f"{where}.{unknown[0]}" if where else str(unknown[0])
    return where


def _message(error: Any) -> str:
    if error.validator == "additionalProperties":
        return f"{error.message} (allowed: {', '.join(sorted(error.schema.get('properties', {})))})"
    if error.validator == "pattern":
        return f"{error.instance!r} has white space: write the name as printed, without spaces"
    return str(error.message)


def _seal(located: Located, seal: str | None) -> Path | None:
    """The seal's path, relative to the profile; it must be a PNG (a picture with a transparent
    background, drawn over the 署名 and the date)."""
    if seal is None:
        return None
    path = Path(located.path).parent / seal
    if not path.is_file():
        raise InputError(f"seal: {seal!r}: no such file (looked for {path})", where=located.where("seal"),
                       hint="give the seal's PNG relative to the profile")
    with path.open("rb") as stream:
        if stream.read(8) != PNG_SIGNATURE:
            raise InputError(f"seal: {seal!r} is not a PNG file", where=located.where("seal"),
                             hint="export the seal as PNG with a transparent background")
    return path


#: What ``render_case(issuer=...)`` takes: a profile's file, a profile read, False (none, not looked
#: for) or None (looked for beside the case).
IssuerChoice = str | Path | Issuer | Literal[False] | None


def find_issuer(case_path: str | Path, case_data: dict[str, Any], explicit: IssuerChoice = None) -> Issuer | None:
    """The profile of a case, by the precedence in the module docstring."""
    if explicit is False:
        return None
    if isinstance(explicit, Issuer):
        return explicit
    if explicit is not None:
        return load_issuer(explicit)
    named = case_data.get("profile")
    if named is not None:
        return load_issuer(Path(case_path).parent / named)
    default = Path(case_path).parent / DEFAULT_NAME
    return load_issuer(default) if default.is_file() else None


def check_issuers(issuer: Issuer, case_issuers: list[str]) -> str | None:
    """Why the profile cannot head this case, or None: a 版头 of one organ over the 落款 of another
    would be a wrong document."""
    known = set(issuer.names) | set(issuer.marks)
    strangers = [name for name in case_issuers if name not in known]
    if strangers:
        return (f"the profile {issuer.path} is for {'、'.join(issuer.names)}, the case is issued by "
                f"{'、'.join(strangers)}")
    return None
