"""Decision templates: Markdown with Jinja2, a YAML front matter saying what they are for.

Templates run in Jinja's immutable sandbox with ``StrictUndefined``; every value a template
prints is escaped for Markdown (facts cannot inject markup).  A template is code from someone
else, so the sandbox also bounds what it can cost (``limits.py``): the text it makes, its loops,
its includes.  ``{% include %}`` and ``{% import %}`` reach only the ``templates/`` folder that
holds the template, after symbolic links are resolved.  A decision reads the same for the same
facts: nothing that picks at random, no object printed by its memory address.  Before rendering, the template's syntax tree says which
facts it uses, and every missing one is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import (
    BaseLoader,
    Environment,
    StrictUndefined,
    TemplateError,
    TemplateRuntimeError,
    TemplateSyntaxError,
    nodes,
)

from ..corpus import data_dir
from ..errors import InputError, Location, RegtextError
from ..export.markdown import escape
from ..parser.decode import read_bytes
from ..yamlfile import load_yaml
from . import limits

_FRONT = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.S)
#: File names a template (or a part it includes) may have.
SUFFIXES = (".md", ".j2", ".jinja")


@dataclass(frozen=True, slots=True)
class Template:
    path: Path
    front: dict[str, Any]
    source: str          # the body, after the front matter
    body_line: int       # line of the body's first line in the file

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def jinja_source(self) -> str:
        """The body after a comment as long as the front matter: Jinja's line numbers are the file's."""
        return _blank_front(self.body_line) + self.source


def _blank_front(body_line: int) -> str:
    return "{#" + "\n" * (body_line - 1) + "#}" if body_line > 1 else ""


def templates_dir() -> Path:
    return data_dir("templates")


def template_root(path: Path) -> Path | None:
    """The ``templates/`` folder holding a template (symbolic links resolved): the only place
    its includes may come from.  None for a template outside such a folder: it includes nothing."""
    resolved = path.resolve()
    return next((parent for parent in resolved.parents if parent.name == "templates"), None)


def read_template(path: Path) -> Template:
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError(f"cannot read template: {exc.strerror}", where=str(path)) from None
    return _read_template(path, stat.st_mtime_ns, stat.st_size)


def decode(data: bytes, path: Path) -> str:
    """UTF-8 or a clear refusal at the first byte that is not (a template is never guessed at)."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"the template is not UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column "
                         f"{column})", where=Location(str(path), line, column), hint="save it as UTF-8") from None


@lru_cache(maxsize=64)
def _read_template(path: Path, mtime: int, size: int) -> Template:
    """Read once per process and version of the file."""
    text = decode(read_bytes(path, "template"), path)  # at most LIMITS["template"] bytes
    m = _FRONT.match(text)
    front: dict[str, Any] = {}
    if m:
        # One blank line for the opening ---, so the loader's lines are the template's.
        front = load_yaml(path, "\n" + m.group("yaml")).data or {}
        if not isinstance(front, dict):
            raise InputError("front matter must be a mapping", where=Location(str(path), 2, 1))
    body = text[m.end():] if m else text
    return Template(path, front, body, text[: m.end()].count("\n") + 1 if m else 1)


def resolve_include(root: Path | None, name: str, written: str | None = None) -> Path:
    """The file ``{% include name %}`` (or an import of macros, or extends) reads: inside
    ``root`` once symbolic links are resolved, a template file, or an error saying why not,
    naming the statement as ``written`` (check and render refuse the same includes)."""
    written = written or f"{{% include {name!r} %}}"
    if root is None:
        raise InputError(f"{written}: a template outside a templates/ folder cannot include other files",
                         hint="put the template and what it includes in a folder named templates/")
    if not name.endswith(SUFFIXES):
        raise InputError(f"{written}: only templates ({', '.join(SUFFIXES)}) can be included")
    target = (root / name).resolve()
    if not target.is_relative_to(root):
        raise InputError(f"{written} reaches outside the template folder {root}",
                         hint="include only files inside it (symbolic links are followed before checking)")
    if not target.is_file():
        raise InputError(f"{written}: no such template in {root}")
    return target


