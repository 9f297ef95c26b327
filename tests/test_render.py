"""Render: one template source → Markdown, HTML and DOCX with the same text; templates in the
sandbox; every missing fact reported at once, before rendering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from regtext.check import run as check_run
from regtext.cli import main
from regtext.errors import InputError, NotFound
from regtext.publish.document import paragraphs
from regtext.render import DecisionErrors, TemplateErrors, render_case
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("case", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def it_renders_every_example_to_the_same_text_in_markdown_and_html(case: Path) -> None:
    rendered = render_case(case)
    md = rendered.to("md").decode()
    html = rendered.to("html").decode()
    texts = [p.text for p in rendered.paragraphs]
    assert [p.text for p in paragraphs(md)] == texts
    visible = re.findall(r"<(?:h[1-4]|p)[^>]*>(.*?)</(?:h[1-4]|p)>", html)
    import html as html_lib
    assert [html_lib.unescape(v.replace("<br>", "")) for v in visible] == texts   # the title's line breaks
    assert "{{" not in md and "{." not in md


def it_writes_the_decision_on_a_person_as_a_drafter_would() -> None:
    rendered = render_case(ROOT / "examples" / "zhang_jiemian.yaml")
    roles = [(p.role, p.text) for p in rendered.paragraphs]
    assert roles[0] == ("title", "关于对张某某同志进行诫勉的决定")
    assert roles[1] == ("number", "某纪问〔2024〕12号")
    assert roles[2][1] == "张某某，男，1975年3月生，中共党员，时任某某县应急管理局党组成员、副局长（分管安全生产监督管理工作）。"
    assert ("body", "上述行为属于《安全生产责任追究办法（试行）》第四条第（三）项规定的“监管落实不力”情形，张某某同志负有领导责任。") in roles
    assert ("body", "根据《安全生产责任追究办法（试行）》第四条第（三）项、第六条第一款第（三）项之规定，经县纪委常委会会议研究，"
            "决定对张某某同志进行诫勉。") in roles
    assert any(t.startswith("根据《安全生产责任追究办法（试行）》第十条的规定") for _, t in roles)
    assert roles[-3:] == [("signature", "某某县纪委监委"), ("date", "2024年5月20日"),
                          ("cc", "抄送：某某县委组织部，某某县应急管理局。")]


def it_keeps_markup_in_facts_as_text(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "zhang_jiemian.yaml").read_text(encoding="utf-8").replace(
        "造成1人受伤", "造成<script>alert(1)</script>*1人*受伤 {.cc}"), encoding="utf-8")
    rendered = render_case(case)
    facts = next(p.text for p in rendered.paragraphs if p.text.startswith("经查"))
    assert "<script>alert(1)</script>*1人*受伤 {.cc}" in facts
    assert "<script>" not in rendered.to("html").decode()


def write_template(folder: Path, body: str) -> Path:
    path = folder / "t.md"
    path.write_text("---\nregulation: ningxia_anquan_zhuijiu_2023\nkind: decision\n---\n{{ cited_execution }}\n" + body,
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "message"), [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "sandbox"),
    ("{{ cite.__globals__ }}", "sandbox"),
    ('{% include "../../../etc/passwd" %}', "C113 {% include '../../../etc/passwd' %}: a template outside a "
                                            "templates/ folder cannot include other files"),
    ("{% if %}", "template syntax error"),
], ids=["mro", "globals", "include-outside", "syntax"])
def it_refuses_hostile_templates_cleanly(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        render_case(ROOT / "examples" / "zhang_jiemian.yaml", template=str(write_template(tmp_path, body)))
    assert message in str(error.value)
    assert "root:" not in str(error.value)


def it_reports_every_missing_fact_at_once(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    text = (ROOT / "examples" / "zhang_jiemian.yaml").read_text(encoding="utf-8")
    case.write_text(text.replace("  sex: 男\n", "").replace("  born: 1975-03\n", "").replace(
        "deliberation: 县纪委常委会会议研究\n", ""), encoding="utf-8")
    with pytest.raises(NotFound) as error:
        render_case(case)
    assert "needs facts the case does not give: deliberation, subject.born, subject.sex" in str(error.value)


def it_refuses_to_render_a_case_that_breaks_a_rule(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "zhang_jiemian.yaml").read_text(encoding="utf-8").replace(
        "measures: [诫勉]", "measures: [检查]"), encoding="utf-8")
    with pytest.raises(DecisionErrors) as error:
        render_case(case)
    assert error.value.exit_code == 1


def it_renders_from_the_command_line_and_leaves_no_file_on_failure(capsys, tmp_path: Path) -> None:
    out = tmp_path / "decision.md"
    assert main(["render", str(ROOT / "examples" / "zhang_jiemian.yaml"), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# 关于对张某某同志进行诫勉的决定\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text((ROOT / "examples" / "zhang_jiemian.yaml").read_text(encoding="utf-8").replace(
        "measures: [诫勉]", "measures: [检查]"), encoding="utf-8")
    assert main(["render", str(bad), "-o", str(tmp_path / "never.md")]) == 1
    assert not (tmp_path / "never.md").exists()
    err = capsys.readouterr().err
    assert "error D102 measures[0]: 检查 is a measure for organisations" in err


def it_renders_a_folder_of_cases_one_document_each(capsys, tmp_path: Path) -> None:
    assert main(["render", str(ROOT / "examples"), "--to", "html", "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{p.stem}.html" for p in EXAMPLES)
    assert f"rendered {len(EXAMPLES)} of {len(EXAMPLES)} case files" in capsys.readouterr().err


def it_decides_from_the_command_line(capsys) -> None:
    assert main(["decide", str(ROOT / "examples" / "zhang_jiemian.yaml"), "--to", "json"]) == 0
    import json
    data = json.loads(capsys.readouterr().out)
    assert [(b["role"], b["citation"], b["eid"]) for b in data["basis"]][:2] == [
        ("finding", "第四条第（三）项", "art_4__para_1__point_3"), ("measure", "第六条第一款第（三）项", "art_6__para_1__point_3")]
    assert data["kind"] == "decision" and data["errors"] == []


def it_runs_the_readme_main_command(capsys, tmp_path: Path, monkeypatch) -> None:
    import docx

    monkeypatch.chdir(ROOT)
    out = tmp_path / "decision.docx"
    assert main(["render", "examples/zhang_jiemian.yaml", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "关于对张某某同志进行诫勉的决定"
    assert ("根据《安全生产责任追究办法（试行）》第四条第（三）项、第六条第一款第（三）项之规定，经县纪委常委会会议研究，"
            "决定对张某某同志进行诫勉。") in texts


# -- cite() and quote() of another law (issue 11, item 2) -------------------------------------------

def it_cites_and_quotes_another_law_from_that_law(tmp_path: Path) -> None:
    """《中华人民共和国监察法》第四条 used to be the regulation's own 第四条, text and all."""
    template = write_template(tmp_path, "# 决定\n\n依据{{ cite('《中华人民共和国监察法》第四条') }}，"
                              "即{{ cite('jianchafa_2024#art_15__para_1__point_6', 'en') }}。\n\n"
                              "{{ quote('监察法第四条') }}\n")
    texts = [p.text for p in render_case(ROOT / "examples" / "zhang_jiemian.yaml", template=str(template)).paragraphs]
    assert texts[2:5] == ["依据《中华人民共和国监察法》第四条，即《中华人民共和国监察法》 Article 15(6)。",
                          "第四条 监察委员会依照法律规定独立行使监察权，不受行政机关、社会团体和个人的干涉。",
                          "监察机关办理职务违法和职务犯罪案件，应当与审判机关、检察机关、执法部门互相配合，互相制约。"]
    assert check_run([template]) == []


