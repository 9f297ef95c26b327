"""Synthetic Chinese regulations for the parser benchmark (issue 2).

One seeded document model is rendered twice:

* ``syn_N.txt``          -- plain text as published (what ``regtext parse`` reads);
* ``syn_N.bluebell.txt`` -- the same content marked up for Laws.Africa's bluebell-akn
  (``PREFACE``/``BODY``/``CHAPTER``/``ART``/``PARA``/``ITEMS``/``ITEM``, references as
  ``{{>href text}}``).

Shape (per issue 2): 20 articles per chapter, 2 款 per article, 3-5 项 in one of the two 款,
one back-reference per article (本条例第N条 to an earlier article, or 前款 in the 2nd 款), and
about 550 characters per article (2,000 articles ~ 1.1 M characters).

    python bench/generate.py --articles 2000 --out bench/data/
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------- numerals

_DIGITS = "零一二三四五六七八九"


def _below_10000(n: int) -> str:
    """1..9999 in statute style: 一千零一, 一百一十, 十一 (only a leading 一十 is shortened)."""
    out: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[d] + name)
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def chinese_numeral(n: int) -> str:
    """Positive int -> Chinese numeral (一, 十二, 一千二百三十四, 二万零一十)."""
    if n <= 0:
        raise ValueError(f"not a positive number: {n}")
    if n < 10_000:
        return _below_10000(n)
    high, low = divmod(n, 10_000)
    text = chinese_numeral(high) + "万"
    if low:
        low_text = _below_10000(low)
        # 一万零一十 keeps the 一 that 十一 drops; a gap below the thousands needs 零
        if low_text.startswith("十"):
            low_text = "一" + low_text
        text += ("零" if low < 1000 else "") + low_text
    return text


# --------------------------------------------------------------------------- document model


@dataclass(frozen=True)
class Ref:
    """An inline reference: its text and the regtext-style eId it points to."""

    text: str
    eid: str


Segment = str | Ref


@dataclass
class Paragraph:
    """One 款: its text (with inline references) and optional 项."""

    text: list[Segment]
    items: list[str] = field(default_factory=list)


@dataclass
class Article:
    number: int
    paragraphs: list[Paragraph]


@dataclass
class Chapter:
    number: int
    heading: str
    articles: list[Article]


@dataclass
class Regulation:
    title: str
    history: str
    chapters: list[Chapter]
    frbr_uri: str


# --------------------------------------------------------------------------- vocabulary

SUBJECTS = [
    "生产经营单位", "生产经营单位的主要负责人", "县级以上地方各级人民政府", "县级以上人民政府应急管理部门",
    "负有安全生产监督管理职责的部门", "乡镇人民政府和街道办事处", "矿山、金属冶炼建设项目的施工单位",
    "危险物品的生产、经营、储存单位", "承担安全评价、认证、检测、检验职责的机构", "从业人员",
    "工会组织", "建设项目的建设单位", "设区的市人民政府", "有关行业主管部门", "安全生产监督检查人员",
    "生产安全事故调查组", "安全生产管理机构以及安全生产管理人员", "交通运输、住房城乡建设、水利等有关部门",
]
ACTIONS = [
    "建立健全全员安全生产责任制和安全生产规章制度", "组织制定并实施本单位安全生产规章制度和操作规程",
    "保证本单位安全生产投入的有效实施", "组织开展安全生产教育和培训，如实记录培训的时间、内容和考核结果",
    "及时发现并消除生产安全事故隐患", "制定并实施本单位的生产安全事故应急救援预案",
    "对重大危险源进行登记建档，定期检测、评估、监控", "定期组织应急救援演练并对演练效果进行评估",
    "加强对安全生产工作的领导，支持、督促有关部门依法履行安全生产监督管理职责",
    "将安全生产工作纳入国民经济和社会发展规划", "依法对生产经营单位执行安全生产法律、法规和标准的情况进行监督检查",
    "建立安全风险分级管控和隐患排查治理双重预防工作机制", "向从业人员如实告知作业场所和工作岗位存在的危险因素",
    "为从业人员提供符合国家标准或者行业标准的劳动防护用品", "按照规定提取和使用安全生产费用，专门用于改善安全生产条件",
    "建立生产安全事故隐患排查治理制度，采取技术、管理措施及时消除事故隐患",
    "将安全生产监督检查的情况、发现的问题及其处理情况作出书面记录",
    "组织有关部门和专家对本行政区域内的安全风险进行评估",
]
MANNERS = [
    "按照国家有关规定", "依照有关法律、法规的规定", "根据本行政区域内的安全生产状况", "结合本单位实际",
    "在各自职责范围内", "按照分级负责、属地管理的原则", "会同有关部门", "按照安全风险管控要求",
]
PURPOSES = [
    "保障人民群众生命和财产安全", "防止和减少生产安全事故", "促进经济社会持续健康发展",
    "提高安全生产管理水平", "落实生产经营单位安全生产主体责任", "推进安全生产治理体系和治理能力现代化",
]
CONDITIONS = [
    "未按照规定设置安全生产管理机构或者配备安全生产管理人员", "未如实记录安全生产教育和培训情况",
    "未将事故隐患排查治理情况如实记录或者未向从业人员通报", "未按照规定制定生产安全事故应急救援预案或者未定期组织演练",
    "安排未经专门的安全作业培训并取得相应资格的特种作业人员上岗作业",
    "未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志",
    "安全设备的安装、使用、检测、改造和报废不符合国家标准或者行业标准", "未对安全设备进行经常性维护、保养和定期检测",
    "使用应当淘汰的危及生产安全的工艺、设备", "未建立事故隐患排查治理制度，或者重大事故隐患排查治理情况未按照规定报告",
    "将生产、经营、储存、使用危险物品的车间、商店、仓库与员工宿舍设在同一座建筑物内",
    "与其他生产经营单位在同一作业区域内进行可能危及对方安全生产的生产经营活动，未签订安全生产管理协议",
    "未采取措施消除事故隐患，经责令限期改正而逾期未改正", "拒绝、阻碍负有安全生产监督管理职责的部门依法实施监督检查",
]
SANCTIONS = [
    "逾期未改正的，责令停产停业整顿，并处{b}万元以上{c}万元以下的罚款",
    "对其直接负责的主管人员和其他直接责任人员处{d}万元以上{e}万元以下的罚款",
    "构成犯罪的，依照刑法有关规定追究刑事责任",
    "给他人造成损害的，依法承担赔偿责任",
]
VIOLATORS = [
    "生产经营单位", "危险物品的生产、经营、储存单位", "建设项目的建设单位", "矿山、金属冶炼建设项目的施工单位",
    "承担安全评价、认证、检测、检验职责的机构", "生产经营单位的主要负责人",
]
AUTHORITIES = [
    "县级以上人民政府应急管理部门", "负有安全生产监督管理职责的部门", "有关主管部门", "设区的市人民政府应急管理部门",
]
HEADINGS = [
    "生产经营单位的安全生产保障", "从业人员的安全生产权利义务", "安全生产的监督管理", "安全风险分级管控",
    "事故隐患排查治理", "生产安全事故的应急救援与调查处理", "安全生产服务与保障", "重点行业领域安全管理",
    "安全生产教育培训", "法律责任",
]


# --------------------------------------------------------------------------- generation


class _Writer:
    """Builds sentences of realistic length from the vocabulary above."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, words: list[str]) -> str:
        return self.rng.choice(words)

    def duty(self) -> str:
        r = self.rng
        text = f"{self.pick(SUBJECTS)}应当{self.pick(MANNERS)}，{self.pick(ACTIONS)}"
        if r.random() < 0.6:
            text += f"，{self.pick(ACTIONS)}"
        if r.random() < 0.5:
            text += f"，{self.pick(PURPOSES)}"
        return text + "。"

    def penalty(self) -> str:
        a = self.rng.randint(1, 10)
        return f"由{self.pick(AUTHORITIES)}责令限期改正，可以处{a}万元以下的罚款"

    def consequence(self) -> str:
        """A penalty and one further sanction: 由…责令限期改正，可以处…罚款；构成犯罪的，…"""
        r = self.rng
        a, d = r.randint(1, 10), r.randint(1, 5)
        tail = self.pick(SANCTIONS).format(b=a, c=a * r.choice((2, 5, 10)), d=d, e=d * 2)
        return f"{self.penalty()}；{tail}"

    def sentence(self) -> str:
        if self.rng.random() < 0.7:
            return self.duty()
        return f"{self.pick(VIOLATORS)}{self.pick(CONDITIONS)}的，{self.consequence()}。"

    def sentences(self, low: int, high: int) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def items(self) -> list[str]:
        count = self.rng.randint(3, 5)
        texts = [f"{c}的" for c in self.rng.sample(CONDITIONS, count)]
        return [t + ("；" if i < count - 1 else "。") for i, t in enumerate(texts)]


