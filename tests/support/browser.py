"""Debian's Chromium (/usr/bin/chromium) driven by Playwright's sync API, for tests.

The browser is never downloaded (`playwright install` cannot work here): Playwright launches
Debian's build through ``executable_path``. One browser is started per test process on first use
and shared; each ``chromium_page()`` gets a fresh context (cookies, storage, viewport) and page.

    require_chromium()
    with chromium_page(width=360) as page:
        page.goto(path.as_uri())
"""

from __future__ import annotations

import atexit
import importlib.util
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

SKIP_MESSAGE = "needs Chromium (Debian package chromium) and the Python package playwright"

# Headless, as root, with nothing that reaches out to the network: this machine has none, and
# without these flags Chromium keeps trying (component updates, sync, DNS for Google's hosts).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",  # no DNS: stray URLs fail at once
]

_state: dict[str, Any] = {}  # this process's Playwright and Browser, started on first use


def chromium_executable() -> str | None:
    """Path of Debian's Chromium, or None."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def require_chromium() -> str:
    """Skip the calling test unless Chromium and Playwright are installed; return Chromium's path."""
    exe = chromium_executable()
    if exe is None or importlib.util.find_spec("playwright") is None:
        pytest.skip(SKIP_MESSAGE)
    return exe


def _shutdown() -> None:
    browser: Browser | None = _state.pop("browser", None)
    playwright: Playwright | None = _state.pop("playwright", None)
    try:
        if browser is not None:
            browser.close()
    finally:
        if playwright is not None:
            playwright.stop()


def chromium_browser() -> Browser:
    """The process's shared headless Chromium, launched on first call (closed at exit)."""
    browser: Browser | None = _state.get("browser")
    if browser is not None and browser.is_connected():
        return browser
    exe = require_chromium()
    if "playwright" not in _state:
        from playwright.sync_api import sync_playwright

        _state["playwright"] = sync_playwright().start()
        atexit.register(_shutdown)
    # Playwright gives every launch() a fresh temporary --user-data-dir of its own.
    browser = _state["playwright"].chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
    _state["browser"] = browser
    return browser


@contextmanager
def chromium_page(width: int = 1280, height: int = 800, **context_options: Any) -> Iterator[Page]:
    """A new page in a new browser context of the shared Chromium; the context is closed after."""
    context = chromium_browser().new_context(viewport={"width": width, "height": height}, **context_options)
    try:
        yield context.new_page()
    finally:
        context.close()


def screenshot(page: Page, path: str | Path, width: int | None = None, full_page: bool = True) -> Path:
    """Save a PNG of ``page`` (the whole scrollable page by default), at ``width`` CSS pixels if given."""
    if width is not None:
        height = page.viewport_size["height"] if page.viewport_size else 800
        page.set_viewport_size({"width": width, "height": height})
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=full_page)
    return out
