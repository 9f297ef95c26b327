"""Documents as paper and screen: rendered Markdown → paragraphs → Markdown, HTML and DOCX laid out
per GB/T 9704 (document.py), with its own OOXML writer (docx/); PDF is that DOCX typeset by
LibreOffice (pdf.py).  ``render`` publishes decisions
and ``study`` its handout through it."""

#: What a rendered document can be written as; the CLI's ``render --to`` reads this (the package
#: itself imports nothing, so the argument parser can on every run).
FORMATS = ("docx", "html", "md", "pdf")  # pdf: the DOCX through LibreOffice (pdf.py)
