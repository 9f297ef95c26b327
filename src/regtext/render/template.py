"""Decision templates: Markdown with Jinja2, a YAML front matter saying what they are for.

Templates run in Jinja's immutable sandbox with ``StrictUndefined``; every value a template
prints is escaped for Markdown (facts cannot inject markup); ``{% include %}`` reaches only
``templates/``.  Before rendering, the template's syntax tree says which facts it uses, and every
missing one is reported at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ..corpus import data_dir
from ..decode import read_utf8
from ..errors import InputError, RegtextError
from ..export.markdown import escape
from ..yamlfile import load_yaml

_FRONT = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.S)


@dataclass(frozen=True, slots=True)
class Template:
    path: Path
    front: dict[str, Any]
    source: str          # the body, after the front matter
    body_line: int       # line of the body's first line in the file

    @property
    def name(self) -> str:
        return self.path.name


def templates_dir() -> Path:
    return data_dir("templates")


def read_template(path: Path) -> Template:
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError(f"cannot read template: {exc.strerror}", where=str(path)) from None
    return _read_template(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read_template(path: Path, mtime: int, size: int) -> Template:
    """Read once per process and version of the file."""
    text = read_utf8(path, "template")
    m = _FRONT.match(text)
    front: dict[str, Any] = {}
    if m:
        # One blank line for the opening ---, so the loader's lines are the template's.
        front = load_yaml(path, "\n" + m.group("yaml")).data or {}
        if not isinstance(front, dict):
            raise InputError("front matter must be a mapping", where=f"{path}:2:1")
    body = text[m.end():] if m else text
    return Template(path, front, body, text[: m.end()].count("\n") + 1 if m else 1)


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, with Markdown escaping of everything a template prints."""


def markdown_escape(value: Any) -> str:
    text = str(value)
    return escape(text) if _MAY_NEED_ESCAPE.search(text) else text


#: Characters after which escape() might change something (most Chinese text has none).
_MAY_NEED_ESCAPE = re.compile(r"[\\`*_\[\]<>|#+\-=.)\n]")


@lru_cache(maxsize=4)
def environment(root: str) -> _Environment:
    return _Environment(loader=FileSystemLoader(root), undefined=StrictUndefined, autoescape=False,
                        finalize=markdown_escape, keep_trailing_newline=True)


#: Names a template may use that are not facts (helpers and computed values).
HELPERS = {"cite", "quote", "basis", "title", "measure_phrase", "finding_names", "cited_findings",
           "cited_measures", "cited_execution", "cited_notice", "appeals", "born", "date", "issuer", "kind",
           "decision", "subject", "facts", "number", "responsibility", "deliberation", "cc", "addressee",
           "reason", "sanctions", "case", "regulation"}
#: The computed values that stand for facts: the fact they need.
NEEDS = {"born": "subject.born", "deliberation": "deliberation", "responsibility": "responsibility",
         "addressee": "addressee", "reason": "reason", "cc": "cc"}


@dataclass(slots=True)
class Analysis:
    fact_paths: set[str] = field(default_factory=set)   # subject.born, cc, …
    names: set[str] = field(default_factory=set)        # every top-level name used
    calls: list[tuple[str, list[Any], int]] = field(default_factory=list)   # cite('…') with constant args, line


def parse(template: Template, root: Path | None = None) -> nodes.Template:
    try:
        return _parsed(str(root or templates_dir()), template.name, template.source)
    except TemplateSyntaxError as exc:
        line = (exc.lineno or 1) + template.body_line - 1
        raise InputError(f"template syntax error: {exc.message}", where=f"{template.path}:{line}:1") from None


@lru_cache(maxsize=64)
def _parsed(root: str, name: str, source: str) -> nodes.Template:
    return environment(root).parse(source, name=name)


def analyse(tree: nodes.Template) -> Analysis:
    """What the template needs, read from its syntax tree (jinja2.meta, and attribute chains)."""
    from jinja2 import meta

    out = Analysis(names=set(meta.find_undeclared_variables(tree)))
    for node in tree.find_all(nodes.Getattr):
        chain = _chain(node)
        if chain:
            out.fact_paths.add(chain)
    for name in out.names:
        out.fact_paths.add(NEEDS.get(name, name))
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name):
            args = [a.value for a in call.args if isinstance(a, nodes.Const)]
            out.calls.append((call.node.name, args, call.lineno))
    return out


def _chain(node: nodes.Getattr) -> str | None:
    parts = [node.attr]
    current: nodes.Node = node.node
    while isinstance(current, nodes.Getattr):
        parts.append(current.attr)
        current = current.node
    if isinstance(current, nodes.Name) and current.name in ("subject", "case"):
        base = [] if current.name == "case" else ["subject"]
        return ".".join(base + list(reversed(parts)))
    return None


def missing_facts(analysis: Analysis, data: dict[str, Any]) -> list[str]:
    """Fact paths the template uses that the case does not give."""
    out = []
    for path in sorted(analysis.fact_paths):
        if path.split(".")[0] not in _FACT_ROOTS:
            continue
        value: Any = data
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            out.append(path)
    return out


_FACT_ROOTS = {"subject", "facts", "number", "responsibility", "deliberation", "cc", "addressee", "reason",
               "sanctions", "date", "issuer"}


@lru_cache(maxsize=64)
def _compiled(root: str, name: str, source: str):  # type: ignore[no-untyped-def]
    """A template compiled once per process (rendering a folder of cases reuses it)."""
    compiled = environment(root).from_string(source)
    compiled.name = name
    return compiled


def render(template: Template, context: dict[str, Any], root: Path | None = None) -> str:
    try:
        return _compiled(str(root or templates_dir()), template.name, template.source).render(context)
    except SecurityError as exc:
        raise InputError(f"template refused by the sandbox: {exc}", where=str(template.path)) from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"{template.path}:{line + template.body_line - 1}:1" if line else str(template.path)
        raise InputError(f"template error: {exc}", where=where) from None
    except RegtextError:
        raise
