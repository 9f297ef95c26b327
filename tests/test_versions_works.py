"""Works and versions (issue 16): 监察法 2018 and 2024 as versions of one work, the version in force
on a day, citations that follow the law (cite --as-of, check --as-of) and the version in force in a
decision (conduct, lighter)."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

import regtext
from regtext.check import run as check
from regtext.cli import main
from regtext.corpus import Corpus, default_corpus
from regtext.decide import decide, load_case
from regtext.errors import NotFound, UsageError
from regtext.versions.alignment import align
from regtext.versions.follow import _step as follow_step
from regtext.versions.follow import follow
from regtext.versions.works import parse_day
from tests.conftest import FIXTURES, ROOT

LAWREFBOOK = Path("/work/shared/lawrefbook")
ASOF = FIXTURES / "asof"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- works and versions in the corpus ---------------------------------------------------------------

def it_groups_the_two_jianchafa_texts_into_one_work_with_intervals() -> None:
    work = default_corpus().works["jianchafa"]
    assert [(v.id, v.start, v.end) for v in work.versions] == [
        ("jianchafa_2018", date(2018, 3, 20), date(2025, 5, 31)),
        ("jianchafa_2024", date(2025, 6, 1), None),
    ]
    assert [v.interval() for v in work.versions] == ["2018-03-20 → 2025-05-31", "2025-06-01 →"]
    assert work.versions[0].basis.endswith("于2018年3月20日通过，现予公布，自公布之日起施行。")
    assert work.versions[1].basis.endswith("本决定自2025年6月1日起施行。")


@pytest.mark.parametrize(("day", "version"), [
    (date(2018, 3, 20), "jianchafa_2018"), (date(2025, 5, 31), "jianchafa_2018"),
    (date(2025, 6, 1), "jianchafa_2024"), (date(2030, 1, 1), "jianchafa_2024"), (date(2018, 3, 19), None),
])
def it_knows_the_version_in_force_on_each_day(day: date, version: str | None) -> None:
    found = default_corpus().works["jianchafa"].in_force(day)
    assert (found.id if found else None) == version


def it_loads_a_work_in_its_version_in_force_on_the_day() -> None:
    assert regtext.load("jianchafa", as_of=date(2025, 5, 31)).id == "jianchafa_2018"
    assert regtext.load("jianchafa", as_of=date(2025, 6, 1)).id == "jianchafa_2024"
    assert regtext.load("jianchafa").id == "jianchafa_2024"  # today (the 2024 text is in force since 2025-06-01)
    assert regtext.load("jianchafa_2018").id == "jianchafa_2018"  # a version's id is that version


def it_refuses_a_versions_id_on_a_day_it_is_not_in_force() -> None:
    with pytest.raises(UsageError) as raised:
        regtext.load("jianchafa_2018", as_of=date(2025, 6, 1))
    assert raised.value.message == "jianchafa_2018 is not in force on 2025-06-01 (in force 2018-03-20 → 2025-05-31)"
    assert raised.value.hint == ("the version in force then is jianchafa_2024; give the work id 'jianchafa' to take "
                                 "the version in force on the day")


def it_resolves_the_title_to_the_version_in_force_on_the_day() -> None:
    corpus = default_corpus()
    assert corpus.registry.lookup("中华人民共和国监察法").id == "jianchafa_2024"
    assert corpus.registry_on(date(2020, 1, 1)).lookup("监察法").id == "jianchafa_2018"
    assert corpus.registry_on(date(2025, 6, 1)).lookup("《中华人民共和国监察法》").id == "jianchafa_2024"


def it_dates_the_2018_text_from_the_order_that_published_it() -> None:
    meta = regtext.load("jianchafa_2018").meta
    assert meta.effective == date(2018, 3, 20)
    assert [(e.date, e.action) for e in meta.history] == [(date(2018, 3, 20), "通过")]
    assert len(regtext.load("jianchafa_2018").articles()) == 69


def it_bundles_the_2018_text_converted_as_the_2024_one() -> None:
    meta = (ROOT / "corpus" / "jianchafa_2018.meta.yaml").read_text(encoding="utf-8")
    text = (ROOT / "corpus" / "jianchafa_2018.txt").read_bytes()
    assert f"sha256: {hashlib.sha256(text).hexdigest()}" in meta
    assert "commit: 2f4c5c23716267af9dbebbbbd6cbbf732b101981" in meta
    source = LAWREFBOOK / "宪法相关法"
    if not source.is_dir():
        pytest.skip("the LawRefBook copy is not on this machine")
    for md, txt in (("监察法(2018-03-20).md", "jianchafa_2018.txt"), ("监察法(2024-12-25).md", "jianchafa_2024.txt"),
                    ("监察官法(2021-08-20).md", "jianchaguanfa_2021.txt")):
        converted = _converted((source / md).read_text(encoding="utf-8"))
        assert converted == (ROOT / "corpus" / txt).read_text(encoding="utf-8"), md


def _converted(markdown: str) -> str:
    """LawRefBook Markdown → the corpus's plain text: the title, the history lines in one （…）
    block, '## ' dropped from headings, every other line as it is."""
    head, body = markdown.split("<!-- INFO END -->", 1)
    lines = [line for line in head.split("\n") if line.strip()]
    history = "\n".join(lines[1:])
    out = "\n" + lines[0].lstrip("# ").strip() + "\n\n"
    if history:
        out += ("" if history.startswith("（") else "（") + history + ("" if history.endswith("）") else "）") + "\n\n"
    return out + "\n".join(line.lstrip("#").strip() if line.startswith("#") else line
                           for line in body.strip("\n").split("\n")) + "\n"


def it_lists_the_versions_in_the_corpus_command(capsys) -> None:
    code, out, _ = run(capsys, "corpus", "--as-of", "2020-01-01")
    assert code == 0
    assert out.splitlines()[-5:] == [
        "",
        "versions (in force on 2020-01-01: <)",
        "work        version          in force                  adopted",
        "jianchafa   jianchafa_2018   2018-03-20 → 2025-05-31   2018-03-20 <",
        "jianchafa   jianchafa_2024   2025-06-01 →              2024-12-25",
    ]


@pytest.mark.parametrize(("text", "message"), [
    ("2025-02-30", "--as-of '2025-02-30': no such day (day is out of range for month)"),
    ("2025-2-3", "--as-of '2025-2-3': not a day (expected YYYY-MM-DD)"),
    ("2025年6月1日", "--as-of '2025年6月1日': not a day (expected YYYY-MM-DD)"),
])
def it_refuses_a_day_that_is_not_one(text: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_day(text)
    assert raised.value.message == message


def it_exits_2_on_an_impossible_day(capsys) -> None:
    code, out, err = run(capsys, "parse", "jianchafa", "--as-of", "2025-02-30")
    assert (code, out) == (2, "")
    assert err == ("regtext: error: --as-of '2025-02-30': no such day (day is out of range for month) "
                   "(write the day as YYYY-MM-DD, e.g. 2025-06-01)\n")


# -- citations follow the law -----------------------------------------------------------------------

def it_follows_the_2018_article_49_to_article_56(capsys) -> None:
    code, out, err = run(capsys, "cite", "《中华人民共和国监察法》第四十九条", "--as-of", "2025-06-01")
    assert (code, out) == (0, "《中华人民共和国监察法》第五十六条\n")
    assert err == ("note: 2018年《中华人民共和国监察法》第四十九条 (jianchafa_2018, in force 2018-03-20 → 2025-05-31) "
                   "is 第五十六条 of jianchafa_2024 (in force 2025-06-01 →): renumbered, text unchanged\n")


def it_reads_an_undated_citation_in_the_version_in_force_today(capsys) -> None:
    assert run(capsys, "cite", "《中华人民共和国监察法》第四十九条") == (0, "《中华人民共和国监察法》第四十九条\n", "")
    assert regtext.load("jianchafa").find("第五十六条").full_text().startswith("第五十六条 监察对象对监察机关作出的涉及本人的处理决定不服")


def it_follows_back_from_the_day_a_citation_was_written(capsys) -> None:
    code, out, err = run(capsys, "cite", "监察法第五十六条", "--as-of", "2024-01-01", "--since", "2026-01-01",
                         "--style", "eid")
    assert (code, out) == (0, "jianchafa_2018#art_49\n")
    assert "《中华人民共和国监察法》第五十六条 (jianchafa_2024, in force 2025-06-01 →) is 第四十九条 of jianchafa_2018" in err


def it_says_what_became_of_each_provision_in_json(capsys) -> None:
    import json

    code, out, _ = run(capsys, "cite", "监察法第二十六条", "--as-of", "2025-06-01", "--to", "json")
    data = json.loads(out)
    assert (code, data["doc"], data["formatted"], data["as_of"]) == (
        0, "jianchafa_2024", "《中华人民共和国监察法》第二十九条", "2025-06-01")
    assert data["followed"]["steps"] == [{"old": "art_26", "new": ["art_29"], "outcome": "renumbered_changed",
                                          "code": "C602", "said": "renumbered, and its text changed"}]
    assert data["followed"]["written"] == "2018年《中华人民共和国监察法》第二十六条"


@pytest.mark.parametrize(("written", "now", "said"), [
    # two 款 were inserted above the 2018 第十二条第二款 (派出 监察机构 answer to whom sent them)
    ("第十二条第二款", "第十二条第四款", "renumbered, and its text changed"),
    # one 款 was inserted above the 2018 第四十四条第二款 (饮食、休息和安全) and 第三款 (折抵)
    ("第四十四条第二款", "第五十条第三款", "renumbered, and its text changed"),
    ("第四十四条第三款", "第五十条第四款", "renumbered, and its text changed"),
    # struck out of 第四十三条 (now 第四十七条), rewritten as the first 款 of two inserted articles
    ("第四十三条第二款", "第四十八条第一款", "renumbered, and its text changed"),
    ("第四十三条第三款", "第四十九条第一款", "renumbered, and its text changed"),
    # items stay in place: 第六十九条 only gained a 第（五）项 after them
    ("第六十条第一款第三项", "第六十九条第一款第（三）项", "renumbered, text unchanged"),
])
def it_follows_a_paragraph_by_its_words_not_its_number(capsys, written: str, now: str, said: str) -> None:
    code, out, err = run(capsys, "cite", f"《中华人民共和国监察法》{written}", "--as-of", "2025-06-01")
    assert (code, out) == (0, f"《中华人民共和国监察法》{now}\n")
    assert err.endswith(f" is {now} of jianchafa_2024 (in force 2025-06-01 →): {said}\n")


def it_says_a_paragraph_struck_out_of_a_surviving_article_is_repealed() -> None:
    old = regtext.parse("测试法\n\n第一条 甲应当做一。\n\n甲不得做二。\n\n第二条 本法自2020年1月1日起施行。\n")
    new = regtext.parse("测试法\n\n第一条 甲应当做一。\n\n第二条 本法自2021年1月1日起施行。\n")
    step = follow_step(align(old, new), old.find("第一条第二款"), new)
    assert (step.new, step.outcome, step.code) == ((), "repealed", "C604")


def it_refuses_a_day_no_version_is_in_force(capsys) -> None:
    code, out, err = run(capsys, "cite", "《中华人民共和国监察法》第四十九条", "--as-of", "2017-06-01")
    assert (code, out) == (1, "")
    assert err == ("regtext: error: no version of 《中华人民共和国监察法》 is in force on 2017-06-01 (jianchafa_2018 "
                   "2018-03-20 → 2025-05-31; jianchafa_2024 2025-06-01 →) (choose another --as-of day, or add the "
                   "version in force then)\n")


def it_leaves_a_single_version_law_alone(capsys) -> None:
    assert follow("第四条第（三）项", date(2025, 6, 1)) is None
    assert run(capsys, "cite", "第四条第（三）项", "--as-of", "2025-06-01") == (0, "第四条第（三）项\n", "")


_CASE_WITH_QUOTES = """\
# 依据《中华人民共和国监察法》第四十九条（注释：只给人读，不报告）
regulation: zhengwu_chufenfa_2020
issuer: 某某县纪委监委
number: 某监处〔2024〕15号
date: 2024-05-28
subject: {type: person, name: 陈某某, sex: 女, born: 1984-10, position: 某某县市场监督管理局副股长}
facts: "他说\\"照办\\" # 《中华人民共和国监察法》第四十九条 仍是事实"
reason: '单引号''转义 # 《中华人民共和国监察法》第四十五条 仍是理由'
deliberation: 陈某某's 会议 # 《中华人民共和国监察法》第二十六条（注释）
findings: [第三十六条]
measures: [警告]
"""


def it_reads_a_hash_inside_a_quoted_yaml_string_as_text(tmp_path: Path) -> None:
    """A ``#`` after an escaped quote (\\" or '') is still inside the string: the citation after it
    is checked.  An apostrophe in plain text opens no string: the comment after it is not."""
    case = tmp_path / "case.yaml"
    case.write_text(_CASE_WITH_QUOTES, encoding="utf-8")
    findings = [f for f in check([case], as_of=date(2025, 6, 1), since=date(2025, 5, 31)) if f.code.startswith("C6")]
    assert [(f.code, f.line, f.column) for f in findings] == [("C601", 7, 20), ("C602", 8, 20)]
    assert findings[0].message.endswith("renumbered, text unchanged: write 《中华人民共和国监察法》第五十六条")


def it_reports_every_citation_a_new_version_breaks() -> None:
    findings = check([ASOF / "template_2018.md"], as_of=date(2025, 6, 1), since=date(2025, 5, 31))
    assert [(f.code, f.line, f.column, f.severity) for f in findings] == [
        ("C602", 8, 3, "error"), ("C602", 10, 1, "error"), ("C603", 12, 1, "warning")]   # 第四十五条: its colon
    assert findings[0].message == (
        "《中华人民共和国监察法》第四十九条、第四十五条 on 2025-06-01: 2018年《中华人民共和国监察法》第四十九条 "
        "(jianchafa_2018, in force 2018-03-20 → 2025-05-31) is 第五十六条 of jianchafa_2024 (in force 2025-06-01 →): "
        "renumbered, text unchanged; 2018年《中华人民共和国监察法》第四十五条 (jianchafa_2018, in force 2018-03-20 → "
        "2025-05-31) is 第五十二条 of jianchafa_2024 (in force 2025-06-01 →): renumbered, and its text changed: write "
        "《中华人民共和国监察法》第五十六条、第五十二条")
    assert findings[1].message.endswith("renumbered, and its text changed: write 《中华人民共和国监察法》第二十九条")
    assert findings[2].message.endswith("same number, text changed: write 《中华人民共和国监察法》第一条")


def it_reads_citations_in_todays_version_without_since() -> None:
    assert check([ASOF / "template_2018.md"], as_of=date(2025, 6, 1)) == []


def it_keeps_the_rulebook_citing_the_2024_numbering_clean() -> None:
    rulebook = ROOT / "corpus" / "ningxia_anquan_zhuijiu_2023.rulebook.yaml"
    assert check([rulebook], as_of=date(2025, 6, 1)) == []
    assert check([ROOT / "templates", ROOT / "corpus", ROOT / "examples"], as_of=date(2025, 6, 1)) == check(
        [ROOT / "templates", ROOT / "corpus", ROOT / "examples"])
    # read back into 2024, before the 2024 text took effect, 第五十六条 was 第四十九条
    (finding,) = check([rulebook], as_of=date(2024, 6, 1))
    assert (finding.code, finding.line, finding.column) == ("C601", 85, 42)
    assert finding.message.endswith("renumbered, text unchanged: write 2018年《中华人民共和国监察法》第四十九条")


def it_exits_1_when_check_as_of_finds_a_broken_citation(capsys) -> None:
    code, out, err = run(capsys, "check", str(ASOF / "template_2018.md"), "--as-of", "2025-06-01",
                         "--since", "2025-05-31", "--format", "github")
    assert code == 1
    assert out.splitlines()[0].startswith("::error file=tests/fixtures/asof/template_2018.md,line=8,col=3,title=C602::")
    assert err == "regtext check: 2 error(s), 1 warning(s)\n"


# a small work of two versions: 第二条 repealed, 第三条 split into two, and back again merged
OLD = """示例条例

