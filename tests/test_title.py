"""Titles of several lines (GB/T 9704-2012 7.3.1): broken at word edges into a balanced 梯形 or
菱形, never inside a name, never ending a line in 的 nor starting one with it — on the DOCX the
user gets (the lines are ``w:br`` inside the one title paragraph) and on LibreOffice's PDF."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from regtext.publish.docx import Block, write_docx
from regtext.publish.title import WIDTH, title_lines, width_of
from regtext.render import render_case
from tests.conftest import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: Each example's title as the DOCX prints it, line by line.
EXAMPLES = {
    "huagong_tongbao": ["关于对某某化工有限公司有关问题的通报"],
    "li_zuzhi_chuli_jianyi": ["关于对李某某同志进行组织调整", "或者组织处理的建议"],
    "wang_yisong": ["关于移送王某某涉嫌犯罪问题线索的函"],
    "yingji_ju_jiancha": ["关于对某某县应急管理局", "责令作出书面检查的决定"],
    "zhang_jiemian": ["关于对张某某同志进行诫勉的决定"],
    "zhao_jiguo": ["关于对赵某某同志予以通报", "并给予记过处分的决定"],
    "zhengwu_chezhi": ["关于给予王某某撤职处分的决定"],
    "zhengwu_congqing": ["关于给予陈某某警告处分的决定"],
    "zhengwu_congzhong": ["关于给予钱某某记大过处分的决定"],
    "zhengwu_jiangji": ["关于给予郑某某降级处分的决定"],
    "zhengwu_jianqing": ["关于给予何某某记大过处分的决定"],
    "zhengwu_jidaguo": ["关于给予吴某某记大过处分的决定"],
    "zhengwu_jiguo": ["关于给予周某某记过处分的决定"],
    "zhengwu_jinggao": ["关于给予孙某某警告处分的决定"],
    "zhengwu_kaichu": ["关于给予冯某某开除处分的决定"],
    "zhengwu_shuchong": ["关于给予黄某某记过处分的决定"],
    "zhuijiu_zhengwu_jiguo": ["关于给予刘某某同志记过处分的决定"],
}


def docx_title_lines(data: bytes) -> list[str]:
    """The lines of the title paragraph of a DOCX: its text split at ``w:br``."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "GwTitle":
            text = "".join("\n" if el.tag == f"{W}br" else el.text or ""
                           for el in p.iter(f"{W}t", f"{W}br"))
            return text.split("\n")
    raise AssertionError("no title paragraph")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def it_breaks_each_examples_title_where_a_reader_expects(name: str) -> None:
    rendered = render_case(ROOT / "examples" / f"{name}.yaml")
    assert docx_title_lines(rendered.to("docx")) == EXAMPLES[name]
    assert "".join(EXAMPLES[name]) == rendered.title        # the text itself is unchanged
    html = rendered.to("html").decode()
    assert f"<h1>{'<br>'.join(EXAMPLES[name])}</h1>" in html
    assert rendered.to("md").decode().splitlines()[0] == f"# {rendered.title}"   # a heading is one line


def it_never_breaks_next_to_de_nor_inside_a_name() -> None:
    # the three titles LibreOffice broke by itself before
    assert title_lines("关于对某某县应急管理局责令作出书面检查的决定", ["某某县应急管理局"]) == [
        "关于对某某县应急管理局", "责令作出书面检查的决定"]
    assert title_lines("关于对张某某同志进行诫勉并给予记过处分的决定", ["张某某", "记过处分"]) == [
        "关于对张某某同志进行诫勉", "并给予记过处分的决定"]
    assert title_lines("关于对李某某同志进行组织调整或者组织处理的建议", ["李某某"]) == [
        "关于对李某某同志进行组织调整", "或者组织处理的建议"]


def it_keeps_a_title_that_fits_on_one_line() -> None:
    assert title_lines("关于对张某某同志进行诫勉的决定") == ["关于对张某某同志进行诫勉的决定"]
    assert title_lines("二" * WIDTH) == ["二" * WIDTH]


def it_avoids_a_sandglass_and_a_line_ending_in_a_pause() -> None:
    lines = title_lines("关于对张某某同志进行谈话提醒、批评教育并责令作出书面检查的决定", ["张某某"])
    assert lines == ["关于对张某某同志进行谈话提醒、批评教育", "并责令作出书面检查的决定"]


