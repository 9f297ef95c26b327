"""`regtext check`: one broken fixture per code with its exact line:col, a clean run over the
project's own files, a regulation revised under a template, and the output formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from regtext.check import run
from regtext.cli import main
from regtext.corpus import Corpus, data_dir
from regtext.errors import RegtextError
from regtext.problems import CODES
from tests.conftest import FIXTURES, PRIMARY, ROOT

CHECK = FIXTURES / "check"
EXPECTED = {
    "C101_syntax.md": [("C101", 8, 1, "error")],
    "C102_no_regulation.md": [("C102", 1, 1, "error")],
    "C103_unknown_regulation.md": [("C103", 2, 1, "error")],
    "C104_missing_provision.md": [("C104", 8, 7, "error"), ("C104", 10, 10, "error")],
    "C105_external_missing.md": [("C105", 8, 3, "error")],
    "C106_external_unknown.md": [("C106", 8, 3, "info")],
    "C107_style.md": [("C107", 8, 3, "warning")],
    "C108_arabic.md": [("C108", 8, 3, "error")],
    "C109_helper.md": [("C109", 8, 4, "error")],
    "C110_fact.md": [("C110", 8, 4, "error")],
    "C111_style_name.md": [("C111", 3, 1, "error")],
    "C112_no_execution.md": [("C112", 3, 1, "error")],
    "C113_include.md": [("C113", 8, 4, "error")],
    "C114_filter.md": [("C114", 8, 7, "error"), ("C114", 8, 32, "error")],
    "C120_sanction_contents.md": [("C120", 5, 1, "error"), ("C120", 5, 1, "error")],
    "C201_invalid.rulebook.yaml": [("C201", 3, 17, "error")],
    "C202_missing.rulebook.yaml": [("C202", 14, 66, "error")],
    "C203_overlap.rulebook.yaml": [("C203", 14, 66, "error")],
    "C204_no_appeal.rulebook.yaml": [("C204", 28, 7, "error")],
    "C205_twice.rulebook.yaml": [("C205", 29, 7, "error")],
    "C206_catch_all.rulebook.yaml": [("C206", 15, 14, "error")],
    "C207_combination.rulebook.yaml": [("C207", 36, 11, "error")],
    "C208_sanction_notice.rulebook.yaml": [("C208", 84, 11, "error"), ("C208", 84, 11, "error")],
    "C301_invalid_case.yaml": [("C301", 10, 9, "error")],
    "C302_missing_profile.yaml": [("C302", 23, 10, "error")],
    "C501_other_mark.issuer.yaml": [("C501", 3, 7, "error")],
    "D102_wrong_measure.yaml": [("D102", 20, 12, "error")],
    "C403_twice.annotations.yaml": [("C403", 7, 16, "error")],
    "C404_several.annotations.yaml": [("C404", 4, 16, "error"), ("C404", 6, 16, "error")],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def it_reports_the_broken_fixture_at_its_line_and_column(name: str) -> None:
    findings = run([CHECK / name])
    assert [(f.code, f.line, f.column, f.severity) for f in findings] == EXPECTED[name]
    assert all(f.path == str(CHECK / name) for f in findings)


def it_has_a_failing_fixture_for_every_code_it_defines() -> None:
    covered = {code for expected in EXPECTED.values() for code, *_ in expected}
    as_of = {f"C60{i}" for i in range(1, 8)}  # check --as-of: tests/test_versions_works.py
    assert {c for c in CODES if c.startswith("C")} - covered - as_of == {"C401", "C402", "C900"}  # annotations: tests/test_study.py; C900: unreadable


def it_finds_no_error_in_the_projects_own_files() -> None:
    findings = run()
    assert [f for f in findings if f.severity == "error"] == []
    assert {(Path(f.path).name, f.code) for f in findings if f.severity == "warning"} == {
        (f"{PRIMARY}.txt", "S203"), ("minfadian_zongze.txt", "R305"),
        # amended texts that keep the original enactment's 自…起施行 clause (tests/test_meta.py)
        *((f"{doc_id}.txt", "M401") for doc_id in ("anquan_shengchanfa_2021", "anquanshengchan_xukezheng_2014",
                                                     "jianchafa_2024", "yizhidu_huaxuepin_2018", "zhongzifa_2021"))}


def it_fails_a_template_when_the_regulation_loses_the_article_it_cites(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    text = (ROOT / "corpus" / f"{PRIMARY}.txt").read_text(encoding="utf-8")
    start = text.index("第八条")
    end = text.index("第九条")
    revised = text[:start] + text[end:]  # 第八条 repealed; later articles keep their numbers
    (corpus_dir / f"{PRIMARY}.txt").write_text(revised, encoding="utf-8")
    shutil.copy(ROOT / "corpus" / f"{PRIMARY}.meta.yaml", corpus_dir)
    template = tmp_path / "decision.md"
    template.write_text(f"---\nregulation: {PRIMARY}\nkind: decision\n---\n# 决定\n\n"
                        "经查……\n\n依照本办法第八条的规定开展审查调查。\n{{ cited_execution }}\n", encoding="utf-8")
    assert run([template]) == []
    (finding,) = run([template], corpus=Corpus(corpus_dir))
    assert (finding.code, finding.line, finding.column) == ("C104", 9, 3)
    assert finding.message.startswith("本办法第八条: 第八条 does not exist")


def it_prints_compiler_style_lines_with_the_source_line(capsys) -> None:
    assert main(["check", str(CHECK / "C108_arabic.md")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{CHECK / 'C108_arabic.md'}:8:3: error C108 第10条: write 条 and 款 numbers in Chinese "
                      "numerals (write 第十条)").replace(str(ROOT) + "/", "")
    assert out[1] == "    根据第10条的规定。"
    assert out[2] == "        ^"


def it_prints_json_and_github_annotations(capsys) -> None:
    assert main(["check", str(CHECK / "C107_style.md"), "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["code"], item["line"], item["column"], item["severity"]) == ("C107", 8, 3, "warning")
    assert main(["check", str(CHECK / "C107_style.md"), "--format", "github", "--strict"]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith("::warning file=") and ",line=8,col=3,title=C107::" in line


def it_exits_2_for_a_path_that_does_not_exist(capsys) -> None:
    assert main(["check", "no/such/folder"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def it_gives_the_same_findings_when_checking_in_parallel(monkeypatch) -> None:
    import regtext.check as check

    sequential = run([CHECK])
    monkeypatch.setattr(check, "PARALLEL_FROM", 1)
    assert check.run([CHECK]) == sequential


def it_reads_a_text_with_the_metadata_beside_it_wherever_the_folder_is(tmp_path: Path) -> None:
    for name in ("minfadian_zongze.txt", "minfadian_zongze.meta.yaml"):
        shutil.copy(ROOT / "corpus" / name, tmp_path)
    findings = run([tmp_path / "minfadian_zongze.txt"])
    assert [(f.code, f.severity, f.line) for f in findings] == [("R305", "warning", 202), ("R305", "warning", 412)]


# -- check exit 0 ⇔ render succeeds (issue 11, item 4) -------------------------------------------

TEMPLATES = sorted((ROOT / "templates").glob("*.md"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
#: Templates render refused while check passed them (a templates/ folder of their own in tmp).
BAD_TEMPLATES = {
    "no_execution.md": "# 决定\n\n{{ basis }}\n",
    "include_passwd.md": "{{ cited_execution }}{% include 'passwd.md' %}\n",
    "include_self.md": "{{ cited_execution }}{% include 'include_self.md' %}\n",
    "include_parent.md": "{{ cited_execution }}{% include '../secret.md' %}\n",
    "not_utf8.md": None,
    # issue 11 round 2, items 3, 4, 16: what Jinja cannot compile, and what is not offered
    "unknown_filter.md": "{{ cited_execution }}{{ 'a'|nosuchfilter }}\n",
    "unknown_test.md": "{{ cited_execution }}{% if 1 is nosuchtest %}x{% endif %}\n",
    "random.md": "{{ cited_execution }}{{ ['甲', '乙']|random }}\n",
    "map_unknown.md": "{{ cited_execution }}{{ cc|map('uper')|join }}\n",
    "block_twice.md": "{{ cited_execution }}{% block a %}{% endblock %}{% block a %}{% endblock %}\n",
    "too_deep.md": "{{ cited_execution }}{{ " + "(" * 200 + "1" + ")" * 200 + " }}\n",
    "set_in_loop.md": "{{ cited_execution }}{% for c in cc %}{% set last = c %}{% endfor %}{{ last }}\n",
}
#: Plain Jinja check once refused (item 15): each renders for the case it is made for.
GOOD_TEMPLATES = {
    "loop_index.md": "{{ cited_execution }}抄送：{% for c in cc %}{{ loop.index }}.{{ c }}{% endfor %}\n",
    "caller.md": "{{ cited_execution }}{% macro box() %}[{{ caller() }}]{% endmacro %}{% call box() %}x{% endcall %}\n",
    "varargs.md": "{{ cited_execution }}{% macro v() %}{{ varargs|join('、') }}{{ kwargs.a }}{% endmacro %}"
                  "{{ v('甲', '乙', a='丙') }}\n",
    "import.md": "{{ cited_execution }}{% import 'macros.md' as m %}{{ m.s('宏') }}\n",
    "from_import.md": "{{ cited_execution }}{% from 'macros.md' import s as t %}{{ t('宏') }}\n",
    "if_set.md": "{{ cited_execution }}{% if cc %}{% set first = cc[0] %}{% endif %}{{ first }}\n",
}


HEAD = "---\nregulation: ningxia_anquan_zhuijiu_2023\nkind: decision\nsubject: person\n---\n"


def _good_templates(folder: Path) -> list[Path]:
    (folder / "templates").mkdir(exist_ok=True)
    (folder / "templates" / "macros.md").write_text("{% macro s(x) %}〔{{ x }}〕{% endmacro %}\n", encoding="utf-8")
    out = []
    for name, body in GOOD_TEMPLATES.items():
        path = folder / "templates" / name
        path.write_text(HEAD + body, encoding="utf-8")
        out.append(path)
    return out


def _bad_templates(folder: Path) -> list[Path]:
    (folder / "templates").mkdir()
    (folder / "secret.md").write_text("机密\n", encoding="utf-8")
    (folder / "templates" / "passwd.md").symlink_to("/etc/passwd")
    head = HEAD
    out = []
    for name, body in BAD_TEMPLATES.items():
        path = folder / "templates" / name
        if body is None:
            path.write_bytes((head + "{{ cited_execution }}关于{{ subject.name }}\n").encode("gb18030"))
        else:
            path.write_text(head + body, encoding="utf-8")
        out.append(path)
    return out


def _fits(template: Path, case: Path) -> bool:
    """What the template's front matter declares against the regulation, kind and subject decide finds."""
    from regtext.decide import decide, load_case
    from regtext.templating.template import read_template

    front = read_template(template).front
    decision = decide(load_case(case))
    sanctions = {s["type"] for s in decision.case.data.get("sanctions") or []}
    if decision.rulebook.violations:   # a case under the 政务处分法 itself gives a government sanction
        sanctions.add("government")
    return (front["regulation"] == decision.doc.id and front["kind"] == decision.kind
            and front["subject"] in ("any", decision.case.subject_type) and sanctions <= set(front.get("sanctions", [])))


