"""What a template may cost.  Jinja's sandbox stops a template from reaching Python's insides,
not from eating the machine: ``{{ 'x' * 10**9 }}`` or two nested ``range(100000)`` loops ran for
a minute in 5 GB.  A decision is a few pages, so generous bounds cost real templates nothing:

- a text or list a template makes (``*``, ``+``, ``~``, ``%``, padding, ``join``, ``replace``)
  holds at most ``MAX_TEXT`` characters or items — checked *before* it is made;
- all loops of one document together take at most ``MAX_STEPS`` steps (``range`` counts its
  length when it is made, every ``{% for %}`` each step);
- includes nest at most ``MAX_INCLUDE_DEPTH`` deep, and one document prints at most ``MAX_OUTPUT``
  characters (values printed into ``{% set %}`` blocks and macros count too).

Each refusal raises ``LimitExceeded`` inside the template code, so the error names the template
file and line that asked for too much.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from types import FrameType
from typing import Any

from jinja2 import nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_TEXT = 100_000
MAX_STEPS = 10_000
MAX_INCLUDE_DEPTH = 10
MAX_OUTPUT = 1_000_000
#: Bits of an integer a template may compute (2**100000 is already 30,000 digits).
MAX_BITS = 100_000


class LimitExceeded(SecurityError):
    """A template asked for more than the sandbox allows."""


@dataclass(slots=True)
class _Budget:
    steps: int = 0
    printed: int = 0

    def step(self, count: int, what: str) -> None:
        self.steps += count
        if self.steps > MAX_STEPS:
            raise LimitExceeded(f"{what}: the loops of one document take at most {MAX_STEPS:,} steps")


_BUDGET: ContextVar[_Budget | None] = ContextVar("regtext_template_budget", default=None)


def _charge(count: int, what: str) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.step(count, what)


def run(compiled: Any, context: dict[str, Any]) -> str:
    """Render within the budget; the output stops at MAX_OUTPUT characters."""
    token = _BUDGET.set(_Budget())
    try:
        pieces: list[str] = []
        size = 0
        stream = compiled.generate(context)
        for piece in stream:
            size += len(piece)
            if size > MAX_OUTPUT:
                # Raised where the template is producing, so the error carries its line.
                stream.throw(LimitExceeded(f"the document would be longer than {MAX_OUTPUT:,} characters"))
            pieces.append(piece)
        return "".join(pieces)
    finally:
        _BUDGET.reset(token)


def counted(finalize: Callable[[Any], str]) -> Callable[[Any], str]:
    """The environment's finalize, counting what every ``{{ … }}`` prints (into the document or
    into a block or macro that captures it)."""

    @wraps(finalize)
    def finalize_counted(value: Any) -> str:
        text = finalize(value)
        budget = _BUDGET.get()
        if budget is not None:
            budget.printed += len(text)
            if budget.printed > MAX_OUTPUT:
                raise LimitExceeded(f"the template prints more than {MAX_OUTPUT:,} characters")
        return text

    return finalize_counted


def _too_long(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise LimitExceeded(f"{what} would make {size:,} characters or items (at most {MAX_TEXT:,})")


def _sized(value: Any) -> bool:
    return isinstance(value, (str, list, tuple))


#: Widths in a %-format or str.format spec: %1000000000d, {:>1000000000}.
_WIDTH = re.compile(r"[0-9]{6,}")


def _check_format(spec: str, what: str) -> None:
    for digits in _WIDTH.findall(spec):
        _too_long(int(digits), what)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be too large, before computing it."""
    what = f"{operator!r}"
    if operator == "*":
        if _sized(left) and isinstance(right, int):
            _too_long(len(left) * max(right, 0), what)
        elif _sized(right) and isinstance(left, int):
            _too_long(len(right) * max(left, 0), what)
        elif isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_BITS:
            raise LimitExceeded(f"{what} would make a number of more than {MAX_BITS:,} bits")
    elif operator == "+":
        if _sized(left) and _sized(right):
            _too_long(len(left) + len(right), what)
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1 \
                and right * left.bit_length() > MAX_BITS:
            raise LimitExceeded(f"{what} would make a number of more than {MAX_BITS:,} bits")
    elif operator == "%" and isinstance(left, str):
        _check_format(left, what)
        for arg in right if isinstance(right, tuple) else (right,):
            if isinstance(arg, int) and not isinstance(arg, bool) and arg > MAX_TEXT and "*" in left:
                _too_long(arg, what)


