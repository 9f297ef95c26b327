"""The one YAML loader: what it refuses (alias bombs, deep nesting, recursive aliases, keys given
twice, files the size of a book, values that cannot be built) with file:line:col, and that every
YAML reader of regtext goes through it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest

from regtext.errors import InputError
from regtext.yamlfile import load_yaml
from tests.conftest import ROOT

#: 360 bytes of nested aliases, 9**7 strings once expanded: the shape of issue 11's 342-byte file.
BOMB = """\
regulation: ningxia_anquan_zhuijiu_2023
a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
facts: *g
"""


def refused(text: str) -> str:
    with pytest.raises(InputError) as error:
        load_yaml("x.yaml", text)
    assert error.value.exit_code == 2
    return str(error.value)


def it_refuses_an_alias_bomb_at_once() -> None:
    assert len(BOMB.encode()) == 360
    start = time.perf_counter()
    assert refused(BOMB) == (
        "x.yaml:4:4: aliases (*name) expand the document to more than 820 values, the limit for a file of 360 "
        "bytes; the value here expands to 820 (write the values out, or refer to them fewer times)")
    assert time.perf_counter() - start < 0.5


def it_reads_aliases_that_expand_a_little() -> None:
    located = load_yaml("x.yaml", "appeal: &a {text: 申诉}\nother: *a\nlist: [*a, *a]\n")
    assert located.data == {"appeal": {"text": "申诉"}, "other": {"text": "申诉"}, "list": [{"text": "申诉"}] * 2}
    assert str(located.where("list[1].text")) == "x.yaml:1:19"


def it_refuses_a_recursive_alias() -> None:
    assert refused("a: 1\nb: &b [x, *b]\n") == (
        "x.yaml:2:4: an alias refers to the value that contains it (a recursive alias) (write the value out "
        "instead of the alias)")


def it_refuses_nesting_deeper_than_the_stack_allows() -> None:
    assert refused("a: " + "[" * 500 + "]" * 500 + "\n") == (
        "x.yaml:1:68: values nested more than 64 levels deep (a regtext YAML file is a few levels deep: check the "
        "brackets and indentation)")
    # Deeper still, PyYAML ≥ 6.0.4 stops composing first (its own limit): refused either way, located.
    assert refused("a: " + "[" * 5000 + "]" * 5000 + "\n").startswith("x.yaml:1:")


def it_refuses_nesting_that_would_overflow_the_c_stack_without_dying() -> None:
    """30,000 nested brackets (60 KB) once killed the process in libyaml's composer (SIGSEGV, exit
    139): no ``except`` can catch that, so it runs in a process of its own here."""
    code = ("import sys; from regtext.yamlfile import load_yaml; from regtext.errors import InputError\n"
            "try:\n    load_yaml('deep.yaml', '[' * 30000 + ']' * 30000)\n"
            "except InputError as exc:\n    print(exc); sys.exit(2)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    # PyYAML >= 6.0.3's libyaml reader stops at 1,000 levels on its own, before the events reach 65:
    # refused either way, located, and the process lives.
    assert (proc.returncode, proc.stdout) in {
        (2, "deep.yaml:1:66: values nested more than 64 levels deep (a regtext YAML file is a few levels deep: "
            "check the brackets and indentation)\n"),
        (2, "deep.yaml:1:1001: invalid YAML: exceeded maximum nesting depth\n")}, proc.stderr


def it_refuses_a_key_given_twice_at_the_second() -> None:
    assert refused("regulation: a\nsubject:\n  name: 张某某\n  sex: 男\n  name: 李某某\n") == (
        "x.yaml:5:3: the key 'name' is given twice in subject (first at line 3) (YAML would keep only the second "
        "value: remove one of them)")


def it_keeps_merge_keys() -> None:
    assert load_yaml("x.yaml", "base: &b {a: 1}\nc: {<<: *b, <<: *b, d: 2}\n").data["c"] == {"a": 1, "d": 2}


@pytest.mark.parametrize(("text", "message"), [
    ("date: 2024-13-45\n", "x.yaml:1:7: date: 2024-13-45 is not a date (month must be in 1..12) (write a date that "
     "exists, as YYYY-MM-DD)"),
    ("a:\n  - 2024-02-30\n", "x.yaml:2:5: a[0]: 2024-02-30 is not a date (day is out of range for month) (write a date "
     "that exists, as YYYY-MM-DD)"),
    ("n: !!int 十二\n", "x.yaml:1:4: n: '十二' cannot be read as int (invalid literal for int() with base 10: '十二') "
     "(quote the value if it is text)"),
], ids=["month-13", "february-30", "tagged-int"])
def it_refuses_a_value_that_cannot_be_built_with_its_path(text: str, message: str) -> None:
    assert refused(text) == message


def it_refuses_a_file_larger_than_a_yaml_file_of_regtext_can_be(tmp_path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 1024 * 1024 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_yaml(path)
    assert str(error.value) == (
        f"{path}: file is larger than 1 MiB, the limit for a YAML file (is this the right file?)")


def it_reads_every_bundled_yaml_file_within_the_bounds() -> None:
    files = [*(ROOT / "corpus").glob("*.yaml"), *(ROOT / "examples").glob("*.yaml")]
    assert len(files) > 25
    for path in files:
        load_yaml(path)


def it_is_the_only_yaml_reader_of_regtext() -> None:
    """Any other yaml.load/safe_load would escape the bounds above."""
    readers = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src" / "regtext").rglob("*.py")
                     if re.search(r"^\s*(import yaml|from yaml)", p.read_text(encoding="utf-8"), re.M))
    assert readers == ["src/regtext/yamlfile.py"]


def it_reads_corpus_metadata_through_the_loader(tmp_path) -> None:
    from regtext.corpus import Corpus

    (tmp_path / "x.meta.yaml").write_text("id: x\ntitle: 甲法\ntitle: 乙法\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        Corpus(tmp_path).entries  # noqa: B018 — reading the property is what raises
    assert str(error.value).startswith(f"{tmp_path / 'x.meta.yaml'}:3:1: the key 'title' is given twice")


def it_reads_template_front_matter_through_the_loader_with_its_lines(tmp_path) -> None:
    from regtext.templating.template import read_template

    path = tmp_path / "t.md"
    path.write_text("---\ntitle: a\nkind: [*x]\n---\n正文\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_template(path)
    assert str(error.value) == f"{path}:3:8: invalid YAML: found undefined alias"


def it_gives_errors_their_line_and_column_as_data() -> None:
    with pytest.raises(InputError) as caught:
        load_yaml("x.yaml", text="a: 1\nb: [1, 2\n")
    assert (caught.value.location.path, caught.value.position) == ("x.yaml", (3, 1))
    assert caught.value.where == "x.yaml:3:1"
