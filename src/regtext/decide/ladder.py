"""The rules of a rulebook of sanctions (《中华人民共和国公职人员政务处分法》 and kin): a finding names
a violation, found at a severity; the violation's ladder gives the kinds allowed at it; the
circumstances applied move that range; several violations are executed as the heaviest.

The same rules check a 政务处分 given through another regulation (the primary's 第六条第一款第（五）
项): its ``sanctions[i]`` entry names the violation as its basis, and is checked against the law's
own rulebook (``sanctions.government.rulebook``).  Each function is one entry of ``rules.RULES``.
"""

from __future__ import annotations

from .. import cite
from ..model import Node
from .engine import Applied, Decision, Rule, resolve_name
from .rulebook import Rulebook, Violation

# -- naming a violation ----------------------------------------------------------------------------


def text_of(node: Node) -> str:
    """A provision's words: an article of one paragraph holds them in that paragraph."""
    if node.text or len(node.children) != 1:
        return node.text
    return node.children[0].text


def _cited(book: Rulebook, nodes: list[Node] | Node) -> str:
    return cite.format_nodes(nodes if isinstance(nodes, list) else [nodes], "zh", book.doc)


def _entries_within(book: Rulebook, node: Node) -> list[Violation]:
    """The violation entries at or below ``node`` (an article may hold one per paragraph)."""
    return [v for v in book.violations if v.node is node or _is_within(v.node, node)]


