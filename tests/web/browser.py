"""Debian's chromium driven by Playwright for the browser tests (tests/web/test_browser*.py):
the executable, its flags and the two widths every page is looked at (the `browser` fixture
is in tests/web/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WIDTHS = {"bureau": (1280, 900), "telephone": (390, 844)}

BROWSER_TESTS = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium absent (.ci/run l'installe)"),
]
