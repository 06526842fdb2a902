"""A collectivité's campaign with fewer than 5 respondents is treated as one with none, in every
output that reads earlier or other campaigns: the change since an earlier campaign, and the peers
and all respondents. Telling 1 to 4 respondents from none would show who took part where few
could (MATURITY.md: a group under 5 is "not enough answers")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from barometre.survey.models import SurveyCampaign
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from barometre.survey.services.reports import survey_report_write
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY, add_answers


def _campaign(name: str, codes: list[str], answers: dict[str, tuple[int, int]]) -> SurveyCampaign:
    """A closed campaign; `answers`: code -> (respondents, value of every answer)."""
    campaign = survey_campaign_create(name=name, collectivites=codes, today=TODAY)
    for code, (count, value) in answers.items():
        add_answers(campaign, code, count, value=value)
    survey_campaign_open(name=name)  # only an open campaign closes
    return survey_campaign_close(name=name)


def _report(name: str, out: Path) -> dict[str, object]:
    path = survey_report_write(campaign=name, fmt="json", out=out / f"{name}.json", today=TODAY)
    return json.loads(path.read_text(encoding="utf-8"))


def _html(name: str, out: Path) -> str:
    path = survey_report_write(campaign=name, fmt="html", out=out / f"{name}.html", today=TODAY)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("between", [0, 3])
def test_change_is_since_the_latest_earlier_campaign_that_published(
    db: None, tmp_path: Path, between: int
) -> None:
    """Villebelle: 6 respondents at 2 (50), then a campaign with `between` respondents (0 or 3:
    unpublished), then 7 at 3 (75). The change is +25 since the first campaign, whatever the one
    between had: with 3, the report showed « Évolution depuis la campagne milieu » with a dash
    everywhere, and with none no change at all, which told 1 to 4 respondents from none."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    _campaign("debut", ["90001"], {"90001": (6, 2)})
    _campaign("milieu", ["90001"], {"90001": (between, 1)} if between else {})
    _campaign("fin", ["90001"], {"90001": (7, 3)})
    unit = _report("fin", tmp_path)["collectivites"][0]
    assert unit["evolution"]["since"] == "debut"
    assert unit["evolution"]["axes"]["gouvernance"] == 25.0
    html = _html("fin", tmp_path)
    assert 'Évolution depuis la campagne <span class="held-name">debut</span>' in html
    assert "milieu" not in html
    # every respondent answered alike, each time: no margin, and no verdict on chance
    assert '<td class="change-cell">+25<span class="verdict">marge impossible' in html


def test_no_change_when_no_earlier_campaign_published(db: None, tmp_path: Path) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    _campaign("petit", ["90001"], {"90001": (3, 1)})
    _campaign("fin", ["90001"], {"90001": (7, 3)})
    assert _report("fin", tmp_path)["collectivites"][0]["evolution"] is None
    assert "Évolution depuis" not in _html("fin", tmp_path)


@pytest.mark.parametrize("later", [0, 3])
def test_peers_keep_a_collectivites_latest_published_campaign(
    db: None, tmp_path: Path, later: int
) -> None:
    """Valjoli published 8 respondents at 1 (25); its later campaign had 0 or 3 respondents.
    Villebelle's peers are Valjoli's 8 either way: a later campaign with 3 respondents took
    Valjoli out of the peers and all respondents, one with none did not, so any report told
    the two apart."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90003", name="Valjoli", population=15_000)  # the same bracket
    _campaign("valjoli", ["90003"], {"90003": (8, 1)})
    _campaign("valjoli-2", ["90003"], {"90003": (later, 4)} if later else {})
    _campaign("villebelle", ["90001"], {"90001": (6, 3)})
    report = _report("villebelle", tmp_path)
    peers = report["collectivites"][0]["peers"]
    assert peers["respondents"] == 8 and peers["axes"]["gouvernance"] == 25.0
    assert report["all_respondents"]["respondents"] == 8 + 6
