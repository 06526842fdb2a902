"""The XLSX report: a summary sheet, the cities ranked, the full grid, its services, and the
comparison."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from barometre.assessments.selectors import Origins
from barometre.core.spreadsheet import xlsx_cell, xlsx_sheet
from barometre.outputs.chart_statuses import ranking_status
from barometre.outputs.coverage import coverage_headline
from barometre.outputs.data import ReportData
from barometre.outputs.detectors import detectors_compared_note
from barometre.outputs.labels import (
    DEMO_BANNER,
    by_printed_change,
    campaign_mean_header,
    comparison_empty,
    date_label,
    datetime_label,
    demo_explanation,
    mean_header,
    p_digits,
    reason_label,
    rounded,
    separating_digits,
    share_digits,
    shown_change,
)
from barometre.outputs.opendata.formats import XLSX_DATETIME_FORMAT, utc_second
from barometre.scoring import NA, UNMEASURED, Change, CityChange, GroupScore, Interval


def xlsx_write(data: ReportData, out: Path) -> Path:
    book = Workbook(write_only=True)
    with translation.override("fr"):
        sheets: list[tuple[str, Callable[[WriteOnlyWorksheet, ReportData], None]]] = [
            (_("Synthèse"), _summary),
            (_("Communes"), _cities),
            (_("Communes × services"), _grid),
            (_("Services"), _services),
        ]
        if data.scores.unmeasured_communes:
            sheets.append((_("Non mesurées"), _unmeasured))
        if data.comparison is not None:
            sheets.append((_("Évolution"), _comparison))
        for title, write in sheets:
            sheet = xlsx_sheet(book, title)
            if write is _grid:  # before any row: a write-only sheet writes its layout first
                _grid_layout(sheet, data)
            if data.is_demo:  # on every sheet: a sheet copied alone keeps its label
                _bold(sheet, [_(DEMO_BANNER)])
            write(sheet, data)
    book.save(out)
    return out


# Each figure shown with the decimals the HTML report and the PDF print it with (the cell holds
# every digit): « 20,5 % » here beside « 21 % » there, « 0,4375 » beside « 0,438 », were two
# figures to quote for one (`labels.percent`, `labels.p_value`).
DECIMAL = "0.00"
PERCENT = "0%"
SIGNED = "+0.00;-0.00;0.00"
P_VALUE = '[<0.001]"< 0,001";0.000'  # « < 0,001 » below 0.001, as the reports print it
CHANGE_FORMATS = (None, None, DECIMAL, DECIMAL, SIGNED)
GROUP_FORMATS = (None, None, None, None, None, DECIMAL, DECIMAL, PERCENT, PERCENT, PERCENT)


def _append(
    sheet: WriteOnlyWorksheet, values: list[Any], formats: tuple[str | None, ...] = ()
) -> None:
    """Append a row; text cells are strings, never formulas (a label "=HYPERLINK(...)");
    numbers and dates get the number format given for their column, a share (`PERCENT`) the
    decimals that keep it off 0 % and 100 % unless it is none or all (`_share_format`)."""
    cells = []
    for value, shown in zip(values, (*formats, *[None] * len(values)), strict=False):
        cell = xlsx_cell(sheet, value)
        if shown is not None and value is not None:
            cell.number_format = _number_format(shown, value)
        cells.append(cell)
    sheet.append(cells)


def _number_format(shown: str, value: float) -> str:
    """The column's format `shown`, but for a share (`PERCENT`) with the decimals
    `_share_format` gives it, and a p-value (`P_VALUE`) with those that keep one below 0.05
    below it (`0.0000`: « 0,0497 », never « 0,050 » beside « significatif »), as the HTML
    report prints them (`labels.percent`, `labels.p_value`)."""
    if shown == PERCENT:
        return _share_format(value)
    if shown == P_VALUE:
        return P_VALUE.replace("0.000", "0." + "0" * p_digits(value))
    return shown


def _bold(sheet: WriteOnlyWorksheet, values: list[Any], *, wrap: bool = False) -> None:
    cells = []
    for value in values:
        cell = xlsx_cell(sheet, value)
        cell.font = Font(bold=True)
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
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
    _bold(sheet, _group_headers(_("groupe")))
    _append(sheet, _group_row(_("Ensemble"), data.scores.overall), GROUP_FORMATS)
    for title, first, groups, label in (
        (_("Par domaine"), _("domaine"), data.scores.by_domain, data.domain_label),
        (_("Par service"), _("service"), data.scores.by_service, data.service_label),
        (
            _("Par tranche de population"),
            _("tranche"),
            {b: data.scores.by_bracket[b] for b in data.bracket_order()},
            lambda b: data.bracket_labels.get(b, b),
        ),
    ):
        _append(sheet, [])
        _bold(sheet, [title])
        # each table its headers: a reader who scrolled past the first one still reads them
        _bold(sheet, _group_headers(first))
        for key, group in groups.items():
            _append(sheet, _group_row(label(key), group), GROUP_FORMATS)
        for note in _empty_notes(list(groups.values())):  # under the table, as in the report
            _append(sheet, [note])


def _empty_notes(groups: list[GroupScore]) -> list[str]:
    """What the empty figures of a table of groups mean: a service whose highest level is 3
    left its last column empty in « Par service », with nothing to say it is not 0 %."""
    notes = []
    if any(g.mean_level is not None and g.share_transactional is None for g in groups):
        notes.append(
            _(
                "Case vide dans la dernière colonne : aucun service mesuré et applicable de la "
                "ligne ne peut atteindre le niveau 4 ; la part n'a aucune cellule sur laquelle "
                "porter, ce n'est pas 0 %."
            )
        )
    if any(g.mean_level is None for g in groups):
        notes.append(
            _(
                "Ligne sans niveau ni part : aucune cellule mesurée et applicable (toutes non "
                "mesurées ou « sans objet »), ce n'est pas 0."
            )
        )
    return notes


def _group_headers(first: str) -> list[str]:
    return [
        *(first, _("communes"), _("cellules mesurées"), _("sans objet")),
        *(_("non mesurées"), mean_header(), _("moyenne des communes")),
        *_share_headers(),
    ]


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
    _summary_coverage(sheet, data)
    if data.origins is not None:
        _summary_origins(sheet, data.origins)
    _summary_intervals(sheet, data)


def _summary_coverage(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    """How much of the campaign was measured: a table whose every number has its header (a row
    « cellules mesurées 450 450 » left the reader to guess which was which)."""
    coverage = data.scores.coverage
    _bold(sheet, [_("couverture"), _("mesurées"), _("de la campagne"), _("part mesurée")])
    share_of_communes = (
        coverage.measured_communes / coverage.communes if coverage.communes else None
    )
    for label, measured, total, share in (
        (_("cellules"), coverage.measured_cells, coverage.cells, coverage.share_of_cells),
        (_("communes"), coverage.measured_communes, coverage.communes, share_of_communes),
    ):
        _append(sheet, [label, measured, total, share], (None, None, None, _share_format(share)))


def _share_format(share: float | None) -> str:
    """`0%`, or with the decimals that keep a partial share below 100 % (`0.0000%`) and a
    non-zero one above 0 % (`0.3%`... `0.0%` never), as the HTML report prints it
    (`labels.percent`)."""
    digits = share_digits(share)
    return f"0.{'0' * digits}%" if digits else PERCENT


def _summary_intervals(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    """The bootstrap intervals, each bound under its header, beside the figure they bound."""
    scores = data.scores
    rows = [
        (mean_header(), scores.overall.mean_level, scores.ci_mean_level),
        (
            _("moyenne des communes"),
            scores.overall.mean_of_city_means,
            scores.ci_mean_of_city_means,
        ),
    ]
    _interval_table(sheet, [(label, value, ci) for label, value, ci in rows], DECIMAL)


def _interval_table(
    sheet: WriteOnlyWorksheet,
    rows: list[tuple[str, float | None, Interval | None]],
    shown: str,
) -> None:
    """A figure, then the low and high bounds of its 95 % interval, under their headers; no
    table when no figure has an interval."""
    rows = [row for row in rows if row[2] is not None]
    if not rows:
        return
    # never %-formatted: "% d" is no placeholder
    # xgettext:no-python-format
    title = _("IC 95 % (bootstrap)")
    _bold(sheet, [title, _("valeur"), _("borne basse"), _("borne haute")])
    for label, value, interval in rows:
        assert interval is not None
        _append(sheet, [label, value, interval.low, interval.high], (None, shown, shown, shown))


def _summary_origins(sheet: WriteOnlyWorksheet, origins: Origins) -> None:
    """Where the values come from, a row each; a cell « sans objet » is no level, counted apart
    as the pages and the HTML report count it (« 15 niveaux importés, 3 « sans objet »
    importés »)."""
    levels, moot = origins.levels, origins.moot or Origins()
    for label, count in (
        (_("propositions automatiques non relues"), origins.automatic),
        (_("propositions automatiques non relues, dont « sans objet »"), moot.automatic),
        (_("niveaux revus par un auditeur"), levels.reviewed),
        (
            _("niveaux revus par un auditeur, dont par arbitrage du double codage"),
            levels.arbitrated,
        ),
        (_("« sans objet » revus par un auditeur"), moot.reviewed),
        (
            _("« sans objet » revus par un auditeur, dont par arbitrage du double codage"),
            moot.arbitrated,
        ),
        (_("niveaux importés"), levels.imported),
        (_("« sans objet » importés"), moot.imported),
    ):
        _append(sheet, [label, count])


def _cities(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    # city means with the decimals of the HTML ranking (2 to 4): enough to tell apart two
    # cities of different rank, and the figures that ranking prints (« 2,82 », not « 2,824 »)
    digits = separating_digits(c.mean_level for c in data.scores.by_city)
    mean_format = "0." + "0" * digits
    _bold(
        sheet,
        [
            _("rang"),
            _("code"),
            _("commune"),
            _("tranche"),
            mean_header(),
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
            (None, None, None, None, mean_format, PERCENT, PERCENT, PERCENT),
        )


GRID_WIDTH = 18  # characters: a service's label wraps on a few lines of the header


def _grid_layout(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    """The grid's service columns wide enough for their wrapped labels, and its header and
    communes kept in view while the reader scrolls (after the banner, the legend line)."""
    for j in range(len(data.grid.service_ids)):
        sheet.column_dimensions[get_column_letter(j + 3)].width = GRID_WIDTH
    sheet.freeze_panes = f"C{4 if data.is_demo else 3}"


def _grid(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    """Each commune's level of each service, headed by the services' labels: their ids
    (« actes-etat-civil ») told a reader nothing; the sheet « Services » gives them."""
    grid = data.grid
    _append(
        sheet,
        [
            _(
                "Niveau de chaque service dans chaque commune, de 0 à 5 ; s.o. : sans objet ; "
                "case vide : non mesuré (ce n'est pas 0). Identifiants des services : "
                "feuille « Services »."
            )
        ],
    )
    labels = [grid.label_of_service(j) for j in range(len(grid.service_ids))]
    _bold(sheet, [_("code"), _("commune"), *labels], wrap=True)
    shown = {NA: _("s.o."), UNMEASURED: None}  # an unmeasured cell stays empty
    for code, name, row in zip(grid.codes, grid.names, grid.levels.tolist(), strict=True):
        _append(sheet, [code, name, *(shown.get(v, v) for v in row)])


def _services(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    """The catalogue's services as the « Communes × services » sheet heads them, with the id
    that the CSV and JSON reports name them by, their domain and the highest level they can
    reach."""
    grid = data.grid
    _bold(
        sheet,
        [
            _("service"),
            _("identifiant (rapports CSV et JSON)"),
            _("domaine"),
            _("niveau maximal atteignable"),
        ],
    )
    for j, service in enumerate(grid.service_ids):
        domain = data.domain_label(grid.domains[j])
        _append(sheet, [grid.label_of_service(j), service, domain, int(grid.max_levels[j])])


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
            *_change_headers(c.before, c.after),
            *(_("cellules en hausse"), _("cellules en baisse"), _("cellules inchangées")),
            *(_("p (Wilcoxon)"), _("communes testées")),
            *(_("sens du test"), _("communes en hausse"), _("communes en baisse")),
            _("remarque"),
        ],
    )
    o = c.overall
    # its test's cells left empty, said why: the test is run domain by domain
    overall = [_("Ensemble"), *_change(o), o.rose, o.fell, o.same, *[None] * 5]
    overall += [_("pas de test sur l'ensemble : le test porte sur chaque domaine")]
    _append(sheet, overall, CHANGE_FORMATS)
    for key, d in c.by_domain.items():
        x, test = d.change, d.test
        row = [data.domain_label(key), *_change(x), x.rose, x.fell, x.same]
        row += [test.p_value, test.nonzero_differences, _test_direction(test.direction_name)]
        row += [test.rose, test.fell, reason_label(test.reason)]
        _append(sheet, row, (*CHANGE_FORMATS, None, None, None, P_VALUE))  # rose…same: counts
    _append(sheet, [])
    _comparison_intervals(sheet, data)
    _bold(sheet, [_("code"), _("commune"), *_change_headers(c.before, c.after)])
    for city in by_printed_change(c.by_city):  # as the HTML and PDF reports
        _append(sheet, [city.code, city.name, *_change(city)], (None, *CHANGE_FORMATS))


def _test_direction(name: str | None) -> str | None:
    """The JSON report's `test_direction` in words; empty when the test is not run."""
    return {"up": _("hausse"), "down": _("baisse")}.get(name or "")


