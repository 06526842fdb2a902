"""Read a CSV or XLSX file as a header and a stream of rows of strings with line numbers.

The file is never loaded whole: rows are read one at a time, so a caller can validate a file in
one pass and read it again to write it, in constant memory. Sizes are capped before anything is
parsed (file size, rows, one CSV field, each part of an XLSX archive); every refusal is a
`ValidationFailed` naming the line and the cap, and the option that raises it.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from barometre.core.errors import BarometreError, ValidationFailed
from barometre.core.plural import counted
from barometre.core.spreadsheet import (
    UTF8_ADVICE,
    binary_workbook,
    csv_delimiter,
    csv_reason,
    spreadsheet_unquote,
)
from barometre.referential.codes import commune_code_normalise, is_commune_code


@dataclass(frozen=True, slots=True)
class TableLimits:
    """Caps that keep one file from eating the machine; raise them with the command's options."""

    max_bytes: int = 256 * 2**20  # the file on disk (--max-mb)
    max_rows: int = 1_000_000  # data rows (--max-rows); the national grid has 629,442
    max_field: int = 131_072  # characters in one CSV field
    zip_max_part: int = 512 * 2**20  # XLSX: uncompressed size of one part of the archive
    zip_max_strings: int = 64 * 2**20  # XLSX: uncompressed shared strings (held in memory)
    zip_max_ratio: int = 100  # XLSX: uncompressed / compressed size of a part...
    zip_ratio_floor: int = 8 * 2**20  # ...checked for parts that inflate beyond this size
    zip_max_entries: int = 1000  # XLSX: number of parts


DEFAULT_TABLE_LIMITS = TableLimits()


def limit_arguments(parser: Any, *, subject: str = "le fichier") -> None:
    """The options that raise the caps a user may meet, `--max-rows` and `--max-mb`, for each
    command that reads a table (`assessments import`, `survey import-answers`, `programmes
    import`'s manifest: `subject`, as the help names it)."""
    parser.add_argument(
        "--max-rows",
        type=int,
        default=DEFAULT_TABLE_LIMITS.max_rows,
        help=f"Nombre de lignes au-delà duquel {subject} est refusé (défaut : %(default)s)",
    )
    parser.add_argument(
        "--max-mb",
        type=int,
        default=DEFAULT_TABLE_LIMITS.max_bytes // 2**20,
        help=f"Taille en Mo au-delà de laquelle {subject} est refusé (défaut : %(default)s)",
    )


def limits_given(options: Mapping[str, Any]) -> TableLimits:
    """The caps that `limit_arguments`' options set; a value under 1 is refused."""
    for option in ("max_rows", "max_mb"):
        if options[option] < 1:
            flag = "--" + option.replace("_", "-")
            raise BarometreError(f"{flag} doit valoir au moins 1 (reçu {options[option]}).")
    return replace(
        DEFAULT_TABLE_LIMITS, max_rows=options["max_rows"], max_bytes=options["max_mb"] * 2**20
    )


_EOL = re.compile(rb"\r\n|\r|\n")
Row = tuple[int, dict[str, str] | str]  # (line, values by column) or (line, problem)


@dataclass(frozen=True, slots=True)
class Table:
    """A file opened for reading: its header, and `rows()` to stream it (again) from the top."""

    path: Path
    header: list[str]
    kind: str  # "csv" or "xlsx"
    delimiter: str
    limits: TableLimits

    def rows(self) -> Iterator[Row]:
        reader = _xlsx_rows if self.kind == "xlsx" else _csv_rows
        for count, row in enumerate(reader(self), start=1):
            if count > self.limits.max_rows:
                raise _refused(
                    self.path,
                    f"ligne {row[0]} : plus de {counted(self.limits.max_rows, 'ligne', 'lignes')} "
                    "(--max-rows pour relever le plafond)",
                )
            yield row


def _refused(path: Path, problem: str) -> ValidationFailed:
    return ValidationFailed(f"Import refusé, rien n'a été écrit ({path})", [problem])


def table_open(path: Path, *, limits: TableLimits = DEFAULT_TABLE_LIMITS) -> Table:
    """Open CSV (UTF-8, comma, semicolon or tab) or XLSX and read its header; the rows come
    later."""
    path = Path(path)
    if path.is_dir():
        raise BarometreError(f"{path} est un dossier : un fichier CSV ou XLSX est attendu.")
    if not path.is_file():
        raise BarometreError(f"Fichier introuvable : {path}")
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _refused(
            path,
            f"fichier de {size / 2**20:.0f} Mo, au-delà du plafond de "
            f"{limits.max_bytes // 2**20} Mo (--max-mb pour le relever)",
        )
    if path.suffix.lower() not in {".xlsx", ".xlsm"} and (
        workbook := binary_workbook(_head(path), reads_xlsx=True)
    ):
        raise _refused(path, workbook)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        _check_zip(path, limits)
        table = Table(path, _xlsx_header(path), "xlsx", "", limits)
    else:
        table = Table(path, *_csv_header(path, limits), limits=limits)
    if not any(table.header):
        raise _refused(
            path,
            "ligne 1 : fichier vide ou sans en-tête (la première ligne doit nommer les colonnes)",
        )
    _check_header(path, table.header)
    return table


