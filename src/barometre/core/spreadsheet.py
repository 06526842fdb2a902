"""Text cells that a spreadsheet will not run as formulas (OWASP "CSV injection").

Every CSV and XLSX that barometre writes passes its text cells through here. In CSV, a text that
starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe,
which spreadsheets read as "this is text"; a plain number ("-0.25") is left alone, it runs nothing.
In XLSX, text cells are typed as strings, so they are never formulas and keep their exact text.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def spreadsheet_text(value: str) -> str:
    """`value` with a leading apostrophe when a spreadsheet would read it as a formula."""
    if value[:1] in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


# the decimals of every number in the open data files and the API: one figure reads the same in
# scores.csv and in /api/v1/scores (docs/opendata.md)
DECIMALS = 6
_STEP = Decimal(1).scaleb(-DECIMALS)


def decimals(value: float) -> float:
    """`value` rounded to DECIMALS (6) decimals half away from zero, on the digits the JSON
    report writes (its shortest representation), as every printed figure is rounded
    (`outputs.labels.rounded`): 2.0078125 is 2.007813 and 0.0000125 is 0.000013, where round()
    gave 2.007812 (a half to even) and 0.000012 (the binary 0.0000124999…); one that rounds to
    zero is 0.0, never -0.0. The numbers of the CSV files, the open data and the API."""
    if not abs(value) < 1e15:  # no decimal left to round (and NaN, ±inf as they are)
        return value
    return float(Decimal(repr(float(value))).quantize(_STEP, rounding=ROUND_HALF_UP)) + 0.0


# the significant digits of a p-value, which is never 0: 6 decimals would write 0.00000012 as 0
SIGNIFICANT = 6


class PValue(float):
    """A p-value among the numbers of an answer: the API writes it with its SIGNIFICANT (6)
    significant digits, `significant`, where every other number gets DECIMALS (6) decimals."""


def significant(value: float) -> float:
    """`value` with SIGNIFICANT (6) significant digits: 0.00048828125 is 0.000488281 (6 decimals
    gave 0.000488), 1.23456789e-08 is 1.23457e-08 (6 decimals gave 0); 0 only when it is 0."""
    return float(f"{value:.{SIGNIFICANT}g}") + 0.0


def csv_decimal(value: float) -> str:
    """A dot and at most 6 decimals, never an exponent (str() and 6 significant digits write
    0.00001 as « 1e-05 », which a spreadsheet in French reads as text): 0.5, 2.0, 0.000012,
    rounded by `decimals`; a value that rounds to zero is 0.0, never -0.0."""
    text = f"{decimals(value):.{DECIMALS}f}".rstrip("0")
    if text in ("0.", "-0."):
        return "0.0"
    return text + "0" if text.endswith(".") else text


def csv_unrounded(value: float) -> str:
    """Every digit of `value` (its shortest representation, which reads back as the same float),
    never an exponent: 2.859675712202236e-05 is 0.00002859675712202236, which str() wrote as a
    French spreadsheet's text; 1.0 is 1.0. For the CSV files that keep their floats unrounded
    (the programme report's)."""
    if not math.isfinite(value):
        return repr(value)  # as str() wrote it: nan, inf
    text = format(Decimal(repr(float(value))), "f")
    return text if "." in text else text + ".0"


def spreadsheet_unquote(value: str) -> str:
    """Undo `spreadsheet_text` on a cell read back from our CSV: the apostrophe goes only where
    the export would have put it (a typed "'-0.25" or "'abc" keeps its apostrophe)."""
    if value[:1] == "'" and spreadsheet_text(value[1:]) == value:
        return value[1:]
    return value


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    """A CSV row with every text cell neutralised; numbers and empty cells unchanged."""
    return [spreadsheet_text(v) if isinstance(v, str) else v for v in values]


def spreadsheet_csv(rows: Iterable[Sequence[Any]]) -> str:
    """A CSV for a spreadsheet, as every CSV a page of the site offers (a ranking, a chart's
    table, a commune's levels, the survey's report and one-time links): UTF-8 with a byte order
    mark, `;`-separated, lines ended by CRLF, so that a French spreadsheet opens it in columns,
    with its accents, and reads « 2,5 » as a number. The cells come neutralised
    (`spreadsheet_text`) and written as the page prints them (a decimal comma); the open data
    files are another convention, a machine's (docs/opendata.md)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return "\ufeff" + buffer.getvalue()


# Excel's limits: a cell holds at most 32,767 characters (openpyxl cuts a longer text there
# without a word), a sheet's name at most 31
XLSX_CELL_CHARS = 32_767
XLSX_SHEET_CHARS = 31
XLSX_CUT = (
    " […] (texte coupé : une cellule XLSX tient au plus 32 767 caractères ; le même "
    "fichier en CSV le donne entier)"
)


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """A write-only openpyxl cell; text is typed as a string, never as a formula. A text longer
    than a cell holds ends by saying it is cut and where it is whole (`XLSX_CUT`), where openpyxl
    dropped its end silently (a note, a quote)."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str) and len(value) > XLSX_CELL_CHARS:
        value = value[: XLSX_CELL_CHARS - len(XLSX_CUT)] + XLSX_CUT
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def xlsx_sheet(book: Any, title: str) -> Any:
    """A new sheet of a write-only workbook; a name longer than a sheet's holds is refused
    (openpyxl only warns, and Excel will not open the file), never cut."""
    if len(title) > XLSX_SHEET_CHARS:
        raise ValueError(
            f"Nom de feuille XLSX trop long ({len(title)} caractères, "
            f"{XLSX_SHEET_CHARS} au plus) : « {title} »."
        )
    return book.create_sheet(title)


CSV_DELIMITERS = (",", ";", "\t")  # what an import reads: comma, semicolon, tab


def csv_delimiter(header: str) -> str:
    """The separator of an imported CSV, read from its header line: the one of comma, semicolon
    and tab found most often there (a comma when tied or none). Column names hold none of them,
    so the header tells; a tab-separated file (cells copied from a spreadsheet and pasted into a
    text file) is read as such, its tabs inside quoted values kept as in any CSV."""
    counts = {d: header.count(d) for d in CSV_DELIMITERS}
    return max(CSV_DELIMITERS, key=lambda d: counts[d])


def wrong_separator(header: list[str]) -> str | None:
    """A file separated by a character the reader does not take (a pipe, a colon, a space) reads
    as one column named after the whole header line: say which separator it found and which
    one is expected, rather than call that line an unknown statement."""
    if len(header) != 1:
        return None
    # a separator stands between names: « 'commune_code' » (quoted) or a NUL byte is none; a
    # header line is short, but a binary file's first « line » may be megabytes long
    text = header[0][:1000]
    found = Counter(c for c in text if not (c.isalnum() or c in "-_"))
    between = [c for c in found if sum(1 for part in text.split(c) if part.strip()) >= 2]
    if not between:
        return None
    separator = max(between, key=lambda c: found[c])
    named = "des espaces" if separator.isspace() else f"« {separator} »"
    line = header[0] if len(header[0]) <= 60 else header[0][:59] + "…"
    return (
        f"en-tête : une seule colonne, « {line} » : les colonnes y sont séparées par "
        f"{named}, que l'import ne lit pas ; séparez-les par des virgules (« , »), "
        "ou par des points-virgules (« ; ») ou des tabulations"
    )


def csv_reason(error: csv.Error | str) -> str:
    """What the csv module's message (English) means, in French, for an import's refusal."""
    text = str(error)
    if "unexpected end of data" in text or "EOF" in text:
        return "guillemet ouvert et jamais fermé"
    if "field larger than field limit" in text:
        return "champ trop long"
    if "NUL" in text or "nul" in text:
        return "caractère NUL"
    if "expected after" in text:  # strict mode: `"ab"c`
        return (
            "texte collé à un guillemet fermant\u00a0; "
            'dans un champ, un guillemet se double\u00a0: ""'
        )
    if "new-line character seen in unquoted field" in text:
        return "retour à la ligne hors guillemets"
    return "vérifiez les guillemets et les séparateurs"


# what to do with a CSV that is not UTF-8: Excel's « CSV (séparateur : point-virgule) » writes
# Windows-1252, which an import refuses (the line of the first byte it cannot read is named)
UTF8_ADVICE = (
    "enregistrez-le en « CSV UTF-8 » (Excel : Enregistrer sous, « CSV UTF-8 » ; "
    "LibreOffice : jeu de caractères « Unicode (UTF-8) »)"
)


def binary_workbook(head: bytes, *, reads_xlsx: bool) -> str | None:
    """What a file read as CSV is when its first bytes say it is a workbook, in French, with
    what to do (`reads_xlsx`: the import also reads .xlsx); None for text. A workbook saved as
    .ods or .xls, or renamed .csv, was refused as a file not in UTF-8, which told nobody that
    the file was not a CSV at all."""
    if head.startswith(b"PK\x03\x04"):
        ods = b"opendocument.spreadsheet" in head
        kind = "LibreOffice (.ods)" if ods else "Excel (.xlsx)"
        if reads_xlsx and not ods:
            return "c'est un classeur Excel (.xlsx), pas un fichier CSV\u00a0: renommez-le en .xlsx"
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        kind = "Excel 97-2003 (.xls)"
    else:
        return None
    xlsx = "en .xlsx (Excel) ou " if reads_xlsx else ""
    return (
        f"c'est un classeur {kind}, pas un fichier CSV\u00a0: enregistrez-le {xlsx}en "
        "«\u00a0CSV UTF-8\u00a0», puis importez ce fichier-là"
    )
