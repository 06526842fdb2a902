"""The radar of the six axes as a Vega-Lite spec (points placed in Python), with its table.

Vega-Lite has no radar mark: each series is a closed line through points computed here, over
spokes and rings drawn as layers. The table beside the chart is the text alternative.
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from barometre.core.plural import figure
from barometre.core.typography import held_groups
from barometre.survey.intervals import Interval
from barometre.survey.questionnaire import AxisSpec
from barometre.survey.reports.data import NOT_ENOUGH, SurveyReport, UnitReport
from barometre.survey.reports.rounding import whole
from barometre.survey.scoring import Group

Spec = dict[str, Any]
COLORS = ["#000091", "#e1000f", "#8a8a8a"]  # collectivité, peers, all respondents
LABEL_RADIUS = 118
# The axes' labels and the legend are in the letters the site's charts.js gives every chart (the
# page's small text, 14 px): it draws the radar smaller until they fit its box, never the
# letters smaller.
LINE_CHARACTERS = 12  # a longer label is written on two lines, keeping the radar wide


def _lines(label: str) -> str:
    """The label on two lines (cut at the space nearest its middle) when it is long."""
    if len(label) <= LINE_CHARACTERS or " " not in label:
        return label
    spaces = [i for i, c in enumerate(label) if c == " "]
    cut = min(spaces, key=lambda i: abs(len(label) / 2 - i))
    return f"{label[:cut]}\n{label[cut + 1 :]}"


def _xy(index: int, count: int, radius: float) -> tuple[float, float]:
    angle = math.pi / 2 - 2 * math.pi * index / count
    return radius * math.cos(angle), radius * math.sin(angle)


def radar_series(report: SurveyReport, unit: UnitReport) -> list[tuple[str, Group]]:
    return [
        (unit.name, unit.scores.total),
        # the peers leave the collectivité out (scoring.peers_without): « other », or a reader
        # takes the bracket for one that includes it, and its own figures for the bracket's
        (
            _("Autres collectivités de la tranche {bracket}").format(bracket=unit.bracket_label),
            unit.peers,
        ),
        (_("Ensemble des répondants"), report.everyone),
    ]


def drawn_series(report: SurveyReport, unit: UnitReport) -> list[tuple[str, Group, str]]:
    """The series the radar draws, each with its colour: one without a score on any axis (the
    peers when no other collectivité of the bracket publishes) is left out, legend included,
    rather than named with nothing drawn; the others keep their colours."""
    return [
        (name, group, color)
        for (name, group), color in zip(radar_series(report, unit), COLORS, strict=True)
        if any(figure.score is not None for figure in group.axes.values())
    ]


def coinciding_series(report: SurveyReport, unit: UnitReport) -> list[str]:
    """The names of the drawn series that one hides under another, as they have the same
    score, as printed, on every axis (none, two or all three); said under the chart."""
    axes = [a.id for a in report.spec.axes]

    def printed(group: Group) -> tuple[str, ...]:
        return tuple(fmt(group.axes[a].score) for a in axes)

    drawn = [(name, printed(group)) for name, group, _ in drawn_series(report, unit)]
    return next(
        (
            [name for name, scores in drawn if scores == shared]
            for shared in (scores for _, scores in drawn)
            if sum(scores == shared for _, scores in drawn) > 1
        ),
        [],
    )


def radar_spec(report: SurveyReport, unit: UnitReport) -> Spec:
    axes = report.spec.axes
    drawn = drawn_series(report, unit)
    series_names = [(held_groups(name), group) for name, group, _ in drawn]
    values = _series_points(axes, series_names)
    grid, labels = _rings(axes), _axis_labels(axes)
    scale = {"domain": [-140, 140]}
    position = {
        "x": {"field": "x", "type": "quantitative", "scale": scale, "axis": None},
        "y": {"field": "y", "type": "quantitative", "scale": scale, "axis": None},
    }
    names = [name for name, _ in series_names]  # « 100 000 à 199 999 » never cut when it wraps
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 340,
        "height": 340,
        # drawn square by the site's charts.js, no wider than its box (x and y share one scale)
        "usermeta": {"square": True},
        "config": {
            "view": {"stroke": None},
            # the legend centred under the plot: the drawing, centred in its box (the site's
            # .radar), has the radar in its middle
            "legend": {"symbolSize": 120, "layout": {"bottom": {"anchor": "middle"}}},
        },
        "layer": [
            {
                "data": {"values": grid},
                "mark": {"type": "line", "color": "#dddddd", "strokeWidth": 1},
                "encoding": {**position, "detail": {"field": "ring"}, "order": {"field": "order"}},
            },
            {
                "data": {"values": labels},
                "mark": {"type": "text", "lineBreak": "\n"},
                "encoding": {**position, "text": {"field": "label"}},
            },
            _series_layer(values, names, [color for _, _, color in drawn], position),
        ],
    }


def _series_points(
    axes: tuple[AxisSpec, ...], series_names: list[tuple[str, Group]]
) -> list[dict[str, object]]:
    """Each series' closed line: a point per axis it has a score on, the first again last; the
    tooltip gives each point's score and its 95 % interval, as the table beside."""
    values: list[dict[str, object]] = []
    for series, group in series_names:
        points = [
            (i, a.label, figure.score, interval_text(figure.interval))
            for i, a in enumerate(axes)
            if (figure := group.axes[a.id]).score is not None
        ]
        for order, (i, label, score, interval) in enumerate([*points, *points[:1]]):
            x, y = _xy(i, len(axes), score or 0.0)
            values.append(
                {
                    "series": series,
                    "axis": label,
                    "score": whole(score or 0.0),  # the tooltip reads as the table beside
                    "interval": interval,
                    "x": x,
                    "y": y,
                    "order": order,
                }
            )
    return values


