"""The engine as the web app and its HTTP API use it: a case given as text (YAML or JSON, from a
request body or the form) is decided and rendered exactly as ``regtext decide`` and ``regtext
render`` would a file of the same text.  No web framework here: the rules of what a request may
hold and what its answer says are tested without a server.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..decide import Decision, decide, load_case
from ..errors import RegtextError
from ..parser.decode import LIMITS
from ..problems import Problem, source_line

#: The largest request body the app reads (413 beyond): a case file's own limit.
MAX_BODY = LIMITS["yaml"]
#: The code a case that cannot be read at all is reported under (as ``regtext check`` reports it).
UNREADABLE_CASE = "C301"
#: What a case name given with a request may be: a label shown in messages, never opened.
MAX_NAME = 200


class RequestError(Exception):
    """A request the API cannot take (not a case problem): its HTTP status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def case_name(given: str | None) -> str:
    """The name a request's case is known by in messages (``case.yaml`` unless given)."""
    name = (given or "case.yaml").strip()
    if not name or len(name) > MAX_NAME or any(ord(c) < 32 for c in name):
        raise RequestError(400, f"name: a case name is 1 to {MAX_NAME} printable characters")
    return name


def body_text(body: bytes, content_type: str | None) -> str:
    """A request body as the text of a case file: UTF-8, YAML or JSON (JSON is checked as JSON,
    then read by the YAML reader, so a problem's line and column are the sender's)."""
    if len(body) > MAX_BODY:
        raise RequestError(413, f"the body has {len(body)} bytes, more than the {MAX_BODY} a case file may have")
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind not in ("", "application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
                    "text/plain"):
        raise RequestError(415, f"Content-Type {kind}: send the case as application/json or application/yaml")
    charset = charset_of(content_type or "")
    if charset not in ("", "utf-8", "utf8"):   # the body would be read as another text than the one sent
        raise RequestError(415, f"charset={charset}: send the case as UTF-8 (charset=utf-8, or no charset)")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(400, f"the body is not UTF-8 (byte {exc.start})") from None
    if kind == "application/json":
        try:
            json.loads(text)
        except ValueError as exc:
            raise RequestError(400, f"the body is not JSON: {exc}") from None
        except RecursionError:   # json.loads recurses once per level
            raise RequestError(400, "the body is not JSON: its values are nested too deeply to be read "
                                    "(a case file nests them at most 64 levels deep)") from None
    return text


def charset_of(content_type: str) -> str:
    """The ``charset`` parameter of a Content-Type, lower case; "" when there is none."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return ""


def problem_of(exc: RegtextError, lines: list[str] | None) -> Problem:
    """An error that stopped a case from being read, as the problem record every command prints."""
    where = exc.location
    line, column = exc.position
    return Problem(where.path if where else "", line, column, "error", exc.code or UNREADABLE_CASE, exc.message,
                   source_line(lines, line), exc.hint)


def record(problem: Problem) -> dict[str, object]:
    """A located problem as JSON, with its hint (what ``regtext check --format json`` gives, plus how to fix it)."""
    return {**problem.to_dict(), "hint": problem.hint}


@dataclass(slots=True)
class Outcome:
    """A case's text decided: the decision, or the error that kept the text from being a case."""

    text: str
    name: str
    decision: Decision | None = None
    error: Problem | None = None


def decide_text(text: str, name: str) -> Outcome:
    """decide(load_case(text)), never raising for the case's own faults."""
    try:
        return Outcome(text, name, decision=decide(load_case(name, text)))
    except RegtextError as exc:
        return Outcome(text, name, error=problem_of(exc, text.split("\n")))


def decision_json(decision: Decision, name: str) -> str:
    """Byte for byte what ``regtext decide --to json`` prints for a file named ``name``."""
    return json.dumps(decision.to_dict(name), ensure_ascii=False, indent=1) + "\n"


def error_json(problem: Problem) -> str:
    return json.dumps({"errors": [record(problem)]}, ensure_ascii=False, indent=1) + "\n"
