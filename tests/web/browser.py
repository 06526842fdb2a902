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


def phone_sweep(*seen_at: int) -> list[int]:
    """The widths a line-breaking test looks at: every third pixel from 300 to 480 px, and the
    widths a defect was seen at. A word that loses its hold breaks at a few widths only (the
    programme pages' campaign names at 301, 475 and 480 px, checked by taking the hold away),
    hence the widths seen; every pixel cost 5 s to 10 s a test in resizes."""
    return sorted(set(range(300, 481, 3)) | set(seen_at))


BROWSER_TESTS = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium absent (.ci/run l'installe)"),
]
