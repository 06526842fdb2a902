"""Every score of the HTML report comes with its number of scored answers (MATURITY.md:
"Report each score with its number of answers"), as the JSON gives them."""

from __future__ import annotations

import json

from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.models import SurveyCampaign
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.reports.data import survey_report_data
from barometre.survey.reports.html_report import html_render
from barometre.survey.reports.json_report import json_render
from barometre.survey.services import survey_campaign_close
from tests.survey.conftest import TODAY, add_answers, add_response

SPEC = default_questionnaire()


def _table(page: str, caption: str) -> dict[str, list[str]]:
    """The first table of the page whose caption starts with `caption`: row header -> cells."""
    for table in LexborHTMLParser(page).css("table"):
        found = table.css_first("caption")
        if found is not None and found.text().startswith(caption):
            return {
                row.css_first("th").text(): [td.text() for td in row.css("td")]
                for row in table.css("tbody tr")
            }
    raise AssertionError(f"no table « {caption} »")


def test_the_scores_say_how_many_answers_they_rest_on(campaign) -> None:
    add_answers(campaign, "90001", 5, 3)
    answers = {**dict.fromkeys(SPEC.statement_ids, 2), SPEC.axes[0].statements[0].id: None}
    add_response(campaign, "90001", answers)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    (unit,) = [u for u in json.loads(json_render(report))["collectivites"] if u["code"] == "90001"]
    per_axis = {a.id: 6 * len(a.statements) for a in SPEC.axes}
    per_axis[SPEC.axes[0].id] -= 1  # one « je ne sais pas »
    assert unit["answers"] == per_axis
    web = Client().get("/enquete/rapport/essai/").content.decode()
    for page in (html_render(report), web):
        page = page.split('id="c-90001"')[1]
        axes = _table(page, "Nombre de réponses notées derrière chaque score par axe")
        roles = _table(page, "Nombre de réponses notées derrière chaque score par rôle")
        for axis in SPEC.axes:
            # the collectivité; no peer; everyone is the collectivité
            assert axes[axis.label] == [str(per_axis[axis.id]), "aucune"] + [str(per_axis[axis.id])]
        assert roles["Agent"] == [str(per_axis[a.id]) for a in SPEC.axes]
        assert roles["Élu ou élue"] == ["pas assez de réponses"] * len(SPEC.axes)


def test_a_count_of_answers_is_printed_with_its_digit_groups() -> None:
    """« Ensemble des répondants » reached 1463 answers per axis in the quickstart's survey:
    printed « 1463 » beside the site's « 35 000 », it now reads « 1 463 » (no-break space)."""
    from barometre.survey.reports.charts import count

    assert count(1463) == "1\u00a0463"
    assert count(80) == "80"
    assert count(None) == "pas assez de réponses"


def test_the_statements_that_pull_an_axis_down_say_how_many_answers_they_rest_on(
    campaign,
) -> None:
    """The weakest axes' statements were printed « 50 — statement » with no number of answers,
    though each rests on its own (a « je ne sais pas » leaves a statement, not its axis)."""
    add_answers(campaign, "90001", 6, 2)
    first = SPEC.axes[0].statements[0].id
    add_response(campaign, "90001", {**dict.fromkeys(SPEC.statement_ids, 2), first: None})
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    units = {u["code"]: u for u in json.loads(json_render(report))["collectivites"]}
    unit = units["90001"]
    assert unit["statement_answers"][first] == 6 and unit["statement_answers"]["tec-saas"] == 7
    for weak in unit["weakest_axes"]:
        for statement in weak["statements"]:
            assert statement["answers"] == unit["statement_answers"][statement["id"]]
    page = html_render(report)
    interval = '<span class="nowrap">sans dispersion</span>'  # all answered 50: no margin
    shown = f"<strong>50</strong> {interval} ({{}}\u00a0réponses notées) — "
    assert shown.format(7) in page
    if any(s["id"] == first for w in unit["weakest_axes"] for s in w["statements"]):
        assert shown.format(6) in page
