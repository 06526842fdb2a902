"""Coverage in every format and in the headline; communes with no measured cell listed apart."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from barometre.outputs.services import report_write
from barometre.referential.models import Campaign

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _write(tmp_path: Path, fmt: str) -> Path:
    (path,) = report_write(campaign="2026", formats=[fmt], out=tmp_path / f"r.{fmt}", now=NOW)
    return path


def test_html_headline_says_partial_coverage_and_lists_unmeasured(
    after: Campaign, tmp_path: Path
) -> None:
    html = _write(tmp_path, "html").read_text(encoding="utf-8")
    headline = html.split("<main>")[0]
    assert (
        "Couverture partielle : 36 cellules mesurées sur\u00a054 (67\u00a0%), "
        "dans 2 communes sur\u00a03" in (headline)
    )
    assert "Communes sans cellule mesurée" in html
    assert "1 commune de la campagne n'a aucune cellule mesurée" in html
    ranking = html.split('id="section-ranking"')[1].split("</section>")[0]
    assert "Cville" not in ranking


def test_csv_lists_unmeasured_communes_last_without_figures(
    after: Campaign, tmp_path: Path
) -> None:
    with _write(tmp_path, "csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    last = rows[-1]
    assert (last["commune_code"], last["rank"], last["mean_level"]) == ("90003", "", "")
    assert (last["cells"], last["unmeasured_cells"], last["bibliotheque"]) == ("0", "18", "")
    assert {r["campaign_coverage"] for r in rows} == {"0.666667"}


def test_xlsx_summary_gives_coverage_and_a_sheet_lists_unmeasured(
    after: Campaign, tmp_path: Path
) -> None:
    book = load_workbook(_write(tmp_path, "xlsx"))
    summary = [r for r in book["Synthèse"].iter_rows(values_only=True)]
    assert ("couverture", "mesurées", "de la campagne", "part mesurée") in [r[:4] for r in summary]
    assert ("cellules", 36, 54) in [r[:3] for r in summary]
    assert ("communes", 2, 3) in [r[:3] for r in summary]
    rows = [r[:2] for r in summary]
    assert ("propositions automatiques non relues", 0) in rows
    # 36 cells imported, one of them « sans objet »: no level
    assert ("niveaux importés", 35) in rows
    assert ("«\u00a0sans objet\u00a0» importés", 1) in rows
    assert any(str(r[0]).startswith("Couverture partielle") for r in summary)
    unmeasured = list(book["Non mesurées"].iter_rows(values_only=True))
    assert ("90003", "Cville") in [r[:2] for r in unmeasured]


def test_a_fully_measured_campaign_has_no_coverage_warning(after: Campaign, tmp_path: Path) -> None:
    after.communes.remove(after.communes.get(code="90003"))
    html = _write(tmp_path, "html").read_text(encoding="utf-8")
    assert "Couverture partielle" not in html and "Communes sans cellule mesurée" not in html
