"""A share of cells that is neither none nor all never prints « 0 % » or « 100 % »: one cell
at level 4 of 224 is 0,4 %, not the « 0 % » that reads as none, and 223 of 224 are 99,6 %, not
« 100 % », in the HTML report, the XLSX sheets and the web pages (`labels.percent`). A true
zero stays « 0 % »."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import load_workbook

from barometre.outputs.labels import percent
from barometre.outputs.services import report_write
from barometre.referential.catalogue import default_catalogue
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)
FOUR = [s for s in default_catalogue().services if s.max_level >= 4]


def _campaign(level: int, odd: int) -> Campaign:
    """14 communes, every cell of a service that can reach level 4 at `level`, but one at
    `odd`: 1 of 224 cells."""
    communes = [CommuneFactory(code=f"94{i:03d}", name=f"Ville {i}") for i in range(14)]
    campaign = CampaignFactory(name="2026", communes=communes)
    levels: dict[tuple[str, str], int | str] = {
        (c.code, s.id): level for c in communes for s in FOUR
    }
    levels["94000", FOUR[0].id] = odd
    set_cells(campaign, levels)
    assert len(levels) == 224
    return campaign


@pytest.mark.parametrize(("level", "odd", "shown"), [(1, 4, "0,4"), (4, 1, "99,6")])
def test_one_cell_in_224_prints_0_4_or_99_6_percent(  # type: ignore[no-untyped-def]
    db, tmp_path: Path, level: int, odd: int, shown: str
) -> None:
    _campaign(level, odd)
    html, xlsx = report_write(campaign="2026", formats=["html", "xlsx"], out=tmp_path, now=NOW)
    text = html.read_text(encoding="utf-8")
    assert f"{shown}\u00a0%" in text
    rows = list(load_workbook(xlsx)["Synthèse"].iter_rows())
    overall = next(r for r in rows if r[0].value == "Ensemble")
    assert overall[9].value in (1 / 224, 223 / 224)
    assert overall[9].number_format == "0.0%"  # level 4 or more


def test_the_web_pages_print_the_share_at_level_4_as_0_4_percent(client, db) -> None:  # type: ignore[no-untyped-def]
    _campaign(1, 4)
    page = client.get("/campagne/2026/").content.decode()
    assert "0,4\u00a0%" in page


def test_a_true_zero_and_a_whole_keep_0_and_100_percent() -> None:
    with translation.override("fr"):
        assert percent(0.0) == "0\u00a0%"
        assert percent(1.0) == "100\u00a0%"
        assert percent(0.003) == "0,3\u00a0%"
        assert percent(215 / 216) == "99,5\u00a0%"
        assert percent(0.575) == "58\u00a0%"
        assert percent(0.003, 0) == "0\u00a0%"  # decimals asked for are kept


def test_the_charts_tooltips_print_the_share_as_the_tables(db) -> None:  # type: ignore[no-untyped-def]
    """The ranking's tooltip prints a city's share as its table (`labels.percent`); the level
    distribution's: 1 cell of 224 at level 1 is « 0,4 % », never « 0,0 % »."""
    from barometre.outputs.charts import level_distribution, ranking
    from barometre.outputs.data import report_data

    campaign = _campaign(4, 1)
    data = report_data(campaign=campaign, now=NOW)
    with translation.override("fr"):
        first = {v["city"].split(". ", 1)[1]: v for v in ranking(data)["data"]["values"]}["Ville 0"]
        levels = level_distribution(data)["data"]["values"]
    share = next(c.share_of_max for c in data.scores.by_city if c.name == "Ville 0")
    assert first["share_label"] == percent(share) == "93\u00a0%"  # 0.928125, as in the table
    overall = {v["level"]: v for v in levels if v["group"] == "Ensemble"}
    shares = sorted(v["share_label"] for v in overall.values() if v["cells"] == 1)
    assert shares == ["0,4\u00a0%"]