def it_cuts_a_name_only_when_it_is_wider_than_a_line() -> None:
    name = "某" * 25
    lines = title_lines(f"关于对{name}有关问题的通报", [name])
    assert "".join(lines) == f"关于对{name}有关问题的通报"
    assert all(width_of(line) <= WIDTH for line in lines)
    assert not any(line.endswith("的") or line.startswith("的") for line in lines)


def it_counts_half_width_characters_as_half() -> None:
    assert width_of("2024年ABC") == 4.5


# -- 50 generated subject names × every template ---------------------------------------------------

_POOL = "张王李赵刘陈杨黄吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
_ORG_PARTS = ("某某省", "某某市", "某某区", "某某县", "某某镇", "应急管理局", "市场监督管理局", "交通运输局",
              "化工有限公司", "矿业集团", "安全生产执法支队", "人民政府", "建设工程有限责任公司")
#: the examples whose subject is a person, and an organisation (between them all five templates)
_PERSON_CASES = ("zhang_jiemian", "zhao_jiguo", "li_zuzhi_chuli_jianyi", "wang_yisong")
_ORG_CASES = ("yingji_ju_jiancha", "huagong_tongbao")


def _names() -> list[tuple[str, str]]:
    """25 persons and 25 organisations, 2 to 20 characters, the same every run."""
    rnd = random.Random(13)
    out = []
    for i in range(25):
        out.append(("person", "".join(rnd.choice(_POOL) for _ in range(2 + i * 18 // 24))))
    for i in range(25):
        target = 2 + i * 18 // 24
        name = ""
        while len(name) < target:
            name += rnd.choice(_ORG_PARTS)
        out.append(("organization", name[-target:]))
    return out


def _cases(tmp_path: Path) -> list[tuple[str, Path]]:
    paths = []
    for i, (kind, name) in enumerate(_names()):
        for example in _PERSON_CASES if kind == "person" else _ORG_CASES:
            data = yaml.safe_load((ROOT / "examples" / f"{example}.yaml").read_text(encoding="utf-8"))
            data["subject"]["name"] = name
            path = tmp_path / f"{example}-{i}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            paths.append((name, path))
    return paths


def it_breaks_the_title_of_every_template_for_50_subject_names(tmp_path: Path) -> None:
    names = _names()
    assert len(names) == 50 and {len(n) for _, n in names} == set(range(2, 21))
    templates, bad = set(), []
    for name, path in _cases(tmp_path):
        rendered = render_case(path)
        templates.add(rendered.template.name)
        lines = docx_title_lines(rendered.to("docx"))
        widths = [width_of(line) for line in lines]
        least = -(-width_of(rendered.title) // WIDTH)
        if ("".join(lines) != rendered.title
                or max(widths) > WIDTH
                or any(line.endswith("的") or line.startswith("的") for line in lines)
                or not any(name in line for line in lines)                       # the name is whole
                or len(lines) > least + 1
                or any(b < a and b < c for a, b, c in zip(widths, widths[1:], widths[2:], strict=False))):   # 沙漏
            bad.append(lines)
    assert len(templates) == 5
    assert bad == []


def it_prints_one_line_for_twenty_characters_and_two_for_twenty_one() -> None:
    assert title_lines("关于对" + "某" * 14 + "的决定") == ["关于对" + "某" * 14 + "的决定"]
    assert len(title_lines("关于对" + "某" * 15 + "的决定", ["某" * 15])) == 2


# -- LibreOffice: the lines pdftotext gives are the lines chosen --------------------------------------

@pytest.mark.libreoffice
def it_prints_the_chosen_lines_in_libreoffices_pdf(tmp_path: Path) -> None:
    from tests.support import office

    office.require_libreoffice()
    titles = [EXAMPLES[name] for name in sorted(EXAMPLES)]
    titles.append(["关于对" + "某" * 14 + "的决定"])                          # a full line: 20 characters
    for _name, path in _cases(tmp_path)[::5]:
        titles.append(render_case(path).title_lines)
    blocks = []
    for lines in titles:
        blocks += [Block("title", "\n".join(lines)), Block("body", "正文。")]
    docx = tmp_path / "titles.docx"
    docx.write_bytes(write_docx(blocks))
    pdf = office.docx_to_pdf(docx, tmp_path)
    printed = [re.sub(r"\s+", "", line) for page in office.pdf_text_layout(pdf) for line in page]
    printed = [line for line in printed if line and not re.fullmatch(r"—\d+—", line)]
    expected = [line for lines in titles for line in (*lines, "正文。")]
    assert printed == expected
