"""The names of the citation styles.  The formats themselves live in ``cite``; the names sit here
apart because the CLI's argument parser needs them on every run and ``cite`` only when citing."""

STYLES = ("zh", "zh-short", "zh-plain", "en", "eid")
