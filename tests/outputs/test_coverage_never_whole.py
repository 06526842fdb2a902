"""A partial coverage never prints « 100 % » beside « Couverture partielle »: 215 cells measured
of 216 are 99,5 %, in the HTML report's headline, the XLSX summary and the web pages."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import load_workbook

from barometre.outputs.services import report_write
from barometre.referential.catalogue import default_catalogue
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture
def all_but_one(db):  # type: ignore[no-untyped-def]
    """12 communes × 18 services, every cell measured but one: 215 of 216."""
    communes = [CommuneFactory(code=f"93{i:03d}", name=f"Ville {i}") for i in range(12)]
    campaign = CampaignFactory(name="2026", communes=communes)
    slugs = [s.id for s in default_catalogue().services]
    levels: dict[tuple[str, str], int | str] = {(c.code, s): 2 for c in communes for s in slugs}
    del levels["93000", slugs[0]]
    set_cells(campaign, levels)
    assert len(levels) == 215 and len(slugs) * len(communes) == 216
    return campaign


def test_the_html_headline_and_the_xlsx_say_99_5_percent(all_but_one, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    html, xlsx = report_write(campaign="2026", formats=["html", "xlsx"], out=tmp_path, now=NOW)
    headline = html.read_text(encoding="utf-8").split("<main>")[0]
    assert "215 cellules mesurées sur\u00a0216 (99,5\u00a0%)" in headline, headline[-600:]
    rows = list(load_workbook(xlsx)["Synthèse"].iter_rows())
    cells = next(r for r in rows if r[0].value == "cellules")
    assert cells[3].value == 215 / 216 and cells[3].number_format == "0.0%"


def test_the_web_coverage_line_says_99_5_percent(client, all_but_one) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/campagne/2026/").content.decode()
    assert "215</strong> cellules mesurées sur\u00a0216 (99,5\u00a0%)" in page


def test_a_share_neither_0_nor_1_never_prints_0_or_100_percent() -> None:
    from barometre.outputs.labels import partial_percent, share_digits

    with translation.override("fr"):
        assert partial_percent(629_441 / 629_442) == "99,9998\u00a0%"
        assert partial_percent(1 / 1000) == "0,1\u00a0%"
        assert partial_percent(0.57) == "57\u00a0%"
        assert partial_percent(1.0) == "100\u00a0%"
        assert partial_percent(0.0) == "0\u00a0%"
    assert share_digits(None) == 0


def test_one_reviewed_level_in_a_thousand_is_not_none_reviewed() -> None:
    """« propositions automatiques non relues : 100 % » said no auditor had reviewed a level."""
    from barometre.assessments.selectors import Origins
    from barometre.outputs.coverage import origins_figure

    with translation.override("fr"):
        figure = origins_figure(Origins(automatic=999, reviewed=1))
    assert figure is not None
    assert figure[1] == "99,9\u00a0%"
