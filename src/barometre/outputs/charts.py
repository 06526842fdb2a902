"""Vega-Lite specifications of the report's charts, data inline (rendered offline by vega-embed).

Each function returns a spec (a JSON-ready dict) and the rows of the table shown beside it for
readers without JavaScript. Texts are French.
"""

from __future__ import annotations

from typing import Any, Final

from django.utils.translation import gettext as _

from barometre.outputs.data import ReportData
from barometre.outputs.labels import (
    as_printed,
    city_labels,
    level_names,
    percent,
    separating_digits,
    share_digits,
)
from barometre.scoring import NA, UNMEASURED

Spec = dict[str, Any]
LEVEL_COLORS = ["#eeeeee", "#c6dbef", "#85bcdb", "#4292c6", "#1763a8", "#08306b"]
NA_COLOR = "#fdd0a2"
UNMEASURED_COLOR = "#ffffff"
HEATMAP_CITIES = 60
RANKING_CITIES = 40
LABEL_CHARS = 24  # city labels are cut in Python, keeping a homonym's code, not by Vega
# French number formatting for Vega (d3-format locale): "2,5", "1 000", "10 %" with the
# no-break space of the text (core.typography: the PDF's Liberation Sans has no narrow U+202F).
# The HTML report and the web pages give vega-embed the same object (templates/outputs/
# report.html, outputs/static/web/charts.js); the PDF gives it to vl-convert.
FORMAT_LOCALE: dict[str, Any] = {
    "decimal": ",",
    "thousands": "\u00a0",
    "grouping": [3],
    "currency": ["", "\u00a0€"],
    "percent": "\u00a0%",
}
# The same in English, for the web pages read in English (outputs/static/web/charts.js): "2.5",
# "1,000", "10%". The published outputs (HTML and PDF reports) keep the French one.
FORMAT_LOCALE_EN: dict[str, Any] = {
    "decimal": ".",
    "thousands": ",",
    "grouping": [3],
    "currency": ["€", ""],
    "percent": "%",
}
# Legend swatches outlined: the white « non mesuré » one is otherwise invisible on the page, its
# label standing alone beside nothing.
LEGEND_OUTLINE: Final = {"symbolStrokeColor": "#5a5a5a", "symbolStrokeWidth": 0.5}
TIME_FORMAT_LOCALE: Final = "fr-FR"  # d3-time-format's French locale, bundled in vl-convert

# No font and no letter size: whoever draws the chart chooses them for every chart at once, the
# site's charts.js (Marianne, as the page) and the PDF's chart_svg (outputs/pdf/render.py).
_BASE: Spec = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "config": {
        "view": {"stroke": None},
        "axis": {"labelLimit": 320},
        "legend": {"labelLimit": 320},
    },
}


def chart_spec(**parts: Any) -> Spec:
    return {**_BASE, **parts}


def level_distribution(data: ReportData) -> Spec:
    """Share of cells at each level, overall and per domain (stacked bars)."""
    names = level_names()
    return chart_spec(
        data={"values": _level_shares(data, names)},
        width=560,
        height={"step": 26},
        mark={"type": "bar"},
        encoding=_level_encoding(names),
    )


def _level_shares(data: ReportData, names: dict[int, str]) -> list[dict[str, object]]:
    """Each group's cells (all, then each domain's) and their share at each level."""
    rows = [(_("Ensemble"), data.scores.level_counts)]
    rows += [(data.domain_label(d), c) for d, c in data.scores.level_counts_by_domain.items()]
    return [
        {
            "group": group,
            "level": names[level],
            "order": level,
            "cells": n,
            "share": n / max(sum(counts), 1),
            # at least one decimal, more for a share that would read 0 % or 100 %: 1 cell of
            # 3 000 is « 0,03 % », not « 0,0 % » (`labels.percent`)
            "share_label": _share_label(n / max(sum(counts), 1)),
        }
        for group, counts in rows
        for level, n in enumerate(counts)
    ]


def _share_label(share: float) -> str:
    """A level's share of a group's cells as its tooltip prints it: one decimal, or the more
    that keep a share neither none nor all off 0 % and 100 %."""
    return percent(share, max(1, share_digits(share)))


def _level_encoding(names: dict[int, str]) -> Spec:
    """The groups down, their shares stacked across, coloured by level."""
    return {
        "y": {
            "field": "group",
            "type": "nominal",
            "sort": None,
            "title": None,
            "axis": {"labelLimit": 320},
        },
        "x": {
            "field": "share",
            "type": "quantitative",
            "stack": "normalize",
            "title": _("part des cellules"),
            # a tick every 60 px at most (Vega: 40), a label closer than 4 px to the one
            # before it left out: on a phone the plot beside the domains' names is about
            # 100 px wide, and its labels read « 50 %100 % »
            "axis": {
                "format": "%",
                "tickCount": {"expr": "ceil(width / 60)"},
                "labelSeparation": 4,
            },
        },
        "color": {
            "field": "level",
            "type": "ordinal",
            "title": _("niveau"),
            "scale": {"domain": list(names.values()), "range": LEVEL_COLORS},
            "legend": {"orient": "bottom", "columns": 3},
        },
        "order": {"field": "order"},
        "tooltip": [
            {"field": "group", "title": _("groupe")},
            {"field": "level", "title": _("niveau")},
            {"field": "cells", "title": _("cellules")},
            {"field": "share_label", "title": _("part")},
        ],
    }


