"""The demonstration survey: seeded, a few hundred respondents, labelled in every output."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from barometre.survey.models import SurveyCampaign, SurveyResponse
from barometre.survey.services import survey_campaign_close
from barometre.survey.services.demo import DEMO_SURVEY, DEMO_SURVEY_UNITS, survey_demo_load
from barometre.survey.services.reports import survey_report_write
from tests.factories import CommuneFactory


def test_demo_survey_is_seeded_labelled_and_loaded_once(db: None, tmp_path: Path) -> None:
    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000 * (i + 1))
    added = survey_demo_load(today=date(2026, 12, 3))
    assert added == 2 * 80 * len(DEMO_SURVEY_UNITS)  # two campaigns, for the evolution
    assert survey_demo_load(today=date(2026, 12, 3)) == 0
    campaign = SurveyCampaign.objects.get(name=DEMO_SURVEY)
    assert campaign.is_demo and campaign.status == "closed"
    assert SurveyCampaign.objects.filter(is_demo=True).count() == 2
    assert set(SurveyResponse.objects.values_list("channel", flat=True)) == {"demo"}
    out = survey_report_write(campaign=DEMO_SURVEY, fmt="json", out=tmp_path, today=date.today())
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["notice"].startswith("Données de démonstration")
    assert len(report["collectivites"]) == len(DEMO_SURVEY_UNITS)
    for unit in report["collectivites"]:
        assert unit["evolution"]["since"] == "demo-enquete-2024"
        assert unit["evolution"]["overall"] is not None
    html = survey_report_write(campaign=DEMO_SURVEY, fmt="html", out=tmp_path, today=date.today())
    text = html.read_text(encoding="utf-8")
    assert text.count("Données de démonstration") >= 1 + len(DEMO_SURVEY_UNITS)


def test_demo_answers_never_reach_real_peers(campaign, tmp_path: Path) -> None:
    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=12_000)  # Villebelle's bracket
    survey_demo_load(today=date(2026, 12, 3))
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            campaign=campaign,
            unit=campaign.units.get(code="90001"),
            role="agent",
            answers={},
            submitted_on=date(2026, 12, 3),
            channel="import",
        )
        for _ in range(5)
    )
    survey_campaign_close(name="essai")
    out = survey_report_write(campaign="essai", fmt="json", out=tmp_path, today=date.today())
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["all_respondents"]["respondents"] == 5
    # Villebelle is not its own peer, and the demonstration communes of its bracket are not
    assert report["collectivites"][0]["peers"]["respondents"] is None


def test_demo_change_between_its_two_campaigns_is_a_modest_rise(db: None, tmp_path: Path) -> None:
    """The 2024 campaign is « the same communes two years earlier, a little lower »: each
    commune's level and axes were drawn again for it, and the report showed changes from −10 to
    +63 points in two years, which no reader of the demonstration should take as plausible."""
    for i, code in enumerate(DEMO_SURVEY_UNITS):
        CommuneFactory(code=code, name=f"Démo {i}", population=20_000 * (i + 1))
    survey_demo_load(today=date(2026, 12, 3))
    out = survey_report_write(campaign=DEMO_SURVEY, fmt="json", out=tmp_path, today=date.today())
    for unit in json.loads(out.read_text(encoding="utf-8"))["collectivites"]:
        changes = [c for c in unit["evolution"]["axes"].values() if c is not None]
        assert 0 < unit["evolution"]["overall"] < 15
        assert len(changes) == 6 and all(-5 < c < 20 for c in changes)
