"""The drafter's web app (``regtext serve``, the optional extra ``regtext[web]``): a form generated
from the case schema and the rulebook, the live decision and preview, drafts as case files, and an
HTTP API over the same engine as the CLI.  ``app()`` builds the Starlette application."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.applications import Starlette

#: What `pip install` gives the app; named in the message when it is missing.
EXTRA = "pip install 'regtext[web]'"


def app(cases_dir: str | Path | None = None, token: str | None = None,
        profile: str | Path | None = None) -> Starlette:
    """The web app (Starlette, ASGI): drafts saved in ``cases_dir``; with ``token`` every request
    must carry it; ``profile``: the office's issuer profile, given to every document (as ``regtext
    render --issuer``) and the issuer and 抄送 a new draft starts with."""
    from .server import app as build

    return build(cases_dir=cases_dir, token=token, profile=profile)