def it_renders_exactly_what_it_passes(tmp_path: Path) -> None:
    """For every template × every example case: check finds no error in either and the template
    is made for the case (its front matter) ⇔ render succeeds."""
    from regtext.render import render_case

    verdicts = []
    for template in TEMPLATES + _bad_templates(tmp_path) + _good_templates(tmp_path):
        template_ok = not [f for f in run([template]) if f.severity == "error"]
        for case in EXAMPLES:
            expected = template_ok and not [f for f in run([case]) if f.severity == "error"] and _fits(template, case)
            try:
                render_case(case, template=str(template))
                rendered = True
            except RegtextError:
                rendered = False
            verdicts.append((template.name, case.stem, expected, rendered))
    assert [v for v in verdicts if v[2] != v[3]] == []
    # each example with the template made for it, and each plain-Jinja template with the decision on a person
    # that gives no sanction (zhao_jiguo's 政务处分 needs a template declaring sanctions: [government])
    assert sum(1 for v in verdicts if v[3]) == len(EXAMPLES) + len(GOOD_TEMPLATES)


def it_reports_each_bad_template_with_its_line(tmp_path: Path) -> None:
    found = {(Path(f.path).name, f.code, f.line, f.column, f.message) for f in run(_bad_templates(tmp_path))}
    root = (tmp_path / "templates").resolve()
    assert found == {
        ("no_execution.md", "C112", 3, 1, "R9: the template no_execution.md does not print {{ cited_execution }}: "
         "a decision on a person must carry the 第十条 (书面检讨) paragraph"),
        ("include_passwd.md", "C113", 6, 25, f"{{% include 'passwd.md' %}} reaches outside the template folder {root} "
         "(include only files inside it (symbolic links are followed before checking))"),
        ("include_self.md", "C113", 6, 25, "{% include 'include_self.md' %} includes itself: the include would never end"),
        ("include_parent.md", "C113", 6, 25, f"{{% include '../secret.md' %}} reaches outside the template folder {root} "
         "(include only files inside it (symbolic links are followed before checking))"),
        ("not_utf8.md", "C900", 6, 22, "the template is not UTF-8 (byte 0xb9 at line 6, column 22) (save it as UTF-8)"),
        ("unknown_filter.md", "C114", 6, 29, "no filter named 'nosuchfilter' (not one of Jinja's built-in filters)"),
        ("unknown_test.md", "C114", 6, 33, "no test named 'nosuchtest' (not one of Jinja's built-in tests)"),
        ("random.md", "C114", 6, 36, "no filter named 'random': it picks another item at every run, and a decision "
         "must read the same for the same facts"),
        ("map_unknown.md", "C114", 6, 33, "no filter named 'uper' (did you mean 'upper'?)"),
        ("block_twice.md", "C101", 6, 1, "template syntax error: block 'a' defined twice"),
        ("too_deep.md", "C101", 6, 1, "template syntax error: an expression is nested too deep to compile (split it "
         "into steps with {% set %})"),
        ("set_in_loop.md", "C110", 6, 46, "'last' is not a fact of a case (see schemas/case.schema.json)"),
    }