@pytest.mark.parametrize(("call", "message"), [
    ("cite('《中国共产党问责条例》第七条')",
     "cite('《中国共产党问责条例》第七条'): 《中国共产党问责条例》 is not in the corpus (run 'regtext corpus' for what is)"),
    ("quote('《中华人民共和国监察法》第九十九条')",
     "quote('《中华人民共和国监察法》第九十九条'): 第九十九条 does not exist in 《中华人民共和国监察法》 "
     "(it has 第一条 to 第七十八条; nearest: 第七十八条)"),
], ids=["not-bundled", "not-in-that-law"])
def it_refuses_a_provision_of_another_law_it_cannot_find_in_render_and_check(tmp_path: Path, call: str,
                                                                              message: str) -> None:
    template = write_template(tmp_path, f"# 决定\n\n依据{{{{ {call} }}}}。\n")
    (finding,) = check_run([template])
    assert (finding.code, finding.line, finding.message) == ("C104", 8, message)
    with pytest.raises(TemplateErrors) as refused:  # render refuses what check finds, with check's words
        render_case(ROOT / "examples" / "zhang_jiemian.yaml", template=str(template))
    assert str(refused.value) == f"{template}:8:{finding.column}: C104 {message} (run 'regtext check {template}')"


# -- what a template may cost (issue 11, item 12) ----------------------------------------------

