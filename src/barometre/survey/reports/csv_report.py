"""The survey report as CSV, for a spreadsheet: one row per score, in the long format; its rows
are the open data's `resultats` table (`results_package`).

One row per collectivité and score: its overall score, each axis's, then, where its figures are
published (5 respondents or more), each role's overall and axis scores and each statement's. The
whole-collectivité rows also give its bracket's other collectivités (`peers_*`) and all
respondents (`all_*`), as the report's table does. A figure that the report does not publish
(« pas assez de réponses ») is an empty cell, with the JSON's note beside it: the CSV holds the
JSON's figures (`json_report`), nothing more, its change since the collectivité's previous
campaign (`evolution_*`) and the 95 % intervals of its scores, its peers' and all respondents'
(`*_low`, `*_high`) included, a role's own too, and the gap between the roles on each axis
with its interval (`gap_*`), each statement's interval, and the change's interval and verdict
(`evolution_low`, `evolution_high`, `evolution_beyond_chance`). Scores and changes have one
decimal, a half rounded up (`rounding.py`). The columns are described in docs/survey.md and by
the Table Schema of `results_fields`, the last being `demonstration` as in every open data table.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from barometre.core.spreadsheet import spreadsheet_csv, spreadsheet_text
from barometre.survey.intervals import Interval
from barometre.survey.reports.data import NO_PEER, NOT_ENOUGH, SurveyReport, UnitReport
from barometre.survey.reports.results_fields import RESULT_FIELDS
from barometre.survey.reports.rounding import beyond_chance, one_decimal, one_decimal_change
from barometre.survey.scoring import Figure, Group

COLUMNS = tuple(f.name for f in RESULT_FIELDS)
Cells = list[object]
# the cells that only whole-collectivité rows fill: peers (5), all respondents (4), change (2)
COMPARED = 11
# then the 95 % intervals of the group (the whole collectivité or a role), its peers and all
# respondents (low, high)
INTERVALS = 6
# then the gap between the roles on an axis (whole-collectivité axis rows only)
GAP = 6
# then the change's 95 % interval (low, high) and verdict (whole-collectivité overall and axes)
EVOLUTION = 3


def _figure(figure: Figure | None, respondents: int | None, note: str) -> Cells:
    """score, answers, respondents and note of one figure; empty cells and the note when the
    report does not publish it."""
    if figure is None or figure.score is None or respondents is None:
        return ["", "", "", note]
    return [one_decimal(figure.score), figure.answers, respondents, ""]


def _overall(group: Group, note: str) -> Cells:
    """The overall score: the mean of the six axes, with no number of answers of its own."""
    if group.overall is None or group.respondents is None:
        return ["", "", "", note]
    return [one_decimal(group.overall), "", group.respondents, ""]


def _change(unit: UnitReport, axis: str | None) -> Cells:
    """The earlier campaign compared with and the change since it, as the JSON's `evolution`
    (one decimal, the difference of the published scores); empty cells without an earlier
    campaign, and an empty change where either score is not published."""
    evolution = unit.evolution
    if evolution is None:
        return ["", ""]
    pair = evolution.overall_pair if axis is None else evolution.pairs.get(axis)
    return [unit.previous or "", "" if pair is None else one_decimal_change(*pair)]


def _compared(report: SurveyReport, unit: UnitReport, axis: str | None) -> Cells:
    """The peers' and all respondents' figures, each with the note that says why it is empty,
    and the change since the previous campaign, beside a whole-collectivité score."""
    peers_note = NO_PEER if unit.peer_count == 0 else NOT_ENOUGH
    if axis is None:
        peers, everyone = _overall(unit.peers, peers_note), _overall(report.everyone, NOT_ENOUGH)
    else:
        peers = _figure(unit.peers.axes[axis], unit.peers.respondents, peers_note)
        everyone = _figure(report.everyone.axes[axis], report.everyone.respondents, NOT_ENOUGH)
    collectivites = unit.peer_count or ""  # how many the peers' figures add up
    return [*peers[:3], collectivites, peers[3], *everyone, *_change(unit, axis)]


def _bounds(interval: Interval | None) -> Cells:
    """A 95 % interval's low and high bounds, one decimal as a score; empty without one, or
    where it cannot be estimated (a group without spread: no margin, not one of 0)."""
    if interval is None or not interval.estimable:
        return ["", ""]
    return [one_decimal(b) for b in interval.bounds]


def _intervals(report: SurveyReport, unit: UnitReport, axis: str | None) -> Cells:
    """The 95 % intervals of a whole-collectivité score, its peers' and all respondents'
    (the last figure columns), empty where a score is."""
    groups = (unit.scores.total, unit.peers, report.everyone)
    found = [g.overall_interval if axis is None else g.axes[axis].interval for g in groups]
    return [cell for interval in found for cell in _bounds(interval)]


def _gap(unit: UnitReport, axis: str | None) -> Cells:
    """The gap between the roles on a whole-collectivité axis row, as the JSON's `role_gaps`:
    the roles at the top and at the bottom (ids, ex aequo separated by a space), the points
    between them, its 95 % interval and whether it excludes 0; empty cells without a gap."""
    gap = next((g for g in unit.gaps if g.axis == axis), None)
    if gap is None:
        return [""] * GAP
    return [
        " ".join(gap.highest_roles or gap.highest[:1]),
        " ".join(gap.lowest_roles or gap.lowest[:1]),
        one_decimal_change(gap.lowest[1], gap.highest[1]),
        *_bounds(gap.difference),
        "" if gap.difference is None else beyond_chance(gap.difference),
    ]


def _change_interval(unit: UnitReport, axis: str | None) -> Cells:
    """The 95 % interval of the change since the previous campaign and whether it is more than
    the chance of who answered, as the JSON's `evolution`; empty cells where the change is."""
    evolution = unit.evolution
    if evolution is None:
        return [""] * EVOLUTION
    pair = evolution.overall_pair if axis is None else evolution.pairs.get(axis)
    interval = evolution.overall_interval if axis is None else evolution.intervals.get(axis)
    if pair is None or interval is None:
        return [""] * EVOLUTION
    return [*_bounds(interval), beyond_chance(interval)]


