"""The drafter's form, generated from the case schema (schemas/case.schema.json) and the chosen
regulation's rulebook: every property of the schema is a control, in the schema's order; the
rulebook turns findings and measures into choices that show each provision's heading, citation
and text, and lists only the measures it allows for the subject's type.

A field added to the schema appears in the form without a change here (labelled by its
description until it gets a Chinese label below).  The form and the case file are one data: the
form's fields are the case's YAML paths (``subject.name``, ``sanctions[0].basis``), and what the
form holds is turned into the YAML text of a case file (:func:`case_yaml`), which the engine then
reads as it reads any file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import cite
from ..corpus import Corpus, default_corpus
from ..decide import Rulebook, load_rulebook
from ..decide.case import case_schema, plain_data
from ..decide.engine import resolve_name
from ..errors import InputError
from ..model import Node
from ..yamlfile import dump_yaml, load_yaml

#: The Chinese label of each property of the case schema (a property without one is labelled by
#: its description in the schema).
LABELS = {
    "regulation": "适用的法规", "kind": "文书种类（不选则按问责方式确定）", "issuer": "作出机关（联合发文每行一个）",
    "number": "发文字号", "date": "成文日期", "addressee": "主送机关",
    "subject": "问责对象", "subject.type": "对象类型", "subject.name": "姓名或单位名称", "subject.sex": "性别",
    "subject.born": "出生年月", "subject.ethnicity": "民族", "subject.party_member": "是否中共党员",
    "subject.supervised": "是否监察对象", "subject.position": "时任职务", "subject.current_position": "现任职务",
    "responsibility": "责任类型", "facts": "问题事实", "findings": "问责情形", "reason": "适用兜底情形的理由",
    "measures": "问责方式", "sanctions": "党纪政务处分", "sanctions.type": "处分类别", "sanctions.sanction": "处分种类",
    "sanctions.basis": "处分依据（条文）", "appeal": "申诉告知（不填则按细则）", "cc": "抄送机关（每行一个）",
    "deliberation": "研究决定的会议",
    "profile": "发文机关配置文件（版头、印发机关、印章；草稿文件夹中的文件名）", "copy_number": "份号（6位数字，如 000123）",
    "secrecy": "密级和保密期限（如 秘密★1年）", "urgency": "紧急程度（如 特急、加急）", "signers": "签发人（上行文；每行一个）",
    "attachments": "附件名称（每行一个，不加序号和标点）", "annotation": "附注（不加括号）", "printer": "印发机关",
    "printed": "印发日期",
    "conduct": "行为发生期间（适用行为时有效的规定）", "conduct.from": "行为开始日期", "conduct.to": "行为结束日期",
    "lighter": "新旧规定何者较轻（行为后所引法律修改的）",
    "violations": "违法行为（条款、情节；有多个违法行为时写明各自的处分）",
    "subject.employment": "任职类别（政务处分法第十九条至第二十三条，如 公务员）",
    "findings.provision": "违法行为（条款）", "findings.severity": "情节（一般、较重、严重、特别严重）",
    "findings.sanction": "对该行为给予的处分（有多个违法行为时）",
    "circumstances": "从轻、减轻、从重等情节", "circumstances.provision": "情节（条款）",
    "circumstances.effect": "作用（不填则按条款：从轻、减轻、从重、免予、不予）",
    "sanctions.severity": "情节（一般、较重、严重）", "sanctions.circumstances": "情节（条款，每行一个）",
    "period_months": "处分期（月；多个相同处分时填写，政务处分法第十五条）",
}
#: How the schema's enumerated values read in Chinese.
VALUE_LABELS = {
    "decision": "决定", "proposal": "建议", "referral": "移送", "notice": "通报",
    "person": "个人", "organization": "单位", "party": "党纪处分", "government": "政务处分",
    "old": "旧规定较轻（适用行为时的规定）", "new": "新规定较轻（适用现行规定）",
}
#: Text fields written over several lines (the rest are one line).
MULTILINE = {"facts", "reason", "appeal"}
#: Fields whose choices come from the rulebook: circumstances, and the measures for the subject.
CHOICE_FIELDS = {"findings", "measures"}
#: Fields of provisions that may carry facts of their own ({provision, severity}, {provision, effect}):
#: rows, a row with only its provision being the plain citation.  ``findings`` is one for a rulebook of
#: sanctions (政务处分法: the violation, its severity, the sanction given for it); ``circumstances`` always.
ROW_FIELDS = {"findings", "circumstances"}
YES_NO = [("", "—"), ("true", "是"), ("false", "否")]


@dataclass(frozen=True, slots=True)
class Choice:
    """A provision offered as a finding or a measure."""

    value: str       # what the case file says: the heading where it names one provision, else the citation
    heading: str
    citation: str
    text: str        # the provision's text, as the regulation says it
    known: bool = True          # False: a value of the case no provision of the rulebook answers to
    other_subject: str | None = None   # a measure for another type of subject, kept because the case chose it
    sanction: bool = False


@dataclass(slots=True)
class Field:
    """One control of the form: ``path`` is the case's YAML path and the control's name."""

    path: str
    label: str
    widget: str          # text, textarea, date, month, select, lines, choices, sanctions, group
    required: bool = False
    value: Any = None
    options: list[tuple[str, str]] = field(default_factory=list)   # (value, label) of a select
    choices: list[Choice] = field(default_factory=list)
    children: list[Field] = field(default_factory=list)            # a group's fields; a sanctions row's
    rows: list[list[Field]] = field(default_factory=list)          # sanctions: one list of fields per row
    hint: str = ""
    hidden: bool = False

    @property
    def id(self) -> str:
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.path)


@lru_cache(maxsize=1)
def regulations() -> list[tuple[str, str]]:
    """(corpus id, title) of each regulation with a rulebook: only those can be decided."""
    corpus = default_corpus()
    have = {p.name[: -len(".rulebook.yaml")] for p in corpus.root.glob("*.rulebook.yaml")}
    return [(entry.id, entry.title) for entry in corpus if entry.id in have]


def rulebook_of(case: Mapping[str, Any], corpus: Corpus | None = None) -> Rulebook | None:
    regulation = case.get("regulation")
    if not isinstance(regulation, str) or regulation not in {rid for rid, _ in regulations()}:
        return None
    return load_rulebook(str(regulation), corpus)


def items(value: Any) -> list[Any]:
    """The values of a field of several values as a hand-written file may give it: a list, or one
    scalar (one value, never split into its characters); anything else gives none."""
    if isinstance(value, list):
        return value
    return [] if value is None or isinstance(value, Mapping) else [value]


def label(path: str, schema: Mapping[str, Any]) -> str:
    return LABELS.get(re.sub(r"\[\d+\]", "", path)) or str(schema.get("description") or path)


# -- the form's fields, from the schema --------------------------------------------------------

def fields(case: Mapping[str, Any]) -> list[Field]:
    """The form for ``case`` (a case's data, possibly incomplete): one field per schema property."""
    schema = case_schema()
    book = rulebook_of(case)
    return [_field(name, prop, name in schema.get("required", []), case, book)
            for name, prop in schema["properties"].items()]


def _field(path: str, prop: Mapping[str, Any], required: bool, case: Mapping[str, Any],
           book: Rulebook | None) -> Field:
    value = _get(case, path)
    name = path.rsplit(".", 1)[-1]
    made = Field(path, label(path, prop), "text", required, value)
    if path == "regulation":
        made.widget, made.options = "select", [("", "—"), *regulations()]
    elif prop.get("type") == "object":
        made.widget = "group"
        made.children = [_field(f"{path}.{k}", p, k in prop.get("required", []), case, book)
                         for k, p in prop["properties"].items()]
    elif "enum" in prop:
        made.widget = "select"
        made.options = [("", "—")] * (not required or value is None) + [
            (str(v), VALUE_LABELS.get(str(v), str(v))) for v in prop["enum"]]
    elif prop.get("type") == "boolean":
        made.widget, made.options = "select", YES_NO
        made.value = "" if value is None else ("true" if value else "false")
    elif _as_rows(path, book):
        made.widget = "sanctions"
        made.label = LABELS["violations"] if path == "findings" else made.label
        made.rows = _sanction_rows(path, _row_item(prop), case, book)
    elif name in CHOICE_FIELDS:
        made.widget, made.choices = "choices", _choices(name, case, book)
        made.hint = "先选适用的法规" if book is None else ("先选对象类型" if name == "measures" and not _subject(case) else "")
    elif prop.get("type") == "array" and prop.get("items", {}).get("type") == "object":
        made.widget = "sanctions"
        made.rows = _sanction_rows(path, prop["items"], case, book)
        made.hidden = not (case.get(path) or any(c.sanction for c in _chosen_measures(case, book)))
        made.hint = f"例如：{book.sanction_example}" if book and book.sanction_example else ""
    elif prop.get("type") == "array" or "oneOf" in prop:
        made.widget = "lines"
        made.value = "\n".join(str(v) for v in value) if isinstance(value, list) else (value or "")
    elif name in MULTILINE:
        made.widget = "textarea"
    elif "YYYY-MM-DD" in str(prop.get("description", "")):
        made.widget = "date"
    elif "YYYY-MM" in str(prop.get("description", "")):
        made.widget = "month"
    if made.widget == "select":
        made.value = "" if made.value is None else str(made.value)
        if made.value not in [v for v, _ in made.options]:   # a file's value the list lacks: shown, kept
            made.options.append((made.value, f"{made.value}（不是可选的值）"))
    return made


def _get(case: Mapping[str, Any], path: str) -> Any:
    value: Any = case
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _sanction_rows(path: str, item: Mapping[str, Any], case: Mapping[str, Any],
                   book: Rulebook | None) -> list[list[Field]]:
    """One row per sanction of the case, and an empty one to add another."""
    # a provision named by itself is a row holding only the provision (ROW_FIELDS)
    given = [s if isinstance(s, Mapping) else {"provision": s} for s in items(case.get(path))
             if isinstance(s, (Mapping, str))]
    rows = []
    for i, sanction in enumerate([*given, {}]):
        row = []
        for key, prop in item["properties"].items():
            # the row's own facts, under the name its fields are read by (sanctions[0].type)
            sub = _field(f"{path}[{i}].{key}", prop, False, {f"{path}[{i}]": sanction}, book)
            if key == "sanction" and book:   # the closed lists of the rulebook, as suggestions
                sub.options = [(s, f"{book.sanctions[t]['name']}：{s}") for t in book.sanctions
                               for s in book.sanctions[t].get("allowed", [])] + [(k.name, k.name) for k in book.kinds]
            elif book is not None and sub.widget == "text":
                sub.options = _suggestions(path, key, book)
            row.append(sub)
        rows.append(row)
    return rows


def _as_rows(path: str, book: Rulebook | None) -> bool:
    """Whether the field is shown as rows: circumstances always, findings for a rulebook of sanctions."""
    return path == "circumstances" or (path == "findings" and book is not None and bool(book.violations))


def _row_item(prop: Mapping[str, Any]) -> dict[str, Any]:
    """The object form of a row field's items (``oneOf``: a citation, or {provision, …}), without the
    facts a row has no control for (a finding's ``already``, an object: it stays uncarried)."""
    branch = next(b for b in prop["items"]["oneOf"] if b.get("type") == "object")
    return {**branch, "properties": {k: p for k, p in branch["properties"].items() if p.get("type") != "object"}}


def _suggestions(path: str, key: str, book: Rulebook) -> list[tuple[str, str]]:
    """What a row's text control suggests: the violations or circumstances, severities, effects."""
    def cited(node: Node) -> str:
        return cite.format_nodes([node], "zh", book.doc)

    if key == "provision" and path == "findings":
        return [(cited(v.node), cited(v.node)) for v in book.violations]
    if key == "provision":
        return [(cited(n), f"{cited(n)}（{'、'.join(g.effects)}）") for g in book.circumstance_groups for n in g.nodes]
    if key == "severity":
        return [(s, s) for s in book.severities]
    if key == "effect":
        return [(e, e) for e in book.effects]
    return []


# -- findings and measures ------------------------------------------------------------------------

def _offered(name: str, book: Rulebook, subject: str | None) -> list[tuple[Node, str | None, bool]]:
    """(provision, its subject type if another than the case's, sanction?) of the choices offered."""
    if name == "findings":
        return [(n, None, False) for n in book.circumstances]
    return [(m.node, None, m.sanction) for m in book.measures if m.subject == subject]   # none before a type


def _value(book: Rulebook, node: Node, subject: str | None = None) -> str:
    """The heading, where it names one provision for the subject's type (通报 is 第五条第（二）项 for
    an organisation, 第六条第一款第（二）项 for a person: decide reads it so), or else the citation.
    A measure for another type than the case's ``subject`` is always its citation: its heading
    would name the subject's own measure of that name."""
    measure = book.measure_of(node)
    if measure is not None and subject is not None and measure.subject != subject:
        return cite.format_nodes([node], "zh", book.doc)
    same = book.measures_for(measure.subject) if measure else book.measures
    headings = [n.heading for n in [*book.circumstances, *(m.node for m in same)]]
    if node.heading and headings.count(node.heading) == 1:
        return node.heading
    return cite.format_nodes([node], "zh", book.doc)


def _choice(book: Rulebook, node: Node, other: str | None = None, sanction: bool = False) -> Choice:
    """``other``: the subject type of a measure the case chose for another type (named by citation)."""
    text = node.full_text()
    value = cite.format_nodes([node], "zh", book.doc) if other else _value(book, node)
    return Choice(value, node.heading or _ITEM_LABEL.sub("", text.split("。")[0]),
                  cite.format_nodes([node], "zh", book.doc), text, other_subject=other, sanction=sanction)


_ITEM_LABEL = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]\s*")


