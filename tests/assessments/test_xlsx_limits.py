"""Excel's limits never cut a text silently: a cell holds 32,767 characters (openpyxl dropped
the end of a longer text without a word) and a sheet's name 31 (openpyxl only warned, and Excel
would not open the file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from barometre.assessments.models import Assessment
from barometre.assessments.services import assessments_export, assessments_import
from barometre.core.spreadsheet import XLSX_CELL_CHARS, XLSX_CUT, xlsx_sheet

LONG_NOTE = "Justification détaillée. " * 2_000  # 50 000 characters


def test_a_note_longer_than_a_cell_holds_says_it_is_cut(campaign, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    grid = tmp_path / "grille.csv"
    grid.write_text(
        "commune_code,service_id,level,evidence_url,note\n75056,urbanisme,3,https://ville.test/a,x\n",
        encoding="utf-8",
    )
    assessments_import(campaign=campaign, path=grid, author="analyste", now=timezone.now())
    Assessment.objects.update(note=LONG_NOTE)
    out = tmp_path / "export.xlsx"
    assessments_export(campaign=campaign, out=out)
    texts = [
        v
        for row in load_workbook(out).active.iter_rows(values_only=True)
        for v in row
        if isinstance(v, str) and v.startswith("Justification")
    ]
    assert len(texts) == 1
    (note,) = texts
    assert len(note) == XLSX_CELL_CHARS and note.endswith(XLSX_CUT)
    assert "texte coupé\u00a0: une cellule XLSX tient au plus 32\u00a0767 caractères" in note
    assert LONG_NOTE.startswith(note[: -len(XLSX_CUT)])
    csv_out = tmp_path / "export.csv"
    assessments_export(campaign=campaign, out=csv_out)
    assert LONG_NOTE.strip() in csv_out.read_text("utf-8")  # whole there, as the cell says


def test_a_sheet_name_longer_than_excel_takes_is_refused() -> None:
    book = Workbook(write_only=True)
    assert xlsx_sheet(book, "x" * 31).title == "x" * 31
    with pytest.raises(ValueError, match="Nom de feuille XLSX trop long \\(32 caractères, 31"):
        xlsx_sheet(book, "y" * 32)
