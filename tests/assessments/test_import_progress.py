"""A large import shows what it is doing (a spinner on a terminal, lines in a log)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.core.errors import BarometreError


def test_assessments_import_shows_its_step(campaign, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    grid = tmp_path / "grille.csv"
    grid.write_text(
        "commune_code,service_id,level,evidence_url,note\n"
        "75056,bibliotheque,3,https://paris.test/bib,\n",
        encoding="utf-8",
    )
    err, out = io.StringIO(), io.StringIO()
    call_command("assessments", "import", str(grid), "--campaign", "2026", stdout=out, stderr=err)
    assert "Import de grille.csv (0,0 Mo)…" in err.getvalue()
    assert "1 cellule importée dont 0 sans objet, 1 commune" in out.getvalue()


def test_a_missing_file_is_not_announced_before_its_error(campaign, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """« Import de absent.csv (0,0 Mo)… » then « Fichier introuvable »: a size and a step for a
    file that is not there; the error alone is said."""
    for path in (tmp_path / "absent.csv", tmp_path):
        err = io.StringIO()
        with pytest.raises(BarometreError):
            call_command("assessments", "import", str(path), "--campaign", "2026", stderr=err)
        assert "Import de" not in err.getvalue()
