"""`barometre assessments template`: the campaign's empty grid, filled in and imported back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from barometre.assessments.models import Cell
from barometre.assessments.services import assessments_import
from barometre.core.errors import ValidationFailed


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("assessments", "template", *args, stdout=out)
    return out.getvalue()


def test_long_template_lists_every_commune_and_service(campaign, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "grille.csv"
    text = _command("--campaign", "2026", "--out", str(out))
    assert "2 communes, 36 cellules à remplir" in text
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 36
    assert rows[0] == {
        "commune_code": "69123",
        "service_id": "actes-etat-civil",
        "level": "",
        "evidence_url": "",
        "note": "",
        "commune_name": "Lyon",
        "service_label": "Demande d'acte de naissance, de mariage ou de décès",
    }
    assert {r["commune_code"] for r in rows} == {"69123", "75056"}  # Marseille is not in it


def test_wide_template_filled_in_imports(campaign, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "grille.csv"
    _command("--campaign", "2026", "--out", str(out), "--wide")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["commune_code"] for r in rows] == ["69123", "75056"]
    assert "bibliotheque" in rows[0] and "bibliotheque.evidence_url" in rows[0]
    rows[0]["bibliotheque"] = "3"
    rows[0]["bibliotheque.evidence_url"] = "https://lyon.test/bib"
    _write(out, rows)
    summary = assessments_import(campaign=campaign, path=out, author="t", now=timezone.now())
    assert summary.cells == 1
    assert Cell.objects.get(commune_id="69123", service__slug="bibliotheque").level == 3


@pytest.mark.parametrize("wide", [False, True])
def test_xlsx_template_keeps_codes_as_text(campaign, tmp_path: Path, wide: bool) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "grille.xlsx"
    _command("--campaign", "2026", "--out", str(out), *(["--wide"] if wide else []))
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["A2"].value == "69123" and sheet["A2"].data_type == "s"


def test_long_template_partly_filled_says_to_delete_empty_rows(campaign, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An auditor fills part of the long grid and imports it: the refusal says what to do with
    the rows not filled yet, not only that their level is missing."""
    out = tmp_path / "grille.csv"
    _command("--campaign", "2026", "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    rows[0].update(level="0")
    _write(out, rows)
    with pytest.raises(ValidationFailed) as refused:
        assessments_import(campaign=campaign, path=out, author="t", now=timezone.now())
    text = str(refused.value)
    assert "niveau manquant (en forme longue, supprimez les lignes" in text
    assert "35 lignes" in text
    del rows[1:]
    _write(out, rows)
    summary = assessments_import(campaign=campaign, path=out, author="t", now=timezone.now())
    assert summary.cells == 1