def _choices(name: str, case: Mapping[str, Any], book: Rulebook | None) -> list[Choice]:
    """The provisions offered, then what the case names besides them (a measure for another type of
    subject, a name no provision answers to): a value of the case is never dropped from the form."""
    given = [str(v) for v in items(case.get(name)) if isinstance(v, (str, int))]
    if book is None:
        return [Choice(v, v, "", "", known=False) for v in given]
    if name == "measures" and book.violations:   # a law of sanctions: its kinds (政务处分法 第七条)
        kinds = [Choice(k.name, k.name, cite.format_nodes([k.node], "zh", book.doc), k.node.full_text())
                 for k in book.kinds]
        return kinds + [Choice(v, v, "", "", known=False) for v in dict.fromkeys(given) if book.kind(v) is None]
    subject = _subject(case)
    offered = [_choice(book, node, None, sanction) for node, _, sanction in _offered(name, book, subject)]
    extra: dict[str, Choice] = {}   # by value: a provision named twice is offered once
    for value in given:
        node = _resolve(book, name, value, subject)
        if node is not None and any(c.citation == cite.format_nodes([node], "zh", book.doc) for c in offered):
            continue
        measure = book.measure_of(node) if node is not None else None
        if node is not None and measure is not None:
            choice = _choice(book, node, measure.subject, measure.sanction)
        elif node is not None and name == "findings":
            choice = _choice(book, node)
        else:
            choice = Choice(value, value, "", "", known=False)
        extra.setdefault(choice.value, choice)
    return offered + list(extra.values())


