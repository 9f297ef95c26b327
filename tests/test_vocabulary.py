"""Each piece of the domain's vocabulary has one home, and its users read it there."""

from __future__ import annotations

import pytest

import regtext
from regtext import cite, levels
from regtext.cli import main
from regtext.decide import decide, load_case
from regtext.render import choose_template, context
from regtext.templating.template import HELPERS
from tests.conftest import PRIMARY, ROOT


def it_names_every_level_of_a_regulation_from_the_one_table() -> None:
    doc = regtext.load("anquan_shengchanfa_2021")
    chapters = [n for n in doc.walk() if n.type == "chapter"]
    assert (chapters[1].label, chapters[1].eid) == ("第二章", "chp_2")
    assert levels.DIVISION_OF_WORD["章"] == "chapter" and levels.EID_PREFIX["chapter"] == "chp"
    assert levels.AKN_ELEMENT == {"part": "part", "subpart": "subpart", "chapter": "chapter", "section": "section",
                                  "article": "article", "paragraph": "paragraph", "item": "point",
                                  "subitem": "point", "division": "division"}
    assert list(levels.ORDER) == ["part", "subpart", "chapter", "section", "article", "paragraph", "item", "subitem"]
    assert levels.ENCLOSING == {"本编": "part", "本分编": "subpart", "本章": "chapter", "本节": "section"}


def it_writes_and_reads_every_eid_with_the_prefixes_of_the_one_table() -> None:
    assert levels.EID_PREFIX == {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec",
                                 "article": "art", "paragraph": "para", "item": "point", "subitem": "point"}
    assert levels.DIVISION_EID_PREFIX == {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec"}
    doc = regtext.parse("第一章 总则\n第一条 甲：\n（一）乙；\n1. 丙。\n第二条 丁。\n戊。\n", id="t")
    assert [n.eid for n in doc.walk()] == ["chp_1", "art_1", "art_1__para_1", "art_1__para_1__point_1",
                                           "art_1__para_1__point_1__point_1", "art_2", "art_2__para_1",
                                           "art_2__para_2"]
    assert doc.article(2) is doc.get("art_2")
    for eid in ("chp_1", "art_1__para_1__point_1__point_1", "art_2__para_2"):
        assert cite.eid_of(cite.parse(eid).addresses[0]) == eid


@pytest.mark.parametrize(("command", "listed"), [
    (["export", "--to", "pdf", PRIMARY], "'akn', 'html', 'md', 'json'"),
    (["render", "--to", "odt", "x.yaml"], "'docx', 'html', 'md', 'pdf'"),
    (["study", "--to", "pdf", PRIMARY, "-o", "out"], "'html', 'docx', 'md'"),
    (["check", "--format", "pdf"], "'text', 'json', 'github'"),
    (["study", "--lang", "pdf", PRIMARY, "-o", "out"], "'zh', 'en', 'zh,en'"),
])
def it_offers_the_formats_of_the_writers_own_tables(capsys, command: list[str], listed: str) -> None:
    from regtext.export import FORMATS as EXPORT_FORMATS
    from regtext.problems import FORMATS as PROBLEM_FORMATS
    from regtext.publish import FORMATS as DOCUMENT_FORMATS
    from regtext.study import FORMATS as STUDY_FORMATS
    from regtext.study import LANGS

    assert tuple(EXPORT_FORMATS) == ("akn", "html", "md", "json") and DOCUMENT_FORMATS == ("docx", "html", "md", "pdf")
    assert STUDY_FORMATS == ("html", "docx", "md") and PROBLEM_FORMATS == ("text", "json", "github")
    assert tuple(LANGS) == ("zh", "en", "zh,en")
    with pytest.raises(SystemExit) as exit_:
        main(command)
    assert exit_.value.code == 2
    assert f"argument {command[1]}: invalid choice: '{command[2]}' (choose from {listed})" in capsys.readouterr().err


def it_offers_a_template_exactly_the_helpers_check_accepts() -> None:
    decision = decide(load_case(ROOT / "examples" / "wang_yisong.yaml"), regtext.default_corpus())
    assert tuple(context(decision, choose_template(decision), regtext.default_corpus())) == HELPERS
