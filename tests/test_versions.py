"""Two versions of a law aligned (regtext.versions): the targets of issue 16 on real revisions,
the normalisation that keeps re-typesetting from looking like amendment, and ``regtext diff``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import regtext
from regtext.cli import main
from regtext.versions import Alignment, align
from regtext.versions.compare import compare
from regtext.versions.formats import FORMATS, Options, write
from regtext.versions.normalize import comparable, normalize
from regtext.versions.text import body, unit_text

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = ROOT / "tests" / "fixtures" / "versions"


def _file(name: str) -> regtext.Document:
    return regtext.parse_file(VERSIONS / f"{name}.txt")


@pytest.fixture(scope="module")
def jiancha() -> Alignment:
    return align(_file("jianchafa_2018"), regtext.load("jianchafa_2024"))


@pytest.fixture(scope="module")
def lifa() -> Alignment:
    return align(_file("lifafa_2015"), _file("lifafa_2023"))


@pytest.fixture(scope="module")
def gongsi() -> Alignment:
    return align(_file("gongsifa_2018"), _file("gongsifa_2023"))


def _pair_of(alignment: Alignment, old_eid: str):
    return next(p for p in alignment.pairs if p.old.eid == old_eid)


# --- 监察法 2018 → 2024: a 修正 ---------------------------------------------------------------

def test_jianchafa_counts(jiancha: Alignment) -> None:
    counts = jiancha.counts()
    # issue 16's figures: 8 of the 23 modified differ only by the 2018 text's half-width colon,
    # a character of the text as published, shown as a change
    assert (counts["unchanged"], counts["retyped"], counts["modified"], counts["inserted"], counts["deleted"]) \
        == (46, 0, 23, 9, 0)
    assert counts["renumbered"] == 49 and counts["moved"] == 0
    assert not jiancha.splits and not jiancha.merges


def test_jianchafa_half_width_colons_are_changes_of_the_text(jiancha: Alignment) -> None:
    colon = [p for p in jiancha.pairs if p.status == "modified" and body(p.old).replace(":", "：") == body(p.new)]
    assert [p.old.label for p in colon] == ["第十一条", "第十五条", "第二十二条", "第三十一条", "第四十五条",
                                           "第五十二条", "第五十八条", "第六十三条"]
    for pair in colon:
        assert [op for op in pair.old_ops if op[0] == "delete"] == [("delete", ":")] * body(pair.old).count(":")
        assert [op for op in pair.ops if op[0] == "insert"] == [("insert", "：")] * body(pair.old).count(":")


def test_jianchafa_renumbering(jiancha: Alignment) -> None:
    mapping = jiancha.renumbered()
    assert mapping["art_49"] == "art_56"
    assert len(mapping) == 69
    assert [n.label for n in jiancha.inserted] == ["第二十一条", "第二十三条", "第二十五条", "第四十六条", "第四十八条",
                                                  "第四十九条", "第五十一条", "第六十二条", "第六十四条"]
    assert all(p.reason == "order" for p in jiancha.pairs[:-1])
    last = jiancha.pairs[-1]   # 本法自公布之日起施行
    assert (last.old.label, last.new.label, last.reason) == ("第六十九条", "第七十八条", "role")


def test_jianchafa_changes_worded_as_decisions(jiancha: Alignment) -> None:
    wordings = {p.old.label: p.wording for p in jiancha.pairs if p.status == "modified"}
    assert wordings["第十二条"] == "第十二条第一款、第二款修改；增加第二款、第三款"
    assert wordings["第四十三条"] == "第四十三条删去第二款、第三款"
    assert wordings["第一条"] == "第一条修改"
    assert wordings["第二十六条"] == "第二十六条第一款修改；增加第二款"   # its one 款, named beside the new one
    # items renumbered by an insertion above them are not changes: （五）→（六） is not listed
    assert wordings["第六十条"] == "第六十条第一款、第一款第一项、第一款第二项、第一款第四项修改；增加第一款第五项"
    assert wordings["第六十五条"] == "第六十五条第一款、第七项、第八项修改；增加第九项"   # its 款 only by the colon


def test_jianchafa_character_operations(jiancha: Alignment) -> None:
    pair = _pair_of(jiancha, "art_18")
    (change,) = pair.changes
    assert change.wording == "第十八条第二款修改"
    assert [op for op in change.ops if op[0] != "equal"] == [("insert", "工作秘密、"), ("insert", "和个人信息")]


def test_operations_rebuild_both_real_texts(jiancha: Alignment, gongsi: Alignment) -> None:
    """Nothing of either text is lost: the new side's runs give the new text, the old side's the
    old text, character for character (the 2018 half-width colons included)."""
    for alignment in (jiancha, gongsi):
        for pair in alignment.pairs:
            assert "".join(t for tag, t in pair.ops if tag != "delete") == body(pair.new)
            assert "".join(t for tag, t in pair.old_ops if tag != "insert") == body(pair.old)
            for change in pair.changes:
                if change.new is not None:
                    assert "".join(t for tag, t in change.ops if tag != "delete") == unit_text(change.new)
                if change.old is not None:
                    assert "".join(t for tag, t in change.old_ops if tag != "insert") == unit_text(change.old)


# --- 立法法 2015 → 2023 ----------------------------------------------------------------------

def test_lifafa_successors(lifa: Alignment) -> None:
    mapping = lifa.renumbered()
    assert mapping["art_13"] == "art_16"     # a greedy best match says 第七十九条
    assert mapping["art_93"] == "art_104"
    pair = _pair_of(lifa, "art_13")
    assert pair.status == "modified" and pair.reason == "order" and round(pair.similarity, 2) == 0.52
    counts = lifa.counts()
    assert (counts["unchanged"], counts["modified"], counts["inserted"], counts["deleted"]) == (60, 44, 14, 0)   # 3 differ only by a half-width punctuation mark of one text


def test_lifafa_paragraph_carried_into_a_new_article_is_a_split(lifa: Alignment) -> None:
    """2015 第七十二条第一款 (省级 地方性法规) is, word for word, the whole of 2023 第八十条; its other
    款 are 第八十一条.  Read as a pair 第七十二条 → 第八十一条 it said 删去第一款 and 增加第八十条:
    the power to make 地方性法规 struck out and enacted anew."""
    assert [(s.old.label, [n.label for n in s.new], round(s.similarity, 2)) for s in lifa.splits] == [
        ("第七十二条", ["第八十条", "第八十一条"], 0.99)]
    assert "art_80" not in [n.eid for n in lifa.inserted]
    assert all(p.old.eid != "art_72" for p in lifa.pairs)
    assert lifa.renumbered()["art_72"] == "art_80"


# --- 公司法 2018 → 2023: a 修订 --------------------------------------------------------------

def test_gongsifa_moves(gongsi: Alignment) -> None:
    moved = {p.old.label: p.new.label for p in gongsi.pairs if p.moved}
    assert all(p.reason == "moved" for p in gongsi.pairs if p.moved)
    # 国有独资公司 moves from 第二章第四节 to its own 第七章
    assert moved["第六十四条"] == "第一百六十八条"
    assert moved["第六十九条"] == "第一百七十五条"
    # 股东优先认缴 moves from 有限责任公司的设立 to 公司增资
    assert moved["第三十四条"] == "第二百二十七条"
    assert moved["第十一条"] == "第五条"
    # 赔偿责任 now follows 列席股东会 (第一百五十条 → 第一百八十七条): in order, only a stranger was left
    assert moved["第一百四十九条"] == "第一百八十八条"
    assert len(moved) == 20
    counts = gongsi.counts()
    assert (counts["unchanged"], counts["modified"], counts["inserted"], counts["deleted"]) == (29, 152, 85, 37)


def test_gongsifa_commencement_paired_by_role(gongsi: Alignment) -> None:
    pair = _pair_of(gongsi, "art_218")
    assert (pair.new.eid, pair.reason) == ("art_266", "role")


def test_divisions_of_each_side(gongsi: Alignment) -> None:
    old_chapters = [d.label for d in gongsi.divisions("old") if d.type == "chapter"]
    new_chapters = [d.label for d in gongsi.divisions("new") if d.type == "chapter"]
    assert (len(old_chapters), len(new_chapters)) == (13, 15)


# --- splits, merges, typesetting ------------------------------------------------------------

_BEFORE = """测试条例