def _head(path: Path) -> bytes:
    """The file's first bytes, enough to tell a workbook from a text (none when unreadable: the
    reading that follows says why)."""
    try:
        with path.open("rb") as file:
            return file.read(128)
    except OSError:
        return b""


def _check_header(path: Path, header: list[str]) -> None:
    """A column named twice is refused: which copy a reader keeps is an accident."""
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        key = name.strip().casefold()
        if not key:
            continue
        if key in seen:
            raise _refused(
                path, f"ligne 1 : colonne « {name} » en double (colonnes {seen[key]} et {number})"
            )
        seen[key] = number


# CSV ------------------------------------------------------------------------------------------


def _csv_header(path: Path, limits: TableLimits) -> tuple[list[str], str, str]:
    with _Lines(path, limits) as lines:
        first = next(lines, "")
    delimiter = csv_delimiter(first)
    try:
        header = next(csv.reader([first], delimiter=delimiter, strict=True), [])
    except csv.Error as error:
        raise _refused(path, f"ligne 1 : en-tête illisible ({csv_reason(error)})") from error
    return [h.strip() for h in header], "csv", delimiter


class _Lines:
    """The file's lines, each decoded strictly as UTF-8, with an error naming the bad line."""

    def __init__(self, path: Path, limits: TableLimits) -> None:
        self.path, self.limits, self.line = path, limits, 0
        self.file = path.open("rb")

    def __enter__(self) -> Iterator[str]:
        return self._lines()

    def __exit__(self, *exc: object) -> None:
        self.file.close()

    def _lines(self) -> Iterator[str]:
        for raw in self._raw_lines(self.limits.max_field * 4):
            self.line += 1
            try:
                text = raw.decode("utf-8-sig" if self.line == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise _refused(
                    self.path,
                    f"ligne {self.line} : encodage invalide (le fichier doit être en UTF-8)"
                    f" ; {UTF8_ADVICE}",
                ) from error
            yield text

    def _raw_lines(self, cap: int) -> Iterator[bytes]:
        """Lines with their ending (LF, CRLF or a lone CR, as spreadsheets write them)."""
        buffer = b""
        while True:
            chunk = self.file.read(2**16)
            buffer += chunk
            start = 0
            for end in _EOL.finditer(buffer):
                if end.end() == len(buffer) and buffer.endswith(b"\r") and chunk:
                    break  # a CR at the end of a chunk may be the first half of a CRLF
                yield buffer[start : end.end()]
                start = end.end()
            buffer = buffer[start:]
            if len(buffer) > cap:
                raise _refused(self.path, f"ligne {self.line + 1} : ligne trop longue")
            if not chunk:
                if buffer:
                    yield buffer
                return


def _csv_rows(table: Table) -> Iterator[Row]:
    previous = csv.field_size_limit(table.limits.max_field)
    try:
        with _Lines(table.path, table.limits) as lines:
            reader = csv.reader(lines, delimiter=table.delimiter, strict=True)
            next(reader, None)  # the header
            yield from _csv_records(table, reader)
    finally:
        csv.field_size_limit(previous)


def _csv_records(table: Table, reader: Any) -> Iterator[Row]:
    start = 2
    while True:
        try:
            values = next(reader, None)
        except csv.Error as error:
            raise _refused(table.path, _csv_problem(str(error), start, table)) from error
        if values is None:
            return
        line, start = start, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        if reader.line_num > line and (swallowed := _swallowed(values, table)):
            raise _refused(table.path, f"ligne {line} : {swallowed}")
        if short := _short(values, table.header):
            yield line, short
            continue
        yield line, _row(table.header, [spreadsheet_unquote(v.strip()) for v in values])


def _short(values: list[str], header: list[str]) -> str | None:
    """Why a CSV row with fewer cells than the header is refused: a line cut short (a damaged
    file, a copy truncated), whose missing cells would otherwise be read as empty. A trailing
    separator counts its empty cell ("a,b," has 3 cells). Not for XLSX: a sheet does not store
    the empty cells that end a row."""
    named = max((n for n, name in enumerate(header, start=1) if name), default=0)
    if len(values) >= named:
        return None
    return (
        f"{counted(len(values), 'cellule', 'cellules')} pour {len(header)} colonnes dans "
        f"l'en-tête : ligne tronquée (une case vide s'écrit entre deux séparateurs)"
    )


def _csv_problem(reason: str, line: int, table: Table) -> str:
    if "field larger than field limit" in reason:
        return (
            f"ligne {line} : un champ dépasse {table.limits.max_field} caractères "
            "(une note tient en quelques phrases)"
        )
    if "unexpected end of data" in reason:
        return (
            f"ligne {line} : guillemet ouvert et jamais fermé (le champ court jusqu'à la fin "
            "du fichier)"
        )
    return f"ligne {line} : CSV mal formé ({csv_reason(reason)})"


def _swallowed(values: list[str], table: Table) -> str | None:
    """A quoted field that holds what looks like whole rows: an unclosed quote, not a note."""
    for value in values:
        for inner in value.splitlines()[1:]:
            first = commune_code_normalise(inner.split(table.delimiter, 1)[0].strip('" '))
            if inner.count(table.delimiter) >= len(table.header) - 1 and is_commune_code(first):
                return (
                    "guillemet ouvert et jamais fermé : le champ avale les lignes suivantes "
                    f"(« {inner[:60]} »)"
                )
    return None


def _row(header: list[str], values: list[str]) -> dict[str, str] | str:
    """Values by column, or why the row is refused: a value under no named column."""
    width = len(header)
    extra = [v for v in values[width:] if v]
    extra += [v for h, v in zip(header, values, strict=False) if v and not h]
    if extra:
        shown = ", ".join(f"« {v[:40]} »" for v in extra[:3])
        return (
            f"{len(values)} valeurs pour {len([h for h in header if h])} colonnes nommées : "
            f"valeurs hors colonnes refusées ({shown})"
        )
    return {h: v for h, v in zip(header, values, strict=False) if h}


# XLSX -----------------------------------------------------------------------------------------


def _check_zip(path: Path, limits: TableLimits) -> None:
    """Refuse an archive whose parts would inflate beyond the caps, before parsing anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _refused(
            path, "classeur XLSX illisible (ce n'est pas une archive ZIP d'Excel ou de Calc)"
        ) from error
    if len(infos) > limits.zip_max_entries:
        raise _refused(
            path, f"classeur XLSX de {len(infos)} parties (au plus {limits.zip_max_entries})"
        )
    for info in infos:
        cap = limits.zip_max_strings if "sharedstrings" in info.filename.lower() else None
        cap = cap or limits.zip_max_part
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > cap:
            raise _refused(
                path,
                f"classeur XLSX : la partie {info.filename} fait {info.file_size // 2**20} Mo "
                f"une fois décompressée (plafond {cap // 2**20} Mo)",
            )
        if info.file_size > limits.zip_ratio_floor and ratio > limits.zip_max_ratio:
            raise _refused(
                path,
                f"classeur XLSX : la partie {info.filename} se décompresse {ratio:.0f} fois "
                f"(plafond {limits.zip_max_ratio}), possible bombe de décompression",
            )


# Why a sheet could not be read, in French: openpyxl raises XML parse errors, KeyError, ValueError,
# zlib and ZIP CRC errors… whose class names say nothing to the person importing the file.
_DAMAGED_SHEET = "fichier XLSX endommagé ou qui n'est pas un classeur"


def _open_book(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _refused(path, "classeur XLSX illisible (classeur abîmé)") from error


def _xlsx_header(path: Path) -> list[str]:
    book = _open_book(path)
    try:
        if not book.worksheets:
            raise _refused(path, "classeur XLSX sans feuille")
        first = next(book.worksheets[0].iter_rows(values_only=True, max_row=1), ())
        return [_text(v) for v in first]
    except ValidationFailed:
        raise
    except Exception as error:  # a damaged sheet
        raise _refused(path, f"ligne 1 : feuille illisible ({_DAMAGED_SHEET})") from error
    finally:
        book.close()


def _xlsx_rows(table: Table) -> Iterator[Row]:
    book = _open_book(table.path)
    number = 1
    try:
        lines = book.worksheets[0].iter_rows(values_only=True, min_row=2)
        while True:
            try:
                values = next(lines, None)
            except Exception as error:  # a damaged sheet: name the line
                raise _refused(
                    table.path, f"ligne {number + 1} : feuille illisible ({_DAMAGED_SHEET})"
                ) from error
            if values is None:
                return
            number += 1
            texts = [_text(v) for v in values]
            if any(texts):
                yield number, _row(table.header, texts)
    finally:
        book.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