def _subject(case: Mapping[str, Any]) -> str | None:
    subject = case.get("subject")
    kind = subject.get("type") if isinstance(subject, Mapping) else None
    return kind if kind in ("person", "organization") else None


def _resolve(book: Rulebook, name: str, value: str, subject: str | None) -> Node | None:
    candidates = [n for n, _, _ in _offered(name, book, subject)]
    return resolve_name(book, value, candidates)


def chosen_values(name: str, case: Mapping[str, Any], book: Rulebook | None) -> set[str]:
    """The choice values the case's ``findings`` or ``measures`` select (by heading, citation or eId)."""
    if book is None:
        return {str(v) for v in items(case.get(name))}
    return {_normal(book, name, str(value), case) for value in items(case.get(name))}


def _normal(book: Rulebook | None, name: str, value: str, case: Mapping[str, Any]) -> str:
    """The choice value that stands for ``value`` of the case (诫勉 for 第六条第一款第（三）项)."""
    if book is not None and name == "measures" and book.violations:
        return value   # a kind by its name
    node = _resolve(book, name, value, _subject(case)) if book else None
    return _value(book, node, _subject(case)) if book and node is not None else value


def _chosen_measures(case: Mapping[str, Any], book: Rulebook | None) -> list[Choice]:
    if book is None:
        return []
    chosen = chosen_values("measures", case, book)
    return [c for c in _choices("measures", case, book) if c.value in chosen]


