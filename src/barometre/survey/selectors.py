"""Survey reads: the scores of every campaign that shares a questionnaire version."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Max, Q, QuerySet

from barometre.survey.models import Questionnaire, SurveyCampaign, SurveyResponse, SurveyUnit
from barometre.survey.scoring import MIN_GROUP, Response, SurveyScores, survey_scores
from barometre.survey.services.questionnaires import questionnaire_layout, questionnaire_spec


def unit_key(campaign_id: int, code: str) -> str:
    """Scores are keyed per campaign and collectivité: the same town surveyed twice is two units."""
    return f"{campaign_id}:{code}"


def unit_code(key: str) -> str:
    """The collectivité of a unit key."""
    return key.split(":", 1)[1]


def _campaigns(questionnaire: Questionnaire, is_demo: bool, provisional: int | None) -> Q:
    """Closed campaigns of this version (and the campaign of a provisional report, if any)."""
    closed = Q(status=SurveyCampaign.Status.CLOSED)
    return Q(questionnaire=questionnaire, is_demo=is_demo) & (
        closed | Q(pk=provisional) if provisional is not None else closed
    )


def _responses(campaigns: Q) -> Iterator[Response]:
    rows = SurveyResponse.objects.filter(
        campaign__in=SurveyCampaign.objects.filter(campaigns)
    ).values_list("campaign_id", "unit__code", "role", "answers")
    for campaign_id, code, role, answers in rows.iterator(chunk_size=5000):
        yield Response(unit_key(campaign_id, code), role, answers)


def survey_scores_of(
    *, questionnaire: Questionnaire, is_demo: bool = False, provisional: int | None = None
) -> SurveyScores:
    """Scores of every collectivité in the closed campaigns of this questionnaire version.

    An open campaign is never scored for publication: two reports of it, before and after one
    more answer, would give that answer by difference. `provisional` (a campaign id) adds one
    campaign for an internal provisional report, kept out of the peers and all respondents.
    Those pools hold one campaign per collectivité, its latest closed one that publishes it.
    Demonstration campaigns are scored apart, so made-up answers never reach real comparisons.
    """
    layout = questionnaire_layout(questionnaire_spec(questionnaire))
    campaigns = _campaigns(questionnaire, is_demo, provisional)
    brackets = {
        unit_key(campaign_id, code): bracket
        for campaign_id, code, bracket in SurveyUnit.objects.filter(
            campaign__in=SurveyCampaign.objects.filter(campaigns)
        ).values_list("campaign_id", "code", "bracket")
    }
    return survey_scores(
        layout=layout,
        responses=_responses(campaigns),
        brackets=brackets,
        pooled=_pool(questionnaire, is_demo),
    )


def _published_units() -> QuerySet[SurveyUnit]:
    """The collectivités of closed campaigns whose figures are published (MIN_GROUP respondents
    or more). One with 1 to 4 is treated as one with none, wherever another campaign is read
    (pools, change since an earlier campaign): telling them apart would show who took part."""
    return (
        SurveyUnit.objects.filter(campaign__status=SurveyCampaign.Status.CLOSED)
        .annotate(respondents=Count("responses"))
        .filter(respondents__gte=MIN_GROUP)
    )


def _pool(questionnaire: Questionnaire, is_demo: bool) -> set[str]:
    """The units gathered in peers and all respondents: for each collectivité, its latest closed
    campaign that publishes it. A collectivité surveyed twice counts once, and a closed
    report's pools change only when another campaign closes."""
    latest: dict[str, str] = {}
    units = (
        _published_units()
        .filter(campaign__questionnaire=questionnaire, campaign__is_demo=is_demo)
        .order_by("campaign__created_on", "campaign_id")
        .values_list("campaign_id", "code")
        .distinct()
    )
    for campaign_id, code in units:
        latest[code] = unit_key(campaign_id, code)  # the later overwrites the earlier
    return set(latest.values())


def survey_campaigns_public() -> QuerySet[SurveyCampaign]:
    """The campaigns the public may know of: open ones (by name only: their respondents are
    pointed to their report page, which publishes nothing before the close) and closed ones. A
    campaign in preparation is its coordinator's business: no public page names it."""
    return SurveyCampaign.objects.exclude(status=SurveyCampaign.Status.DRAFT)


def survey_campaigns_list() -> list[SurveyCampaign]:
    return list(
        survey_campaigns_public().select_related("questionnaire").order_by("-created_on", "name")
    )


def survey_previous_campaign(*, campaign: SurveyCampaign, code: str) -> SurveyCampaign | None:
    """The latest earlier closed campaign that published the same collectivité, if any: one
    where it had fewer than MIN_GROUP respondents is passed over as one where it had none."""
    unit = (
        _published_units()
        .select_related("campaign__questionnaire")
        .filter(code=code, campaign__pk__lt=campaign.pk, campaign__is_demo=campaign.is_demo)
        .order_by("-campaign__created_on", "-campaign_id")
        .first()
    )
    return unit.campaign if unit is not None else None


def survey_report_state(*, today: date) -> str:
    """A digest that changes with anything a closed campaign's report shows (`survey_data_state`)
    and the day it prints. For keeping the files the report page offers (a PDF takes about a
    second per collectivité to lay out); the cache's keys hold the code's digest."""
    text = f"{today}|{survey_data_state()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def survey_data_state() -> str:
    """A digest that changes with any figure a closed campaign's results may show: every
    campaign (its status, which closes it and adds it to the peers' pool; its name; its
    collectivités), the answers (their number and the last one: an answer is never changed) and
    the referential's names and brackets; not the day, which no figure depends on."""
    from barometre.referential.selectors import referential_version

    campaigns = SurveyCampaign.objects.order_by("pk").values_list(
        "pk", "name", "status", "is_demo", "questionnaire_id", "created_on"
    )
    units = SurveyUnit.objects.order_by("pk").values_list(
        "pk", "campaign_id", "code", "name", "bracket"
    )
    answers = SurveyResponse.objects.aggregate(n=Count("pk"), last=Max("pk"))
    text = repr((referential_version(), list(campaigns), list(units), answers))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
