"""A p-value keeps its significant digits in the API: rounded to 6 decimals as the other numbers
are, a tiny one read 0, which a p-value never is (docs/api.md, "Numbers")."""

from __future__ import annotations

import math

import pytest
from django.utils import timezone

from barometre.outputs.json_report import report_dict
from barometre.outputs.published import campaign_by_name, published_report
from tests.factories import campaigns_all_rose

pytestmark = pytest.mark.django_db


@pytest.fixture
def risen(db):  # type: ignore[no-untyped-def]
    return campaigns_all_rose()


def test_a_tiny_p_value_keeps_six_significant_digits(client, risen):  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/comparisons", {"campaign": "2026", "reference": "2014"}).json()
    shown = next(d for d in body["domains"] if d["key"] == "etat-civil")["test"]["p_value"]

    data = published_report(
        campaign=campaign_by_name("2026"), reference=campaign_by_name("2014"), now=timezone.now()
    )
    p = report_dict(data)["comparison"]["by_domain"]["etat-civil"]["p_value"]
    assert 0 < p < 0.0000005  # the JSON report's, unrounded: 6 decimals would write 0
    assert shown != 0
    assert shown == float(f"{p:.6g}")  # the report's, to 6 significant digits
    assert math.isclose(shown, p, rel_tol=1e-5)


def test_other_numbers_keep_six_decimals() -> None:
    from barometre.api.core import rounded
    from barometre.core.spreadsheet import PValue

    assert rounded({"mean": 1 / 3, "p": PValue(0.00048828125), "none": None}) == {
        "mean": 0.333333,
        "p": 0.000488281,  # was 0.000488: three digits of the report's six
        "none": None,
    }
    assert rounded([PValue(1.0), PValue(0.0), -1e-9]) == [1.0, 0.0, 0.0]
