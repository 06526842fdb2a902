"""Read a CSV or XLSX file into a header and rows of strings with line numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from barometre.core.errors import BarometreError, ValidationFailed


@dataclass(frozen=True, slots=True)
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (line number in the file, values by column)


def table_read(path: Path) -> Table:
    """Read CSV (UTF-8, comma or semicolon) or XLSX; every cell becomes a stripped string."""
    path = Path(path)
    if not path.is_file():
        raise BarometreError(f"Fichier introuvable : {path}")
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _xlsx(path)
    return _csv(path)


def _csv(path: Path) -> Table:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValidationFailed(
            f"Import refusé, rien n'a été écrit ({path})",
            [f"ligne {line} : encodage invalide (le fichier doit être en UTF-8)"],
        ) from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader, [])]
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        extra = values[len(header) :]
        row = {h: _unquote(v.strip()) for h, v in zip(header, values, strict=False)}
        if any(e.strip() for e in extra):
            row["__extra__"] = ",".join(extra)
        rows.append((reader.line_num, row))
    return Table(header, rows)


def _unquote(value: str) -> str:
    """Undo the quote that our CSV export puts before text a spreadsheet would run."""
    if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
        return value[1:]
    return value


def _xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationFailed(f"Classeur XLSX illisible : {path}", [str(error)]) from error
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [_text(v) for v in next(lines, ())]
    rows = []
    for number, values in enumerate(lines, start=2):
        texts = [_text(v) for v in values]
        if any(texts):
            rows.append((number, {h: v for h, v in zip(header, texts, strict=False) if h}))
    book.close()
    return Table([h for h in header if h], rows)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
