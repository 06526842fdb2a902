"""The review and draw forms in Chromium: the browser sends them as typed (`novalidate`), and
the server's French error shows in the DSFR's way (tests/web/test_review_server_validation.py
checks the messages)."""

from __future__ import annotations

import pytest

from tests.web.browser import BROWSER_TESTS
from tests.web.conftest import PASSWORD

pytestmark = BROWSER_TESTS


@pytest.mark.engine_independent  # what the browser does with the form
def test_the_browser_sends_the_form_and_the_page_says_why(
    transactional_db, live_server, site, users, browser
) -> None:
    """An address typed without « https:// » was stopped by Chromium's own bubble, in English
    on an English browser, and the draw's size 0 by « Value must be greater than or equal to
    1 »: nothing reached the server, nothing showed in the DSFR's way."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server.url + "/connexion/")
    page.fill("#id_username", "coordinateur-test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Se connecter')")
    page.wait_for_url("**/revue/")
    page.goto(live_server.url + f"/revue/cellule/{site.auto_cell.pk}/")
    page.select_option("#id_level", "2")
    page.fill("#id_justification", "Formulaire en ligne vu.")
    page.fill("#id_evidence_url", "www.mairie.test/etat-civil")
    page.click("#bouton-corriger")
    page.wait_for_selector("#id_evidence_url-error")
    assert page.title().startswith("Erreur")
    assert "http:// ou https://" in page.inner_text("#id_evidence_url-error")
    assert page.input_value("#id_evidence_url") == "www.mairie.test/etat-civil"
    page.goto(live_server.url + "/revue/arbitrage/")
    page.fill("#id_size", "0")
    page.click("#formulaire-tirage button[type=submit]")
    page.wait_for_selector("#id_size-error")
    assert page.evaluate("document.activeElement.id") == "id_size"
    page.close()
