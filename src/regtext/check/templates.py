"""Templates: every citation a template makes — in cite()/quote() calls and written as text —
exists in its regulation, in the declared style; every helper and fact it uses exists; every
include stays in its templates/ folder and ends; a decision carries the paragraphs decide's R9
requires.  Read from Jinja's syntax tree and the template text; nothing is rendered.

``regtext render`` runs this check on its template first: what check passes, render renders."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes

from .. import cite
from ..cite.grammar import RawRef, detect
from ..cite.styles import STYLES
from ..corpus import Corpus
from ..decide.case import case_schema
from ..decide.rulebook import load_rulebook, rulebook_path
from ..decide.rules import RULES
from ..errors import InputError, Location, RegtextError
from ..model import Document
from ..parser.decode import read_bytes
from ..problems import Problem, problem_at
from ..templating.limits import LOOP_FILTER, MAX_INCLUDE_DEPTH
from ..templating.template import (
    HELPERS,
    NOT_OFFERED,
    TOO_DEEP,
    Template,
    decode,
    environment,
    read_template,
    resolve_include,
    template_root,
)
from . import contents

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_ARABIC = re.compile(r"第[0-9０-９]+[条款]")
#: Names a template may call.
CALLABLE = {"cite", "quote"}
#: What the sandbox itself offers every template.
_GLOBALS = frozenset(environment(None).globals)


def check_template(path: Path, corpus: Corpus) -> list[Problem]:
    where = str(path)
    try:
        text = decode(read_bytes(path, "template"), path)
    except InputError as exc:
        line, column = exc.position
        return [problem_at(where, line, column, "C900", f"{exc.message} ({exc.hint})")]
    lines = text.split("\n")
    out: list[Problem] = []
    try:
        template = read_template(path)
    except InputError as exc:
        return [problem_at(where, 1, 1, "C101", exc.message, lines)]
    front_lines = template.body_line - 1
    regulation = template.front.get("regulation")
    doc: Document | None = None
    if not regulation:
        out.append(problem_at(where, 1, 1, "C102", "the front matter must declare 'regulation: <corpus id>'", lines))
    elif not isinstance(regulation, str) or regulation not in corpus:
        line = _line_of(lines, "regulation:", front_lines) or 1
        out.append(problem_at(where, line, 1, "C103", f"unknown regulation {regulation!r} (see 'regtext corpus')", lines))
    else:
        doc = corpus.load(regulation)
    style = str(template.front.get("cite_style", "zh"))
    if style not in STYLES:
        line = _line_of(lines, "cite_style:", front_lines) or 1
        out.append(problem_at(where, line, 1, "C111", f"unknown cite_style {style!r} (one of {', '.join(STYLES)})",
                           lines))
        style = "zh"
    root = template_root(path)
    try:
        tree = environment(root).parse(template.source)
    except TemplateSyntaxError as exc:
        line = (exc.lineno or 1) + front_lines
        return out + [problem_at(where, line, 1, "C101", f"template syntax error: {exc.message}", lines)]
    except RecursionError:
        return out + [problem_at(where, template.body_line, 1, "C101", TOO_DEEP, lines)]
    walked = _walk(tree)
    out += _names(tree, walked, lines, front_lines, where)
    unknown = [problem_at(where, line + front_lines, _column(lines, line + front_lines, name), "C114", message, lines)
               for line, name, message in _unknown_operations(tree)]
    out += unknown or _compile_errors(root, template, lines)
    names = walked.used
    for line, problem, included_names in _includes(root, walked.loads, (path.resolve(),)):
        line += front_lines
        if problem:
            keyword = problem.removeprefix("{% ").split(" ", 1)[0] if problem.startswith("{% ") else "include"
            out.append(problem_at(where, line, _column(lines, line, keyword), "C113", problem, lines))
        names |= included_names
    if doc is not None and rulebook_path(corpus, doc.id).exists():
        out += _sections(template, corpus, names, lines)
        out += _sanction_contents(template, corpus, _printed(tree) | (names - walked.used), lines)
    if doc is not None:
        out += _calls(tree, lines, front_lines, where, doc, corpus)
        out += _literal_citations(text, template.source, lines, where, doc, style, corpus)
    return out


def _unknown_operations(tree: nodes.Template) -> Iterator[tuple[int, str, str]]:
    """(line, name, message) for each filter or test the sandbox does not have: in ``x|f`` and
    ``x is t``, and named as text in map('f'), select('t'), selectattr('a', 't') and the like."""
    env = environment(None)
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        kind = "filter" if isinstance(node, nodes.Filter) else "test"
        named = [(kind, node.name)]
        if isinstance(node, nodes.Filter):
            named += _named_in_arguments(node)
        for what, name in named:
            if name not in (env.filters if what == "filter" else env.tests):
                yield node.lineno, name, _no_such(what, name, env.filters if what == "filter" else env.tests)


def _named_in_arguments(node: nodes.Filter) -> list[tuple[str, str]]:
    """The filter or test that map, select, reject, selectattr and rejectattr are given by name."""
    position = {"map": 0, "select": 0, "reject": 0, "selectattr": 1, "rejectattr": 1}.get(node.name)
    if position is None or len(node.args) <= position or any(k.key == "attribute" for k in node.kwargs):
        return []
    arg = node.args[position]
    if not (isinstance(arg, nodes.Const) and isinstance(arg.value, str)):
        return []
    return [("filter" if node.name == "map" else "test", arg.value)]


def _no_such(what: str, name: str, offered: Iterable[str]) -> str:
    if name in NOT_OFFERED:
        return f"no {what} named {name!r}: {NOT_OFFERED[name]}"
    close = difflib.get_close_matches(name, [n for n in offered if n != LOOP_FILTER], n=1)
    return f"no {what} named {name!r}" + (f" (did you mean {close[0]!r}?)" if close else
                                           f" (not one of Jinja's built-in {what}s)")


def _compile_errors(root: Path | None, template: Template, lines: list[str]) -> list[Problem]:
    """What only Jinja's compiler sees (a block defined twice, an assignment to loop, an
    expression nested deeper than Python compiles): render would stop there."""
    where = str(template.path)
    try:
        environment(root).compile(template.jinja_source, template.name, where)
    except TemplateSyntaxError as exc:
        line = exc.lineno or template.body_line
        return [problem_at(where, line, 1, "C101", f"template syntax error: {exc.message}", lines)]
    except (RecursionError, SyntaxError):
        return [problem_at(where, template.body_line, 1, "C101", TOO_DEEP, lines)]
    return []


#: Nodes that read another template through the loader.
_LOADS = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
_Load = nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends  # what _LOADS finds: each names a .template


def _includes(root: Path | None, loads: list[_Load], chain: tuple[Path, ...]
              ) -> Iterator[tuple[int, str | None, set[str]]]:
    """(line, problem or None, names the included template uses) for each template this tree
    reads.  The included templates are followed, so a cycle or a refused include deeper down is
    reported at the line of this tree that leads to it."""
    for node in loads:
        target = node.template
        if not (isinstance(target, nodes.Const) and isinstance(target.value, str)):
            yield node.lineno, ("the template to include is computed at render time, so it cannot be checked: "
                                "name the file (e.g. {% include 'part.md' %})"), set()
            continue
        written = _statement(node, target.value)
        try:
            path = resolve_include(root, target.value, written)
        except InputError as exc:
            yield node.lineno, exc.message + (f" ({exc.hint})" if exc.hint else ""), set()
            continue
        if path in chain:
            whom = "itself" if path == chain[-1] else f"{chain[chain.index(path)].name}, which includes it"
            yield node.lineno, f"{written} includes {whom}: the include would never end", set()
            continue
        if len(chain) > MAX_INCLUDE_DEPTH:
            yield node.lineno, f"{written}: includes nested more than {MAX_INCLUDE_DEPTH} deep", set()
            continue
        try:
            sub = _parse_included(root, path)
        except InputError as exc:
            yield node.lineno, f"{written}: {exc}", set()
            continue
        walked = _walk(sub)
        names = walked.used
        problem = next((f"{written}: {message} (line {line} of {path.name})"
                        for line, _, message in _unknown_operations(sub)), None)
        for _, deeper, deeper_names in _includes(root, walked.loads, (*chain, path)):
            names |= deeper_names
            if deeper and problem is None:
                problem = f"{written}: {deeper}"
        yield node.lineno, problem, names


def _statement(node: nodes.Node, name: str) -> str:
    """How the template reads another, as written: {% include 'x.md' %}, {% import 'x.md' as m %}, …"""
    if isinstance(node, nodes.Import):
        return f"{{% import {name!r} as {node.target} %}}"
    if isinstance(node, nodes.FromImport):
        names = ", ".join(n if isinstance(n, str) else f"{n[0]} as {n[1]}" for n in node.names)
        return f"{{% from {name!r} import {names} %}}"
    if isinstance(node, nodes.Extends):
        return f"{{% extends {name!r} %}}"
    return f"{{% include {name!r} %}}"


def _parse_included(root: Path | None, path: Path) -> nodes.Template:
    loader = environment(root).loader
    assert root is not None and loader is not None  # resolve_include found the path under root
    source, filename, _ = loader.get_source(environment(root), path.relative_to(root).as_posix())
    try:
        return environment(root).parse(source, filename=filename)
    except TemplateSyntaxError as exc:
        raise InputError(f"template syntax error: {exc.message}", where=Location(str(path), exc.lineno, 1)) from None
    except RecursionError:
        raise InputError(TOO_DEEP, where=str(path)) from None


def _sections(template: Template, corpus: Corpus, names: set[str], lines: list[str]) -> list[Problem]:
    """The decide rules that constrain templates (R9), for the kind and subject the front matter
    declares (none: any)."""
    try:
        book = load_rulebook(str(template.front["regulation"]), corpus)
    except InputError:
        return []  # reported when the rulebook itself is checked
    kind, subject = template.front.get("kind"), template.front.get("subject")
    line = _line_of(lines, "kind:", template.body_line - 1) or 1
    return [problem_at(str(template.path), line, 1, "C112", f"{rule.rule}: {section.message(template.name)}", lines)
            for rule in RULES if rule.template is not None
            for section in rule.template(book, kind, subject, names)]


def _sanction_contents(template: Template, corpus: Corpus, used: set[str], lines: list[str]) -> list[Problem]:
    """A template that can render a 政务处分 decision states what 政务处分法 第四十五条 lists (C120)."""
    try:
        book = load_rulebook(str(template.front["regulation"]), corpus)
    except InputError:
        return []  # reported when the rulebook itself is checked
    line = _line_of(lines, f"{contents.FRONT_KEY}:", template.body_line - 1) or 1
    if contents.declared(template.front) is None:
        return [problem_at(str(template.path), line, 1, "C120",
                           f"{contents.FRONT_KEY}: {template.front.get(contents.FRONT_KEY)!r} is not a list of sanction "
                           f"types (write {contents.FRONT_KEY}: [{', '.join(contents.TYPES)}] or a part of it)", lines)]
    return [problem_at(str(template.path), line, 1, "C120", item.message(template.name, missing, contents.law(book),
                                                                    not book.contents),
                       lines) for item, missing in contents.missing_items(book, template.front, used)]


def _printed(tree: nodes.Template) -> set[str]:
    """The names and ``subject.<fact>`` a template prints whatever the case: in ``{{ … }}`` or as what
    a ``{% for %}`` runs over, under no ``{% if %}`` or ``{% for %}`` but one on the name itself
    (``{% if appeals %}…{{ appeals }}``).  What 第四十五条 requires is printed unconditionally: an item
    under ``{% if subject.party_member %}`` or ``{% if false %}`` is missing from other decisions."""
    out: set[str] = set()

    def names_in(node: nodes.Node) -> set[str]:
        within = [node, *node.find_all((nodes.Name, nodes.Getattr))]   # find_all skips the node itself
        return ({n.name for n in within if isinstance(n, nodes.Name)}
                | {f"subject.{a.attr}" for a in within if isinstance(a, nodes.Getattr)
                   and isinstance(a.node, nodes.Name) and a.node.name == "subject"})

    def visit(node: nodes.Node, guards: tuple[set[str], ...]) -> None:
        if isinstance(node, (nodes.Macro, nodes.AssignBlock)):
            return   # prints where it is called, or into a variable: not here
        if isinstance(node, nodes.Output):
            out.update(n for n in names_in(node) if all(n in g for g in guards))
            return
        if isinstance(node, nodes.If):
            for child in node.body:
                visit(child, (*guards, names_in(node.test)))
            for child in [*node.elif_, *node.else_]:   # reached when the test fails: guarded by nothing
                visit(child, (*guards, set()))
            return
        if isinstance(node, nodes.For):
            over = names_in(node.iter)
            out.update(n for n in over if all(n in g for g in guards))
            for child in node.body:
                visit(child, (*guards, over))
            for child in node.else_:   # runs when the list is empty
                visit(child, (*guards, set()))
            return
        for child in node.iter_child_nodes():
            visit(child, guards)

    visit(tree, ())
    return out


def _subject_facts(walked: _Walked) -> set[str]:
    """``subject.name``, ``subject.position`` …: the facts of the subject a template prints."""
    return {f"subject.{a.attr}" for a in walked.attrs if isinstance(a.node, nodes.Name) and a.node.name == "subject"}


def _line_of(lines: list[str], needle: str, limit: int) -> int | None:
    return next((i + 1 for i, line in enumerate(lines[:limit]) if line.startswith(needle)), None)


def _column(lines: list[str], line: int, needle: str) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    index = text.find(needle)
    return index + 1 if index >= 0 else 1


@dataclass(slots=True)
class _Walked:
    """The names, attribute lookups, calls and includes of a template (one pass over its tree)."""

    names: list[nodes.Name] = field(default_factory=list)
    attrs: list[nodes.Getattr] = field(default_factory=list)
    calls: list[nodes.Call] = field(default_factory=list)
    loads: list[_Load] = field(default_factory=list)

    @property
    def used(self) -> set[str]:
        return {n.name for n in self.names if n.ctx == "load"}


def _walk(tree: nodes.Template) -> _Walked:
    out = _Walked()
    for node in tree.find_all((nodes.Name, nodes.Getattr, nodes.Call, *_LOADS)):
        if isinstance(node, nodes.Name):
            out.names.append(node)
        elif isinstance(node, nodes.Getattr):
            out.attrs.append(node)
        elif isinstance(node, nodes.Call):
            out.calls.append(node)
        elif isinstance(node, _LOADS):
            out.loads.append(node)
    return out


def _names(tree: nodes.Template, walked: _Walked, lines: list[str], offset: int, where: str) -> list[Problem]:
    """Helpers that do not exist; facts the case schema does not have.  The sandbox's own
    globals (range, namespace, …) are neither, nor a name the template binds where it is used."""
    out: list[Problem] = []
    attrs, calls = walked.attrs, walked.calls
    subject_facts = set(case_schema()["properties"]["subject"]["properties"])
    case_facts = set(case_schema()["properties"])
    called = {id(c.node) for c in calls if isinstance(c.node, nodes.Name)}
    for name in _free_names(tree.body, frozenset()):
        if name.name in HELPERS or name.name in _GLOBALS:
            continue
        line = name.lineno + offset
        if id(name) in called:
            out.append(problem_at(where, line, _column(lines, line, name.name), "C109",
                               f"no helper named {name.name!r} (helpers: {', '.join(sorted(CALLABLE))})", lines))
        else:
            out.append(problem_at(where, line, _column(lines, line, name.name), "C110",
                               f"{name.name!r} is not a fact of a case (see schemas/case.schema.json)", lines))
    for attr in attrs:
        base = attr.node
        if isinstance(base, nodes.Name) and base.name in ("subject", "case"):
            allowed = subject_facts if base.name == "subject" else case_facts
            if attr.attr not in allowed:
                line = attr.lineno + offset
                out.append(problem_at(where, line, _column(lines, line, f"{base.name}.{attr.attr}"), "C110",
                                   f"{base.name}.{attr.attr} is not a fact of a case (allowed: "
                                   f"{', '.join(sorted(allowed))})", lines))
    return out


#: Names Jinja binds inside a {% for %} body, and inside a macro or {% call %} body.
_LOOP_NAMES = frozenset({"loop"})
_MACRO_NAMES = frozenset({"varargs", "kwargs", "caller"})


def _free_names(body: list[nodes.Node], bound: frozenset[str]) -> Iterator[nodes.Name]:
    """The names a list of statements reads that nothing binds where they are read, by Jinja's
    scopes: {% for %}, a macro, {% call %} and {% with %} have their own; {% if %} has none, so
    what it sets is seen after it.  Order inside a scope is not followed (set later, read
    earlier passes: render then says it is undefined)."""
    local = bound | _bound_by(body)
    for statement in body:
        yield from _free_in(statement, local)


def _free_in(node: nodes.Node, bound: frozenset[str]) -> Iterator[nodes.Name]:
    if isinstance(node, nodes.Name):
        if node.ctx == "load" and node.name not in bound:
            yield node
    elif isinstance(node, nodes.For):
        inner = bound | _stored(node.target)
        yield from _free_in(node.iter, bound)
        if node.test is not None:
            yield from _free_in(node.test, inner)
        yield from _free_names(node.body, inner | _LOOP_NAMES)
        yield from _free_names(node.else_, bound)
    elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
        for default in node.defaults:
            yield from _free_in(default, bound)
        if isinstance(node, nodes.CallBlock):
            yield from _free_in(node.call, bound)
        yield from _free_names(node.body, bound | {a.name for a in node.args} | _MACRO_NAMES)
    elif isinstance(node, nodes.With):
        for value in node.values:
            yield from _free_in(value, bound)
        yield from _free_names(node.body, bound | {n for t in node.targets for n in _stored(t)})
    elif isinstance(node, nodes.Block):
        yield from _free_names(node.body, bound | {"super"})
    else:
        for child in node.iter_child_nodes():
            yield from _free_in(child, bound)


def _bound_by(body: list[nodes.Node]) -> frozenset[str]:
    """Names statements bind in their own scope — {% set %}, macros, imports — and in the
    branches of an {% if %}, which has no scope of its own."""
    out: set[str] = set()
    for statement in body:
        if isinstance(statement, (nodes.Assign, nodes.AssignBlock)):
            out |= _stored(statement.target)
        elif isinstance(statement, nodes.Macro):
            out.add(statement.name)
        elif isinstance(statement, nodes.Import):
            out.add(statement.target)
        elif isinstance(statement, nodes.FromImport):
            out |= {n if isinstance(n, str) else n[1] for n in statement.names}
        elif isinstance(statement, nodes.If):
            out |= _bound_by(statement.body) | _bound_by(statement.else_)
            for branch in statement.elif_:
                out |= _bound_by(branch.body)
    return frozenset(out)


def _stored(target: nodes.Node) -> frozenset[str]:
    """The names an assignment target binds: x, or a, b (an attribute of a namespace binds none)."""
    return frozenset(n.name for n in target.find_all(nodes.Name)) | (
        {target.name} if isinstance(target, nodes.Name) else set())


def _calls(tree: nodes.Template, lines: list[str], offset: int, where: str, doc: Document,
           corpus: Corpus) -> list[Problem]:
    """cite('…') and quote('…') with constant arguments name provisions that exist."""
    out: list[Problem] = []
    for call in tree.find_all(nodes.Call):
        if not (isinstance(call.node, nodes.Name) and call.node.name in CALLABLE and call.args):
            continue
        arg = call.args[0]
        if not isinstance(arg, nodes.Const) or not isinstance(arg.value, str):
            continue
        try:  # the same lookup as render's helpers: a citation naming another document is read there
            target = cite.cited_document(arg.value, corpus, doc)
            problem = _in_regulation(doc, arg.value) if target is doc else None
            if target is not doc:
                cite.resolve(target, arg.value)
        except RegtextError as exc:
            problem = str(exc)
        if problem:
            line = call.lineno + offset
            out.append(problem_at(where, line, _column(lines, line, arg.value), "C104",
                               f"{call.node.name}({arg.value!r}): {problem}", lines))
    return out


def _in_regulation(doc: Document, name: str) -> str | None:
    """Why cite(name) finds nothing in the regulation itself (by eId, item heading or citation)."""
    try:
        cite.lookup(doc, name, headings=True)
    except RegtextError:
        return f"no such provision in 《{doc.title}》"
    return None


def _literal_citations(text: str, body: str, lines: list[str], where: str, doc: Document, style: str,
                       corpus: Corpus) -> list[Problem]:
    """Citations written as text: 第四条第（三）项, 本办法第六条第二款, 《…》第X条."""
    out: list[Problem] = []
    base = len(text) - len(body)
    masked = _TAG.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)
    for ref in detect(masked):
        if not ref.paths:
            continue
        line = text.count("\n", 0, base + ref.start) + 1
        column = base + ref.start - (text.rfind("\n", 0, base + ref.start) + 1) + 1
        written = ref.text
        if _ARABIC.search(written):
            out.append(problem_at(where, line, column, "C108", f"{written}: write 条 and 款 numbers in Chinese numerals "
                               f"({_suggest(doc, written, style)})", lines))
            continue
        if ref.anchor in ("book", "name"):
            out += _external(ref, line, column, lines, where, corpus)
            continue
        if ref.anchor not in ("self", "bare") or ref.paths[0].steps[0].level != "article":
            continue
        path_text = written[len(ref.anchor_text):] if ref.anchor == "self" else written
        try:
            nodes_ = cite.resolve(doc, path_text)
        except Exception as exc:  # noqa: BLE001 — NotFound or a syntax error: both say the citation is wrong
            out.append(problem_at(where, line, column, "C104", f"{written}: {exc}", lines))
            continue
        expected = cite.format_nodes(nodes_, style, doc)
        if expected != path_text:
            out.append(problem_at(where, line, column, "C107", f"{path_text} is not in the declared style {style}: "
                               f"write {expected}", lines))
    return out


def _suggest(doc: Document, written: str, style: str) -> str:
    try:
        return "write " + cite.format_nodes(cite.resolve(doc, written.removeprefix("本办法")), style, doc)
    except Exception:  # noqa: BLE001
        return "e.g. 第十条"


def _external(ref: RawRef, line: int, column: int, lines: list[str], where: str, corpus: Corpus) -> list[Problem]:
    title = ref.anchor_text.strip("《》")
    known = corpus.registry.lookup(title)
    if known is None or known.id is None:
        return [problem_at(where, line, column, "C106", f"《{title}》 is not in the corpus: {ref.text} cannot be checked",
                        lines)]
    target = corpus.load(known.id)
    path_text = ref.text[len(ref.anchor_text):]
    try:
        cite.resolve(target, path_text)
    except Exception as exc:  # noqa: BLE001
        return [problem_at(where, line, column, "C105", f"{ref.text}: {exc}", lines)]
    return []
