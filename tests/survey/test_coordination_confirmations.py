"""The coordination page said nothing once a campaign was closed (or opened): the page came
back with only its « État » line changed, where the command says « Campagne « … » close : elle
n'accepte plus de réponse ». Each action now says what it did, in a DSFR alert."""

from __future__ import annotations

import html

from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.models import SurveyCampaign
from barometre.survey.services import survey_campaign_create
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY

URL = "/enquete/coordination/cle-confirmation/"


def _alerts(page: str) -> list[str]:
    tree = LexborHTMLParser(page)
    return [html.unescape(a.text(strip=True)) for a in tree.css(".fr-alert--success")]


def test_opening_and_closing_are_confirmed_on_the_page(db: None) -> None:
    CommuneFactory(code="90051", name="Closeville")
    survey_campaign_create(
        name="cloture", collectivites=["90051"], today=TODAY, coordinator_key="cle-confirmation"
    )
    client = Client()
    opened = client.post(URL, {"action": "open"}, follow=True)
    assert _alerts(opened.content.decode()) == [
        "La campagne «\u00a0cloture\u00a0» est ouverte\u00a0: ses liens, partagé ou à usage "
        "unique, mènent désormais au questionnaire."
    ]
    closed = client.post(URL, {"action": "close-confirmed"}, follow=True)
    assert SurveyCampaign.objects.get(name="cloture").status == "closed"
    assert closed.status_code == 200 and closed.redirect_chain[-1][0] == URL
    alert = LexborHTMLParser(closed.content.decode()).css_first(".fr-alert--success")
    assert alert is not None and alert.attributes.get("role") == "alert"
    assert _alerts(closed.content.decode()) == [
        "La campagne «\u00a0cloture\u00a0» est close\u00a0: elle n'accepte plus aucune réponse. "
        "Son rapport publie les chiffres de chaque collectivité d'au moins 5\u00a0répondants."
    ]
    # said once: the page opened again has no alert left
    assert _alerts(client.get(URL).content.decode()) == []
    # a second confirmation (another tab, a double click) changes nothing, and says so
    again = client.post(URL, {"action": "close-confirmed"}, follow=True)
    assert _alerts(again.content.decode()) == [
        "La campagne «\u00a0cloture\u00a0» était déjà close\u00a0: rien n'a changé."
    ]
