"""Vega-Lite specifications of the charts of a change between two campaigns: the mean change
per domain and per city (diverging bars), data inline, texts in French (see outputs.charts)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from barometre.outputs.charts import LABEL_CHARS, RANKING_CITIES, Spec, chart_spec
from barometre.outputs.data import ReportData
from barometre.outputs.labels import (
    SIGNIFICANCE,
    as_printed,
    city_labels,
    p_value,
    shown_change,
)
from barometre.scoring import Comparison

REACH_MIN = 0.5  # levels: the change axis runs at least from -0,5 to +0,5
REACH_STEP = 0.5


def change_by_domain(data: ReportData) -> Spec | None:
    """Mean change per domain (diverging bars), coloured by the significance of its test."""
    if data.comparison is None or not data.comparison.overall.cells:
        return None  # no pair of cells measured in both campaigns
    values = _domain_values(data, data.comparison)
    reach = change_reach(v["change"] for v in values)
    return chart_spec(
        data={"values": values},
        width=560,
        height={"step": 24},
        encoding={
            "y": {
                "field": "domain",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 320},
            },
            "x": _change_x(reach),
            "tooltip": _domain_tooltip(),
        },
        layer=[
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "color": {
                        "field": "significant",
                        "title": None,
                        "scale": _significance_scale(values),
                        "legend": {"orient": "bottom"},
                    }
                },
            },
            # each value written on the other side of 0 from its bar, so that it stays inside
            # the plot however long the bar and however narrow the plot (a phone's)
            _value_labels("isValid(datum.change) && datum.change >= 0", "right", -4),
            _value_labels("datum.change < 0", "left", 4),
        ],
    )


def _significance_labels() -> dict[str, str]:
    """The legend's entries, one a case: a domain tested and not significant, and one whose
    test could not be run (too few communes changed), are not the same finding."""
    return {
        "significant": _("significatif (p < 0,05)"),
        "not_significant": _("non significatif"),
        "untested": _("non testé"),
    }


# the bars' colours: the significant ones stand out, an untested one lighter than a tested one
SIGNIFICANCE_COLOURS = {
    "significant": "#1763a8",
    "not_significant": "#969696",
    "untested": "#d9d9d9",
}


def _significance(p: float | None) -> str:
    if p is None:
        return "untested"
    return "significant" if p < SIGNIFICANCE else "not_significant"


def _significance_scale(values: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The legend's entries present in the chart, in the order of `_significance_labels`."""
    labels = _significance_labels()
    shown = {v["significant"] for v in values}
    present = [key for key, label in labels.items() if label in shown]
    return {
        "domain": [labels[key] for key in present],
        "range": [SIGNIFICANCE_COLOURS[key] for key in present],
    }


def _domain_values(data: ReportData, comparison: Comparison) -> list[dict[str, Any]]:
    """Each domain's change of the printed means, its counts and its test's finding (the
    legend's labels)."""
    labels = _significance_labels()
    return [
        {
            "domain": data.domain_label(d),
            # as the table beside the chart prints it: the difference of the printed means
            "change": shown_change(c.change.mean_before, c.change.mean_after),
            "p": c.test.p_value,
            # as the table prints it: « < 0,001 », never the « 0,000 » of a format ".3f"
            "p_shown": p_value(c.test.p_value),
            "rose": c.change.rose,
            "fell": c.change.fell,
            "same": c.change.same,
            "significant": labels[_significance(c.test.p_value)],
        }
        for d, c in comparison.by_domain.items()
    ]


def _change_x(reach: float) -> dict[str, Any]:
    """The change axis, from -reach to +reach, its labels signed."""
    return {
        "field": "change",
        "type": "quantitative",
        # two lines: on a phone the plot is narrower than the one-line title
        "title": [_("évolution du niveau moyen"), _("(cellules comparables)")],
        # ends at the plot's right edge: centred, it ran past the chart's on a phone
        "axis": {
            "titleAnchor": "end",
            # the ends, their halves and 0; on a phone every other label left out
            # (parity) until they stand 4 px apart: « −1 −0,5 0 +0,5 +1 » touched
            "values": [-reach, -reach / 2, 0, reach / 2, reach],
            "labelOverlap": "parity",
            "labelSeparation": 4,
            # signed as the values are (+0,5 and −0,5), 0 without a sign
            "labelExpr": "datum.value === 0 ? '0' : format(datum.value, '+.2~f')",
        },
        "scale": {"domain": [-reach, reach], "nice": False, "zero": True},
    }


