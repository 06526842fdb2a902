"""The XLSX report: a summary sheet, the cities ranked, the full grid, and the comparison."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from barometre.core.spreadsheet import xlsx_cell
from barometre.outputs.coverage import coverage_headline
from barometre.outputs.data import ReportData
from barometre.outputs.labels import (
    DEMO_BANNER,
    date_label,
    datetime_label,
    demo_explanation,
    in_paris,
    reason_label,
)
from barometre.scoring import NA, UNMEASURED, GroupScore


def xlsx_write(data: ReportData, out: Path) -> Path:
    book = Workbook(write_only=True)
    with translation.override("fr"):
        sheets: list[tuple[str, Callable[[WriteOnlyWorksheet, ReportData], None]]] = [
            (_("Synthèse"), _summary),
            (_("Communes"), _cities),
            (_("Grille"), _grid),
        ]
        if data.scores.unmeasured_communes:
            sheets.append((_("Non mesurées"), _unmeasured))
        if data.comparison is not None:
            sheets.append((_("Évolution"), _comparison))
        for title, write in sheets:
            sheet = book.create_sheet(title)
            if data.is_demo:  # on every sheet: a sheet copied alone keeps its label
                _bold(sheet, [_(DEMO_BANNER)])
            write(sheet, data)
    book.save(out)
    return out


DECIMAL = "0.00"
PRECISE = "0.000"  # city means: enough digits to tell apart two cities of different rank
PERCENT = "0.0%"
SIGNED = "+0.00;-0.00;0.00"
P_VALUE = "0.0000"
WHEN = "yyyy-mm-dd hh:mm"
CHANGE_FORMATS = (None, None, DECIMAL, DECIMAL, SIGNED)
GROUP_FORMATS = (None, None, None, None, None, DECIMAL, DECIMAL, PERCENT, PERCENT, PERCENT)


def _append(
    sheet: WriteOnlyWorksheet, values: list[Any], formats: tuple[str | None, ...] = ()
) -> None:
    """Append a row; text cells are strings, never formulas (a label "=HYPERLINK(...)");
    numbers and dates get the number format given for their column."""
    cells = []
    for value, shown in zip(values, (*formats, *[None] * len(values)), strict=False):
        cell = xlsx_cell(sheet, value)
        if shown is not None and value is not None:
            cell.number_format = shown
        cells.append(cell)
    sheet.append(cells)


def _bold(sheet: WriteOnlyWorksheet, values: list[Any]) -> None:
    cells = []
    for value in values:
        cell = xlsx_cell(sheet, value)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def _group_row(label: str, g: GroupScore) -> list[Any]:
    return [
        label,
        g.communes,
        g.cells,
        g.not_applicable_cells,
        g.unmeasured_cells,
        g.mean_level,
        g.mean_of_city_means,
        g.share_of_max,
        g.share_fully_online,
        g.share_transactional,
    ]


def _summary(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    if data.is_demo:
        _append(sheet, [demo_explanation(data.campaign.spec)])
    _bold(sheet, [_("Baromètre de l'e-administration locale"), data.campaign.name])
    _append(sheet, [_("mesurée le"), date_label(data.campaign.measured_on)])
    _append(sheet, [_("catalogue"), data.campaign.catalogue_version])
    moment = in_paris(data.generated_at)
    _append(
        sheet,
        [_("généré le (heure de Paris)"), moment.replace(tzinfo=None), datetime_label(moment)],
        (None, WHEN),
    )
    coverage = data.scores.coverage
    headline = coverage_headline(coverage)
    if headline:
        _bold(sheet, [headline])
    _append(sheet, [_("cellules mesurées"), coverage.measured_cells, coverage.cells])
    _append(sheet, [_("communes mesurées"), coverage.measured_communes, coverage.communes])
    _append(sheet, [_("couverture"), coverage.share_of_cells], (None, PERCENT))
    if data.origins is not None:
        origins = data.origins
        _append(sheet, [_("propositions automatiques non relues"), origins.automatic])
        _append(sheet, [_("niveaux revus par un auditeur"), origins.reviewed])
        _append(sheet, [_("niveaux importés"), origins.imported])
    for label, interval in (
        # never %-formatted: "% d" is no placeholder
        # xgettext:no-python-format
        (_("IC 95 % du niveau moyen"), data.scores.ci_mean_level),
        # xgettext:no-python-format
        (_("IC 95 % de la moyenne des communes"), data.scores.ci_mean_of_city_means),
    ):
        if interval is not None:
            _append(sheet, [label, interval.low, interval.high], (None, DECIMAL, DECIMAL))
    _append(sheet, [])
    header = [
        _("groupe"),
        _("communes"),
        _("cellules mesurées"),
        _("sans objet"),
        _("non mesurées"),
        _("niveau moyen"),
        _("moyenne des communes"),
        _("part du maximum"),
        _("entièrement en ligne"),
        _("transactionnels"),
    ]
    _bold(sheet, header)
    _append(sheet, _group_row(_("Ensemble"), data.scores.overall), GROUP_FORMATS)
    for title, groups, label in (
        (_("Par domaine"), data.scores.by_domain, data.domain_label),
        (_("Par service"), data.scores.by_service, data.service_label),
        (
            _("Par tranche de population"),
            {b: data.scores.by_bracket[b] for b in data.bracket_order()},
            lambda b: data.bracket_labels.get(b, b),
        ),
    ):
        _append(sheet, [])
        _bold(sheet, [title])
        for key, group in groups.items():
            _append(sheet, _group_row(label(key), group), GROUP_FORMATS)


def _cities(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    _bold(
        sheet,
        [
            _("rang"),
            _("code"),
            _("commune"),
            _("tranche"),
            _("niveau moyen"),
            _("part du maximum"),
            _("entièrement en ligne"),
            _("transactionnels"),
            _("cellules mesurées"),
            _("sans objet"),
            _("non mesurées"),
        ],
    )
    for c in data.scores.by_city:
        _append(
            sheet,
            [
                c.rank,
                c.code,
                c.name,
                c.bracket,
                c.mean_level,
                c.share_of_max,
                c.share_fully_online,
                c.share_transactional,
                c.cells,
                c.not_applicable_cells,
                c.unmeasured_cells,
            ],
            (None, None, None, None, PRECISE, PERCENT, PERCENT, PERCENT),
        )


def _grid(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    grid = data.grid
    _bold(sheet, [_("code"), _("commune"), *grid.service_ids])
    shown = {NA: _("s.o."), UNMEASURED: None}  # an unmeasured cell stays empty
    for code, name, row in zip(grid.codes, grid.names, grid.levels.tolist(), strict=True):
        _append(sheet, [code, name, *(shown.get(v, v) for v in row)])


def _unmeasured(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    _bold(sheet, [_("Communes sans cellule mesurée, exclues de tous les chiffres")])
    _bold(sheet, [_("code"), _("commune"), _("tranche")])
    for c in data.scores.unmeasured_communes:
        _append(sheet, [c.code, c.name, data.bracket_labels.get(c.bracket, c.bracket)])


def _comparison(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    c = data.comparison
    assert c is not None
    _bold(sheet, [_("Évolution"), c.before, "→", c.after])
    header = [
        _("domaine"),
        _("cellules appariées"),
        c.before,
        c.after,
        _("évolution"),
        _("en hausse"),
        _("en baisse"),
        _("inchangées"),
        _("p (Wilcoxon)"),
        _("communes testées"),
        _("remarque"),
    ]
    _bold(sheet, header)
    o = c.overall
    _append(
        sheet,
        [
            _("Ensemble"),
            o.cells,
            o.mean_before,
            o.mean_after,
            o.mean_change,
            o.rose,
            o.fell,
            o.same,
        ],
        CHANGE_FORMATS,
    )
    for key, d in c.by_domain.items():
        x = d.change
        _append(
            sheet,
            [
                data.domain_label(key),
                x.cells,
                x.mean_before,
                x.mean_after,
                x.mean_change,
                x.rose,
                x.fell,
                x.same,
                d.test.p_value,
                d.test.nonzero_differences,
                reason_label(d.test.reason),
            ],
            (*CHANGE_FORMATS, None, None, None, P_VALUE),  # rose, fell, same: counts
        )
    _append(sheet, [])
    _bold(
        sheet, [_("code"), _("commune"), _("cellules appariées"), c.before, c.after, _("évolution")]
    )
    for city in c.by_city:
        _append(
            sheet,
            [city.code, city.name, city.cells, city.mean_before, city.mean_after, city.mean_change],
            (None, None, None, DECIMAL, DECIMAL, SIGNED),
        )