第一条 为了规范安全生产监督管理工作，制定本条例。

第二条 生产经营单位应当建立健全全员安全生产责任制和安全生产规章制度，加大对安全生产资金、物资、技术、人员的投入保障力度。生产经营单位的主要负责人对本单位的安全生产工作全面负责，其他负责人对职责范围内的安全生产工作负责。

第三条 县级以上人民政府应急管理部门依法对本行政区域内的安全生产工作实施综合监督管理。

第四条 本条例自2020年1月1日起施行。
"""
_AFTER = _BEFORE.replace("投入保障力度。", "投入保障力度。\n\n第三条 ").replace("第三条 县级", "第四条 县级") \
    .replace("第四条 本条例", "第五条 本条例")


def test_split_and_merge() -> None:
    before, after = regtext.parse(_BEFORE, id="before"), regtext.parse(_AFTER, id="after")
    split = align(before, after)
    assert [s.to_dict() for s in split.splits] == [{"old": "art_2", "new": ["art_2", "art_3"], "similarity": 0.9953}]
    assert split.renumbered() == {"art_1": "art_1", "art_3": "art_4", "art_4": "art_5", "art_2": "art_2"}
    assert (split.counts()["inserted"], split.counts()["unchanged"]) == (0, 3)
    merge = align(after, before)
    assert [m.to_dict() for m in merge.merges] == [{"old": ["art_2", "art_3"], "new": "art_2", "similarity": 0.9953}]
    assert merge.counts()["deleted"] == 0


_ITEMS = """测试办法