def signature(f: Field) -> str:
    """What a dynamic part of the form offers, compared by an update with what the page shows:
    the part is sent again only when it changed, so a control in it keeps the keyboard's focus."""
    if f.widget == "sanctions":
        return "hidden" if f.hidden else "shown"
    return "|".join(f"{c.value}:{c.other_subject or ''}" for c in f.choices)


# -- form data → case ----------------------------------------------------------------------------

def case_from_form(form: Mapping[str, str], lists: Mapping[str, list[str]]) -> dict[str, Any]:
    """The case a submitted form holds: ``form`` the single values, ``lists`` the checked choices.
    An empty control is a fact not given (left out), never an empty string."""
    schema = case_schema()
    case: dict[str, Any] = {}
    for name, prop in schema["properties"].items():
        value = _read(name, prop, name in schema.get("required", []), form, lists)
        if value is not None:
            case[name] = value
    return case


def _read(path: str, prop: Mapping[str, Any], required: bool, form: Mapping[str, str],
          lists: Mapping[str, list[str]]) -> Any:
    name = path.rsplit(".", 1)[-1]
    if prop.get("type") == "object":
        group = {k: v for k, p in prop["properties"].items()
                 if (v := _read(f"{path}.{k}", p, False, form, lists)) is not None}
        return group or None
    if path in ROW_FIELDS and any(key.startswith(f"{path}[") for key in form):
        rows = _read_rows(path, _row_item(prop), form)
        return [r["provision"] if set(r) == {"provision"} else r for r in rows] or ([] if required else None)
    if name in CHOICE_FIELDS:
        chosen = [v for v in lists.get(path, []) if v]
        return chosen if chosen or required else None
    if prop.get("type") == "array" and prop.get("items", {}).get("type") == "object":
        return _read_rows(path, prop["items"], form) or None
    text = form.get(path, "").replace("\r\n", "\n")   # a browser sends a textarea's lines with CRLF
    if not text.strip():
        return None
    if prop.get("type") == "boolean":
        return {"true": True, "false": False}.get(text, text)
    if prop.get("type") == "integer":   # a number of months: the schema refuses what is no number
        return int(text) if text.strip().isdecimal() else text   # isdigit() admits ², which int() refuses
    if prop.get("type") == "array" or "oneOf" in prop:
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        return lines[0] if "oneOf" in prop and len(lines) == 1 else lines
    return text


