"""Layout in Debian's chromium (Playwright) at the phone's width: what the pages say they hide
on a narrow screen is hidden, and shown again on a wide one."""

from __future__ import annotations

import pytest

from tests.web.browser import BROWSER_TESTS, WIDTHS

pytestmark = BROWSER_TESTS

HIDDEN = """() => [...document.querySelectorAll('.hide-sm')].map(el =>
    getComputedStyle(el).display)"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_ranking_hides_its_secondary_columns_on_a_phone_only(
    transactional_db, live_server, site, browser
) -> None:
    """« Part du maximum » and « Transactionnels » stayed on a phone: DSFR's `.fr-table` gives
    its cells their display with a selector stronger than the page's `.hide-sm`."""
    shown = {}
    for name, (width, height) in WIDTHS.items():
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{live_server.url}/campagne/apres/classement/")
        shown[name] = page.evaluate(HIDDEN)
        page.close()
    assert shown["telephone"] and set(shown["telephone"]) == {"none"}
    assert set(shown["bureau"]) == {"table-cell"}
