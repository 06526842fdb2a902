"""Fuzzing the imports: whatever the file, success or a clear error, and a refusal writes nothing.

Random bytes, random CSV dialects and damaged XLSX parts are fed to `assessments import` and to
`websites import`. Each run must end in success or a BarometreError (a ValidationFailed names the
lines), never another exception; a refused import leaves the database as it was. Bounded
(max_examples, no per-example deadline) so that the suite stays fast; runs on SQLite and, with
`-m database` and DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from barometre.assessments.models import Assessment, Cell, ImportBatch
from barometre.assessments.services import assessments_import
from barometre.core.errors import BarometreError, ValidationFailed
from barometre.referential.models import Website
from barometre.referential.services import websites_import

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADER = ["commune_code", "service_id", "level", "evidence_url", "note"]
# Values close to valid ones, so that the fuzzer reaches deep into validation.
CELL = st.one_of(
    st.sampled_from(["75056", "69123", "13055", "6088", "urbanisme", "bibliotheque", "creche"]),
    st.sampled_from(["0", "1", "3", "5", "na", "³", "-1", "https://a.test/", "javascript:x"]),
    st.text(max_size=30),
    st.text(alphabet="\",;\n\r\t\x00'=", max_size=10),
)
HEADER_CELL = st.one_of(
    st.sampled_from([*HEADER, "provider", "url", "siren", ""]), st.text(max_size=8)
)
ROWS = st.lists(st.lists(CELL, min_size=0, max_size=7), max_size=8)
DIALECT = st.fixed_dictionaries(
    {
        "delimiter": st.sampled_from([",", ";", "\t", "|"]),
        "quotechar": st.sampled_from(['"', "'"]),
        "quoting": st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
        "lineterminator": st.sampled_from(["\n", "\r\n", "\r"]),
    }
)


def _state() -> tuple[int, ...]:
    return (
        Assessment.objects.count(),
        Cell.objects.count(),
        ImportBatch.objects.count(),
        Website.objects.count(),
        *Website.objects.order_by("pk").values_list("pk", flat=True),
    )


def _check(run: Callable[[Path], object], data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fichier{suffix}"
        path.write_bytes(data)
        before = _state()
        try:
            run(path)
        except ValidationFailed as error:
            assert _state() == before
            for problem in error.problems:
                assert (
                    # a line, or where they are, or the header's separator
                    problem.startswith(("ligne", "identifiants des services", "en-tête"))
                    or "lignes" in problem
                    or _header(error)
                ), error
        except BarometreError:
            assert _state() == before


def _header(error: ValidationFailed) -> bool:
    """Refusals about the file as a whole (header, format, size) rather than its lines."""
    words = ("En-tête", "Format", "Colonnes", "Fichier", "classeur")
    return str(error.args[0]).startswith(words) or all("classeur" in p for p in error.problems)


def _assessments(campaign: object) -> Callable[[Path], object]:
    return lambda path: assessments_import(
        campaign=campaign, path=path, author="fuzz", now=timezone.now(), force=True
    )


def _websites(path: Path) -> object:
    return websites_import(path=path, now=timezone.now())


def _csv(header: list[str], rows: list[list[str]], dialect: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, **dialect)
    for row in [header, *rows]:
        writer.writerow(row)
    return out.getvalue().encode("utf-8", "surrogatepass")


@pytest.fixture
def targets(campaign: object) -> list[tuple[Callable[[Path], object], str]]:
    return [(_assessments(campaign), "assessments"), (_websites, "websites")]


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_random_bytes(targets, data: bytes, suffix: str) -> None:
    for run, _ in targets:
        _check(run, data, suffix)


@FUZZ
@given(header=st.lists(HEADER_CELL, max_size=6), rows=ROWS, dialect=DIALECT, usual=st.booleans())
def test_random_csv_dialects(targets, header, rows, dialect, usual: bool) -> None:
    if usual:
        header = HEADER
    try:
        data = _csv(header, rows, dialect)
    except UnicodeEncodeError:
        return  # lone surrogates cannot be written in UTF-8 by anyone
    for run, name in targets:
        _check(run, data if name == "assessments" else data.replace(b"service_id", b"url"), ".csv")


def _xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append([_xlsx_safe(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_safe(value: str) -> str | int:
    cleaned = "".join(c for c in value if c in "\t\n\r" or ord(c) >= 32)
    return int(cleaned) if cleaned.isascii() and cleaned.isdigit() else cleaned


@FUZZ
@given(rows=ROWS, part=st.integers(min_value=0, max_value=20), damage=st.binary(max_size=200))
def test_damaged_xlsx_parts(targets, rows, part: int, damage: bytes) -> None:
    source = zipfile.ZipFile(io.BytesIO(_xlsx(rows)))
    names = source.namelist()
    target_name = names[part % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as damaged:
        for name in names:
            content = source.read(name)
            if name == target_name:
                content = content[: len(content) // 2] + damage
            damaged.writestr(name, content)
    run = targets[0][0]
    _check(run, out.getvalue(), ".xlsx")
    _check(run, _xlsx(rows), ".xlsx")  # the undamaged workbook too