def _read_rows(path: str, item: Mapping[str, Any], form: Mapping[str, str]) -> list[dict[str, Any]]:
    rows = []
    indices = sorted({int(m.group(1)) for key in form if (m := re.match(re.escape(path) + r"\[(\d+)\]\.", key))})
    for i in indices:
        row = {k: form[f"{path}[{i}].{k}"] for k in item["properties"] if form.get(f"{path}[{i}].{k}", "").strip()}
        if row:
            rows.append(row)
    return rows


def uncarried(data: Mapping[Any, Any], schema: Mapping[str, Any] | None = None, path: str = "") -> list[str]:
    """The YAML paths of the keys of ``data`` the form has no control for (a typo, a key of a later
    schema), or whose value is of a type the control cannot hold (a list where one text belongs, a
    text where a list of choices belongs): a case saved from the form would not hold them as they are."""
    props = (schema or case_schema())["properties"]
    book = rulebook_of(data) if not path else None
    out = []
    for key, value in data.items():
        where = f"{path}.{key}" if path else str(key)
        prop = props.get(key)
        if not path and _as_rows(str(key), book) and prop is not None:
            if not _carries_rows(prop, value):
                out.append(where)
        elif prop is None or not _carries(str(key), prop, value):
            out.append(where)
        elif prop.get("type") == "object":
            out += uncarried(value, prop, where)
        elif prop.get("items", {}).get("type") == "object":
            out += [k for i, item in enumerate(value) for k in uncarried(item, prop["items"], f"{where}[{i}]")]
    return out


