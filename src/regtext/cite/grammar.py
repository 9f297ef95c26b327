"""Detection: where a text refers to a provision, and what it says, before knowing what exists.

A reference is a chain of adjacent tokens: an optional anchor (本法, 《…》, a law's name, 前款,
本条 …) followed by paths (第N条第N款第N项第N目, 第N章) joined by 、 和 及 以及 或者 and 至.  A
later path inherits the levels it does not repeat from the one before it
(第二十五条第一款和第二款 → 第二十五条第二款).  One regular expression tokenises the text in
one pass; chains are read left to right without backtracking, so detection is linear.
"""

from __future__ import annotations

import re

from ..levels import DIVISION_OF_WORD, ORDER
from ..numerals import NUMERAL_CLASS, to_int, to_sub_int
from ..parser.patterns import OnFirstUse

N = NUMERAL_CLASS
_TOKEN = re.compile(
    rf"(?P<art>第(?P<art_n>{N}+)条(?:之(?P<art_sub>{N}+))?)"
    rf"|(?P<para>第(?P<para_n>{N}+)款)"
    rf"|(?P<item>第(?:(?P<item_n>{N}+)|[（(](?P<item_b>{N}+)[)）])项)"
    rf"|(?P<sub>第(?P<sub_n>{N}+)目)"
    rf"|(?P<div>第(?P<div_n>{N}+)(?P<div_kind>分编|编|章|节))"
    # not the 本 of 基本 or 根本: 香港特别行政区基本法第十八条 names the Basic Law, not this document
    r"|(?P<self>(?<![基根])本(?:法典|法|条例|办法|规定|细则|解释|决定|准则|规则))"
    r"|(?P<rel>前款|前[两二三四五六七八九十]款|本款(?!项)|本条|前条|本项|前项|本章(?!程)|本节(?!录)|本分编|本编)"
    r"|(?P<book>《[^《》\n]{1,100}》)"
)
#: What may stand between two paths of one reference: a list separator, or 至 for a range.
_SEPARATORS = {"、": "sep", "和": "sep", "及": "sep", "以及": "sep", "或者": "sep", "或": "sep", "至": "range"}
_PATH_KINDS = ("art", "para", "item", "sub", "div")
#: Law-type endings of a name written without 《》 (刑法, 公职人员政务处分法, …条例).
_NAME_SUFFIXES = ("法典", "法", "条例")
#: The name itself.
_NAME_END = OnFirstUse(r"[\u4e00-\u9fff·]{1,40}?(?:法典|法|条例)$")
#: Words that can stand before a law's name and are not part of it (依照刑法第…, 实施刑法第…), among
#: them the connectives of a list (本办法第一条和刑法第六条, 第五条或刑法第六条).
_LEAD_WORDS = OnFirstUse(
    r"^(?:依照|依据|根据|按照|违反|适用|参照|符合|执行|构成|触犯|同时|实施|认定为|应当|可以|并|的|和|与|及|或者|"
    r"以及|或|对|由|在|即|是|为|经|按|依|照|属于|规定|所|有|均|凡|不|予以|给予|具有)+"
)
#: Verbs after which a speaker named with 本 (本人, 本单位, 本机关) names the law it cites:
#: 本人违反刑法第六条.  The first one found ends the speaker, so a verb inside the name
#: (涉外民事关系法律适用法) stays in it.
_SPEAKER_VERB = OnFirstUse(r"依照|依据|根据|按照|违反|适用|参照|符合|执行|构成|触犯|认定为|属于|遵守")
#: How a document calls itself in words no 本法/本办法 token covers: 本实施条例, 本暂行办法.
_SELF_NAME = OnFirstUse(r"本(?:实施|暂行|试行|补充)+(?:法|条例|办法)")
#: The words of ``name`` that are not a law's name (本办法, 方法, 执法 …).
_NOT_NAMES = ("方法", "办法", "立法", "执法", "违法", "依法", "合法", "非法", "守法")
#: Why a reference is kept unresolved when the words before its 第…条 end like a law's name that
#: cannot be told (本市安全生产条例第六条): the start of RawRef.malformed.
NAME_NOT_TOLD = "the law's name cannot be told from the words before"
#: 以下简称 declarations: （以下简称安全生产法） after a name.
SHORT_NAME = OnFirstUse(r"[（(]以下简称[“\"]?(?P<short>[^）)”\"]{1,30})[”\"]?[）)]")


# Step, Path and RawRef are plain classes with __slots__, not dataclasses: they never leave the
# parser, and generating a dataclass's methods costs about a millisecond at every start of the CLI.


class Step:
    """One level of a path as written: 第十五条 → ('article', '15'); 第（三）项 → ('item', 3)."""

    __slots__ = ("level", "number")

    def __init__(self, level: str, number: int | str) -> None:
        self.level = level      # part/subpart/chapter/section, article, paragraph, item, subitem
        self.number = number


