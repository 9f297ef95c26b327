"""The names of the citation styles, and how they write a division.  The formats themselves live in
``cite.format``; the names sit here apart because the CLI's argument parser needs them on every run."""

STYLES = ("zh", "zh-short", "zh-plain", "en", "eid")

#: How the zh styles and en write a division: 第二章, Chapter 2 (Part 1 Chapter 2).
DIVISION_ZH = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节"}
DIVISION_EN = {"part": "Part", "subpart": "Subpart", "chapter": "Chapter", "section": "Section"}
