"""Times in reports: machine values in UTC (ISO 8601, « Z »), as the API and the open data give
them; the words a reader reads in Europe/Paris, winter and summer, saying so."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from barometre.outputs.services import report_write
from barometre.referential.models import Campaign


@pytest.mark.parametrize(
    ("now", "iso", "shown"),
    [
        (
            datetime(2026, 3, 1, 9, 0, 7, 250_000, tzinfo=UTC),
            "2026-03-01T09:00:07Z",
            "1er mars 2026 à 10:00 (heure de Paris, UTC+01:00)",
        ),
        (
            datetime(2026, 7, 1, 22, 30, tzinfo=UTC),
            "2026-07-01T22:30:00Z",
            "2 juillet 2026 à 00:30 (heure de Paris, UTC+02:00)",
        ),
    ],
)
def test_generated_at_in_utc_for_machines_in_paris_for_readers(
    after: Campaign, tmp_path: Path, now: datetime, iso: str, shown: str
) -> None:
    paths = report_write(campaign="2026", formats=["json", "html", "xlsx"], out=tmp_path, now=now)
    by_format = {p.suffix[1:]: p for p in paths}
    assert json.loads(by_format["json"].read_text("utf-8"))["generated_at"] == iso
    # the HTML raises the ordinal's letters (« 1<sup>er</sup> »), the spreadsheet cannot
    assert shown.replace("1er", "1<sup>er</sup>") in by_format["html"].read_text("utf-8")
    summary = load_workbook(by_format["xlsx"])["Synthèse"]
    generated = next(r for r in summary.iter_rows() if r[0].value == "généré le (UTC)")
    assert generated[1].is_date and generated[1].value.isoformat() + "Z" == iso
    assert generated[1].number_format == 'yyyy-mm-dd"T"hh:mm:ss"Z"'
    assert generated[2].value == shown