class Path:
    __slots__ = ("steps", "range_to", "inherited", "start", "end")

    def __init__(self, steps: list[Step], range_to: list[Step] | None = None, inherited: int = 0,
                 start: int = 0, end: int = 0) -> None:
        self.steps = steps
        self.range_to = range_to    # 第一百三十四条至第一百三十九条之一
        self.inherited = inherited  # how many leading steps came from the path before
        self.start = start          # where the path is written (offsets into the text)
        self.end = end


class RawRef:
    __slots__ = ("start", "end", "text", "anchor", "anchor_text", "paths", "malformed")

    def __init__(self, start: int, end: int, text: str, anchor: str, anchor_text: str = "",
                 paths: list[Path] | None = None, malformed: str | None = None) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.anchor = anchor            # self / book / name / relative / bare
        self.anchor_text = anchor_text  # 本法, 《中华人民共和国监察法》, 刑法, 前两款, …
        self.paths = paths if paths is not None else []
        # why a number of the paths is not a statute numeral (第十十八条): the paths then hold a
        # step with number None, and the reference must stay unresolved
        self.malformed = malformed


def _read_step(m: re.Match[str]) -> tuple[Step, str | None]:
    """The step a path token writes, or, when its numeral is malformed (第十十八条), a step
    without a number and the reason: the token still belongs to the reference, so that
    第十十八条第（九）项 is not read as a 第（九）项 of its own."""
    try:
        return _step(m), None
    except ValueError as error:
        kind = m.lastgroup
        assert kind is not None  # every alternative of the path pattern is a named group
        level = DIVISION_OF_WORD[m.group("div_kind")] if kind == "div" else _TOKEN_LEVEL[kind]
        # No number: the reference is reported as malformed and never resolved, so no reader of
        # Step.number (an int or, for an article, a str) meets this None.
        return Step(level, None), f"malformed number in {m.group()}: {error}"  # type: ignore[arg-type]


_TOKEN_LEVEL = {"art": "article", "para": "paragraph", "item": "item", "sub": "subitem"}


def _step(m: re.Match[str]) -> Step:
    kind = m.lastgroup
    if kind == "art":
        number = str(to_int(m.group("art_n")))
        if m.group("art_sub"):
            number += f"-{to_sub_int(m.group('art_sub'))}"
        return Step("article", number)
    if kind == "para":
        return Step("paragraph", to_int(m.group("para_n")))
    if kind == "item":
        return Step("item", to_int(m.group("item_n") or m.group("item_b")))
    if kind == "sub":
        return Step("subitem", to_int(m.group("sub_n")))
    return Step(DIVISION_OF_WORD[m.group("div_kind")], to_int(m.group("div_n")))


def _merge(previous: list[Step], written: list[Step]) -> tuple[list[Step], int]:
    """第二十五条第一款和第二款: the second path keeps 第二十五条 from the first."""
    top = ORDER[written[0].level]
    kept = [s for s in previous if ORDER[s.level] < top]
    return kept + written, len(kept)


#: Every token starts with one of these characters: finding them first is an order of magnitude
#: faster than letting the full alternation try every position of a long text.
_TOKEN_START = re.compile("[第前本《]")


def may_refer(text: str) -> bool:
    """False when ``text`` certainly holds no reference (most texts: no token can start in it)."""
    return _TOKEN_START.search(text) is not None


def tokens(text: str) -> list[re.Match[str]]:
    out = []
    pos = 0
    search, match = _TOKEN_START.search, _TOKEN.match
    while (hit := search(text, pos)) is not None:
        m = match(text, hit.start())
        if m is None:
            pos = hit.start() + 1
            continue
        pos = m.end()
        out.append(m)
    return out


def detect(text: str) -> list[RawRef]:
    """Every reference in ``text``, in order, with offsets into ``text``."""
    toks = tokens(text)
    refs: list[RawRef] = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        kind = tok.lastgroup
        anchor, anchor_text, start = "bare", "", tok.start()
        unreadable = None
        j = i
        if kind in ("self", "book", "rel"):
            anchor = {"self": "self", "book": "book", "rel": "relative"}[kind]
            anchor_text = tok.group()
            j = i + 1
            if kind == "self" and not (j < n and toks[j].start() == tok.end() and toks[j].lastgroup in _PATH_KINDS):
                i += 1  # 本法 on its own: the document speaking of itself
                continue
        elif kind in _PATH_KINDS and kind == "art":
            name, told = _name_before(text, tok.start(), toks[i - 1].end() if i else 0)
            if name:
                anchor, anchor_text, start = "name", name, tok.start() - len(name)
                if not told:
                    unreadable = f"{NAME_NOT_TOLD} {tok.group()} ({name})"
        paths, j, end, malformed = _paths(text, toks, j, tok.end() if j > i else tok.start())
        malformed = unreadable or malformed
        if anchor in ("book", "relative") or paths:
            end = max(end, tok.end())
            refs.append(RawRef(start, end, text[start:end], anchor, anchor_text, paths, malformed))
        i = max(j, i + 1)
    return refs