def domain_means(data: ReportData) -> Spec:
    """Mean level per domain; with a comparison, both campaigns side by side."""
    campaigns = (
        [data.comparison.before, data.campaign.name] if data.comparison else [data.campaign.name]
    )
    return chart_spec(
        data={"values": _domain_means_rows(data)},
        width=560,
        height={"step": 12},  # per bar: yOffset splits each domain into one bar per campaign
        mark={"type": "bar"},
        encoding={
            "y": {
                "field": "domain",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 320},
            },
            "yOffset": {"field": "campaign", "sort": campaigns},
            "x": {
                "field": "mean",
                "type": "quantitative",
                "title": _("niveau moyen (0 à 5)"),
                "scale": {"domain": [0, 5]},
            },
            "color": {
                "field": "campaign",
                "title": _("campagne"),
                "sort": campaigns,
                "scale": {"range": ["#bdbdbd", "#3182bd"][-len(campaigns) :]},
                "legend": {"orient": "bottom"},
            },
            "tooltip": [
                {"field": "domain", "title": _("domaine")},
                {"field": "campaign", "title": _("campagne")},
                {"field": "mean", "title": _("niveau moyen"), "format": ".2f"},
            ],
        },
    )


def _domain_means_rows(data: ReportData) -> list[dict[str, object]]:
    """Each domain's mean level in the campaign, and in the one before it if compared."""
    values: list[dict[str, object]] = [
        {
            "domain": data.domain_label(d),
            "campaign": data.campaign.name,
            "mean": as_printed(g.mean_level, 2),  # the tooltip's ".2f"
        }
        for d, g in data.scores.by_domain.items()
    ]
    if data.comparison is not None:
        values += [
            {
                "domain": data.domain_label(d),
                "campaign": data.comparison.before,
                "mean": as_printed(c.change.mean_before, 2),
            }
            for d, c in data.comparison.by_domain.items()
        ]
    return values


def heatmap(data: ReportData) -> Spec:
    """Level of each (city, service) cell, cities in rank order (the first HEATMAP_CITIES)."""
    names = level_names()
    names |= {NA: _("sans objet"), UNMEASURED: _("non mesuré")}
    domain = list(names.values())
    return chart_spec(
        data={"values": _heatmap_cells(data, names)},
        width={"step": 24},  # a cell a line of 14 px letters (charts.js), the names slanted
        height={"step": 24},
        mark={"type": "rect", "stroke": "white", "strokeWidth": 1.5},
        encoding={
            "x": {
                "field": "city",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelAngle": -50, "labelLimit": 400, "orient": "top"},
            },
            "y": {
                "field": "service",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 360},  # 300 px in 12 px letters
            },
            "color": {
                "field": "level",
                "type": "ordinal",
                "title": _("niveau"),
                "scale": {"domain": domain, "range": [*LEVEL_COLORS, NA_COLOR, UNMEASURED_COLOR]},
                "legend": {"orient": "right", **LEGEND_OUTLINE},
            },
            "tooltip": [
                {"field": "city", "title": _("commune")},
                {"field": "service", "title": _("service")},
                {"field": "level", "title": _("niveau")},
            ],
        },
    )


def _heatmap_cells(data: ReportData, names: dict[int, str]) -> list[dict[str, object]]:
    """The level of each service of each city shown, as `names` names it."""
    grid = data.grid
    row_of = {code: i for i, code in enumerate(grid.codes)}
    cities = data.scores.by_city[:HEATMAP_CITIES]
    levels, label = grid.levels, city_labels(data, LABEL_CHARS)
    return [
        {
            "city": label[city.code],
            "service": grid.label_of_service(j),
            "level": names[int(levels[row_of[city.code], j])],
        }
        for city in cities
        for j in range(len(grid.service_ids))
    ]


def ranking(data: ReportData) -> Spec:
    """Mean level of the first RANKING_CITIES cities, with their (shared) rank."""
    label = city_labels(data, LABEL_CHARS)
    digits = separating_digits(c.mean_level for c in data.scores.by_city)
    shown = f".{digits}f"
    return chart_spec(
        data={"values": _ranking_rows(data, label, digits)},
        width=560,
        height={"step": 18},
        layer=[
            {"mark": {"type": "bar", "color": "#1763a8"}},
            {
                "mark": {"type": "text", "align": "left", "dx": 4},
                "encoding": {"text": {"field": "mean", "format": shown}},
            },
        ],
        encoding={
            "y": {
                "field": "city",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 400},
            },
            "x": {
                "field": "mean",
                "type": "quantitative",
                "title": _("niveau moyen (0 à 5)"),
                "scale": {"domain": [0, 5]},
            },
            "tooltip": [
                {"field": "rank", "title": _("rang")},
                {"field": "city", "title": _("commune")},
                {"field": "mean", "title": _("niveau moyen"), "format": shown},
                {"field": "share_label", "title": _("part du maximum atteignable")},
            ],
        },
    )


def _ranking_rows(data: ReportData, label: dict[str, str], digits: int) -> list[dict[str, object]]:
    """The first RANKING_CITIES ranked cities, each with its rank, mean and share, printed as
    the ranking's table prints them (`digits` decimals; the share as `labels.percent` does,
    never 100 % for a city short of the maximum)."""
    return [
        {
            "city": f"{c.rank}. {label[c.code]}",
            "mean": as_printed(c.mean_level, digits),
            "share_label": percent(c.share_of_max),
            "rank": c.rank,
        }
        for c in data.scores.by_city[:RANKING_CITIES]
        if c.rank is not None
    ]