@pytest.mark.parametrize(("body", "message"), [
    ("{{ 'x' * 10**9 }}", "template refused: '*' would make 1,000,000,000 characters or items (at most 100,000)"),
    ("{{ cc * 10**8 }}", "template refused: '*' would make 200,000,000 characters or items (at most 100,000)"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "template refused: range() of 100,000 numbers (at most 10,000)"),
    ("{% for i in range(5000) %}{% for j in range(5000) %}{% endfor %}{% endfor %}",
     "template refused: range(): the loops of one document take at most 10,000 steps"),
    ("{% for c in facts * 100 %}{% for d in facts %}{% endfor %}{% endfor %}",
     "template refused: {% for %}: the loops of one document take at most 10,000 steps"),
    ("{{ 'x'.ljust(10**9) }}", "template refused: ljust() would make 1,000,000,000 characters"),
    ("{{ '%1000000000d' % 1 }}", "template refused: '%' would make 1,000,000,000 characters"),
    ("{{ '{:>1000000000}'.format(1) }}", "template refused: format() would make 1,000,000,000 characters"),
    ("{{ 'x' | center(10**9) }}", "template refused: center would make 1,000,000,000 characters"),
    ("{% set s = 'x' * 90000 %}{{ s.replace('', s) }}", "template refused: replace() would make"),
    ("{% set s = 'x' * 90000 %}{{ s ~ s }}", "template refused: '~' would make 180,000 characters"),
    ("{{ 10 ** (10 ** 8) }}", "template refused: '**' would make a number of more than 100,000 bits"),
    ("{% set s = 'x' * 1000 %}{% for i in range(2000) %}{{ s }}{% endfor %}",
     "template refused: the template prints more than 1,000,000 characters"),
    ("{% macro twice(s) %}{{ twice(s ~ s) }}{% endmacro %}{{ twice('x') }}", "template refused: '~' would make"),
], ids=["repeat-text", "repeat-list", "range-size", "nested-range", "nested-loops", "ljust", "percent-width",
        "format-width", "center-filter", "replace", "concat", "power", "output", "doubling-macro"])
def it_bounds_what_a_template_may_cost_and_names_the_line(tmp_path: Path, body: str, message: str) -> None:
    import time

    template = write_template(tmp_path, "# 决定\n\n" + body + "\n")
    started = time.perf_counter()
    with pytest.raises(InputError) as error:
        render_case(ROOT / "examples" / "zhang_jiemian.yaml", template=str(template))
    assert time.perf_counter() - started < 5
    assert error.value.where == f"{template}:8:1"
    assert message in error.value.message


# -- a template's own mistakes are errors at its line, never internal errors (round 2, items 3, 18) --