（2020年1月1日 示例机关通过）

第一条 为了规范示例机关的示例工作，保障示例对象的合法权益，根据有关法律，制定本条例。

第二条 示例机关应当建立健全示例工作制度，定期开展示例检查，及时纠正示例工作中的违法行为。

第三条 示例机关工作人员应当依法履行职责，遵守工作纪律，保守工作秘密，接受社会监督。示例对象对示例机关的处理决定不服的，可以自收到决定之日起三十日内申请复查，复查机关应当在六十日内作出复查决定。

第四条 本条例自2020年1月1日起施行。
"""
NEW = """示例条例

（2020年1月1日 示例机关通过
2026年1月1日 示例机关修订）

第一条 为了规范示例机关的示例工作，保障示例对象的合法权益，根据有关法律，制定本条例。

第二条 示例机关工作人员应当依法履行职责，遵守工作纪律，保守工作秘密，接受社会监督。

第三条 示例对象对示例机关的处理决定不服的，可以自收到决定之日起三十日内申请复查，复查机关应当在六十日内作出复查决定。

第四条 本条例自2026年3月1日起施行。
"""


@pytest.fixture(scope="module")
def small_work(tmp_path_factory) -> Corpus:
    root = tmp_path_factory.mktemp("corpus")
    for id, text in (("shili_2020", OLD), ("shili_2026", NEW)):
        (root / f"{id}.txt").write_text(text, encoding="utf-8")
        (root / f"{id}.meta.yaml").write_text(f'id: {id}\ntitle: "示例条例"\nwork: shili\n', encoding="utf-8")
    return Corpus(root)


def it_dates_versions_from_their_texts_when_no_metadata_does(small_work: Corpus) -> None:
    assert [(v.id, v.interval()) for v in small_work.works["shili"].versions] == [
        ("shili_2020", "2020-01-01 → 2026-02-28"), ("shili_2026", "2026-03-01 →")]


@pytest.mark.parametrize(("citation", "as_of", "since", "outcome", "new"), [
    ("《示例条例》第二条", date(2026, 3, 1), date(2021, 1, 1), "repealed", []),
    ("《示例条例》第三条", date(2026, 3, 1), date(2021, 1, 1), "split", ["art_2", "art_3"]),
    ("《示例条例》第二条", date(2021, 1, 1), date(2026, 3, 1), "merged", ["art_3"]),
    ("《示例条例》第一条", date(2026, 3, 1), date(2021, 1, 1), "same", ["art_1"]),
])
def it_says_repealed_split_and_merged(small_work: Corpus, citation: str, as_of: date, since: date, outcome: str,
                                      new: list[str]) -> None:
    home = small_work.load("shili_2020")
    followed = follow(citation, as_of, since=since, home=home, corpus=small_work)
    assert followed is not None
    assert [(s.outcome, [n.eid for n in s.new]) for s in followed.steps] == [(outcome, new)]


def it_reports_repealed_split_and_merged_citations(small_work: Corpus, tmp_path: Path) -> None:
    case = tmp_path / "t.md"
    case.write_text("---\nregulation: shili_2020\n---\n依照《示例条例》第二条、《示例条例》第三条。\n", encoding="utf-8")
    found = check([case], small_work, as_of=date(2026, 3, 1), since=date(2021, 1, 1))
    assert [(f.code, f.column) for f in found] == [("C604", 3), ("C605", 13)]
    assert found[0].message.endswith("is nothing of shili_2026 (in force 2026-03-01 →): repealed: the new version has "
                                     "no successor: cite what replaces it, if anything")
    assert found[1].message.endswith("split into several provisions: write 《示例条例》第二条、第三条")
    back = check([case], small_work, as_of=date(2021, 1, 1), since=date(2026, 3, 1))
    assert [(f.code, f.column) for f in back] == [("C606", 3), ("C606", 13)]  # 第二条 and 第三条 are one again
    before = check([case], small_work, as_of=date(2019, 1, 1), since=date(2021, 1, 1))
    assert [(f.code, f.message.split(": ", 1)[1]) for f in before] == [("C607", "no version of 《示例条例》 is in force on "
                                                                          "2019-01-01 (shili_2020 2020-01-01 → 2026-02-28; "
                                                                          "shili_2026 2026-03-01 →)")] * 2


def it_refuses_following_before_any_version_through_the_api() -> None:
    with pytest.raises(NotFound) as raised:
        follow("《中华人民共和国监察法》第四十九条", date(2018, 1, 1))
    assert raised.value.code == "C607"


# -- the version in force in a decision ----------------------------------------------------------------

CASE = """regulation: ningxia_anquan_zhuijiu_2023
issuer: 某某县监委
number: 某监〔2025〕3号
date: 2025-07-01
{conduct}
subject:
  type: person
  name: 赵某某
  sex: 女
  born: 1978-09
  party_member: false
  supervised: true
  position: 某某县市场监督管理局特种设备安全监察股股长
