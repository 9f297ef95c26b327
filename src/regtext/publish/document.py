"""A rendered template (Markdown) → the same text as Markdown, HTML and DOCX.

One token stream from markdown-it-py feeds all three.  A paragraph may end with a role marker
— ``{.number}`` 文号, ``{.addressee}`` 主送, ``{.attachment}`` 附件说明, ``{.signature}`` 落款,
``{.date}`` 成文日期, ``{.annotation}`` 附注, ``{.cc}`` 抄送 — which becomes a class in HTML and a paragraph style in DOCX, and disappears from the
text.  Headings: ``#`` the title, ``##`` 一、 (黑体), ``###`` （一） (楷体), ``####`` 1.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .docx.head import Head
    from .docx.letterhead import Letterhead

#: The 版头's lines in HTML and Markdown (the DOCX lays them out in publish/docx/head.py): 份号,
#: 密级, 紧急程度 ("top"), the 发文机关标志 ("mark"), the 签发人 ("signers").
HEAD_ROLES = ("top", "mark", "signers")
ROLES = ("number", "addressee", "attachment", "signature", "date", "annotation", "cc")
_MARKER = re.compile(r"\s*\{\.(?P<role>[a-z]+)\}\s*$")
_HEADINGS = {"h1": "title", "h2": "heading1", "h3": "heading2", "h4": "heading3"}


@dataclass(frozen=True, slots=True)
class Paragraph:
    role: str    # title, heading1..3, body, number, addressee, signature, date, cc
    text: str


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # raw HTML is text here: a fact can never inject markup into a document
    return MarkdownIt("commonmark", {"html": False})


def paragraphs(markdown: str) -> list[Paragraph]:
    """The document as a flat list of paragraphs with their role."""
    out: list[Paragraph] = []
    tokens = _parser().parse(markdown)
    for i, token in enumerate(tokens):
        if token.type != "inline":
            continue
        opener = tokens[i - 1]
        text = _text(token)
        role = _HEADINGS.get(opener.tag, "body")
        m = _MARKER.search(text)
        if m and m.group("role") in ROLES:
            role, text = m.group("role"), text[: m.start()]
        if text:
            out.append(Paragraph(role, text))
    return out


def _text(token: Token) -> str:
    """Inline text; a soft line break joins Chinese text without a space."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts).strip()


def to_markdown(parts: list[Paragraph]) -> str:
    from ..export.markdown import escape

    prefix = {"title": "# ", "heading1": "## ", "heading2": "### ", "heading3": "#### "}
    return "\n\n".join(prefix.get(p.role, "") + escape(p.text) for p in parts) + "\n"


_CSS = """
body { font-family: "FangSong", "仿宋_GB2312", "仿宋", serif; font-size: 16pt; line-height: 28.95pt;
       max-width: 156mm; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", serif; font-size: 22pt; font-weight: normal;
     text-align: center; line-height: 1.5; margin: 0 0 .5em; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
h3 { font-family: "KaiTi", "楷体_GB2312", serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
h4 { font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.number { text-align: center; text-indent: 0; margin-bottom: 1em; }
p.top { font-family: "SimHei", "黑体", sans-serif; text-indent: 0; text-align: left; }
p.mark { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", serif; color: #f00; font-size: 28pt;
         line-height: 1.2; text-align: center; text-indent: 0; margin: 1em 0; }
p.signers { text-align: right; text-indent: 0; }
p.addressee { text-indent: 0; }
p.signature, p.date { text-align: right; text-indent: 0; padding-right: 4em; }
p.signature { margin-top: 2em; }
p.attachment { text-indent: 0; padding-left: 2em; }
p:not(.attachment) + p.attachment { margin-top: 2em; }
p.annotation { text-indent: 0; padding-left: 2em; }
p.cc { font-size: 14pt; text-indent: 0; padding: .2em 1em; margin-top: 2em;
       border-top: 1px solid #000; border-bottom: 1px solid #000; }
@media print { body { margin: 0; max-width: none; } }
@media (max-width: 480px) { body { font-size: 14pt; line-height: 1.8; } h1 { font-size: 18pt; } }
"""


def to_html(parts: list[Paragraph], title: str) -> str:
    """A self-contained page: the same text, styled after GB/T 9704 (no external requests)."""
    tags = {"title": "h1", "heading1": "h2", "heading2": "h3", "heading3": "h4"}
    body = []
    for p in parts:
        tag = tags.get(p.role, "p")
        cls = f' class="{p.role}"' if p.role in ROLES or p.role in HEAD_ROLES else ""
        body.append(f"<{tag}{cls}>{html.escape(p.text).replace(chr(10), '<br>')}</{tag}>")
    from ..htmlpage import page_shell

    return page_shell(title, _CSS, "\n".join(body) + "\n")


def to_docx(parts: list[Paragraph], title: str, *, head: Head | None = None,
            letterhead: Letterhead | None = None, seal: bytes | str | None = None, printer: str = "",
            printed: str = "", imprint: str = "foot") -> bytes:
    """``head``, ``letterhead``, ``seal``, ``printer``, ``printed``, ``imprint``: as docx.write_docx takes them."""
    from .docx import Block, write_docx

    return write_docx([Block(p.role, p.text) for p in parts], title=title, head=head, letterhead=letterhead,
                      seal=seal, printer=printer, printed=printed, imprint=imprint)
