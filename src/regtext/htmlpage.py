"""The one HTML page shell: every page regtext writes (an exported regulation, a rendered decision,
the study site) is a self-contained HTML5 document in Simplified Chinese, readable on a phone,
with its stylesheet inline, so that it opens from a ``file://`` URL or an e-mail attachment and
fetches nothing.  Each page brings its own stylesheet and body; the head is the same everywhere.
"""

from __future__ import annotations

import html


def page_shell(title: str, style: str, body: str, meta: dict[str, str] | None = None) -> str:
    """A complete page: ``body`` is the inside of <body>, its own lines ended; ``meta`` adds
    ``<meta name content>`` lines to the head (the exported regulation names its generator)."""
    extra = "".join(f'<meta name="{html.escape(name)}" content="{html.escape(value)}">\n'
                    for name, value in (meta or {}).items())
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{extra}<title>{html.escape(title)}</title>\n<style>{style}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
