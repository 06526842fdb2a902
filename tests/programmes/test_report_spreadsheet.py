"""The programme CSV report does not carry live formulas (issue 10, item 5)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from barometre.programmes.reports import programmes_report, render
from barometre.referential.models import Commune
from tests.programmes.conftest import programme

pytestmark = pytest.mark.django_db


def test_list_name_is_not_a_formula(communes: dict[str, Commune]) -> None:
    programme(communes["big"], '=HYPERLINK("http://127.0.0.1/x","Liste A")', themes=("site_web",))
    report = programmes_report(election=2020, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    names = {r["label"] for r in rows if r["section"] == "list"}
    assert names == {'\'=HYPERLINK("http://127.0.0.1/x","Liste A")'}
    assert not any(v.startswith("=") for r in rows for v in r.values())


def test_a_float_is_never_written_with_an_exponent() -> None:
    """A theme of 1 programme in 30,000 is a share of 3.3e-05: str() wrote
    « 3.3333333333333335e-05 », which a French spreadsheet reads as text; every digit is kept,
    without the exponent."""
    from barometre.programmes.reports.csv_file import _SafeWriter

    buffer = io.StringIO()
    _SafeWriter(csv.writer(buffer)).writerow(["theme", 2020, "x", "y", 1, 30000, 1 / 30000, 0.0])
    row = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert row[6:8] == ["0.000033333333333333335", "0.0"]
    assert float(row[6]) == 1 / 30000  # unrounded: the same float
