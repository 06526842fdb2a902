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
from tests.survey.conftest import SPEC, TODAY, add_answers, add_response


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
        assert f"<td>{whole}\u00a0<span" in page


def test_the_printed_score_rounds_the_published_one_decimal_value(campaign) -> None:
    """Gouvernance at 13.46 (7 points over 13 scored answers): the JSON gives 13.5, and every
    page printed 13, rounding the raw score, where a reader of the JSON rounds 13.5 to 14. The
    printed score is the published one-decimal value rounded (rounding.py), in the HTML file,
    the web page and the radar's tooltip."""

    statements = SPEC.statement_ids
    gouvernance = [s.id for s in SPEC.axes[0].statements]
    for index, answered in enumerate((3, 3, 3, 2, 2)):  # 13 scored answers, 7 of them « 1 »
        ones = min(answered, max(0, 7 - 3 * index))
        axis = {
            s: (1 if i < ones else 0) if i < answered else None for i, s in enumerate(gouvernance)
        }
        answers = {**dict.fromkeys(statements, 2), **axis}
        add_response(campaign, "90001", answers)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    (unit,) = [u for u in json.loads(json_render(report))["collectivites"] if u["code"] == "90001"]
    assert unit["axes"]["gouvernance"] == 13.5  # 13.4615...
    page = Client().get("/enquete/rapport/essai/").content.decode()
    for html in (html_render(report), page):
        part = html.split('id="c-90001"')[1]
        scores = part.split("<caption>Scores par axe")[1].split("</table>")[0]
        assert '<th scope="row">Gouvernance</th><td>14\u00a0<span' in scores  # then its interval
        assert '"score": 13.5' not in html and '"score":13.5' not in html