第一条 下列行为应当处理：
（一）检查：
1．现场检查；
2．书面检查。
（二）其他行为。

第二条 本办法自2020年1月1日起施行。
"""


def test_retypeset_text_shows_no_change() -> None:
    retyped = (_ITEMS.replace("（一）", "(一) ").replace("（二）", "(二)").replace("1．", "1.")
               .replace("2．", "2、").replace("：", "︰").replace("2020", "２０２０").replace("第二条 ", "第二条　"))
    alignment = align(regtext.parse(_ITEMS, id="a"), regtext.parse(retyped, id="b"))
    assert alignment.counts() == {"unchanged": 2, "retyped": 2, "modified": 0, "inserted": 0, "deleted": 0,
                                  "moved": 0, "renumbered": 0, "splits": 0, "merges": 0, "renamed_divisions": 0}


def test_retypeset_law_shows_no_change() -> None:
    text = (ROOT / "corpus" / "jianchafa_2024.txt").read_text(encoding="utf-8")
    retyped = re.sub(r"\d", lambda m: chr(0xFF10 + int(m.group())), text)
    retyped = retyped.replace("（", "(").replace("）", ")").replace("：", "︰").replace("，", "， ")
    alignment = align(regtext.parse(retyped, id="retyped"), regtext.load("jianchafa_2024"))
    counts = alignment.counts()
    assert (counts["unchanged"], counts["modified"], counts["inserted"], counts["deleted"]) == (78, 0, 0, 0)
    # three articles have nothing to re-typeset
    assert counts["retyped"] == sum(body(p.old) != body(p.new) for p in alignment.pairs) == 75


_LABELS = "标法\n\n第一条 下列事项：\n\n（一）甲事；\n\n（二）乙事。\n\n第二条 本法自2020年1月1日起施行。\n"


@pytest.mark.parametrize(("relabelled", "wording", "first"), [
    ("（三）甲事；\n\n（四）乙事。", "第一条第一项、第二项修改", "（[-一-]{+三+}）甲事；"),
    ("1.甲事；\n\n2.乙事。", "第一条第一项、第二项修改", "[-（一）-]{+1.+}甲事；"),   # a 项 set as a 目
])
def test_a_change_of_labels_alone_is_said(capsys: pytest.CaptureFixture[str], tmp_path: Path, relabelled: str,
                                          wording: str, first: str) -> None:
    """Same words, other labels: the article is modified, and the change must be named and shown —
    it used to read "modified 第一条 → 第一条 (0.89) 第一条" and nothing else, an empty 说明."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(_LABELS, encoding="utf-8")
    new.write_text(_LABELS.replace("（一）甲事；\n\n（二）乙事。", relabelled), encoding="utf-8")
    alignment = align(regtext.parse_file(old), regtext.parse_file(new))
    pair = alignment.pairs[0]
    assert (pair.status, pair.wording) == ("modified", wording)
    for change in pair.changes:   # the old label and text back from the old side's operations
        assert change.old is not None and change.labelled
        assert "".join(t for tag, t in change.old_ops if tag != "insert") == unit_text(change.old, labelled=True)
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.splitlines()[3:6] == [
        f"modified  第一条 → 第一条  ({pair.similarity:.2f})  {wording}", "  第一条第一项修改", f"    {first}"]