def it_follows_jinjas_scopes_and_imports(tmp_path: Path) -> None:
    """loop, caller, varargs, kwargs, imported macros and what an {% if %} sets are names of the
    template, not facts (item 15); render prints them."""
    from regtext.render import render_case

    templates = _good_templates(tmp_path)
    assert run(templates) == []
    case = ROOT / "examples" / "zhang_jiemian.yaml"
    last = {t.name: [p.text for p in render_case(case, template=str(t)).paragraphs][-1] for t in templates}
    assert last == {"loop_index.md": "第十条抄送：1.某某县委组织部2.某某县应急管理局", "caller.md": "第十条[x]",
                    "varargs.md": "第十条甲、乙丙", "import.md": "第十条〔宏〕", "from_import.md": "第十条〔宏〕",
                    "if_set.md": "第十条某某县委组织部"}


def it_reports_a_template_in_another_encoding_found_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "t.md").write_bytes("---\nregulation: ningxia_anquan_zhuijiu_2023\n---\n# 决定\n".encode("utf-16"))
    (finding,) = run([tmp_path])
    assert (finding.code, finding.line, finding.column) == ("C900", 1, 1)
    assert finding.message == "the template is not UTF-8 (byte 0xff at line 1, column 1) (save it as UTF-8)"


# -- what check reads when no path is given (items 19, 22) -------------------------------------

