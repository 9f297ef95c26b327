"""The issuer profile's old home: it moved to regtext/issuer.py so that ``regtext check`` (below
render in the layers) can read profiles too.  Kept for the imports that name it."""

from __future__ import annotations

from ..issuer import DEFAULT_NAME, Issuer, IssuerChoice, check_issuers, find_issuer, load_issuer

__all__ = ["DEFAULT_NAME", "Issuer", "IssuerChoice", "check_issuers", "find_issuer", "load_issuer"]