def test_a_renamed_heading_is_a_change_in_every_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """第一章 基本规定 → 一般规定 with every article unchanged: the diff said "no changes", the JSON
    counted nothing and the 对照表 was empty — the heading's new words were lost."""
    text = (ROOT / "corpus" / "minfadian_zongze.txt").read_text(encoding="utf-8")
    renamed = re.sub(r"(第一章\s+)基本规定", r"\1一般规定", text, count=1)
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(text, encoding="utf-8")
    new.write_text(renamed, encoding="utf-8")
    alignment = align(regtext.parse_file(old), regtext.parse_file(new))
    assert [(o.eid, n.eid) for o, n in alignment.renamed_divisions()] == [("chp_1", "chp_1")]
    assert alignment.to_dict()["renamed_divisions"] == [{"old": "chp_1", "new": "chp_1", "old_heading": "第一章\u2002\u2002基本规定",
                                                         "new_heading": "第一章\u2002\u2002一般规定"}]
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "204 → 204 articles: 204 unchanged, 0 modified, 0 inserted, 0 deleted; 0 renumbered, 0 moved, 0 split, "
        "0 merged; 1 headings renamed", "", "renamed   第一章\u2002\u2002基本规定 → 第一章\u2002\u2002一般规定",
        "  [-基本-]{+一般+}规定"]
    assert str(write(alignment, "md", Options())).splitlines()[-1] == (
        "| <b>第一章\u2002\u2002<s>基本</s>规定</b> | <b>第一章\u2002\u2002<u>**一般**</u>规定</b> | 第一章的章名修改 |")


def test_normalize_keeps_the_way_back() -> None:
    text = "（一）１．现场检查 ︰ 第一、二款"
    normal, where = normalize(text)
    assert normal == "(一)1.现场检查：第一、二款"     # 、 after 第一 inside a line is a list comma
    assert [text[k] for k in where] == list("（一）１．现场检查︰第一、二款")
    assert comparable("一、总则\n二．附则") == "一.总则\n二.附则"


# --- regtext diff -----------------------------------------------------------------------------

def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(VERSIONS / "jianchafa_2018.txt"), "jianchafa_2024")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "中华人民共和国监察法: jianchafa_2018 → jianchafa_2024"
    assert lines[1] == ("69 → 78 articles: 46 unchanged, 23 modified, 9 inserted, 0 deleted; "
                        "49 renumbered, 0 moved, 0 split, 0 merged")
    assert "modified  第十八条 → 第十八条  (0.96)  第十八条第二款修改" in lines
    assert "  监察机关及其工作人员对监督、调查过程中知悉的国家秘密、{+工作秘密、+}商业秘密、个人隐私{+和个人信息+}，应当保密。" in lines
    assert "inserted  第二十一条" in lines
    assert not any(line.startswith("unchanged") for line in lines)


def test_cli_unchanged_same(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(VERSIONS / "jianchafa_2018.txt"), "jianchafa_2024", "--unchanged", "same")
    assert code == 0
    assert "unchanged 第四十九条 → 第五十六条  同左" in out.splitlines()


