"""A campaign in the API carries its mean level and its mean of city means with their 95 %
bootstrap intervals, the JSON report's `mean_level_ci` and
`mean_of_city_means_ci`, rounded to 6 decimals as every API figure; null below 2
communes, as in the report."""

from __future__ import annotations

import pytest
from django.utils import timezone

from barometre.core.spreadsheet import decimals
from barometre.outputs.json_report import report_dict
from barometre.outputs.published import published_report
from tests.api.conftest import get
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db


def test_the_campaign_gives_the_json_reports_intervals(client, after) -> None:  # type: ignore[no-untyped-def]
    report = report_dict(published_report(campaign=after, now=timezone.now()))
    one = get(client, "/api/v1/campaigns/2026")
    for name in ("mean_level", "mean_of_city_means"):
        assert one[name] == decimals(report[name])
        interval = one[f"{name}_ci"]
        expected = report[f"{name}_ci"]
        assert expected is not None
        assert {k: interval[k] for k in ("low", "high")} == {
            k: decimals(v) for k, v in expected.items()
        }
        assert interval["level"] == 0.95 and interval["resamples"] > 0
        assert interval["low"] <= one[name] <= interval["high"]


def test_one_commune_has_no_interval(client) -> None:  # type: ignore[no-untyped-def]
    commune = CommuneFactory(code="95001", name="Seule")
    campaign = CampaignFactory(name="2026", communes=[commune])
    set_cells(campaign, {("95001", "actes-etat-civil"): 3})
    one = get(client, "/api/v1/campaigns/2026")
    assert one["mean_level"] == 3.0
    assert one["mean_level_ci"] is None and one["mean_of_city_means_ci"] is None
