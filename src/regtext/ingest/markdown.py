"""Markdown written by ``regtext export --to md`` back into the tree, read with markdown-it-py.

Headings and paragraphs become the blocks of a plain text (links keep their text, anchors are
dropped), which goes through the ordinary parser: the Markdown's structure is the text's.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token


def markdown_to_text(markdown: str) -> str:
    tokens = MarkdownIt("commonmark").parse(markdown)
    blocks: list[str] = []
    in_title = True  # the level-1 headings at the top are the lines of the title
    for i, token in enumerate(tokens):
        if token.type != "inline":
            continue
        text = _inline_text(token)
        if in_title and tokens[i - 1].tag == "h1":
            if blocks:
                blocks[0] += "\n" + text
            else:
                blocks.append(text)
            continue
        in_title = False
        if text:
            blocks.append(text)
    return "\n\n".join(blocks) + "\n"


def _inline_text(token: Token) -> str:
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out).strip()