def test_cli_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "diff.json"
    code, _, _ = _run(capsys, str(VERSIONS / "lifafa_2015.txt"), str(VERSIONS / "lifafa_2023.txt"), "-o", str(out_file))
    assert code == 0
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert (data["old"], data["new"]) == ("lifafa_2015", "lifafa_2023")
    pair = next(p for p in data["pairs"] if p["old"] == "art_93")
    assert (pair["new"], pair["status"], pair["moved"], pair["similarity"]) == ("art_104", "unchanged", False, 1.0)
    assert data["counts"]["inserted"] == len(data["inserted"]) == 14
    assert data["deleted"] == [] and data["merges"] == []
    assert data["splits"] == [{"old": "art_72", "new": ["art_80", "art_81"], "similarity": 0.9851}]


def test_formats_table_and_api_agree() -> None:
    assert set(FORMATS) >= {"text", "json"}
    alignment = compare(VERSIONS / "lifafa_2015.txt", VERSIONS / "lifafa_2023.txt")
    assert json.loads(write(alignment, "json"))["counts"] == alignment.counts()
    with pytest.raises(ValueError, match="unchanged must be one of"):
        write(alignment, "text", Options(unchanged="all"))


def test_cli_refuses_same_document_and_different_laws(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "jianchafa_2024", "jianchafa_2024")
    assert code == 2 and "OLD and NEW are the same document (jianchafa_2024)" in err
    code, _, err = _run(capsys, str(VERSIONS / "gongsifa_2018.txt"), "jianchafa_2024")
    assert code == 2
    assert ("OLD and NEW are different laws: 中华人民共和国公司法 (gongsifa_2018) and 中华人民共和国监察法 "
            "(jianchafa_2024)") in err
    assert "pass --renamed" in err


def test_cli_refuses_a_copy_of_a_corpus_text_and_its_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Installed with `pip install .`, a checkout's corpus/x.txt and the id x are two files of one
    text: compared by path alone they were two documents, and "no changes" came out."""
    copy = tmp_path / "jianchafa_2024.txt"
    copy.write_bytes((ROOT / "corpus" / "jianchafa_2024.txt").read_bytes())
    code, _, err = _run(capsys, str(copy), "jianchafa_2024")
    assert code == 2 and "OLD and NEW are the same document" in err


def test_renamed_law_compared_when_told() -> None:
    alignment = compare(VERSIONS / "gongsifa_2018.txt", "jianchafa_2024", renamed=True)
    unchanged = [(p.old.label, p.new.label) for p in alignment.pairs if p.status == "unchanged"]
    assert unchanged == [("第二百一十五条", "第七十五条")]   # 违反本法规定，构成犯罪的，依法追究刑事责任。


def test_comparable_is_normalize_without_the_way_back() -> None:
    texts = [p.read_text(encoding="utf-8") for p in [*VERSIONS.glob("*.txt"), *(ROOT / "corpus").glob("*.txt")]]
    texts += ["1、2", "（一）１．现场 ︰ 第一、二款", "\n\n一、总则\n\n二．附则\n", " 十、甲", "甲\n3、乙", "２、丙", "1．．"]
    for text in texts:
        for chunk in [text, *text.split("\n\n")]:
            assert comparable(chunk) == normalize(chunk)[0]


def test_cli_compares_a_work_on_two_days(capsys: pytest.CaptureFixture[str]) -> None:
    """regtext diff WORK@DAY WORK@DAY: the versions in force on the two days (issue 16: "a work
    with two dates")."""
    code, out, _ = _run(capsys, "jianchafa@2025-05-31", "jianchafa@2025-06-01")
    assert code == 0
    assert out.splitlines()[:2] == [
        "中华人民共和国监察法: jianchafa_2018 → jianchafa_2024",
        "69 → 78 articles: 46 unchanged, 23 modified, 9 inserted, 0 deleted; 49 renumbered, 0 moved, 0 split, 0 merged"]
    code, _, err = _run(capsys, "jianchafa@2025-06-01", "jianchafa@2026-01-01")
    assert code == 2 and "OLD and NEW are the same document (jianchafa_2024)" in err
