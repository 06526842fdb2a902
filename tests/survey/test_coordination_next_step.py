"""The coordination page tells a general manager what publishes their results: a closed campaign
and at least 5 respondents per collectivité. Its table read « moins de 5 » with no word on what
that meant or what to do next."""

from __future__ import annotations

from django.test import Client

from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY


def test_the_coordination_page_says_when_results_are_published(db: None) -> None:
    CommuneFactory(code="90021", name="Coordville")
    survey_campaign_create(
        name="coord", collectivites=["90021"], today=TODAY, coordinator_key="cle-secrete"
    )
    survey_campaign_open(name="coord")  # a draft has nothing to close yet
    page = Client().get("/enquete/coordination/cle-secrete/").content.decode()
    assert "quand la campagne est close, si elle a au moins 5 répondants\u00a0;" in page
    assert "puis choisissez «\u00a0Clore la campagne\u00a0»" in page
    survey_campaign_close(name="coord")
    page = Client().get("/enquete/coordination/cle-secrete/").content.decode()
    assert "puis choisissez" not in page and "Voir le rapport" in page