def _reference(w: _Writer, number: int) -> Ref:
    """One back-reference: 本条例第N条 (N < number) or 前款 (the article's first 款)."""
    r = w.rng
    if number == 1 or r.random() < 0.3:
        return Ref("前款", f"art_{number}__para_1")
    target = r.randint(max(1, number - 30), number - 1) if r.random() < 0.5 else r.randint(1, number - 1)
    return Ref(f"本条例第{chinese_numeral(target)}条", f"art_{target}")


def _article(w: _Writer, number: int) -> Article:
    r = w.rng
    ref = _reference(w, number)
    if number == 1:
        aims = "，".join(r.sample(PURPOSES, 2))
        first = f"为了{aims}，根据有关法律、行政法规，结合本省实际，制定本条例。"
    else:
        first = w.sentences(2, 3)
    # the reference always sits in the 2nd 款, so that 前款 means the 1st
    second: list[Segment] = ["违反", ref, "规定，"] if r.random() < 0.5 else ["依照", ref, "的规定，"]
    if r.random() < 0.5:  # 项 in the 1st 款
        intro = f"有下列情形之一的，{w.pick(SUBJECTS)}应当{w.pick(MANNERS)}，{w.pick(ACTIONS)}："
        paragraphs = [Paragraph([first + intro], w.items()),
                      Paragraph([*second, f"{w.consequence()}。", w.sentences(1, 2)])]
    else:  # 项 in the 2nd 款
        paragraphs = [Paragraph([first]),
                      Paragraph([*second, f"有下列情形之一的，{w.consequence()}："], w.items())]
    return Article(number, paragraphs)