def _rings(axes: tuple[AxisSpec, ...]) -> list[dict[str, object]]:
    """The rings at 25, 50, 75 and 100, each a closed line through the spokes."""
    return [
        {"ring": r, "x": _xy(i, len(axes), r)[0], "y": _xy(i, len(axes), r)[1], "order": i}
        for r in (25, 50, 75, 100)
        for i in [*range(len(axes)), 0]
    ]


def _axis_labels(axes: tuple[AxisSpec, ...]) -> list[dict[str, object]]:
    """Each axis's name past the end of its spoke."""
    return [
        {
            "label": _lines(a.label),
            "x": _xy(i, len(axes), LABEL_RADIUS)[0],
            "y": _xy(i, len(axes), LABEL_RADIUS)[1],
        }
        for i, a in enumerate(axes)
    ]


def _series_layer(
    values: list[dict[str, object]], names: list[str], colors: list[str], position: Spec
) -> Spec:
    """The series' lines and points, coloured by series, with their tooltip."""
    return {
        "data": {"values": values},
        "mark": {"type": "line", "point": True, "strokeWidth": 2},
        "encoding": {
            **position,
            "order": {"field": "order"},
            "color": {
                "field": "series",
                "title": None,
                "scale": {"domain": names, "range": colors},
                # in 14 px letters « Other local authorities in the bracket 200,000
                # inhabitants and over » is about 470 px long (a phone's legend is HTML)
                "legend": {"orient": "bottom", "direction": "vertical", "labelLimit": 560},
            },
            "tooltip": [
                {"field": "series", "title": _("groupe")},
                {"field": "axis", "title": _("axe")},
                {"field": "score", "title": _("score (0 à 100)")},
                {"field": "interval", "title": _("intervalle de confiance à 95 %")},
            ],
        },
    }


def _columns(report: SurveyReport, unit: UnitReport) -> list[tuple[str, Group, str]]:
    """The radar's series, each with what its cells read when they have no figure: the peers,
    when no other collectivité of the bracket publishes any, « aucune » under their heading
    (« Autres collectivités de la tranche … »), not « pas assez de réponses », which would
    suggest that some answered; the report says why under the table."""
    none = pgettext("autres collectivités de la tranche", "aucune")
    return [
        (name, group, none if group is unit.peers and unit.peer_count == 0 else _(NOT_ENOUGH))
        for name, group in radar_series(report, unit)
    ]


def radar_table(report: SurveyReport, unit: UnitReport) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: one row per axis, one column per series (the chart's text alternative)."""
    series = _columns(report, unit)
    headers = [_("Axe"), *[name for name, _, _ in series]]
    rows = [
        [axis.label, *[fmt(group.axes[axis.id].score, none) for _, group, none in series]]
        for axis in report.spec.axes
    ]
    rows.append([_("Score global"), *[fmt(group.overall, none) for _, group, none in series]])
    rows.append([_("Répondants"), *[count(group.respondents, none) for _, group, none in series]])
    return headers, rows


def interval_text(interval: Interval | None) -> str:
    """A score's 95 % interval as printed, its bounds rounded as the score (`whole`), in
    brackets as the site writes every interval (65 to 79 in French: "[65 ; 79]", a no-break
    space before the semicolon); "" without one. A score whose group has no spread (every
    respondent gave it the same score) has no margin to print: « sans dispersion », not
    « [75 ; 75] », which read as a margin of 0 beside the others."""
    if interval is None:
        return ""
    if not interval.estimable:
        return _("sans dispersion")
    bounds = {"low": whole(interval.low), "high": whole(interval.high)}
    return str(_("[%(low)s ; %(high)s]")) % bounds


def score_rows(report: SurveyReport, unit: UnitReport) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rows of `radar_table`, each cell a score and its 95 % interval as printed (the
    report's table; the commune page's block, the same partial): no interval on the
    respondents' row, nor where a score is not shown."""
    headers, rows = radar_table(report, unit)
    groups = [group for _, group, _ in _columns(report, unit)]
    intervals = [
        *[[g.axes[axis.id].interval for g in groups] for axis in report.spec.axes],
        [g.overall_interval for g in groups],
        [None for _ in groups],
    ]
    return [
        (row[0], [(cell, interval_text(i)) for cell, i in zip(row[1:], found, strict=True)])
        for row, found in zip(rows, intervals, strict=True)
    ]


def answers_rows(report: SurveyReport, unit: UnitReport) -> list[list[str]]:
    """The number of scored answers behind each score of `radar_table` (MATURITY.md: every
    score with its number of answers), one row per axis, one column per series."""
    series = _columns(report, unit)
    return [
        [axis.label, *[count(group.axes[axis.id].answers, none) for _, group, none in series]]
        for axis in report.spec.axes
    ]


def fmt(score: float | None, none: str | None = None) -> str:
    """A score as printed; `none` (« pas assez de réponses » by default) when there is none."""
    return (none or _(NOT_ENOUGH)) if score is None else str(whole(score))


def count(value: int | None, none: str | None = None) -> str:
    """A number of respondents or answers as the page's language prints it: « 1 463 » in
    French, "1,463" in English (`core.plural.figure`)."""
    return (none or _(NOT_ENOUGH)) if value is None else figure(value)