responsibility: 直接责任
facts: 2024年1月至3月，赵某某对某某商场电梯未按期检验的问题知情不报。
findings: [监管落实不力]
measures: [党纪政务处分]
sanctions:
  - type: government
    sanction: 记过
    basis: 《中华人民共和国监察法》第五十二条第一款第（二）项
deliberation: 县监委委务会议研究
cc: [某某县委组织部, 某某县市场监督管理局]
"""


@pytest.fixture(scope="module")
def jianchafa_basis(tmp_path_factory) -> Corpus:
    """The bundled corpus, but the rulebook's 政务处分 basis is 监察法 (its 处置 article, 2018 第四十五条 =
    2024 第五十二条): the bundled 政务处分法 has one version, 监察法 two."""
    root = tmp_path_factory.mktemp("corpus")
    for path in (ROOT / "corpus").iterdir():
        shutil.copy(path, root)
    rulebook = root / "ningxia_anquan_zhuijiu_2023.rulebook.yaml"
    text = rulebook.read_text(encoding="utf-8")
    rulebook.write_text(text.replace("    basis: 中华人民共和国公职人员政务处分法\n", "    basis: 中华人民共和国监察法\n"),
                        encoding="utf-8")
    return Corpus(root)


def _decided(corpus: Corpus, tmp_path: Path, conduct: str, basis: str = "第五十二条第一款第（二）项"):
    """The case of CASE with its conduct and the 监察法 provision its sanction rests on."""
    path = tmp_path / "case.yaml"
    path.write_text(CASE.format(conduct=conduct).replace("第五十二条第一款第（二）项", basis), encoding="utf-8")
    return decide(load_case(path), corpus)


def it_cites_the_older_lighter_version_with_its_year_and_the_transitional_rule(jianchafa_basis: Corpus,
                                                                                tmp_path: Path) -> None:
    d = _decided(jianchafa_basis, tmp_path, "conduct: {from: 2024-01-10, to: 2024-03-12}\nlighter: old")
    assert [p.code for p in d.problems] == []
    assert d.sentence() == ("根据《中华人民共和国公职人员政务处分法》第六十七条、2018年《中华人民共和国监察法》第四十五条第一款第（二）项和"
                            "《安全生产责任追究办法（试行）》第四条第（三）项、第六条第一款第（五）项之规定")
    assert d.to_dict("case.yaml")["versions"] == [{
        "written": "《中华人民共和国监察法》第五十二条第一款第（二）项", "conduct_version": "jianchafa_2018",
        "decision_version": "jianchafa_2024", "old": "2018年《中华人民共和国监察法》第四十五条第一款第（二）项",
        "applied": "2018年《中华人民共和国监察法》第四十五条第一款第（二）项"}]


def it_cites_the_newer_lighter_version_after_the_transitional_rule(jianchafa_basis: Corpus, tmp_path: Path) -> None:
    d = _decided(jianchafa_basis, tmp_path, "conduct: {from: 2024-01-10, to: 2024-03-12}\nlighter: new")
    assert d.sentence().startswith("根据《中华人民共和国公职人员政务处分法》第六十七条、《中华人民共和国监察法》第五十二条第一款第（二）项和")


def it_follows_a_basis_paragraph_back_by_its_words(jianchafa_basis: Corpus, tmp_path: Path) -> None:
    """2024 第五十条第三款 (饮食、休息和安全) was the 2018 第四十四条第二款: a 款 was inserted above it.
    Followed by its number it became the 2018 第四十四条第三款 (折抵刑期), another provision."""
    d = _decided(jianchafa_basis, tmp_path, "conduct: {from: 2024-01-10, to: 2024-03-12}\nlighter: old", "第五十条第三款")
    assert d.to_dict("case.yaml")["versions"] == [{
        "written": "《中华人民共和国监察法》第五十条第三款", "conduct_version": "jianchafa_2018",
        "decision_version": "jianchafa_2024", "old": "2018年《中华人民共和国监察法》第四十四条第二款",
        "applied": "2018年《中华人民共和国监察法》第四十四条第二款"}]


def it_asks_which_version_is_lighter(jianchafa_basis: Corpus, tmp_path: Path) -> None:
    d = _decided(jianchafa_basis, tmp_path, "conduct: {from: 2024-01-10, to: 2024-03-12}")
    (problem,) = d.problems
    assert (problem.code, problem.path, problem.where.line, problem.provision) == (
        "D143", "conduct", 5, "《中华人民共和国立法法》第一百零四条")
    assert problem.message == (
        "《中华人民共和国监察法》第五十二条第一款第（二）项 is the version jianchafa_2024 in force at the decision; the "
        "conduct (to 2024-03-12) fell under jianchafa_2018 (2018年《中华人民共和国监察法》第四十五条第一款第（二）项): "
        "state which is lighter for the subject with 'lighter: old' or 'lighter: new' (从旧兼从轻)")


def it_judges_conduct_continuing_past_the_change_by_the_new_text(jianchafa_basis: Corpus, tmp_path: Path) -> None:
    d = _decided(jianchafa_basis, tmp_path, "conduct: {from: 2025-05-01, to: 2025-06-10}")
    assert d.problems == [] and d.transitional == [] and "versions" not in d.to_dict("case.yaml")
    d = _decided(jianchafa_basis, tmp_path, "conduct: {from: 2025-05-01, to: 2025-06-10}\nlighter: old")
    assert [(p.code, p.severity, p.message) for p in d.problems] == [(
        "D143", "warning", "no cited law changed between the conduct (to 2025-06-10) and the decision (2025-07-01): "
        "'lighter' has nothing to choose")]


def it_refuses_a_regulation_not_yet_in_force_for_the_conduct(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "zhao_jiguo.yaml").read_text(encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(text.replace("date: 2024-08-15\n", "date: 2024-08-15\nconduct: {from: 2022-01-10, to: 2023-07-31}\n"),
                    encoding="utf-8")
    (problem,) = [p for p in decide(load_case(path)).problems if p.code == "D142"]
    assert problem.message == ("《安全生产责任追究办法（试行）》 took effect on 2023-08-01 (第十四条 自发布之日起施行); the "
                               "conduct ended on 2023-07-31, before it: it cannot be applied to this conduct")
    path.write_text(text.replace("date: 2024-08-15\n", "date: 2024-08-15\nconduct: {from: 2023-07-01, to: 2023-08-01}\n"),
                    encoding="utf-8")
    assert [p.code for p in decide(load_case(path)).problems] == []
