"""Write open data rows as CSV (streamed), XLSX (write-only workbook) and Parquet (pyarrow).

No file can run a text as a spreadsheet formula, each in its own way: in CSV, a text that starts
like a formula gets a leading apostrophe (`spreadsheet_text`, the only protection a CSV has); in
XLSX, every text cell is typed as a string, so it keeps its exact value and is never a formula;
Parquet, a machine format, carries the raw value.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from barometre.core.spreadsheet import (
    csv_decimal,
    decimals,
    spreadsheet_text,
    xlsx_cell,
    xlsx_sheet,
)
from barometre.outputs.opendata.fields import Field
from barometre.outputs.opendata.tables import Row

_BATCH = 20_000
# Table Schema's default datetime format, ISO 8601 in UTC to the second: every file and the API
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
# The same, as a spreadsheet shows a typed time: a cell holding 9:00:07 UTC reads as the CSV's
# `2026-03-01T09:00:07Z` (openpyxl's default, `yyyy-mm-dd h:mm:ss`, drops the hour's zero and
# says nothing of UTC, which an XLSX time cannot carry).
XLSX_DATETIME_FORMAT = 'yyyy-mm-dd"T"hh:mm:ss"Z"'


def utc_second(value: datetime) -> datetime:
    """A time as every output gives it: in UTC, to the second (its fraction dropped)."""
    return value.astimezone(UTC).replace(microsecond=0)


def utc_text(value: datetime) -> str:
    """`2026-03-01T09:00:07Z`: a time as the CSV files and the API write it."""
    return utc_second(value).strftime(DATETIME_FORMAT)


def plain(value: Any, field: Field) -> Any:
    """The value as stored in every file: text as it is (the CSV alone adds its apostrophe),
    empty text and a number that is not one (NaN, which PostgreSQL can hold in a float column, or
    ±inf) missing (null in Parquet, an empty cell in XLSX, as the CSV's missing value ""), datetimes
    in UTC without offset."""
    if value is None or value == "" or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if field.type == "string":
        return str(value)
    if field.type == "datetime":
        return utc_second(value).replace(tzinfo=None)
    if field.type == "number":
        return decimals(float(value))
    return value


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, float):
        return csv_decimal(value)
    if isinstance(value, str):
        return spreadsheet_text(value)
    return str(value)


def csv_chunks(fields: tuple[Field, ...], rows: Iterable[Row]) -> Iterator[bytes]:
    """The CSV file (UTF-8, comma, header first) in chunks of a few thousand lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f.name for f in fields])
    iterator = iter(rows)
    while True:
        for row in islice(iterator, 2000):
            writer.writerow([_csv_text(plain(v, f)) for v, f in zip(row, fields, strict=True)])
        chunk = buffer.getvalue()
        if not chunk:
            return
        yield chunk.encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def table_write(
    fields: tuple[Field, ...], rows: Iterable[Row], fmt: str, out: Path, *, sheet: str
) -> Path:
    """One table in one of the package's formats: csv, xlsx (one sheet, `sheet`) or parquet."""
    if fmt == "csv":
        return csv_write(fields, rows, out)
    if fmt == "xlsx":
        return xlsx_write(fields, rows, out, sheet=sheet)
    return parquet_write(fields, rows, out)


def csv_write(fields: tuple[Field, ...], rows: Iterable[Row], out: Path) -> Path:
    with out.open("wb") as handle:
        for chunk in csv_chunks(fields, rows):
            handle.write(chunk)
    return out


def xlsx_write(fields: tuple[Field, ...], rows: Iterable[Row], out: Path, *, sheet: str) -> Path:
    """A write-only workbook (constant memory); every text cell is typed as a string, never a
    formula, and keeps its exact value (no apostrophe: LibreOffice and Excel show it as text)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    page = xlsx_sheet(book, sheet)
    page.append([f.name for f in fields])
    for row in rows:
        page.append([_xlsx_value(page, plain(v, f)) for v, f in zip(row, fields, strict=True)])
    book.save(out)
    return out


def _xlsx_value(page: Any, value: Any) -> Any:
    """Text is a cell typed as a string (openpyxl would read "=..." as a formula, "#..." as an
    error); a time is typed and shown as the CSV writes it; other values are left to openpyxl,
    which types them."""
    if isinstance(value, datetime):
        cell = xlsx_cell(page, value)
        cell.number_format = XLSX_DATETIME_FORMAT
        return cell
    if isinstance(value, date):  # a day (Table Schema `date`), shown as the CSV writes it
        cell = xlsx_cell(page, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return xlsx_cell(page, value) if isinstance(value, str) else value


_ARROW_TYPES = {
    "string": "string",
    "integer": "int64",
    "number": "float64",
    "boolean": "bool_",
    "date": "date32",
}


def parquet_write(fields: tuple[Field, ...], rows: Iterable[Row], out: Path) -> Path:
    """A Parquet file written in row groups of 20,000 rows, typed from the Table Schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(field: Field) -> Any:
        if field.type == "datetime":
            return pa.timestamp("s", tz="UTC")
        return getattr(pa, _ARROW_TYPES[field.type])()

    schema = pa.schema([pa.field(f.name, arrow_type(f)) for f in fields])
    iterator = iter(rows)
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        while batch := list(islice(iterator, _BATCH)):
            columns = list(zip(*batch, strict=True))
            arrays = [
                pa.array([plain(v, f) for v in column], type=schema.field(f.name).type)
                for column, f in zip(columns, fields, strict=True)
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
    return out
