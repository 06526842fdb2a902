"""A campaign in preparation (never opened) offered « Clore la campagne »: closing it, for
good, published an empty report of a campaign nobody could answer. Only an open campaign
closes: the page offers the action only then, the page and the service refuse it otherwise."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from barometre.core.errors import BarometreError
from barometre.survey.models import SurveyCampaign
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY

URL = "/enquete/coordination/cle-brouillon/"


def _draft() -> SurveyCampaign:
    CommuneFactory(code="90041", name="Projetville")
    return survey_campaign_create(
        name="projet", collectivites=["90041"], today=TODAY, coordinator_key="cle-brouillon"
    )


def test_a_draft_offers_to_open_not_to_close(db: None) -> None:
    _draft()
    page = html.unescape(Client().get(URL).content.decode())
    assert 'value="open"' in page
    assert 'value="close"' not in page and "Clore la campagne" not in page
    survey_campaign_open(name="projet")
    page = html.unescape(Client().get(URL).content.decode())
    assert 'value="close"' in page and 'value="open"' not in page


@pytest.mark.parametrize("action", ["close", "close-confirmed"])
def test_closing_a_draft_is_refused_by_the_page(db: None, action: str) -> None:
    _draft()
    answer = Client().post(URL, {"action": action})
    assert answer.status_code == 400
    assert "pas encore ouverte\u00a0: il n'y a rien à clore" in html.unescape(
        answer.content.decode()
    )
    assert SurveyCampaign.objects.get(name="projet").status == "draft"


def test_closing_a_draft_is_refused_by_the_service(db: None) -> None:
    campaign = _draft()
    assert not campaign.can_close()
    with pytest.raises(BarometreError, match="pas encore ouverte"):
        survey_campaign_close(name="projet")
    assert SurveyCampaign.objects.get(name="projet").status == "draft"
    assert survey_campaign_open(name="projet").can_close()
    assert survey_campaign_close(name="projet").status == "closed"
    assert survey_campaign_close(name="projet").status == "closed"  # again: nothing changes
