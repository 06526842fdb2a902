"""The respondent's first page said « Avant de commencer » and nothing of whom the questionnaire
was for, even when the link fixed the collectivité: a respondent could not check that it was
theirs, nor which campaign they were answering. It now names both."""

from __future__ import annotations

from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.models import SurveyCampaign
from barometre.survey.services import (
    survey_campaign_create,
    survey_campaign_open,
    survey_tokens_create,
)
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY


def _first_page(start: str) -> tuple[str, str]:
    """The sentence under the heading and the page's title."""
    client = Client()
    page = client.get(start, follow=True)
    tree = LexborHTMLParser(page.content.decode())
    return tree.css_first("#questionnaire-pour").text(), tree.css_first("title").text()


def test_a_collectivite_s_one_time_link_names_it_and_the_campaign(
    campaign: SurveyCampaign,
) -> None:
    (token,) = survey_tokens_create(campaign=campaign, count=1, unit="90002")
    said, title = _first_page(f"/enquete/j/{token}/")
    assert said == "Questionnaire pour Montclair, campagne d'enquête «\u00a0essai\u00a0»."
    assert "Montclair" in title


def test_the_shared_link_of_a_one_collectivite_campaign_names_it(db: None) -> None:
    CommuneFactory(code="90003", name="Valfleuri")
    survey_campaign_create(name="seule", collectivites=["90003"], today=TODAY)
    campaign = survey_campaign_open(name="seule")
    said, _ = _first_page(f"/enquete/c/{campaign.shared_key}/")
    assert said == "Questionnaire pour Valfleuri, campagne d'enquête «\u00a0seule\u00a0»."


def test_a_link_that_leaves_the_collectivite_to_choose_names_the_campaign(
    campaign: SurveyCampaign,
) -> None:
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    for start in (f"/enquete/j/{token}/", f"/enquete/c/{campaign.shared_key}/"):
        said, _ = _first_page(start)
        assert said == "Questionnaire de la campagne d'enquête «\u00a0essai\u00a0»."