def _carries_rows(prop: Mapping[str, Any], value: Any) -> bool:
    """Rows carry a list of citations and of objects of the row's text facts (not a finding's ``already``)."""
    keys = set(_row_item(prop)["properties"])
    return value is None or (isinstance(value, list) and all(
        isinstance(v, str) or (isinstance(v, Mapping) and "provision" in v and set(v) <= keys
                               and all(isinstance(x, str) for x in v.values())) for v in value))


def _carries(name: str, prop: Mapping[str, Any], value: Any) -> bool:
    """Whether the control of ``prop`` shows ``value`` so that saving gives it back unchanged in kind."""
    if value is None:
        return True
    if prop.get("type") == "object":
        return isinstance(value, Mapping)
    if prop.get("items", {}).get("type") == "object":
        return isinstance(value, list) and all(isinstance(v, Mapping) for v in value)
    if name in CHOICE_FIELDS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if prop.get("type") == "array" or "oneOf" in prop:
        return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    if prop.get("type") == "boolean":
        return isinstance(value, bool)
    return not isinstance(value, (list, Mapping))


# -- case → YAML text ----------------------------------------------------------------------------

#: Names of the characters unicodedata has none for (the C1 controls): what a message calls them.
CONTROL_NAMES = {"\x85": "NEXT LINE"}


def case_yaml(case: Mapping[str, Any]) -> str:
    """The case file of ``case``: what is saved, downloaded and rendered.  Read back, it is the
    same data (checked: a value YAML would read as something else is refused, never changed)."""
    text = dump_yaml(dict(case))
    if plain_data(load_yaml("case.yaml", text).data) != case:
        lost = unkeepable(case)
        if lost:
            raise InputError(f"{lost[0][0]}: {lost[0][1]}")
        raise ValueError("the case does not survive YAML")   # a bug of ours: the writer quotes what it must
    return text


def unkeepable(case: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(YAML path, message) of each text of ``case`` holding a character a case file cannot keep
    (U+0085 NEXT LINE: YAML reads it as a line break): refused, never saved as another text."""
    out = []
    for path, text in _texts(case, ""):
        if _survives(text):
            continue
        bad = next((c for c in dict.fromkeys(text) if not _survives(f"a{c}b")), None)
        what = (f"the character U+{ord(bad):04X} ({unicodedata.name(bad, None) or CONTROL_NAMES.get(bad, 'a control character')})"
                if bad else "this text")
        out.append((path, f"{what} cannot be kept in a case file: delete it"))
    return out


def _texts(value: Any, path: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, sub in value.items():
            yield from _texts(sub, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _texts(sub, f"{path}[{i}]")


def _survives(text: str) -> bool:
    return bool(load_yaml("case.yaml", dump_yaml({"x": text})).data == {"x": text})


def problems_by_field(paths: Iterable[tuple[str, str]], case: Mapping[str, Any],
                      book: Rulebook | None) -> dict[str, list[str]]:
    """Messages by the form's slot for them: ``measures=诫勉`` beside a choice, ``subject.born``
    beside a control, ``""`` for the case as a whole.  ``paths`` are (YAML path, message)."""
    out: dict[str, list[str]] = {}
    for path, message in paths:
        m = re.match(r"^(findings|measures)\[(\d+)\]", path)
        row = re.match(r"^(findings|circumstances)\[\d+\]", path)
        if row and _as_rows(row.group(1), book):
            key = row.group(0)
        elif m:
            values = items(case.get(m.group(1)))
            index = int(m.group(2))
            key = f"{m.group(1)}={_normal(book, m.group(1), str(values[index]), case)}" if index < len(values) \
                else m.group(1)
        elif path.startswith("sanctions["):
            key = re.sub(r"^(sanctions\[\d+\]).*", r"\1", path)
        else:   # a line of a field of lines (attachments[1], cc[0]): beside the field
            key = re.sub(r"\[\d+\].*", "", path)
        out.setdefault(key, []).append(message)
    return out
