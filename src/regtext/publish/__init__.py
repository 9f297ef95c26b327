"""Documents as paper and screen: rendered Markdown → paragraphs → Markdown, HTML and DOCX laid out
per GB/T 9704 (document.py), with its own OOXML writer (docx/).  ``render`` publishes decisions
and ``study`` its handout through it."""
