"""The CSV report: one row per commune, best first, with its scores and its level per service.

Columns are the identifiers of the JSON report (docs/report-format.md); a not-applicable cell is
written `na`. With a comparison, the commune's paired means before and after and their change
are added at the end of its row.
"""

from __future__ import annotations

import csv
from pathlib import Path

from barometre.core.spreadsheet import spreadsheet_row
from barometre.outputs.data import ReportData
from barometre.scoring import NA

SCORE_COLUMNS = (
    "rank",
    "commune_code",
    "commune_name",
    "bracket",
    "mean_level",
    "share_of_max",
    "share_fully_online",
    "share_transactional",
    "cells",
    "not_applicable_cells",
)
CHANGE_COLUMNS = ("paired_cells", "mean_before", "mean_after", "mean_change")


def csv_write(data: ReportData, out: Path) -> Path:
    grid = data.grid
    row_of = {code: i for i, code in enumerate(grid.codes)}
    changes = {c.code: c for c in data.comparison.by_city} if data.comparison else {}
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        header = [*SCORE_COLUMNS, *grid.service_ids]
        writer.writerow(spreadsheet_row([*header, *CHANGE_COLUMNS] if data.comparison else header))
        levels = grid.levels.tolist()
        for city in data.scores.by_city:
            row: list[object] = [
                city.rank if city.rank is not None else "",
                city.code,
                city.name,
                city.bracket,
                _number(city.mean_level),
                _number(city.share_of_max),
                _number(city.share_fully_online),
                _number(city.share_transactional),
                city.cells,
                city.not_applicable_cells,
                *("na" if v == NA else v for v in levels[row_of[city.code]]),
            ]
            if data.comparison:
                change = changes.get(city.code)
                row += (
                    ["", "", "", ""]
                    if change is None
                    else [
                        change.cells,
                        *map(_number, (change.mean_before, change.mean_after, change.mean_change)),
                    ]
                )
            writer.writerow(spreadsheet_row(row))
    return out


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.6g}"
