"""Export the value that counts per cell, in long or wide form (CSV or XLSX), re-importable; and
the empty grid of a campaign, to fill in and import."""

from __future__ import annotations

import csv
from pathlib import Path

from barometre.assessments.models import Cell
from barometre.core.errors import BarometreError
from barometre.core.files import output_write
from barometre.core.spreadsheet import (
    FORMULA_STARTS,
    spreadsheet_row,
    spreadsheet_text,
    xlsx_cell,
    xlsx_sheet,
)
from barometre.referential.models import Campaign, Service

__all__ = ["FORMULA_STARTS", "assessments_export", "assessments_template", "spreadsheet_text"]


def assessments_export(*, campaign: Campaign, out: Path, wide: bool = False) -> int:
    """Write the cells that count; return the number of cells written."""
    output_format_check(Path(out))
    services = list(Service.objects.filter(catalogue_id=campaign.catalogue_id).order_by("position"))
    cells = (
        Cell.objects.filter(campaign=campaign)
        .order_by("commune_id", "service__position")
        .values_list(
            "commune_id",
            "commune__name",
            "service__slug",
            "level",
            "not_applicable",
            "source",
            "assessment__evidence_url",
            "assessment__note",
        )
    )
    rows = [
        {
            "commune_code": c,
            "commune_name": n,
            "service_id": s,
            "level": "na" if na else str(lv),
            "source": src,
            "evidence_url": url,
            "note": note,
        }
        for c, n, s, lv, na, src, url, note in cells.iterator(chunk_size=5000)
    ]
    header, table = _wide(rows, services) if wide else _long(rows)
    _write(Path(out), header, table)
    return len(rows)


def assessments_template(*, campaign: Campaign, out: Path, wide: bool = False) -> int:
    """Write the campaign's empty grid (its communes x its catalogue's services) in the import
    format, long or wide; return the number of cells to fill."""
    output_format_check(Path(out))
    services = list(Service.objects.filter(catalogue_id=campaign.catalogue_id).order_by("position"))
    communes = list(campaign.communes.order_by("code").values_list("code", "name"))
    if wide:
        slugs = [s.slug for s in services]
        header = ["commune_code", "commune_name", *slugs]
        header += [f"{s}.{suffix}" for s in slugs for suffix in ("evidence_url", "note")]
        table = [[code, name, *[""] * (len(header) - 2)] for code, name in communes]
    else:
        header = [*TEMPLATE_LONG]
        table = [
            [code, s.slug, "", "", "", name, s.label] for code, name in communes for s in services
        ]
    _write(Path(out), header, table)
    return len(communes) * len(services)


TEMPLATE_LONG = (
    "commune_code",
    "service_id",
    "level",
    "evidence_url",
    "note",
    "commune_name",
    "service_label",
)


def _long(rows: list[dict[str, str]]) -> tuple[list[str], list[list[str]]]:
    header = [
        "commune_code",
        "service_id",
        "level",
        "evidence_url",
        "note",
        "commune_name",
        "source",
    ]
    return header, [[r[h] for h in header] for r in rows]


def _wide(rows: list[dict[str, str]], services: list[Service]) -> tuple[list[str], list[list[str]]]:
    slugs = [s.slug for s in services]
    header = ["commune_code", "commune_name", *slugs]
    header += [f"{s}.{suffix}" for s in slugs for suffix in ("evidence_url", "note")]
    by_commune: dict[str, dict[str, str]] = {}
    for r in rows:
        line = by_commune.setdefault(
            r["commune_code"],
            {"commune_code": r["commune_code"], "commune_name": r["commune_name"]},
        )
        line[r["service_id"]] = r["level"]
        line[f"{r['service_id']}.evidence_url"] = r["evidence_url"]
        line[f"{r['service_id']}.note"] = r["note"]
    return header, [[line.get(h, "") for h in header] for line in by_commune.values()]


TEXT_COLUMNS = (
    "commune_code",
    "commune_name",
    "service_id",
    "service_label",
    "evidence_url",
    "note",
    "source",
)


def _typed(value: str, is_level: bool) -> str | int:
    """A level as a number in XLSX ("3" -> 3); "na", an empty cell and any text stay text."""
    return int(value) if is_level and value.isdigit() else value


CSV_SUFFIXES = {".csv", ".txt", ""}  # "" for /dev/stdout and names without an extension


def output_format_check(out: Path) -> None:
    """Refuse an extension that is neither CSV nor XLSX: `grille.xls` or `grille.ods` would
    receive CSV text, which the spreadsheet it names refuses to open or reads wrong."""
    suffix = out.suffix.lower()
    if suffix != ".xlsx" and suffix not in CSV_SUFFIXES:
        raise BarometreError(
            f"Extension « {out.suffix} » non prise en charge ({out}) : le fichier est écrit en "
            "CSV (.csv) ou en XLSX (.xlsx) ; LibreOffice ouvre l'un et l'autre."
        )


def _write(out: Path, header: list[str], table: list[list[str]]) -> None:
    output_write(out, lambda target: _write_table(target, header, table), what="le fichier")


def _write_table(out: Path, header: list[str], table: list[list[str]]) -> None:
    if out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = xlsx_sheet(book, "evaluations")
        sheet.append(header)
        levels = {j for j, name in enumerate(header) if name == "level" or "." not in name}
        levels -= {header.index(c) for c in TEXT_COLUMNS if c in header}
        for row in table:
            sheet.append([xlsx_cell(sheet, _typed(v, j in levels)) for j, v in enumerate(row)])
        book.save(out)
        return
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(spreadsheet_row(row) for row in table)
