"""Headless Chromium, as every part of the platform starts it (briefing PDFs, screenshots).

FIELD-NOTES: Debian's ``chromium``, headless, no sandbox (root in CI), a fresh profile per
start, no background network traffic, Indonesian as the page language.
"""

from __future__ import annotations

import shutil

from smartprov.base import settings

FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=id-ID",
)
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


class ChromiumNotFound(RuntimeError):
    """No Chromium on PATH (and ``SMARTPROV_CHROMIUM`` unset or wrong)."""


def executable() -> str:
    """``SMARTPROV_CHROMIUM`` or the first of chromium / chromium-browser / google-chrome."""
    configured = settings.CHROMIUM.get()
    for name in ([configured] if configured else []) + list(CANDIDATES):
        found = shutil.which(name)
        if found:
            return found
    raise ChromiumNotFound(
        "chromium not found (apt-get install chromium, or set SMARTPROV_CHROMIUM)"
    )
