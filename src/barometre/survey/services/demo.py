"""A made-up survey campaign for the demonstration (seeded, labelled as such everywhere)."""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction

from barometre.core.errors import BarometreError
from barometre.survey.models import SurveyCampaign, SurveyResponse
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.services.campaigns import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from barometre.survey.services.questionnaires import questionnaire_spec

DEMO_SURVEY = "demo-enquete-2026"
DEMO_SURVEY_BEFORE = "demo-enquete-2024"  # the same communes two years earlier, a little lower
DEMO_SURVEY_UNITS = ("69123", "44109", "51454", "49007")  # communes of the demo referential
ROLE_WEIGHTS = {"agent": 0.62, "encadrant": 0.2, "dsi": 0.06, "elu": 0.07, "direction": 0.05}


def _answer(rng: random.Random, level: float) -> int | None:
    if rng.random() < 0.08:
        return None  # "je ne sais pas"
    return max(0, min(4, round(rng.gauss(level, 1.0))))


def survey_demo_load(
    *,
    today: date,
    respondents: int = 80,
    units: tuple[str, ...] = DEMO_SURVEY_UNITS,
    seed: int = 2026,
) -> int:
    """Create and fill the two demonstration campaigns; return the answers added (0 if present)."""
    existing = SurveyCampaign.objects.filter(name__in=(DEMO_SURVEY_BEFORE, DEMO_SURVEY))
    if any(not c.is_demo for c in existing):
        raise BarometreError(
            f"Une campagne d'enquête « {DEMO_SURVEY} » ou « {DEMO_SURVEY_BEFORE} » existe et "
            "n'est pas une démonstration : renommez-la avant de lancer quickstart."
        )
    if existing.count() == 2:
        return 0
    SurveyCampaign.objects.filter(name__in=(DEMO_SURVEY_BEFORE, DEMO_SURVEY)).delete()
    rng = random.Random(seed)
    # each commune keeps its profile (overall level, strong and weak axes) from one campaign to
    # the next, so that the change between them is the lift, not two unrelated draws
    axes = [a.id for a in default_questionnaire().axes]
    profiles = {
        code: (rng.uniform(1.2, 2.8), {a: rng.uniform(-0.8, 0.8) for a in axes}) for code in units
    }
    added = 0
    for name, lift in ((DEMO_SURVEY_BEFORE, -0.4), (DEMO_SURVEY, 0.0)):
        added += _demo_campaign(name, profiles, respondents, today, rng, lift)
    return added


Profile = tuple[float, dict[str, float]]  # a commune's level and each axis's shift from it


def _demo_campaign(
    name: str,
    profiles: dict[str, Profile],
    respondents: int,
    today: date,
    rng: random.Random,
    lift: float,
) -> int:
    with transaction.atomic():
        campaign = survey_campaign_create(
            name=name, collectivites=list(profiles), today=today, is_demo=True
        )
        spec = questionnaire_spec(campaign.questionnaire)
        rows = []
        for unit in campaign.units.all():
            level, shift = profiles[unit.code]
            base = level + lift
            for _ in range(respondents):
                role = rng.choices(list(ROLE_WEIGHTS), weights=list(ROLE_WEIGHTS.values()))[0]
                senior = 0.5 if role in ("direction", "elu") else 0.0
                answers = {
                    s.id: _answer(rng, base + shift[s.axis] + senior) for s in spec.statements
                }
                rows.append(
                    SurveyResponse(
                        campaign=campaign,
                        unit=unit,
                        role=role,
                        answers=answers,
                        submitted_on=today,
                        channel=SurveyResponse.Channel.DEMO,
                    )
                )
        SurveyResponse.objects.bulk_create(rows, batch_size=2000)
    survey_campaign_open(name=name)  # only an open campaign closes
    survey_campaign_close(name=name)
    return len(rows)
