"""Drawn in a browser, every chart of the standalone reports keeps its French text alternative
(Vega labels the element it draws in « Vega visualization »)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.a11y import drawn_chart_names, needs_chromium

NOW = datetime(2026, 3, 1, tzinfo=UTC)

pytestmark = needs_chromium


def test_the_campaign_report_charts_keep_their_french_text(
    after: Campaign, before: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (path,) = report_write(
        campaign="2026", compare="2014", formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    names = drawn_chart_names(path, "#chart-city-change svg")
    assert len(names) == 6
    for chart_id, role, label in names:
        assert role == "img" and "tableau qui le suit" in label, (chart_id, role, label)