@pytest.mark.parametrize(("body", "message"), [
    ("{{ subject.name|truncate(-5) }}", "template error: AssertionError: expected length >= 3, got -5"),
    ("{{ subject.name|xmlattr }}", "template error: AttributeError: 'str' object has no attribute 'items'"),
    ("{{ [1, subject.name]|sort }}", "template error: TypeError: '<' not supported between instances of 'str' and "
                                     "'int'"),
    ("{{ 10.0 ** (cc|length * 1000) }}", "template error: OverflowError: (34, 'Numerical result out of range')"),
    ("{{ cc|length // 0 }}", "template error: ZeroDivisionError: integer division or modulo by zero"),
    ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
     "template error: recursion too deep (a macro that calls itself without end?)"),
    ("{{ cite }}", "template error: {{ … }} prints '<function context.<locals>.cite_helper at 0x…>', a Python object "
                   "whose text changes at every run (call the helper, e.g. cite('第四条'), or print a value)"),
    ("{{ quote(cc) }}", "quote() takes the name of a provision as text (e.g. quote('第四条')), not list "
                        "['某某县委组织部', '某某县应急管理局']"),
], ids=["truncate", "xmlattr", "sort", "overflow", "division", "recursion", "function", "helper-argument"])
def it_reports_what_a_template_asks_for_in_vain_at_its_line(capsys, tmp_path: Path, body: str, message: str) -> None:
    template = write_template(tmp_path, "# 决定\n\n" + body + "\n")
    assert check_run([template]) == []  # known only when the case's values are there
    out = tmp_path / "out.md"
    assert main(["render", str(ROOT / "examples" / "zhang_jiemian.yaml"), "-t", str(template), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"regtext: error: {template}:8:1: {message}\n"
    assert not out.exists()


def it_compiles_an_unchecked_template_into_an_error_at_its_line(tmp_path: Path) -> None:
    """render() itself (check not run first): what the compiler refuses is still the template's fault."""
    from regtext.templating.template import read_template, render

    template = write_template(tmp_path, "# 决定\n\n{{ 'a'|nosuchfilter }}\n")
    with pytest.raises(InputError) as error:
        render(read_template(template), {"cited_execution": ""})
    assert (error.value.where, error.value.message) == (f"{template}:8:1",
                                                        "template error: No filter named 'nosuchfilter'.")


def it_renders_loops_and_ranges_within_the_bounds(tmp_path: Path) -> None:
    body = "# 决定\n\n{% for i in range(3) %}{{ i }}{% endfor %}{{ cc | join('、') }}{{ '-' * 3 }}\n"
    rendered = render_case(ROOT / "examples" / "zhang_jiemian.yaml", template=str(write_template(tmp_path, body)))
    assert [p.text for p in rendered.paragraphs][-1] == "012某某县委组织部、某某县应急管理局---"


def it_stops_includes_nested_without_end_even_unchecked(tmp_path: Path) -> None:
    """The depth bound holds while rendering too (check refuses the cycle before render runs)."""
    from regtext.templating.template import read_template, render

    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "self.md").write_text("自{% include 'self.md' %}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        render(read_template(folder / "self.md"), {})
    assert error.value.message == ("template refused: includes nested more than 10 deep (does a template include "
                                   "itself?)")
    assert error.value.where == f"{(folder / 'self.md').resolve()}:1:1"


# -- includes stay in templates/ (item 15) -------------------------------------------------------

def write_in_templates(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    return write_template(folder, body)


def it_includes_a_part_from_the_same_templates_folder(tmp_path: Path) -> None:
    template = write_in_templates(tmp_path, "# 决定\n\n{% include 'part.md' %}\n")
    (template.parent / "part.md").write_text("---\nnote: a part\n---\n{{ subject.name }}同志：\n", encoding="utf-8")
    rendered = render_case(ROOT / "examples" / "zhang_jiemian.yaml", template=str(template))
    assert [p.text for p in rendered.paragraphs][-1] == "张某某同志："


@pytest.mark.parametrize(("body", "message"), [
    ("{% include 'pw.md' %}", "C113 {% include 'pw.md' %} reaches outside the template folder {root}"),
    ("{% include '../secret.md' %}", "C113 {% include '../secret.md' %} reaches outside the template folder {root}"),
    ("{% include 't.md' %}", "C113 {% include 't.md' %} includes itself: the include would never end"),
    ("{% include 'a.md' %}", "C113 {% include 'a.md' %}: {% include 't.md' %} includes t.md, which includes it"),
    ("{% include 'secret.txt' %}", "C113 {% include 'secret.txt' %}: only templates (.md, .j2, .jinja) can be included"),
    ("{% include subject.name ~ '.md' %}", "C113 the template to include is computed at render time"),
], ids=["symlink", "parent", "itself", "cycle", "not-a-template", "computed"])
def it_refuses_includes_that_leave_the_folder_or_never_end(tmp_path: Path, body: str, message: str) -> None:
    template = write_in_templates(tmp_path, "# 决定\n\n" + body + "\n")
    (template.parent / "pw.md").symlink_to("/etc/passwd")
    (tmp_path / "secret.md").write_text("机密\n", encoding="utf-8")
    (template.parent / "secret.txt").write_text("机密\n", encoding="utf-8")
    (template.parent / "a.md").write_text("{% include 't.md' %}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        render_case(ROOT / "examples" / "zhang_jiemian.yaml", template=str(template))
    assert error.value.exit_code == 1
    assert error.value.where == f"{template}:8:4"
    assert error.value.message.startswith(message.replace("{root}", str(template.parent.resolve())))


def it_lets_a_template_outside_a_templates_folder_include_nothing(capsys, tmp_path: Path) -> None:
    template = write_template(tmp_path, "# 决定\n\n{% include 'notes.md' %}\n")
    (tmp_path / "notes.md").write_text("私人笔记\n", encoding="utf-8")
    out = tmp_path / "out.md"
    assert main(["render", str(ROOT / "examples" / "zhang_jiemian.yaml"), "-t", str(template), "-o", str(out)]) == 1
    assert not out.exists()
    assert capsys.readouterr().err == (
        f"regtext: error: {template}:8:4: C113 {{% include 'notes.md' %}}: a template outside a templates/ folder "
        "cannot include other files (put the template and what it includes in a folder named templates/) "
        f"(run 'regtext check {template}')\n")


# -- one rule for check and render (items 4, 21) ---------------------------------------------------

def it_refuses_a_decision_on_a_person_without_the_execution_paragraph(tmp_path: Path) -> None:
    template = tmp_path / "t.md"
    template.write_text("---\nregulation: ningxia_anquan_zhuijiu_2023\nkind: decision\nsubject: person\n---\n"
                        "# 决定\n\n{{ basis }}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        render_case(ROOT / "examples" / "zhang_jiemian.yaml", template=str(template))
    assert str(error.value) == (f"{template}:3:1: C112 R9: the template t.md does not print {{{{ cited_execution }}}}: "
                                "a decision on a person must carry the 第十条 (书面检讨) paragraph "
                                f"(run 'regtext check {template}')")


def it_refuses_a_template_made_for_another_subject(tmp_path: Path) -> None:
    from regtext.errors import UsageError

    with pytest.raises(UsageError) as error:
        render_case(ROOT / "examples" / "zhang_jiemian.yaml", template=str(ROOT / "templates" / "decision_organization.md"))
    assert str(error.value) == ("the template decision_organization.md is for subject 'organization', zhang_jiemian.yaml "
                                "is a 'person' (choose a template whose front matter says subject: person (or any))")


def it_refuses_a_template_that_is_not_utf8(tmp_path: Path) -> None:
    template = tmp_path / "t.md"
    template.write_bytes(("---\nregulation: ningxia_anquan_zhuijiu_2023\nkind: decision\n---\n"
                          "{{ cited_execution }}\n# 关于对{{ subject.name }}的决定\n").encode("gb18030"))
    with pytest.raises(InputError) as error:
        render_case(ROOT / "examples" / "zhang_jiemian.yaml", template=str(template))
    assert str(error.value) == (f"{template}:6:3: the template is not UTF-8 (byte 0xb9 at line 6, column 3) "
                                "(save it as UTF-8)")
