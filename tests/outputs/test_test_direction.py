"""Which way a domain's Wilcoxon test leans, and the communes that rose and fell, in the JSON
report, the API and the XLSX as in the HTML report's sentence: a reuser reading p < 0,05 could
not tell whether the domain rose or fell."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from barometre.outputs.json_report import report_dict
from barometre.outputs.published import published_report
from barometre.outputs.xlsx_report import xlsx_write
from barometre.referential.models import Campaign
from tests.caches import forget_computed
from tests.factories import campaign_pair, set_cells

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, tzinfo=UTC)
FAMILY = ["inscription-scolaire", "periscolaire", "paiement-famille", "petite-enfance"]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    forget_computed()


@pytest.fixture
def pair() -> tuple[Campaign, Campaign]:
    """Famille: 11 communes gain 1 on one cell, one loses 3 on each: the test leans up,
    significantly; état civil: nothing measured, no test."""
    before, after, codes = campaign_pair(12)
    set_cells(before, {(c, s): 1 for c in codes[:11] for s in FAMILY})
    set_cells(after, {(c, s): 1 for c in codes[:11] for s in FAMILY[1:]})
    set_cells(after, {(c, FAMILY[0]): 2 for c in codes[:11]})
    set_cells(before, {(codes[11], s): 4 for s in FAMILY})
    set_cells(after, {(codes[11], s): 1 for s in FAMILY})
    return before, after


def test_json_report_gives_the_test_s_direction(pair: tuple[Campaign, Campaign]) -> None:
    before, after = pair
    data = published_report(campaign=after, reference=before, now=NOW)
    domains = report_dict(data)["comparison"]["by_domain"]
    famille = domains["famille"]
    assert famille["p_value"] < 0.05
    assert (famille["test_direction"], famille["test_communes_rose"]) == ("up", 11)
    assert famille["test_communes_fell"] == 1
    untested = domains["etat-civil"]
    assert (untested["test_direction"], untested["test_communes_rose"]) == (None, 0)


def test_api_gives_the_test_s_direction(client, pair: tuple[Campaign, Campaign]) -> None:  # type: ignore[no-untyped-def]
    query = {"campaign": "apres", "reference": "avant"}
    body = client.get("/api/v1/comparisons", query).json()
    tests = {d["key"]: d["test"] for d in body["domains"]}
    famille = tests["famille"]
    assert (famille["direction"], famille["communes_rose"], famille["communes_fell"]) == (
        "up",
        11,
        1,
    )
    assert tests["etat-civil"]["direction"] is None


def test_xlsx_gives_the_test_s_direction(pair: tuple[Campaign, Campaign], tmp_path: Path) -> None:
    before, after = pair
    path = xlsx_write(
        published_report(campaign=after, reference=before, now=NOW), tmp_path / "r.xlsx"
    )
    rows = [list(r) for r in load_workbook(path)["Évolution"].iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "domaine")
    famille = next(r for r in rows if r and r[0] == "Famille, école et petite enfance")
    said = dict(zip(header, famille, strict=True))
    assert (said["sens du test"], said["communes en hausse"], said["communes en baisse"]) == (
        "hausse",
        11,
        1,
    )
