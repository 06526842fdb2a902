"""A small survey campaign over two made-up communes."""

from __future__ import annotations

from datetime import date

import pytest

from barometre.survey.models import SurveyCampaign, SurveyResponse
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.services import survey_campaign_create, survey_campaign_open
from tests.factories import CommuneFactory

TODAY = date(2026, 12, 3)


def add_answers(campaign: SurveyCampaign, code: str, count: int, value: int = 3) -> None:
    """`count` imported agent responses for collectivité `code`, every statement at `value`."""
    statements = default_questionnaire().statement_ids
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            campaign=campaign,
            unit=campaign.units.get(code=code),
            role="agent",
            answers=dict.fromkeys(statements, value),
            submitted_on=TODAY,
            channel="import",
        )
        for _ in range(count)
    )


@pytest.fixture
def campaign(db: None) -> SurveyCampaign:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)
    survey_campaign_create(name="essai", collectivites=["90001", "90002"], today=TODAY)
    return survey_campaign_open(name="essai")
