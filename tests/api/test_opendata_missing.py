"""Missing values in the open data: one missing value in every format, valid under the schema."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from barometre.outputs.opendata.formats import csv_write, parquet_write, xlsx_write
from barometre.outputs.opendata.package import TABLES, package_descriptor

pytestmark = pytest.mark.django_db

NAN = float("nan")
# A scores row whose figures are NaN (what a float column of PostgreSQL can hold, and what numpy
# gives for 0/0): campaign, scope, key, label, bracket, communes, cells, not applicable,
# unmeasured, mean level, mean of means, share of max, fully online, transactional, rank, demo
SCORES_ROW = ("2026", "all", "all", "Ensemble", None, 1, 2, 0, 0, NAN, NAN, NAN, 0.5, NAN, None,
              True)  # fmt: skip
FIGURES = ("mean_level", "mean_of_city_means", "share_of_max", "share_transactional")


def test_a_nan_number_is_missing_in_every_format_and_valid_under_the_schema(after, tmp_path):
    """A NaN was written `nan` in the CSV (a value the schema's bounds refuse: `frictionless
    validate` failed) and NaN in Parquet (a number, not null): it is missing everywhere, as the
    schema's missingValues [""] says."""
    import pyarrow.parquet as pq
    from frictionless import Resource, Schema
    from openpyxl import load_workbook

    fields = TABLES["scores"]
    csv_write(fields, [SCORES_ROW], tmp_path / "scores.csv")
    parquet_write(fields, [SCORES_ROW], tmp_path / "scores.parquet")
    xlsx_write(fields, [SCORES_ROW], tmp_path / "scores.xlsx", sheet="scores")

    text = (tmp_path / "scores.csv").read_text(encoding="utf-8")
    (row,) = csv.DictReader(io.StringIO(text))
    assert {row[name] for name in FIGURES} == {""}
    assert row["share_fully_online"] == "0.5"
    (stored,) = pq.read_table(tmp_path / "scores.parquet").to_pylist()
    assert {stored[name] for name in FIGURES} == {None}  # null, not NaN (NaN != None)
    sheet = load_workbook(tmp_path / "scores.xlsx").worksheets[0]
    header, values = ([c.value for c in r] for r in sheet.iter_rows(max_row=2))
    assert {values[header.index(name)] for name in FIGURES} == {None}

    package = package_descriptor(after, now=timezone.now())
    schema = next(r["schema"] for r in package["resources"] if r["name"] == "scores")
    resource = Resource(path="scores.csv", basepath=str(tmp_path))
    resource.schema = Schema.from_descriptor(schema)
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_column_that_can_be_empty_says_what_an_empty_value_means():
    """A reuser who finds an empty field reads in its description why (not applicable, no
    proposal, not a commune…); a column the tables always fill is `required`, so that
    `frictionless validate` checks it is. `mean_of_city_means`, `rank`, `bracket`,
    `commune_name` and a dozen more said neither."""
    silent = [
        (table, field.name)
        for table, fields in TABLES.items()
        for field in fields
        if not field.required and "vide" not in field.description
    ]
    assert silent == []


def test_the_level_and_share_columns_state_their_scale():
    """Levels read 0 to 5 with 0 a measured absence, shares 0 to 1 (not percentages)."""
    described = {(t, f.name): f.description for t, fields in TABLES.items() for f in fields}
    assert "0 absent" in described["cellules", "level"]
    assert "pas une donnée manquante" in described["cellules", "level"]
    for name in ("share_of_max", "share_fully_online", "share_transactional"):
        assert "0 à 1" in described["scores", name], name
    for name in ("mean_level", "mean_of_city_means"):
        assert "0 à 5" in described["scores", name], name


@pytest.mark.parametrize(
    ("commune", "department", "valid"),
    [("01001", "01", True), ("2A004", "2A", True), ("9Z001", "ZZ", True), ("1001", "1", False)],
)
def test_a_code_that_lost_its_leading_zero_fails_validation(
    after, tmp_path, commune, department, valid
):
    """A spreadsheet that reads 01001 as a number saves it back as 1001 (and 01 as 1): the
    schema's pattern makes `frictionless validate` say so; the description alone did not."""
    from frictionless import Resource, Schema

    package = package_descriptor(after, now=timezone.now())
    schema = next(r["schema"] for r in package["resources"] if r["name"] == "cellules")
    schema = {k: v for k, v in schema.items() if k != "foreignKeys"}  # the table read alone
    fields = TABLES["cellules"]
    row = dict.fromkeys((f.name for f in fields), None)
    row.update(campaign="2026", commune_code=commune, department_code=department)
    row.update(commune_name="Ambérieu", service_id="s", service_label="S", domain="d")
    row.update(max_level=5, level=2, not_applicable=False, source="reviewed")
    row.update(author="auditeur 1", author_kind="auditor", demonstration=False)
    row.update(decided_at=timezone.now().replace(microsecond=0), evidence_url="https://x.fr/")
    csv_write(fields, [tuple(row.values())], tmp_path / "cellules.csv")
    resource = Resource(path="cellules.csv", basepath=str(tmp_path))
    resource.schema = Schema.from_descriptor(schema)
    report = resource.validate()
    errors = report.flatten(["fieldName", "type"])
    assert report.valid is valid, errors
    if not valid:
        assert errors == [
            ["commune_code", "constraint-error"],
            ["department_code", "constraint-error"],
        ]


def test_the_bracket_column_lists_its_values():
    """A reuser reads which brackets exist and what `ge200000` means; a typo fails validation."""
    from barometre.referential.brackets import BRACKET_IDS

    (bracket,) = (f for f in TABLES["scores"] if f.name == "bracket")
    assert bracket.descriptor()["constraints"] == {"enum": list(BRACKET_IDS)}
    assert all(key in bracket.description for key in BRACKET_IDS)
    assert "(200\u00a0000 et plus)" in bracket.description
