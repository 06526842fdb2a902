"""Two campaigns with no commune in common: the API, the JSON, HTML, CSV and XLSX reports and the
command say in French that nothing can be compared, instead of figures all null without a word."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from barometre.outputs.data import report_data
from barometre.outputs.html_report import html_render
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, tzinfo=UTC)
NO_COMMON = "Les campagnes « ici » et « ailleurs » n'ont aucune commune en commun\u00a0: rien ne "


@pytest.fixture
def apart():  # type: ignore[no-untyped-def]
    """« ici » (91101) measured before « ailleurs » (91102): no commune in common."""
    made = []
    for days, (name, code) in enumerate((("ici", "91101"), ("ailleurs", "91102"))):
        campaign = CampaignFactory(name=name, communes=[CommuneFactory(code=code)])
        Campaign.objects.filter(pk=campaign.pk).update(created_at=NOW + timedelta(days=days))
        set_cells(campaign, {(code, "urbanisme"): 2})
        made.append(Campaign.objects.get(pk=campaign.pk))
    return made


def test_the_api_says_the_campaigns_share_no_commune(client, apart):  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/comparisons", {"campaign": "ailleurs", "reference": "ici"}).json()
    assert body["overall"]["cells"] == 0 and body["communes_in_common"] == 0
    assert body["empty_reason"] == "no_common_commune"
    assert body["empty_message"].startswith(NO_COMMON)


def test_the_api_says_nothing_when_cells_pair(client, apart):  # type: ignore[no-untyped-def]
    apart[0].communes.add("91102")
    set_cells(apart[0], {("91102", "urbanisme"): 1})
    body = client.get("/api/v1/comparisons", {"campaign": "ailleurs", "reference": "ici"}).json()
    assert body["communes_in_common"] == 1 and body["overall"]["cells"] == 1
    assert body["empty_reason"] is None and body["empty_message"] is None


def test_the_reports_say_it(apart):  # type: ignore[no-untyped-def]
    data = report_data(campaign=apart[1], reference=apart[0], now=NOW, resamples=20)
    assert NO_COMMON in unescape(html_render(data))


def test_the_command_says_it_and_the_json_report_carries_it(apart, tmp_path):  # type: ignore[no-untyped-def]
    err, out = StringIO(), tmp_path / "r.json"
    call_command(
        "report", "--campaign", "ailleurs", "--compare", "ici", "--out", str(out), stderr=err
    )
    assert f"Attention\u00a0: {NO_COMMON}" in err.getvalue()
    comparison = json.loads(out.read_text())["comparison"]
    assert comparison["empty_reason"] == "no_common_commune"
    assert comparison["communes_in_common"] == 0
    assert comparison["empty_message"].startswith(NO_COMMON)


def test_the_spreadsheets_say_it_instead_of_an_empty_table(apart, tmp_path):  # type: ignore[no-untyped-def]
    paths = report_write(
        campaign="ailleurs", compare="ici", formats=["csv", "xlsx"], out=tmp_path, now=NOW
    )
    by_format = {p.suffix[1:]: p for p in paths}
    with by_format["csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["comparison_note"].startswith(NO_COMMON) for r in rows)
    assert all(r["mean_change"] == "" for r in rows)
    sheet = [
        [c for c in r if c is not None]
        for r in load_workbook(by_format["xlsx"])["Évolution"].values
    ]
    assert sheet[0] == ["Évolution", "ici", "→", "ailleurs"]
    assert sheet[1][0].startswith(NO_COMMON) and len(sheet) == 2  # no empty table under it


def test_the_csv_note_is_empty_when_cells_pair(apart, tmp_path):  # type: ignore[no-untyped-def]
    apart[0].communes.add("91102")
    set_cells(apart[0], {("91102", "urbanisme"): 1})
    out = report_write(
        campaign="ailleurs", compare="ici", formats=["csv"], out=tmp_path / "r.csv", now=NOW
    )
    with out[0].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["comparison_note"] for r in rows] == [""] and rows[0]["mean_change"] == "1.0"
