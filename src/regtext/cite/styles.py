"""The names of the citation styles (how they write a division: ``regtext.levels``).  The formats
themselves live in ``cite.format``; the names sit here apart because the CLI's argument parser needs them on every run."""

STYLES = ("zh", "zh-short", "zh-plain", "en", "eid")

