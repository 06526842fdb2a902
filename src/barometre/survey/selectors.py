"""Survey reads: the scores of every campaign that shares a questionnaire version."""

from __future__ import annotations

from collections.abc import Iterator

from barometre.survey.models import Questionnaire, SurveyCampaign, SurveyResponse, SurveyUnit
from barometre.survey.scoring import Response, SurveyScores, survey_scores
from barometre.survey.services.questionnaires import questionnaire_layout, questionnaire_spec


def unit_key(campaign_id: int, code: str) -> str:
    """Scores are keyed per campaign and collectivité: the same town surveyed twice is two units."""
    return f"{campaign_id}:{code}"


def _responses(questionnaire: Questionnaire, is_demo: bool) -> Iterator[Response]:
    rows = SurveyResponse.objects.filter(
        campaign__questionnaire=questionnaire, campaign__is_demo=is_demo
    ).values_list("campaign_id", "unit__code", "role", "answers")
    for campaign_id, code, role, answers in rows.iterator(chunk_size=5000):
        yield Response(unit_key(campaign_id, code), role, answers)


def survey_scores_of(*, questionnaire: Questionnaire, is_demo: bool = False) -> SurveyScores:
    """Scores of every collectivité in every campaign of this questionnaire version.

    Peers and "all respondents" therefore gather every campaign of the version; demonstration
    campaigns are scored apart, so made-up answers never reach real comparisons.
    """
    layout = questionnaire_layout(questionnaire_spec(questionnaire))
    brackets = {
        unit_key(campaign_id, code): bracket
        for campaign_id, code, bracket in SurveyUnit.objects.filter(
            campaign__questionnaire=questionnaire, campaign__is_demo=is_demo
        ).values_list("campaign_id", "code", "bracket")
    }
    return survey_scores(
        layout=layout, responses=_responses(questionnaire, is_demo), brackets=brackets
    )


def survey_campaigns_list() -> list[SurveyCampaign]:
    return list(
        SurveyCampaign.objects.select_related("questionnaire").order_by("-created_on", "name")
    )


def survey_previous_campaign(*, campaign: SurveyCampaign, code: str) -> SurveyCampaign | None:
    """The latest earlier campaign that surveyed the same collectivité, if any."""
    return (
        SurveyCampaign.objects.select_related("questionnaire")
        .filter(units__code=code, pk__lt=campaign.pk, is_demo=campaign.is_demo)
        .order_by("-created_on", "-pk")
        .first()
    )
