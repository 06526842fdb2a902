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


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_programmes_tables_fit_a_phone(transactional_db, live_server, browser) -> None:
    """On a phone the elections' table ran 295 px past its box, an election's themes 76 px and
    its follow-up 237 px: secondary columns hidden and narrower gutters, each reads without
    scrolling sideways."""
    from tests.programmes.test_report_phone import PHONE, TABLES, election_with_follow_up

    election_with_follow_up()
    seen = {}
    for width in (PHONE, 1280):
        page = browser.new_page(viewport={"width": width, "height": 844})
        seen[width] = []
        for path in ("/programmes/", "/programmes/2020/"):
            page.goto(f"{live_server.url}{path}")
            seen[width] += page.evaluate(TABLES)
        page.close()
    assert len(seen[PHONE]) == 3, seen  # the elections, the themes and the follow-up
    assert [t for t in seen[PHONE] if t[1] > 0 or t[2]] == [], seen[PHONE]
    assert all(t[2] for t in seen[1280]), seen[1280]


BADGES = """() => [...document.querySelectorAll('.fr-accordion__btn .lvl')].map(el =>
    [el.textContent.trim(), el.getBoundingClientRect().height])"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_a_level_badge_stays_on_one_line_beside_a_long_service_name(
    transactional_db, live_server, site, browser
) -> None:
    """On a phone the badge « s.o. » of a service whose name takes two lines broke into « s.o »
    over « . »: the button's flex layout shrank it below its text."""
    from tests.factories import set_cells

    slug = site.after.catalogue.services.order_by("position").values_list("slug", flat=True)[0]
    set_cells(site.after, {("35238", slug): "na"})
    page = browser.new_page(viewport={"width": 375, "height": 844})
    page.goto(f"{live_server.url}/commune/35238/?campagne=apres")
    badges = page.evaluate(BADGES)
    page.close()
    assert badges[0][0] == "s.o." and len(badges) > 1, badges
    heights = {round(height) for _, height in badges}
    assert len(heights) == 1, badges  # one line each, as high as a level's
