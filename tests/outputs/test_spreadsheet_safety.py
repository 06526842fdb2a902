"""No text cell of a report or an export runs as a formula in a spreadsheet (issue 10, item 5)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from barometre.core.spreadsheet import spreadsheet_row, spreadsheet_text, spreadsheet_unquote
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign, Commune, Service

NOW = datetime(2026, 3, 1, tzinfo=UTC)
LINK = '=HYPERLINK("http://127.0.0.1/x","clic")'


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-0.25", "-0.25"),  # a plain number runs nothing
        ("Aville", "Aville"),
        ("", ""),
    ],
)
def test_spreadsheet_text(text: str, safe: str) -> None:
    assert spreadsheet_text(text) == safe


def test_spreadsheet_row_leaves_numbers_alone() -> None:
    assert spreadsheet_row(["=A1", -1, 0.5, None]) == ["'=A1", -1, 0.5, None]


@pytest.fixture
def hostile(after: Campaign, before: Campaign) -> Campaign:
    Service.objects.filter(slug="actes-etat-civil").update(label=LINK)
    Commune.objects.filter(code="90002").update(name="=1+1")
    return after


def test_xlsx_report_has_no_formula(hostile: Campaign, tmp_path: Path) -> None:
    (path,) = report_write(
        campaign="2026", compare="2014", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    book = load_workbook(path)
    texts = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    ]
    assert texts, "the hostile label and name are in the report"
    assert {c.data_type for c in texts} == {"s"}  # text, not formula
    assert LINK in {c.value for c in texts} and "=1+1" in {c.value for c in texts}


def test_csv_report_quotes_formulas(hostile: Campaign, tmp_path: Path) -> None:
    (path,) = report_write(
        campaign="2026", compare="2014", formats=["csv"], out=tmp_path / "r.csv", now=NOW
    )
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    assert "'=1+1" in {r["commune_name"] for r in rows}
    assert not any(v.startswith("=") for r in rows for v in r.values())


@pytest.mark.parametrize("text", ["=1+1", "+33 1 23", "-2+3", "@SUM(A1)", "-0.25", "Aville", ""])
def test_a_quoted_cell_reads_back_as_written(text: str) -> None:
    assert spreadsheet_unquote(spreadsheet_text(text)) == text


def test_an_apostrophe_typed_by_hand_is_kept() -> None:
    assert spreadsheet_unquote("'-0.25") == "'-0.25"
    assert spreadsheet_unquote("'abc") == "'abc"
