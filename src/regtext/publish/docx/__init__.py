"""DOCX per GB/T 9704-2012 《党政机关公文格式》, written as OOXML text and zipped.

``writer`` turns blocks into the document body, ``parts`` holds the fixed parts (styles,
settings, footers…) with the standard's values, ``package`` zips them deterministically.
No python-docx on this path: it is ~15× slower and cannot set East Asian fonts.
"""

from __future__ import annotations

from .writer import Block, write_docx

__all__ = ["Block", "write_docx"]
