"""The XLSX summary's tables say what an empty figure means, as the HTML report's tables do
under them: « Carte d'identité et passeport » (highest level 3) had an empty share at level 4
or more, which a reader could take for 0 % or a gap in the data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from barometre.outputs.services import report_write
from barometre.referential.models import Campaign

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def test_an_empty_share_of_the_summary_says_why(after: Campaign, tmp_path: Path) -> None:
    (path,) = report_write(campaign="2026", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW)
    rows = [list(r) for r in load_workbook(path)["Synthèse"].iter_rows(values_only=True)]
    start = rows.index(next(r for r in rows if r[0] == "Par service"))
    end = start + next(i for i, r in enumerate(rows[start:]) if not any(r))
    table = rows[start:end]
    identity = next(r for r in table if r[0] == "Carte d'identité et passeport")
    assert identity[-1] is None and identity[5] is not None  # a mean, no share at level 4
    assert table[-1][0].startswith("Case vide dans la dernière colonne\u00a0: aucun service")
    assert "ce n'est pas 0\u00a0%" in table[-1][0]


def test_the_overall_change_says_why_it_has_no_p(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    """The « Ensemble » row of the change sheet had its p and tested communes empty, the
    domains' rows a p or a remark: the test is run domain by domain, which it now says."""
    (path,) = report_write(
        campaign="2026", compare="2014", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    rows = list(load_workbook(path)["Évolution"].iter_rows())
    header = next([c.value for c in r] for r in rows if r[0].value == "domaine")
    overall = next(r for r in rows if r[0].value == "Ensemble")
    assert overall[header.index("p (Wilcoxon)")].value is None
    said = overall[header.index("remarque")].value
    assert said == "pas de test sur l'ensemble\u00a0: le test porte sur chaque domaine"
    assert overall[header.index("évolution du niveau moyen")].number_format == "+0.00;-0.00;0.00"
