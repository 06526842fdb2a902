"""Scores are printed as a reader rounds them by hand: a half goes up (62.5 -> 63, 56.25 ->
56.3), as every other figure of barometre (outputs.labels.rounded); not to the even neighbour,
which printed 62.5 as 62 but 37.5 as 38."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.data import survey_report_data
from barometre.survey.reports.html_report import html_render
from barometre.survey.reports.json_report import json_render
from barometre.survey.services import survey_campaign_close
from tests.survey.conftest import TODAY, add_answers


@pytest.mark.parametrize(
    ("twos", "threes", "whole", "one_decimal"),
    [(3, 3, "63", 62.5), (6, 2, "56", 56.3), (2, 6, "69", 68.8)],
)
def test_a_half_is_rounded_up(
    campaign, twos: int, threes: int, whole: str, one_decimal: float
) -> None:
    add_answers(campaign, "90001", twos, 2)
    add_answers(campaign, "90001", threes, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    units = json.loads(json_render(report))["collectivites"]
    (unit,) = [u for u in units if u["code"] == "90001"]
    assert set(unit["axes"].values()) == {one_decimal} and unit["overall"] == one_decimal
    for page in (html_render(report), Client().get("/enquete/rapport/essai/").content.decode()):
        assert f"<td>{whole}</td>" in page
