"""Times in reports say their zone: Europe/Paris, winter and summer."""

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
            datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
            "2026-03-01T10:00:00+01:00",
            "1er mars 2026 à 10:00 (heure de Paris, UTC+01:00)",
        ),
        (
            datetime(2026, 7, 1, 22, 30, tzinfo=UTC),
            "2026-07-02T00:30:00+02:00",
            "2 juillet 2026 à 00:30 (heure de Paris, UTC+02:00)",
        ),
    ],
)
def test_generated_at_in_europe_paris(
    after: Campaign, tmp_path: Path, now: datetime, iso: str, shown: str
) -> None:
    paths = report_write(campaign="2026", formats=["json", "html", "xlsx"], out=tmp_path, now=now)
    by_format = {p.suffix[1:]: p for p in paths}
    assert json.loads(by_format["json"].read_text("utf-8"))["generated_at"] == iso
    assert shown in by_format["html"].read_text("utf-8")
    summary = load_workbook(by_format["xlsx"])["Synthèse"]
    generated = next(r for r in summary.iter_rows() if r[0].value == "généré le (heure de Paris)")
    assert generated[1].is_date and generated[1].value.isoformat() == iso[:19]
    assert generated[2].value == shown
