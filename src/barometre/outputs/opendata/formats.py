"""Write open data rows as CSV (streamed), XLSX (write-only workbook) and Parquet (pyarrow).

Every text value goes through `spreadsheet_text` in every format, so the three files hold the
same values and none of them can run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from barometre.assessments.services.export import spreadsheet_text
from barometre.core.spreadsheet import csv_decimal
from barometre.outputs.opendata.tables import Field, Row

_BATCH = 20_000


def plain(value: Any, field: Field) -> Any:
    """The value as stored in every file: text neutralised, empty text missing (null in
    Parquet, an empty cell in XLSX, as the CSV's missing value ""), datetimes in UTC without
    offset."""
    if value is None or value == "":
        return None
    if field.type == "string":
        return spreadsheet_text(str(value))
    if field.type == "datetime":
        return value.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    if field.type == "number":
        return round(float(value), 6)
    return value


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, float):
        return csv_decimal(value)
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


def csv_write(fields: tuple[Field, ...], rows: Iterable[Row], out: Path) -> Path:
    with out.open("wb") as handle:
        for chunk in csv_chunks(fields, rows):
            handle.write(chunk)
    return out


def xlsx_write(fields: tuple[Field, ...], rows: Iterable[Row], out: Path, *, sheet: str) -> Path:
    """A write-only workbook (constant memory); no text cell can be a formula."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    page = book.create_sheet(sheet)
    page.append([f.name for f in fields])
    for row in rows:
        page.append([_xlsx_value(page, plain(v, f)) for v, f in zip(row, fields, strict=True)])
    book.save(out)
    return out


def _xlsx_value(page: Any, value: Any) -> Any:
    """Text openpyxl would read as a formula (=...) or an error (#...) is typed as text."""
    if isinstance(value, str) and value[:1] in ("=", "#"):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(page, value=value)
        cell.data_type = "s"
        return cell
    return value


_ARROW_TYPES = {
    "string": "string",
    "integer": "int64",
    "number": "float64",
    "boolean": "bool_",
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
