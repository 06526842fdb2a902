"""The open data's fields and the API's: the mapping docs/opendata.md gives holds, value for
value."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from barometre.core.spreadsheet import csv_decimal, spreadsheet_unquote
from barometre.outputs.opendata.package import opendata_export

pytestmark = pytest.mark.django_db

# docs/opendata.md, « The same fields in the API »: cellules.csv's name -> /api/v1/cells' name
RENAMED = {"commune_code": "commune", "service_id": "service"}
SAME = (
    "commune_name",
    "level",
    "not_applicable",
    "source",
    "evidence_url",
    "archived_url",
    "archive_page",
    "confidence",
    "author",
    "author_kind",
    "decided_at",
    "proposed_level",
    "proposed_not_applicable",
    "proposed_confidence",
)


def _as_csv(value: Any) -> str:
    """An API value as the CSV writes it (null is the empty missing value)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if "e" not in repr(value) else csv_decimal(value)
    return str(value)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [{k: spreadsheet_unquote(v) for k, v in r.items()} for r in csv.DictReader(handle)]


def test_a_cell_reads_the_same_in_cellules_and_the_api_under_the_documented_names(
    client, after, tmp_path
):
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    files = _rows(tmp_path / "cellules.csv")
    api = client.get("/api/v1/cells", {"campaign": "2026", "limit": 100}).json()["results"]
    assert len(api) == len(files) == 6
    by_cell = {(c["commune"], c["service"]): c for c in api}
    for row in files:
        cell = by_cell[row["commune_code"], row["service_id"]]
        assert set(cell) == set(SAME) | set(RENAMED.values())
        assert {name: row[name] for name in SAME} == {name: _as_csv(cell[name]) for name in SAME}


def test_services_and_communes_of_the_api_name_the_other_columns(client, after, tmp_path):
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    row = next(r for r in _rows(tmp_path / "cellules.csv") if r["commune_code"] == "90002")
    service = next(
        s
        for s in client.get("/api/v1/services", {"limit": 100}).json()["results"]
        if s["id"] == row["service_id"]
    )
    assert (service["label"], service["domain"], str(service["max_level"])) == (
        row["service_label"],
        row["domain"],
        row["max_level"],
    )
    commune = client.get("/api/v1/communes/90002").json()
    assert (commune["code"], commune["name"], commune["department"]["code"]) == (
        row["commune_code"],
        row["commune_name"],
        row["department_code"],
    )


def test_the_api_scores_are_the_rows_of_scores_but_the_demonstration_column(
    client, after, tmp_path
):
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    files = _rows(tmp_path / "scores.csv")
    api = client.get("/api/v1/scores", {"campaign": "2026", "limit": 100}).json()["results"]
    assert [{k: _as_csv(v) for k, v in row.items()} for row in api] == [
        {k: v for k, v in row.items() if k != "demonstration"} for row in files
    ]


def test_a_figure_reads_the_same_in_scores_csv_and_the_api(client, after, tmp_path):
    """6 decimals in both (`core.spreadsheet.DECIMALS`): Aville's mean 13/3 is 4.333333 in the
    CSV and in the API's JSON, never 4.333333333333333 in one of them."""
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    files = {(r["scope"], r["key"]): r for r in _rows(tmp_path / "scores.csv")}
    api = client.get("/api/v1/scores", {"campaign": "2026", "limit": 100}).json()["results"]
    assert len(api) == len(files)
    for score in api:
        row = files[score["scope"], score["key"]]
        assert {k: _as_csv(v) for k, v in score.items()} == {k: row[k] for k in score}
    assert files["commune", "90001"]["mean_level"] == "4.333333"
    raw = client.get("/api/v1/scores", {"campaign": "2026", "key": "90001"}).content.decode()
    assert '"mean_level":4.333333,' in raw


def test_the_coverage_reads_the_same_in_datapackage_json_and_the_api(client, after, tmp_path):
    """6 cells measured of 54: 0.111111 in both, as docs/opendata.md says they are the same."""
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    campaign = client.get("/api/v1/campaigns/2026").json()
    assert descriptor["coverage"] == campaign["coverage"]
    assert campaign["coverage"]["share_of_cells"] == 0.111111
