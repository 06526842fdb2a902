"""The XLSX « Communes » sheet says why a cell is empty, as the ranking's CSV does."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from barometre.outputs.published import published_cache_clear
from barometre.outputs.services import report_write
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def test_the_communes_sheet_has_a_status_for_its_empty_cells(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Its empty level-4 cell meant either « no service that can reach level 4 » or « every
    cell sans objet, no figure at all »: the `statut` column says which."""
    published_cache_clear()
    communes = [CommuneFactory(code=f"{86001 + i}", population=5000 - i) for i in range(3)]
    campaign = CampaignFactory(name="statuts", communes=communes)
    set_cells(
        campaign,
        {
            ("86001", "urbanisme"): 4,
            ("86002", "titres-identite"): 3,  # no measured service can reach level 4
            ("86003", "titres-identite"): "na",  # every measured cell « sans objet »
        },
    )
    (path,) = report_write(campaign="statuts", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW)
    published_cache_clear()
    header, *rows = book_rows = list(load_workbook(path)["Communes"].values)
    assert book_rows and header[-1] == "statut"
    level_4 = 7  # the third share: at level 4 or above
    by_code = {r[1]: r for r in rows}
    assert by_code["86001"][level_4] == 1 and by_code["86001"][-1] == "classée"
    assert by_code["86002"][level_4] is None and by_code["86003"][level_4] is None
    assert by_code["86002"][-1].startswith("classée, niveau 4 ou plus vide\u00a0: aucun")
    assert by_code["86003"][-1].startswith("non classée\u00a0: toutes ses cellules mesurées")