def _own_interval(interval: Interval | None) -> Cells:
    """The cells after the figure of a row that is not compared (a role's, a statement's): its
    own 95 % interval only."""
    return [*[""] * COMPARED, *_bounds(interval), *[""] * (INTERVALS - 2 + GAP + EVOLUTION)]


def _group_rows(report: SurveyReport, unit: UnitReport, role: str) -> Iterator[Cells]:
    """A group's overall and axis rows (role "" for the whole collectivité, compared)."""
    group = unit.scores.roles[role] if role else unit.scores.total

    def compared(axis: str | None) -> Cells:
        if role:  # a role's own interval only
            interval = group.overall_interval if axis is None else group.axes[axis].interval
            return _own_interval(interval)
        return [
            *_compared(report, unit, axis),
            *_intervals(report, unit, axis),
            *_gap(unit, axis),
            *_change_interval(unit, axis),
        ]

    yield [role, "overall", "", "", "Score global", *_overall(group, NOT_ENOUGH), *compared(None)]
    for axis in report.spec.axes:
        figure = _figure(group.axes[axis.id], group.respondents, NOT_ENOUGH)
        yield [role, "axis", axis.id, "", axis.label, *figure, *compared(axis.id)]


def _unit_rows(report: SurveyReport, unit: UnitReport) -> Iterator[Cells]:
    """A collectivité's rows: only its overall and axis rows when it publishes nothing, as the
    report shows only its table there."""
    yield from _group_rows(report, unit, "")
    total = unit.scores.total
    if not total.published:
        return
    for role in unit.scores.roles:
        yield from _group_rows(report, unit, role)
    for axis in report.spec.axes:
        for statement in axis.statements:
            found = unit.scores.statements.get(statement.id)
            figure = _figure(found, total.respondents, "")
            note = "" if figure[0] != "" else NOT_ENOUGH  # a score of 0.0 is published
            cells = [*figure[:3], note, *_own_interval(None if found is None else found.interval)]
            yield ["", "statement", axis.id, statement.id, statement.text, *cells]


def result_rows(report: SurveyReport) -> Iterator[Cells]:
    """The rows of every collectivité in the campaign's order, typed (a score is a Decimal, a
    missing value ""), in the order of RESULT_FIELDS."""
    for unit in report.units:
        head = [report.campaign.name, report.spec.version, unit.code, unit.name, unit.bracket]
        for row in _unit_rows(report, unit):
            yield [*head, *row, report.provisional, report.is_demo]


def csv_render(report: SurveyReport) -> str:
    """The CSV text the report page offers and `barometre survey report` writes: a header line
    (COLUMNS), then `result_rows`, as every CSV a page of the site offers (`spreadsheet_csv`:
    `;`, a byte order mark, CRLF, a decimal comma, « 72,5 », as the report prints it). The open
    data package's `resultats.csv` holds the same rows and values in the open data's CSV
    (`outputs.opendata.formats.csv_chunks`: `,`, a decimal dot, no byte order mark)."""
    return spreadsheet_csv([COLUMNS, *([_cell(v) for v in row] for row in result_rows(report))])


def _cell(value: object) -> str:
    """A cell as the report prints it: a decimal comma (« -3,7 »), booleans true/false, a text
    that starts like a formula with an apostrophe."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return spreadsheet_text(value) if isinstance(value, str) else str(value)
