"""The XLSX « Communes × services » sheet as a spreadsheet reader meets it: its columns
were headed by the services' ids (« actes-etat-civil »), and nothing said what « s.o. » or an
empty cell meant. The labels head it now, a « Services » sheet gives each label's id (the
CSV's and the JSON's column), and a line above the table says what a cell holds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from barometre.outputs.services import report_write
from barometre.referential.catalogue import default_catalogue
from barometre.referential.models import Campaign

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def test_the_grid_is_headed_by_the_services_labels_their_ids_in_a_sheet_of_their_own(
    after: Campaign, tmp_path: Path
) -> None:
    (path,) = report_write(campaign="2026", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW)
    book = load_workbook(path)
    grid = [list(r) for r in book["Communes × services"].iter_rows(values_only=True)]
    legend, header = grid[0][0], grid[1]
    assert "s.o.\u00a0: sans objet" in legend and "case vide\u00a0: non mesuré" in legend
    services = default_catalogue().services
    assert header == ["code", "commune", *(s.label for s in services)]
    # the header and the communes stay in view
    assert book["Communes × services"].freeze_panes == "C3"
    listed = [list(r) for r in book["Services"].iter_rows(values_only=True)]
    assert listed[0][:2] == ["service", "identifiant (rapports CSV et JSON)"]
    assert [(r[0], r[1], r[3]) for r in listed[1:]] == [
        (s.label, s.id, s.max_level) for s in services
    ]
    assert listed[1][2] == "État civil"
