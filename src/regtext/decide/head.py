"""Rules on what the 版头 prints (GB/T 9704-2012 7.2): the 密级和保密期限, the 紧急程度 and the
签发人, as the case gives them.  The 份号 is checked with the 文号 (rules.document_format)."""

from __future__ import annotations

import re

from .engine import Decision, Rule

#: 《中华人民共和国保守国家秘密法》第十条: three levels; 7.2.2: the 保密期限 follows a ★.
SECRECY_LEVELS = ("绝密", "机密", "秘密")
_SECRECY = re.compile(r"^(绝密|机密|秘密)(★([1-9][0-9]?年|[1-9][0-9]?个月|长期))?$")
#: 7.2.3: 紧急程度 is 特急 or 加急 (电报: 特提、特急、加急、平急, which regtext does not print).
URGENCIES = ("特急", "加急")
#: A line of 3号 text across the 156 mm text block holds 28 characters (head.py lays out the 文号
#: and the 签发人 on it: 空一字, the 文号, at least 空一字, 签发人：, two names, 空一字).
LINE_CHARS = 28
_BREAKS = re.compile(r"[\n\r\u2028\u2029\t]")


def head_fields(d: Decision, rule: Rule) -> None:
    """The closed lists of 7.2.2 and 7.2.3, and 签发人 names that fit the 文号's line."""
    data = d.case.data
    secrecy = data.get("secrecy")
    if secrecy is not None and not _SECRECY.fullmatch(secrecy):
        d.report(rule, "secrecy", f"密级 {_shown(secrecy)} is not one of {'、'.join(SECRECY_LEVELS)}, optionally followed by "
                 "★ and a 保密期限 (秘密★1年, 机密★6个月, 绝密★长期)",
                 provision="GB/T 9704-2012 7.2.2")
    urgency = data.get("urgency")
    if urgency is not None and urgency not in URGENCIES:
        d.report(rule, "urgency", f"紧急程度 {_shown(urgency)} is not {' or '.join(URGENCIES)}",
                 provision="GB/T 9704-2012 7.2.3")
    signers = data.get("signers") or []
    for i, name in enumerate(signers):
        if _BREAKS.search(name) or name != name.strip():
            d.report(rule, f"signers[{i}]", f"签发人 {name!r} has a line break or white space around it: write "
                     "the name on one line", provision="GB/T 9704-2012 7.2.6")
    _signers_fit(d, rule, signers)


def _signers_fit(d: Decision, rule: Rule, signers: list[str]) -> None:
    """Two names a line after 签发人：, the 文号 on the last line: each line must hold them."""
    number = str(d.case.data.get("number", ""))
    rows = [signers[i:i + 2] for i in range(0, len(signers), 2)]
    for r, row in enumerate(rows):
        used = 1 + 4 + len("\u3000".join(row)) + 1 + ((len(number) + 1) if r == len(rows) - 1 else 0)
        if used > LINE_CHARS:
            room = LINE_CHARS - 6 - ((len(number) + 1) if r == len(rows) - 1 else 0)
            d.report(rule, f"signers[{2 * r}]", f"签发人 {'、'.join(row)}: {len(chr(0x3000).join(row))} characters on one "
                     f"line where {room} fit beside 签发人：{' and the 文号' if r == len(rows) - 1 else ''} "
                     "(GB/T 9704-2012 7.2.6: 两个名字一行)", provision="GB/T 9704-2012 7.2.6")
            return


def _shown(text: str) -> str:
    return repr(text if len(text) <= 20 else text[:20] + "…")
