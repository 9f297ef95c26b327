"""Helpers for tests that need system programs: Debian's Chromium (browser.py) and LibreOffice
with poppler (office.py). Each has a ``require_*()`` that skips the test, naming the Debian
package, when a program is missing; ``.ci/system-deps.sh`` installs them all for CI."""
