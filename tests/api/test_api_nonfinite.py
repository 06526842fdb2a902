"""A number that is not one (NaN, ±inf), already stored, is missing where it is read: the API
answers, the open data is written, one bad value never breaks them for everyone.

Writes refuse such numbers now (`value_problem`); these values are written past the service, as
a database filled before that check, or by hand, holds them. PostgreSQL keeps a NaN in a float
column (SQLite turns it into NULL, so only ±inf can be stored there).
"""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from barometre.assessments.models import Assessment
from barometre.outputs.opendata.formats import csv_write
from barometre.outputs.opendata.package import TABLES, table_rows
from tests.api.conftest import get

pytestmark = pytest.mark.django_db

NON_FINITE = [float("nan"), float("inf"), float("-inf")]


def stored(campaign, number: float) -> None:
    """Aville's actes-etat-civil proposal holds `number` as its confidence."""
    Assessment.objects.filter(
        campaign=campaign, commune_id="90001", service__slug="actes-etat-civil"
    ).update(confidence=number)


@pytest.mark.parametrize("number", NON_FINITE, ids=repr)
def test_the_cells_answer_with_a_non_finite_confidence_as_missing(client, after, number) -> None:
    stored(after, number)
    answer = get(client, "/api/v1/cells", campaign="2026", commune="90001")
    by_service = {c["service"]: c for c in answer["results"]}
    assert by_service["actes-etat-civil"]["confidence"] is None
    assert by_service["actes-etat-civil"]["level"] == 4  # the rest of the cell is there


@pytest.mark.parametrize("number", NON_FINITE, ids=repr)
def test_the_open_data_writes_a_non_finite_confidence_as_missing(after, tmp_path, number) -> None:
    stored(after, number)
    rows = table_rows(after, "cellules", now=timezone.now())
    csv_write(TABLES["cellules"], rows, tmp_path / "cellules.csv")
    rows = csv.DictReader(io.StringIO((tmp_path / "cellules.csv").read_text(encoding="utf-8")))
    (row,) = (
        r for r in rows if (r["commune_code"], r["service_id"]) == ("90001", "actes-etat-civil")
    )
    assert row["confidence"] == ""
