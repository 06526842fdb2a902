"""The respondent's progress bar said « Étape 2 sur 6 » and nothing of what came next: on a
phone, where a page is a long scroll of statements, a respondent could not tell what the next
page was about. The DSFR stepper's line « Étape suivante » now names it; the last page has
none."""

from __future__ import annotations

from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.models import SurveyCampaign
from tests.survey.conftest import SPEC


def test_each_page_names_the_next_one(campaign: SurveyCampaign) -> None:
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90001"})
    for step, axis in enumerate(SPEC.axes, start=1):
        page = LexborHTMLParser(client.get(f"/enquete/repondre/{step}/").content.decode())
        details = page.css_first(".fr-stepper__details")
        if step == len(SPEC.axes):
            assert details is None
        else:
            assert details is not None
            assert details.text() == f"Étape suivante\u00a0: {SPEC.axes[step].label}"
        client.post(f"/enquete/repondre/{step}/", {s.id: "2" for s in axis.statements})
