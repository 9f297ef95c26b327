"""Exports of a parsed document, one module per format."""

#: Every export format and the suffix of its file.  A new format is one entry here and one branch
#: of ``formats.export_document``; the CLI's ``--to`` reads this table (kept apart from
#: ``formats`` because the argument parser needs it on every run, without the exporters' imports).
FORMATS = {"akn": ".xml", "html": ".html", "md": ".md", "json": ".json"}
