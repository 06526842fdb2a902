"""A small survey campaign over two made-up communes."""

from __future__ import annotations

from datetime import date

import pytest

from barometre.survey.models import SurveyCampaign
from barometre.survey.services import survey_campaign_create, survey_campaign_open
from tests.factories import CommuneFactory

TODAY = date(2026, 12, 3)


@pytest.fixture
def campaign(db: None) -> SurveyCampaign:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)
    survey_campaign_create(name="essai", collectivites=["90001", "90002"], today=TODAY)
    return survey_campaign_open(name="essai")
