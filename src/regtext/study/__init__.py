"""Annotated study materials for trainers, from the tree, its references both ways, the
rulebook and the trainer's annotations: an HTML site, a DOCX handout, Markdown.

    annotations.py  the trainer's notes and questions (corpus/<id>.annotations.yaml), checked
    content.py      what the materials say: the articles, their references, the questions
    site.py         the HTML site;  handout.py  the DOCX handout and the Markdown
    materials.py    study_of() and write(): a document's study, and its materials in a folder

The public API is re-exported here, imported on first use (PEP 562, as ``regtext`` itself): the
CLI reads the tables below on every run, without loading the rest.
"""

from __future__ import annotations

from .. import names_on_first_use

#: Every format of the study materials, in the order they are written: the CLI's ``--to`` reads this.
FORMATS = ("html", "docx", "md")
#: The formats that are one file (handout.docx, study.md), which ``-o OUT.docx`` / ``-o OUT.md`` can
#: name alone; the HTML site is a folder of pages.
FILE_FORMATS = ("docx", "md")
#: What ``--lang`` may say, and the labels each adds: zh numbers the 款 for the reader (第二款), en
#: adds each provision's English citation (Article 6(1)).  The text, the notes and the headings
#: stay as written: Chinese.
LANGS = {"zh": ("zh",), "en": ("en",), "zh,en": ("zh", "en")}

#: public name → the module of this package that defines it
_LAZY = {"study_of": "materials", "write": "materials", "linked_pages": "materials"}

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on every run of the CLI
if TYPE_CHECKING:
    from .materials import linked_pages, study_of, write


__getattr__ = names_on_first_use(globals(), _LAZY)


__all__ = ["FILE_FORMATS", "FORMATS", "LANGS", "linked_pages", "study_of", "write"]