def _paths(text: str, toks: list[re.Match[str]], j: int,
           pos: int) -> tuple[list[Path], int, int, str | None]:
    """Read the paths that follow at text offset ``pos``: path tokens, adjacent or joined by a
    separator (、 和 及 以及 或者 或) or by 至; and why the first malformed number is malformed."""
    paths: list[Path] = []
    malformed: str | None = None
    current: list[Step] = []
    previous: list[Step] = []
    in_range = False
    end = pos
    path_start = range_start = pos
    n = len(toks)
    while j < n and toks[j].lastgroup in _PATH_KINDS:
        gap = text[end:toks[j].start()]
        if gap:
            joiner = _SEPARATORS.get(gap)
            if joiner is None or not current:
                break
            _close(paths, current, previous, in_range, path_start, end)
            if in_range:
                malformed = malformed or _backwards(paths[-1], text, range_start)
            else:
                previous = paths[-1].steps
            in_range = joiner == "range"
            current = []
            if in_range:
                range_start = toks[j].start()
            else:
                path_start = toks[j].start()
        step, why = _read_step(toks[j])
        if current and ORDER[step.level] <= ORDER[current[-1].level]:
            break  # 第五条第三条: not one path
        malformed = malformed or why
        current.append(step)
        end = toks[j].end()
        j += 1
    if current:
        _close(paths, current, previous, in_range, path_start, end)
        if in_range:
            malformed = malformed or _backwards(paths[-1], text, range_start)
    return paths, j, end, malformed


def _backwards(path: Path, text: str, range_start: int) -> str | None:
    """Why a range as written runs backwards (第五条至第三条, 第（三）项至第（一）项), or None.
    Read as the list of its two ends it would cite neither what lies between nor what was meant.
    Ends that differ first at levels written differently (第四条第（三）项至第五条) are left to
    resolution, which compares the provisions themselves (address.expand_range)."""
    assert path.range_to is not None
    for a, b in zip(path.steps, path.range_to, strict=False):  # the ends may be written to different depths
        if a.level != b.level or a.number is None or b.number is None:
            return None
        if a.number != b.number:
            if _number_key(b.number) > _number_key(a.number):
                return None
            first, last = text[path.start:range_start].rstrip("至"), text[range_start:path.end]
            return f"the range runs backwards: {last} comes before {first}"
    return None


def _number_key(number: int | str) -> tuple[int, ...]:
    """An article's "120-1" (第一百二十条之一) orders after "120" and before "121"."""
    return tuple(int(n) for n in str(number).split("-"))


def _close(paths: list[Path], current: list[Step], previous: list[Step], in_range: bool,
           start: int, end: int) -> None:
    if in_range and paths:
        base = paths[-1].steps
        merged, _ = _merge(base, current)
        paths[-1].range_to = merged
        paths[-1].end = end
        return
    merged, inherited = _merge(previous, current) if previous else (list(current), 0)
    paths.append(Path(merged, None, inherited, start, end))


def _name_before(text: str, pos: int, floor: int) -> tuple[str, bool]:
    """A law's name written without 《》 just before 第…条 (刑法第一百三十四条, 政务处分法第二十八条),
    and False when the words there end like a law's name but which law they name cannot be told.
    The name starts at ``floor`` at the earliest, the end of the token before: in
    本办法第一条和刑法第六条 the run of Chinese characters before 第六条 is 本办法第一条和刑法, and
    taking it all for a name cited 《第一条和刑法》, or, refused for its 本, this document's 第六条."""
    head = text[max(floor, pos - 40):pos]
    if not head.removesuffix("\n").endswith(_NAME_SUFFIXES):  # what _NAME_END needs ($: before one final \n)
        return "", True
    m = _NAME_END.search(head)
    if not m:
        return "", True
    name = _without_lead(m.group())
    if name.startswith("本"):
        return _name_after_speaker(name)
    if len(name) < 2 or name in _NOT_NAMES:
        return "", True
    return name, True


def _without_lead(words: str) -> str:
    """The name is the tail of the run of Chinese characters: drop words that precede a name."""
    lead = _LEAD_WORDS.match(words)
    return words[lead.end():] if lead else words


def _name_after_speaker(words: str) -> tuple[str, bool]:
    """本人违反刑法 → 刑法: the name after the first verb of a speaker named with 本.  本实施条例 is
    this document (no name: its path is read as this document's).  Any other words that start with
    本 (本市安全生产条例) name another document that cannot be told: reading the path as this
    document's would cite the wrong provision without a word, so the words are kept as the name,
    and False: the reference is reported as R306 and kept unresolved."""
    verb = _SPEAKER_VERB.search(words)
    if verb is not None:
        name = _without_lead(words[verb.end():])
        if len(name) >= 2 and not name.startswith("本") and name not in _NOT_NAMES and name not in _NAME_SUFFIXES:
            return name, True
    if _SELF_NAME.fullmatch(words):
        return "", True
    return words, False
