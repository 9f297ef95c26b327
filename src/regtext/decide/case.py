"""Case facts: a YAML file validated against schemas/case.schema.json, every value located."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpus import data_dir
from ..errors import InputError, Location
from ..yamlfile import Located, error_path, load_yaml

if TYPE_CHECKING:
    import jsonschema  # for the annotation only: _validator imports it when a case is first checked

#: What the flags of a person in a case say (schemas/case.schema.json), for messages naming them.
PERSON_FLAGS = {"party_member": "a party member", "supervised": "a 监察对象"}


@lru_cache(maxsize=1)
def case_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((data_dir("schemas") / "case.schema.json").read_text(encoding="utf-8"))
    return schema


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    from ..schemacheck import validator

    return validator(case_schema())


@dataclass(slots=True)
class Case:
    data: dict[str, Any]
    source: Located

    @property
    def path(self) -> str:
        return self.source.path

    def where(self, yaml_path: str) -> Location:
        return self.source.where(yaml_path)

    @property
    def subject(self) -> dict[str, Any]:
        subject: dict[str, Any] = self.data["subject"]
        return subject

    @property
    def subject_type(self) -> str:
        return str(self.subject["type"])

    @property
    def issuers(self) -> list[str]:
        issuer = self.data["issuer"]
        return [issuer] if isinstance(issuer, str) else list(issuer)


def load_case(path: str | Path, text: str | None = None) -> Case:
    """Read and validate a case file; InputError (exit 2) naming the YAML line for anything
    that is not a case."""
    located = load_yaml(path, text)
    data = plain_data(located.data)
    if not isinstance(data, dict):
        raise InputError("a case file is a mapping of facts (regulation, issuer, number, …)", where=located.where(""))
    for path, char in _control_characters(data, ()):
        name = unicodedata.name(char, "a control character")
        raise InputError(f"{path}: the character U+{ord(char):04X} ({name}) cannot be printed in a document: "
                         "the DOCX would drop it and the HTML keep it", where=located.where(path),
                         hint="delete it (a new line in the text is a line break in the YAML; a tab may stay)")
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.path])
    if errors:
        paths = [error_path(error.path) for error in errors[:5]]
        # The first problem's place is the error's own; the others name theirs in the message.
        messages = [f"{path or 'case'}: {_message(error)}" if i == 0 else
                    f"{located.where(path)}: {path or 'case'}: {_message(error)}"
                    for i, (path, error) in enumerate(zip(paths, errors, strict=False))]
        raise InputError("; ".join(messages) + (f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""),
                         where=located.where(paths[0]), hint="see schemas/case.schema.json")
    return Case(data, located)


#: What no fact may hold: C0 controls but tab and line feed, DEL and C1 controls (U+0085 NEXT LINE
#: among them), the noncharacters U+FFFE/U+FFFF and lone surrogates.  A double-quoted YAML string
#: can write each ("\\x0b", "\\0"); the documents would then differ from one another (the DOCX
#: cannot hold them, the HTML does) and from the case.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _control_characters(value: Any, at: tuple[object, ...]) -> Iterator[tuple[str, str]]:
    """(YAML path, character) of each text of the case holding a character no document can print."""
    if isinstance(value, str):
        if m := _CONTROL.search(value):
            yield error_path(at), m.group()
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _control_characters(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _control_characters(item, (*at, i))


def schema_errors(data: Any) -> list[tuple[str, str]]:
    """(YAML path, message) of every way ``data`` breaks the case schema, in path order; a missing
    fact is reported at its own path (``number``), where a form shows it."""
    out = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.path]):
        path = error_path(error.path)
        missing = re.match(r"^'([^']+)' is a required property$", str(error.message))
        if error.validator == "required" and missing:
            path = f"{path}.{missing.group(1)}" if path else missing.group(1)
        out.append((path, _message(error)))
    return out


def plain_data(value: Any) -> Any:
    """YAML reads 2024-05-20 as a date; the case schema speaks strings."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    return value


def _message(error: Any) -> str:
    """A pattern is no help to the writer of a case file; the schema's description says what to write."""
    if error.validator == "pattern" and error.schema.get("description"):
        return f"{error.instance!r} is not {error.schema['description']}"
    if error.validator == "additionalProperties":
        return f"{error.message} (allowed: {', '.join(sorted(error.schema.get('properties', {})))})"
    return str(error.message)