def generate(articles: int, seed: int = 2, per_chapter: int = 20) -> Regulation:
    """The synthetic regulation with `articles` articles, deterministic for a given seed."""
    rng = random.Random(seed)
    w = _Writer(rng)
    chapters: list[Chapter] = []
    count = (articles + per_chapter - 1) // per_chapter
    for c in range(1, count + 1):
        if c == 1:
            heading = "总则"
        elif c == count and count > 2:
            heading = "附则"
        else:
            heading = HEADINGS[(c - 2) % len(HEADINGS)]
        numbers = range((c - 1) * per_chapter + 1, min(c * per_chapter, articles) + 1)
        chapters.append(Chapter(c, heading, [_article(w, n) for n in numbers]))
    return Regulation(
        title="某某省安全生产条例",
        history="（2023年7月27日某某省第十四届人民代表大会常务委员会第四次会议通过）",
        chapters=chapters,
        frbr_uri=f"/akn/cn/act/2023/syn-{articles}",
    )


# --------------------------------------------------------------------------- renderers


def _plain(segments: list[Segment]) -> str:
    return "".join(s if isinstance(s, str) else s.text for s in segments)


def to_plain(reg: Regulation) -> str:
    """The published form: one unit per line, units separated by blank lines."""
    lines = ["", reg.title, reg.history]
    for chapter in reg.chapters:
        lines.append(f"第{chinese_numeral(chapter.number)}章 {chapter.heading}")
        for art in chapter.articles:
            label = f"第{chinese_numeral(art.number)}条 "
            for i, para in enumerate(art.paragraphs):
                lines.append((label if i == 0 else "") + _plain(para.text))
                lines.extend(f"（{chinese_numeral(k)}）{item}" for k, item in enumerate(para.items, 1))
    return "\n\n".join(lines) + "\n"


def to_bluebell(reg: Regulation) -> str:
    """The same content in bluebell-akn markup (root ``act``)."""

    def inline(segments: list[Segment]) -> str:
        return "".join(s if isinstance(s, str) else f"{{{{>{reg.frbr_uri}/~{s.eid} {s.text}}}}}" for s in segments)

    out = ["PREFACE", "", reg.title, "", reg.history, "", "BODY", ""]
    for chapter in reg.chapters:
        out += [f"CHAPTER 第{chinese_numeral(chapter.number)}章 - {chapter.heading}", ""]
        for art in chapter.articles:
            out += [f"  ART 第{chinese_numeral(art.number)}条", ""]
            for para in art.paragraphs:
                out += ["    PARA", f"      {inline(para.text)}", ""]
                if para.items:
                    out += ["      ITEMS"]
                    for k, item in enumerate(para.items, 1):
                        out += [f"        ITEM （{chinese_numeral(k)}）", f"          {item}", ""]
    return "\n".join(out)


def write_pair(articles: int, out: Path, seed: int = 2, per_chapter: int = 20) -> tuple[Path, Path]:
    """Write syn_N.txt and syn_N.bluebell.txt into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    reg = generate(articles, seed, per_chapter)
    plain = out / f"syn_{articles}.txt"
    bluebell = out / f"syn_{articles}.bluebell.txt"
    plain.write_text(to_plain(reg), encoding="utf-8")
    bluebell.write_text(to_bluebell(reg), encoding="utf-8")
    return plain, bluebell


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=2000, help="number of articles (default 2000)")
    p.add_argument("--out", type=Path, default=Path(__file__).parent / "data", help="output folder")
    p.add_argument("--seed", type=int, default=2, help="random seed (default 2)")
    p.add_argument("--per-chapter", type=int, default=20, help="articles per chapter (default 20)")
    args = p.parse_args(argv)
    for path in write_pair(args.articles, args.out, args.seed, args.per_chapter):
        text = path.read_text(encoding="utf-8")
        print(f"{path}: {len(text):,} characters, {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
