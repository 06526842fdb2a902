"""The CSV report: one row per commune, best first, with its scores and its level per service.

Columns are the identifiers of the JSON report (docs/report-format.md); a not-applicable cell is
written `na`, an unmeasured cell is left empty. With a comparison, the commune's paired means
before and after and their change are added to its row. Communes with no measured cell come last,
with no rank and no figure. The last columns repeat the campaign, its coverage and whether it is
demonstration data on every row, so that a row copied elsewhere keeps them; with a comparison
that pairs no cell, a last column says why in French on every row (its columns stay empty).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from django.utils import translation

from barometre.core.spreadsheet import csv_decimal, spreadsheet_row
from barometre.outputs.data import ReportData
from barometre.outputs.labels import comparison_empty
from barometre.scoring import NA, UNMEASURED

_CELL = {NA: "na", UNMEASURED: ""}

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
    "unmeasured_cells",
)
CHANGE_COLUMNS = ("paired_cells", "mean_before", "mean_after", "mean_change")
CONTEXT_COLUMNS = ("campaign", "campaign_coverage", "is_demo")


def csv_write(data: ReportData, out: Path) -> Path:
    grid = data.grid
    context = [
        data.campaign.name,
        _number(data.scores.coverage.share_of_cells),
        "true" if data.is_demo else "false",
    ]
    if c := data.comparison:  # why its columns are all empty, in French, or ""
        with translation.override("fr"):
            context.append(comparison_empty(c.before, c.after, c.why_empty) or "")
    header = [*SCORE_COLUMNS, *grid.service_ids, *(CHANGE_COLUMNS if data.comparison else ())]
    context_columns = (*CONTEXT_COLUMNS, *(("comparison_note",) if data.comparison else ()))
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(spreadsheet_row([*header, *context_columns]))
        for row in _city_rows(data):
            writer.writerow(spreadsheet_row([*row, *context]))
        for commune in data.scores.unmeasured_communes:
            row = ["", commune.code, commune.name, commune.bracket, "", "", "", "", 0, 0]
            row += [len(grid.service_ids), *[""] * (len(header) - len(SCORE_COLUMNS))]
            writer.writerow(spreadsheet_row([*row, *context]))
    return out


def _city_rows(data: ReportData) -> Iterator[list[object]]:
    """The measured communes, best first: scores, levels and (with a comparison) change."""
    grid = data.grid
    row_of = {code: i for i, code in enumerate(grid.codes)}
    changes = {c.code: c for c in data.comparison.by_city} if data.comparison else {}
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
            city.unmeasured_cells,
            *(_CELL.get(v, v) for v in levels[row_of[city.code]]),
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
        yield row


def _number(value: float | None) -> str:
    return "" if value is None else csv_decimal(value)