class _Loader(BaseLoader):
    """Includes from the template root only (see resolve_include); the included file's front
    matter is blanked so that line numbers stay the file's."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        path = resolve_include(self.root, template)
        text = decode(read_bytes(path, "template"), path)
        m = _FRONT.match(text)
        source = (_blank_front(text[: m.end()].count("\n") + 1) + text[m.end():]) if m else text
        mtime = path.stat().st_mtime_ns
        return source, str(path), lambda: path.exists() and path.stat().st_mtime_ns == mtime


class _Environment(limits.BoundedSandbox):
    """The sandbox, with Markdown escaping of everything a template prints and the bounds of
    limits.py."""


def markdown_escape(value: Any) -> str:
    text = str(value)
    if "0x" in text and _ADDRESS.search(text):
        shown = _ADDRESS.sub(" at 0x…>", text)
        raise TemplateRuntimeError(f"{{{{ … }}}} prints {shown!r}, a Python object whose text changes at every run "
                                   "(call the helper, e.g. cite('第四条'), or print a value)")
    return escape(text) if _MAY_NEED_ESCAPE.search(text) else text


#: How Python prints an object that has no text of its own: <function f at 0x7f…>, different
#: at every run (a decision must read the same for the same facts).
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")


#: Characters after which escape() might change something (most Chinese text has none).
_MAY_NEED_ESCAPE = re.compile(r"[\\`*_\[\]<>|#+\-=.)\n]")


@lru_cache(maxsize=8)
def environment(root: Path | None) -> _Environment:
    env = _Environment(loader=_Loader(root), undefined=StrictUndefined, autoescape=False,
                       finalize=limits.counted(markdown_escape), keep_trailing_newline=True)
    limits.install(env)
    for name in NOT_OFFERED:
        del env.filters[name]
    return env


#: Filters of Jinja a template does not get, and why (check says it when a template uses one).
NOT_OFFERED = {"random": "it picks another item at every run, and a decision must read the same for the same facts"}


#: Names a template may use that are not facts (helpers and computed values): the one list.
#: ``render.context`` offers exactly these and ``check`` accepts exactly these, so a new helper is
#: one name here and its value in ``render.context``.
HELPERS = ("cite", "quote", "basis", "title", "measure_phrase", "finding_names", "cited_findings",
           "cited_measures", "cited_execution", "cited_notice", "appeals", "born", "date", "issuer", "kind",
           "decision", "subject", "facts", "number", "responsibility", "deliberation", "cc", "addressee",
           "reason", "sanctions", "case", "regulation", "attachments", "annotation",
           "sanction_phrase", "only_sanctions", "sanction", "period_phrase", "severity_phrase",
           "circumstance_phrase", "several_phrase", "sanction_violation_phrase")
#: The computed values that stand for facts: the fact they need.
NEEDS = {"born": "subject.born", "deliberation": "deliberation", "responsibility": "responsibility",
         "addressee": "addressee", "reason": "reason", "cc": "cc"}


@dataclass(slots=True)
class Analysis:
    fact_paths: set[str] = field(default_factory=set)   # subject.born, cc, …
    names: set[str] = field(default_factory=set)        # every top-level name used
    calls: list[tuple[str, list[Any], int]] = field(default_factory=list)   # cite('…') with constant args, line


#: Why Jinja gives up on a template whose expressions nest too deep for its parser or for Python.
TOO_DEEP = ("template syntax error: an expression is nested too deep to compile (split it into steps with "
            "{% set %})")


def parse(template: Template) -> nodes.Template:
    try:
        return _parsed(template_root(template.path), template.name, template.source)
    except TemplateSyntaxError as exc:
        line = (exc.lineno or 1) + template.body_line - 1
        raise InputError(f"template syntax error: {exc.message}", where=Location(str(template.path), line, 1)) from None
    except RecursionError:
        raise InputError(TOO_DEEP, where=Location(str(template.path), template.body_line, 1)) from None


def needs(template: Template) -> Analysis:
    """What the template needs (analyse), or why it cannot even be compiled, at its line."""
    tree = parse(template)
    try:
        return analyse(tree)
    except TemplateSyntaxError as exc:  # an unknown filter or test, a block defined twice, …
        line = (exc.lineno or 1) + template.body_line - 1
        raise InputError(f"template error: {exc.message}", where=Location(str(template.path), line, 1)) from None


@lru_cache(maxsize=64)
def _parsed(root: Path | None, name: str, source: str) -> nodes.Template:
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
def _compiled(root: Path | None, path: Path, source: str) -> jinja2.Template:
    """A template compiled once per process (rendering a folder of cases reuses it); its file
    name is the template's, so errors raised while it runs name the file and line."""
    env = environment(root)
    return env.template_class.from_code(env, env.compile(source, path.name, str(path)), env.make_globals(None))


def render(template: Template, context: dict[str, Any]) -> str:
    """The Markdown a template makes, within the sandbox's bounds; any failure the template
    causes — compiling it or running it — is an InputError naming the template file and line."""
    try:
        compiled = _compiled(template_root(template.path), template.path, template.jinja_source)
        return limits.run(compiled, context)
    except RegtextError as exc:
        if exc.location is None:
            exc.location = _where(exc, template)
        raise
    except limits.LimitExceeded as exc:
        raise InputError(f"template refused: {exc}", where=_where(exc, template),
                         hint="templates run with bounded text, loops and includes") from None
    except TemplateError as exc:
        what = "refused by the sandbox" if "unsafe" in str(exc) or "not safely" in str(exc) else "error"
        raise InputError(f"template {what}: {exc.message or exc}", where=_where(exc, template)) from None
    except RecursionError as exc:
        raise InputError("template error: recursion too deep (a macro that calls itself without end?)",
                         where=_where(exc, template)) from None
    except TEMPLATE_FAULTS as exc:
        raise InputError(f"template error: {type(exc).__name__}: {exc}", where=_where(exc, template)) from None


#: What Python raises when a template asks a filter, a test or an operator for the impossible
#: ('x'|truncate(-5), 'x'|xmlattr, 1 // 0, 2.0 ** 10000, [1, 'a']|sort), or when the code Jinja
#: makes of a template nests too deep to compile (SyntaxError): the template's fault.
TEMPLATE_FAULTS = (ArithmeticError, AssertionError, AttributeError, LookupError, TypeError, ValueError, SyntaxError)


def _where(exc: BaseException, template: Template) -> Location:
    """File and line of the innermost template frame of the exception (Jinja rewrites the traceback
    so that those frames carry the template's file and line), else the template's path."""
    lineno = getattr(exc, "lineno", None)
    if isinstance(exc, TemplateSyntaxError) and lineno:
        return Location(exc.filename or str(template.path), lineno, 1)
    found = Location(str(template.path))
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = Location(tb.tb_frame.f_code.co_filename, tb.tb_lineno, 1)
        tb = tb.tb_next
    return found