def it_checks_the_working_directory_when_no_path_is_given(capsys, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "templates").mkdir()
    shutil.copy(CHECK / "C108_arabic.md", tmp_path / "templates" / "mine.md")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == ("templates/mine.md:8:3: error C108 第10条: write 条 and 款 "
                                                       "numbers in Chinese numerals (write 第十条)")


@pytest.mark.parametrize(("part", "message"), [
    ("{% macro s(x) %}{{ x|nosuchfilter }}{% endmacro %}\n",
     "{% from 'macros.md' import s as t %}: no filter named 'nosuchfilter' (not one of Jinja's built-in filters) "
     "(line 1 of macros.md)"),
    ("{{ " + "[" * 200 + "]" * 200 + " }}\n",
     "{% from 'macros.md' import s as t %}: {path}: template syntax error: an expression is nested too deep to compile "
     "(split it into steps with {% set %})"),
], ids=["unknown-filter", "too-deep"])
def it_reports_what_an_imported_file_cannot_do_at_the_import(tmp_path: Path, part: str, message: str) -> None:
    (template,) = [t for t in _good_templates(tmp_path) if t.name == "from_import.md"]
    (tmp_path / "templates" / "macros.md").write_text(part, encoding="utf-8")
    path = (tmp_path / "templates" / "macros.md").resolve()
    assert [(f.code, f.line, f.column, f.message) for f in run([template])] == [
        ("C113", 6, 25, message.replace("{path}", str(path)))]