_STR_WIDTH = {"ljust", "rjust", "center", "zfill"}


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a call on a text whose result would be too large; returns the arguments to call
    with (an iterable given to join is read once, here)."""
    target = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format in a function of its own
    owner = getattr(target, "__self__", None)
    if not isinstance(owner, str):
        return args
    name = getattr(target, "__name__", "")
    what = f"{name}()"
    if name in _STR_WIDTH and args and isinstance(args[0], int):
        _too_long(args[0], what)
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int):
            _too_long(len(owner) + owner.count("\t") * size, what)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        _too_long(_replaced_size(owner, args[0], args[1], args[2] if len(args) > 2 else -1), what)
    elif name == "join" and args:
        items = list(args[0])
        _too_long(_joined_size(owner, items), what)
        return (items, *args[1:])
    elif name in ("format", "format_map"):
        _check_format(owner, what)
        if _NESTED_FIELD.search(owner):  # {:>{width}}: the width comes from an argument
            for arg in (*args, *kwargs.values()):
                if isinstance(arg, int) and not isinstance(arg, bool):
                    _too_long(arg, what)
    return args


_NESTED_FIELD = re.compile(r"\{[^{}]*\{")


def _replaced_size(text: str, old: str, new: str, count: Any) -> int:
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


def _joined_size(separator: str, items: list[Any]) -> int:
    return len(separator) * max(len(items) - 1, 0) + sum(len(str(i)) for i in items)


@pass_context  # never folded into a constant at compile time: it must run, and count, each time
def _loop(context: Any, iterable: Iterable[Any]) -> Iterator[Any]:
    for item in iterable:
        _charge(1, "{% for %}")
        yield item


@pass_context
def _range(context: Any, *args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_STEPS:
        raise LimitExceeded(f"range() of {len(numbers):,} numbers (at most {MAX_STEPS:,})")
    _charge(len(numbers), "range()")
    return numbers


def _guarded_filter(name: str, func: Callable[..., Any], check: Callable[..., None]) -> Callable[..., Any]:
    @wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return func(*args, **kwargs)

    return guarded


def _value(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """A filter's arguments after an eval context it may be passed first."""
    return args[1:] if args and not isinstance(args[0], (str, list, tuple, int)) and hasattr(args[0], "autoescape") \
        else args


def _filter_checks() -> dict[str, Callable[..., None]]:
    def center(*args: Any, **kwargs: Any) -> None:
        width = kwargs.get("width", args[1] if len(args) > 1 else 80)
        if isinstance(width, int):
            _too_long(width, "center")

    def indent(*args: Any, **kwargs: Any) -> None:
        text, width = args[0], kwargs.get("width", args[1] if len(args) > 1 else 4)
        if isinstance(width, int):
            _too_long(len(str(text)) * (1 + max(width, 0)), "indent")

    def format_(*args: Any, **kwargs: Any) -> None:
        _check_format(str(args[0]), "format")

    def join(*args: Any, **kwargs: Any) -> None:
        value = _value(args)
        separator = kwargs.get("d", value[1] if len(value) > 1 else "")
        if isinstance(value[0], (list, tuple, str)):
            _too_long(_joined_size(str(separator), list(value[0])), "join")

    def replace(*args: Any, **kwargs: Any) -> None:
        value = _value(args)
        if len(value) >= 3:
            count = kwargs.get("count", value[3] if len(value) > 3 else None)
            _too_long(_replaced_size(str(value[0]), str(value[1]), str(value[2]), count), "replace")

    def slice_(*args: Any, **kwargs: Any) -> None:
        slices = kwargs.get("slices", args[1] if len(args) > 1 else 1)
        if isinstance(slices, int):
            _too_long(slices, "slice")

    return {"center": center, "indent": indent, "format": format_, "join": join, "replace": replace,
            "slice": slice_}


def install(env: Any) -> None:
    """The bounded globals and filters of an environment."""
    env.globals["range"] = _range
    env.globals.pop("lipsum", None)   # pages of filler text: no decision needs it
    for name, check in _filter_checks().items():
        env.filters[name] = _guarded_filter(name, env.filters[name], check)
    env.filters[LOOP_FILTER] = _loop


#: The filter put around the iterable of every {% for %} when a template is compiled.
LOOP_FILTER = "regtext_loop_step"


def _include_depth() -> int:
    """Templates being rendered on the stack: each runs in a compiled ``root`` function."""
    depth = 0
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "root" and "__jinja_template__" in frame.f_globals:
            depth += 1
        frame = frame.f_back
    return depth


class _Generator(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        """``a ~ b``: the joined text checked (it can double in a loop or a macro that calls itself)."""
        self.write("environment.bounded_text(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with the checks above at the points it offers."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class: type[CodeGenerator] = _Generator

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        args = check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def bounded_text(self, text: str) -> str:
        _too_long(len(text), "'~'")
        return text

    def get_template(self, name: Any, parent: Any = None, globals: Any = None) -> Any:  # noqa: A002
        if _include_depth() >= MAX_INCLUDE_DEPTH:
            raise LimitExceeded(f"includes nested more than {MAX_INCLUDE_DEPTH} deep (does a template include "
                                "itself?)")
        return super().get_template(name, parent, globals)

    def _generate(self, source: nodes.Template, name: Any, filename: Any, defer_init: bool = False) -> Any:
        """Every loop counted: the iterable of each {% for %} goes through the step filter."""
        for loop in source.find_all(nodes.For):
            wrapped = nodes.Filter(loop.iter, LOOP_FILTER, [], [], None, None, lineno=loop.lineno)
            wrapped.set_environment(self)
            loop.iter = wrapped
        return super()._generate(source, name, filename, defer_init)