def _change_headers(before: str, after: str) -> list[str]:
    """The headers of `_change`'s columns: each mean says which campaign it is of."""
    return [
        _("cellules comparables"),
        campaign_mean_header(before),
        campaign_mean_header(after),
        _("évolution du niveau moyen"),
    ]


def _comparison_intervals(sheet: WriteOnlyWorksheet, data: ReportData) -> None:
    """The change's bootstrap intervals (the HTML report's « IC 95 % : +0,35 à +0,56 »), each
    beside the change printed in the HTML report: the difference of the two printed means."""
    c = data.comparison
    assert c is not None
    o = c.overall
    city_means = (c.mean_of_city_means_before, c.mean_of_city_means_after)
    rows = [
        (
            _("évolution du niveau moyen"),
            shown_change(o.mean_before, o.mean_after),
            c.ci_mean_change,
        ),
        (
            _("évolution de la moyenne des communes"),
            shown_change(*city_means),
            c.ci_mean_of_city_means_change,
        ),
    ]
    # bounds rounded as the change they bound is, to the 2 decimals printed (« +0,35 à +0,56 »):
    # a change of 0.46 between bounds of 0.352112676056338 and 0.5607987394044772 read as
    # two precisions for one interval
    printed = [(label, value, _printed_interval(ci)) for label, value, ci in rows]
    _interval_table(sheet, printed, SIGNED)
    if any(ci is not None for _label, _value, ci in rows):
        _append(sheet, [])


def _printed_interval(interval: Interval | None, digits: int = 2) -> Interval | None:
    """`interval` with its bounds rounded to `digits` decimals, as the HTML report prints them."""
    if interval is None:
        return None
    low, high = (float(rounded(b, digits)) for b in (interval.low, interval.high))
    return replace(interval, low=low, high=high)


def _change(x: Change | CityChange) -> list[Any]:
    """Paired cells, the two means unrounded (reusers compute with every digit; the number format
    shows 2 decimals), and the change a reader computes from the two means shown: 1,86 and 1,71
    give -0,15, never the -0,14 the unrounded -0.143 shows, as in the HTML and PDF reports.

    The change is a value, not a formula `=ROUND(D3;2)-ROUND(C3;2)`: a file written by openpyxl
    holds no computed value for a formula, so pandas or openpyxl reading it would get nothing,
    and a viewer that does not recompute shows an empty cell. The unrounded change is the
    difference of the two mean cells, and the JSON report's and the API's `mean_change`."""
    return [x.cells, x.mean_before, x.mean_after, shown_change(x.mean_before, x.mean_after, 2)]
