"""LawRefBook/Laws (a public collection of Chinese legal texts in Markdown) → the plain text
regtext parses, and the collection's metadata.

A text of the collection is ``# title`` (a second ``#`` line for a part, 民法典 ``# 总则``), its
history lines (dates, bodies), ``<!-- INFO END -->``, then the body with ``#`` headings for
编/章/节.  The plain text is made the way the bundled corpus's texts were made from it
(corpus/jianchafa_2024.txt from 宪法相关法/监察法(2024-12-25).md): the title lines, the history
lines together in one （…）, the body without its ``#`` marks — every character of the body kept.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

INFO_END = "<!-- INFO END -->"
FOLDER_PAGE = "_index.md"
#: Markdown files of the collection that are not texts
NOT_TEXTS = frozenset({"README.md", "SOURCE.md", "法律法规模版.md"})

_HEADING = re.compile(r"^#+[ \t　]*")
_COMMENT = re.compile(r"<!--.*?-->")
_DATE_IN_NAME = re.compile(r"\((\d{4}-\d{2}-\d{2})\)$")


class NotLawRefBook(ValueError):
    """The Markdown lacks the collection's layout (no ``<!-- INFO END -->``)."""


def split_markdown(markdown: str) -> tuple[list[str], list[str], str]:
    """(title lines, history lines, body) of one text of the collection."""
    head, marker, body = markdown.partition(INFO_END)
    if not marker:
        raise NotLawRefBook(f"no '{INFO_END}' line after the title and history")
    titles: list[str] = []
    history: list[str] = []
    for raw in head.splitlines():
        line = _COMMENT.sub("", raw).strip(" \t　")
        if not line:
            continue
        if raw.startswith("#"):
            titles.append(_HEADING.sub("", line))
        else:
            history.append(line)
    return titles, history, body


def markdown_to_plain(markdown: str) -> tuple[str, list[str]]:
    """The plain text regtext parses, and the history lines (each as received, less the outer
    （ ） the collection leaves half-open on the first and last)."""
    titles, history, body = split_markdown(markdown)
    history = _unbracket(history)
    parts = ["", "\n".join(titles)]
    if history:
        parts.append("（" + "\n".join(history) + "）")
    lines = [_HEADING.sub("", line) if line.startswith("#") else line for line in body.split("\n")]
    parts.append("\n".join(lines).strip("\n"))
    return "\n\n".join(parts).lstrip("\n").join(("\n", "\n")), history


def line_map(markdown: str, plain: str) -> tuple[list[int], list[int]] | None:
    """Where each line of ``plain`` (``markdown_to_plain``'s) is in ``markdown``: its line there,
    and how many characters that line has before it (``## `` marks, an opening （ the history
    lines lost).  Lines are looked for in order, each after the one before: the body's lines are
    the Markdown's, one for one; the title and history lines are found in the head.  A blank line
    the conversion added is placed on the next line.  None when a line is not found (the
    positions then stay the plain text's: the caller must not show them against the .md file)."""
    source = markdown.split("\n")
    numbers: list[int] = []
    shifts: list[int] = []
    at = 0
    for line in plain.split("\n"):
        if not line.strip():
            numbers.append(min(at, len(source) - 1) + 1)
            shifts.append(0)
            if at < len(source) and not source[at].strip():
                at += 1
            continue
        found = _find_line(source, at, line)
        if found is None:
            return None
        at, shift = found
        numbers.append(at + 1)
        shifts.append(shift)
        at += 1
    return numbers, shifts


def _find_line(source: list[str], start: int, line: str) -> tuple[int, int] | None:
    """The first Markdown line from ``start`` holding ``line`` (or it less the （ ） the conversion
    added), and the shift of its columns there."""
    cores = [line, line[1:], line[:-1], line[1:-1]]
    for k in range(start, len(source)):
        for written in (source[k], _COMMENT.sub("", source[k])):   # a head line less its <!-- … -->
            for core in cores:
                if core.strip():
                    found = written.find(core)
                    if found >= 0:
                        return k, found - line.find(core)
    return None


def _unbracket(history: list[str]) -> list[str]:
    if not history:
        return history
    out = list(history)
    if out[0].startswith("（"):
        out[0] = out[0][1:]
    if out[-1].endswith("）") and out[-1].count("（") < out[-1].count("）"):
        out[-1] = out[-1][:-1]
    return out


def read_text(path: str | Path) -> tuple[str, list[str]]:
    """(plain text, history lines) of one Markdown text of the collection.  Raises
    UnicodeDecodeError for a file that is not UTF-8 and NotLawRefBook for one without the layout."""
    data = Path(path).read_bytes()
    markdown = data.decode("utf-8-sig").replace("\r\n", "\n")
    return markdown_to_plain(markdown)


def is_text(path: Path) -> bool:
    """A Markdown file that is a text: not a folder page, the README or the template."""
    return path.suffix == ".md" and path.name != FOLDER_PAGE and path.name not in NOT_TEXTS


def date_in_name(path: Path) -> str | None:
    """The version date a file name carries: 监察法(2024-12-25).md → 2024-12-25."""
    match = _DATE_IN_NAME.search(path.stem)
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class LawRow:
    """One row of the collection's ``law`` table (with its category's folder)."""
    level: str
    name: str
    publish: str | None
    valid_from: str | None
    expired: bool
    ver: int | None
    category: str
    folder: str


def read_metadata(root: Path) -> dict[str, LawRow]:
    """Metadata of every text the collection's databases list, by the text's path relative to
    ``root`` (``宪法相关法/监察法(2024-12-25).md``).  The national ``db.sqlite3`` and each
    ``DLC/<province>/db.sqlite3`` are read; rows whose file is absent are kept, harmlessly."""
    rows: dict[str, LawRow] = {}
    for db in [root / "db.sqlite3", *sorted(root.glob("DLC/*/db.sqlite3"))]:
        if db.is_file():
            rows.update(_read_db(db, db.parent.relative_to(root)))
    return rows


_QUERY = """SELECT law.level, law.name, law.filename, law.publish, law.valid_from, law.expired,
                   law.ver, category.name, category.folder
            FROM law JOIN category ON law.category_id = category.id"""


def _read_db(db: Path, base: Path) -> dict[str, LawRow]:
    rows: dict[str, LawRow] = {}
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for level, name, filename, publish, valid_from, expired, ver, category, folder in conn.execute(_QUERY):
            stem = filename or name
            row = LawRow(level=level, name=name, publish=publish or None, valid_from=valid_from or None,
                         expired=bool(expired), ver=ver, category=category, folder=folder)
            for candidate in _candidate_paths(base, folder, stem, publish):
                rows.setdefault(candidate, row)
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()
    return rows


def _candidate_paths(base: Path, folder: str, stem: str, publish: str | None) -> list[str]:
    """The file a row names: ``<folder>/<name>(<publish>).md``, or without the date."""
    out = []
    if publish:
        out.append((base / folder / f"{stem}({publish}).md").as_posix())
    out.append((base / folder / f"{stem}.md").as_posix())
    return out