@pytest.mark.parametrize("named", [False, True], ids=["found", "named"])
def it_refuses_a_folder_with_nothing_to_check(capsys, tmp_path: Path, monkeypatch, named: bool) -> None:
    """Item 20: "0 error(s)" after checking nothing read as a pass."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "README.txt").write_text("empty\n", encoding="utf-8")
    (tmp_path / "templates" / "draft.md").write_text("# 草稿\n", encoding="utf-8")  # no front matter: not a template
    monkeypatch.chdir(tmp_path)
    assert main(["check", "templates"] if named else ["check"]) == 2
    assert capsys.readouterr().err == ("regtext: error: nothing to check in templates/: no template, rulebook, case "
                                       "file, annotation file or regulation text there (a template is a .md, .j2 or "
                                       ".jinja file that starts with '---' front matter)\n")


def it_refuses_to_check_nothing(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == (f"regtext: error: nothing to check in {tmp_path}: no templates/, corpus/, "
                                       "examples/ folder here (run it in the project's folder, or name the files or "
                                       "folders to check)\n")


def it_checks_the_checkouts_folders_from_its_root(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert [f.path for f in run()] == [f.path for f in run(["templates", "corpus", "examples"])]
    assert {f.path for f in run() if f.severity != "info"} == {
        "corpus/ningxia_anquan_zhuijiu_2023.txt", "corpus/minfadian_zongze.txt",
        # M401: the amended version's own 自…起施行 clause is the original enactment's
        "corpus/anquan_shengchanfa_2021.txt", "corpus/anquanshengchan_xukezheng_2014.txt", "corpus/jianchafa_2024.txt",
        "corpus/yizhidu_huaxuepin_2018.txt", "corpus/zhongzifa_2021.txt"}


def it_names_a_bundled_text_by_its_corpus_path(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    bundled = data_dir("corpus") / "minfadian_zongze.txt"  # site-packages once installed, else the checkout's
    assert main(["check", str(bundled)]) == 0
    assert capsys.readouterr().out.startswith("corpus/minfadian_zongze.txt:202:22: warning R305 ")


def it_accepts_paths_as_strings() -> None:
    expected = run([CHECK / "C104_missing_provision.md"])
    assert run([str(CHECK / "C104_missing_provision.md")]) == expected
    assert run(str(CHECK / "C104_missing_provision.md")) == expected


def it_checks_a_law_cited_after_a_reference_of_the_regulation_as_that_law(tmp_path: Path) -> None:
    """刑法第六条 after 本办法第四条和 was checked as the regulation's own 第六条 (and passed), and
    某某条例第六条 after 第四条和 as a law named 《第四条和某某条例》 (cite/grammar.py, _name_before)."""
    template = tmp_path / "t.md"
    template.write_text("---\nregulation: ningxia_anquan_zhuijiu_2023\nkind: decision\ncite_style: zh\n---\n"
                        "# 决定{{ cited_execution }}\n\n依照本办法第四条和刑法第六条的规定。第四条和某某条例第六条。\n", encoding="utf-8")
    assert [(f.code, f.line, f.column, f.message) for f in run([template])] == [
        ("C106", 8, 10, "《刑法》 is not in the corpus: 刑法第六条 cannot be checked"),
        ("C106", 8, 23, "《某某条例》 is not in the corpus: 某某条例第六条 cannot be checked"),
    ]
