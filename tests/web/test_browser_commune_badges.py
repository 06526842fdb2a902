"""A commune's services in Debian's chromium (Playwright): their names begin at one edge,
whatever their badge (a level or « s.o. »)."""

from __future__ import annotations

import pytest

from tests.web.browser import BROWSER_TESTS, WIDTHS

pytestmark = BROWSER_TESTS

NAME_LEFT_EDGES = """() => [...new Set([...document.querySelectorAll('.fr-accordion__btn')]
    .map(b => {
        const range = document.createRange();
        range.selectNodeContents(b.lastChild);
        return Math.round(range.getBoundingClientRect().left);
    }))]"""


@pytest.mark.engine_independent  # layout: the same on every engine
def test_the_services_names_begin_at_one_edge(transactional_db, live_server, site, browser) -> None:
    """The « s.o. » badge was 3 px wider than a level's: the name of a service « sans objet »
    stood apart from the others in the list of a commune's services."""
    cell = site.after.cells.filter(commune_id="44109").exclude(pk=site.auto_cell.pk).first()
    cell.not_applicable, cell.level = True, None
    cell.save()
    for width, height in WIDTHS.values():
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(live_server.url + "/commune/44109/?campagne=apres")
        assert len(page.evaluate(NAME_LEFT_EDGES)) == 1, width
        page.close()
