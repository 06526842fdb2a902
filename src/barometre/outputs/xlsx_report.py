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

from barometre.assessments.selectors import Origins
from barometre.core.spreadsheet import xlsx_cell
from barometre.outputs.chart_statuses import ranking_status
from barometre.outputs.coverage import coverage_headline
from barometre.outputs.data import ReportData
from barometre.outputs.detectors import detectors_compared_note
from barometre.outputs.labels import (
    DEMO_BANNER,
    by_printed_change,
    comparison_empty,
    date_label,
    datetime_label,
    demo_explanation,
    reason_label,
    shown_change,
)
from barometre.outputs.opendata.formats import XLSX_DATETIME_FORMAT, utc_second
from barometre.scoring import NA, UNMEASURED, Change, CityChange, GroupScore


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


def _share_headers() -> tuple[str, ...]:
    """The three shares, named for what they count and over which cells, as the campaign page
    names them: shares of cells (commune × service), not of services, the one at level 4 over
    the applicable cells of the services that can reach it only (docs/scoring.md)."""
    return (
        _("part du maximum atteignable (moyenne sur les cellules applicables)"),
        _("part des cellules applicables au niveau maximal du service (entièrement en ligne)"),
        _(
            "part des cellules au niveau 4 ou plus, parmi les cellules applicables des services "
            "qui peuvent l'atteindre"
        ),
    )


def _summary(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    _summary_campaign(sheet, data)
    _append(sheet, [])
    _bold(
        sheet,
        [
            *(_("groupe"), _("communes"), _("cellules mesurées"), _("sans objet")),
            *(_("non mesurées"), _("niveau moyen"), _("moyenne des communes")),
            *_share_headers(),
        ],
    )
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


def _summary_campaign(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    """The summary's first rows: the campaign, when, its coverage, origins and intervals."""
    if data.is_demo:
        _append(sheet, [demo_explanation(data.campaign.spec)])
    _bold(sheet, [_("Baromètre de l'e-administration locale"), data.campaign.name])
    _append(sheet, [_("mesurée le"), date_label(data.campaign.measured_on)])
    _append(sheet, [_("catalogue"), data.campaign.catalogue_version])
    # the typed time in UTC, as the JSON report and the open data give it; Paris time in words
    when = [_("généré le (UTC)"), utc_second(data.generated_at).replace(tzinfo=None)]
    _append(sheet, [*when, datetime_label(data.generated_at)], (None, XLSX_DATETIME_FORMAT))
    coverage = data.scores.coverage
    if headline := coverage_headline(coverage):
        _bold(sheet, [headline])
    _append(sheet, [_("cellules mesurées"), coverage.measured_cells, coverage.cells])
    _append(sheet, [_("communes mesurées"), coverage.measured_communes, coverage.communes])
    _append(sheet, [_("couverture"), coverage.share_of_cells], (None, PERCENT))
    if data.origins is not None:
        _summary_origins(sheet, data.origins)
    for label, interval in (
        # never %-formatted: "% d" is no placeholder
        # xgettext:no-python-format
        (_("IC 95 % du niveau moyen"), data.scores.ci_mean_level),
        # xgettext:no-python-format
        (_("IC 95 % de la moyenne des communes"), data.scores.ci_mean_of_city_means),
    ):
        if interval is not None:
            _append(sheet, [label, interval.low, interval.high], (None, DECIMAL, DECIMAL))


def _summary_origins(sheet: WriteOnlyWorksheet, origins: Origins) -> None:
    """Where the values come from, a row each; a cell « sans objet » is no level, counted apart
    as the pages and the HTML report count it (« 15 niveaux importés, 3 « sans objet »
    importés »)."""
    levels, moot = origins.levels, origins.moot or Origins()
    for label, count in (
        (_("propositions automatiques non relues"), origins.automatic),
        (_("propositions automatiques non relues, dont « sans objet »"), moot.automatic),
        (_("niveaux revus par un auditeur"), levels.reviewed),
        (_("« sans objet » revus par un auditeur"), moot.reviewed),
        (_("niveaux importés"), levels.imported),
        (_("« sans objet » importés"), moot.imported),
    ):
        _append(sheet, [label, count])


def _cities(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    _bold(
        sheet,
        [
            _("rang"),
            _("code"),
            _("commune"),
            _("tranche"),
            _("niveau moyen"),
            *_share_headers(),
            _("cellules mesurées"),
            _("sans objet"),
            _("non mesurées"),
            # an empty cell of this sheet means one of two things: the status says which
            _("statut"),
        ],
    )
    for c in data.scores.by_city:
        _append(
            sheet,
            [
                c.rank,
                c.code,
                c.name,
                data.bracket_labels.get(c.bracket, c.bracket),  # as the Synthèse sheet
                c.mean_level,
                c.share_of_max,
                c.share_fully_online,
                c.share_transactional,
                c.cells,
                c.not_applicable_cells,
                c.unmeasured_cells,
                ranking_status(c),
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
    if empty := comparison_empty(c.before, c.after, c.why_empty):
        _append(sheet, [empty])  # said, not an empty table (the HTML report's sentence)
        return
    if note := detectors_compared_note(data):  # how the two were measured, as the HTML report
        _append(sheet, [note])
    _bold(
        sheet,
        [
            _("domaine"),
            *(_("cellules appariées"), c.before, c.after, _("évolution")),
            *(_("en hausse"), _("en baisse"), _("inchangées")),
            *(_("p (Wilcoxon)"), _("communes testées"), _("remarque")),
        ],
    )
    o = c.overall
    _append(sheet, [_("Ensemble"), *_change(o), o.rose, o.fell, o.same], CHANGE_FORMATS)
    for key, d in c.by_domain.items():
        x, test = d.change, d.test
        row = [data.domain_label(key), *_change(x), x.rose, x.fell, x.same]
        row += [test.p_value, test.nonzero_differences, reason_label(test.reason)]
        _append(sheet, row, (*CHANGE_FORMATS, None, None, None, P_VALUE))  # rose…same: counts
    _append(sheet, [])
    _bold(
        sheet, [_("code"), _("commune"), _("cellules appariées"), c.before, c.after, _("évolution")]
    )
    for city in by_printed_change(c.by_city):  # as the HTML and PDF reports
        _append(sheet, [city.code, city.name, *_change(city)], (None, *CHANGE_FORMATS))


def _change(x: Change | CityChange) -> list[Any]:
    """Paired cells, the two means unrounded (reusers compute with every digit; the number format
    shows 2 decimals), and the change a reader computes from the two means shown: 1,86 and 1,71
    give -0,15, never the -0,14 the unrounded -0.143 shows, as in the HTML and PDF reports.

    The change is a value, not a formula `=ROUND(D3;2)-ROUND(C3;2)`: a file written by openpyxl
    holds no computed value for a formula, so pandas or openpyxl reading it would get nothing,
    and a viewer that does not recompute shows an empty cell. The unrounded change is the
    difference of the two mean cells, and the JSON report's and the API's `mean_change`."""
    return [x.cells, x.mean_before, x.mean_after, shown_change(x.mean_before, x.mean_after, 2)]
