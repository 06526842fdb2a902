"""Demonstration data is flagged in every file and every sheet (a made-up ranking of real city
names never travels without its label)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from barometre.outputs.labels import DEMO_BANNER
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign

NOW = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture
def reports(after: Campaign, before: Campaign, tmp_path: Path) -> dict[str, Path]:
    Campaign.objects.filter(pk=after.pk).update(is_demo=True)
    paths = report_write(
        campaign="2026",
        compare="2014",
        formats=["html", "json", "csv", "xlsx"],
        out=tmp_path,
        now=NOW,
    )
    return {p.suffix[1:]: p for p in paths}


def test_every_csv_row_is_flagged(reports: dict[str, Path]) -> None:
    with reports["csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["is_demo"] for r in rows} == {"true"}


def test_every_xlsx_sheet_starts_with_the_banner(reports: dict[str, Path]) -> None:
    book = load_workbook(reports["xlsx"])
    assert len(book.worksheets) >= 4
    for sheet in book.worksheets:
        assert sheet["A1"].value == DEMO_BANNER, sheet.title


def test_json_and_html_are_flagged(reports: dict[str, Path]) -> None:
    assert json.loads(reports["json"].read_text("utf-8"))["is_demo"] is True
    assert DEMO_BANNER in reports["html"].read_text("utf-8")


def test_a_real_campaign_is_not_flagged(after: Campaign, tmp_path: Path) -> None:
    (path,) = report_write(campaign="2026", formats=["csv"], out=tmp_path / "r.csv", now=NOW)
    with path.open(encoding="utf-8", newline="") as handle:
        assert {r["is_demo"] for r in csv.DictReader(handle)} == {"false"}