def _is_within(node: Node, ancestor: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False


def _entry_above(book: Rulebook, node: Node) -> Violation | None:
    """The violation entry the provision falls under: its own, or the nearest one above it."""
    probe: Node | None = node
    while probe is not None:
        found = book.violation_of(probe)
        if found is not None:
            return found
        probe = probe.parent
    return None


def _has_items(node: Node) -> bool:
    return any(child.type == "item" or _has_items(child) for child in node.children)


def name_violation(d: Decision, rule: Rule, book: Rulebook, name: str, path: str) -> tuple[Node, Violation] | None:
    """The provision ``name`` and the violation it falls under, or a report and None."""
    node = resolve_name(book, name, [v.node for v in book.violations])
    if node is None:
        d.report(rule, path, f"{name!r} names no provision of 《{book.doc.title}》 (use a citation such as "
                 f"{_example(book)}, or an eId)")
        return None
    entry = _entry_above(book, node)
    if entry is None:
        within = _entries_within(book, node)
        if len(within) == 1:
            return within[0].node, within[0]
        named = name if name == _cited(book, node) else f"{name} ({_cited(book, node)})"
        if within:
            d.report(rule, path, f"{named} holds several violations: "
                     f"{'、'.join(_cited(book, v.node) for v in within)} — name one of them")
        else:
            d.report(rule, path, f"{named} is not a violation of 《{book.doc.title}》 "
                     f"(violations: {_cited(book, [v.node for v in book.violations])})")
        return None
    if entry.extends:
        steps = "、".join(entry.ladder)
        d.report(rule, path, f"{_cited(book, entry.node)} adds a step to {_cited(book, list(entry.extends))}: name the "
                 f"act, one of these, with severity: {steps} ({_cited(book, entry.node)} is cited with it)")
        return None
    if node is entry.node and _has_items(node):
        d.report(rule, path, f"{_cited(book, node)} lists several acts in its items: name the item the conduct "
                 f"is (e.g. {_cited(book, _first_item(node))})", severity="warning")
    return node, entry


def _first_item(node: Node) -> Node:
    for child in node.children:
        if child.type == "item":
            return child
        if _has_items(child):
            return _first_item(child)
    return node


def _example(book: Rulebook) -> str:
    entry = next((v for v in book.violations if _has_items(v.node)), book.violations[0])
    return _cited(book, _first_item(entry.node))


def _step_for(book: Rulebook, node: Node, entry: Violation, severity: str) -> Violation | None:
    """The entry that adds a step at ``severity`` to the provision (第三十八条第二款 for 第一款第一项)."""
    if severity in entry.ladder:
        return None
    for other in book.violations:
        if severity in other.ladder and any(node is e or _is_within(node, e) for e in other.extends):
            return other
    return None


# -- D131 violation: what the findings name --------------------------------------------------------


def violation(d: Decision, rule: Rule) -> None:
    """Every finding names a violation of the rulebook of sanctions; a 政务处分 given through the
    primary regulation names one as its basis.  Builds ``d.applied``."""
    book = d.rulebook
    if book.violations:
        _own_findings(d, rule, book)
        if not d.case.data["findings"]:
            d.report(rule, "findings", f"no violation is found: name in findings the provision the conduct "
                     f"violates ({_cited(book, [v.node for v in book.violations])})")
    for i, given in enumerate(d.case.data.get("sanctions") or []):
        linked = book.linked.get(given["type"])
        if linked is not None:
            _chained(d, rule, linked, i, given)
        else:
            _unchecked(d, rule, book, i, given)


def _unchecked(d: Decision, rule: Rule, book: Rulebook, i: int, given: dict[str, object]) -> None:
    """A severity or circumstances on a sanction no rulebook of regtext governs (a 党纪处分) would be
    read by nobody: the drafter would believe them checked."""
    kind = book.sanctions.get(str(given["type"]), {}).get("name") or given["type"]
    linked = "、".join(str(book.sanctions.get(t, {}).get("name") or t) for t in book.linked) or "none"
    for key in ("severity", "circumstances"):
        if key in given:
            d.report(rule, f"sanctions[{i}].{key}", f"{key} is checked only for a sanction whose law has a rulebook "
                     f"({linked}), not for a {kind}: drop it — its ladder is the drafter's to apply")


def _own_findings(d: Decision, rule: Rule, book: Rulebook) -> None:
    seen: dict[int, str] = {}
    measures = d.case.data.get("measures") or []
    single = measures[0] if len(measures) == 1 else None
    for i, finding in enumerate(d.case.data["findings"]):
        entry = finding if isinstance(finding, dict) else {"provision": finding}
        path = f"findings[{i}]"
        named = name_violation(d, rule, book, str(entry["provision"]), path)
        if named is None:
            continue
        node, found = named
        if id(node) in seen:
            d.report(rule, path, f"{seen[id(node)]} and {path} both name {_cited(book, node)}: name each violation "
                     "once (several acts of one violation are one finding)")
            continue
        nested = _nested(node, d.findings)
        if nested is not None:
            outer, inner = (nested, node) if _is_within(node, nested) else (node, nested)
            d.report(rule, path, f"{seen[id(nested)]} and {path} name the same conduct: {_cited(book, inner)} is part "
                     f"of {_cited(book, outer)} — name it once, by {_cited(book, inner)}")
            continue
        seen[id(node)] = path
        d.findings.append(node)
        own = entry.get("sanction")
        d.applied.append(_applied(book, node, found, path, entry, f"{path}.severity",
                                  own if own else single, f"{path}.sanction" if own else "measures[0]"))


def _nested(node: Node, found: list[Node]) -> Node | None:
    """A provision already found that holds ``node`` or is held by it (第三十九条 and its 第（二）项):
    the same conduct named twice would count as two violations (第十五条)."""
    return next((n for n in found if _is_within(node, n) or _is_within(n, node)), None)


def _applied(book: Rulebook, node: Node, found: Violation, path: str, entry: dict[str, object], severity_path: str,
             sanction: object, sanction_path: str) -> Applied:
    severity = str(entry.get("severity") or book.severities[0])
    return Applied(book, node, found, path, severity, "severity" in entry, severity_path,
                   str(sanction) if sanction else None, sanction_path, _step_for(book, node, found, severity))


def _chained(d: Decision, rule: Rule, linked: Rulebook, i: int, given: dict[str, object]) -> None:
    """A 政务处分 given through the primary: its basis is a violation of the law's rulebook."""
    basis = str(given["basis"])
    if any(p.path == f"sanctions[{i}].basis" or p.path == f"sanctions[{i}].sanction" for p in d.problems):
        return   # R4 has said what is wrong with it
    if d.corpus is not None and linked.doc.id not in d.corpus:
        return   # the law is not in the corpus: its title is all R4 could check
    try:
        citation = cite.parse(basis)
    except cite.CitationSyntaxError:
        return
    if not citation.document or (linked.doc.title or "") not in citation.document:
        return
    bare = basis[basis.index("》") + 1:] if "》" in basis else basis
    named = name_violation(d, rule, linked, bare, f"sanctions[{i}].basis")
    if named is None:
        return
    node, found = named
    applied = _applied(linked, node, found, f"sanctions[{i}].basis", given, f"sanctions[{i}].severity",
                       given["sanction"], f"sanctions[{i}].sanction")
    applied.external = basis
    d.applied.append(applied)


# -- D133 / D134 severity --------------------------------------------------------------------------


def severity_missing(d: Decision, rule: Rule) -> None:
    """A violation whose ladder has no step for the first severity (一般) applies only at those it
    names: the case must say which."""
    for a in d.applied:
        if not a.stated and a.severity not in a.ladder and not a.violation.open:
            steps = list(a.violation.ladder)
            d.report(rule, a.path, f"{_cited(a.book, a.violation.node)} applies only at "
                     f"{' or '.join(steps)}: state the severity (severity: {steps[0]})",
                     provision=_cited(a.book, a.violation.node))


def severity_unknown(d: Decision, rule: Rule) -> None:
    """A severity the rulebook does not name, or one the violation's ladder has no step for."""
    for a in d.applied:
        if not a.stated:
            continue
        if a.severity not in a.book.severities:   # an open violation too: the document prints it (情节…)
            d.report(rule, a.severity_path, f"{a.severity!r} is not a severity (one of: {'、'.join(a.book.severities)})"
                     f"{_written_out(a.book, a.severity)}")
        elif a.severity not in a.ladder and not a.violation.open:
            d.report(rule, a.severity_path, f"{_cited(a.book, a.violation.node)} has no step at {a.severity} (it has "
                     f"{'、'.join(a.violation.ladder)})", provision=_cited(a.book, a.violation.node))


def _written_out(book: Rulebook, severity: str) -> str:
    """A hint for a severity written as the article words it (情节较重, 较重的): the case names the
    degree alone, the document says 情节…."""
    bare = severity.removeprefix("情节").removesuffix("的")
    if bare == severity or bare not in book.severities:
        return ""
    if bare == book.severities[0]:
        return f": write {bare}, or no severity (the article's first clause)"
    return f": write {bare}, the document says 情节{bare}"


# -- circumstances ---------------------------------------------------------------------------------


def circumstances(d: Decision, rule: Rule) -> None:
    """Each circumstance is one of the rulebook's, with an effect of its group; applied to every
    violation found (a 政务处分 given through the primary takes its own ``circumstances``)."""
    book = d.rulebook
    if book.violations:
        found = _circumstances(d, rule, book, d.case.data.get("circumstances") or [], "circumstances")
        for a in d.applied:
            if a.book is book:
                a.circumstances = [(n, e) for n, e, _ in found]
                a.circumstance_paths = [p for _, _, p in found]
    for a in d.applied:
        if a.book is not book:
            i = a.path[len("sanctions["):a.path.index("]")]
            given = (d.case.data.get("sanctions") or [])[int(i)]
            found = _circumstances(d, rule, a.book, given.get("circumstances") or [], f"sanctions[{i}].circumstances")
            a.circumstances = [(n, e) for n, e, _ in found]
            a.circumstance_paths = [p for _, _, p in found]
    said: set[tuple[str, str]] = set()   # a case's circumstances apply to each violation: say it once
    for a in d.applied:
        _effects(d, rule, a)
        _group_conditions(d, rule, a, said)


def _group_conditions(d: Decision, rule: Rule, a: Applied, said: set[tuple[str, str]]) -> None:
    """A circumstance the law allows only at some severities or beside another (第十二条第一款: 情节轻微，
    且具有本法第十一条规定的情形之一)."""
    for (node, _), path in zip(a.circumstances, a.circumstance_paths, strict=True):
        group = a.book.group_of(node)
        if group is None:
            continue
        cited = _cited(a.book, node)
        if group.severities and a.severity not in group.severities:
            _say_once(d, rule, path, f"{cited} applies only to a violation found at {'、'.join(group.severities)}, "
                      f"not {a.severity} ({a.path})", cited, said)
        if group.requires and not any(n is r or _is_within(n, r) for n, _ in a.circumstances for r in group.requires):
            _say_once(d, rule, path, f"{cited} applies only with a circumstance of {_cited(a.book, list(group.requires))} "
                      f"also found: claim it in circumstances", cited, said)


def _say_once(d: Decision, rule: Rule, path: str, message: str, provision: str, said: set[tuple[str, str]]) -> None:
    if (path, message) not in said:
        said.add((path, message))
        d.report(rule, path, message, provision=provision)


def _circumstances(d: Decision, rule: Rule, book: Rulebook, entries: list[object],
                   base: str) -> list[tuple[Node, str, str]]:
    nodes = [n for g in book.circumstance_groups for n in g.nodes]
    out: list[tuple[Node, str, str]] = []
    for j, entry in enumerate(entries):
        path = f"{base}[{j}]"
        name = str(entry["provision"]) if isinstance(entry, dict) else str(entry)
        node = resolve_name(book, name, nodes)
        effects = book.effect_of(node) if node is not None else ()
        if node is None or not effects:
            where = f" ({_cited(book, node)})" if node is not None else ""
            d.report(rule, path, f"{name!r}{where} is not a circumstance of 《{book.doc.title}》 (circumstances: "
                     f"{_cited(book, nodes)})")
            continue
        effect = str(entry["effect"]) if isinstance(entry, dict) else effects[0]
        if effect not in effects:
            d.report(rule, f"{path}.effect", f"{_cited(book, node)} may have the effect {'、'.join(effects)}, not "
                     f"{effect!r}", provision=_cited(book, node))
            continue
        if any(n is node for n, _, _ in out):
            d.report(rule, path, f"{_cited(book, node)} is named twice: name each circumstance once")
            continue
        out.append((node, effect, path))
    return out


def _effects(d: Decision, rule: Rule, a: Applied) -> None:
    """减轻 needs a kind below the range; 免予/不予 give no sanction."""
    ranges = {effect: a.book.effects.get(effect, {}).get("range") for _, effect in a.circumstances}
    if "none" in ranges.values() and a.sanction:
        effect = next(e for e, r in ranges.items() if r == "none")
        node = next(n for n, e in a.circumstances if e == effect)
        d.report(rule, a.sanction_path, f"{effect} ({_cited(a.book, node)}) gives no sanction, but "
                 f"{a.sanction} is given: drop the sanction or the circumstance", provision=_cited(a.book, node))
    if "below" in ranges.values() and a.severity in a.ladder:
        lightest = min(a.book.rank(k) for k in a.ladder[a.severity])
        if lightest - _steps(a) < 0:
            node = next(n for n, e in a.circumstances if ranges.get(e) == "below")
            effect = next(e for n, e in a.circumstances if n is node)
            d.report(rule, a.circumstance_paths[[n for n, _ in a.circumstances].index(node)],
                     f"{effect} gives a kind below the lightest of the range, and there is none below "
                     f"{a.book.kinds[lightest].name}: what remains is {_none_effects(a.book)} ({_twelve(a.book)})",
                     provision=_twelve(a.book))


def _steps(a: Applied) -> int:
    return max((int(a.book.effects.get(e, {}).get("steps", 1)) for _, e in a.circumstances
                if a.book.effects.get(e, {}).get("range") == "below"), default=0)


def _none_effects(book: Rulebook) -> str:
    return "、".join(e for e, v in book.effects.items() if v.get("range") == "none") or "no sanction"


def _twelve(book: Rulebook) -> str:
    """The provision on 免予/不予 (第十二条): the group whose effects give no sanction."""
    group = next((g for g in book.circumstance_groups
                  if any(book.effects.get(e, {}).get("range") == "none" for e in g.effects)), None)
    if group is None:
        return "the rulebook's circumstances"
    article = group.nodes[0].article or group.nodes[0]
    return _cited(book, article)


def both_ways(d: Decision, rule: Rule) -> None:
    """从重 and 从轻 (or 减轻) claimed together: the organ weighs them, the decision must say how."""
    for a in d.applied:
        effects = list(dict.fromkeys(e for _, e in a.circumstances))
        heavier = [e for e in effects if a.book.effects.get(e, {}).get("toward") == "heavy"]
        lighter = [e for e in effects if a.book.effects.get(e, {}).get("toward") == "light"]
        if heavier and lighter and a.circumstance_paths:
            base = a.circumstance_paths[0].rsplit("[", 1)[0]
            d.report(rule, base, f"{'、'.join(heavier)} and {'、'.join(lighter)} are both claimed: the facts must say "
                     "how they are weighed against each other")
            break


# -- D132 ladder: the sanction for each violation --------------------------------------------------


def allowed(a: Applied) -> list[str]:
    """The kinds the violation allows at its severity, moved by the circumstances applied."""
    if a.violation.open:
        return [k.name for k in a.book.kinds]
    steps = a.ladder.get(a.severity, [])
    if not steps:
        return []
    below = _steps(a)
    if below:
        lightest = min(a.book.rank(k) for k in steps)
        return [a.book.kinds[lightest - below].name] if lightest - below >= 0 else []
    return list(steps)


def ladder(d: Decision, rule: Rule) -> None:
    """The sanction given for a violation is a kind its ladder allows at the stated severity."""
    if d.rulebook.violations and d.case.subject_type == "person":
        _measures(d, rule)
    for a in d.applied:
        if a.sanction is None or a.book.kind(a.sanction) is None or not a.ladder.get(a.severity) and not a.violation.open:
            continue
        if any(a.book.effects.get(e, {}).get("range") == "none" for _, e in a.circumstances):
            continue
        kinds = allowed(a)
        if a.sanction in kinds or not kinds:
            continue
        citation = _cited(a.book, (a.step or a.violation).node)
        moved = "、".join(dict.fromkeys(e for _, e in a.circumstances if a.book.effects.get(e, {}).get("range") == "below"))
        at = f"at {a.severity}" + (f" with {moved}" if moved else "")
        elsewhere = [s for s, ks in a.violation.ladder.items() if a.sanction in ks and s != a.severity]
        other = f"; {a.sanction} is allowed at {'、'.join(elsewhere)}" if elsewhere and not moved else ""
        d.report(rule, a.sanction_path, f"{citation} allows {'、'.join(kinds)} {at}, not {a.sanction}{other}",
                 provision=citation)


def _measures(d: Decision, rule: Rule) -> None:
    """``measures`` names kinds of the rulebook (第七条); a violation without 免予/不予 gets one."""
    book = d.rulebook
    exempt = any(book.effects.get(e, {}).get("range") == "none" for a in d.applied for _, e in a.circumstances)
    if not d.case.data.get("measures") and d.applied and not exempt:
        d.report(rule, "measures", f"no sanction is given: name the kind in measures (one of: "
                 f"{'、'.join(k.name for k in book.kinds)}), or claim {_none_effects(book)} ({_twelve(book)})")
    for i, name in enumerate(d.case.data.get("measures") or []):
        if book.kind(name) is None:
            d.report(rule, f"measures[{i}]", f"{name!r} is not a sanction kind (one of: "
                     f"{'、'.join(k.name for k in book.kinds)}) [{_cited(book, book.kinds[0].node.parent or book.kinds[0].node)}]")
    for a in d.applied:
        if a.sanction is not None and a.sanction_path != "measures[0]" and book.kind(a.sanction) is None:
            d.report(rule, a.sanction_path, f"{a.sanction!r} is not a sanction kind (one of: "
                     f"{'、'.join(k.name for k in book.kinds)})")


def condition(d: Decision, rule: Rule) -> None:
    """A kind a provision allows only on a further condition: the drafter must see the condition."""
    for a in d.applied:
        entry = a.step or a.violation
        if a.sanction and a.sanction in entry.conditions:
            citation = _cited(a.book, entry.node)
            d.report(rule, a.sanction_path, f"{citation} allows {a.sanction} only where "
                     f"{entry.conditions[a.sanction]}: the facts must show it", provision=citation)


# -- D138 several violations (第十五条) --------------------------------------------------------------


def several(d: Decision, rule: Rule) -> None:
    """Each violation its own sanction, the heaviest executed; identical ones up to a kind get a
    period between one period and their sum, at most the rulebook's maximum.  Sets ``d.sanction``."""
    book = d.rulebook
    own = [a for a in d.applied if a.book is book]
    if not book.violations:
        _one_per_law(d, rule, book)
        _chained_sanctions(d)
        return
    measures = d.case.data.get("measures") or []
    if len(own) > 1 and book.several is not None:
        clause = _cited(book, book.several.node)
        missing = [a for a in own if a.sanction_path == "measures[0]" or a.sanction is None]
        for a in missing:
            d.report(rule, a.path, f"several violations are found: state the sanction given for each "
                     f"({a.path}: {{provision: …, sanction: …}}); the heaviest is executed ({clause})", provision=clause)
        if missing:
            return
        heaviest = max((a.sanction for a in own if a.sanction), key=book.rank)
        if measures and measures != [heaviest]:
            d.report(rule, "measures", f"the heaviest of the sanctions given ({heaviest}) is executed ({clause}), not "
                     f"{'、'.join(measures)}: write measures: [{heaviest}]", provision=clause)
            return
        _period_of_several(d, rule, own, heaviest, clause)
        return
    if len(measures) > 1:
        d.report(rule, "measures", f"one sanction is given for one violation, not {'、'.join(measures)}")
        return
    if own and own[0].sanction_path != "measures[0]" and measures and measures != [own[0].sanction]:
        d.report(rule, "measures", f"{own[0].path} gives {own[0].sanction}, measures {measures[0]}: write the same "
                 "sanction in both (or only in measures)")
        return
    if own and own[0].sanction and book.kind(own[0].sanction):
        if d.case.data.get("period_months") is not None:
            d.report(rule, "period_months", f"period_months is stated only when several identical sanctions are "
                     f"given ({_cited(book, book.several.node) if book.several else 'several violations'}): "
                     f"the period of {own[0].sanction} is the law's", severity="warning")
        d.sanction = _sanction(book, own, own[0].sanction, None)


def _period_of_several(d: Decision, rule: Rule, own: list[Applied], heaviest: str, clause: str) -> None:
    book = d.rulebook
    assert book.several is not None
    kind = book.kind(heaviest)
    same = [a for a in own if a.sanction == heaviest]
    stated = d.case.data.get("period_months")
    months: int | None = kind.months if kind else None
    if len(same) > 1 and kind is not None and kind.months and book.rank(heaviest) <= book.rank(book.several.up_to):
        low, high = kind.months, min(kind.months * len(same), book.several.max_months)
        if stated is None or not low <= stated <= high:
            what = f"period_months {stated}" if stated is not None else "no period_months"
            d.report(rule, "period_months", f"{len(same)} sanctions of {heaviest} are given: state the period, from "
                     f"{low} to {high} months ({what}; {clause})", provision=clause)
        else:
            months = stated
    elif stated is not None:
        d.report(rule, "period_months", f"period_months is stated only when several identical sanctions up to "
                 f"{book.several.up_to} are given ({clause})")
    d.sanction = _sanction(book, own, heaviest, months)
    d.sanction["several"] = book.several.node.eid


def _sanction(book: Rulebook, own: list[Applied], kind_name: str, months: int | None) -> dict[str, object]:
    kind = book.kind(kind_name)
    assert kind is not None
    basis = next((a for a in own if a.sanction == kind_name), own[0])
    return {"kind": kind_name, "period_months": months if months is not None else kind.months,
            "provision": basis.node.eid, "severity": basis.severity,
            "circumstances": [{"eid": n.eid, "citation": _cited(book, n), "effect": e} for n, e in basis.circumstances],
            "kind_provision": kind.node.eid, "period_provision": kind.period.eid if kind.period else None,
            "document": book.doc.id}


def _one_per_law(d: Decision, rule: Rule, book: Rulebook) -> None:
    """One decision gives one 政务处分 (第十五条: of several, the heaviest is executed); a second entry
    of the same linked type would be cited but never given."""
    first: dict[str, int] = {}
    for i, given in enumerate(d.case.data.get("sanctions") or []):
        linked = book.linked.get(str(given["type"]))
        if linked is None:
            continue
        if given["type"] not in first:
            first[str(given["type"])] = i
            continue
        if any(p.path == f"sanctions[{i}]" for p in d.problems):
            continue   # the same sanction twice: R4 has said so
        clause = _cited(linked, linked.several.node) if linked.several else "one sanction"
        d.report(rule, f"sanctions[{i}]", f"sanctions[{first[str(given['type'])]}] and sanctions[{i}] both give a "
                 f"{book.sanctions[str(given['type'])].get('name', given['type'])}: one is executed, the heaviest ({clause}) — "
                 f"for several violations make the decision under the law itself (regulation: {linked.doc.id})",
                 provision=clause)


def _chained_sanctions(d: Decision) -> None:
    """The 政务处分 given through the primary, with its period (one sanction per case); its basis is
    cited as the law's provisions it applies: the violation, the step, the circumstances."""
    for a in d.applied:
        if a.external is not None:
            canonical = f"《{a.book.doc.title}》{_cited(a.book, external_nodes(a))}"
            d.external = [canonical if e == a.external else e for e in d.external]
    for a in d.applied:
        if a.sanction and a.book.kind(a.sanction):
            d.sanction = _sanction(a.book, [a], a.sanction, None)
            return


def external_nodes(a: Applied) -> list[Node]:
    """What a chained 政务处分 cites of the law, in this order (the violation first)."""
    return [a.node, *([a.step.node] if a.step is not None else []), *(n for n, _ in a.circumstances)]


def period_phrase(sanction: dict[str, object] | None) -> str:
    """（处分期十二个月）: what a decision prints after the sanction; nothing for 开除."""
    from ..numerals import to_chinese

    months = sanction.get("period_months") if sanction else None
    if not isinstance(months, int):
        return ""
    return f"（处分期{to_chinese(months)}个月）"


# -- D139 once (第十六条), D140 employment -----------------------------------------------------------


def once(d: Decision, rule: Rule) -> None:
    """Conduct already given a 政务处分 (or a 处分) is not sanctioned again."""
    book = d.rulebook
    if book.once is None:
        return
    clause = _cited(book, book.once)
    for i, finding in enumerate(d.case.data.get("findings") or []):
        if isinstance(finding, dict) and finding.get("already"):
            already = finding["already"]
            if book.kinds and book.kind(str(already["sanction"])) is None:
                d.report(rule, f"findings[{i}].already.sanction", f"{already['sanction']!r} is none of the kinds of "
                         f"{_cited(book, book.kinds[0].node.parent or book.kinds[0].node)} "
                         f"({'、'.join(k.name for k in book.kinds)}): {clause} bars only a second sanction of these kinds — "
                         "one of another system (party discipline) does not: drop already", provision=clause)
                continue
            when = f" on {already['date']}" if already.get("date") else ""
            d.report(rule, f"findings[{i}].already", f"the conduct was already sanctioned ({already['sanction']} by "
                     f"{already['by']}{when}): it is not sanctioned again ({clause}) — drop the finding",
                     provision=clause)


def employment(d: Decision, rule: Rule) -> None:
    """Some employments may be given only some kinds (第二十二条, 第二十三条)."""
    name = d.case.subject.get("employment")
    books = [d.rulebook] if d.rulebook.violations else list(d.rulebook.linked.values())
    for book in books:
        if name is None or not book.employments:
            continue
        found = next((e for e in book.employments if e.name == name), None)
        if found is None:
            d.report(rule, "subject.employment", f"{name!r} is not an employment of 《{book.doc.title}》 (one of: "
                     f"{'、'.join(e.name for e in book.employments)})")
            continue
        if found.allowed is None:
            continue
        for a in d.applied:
            if a.book is book and a.sanction and a.sanction not in found.allowed:
                citation = _cited(book, found.node)
                d.report(rule, a.sanction_path, f"a person of {found.name} may be given only "
                         f"{'、'.join(found.allowed)} ({citation}), not {a.sanction}", provision=citation)