def _domain_tooltip() -> list[dict[str, str]]:
    return [
        {"field": "domain", "title": _("domaine")},
        {"field": "change", "title": _("évolution"), "format": "+.2f"},
        {"field": "rose", "title": _("cellules en hausse")},
        {"field": "fell", "title": _("cellules en baisse")},
        {"field": "same", "title": _("cellules inchangées")},
        {"field": "p_shown", "title": _("p (Wilcoxon)")},
    ]


def change_reach(changes: Iterable[float | None]) -> float:
    """The end of the change axis, the same on both sides of 0 (a rise and a fall of the same
    size drawn as long): the largest change rounded up to half a level, at least half a level
    (a fixed −5 to 5 drew changes of a tenth as slivers; fitted to the data alone, a change of
    0,02 would fill the plot). Its half is then a quarter of a level, a tick's label."""
    largest = max((abs(c) for c in changes if c is not None), default=0.0)
    return max(REACH_MIN, math.ceil(largest / REACH_STEP - 1e-9) * REACH_STEP)


def _value_labels(test: str, align: str, dx: int) -> dict[str, Any]:
    return {
        "transform": [{"filter": test}],
        "mark": {"type": "text", "align": align, "dx": dx},
        "encoding": {"x": {"datum": 0}, "text": {"field": "change", "format": "+.2f"}},
    }


def change_by_city(data: ReportData) -> Spec | None:
    """Each city's paired mean before and after, linked (the first RANKING_CITIES cities)."""
    if data.comparison is None or not data.comparison.overall.cells:
        return None  # no pair of cells measured in both campaigns
    values = _city_values(data, data.comparison)
    campaigns = [data.comparison.before, data.comparison.after]
    y = {
        "field": "city",
        "type": "nominal",
        "sort": None,
        "title": None,
        "axis": {"labelLimit": 400},
    }
    x = {
        "field": "mean",
        "type": "quantitative",
        "title": _("niveau moyen (0 à 5)"),
        "scale": {"domain": [0, 5]},
    }
    return chart_spec(
        data={"values": values},
        width=560,
        height={"step": 18},
        layer=[
            {
                "mark": {"type": "line", "color": "#999"},
                "encoding": {"y": y, "x": x, "detail": {"field": "city"}},
            },
            _city_points(y, x, campaigns),
        ],
    )


def _city_values(data: ReportData, comparison: Comparison) -> list[dict[str, Any]]:
    """The first RANKING_CITIES cities measured after (in the ranking's order), each with its
    mean in both campaigns."""
    position = {c.code: i for i, c in enumerate(data.scores.by_city)}  # ranking order
    cities = sorted(
        (c for c in comparison.by_city if c.mean_after is not None),
        key=lambda c: position.get(c.code, len(position)),
    )[:RANKING_CITIES]
    label = city_labels(data, LABEL_CHARS)
    return [
        {"city": label.get(c.code, c.name), "campaign": name, "mean": as_printed(mean, 2)}
        for c in cities
        for name, mean in (
            (comparison.before, c.mean_before),
            (comparison.after, c.mean_after),
        )
    ]


def _city_points(y: dict[str, Any], x: dict[str, Any], campaigns: list[str]) -> dict[str, Any]:
    """The layer of the means, a point per city and campaign, coloured by campaign."""
    return {
        "mark": {"type": "point", "filled": True, "size": 70},
        "encoding": {
            "y": y,
            "x": x,
            "color": {
                "field": "campaign",
                "title": _("campagne"),
                "sort": campaigns,
                "scale": {"range": ["#bdbdbd", "#08519c"]},
                "legend": {"orient": "bottom"},
            },
            "tooltip": [
                {"field": "city", "title": _("commune")},
                {"field": "campaign", "title": _("campagne")},
                {"field": "mean", "title": _("niveau moyen"), "format": ".2f"},
            ],
        },
    }
