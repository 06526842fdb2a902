"""A small survey campaign over two made-up communes; helpers that answer the form and read the
commune radar."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.test import Client
from django.utils.html import escape

from barometre.survey.models import SurveyCampaign, SurveyResponse
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.services import survey_campaign_create, survey_campaign_open
from tests.factories import CommuneFactory

TODAY = date(2026, 12, 3)
SPEC = default_questionnaire()


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


def add_response(
    campaign: SurveyCampaign, code: str, answers: dict[str, int | None], role: str = "agent"
) -> None:
    """One imported response (an agent's unless `role`) for collectivité `code`."""
    SurveyResponse.objects.create(
        campaign=campaign,
        unit=campaign.units.get(code=code),
        role=role,
        answers=answers,
        submitted_on=TODAY,
        channel="import",
    )


@pytest.fixture
def campaign(db: None) -> SurveyCampaign:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)
    survey_campaign_create(name="essai", collectivites=["90001", "90002"], today=TODAY)
    return survey_campaign_open(name="essai")


def answer_everything(client: Client, start: str, *, unit: str | None = "90001") -> None:
    page = client.get(start, follow=True)
    assert page.status_code == 200 and "Votre rôle" in page.content.decode()
    who = {"role": "encadrant", **({"unit": unit} if unit else {})}
    client.post("/enquete/repondre/", who)
    for step, axis in enumerate(SPEC.axes, start=1):
        page = client.get(f"/enquete/repondre/{step}/")
        assert escape(axis.statements[0].text) in page.content.decode()
        values = {s.id: "nsp" if i == 0 else "3" for i, s in enumerate(axis.statements)}
        last = client.post(f"/enquete/repondre/{step}/", values)
    assert last.status_code == 302 and last["Location"].startswith("/enquete/merci/?campagne=")


def radar_block(html: str) -> str:
    return html.split('<section class="survey-commune"')[1].split("</section>")[0]


def report_rows(text: str) -> list[dict[str, str]]:
    """The rows of the report's CSV (a byte order mark, `;`, a decimal comma, as the site's
    other CSV downloads), each number with a dot, as the JSON and the open data write it."""
    assert text.startswith("\ufeff")
    rows = csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";")
    decimal = re.compile(r"-?\d+,\d+")

    def dot(value: str) -> str:
        return value.replace(",", ".") if decimal.fullmatch(value) else value

    return [{k: dot(v) for k, v in r.items()} for r in rows]
