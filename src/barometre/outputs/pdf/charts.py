"""The chart of one commune: its level per service beside the campaign's mean (Vega-Lite)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from barometre.outputs.chart_statuses import EMPTY
from barometre.outputs.charts import (
    _BASE,
    LEGEND_OUTLINE,
    LEVEL_COLORS,
    NA_COLOR,
    UNMEASURED_COLOR,
    Spec,
)
from barometre.outputs.data import ReportData
from barometre.outputs.labels import level_names
from barometre.scoring import NA, UNMEASURED


def commune_levels(data: ReportData, code: str) -> Spec:
    """Bars: the commune's level per service (coloured by level); ticks: the campaign's mean."""
    names = level_names()
    values = _service_levels(data, code, names)
    domain = [*names.values(), _("sans objet"), _("non mesuré")]
    return {
        **_BASE,
        "data": {"values": values},
        "width": 420,
        "height": {"step": 20},
        "encoding": {
            # every service keeps its row, an unmeasured one too (its bar has no value)
            "y": {
                "field": "service",
                "type": "nominal",
                "sort": None,
                "title": None,
                "scale": {"domain": [v["service"] for v in values]},
            },
        },
        "layer": _layers(domain),
    }


def _service_levels(data: ReportData, code: str, names: dict[int, str]) -> list[dict[str, Any]]:
    """Each service's row: the commune's level (None when unmeasured) and its name, and the
    campaign's mean."""
    grid = data.grid
    row = grid.codes.index(code)
    values: list[dict[str, Any]] = []
    for j, slug in enumerate(grid.service_ids):
        raw = int(grid.levels[row, j])
        mean = data.scores.by_service[slug].mean_level
        if raw == UNMEASURED:  # nobody recorded it: no bar, never a 0 (SCALE.md)
            level, name, mark = None, _("non mesuré"), EMPTY
        elif raw == NA:
            level, name, mark = 0, _("sans objet"), _("s.o.")
        else:
            level, name, mark = raw, names[raw], str(raw)
        values.append(
            {
                "service": grid.label_of_service(j),
                "level": level,
                "name": name,
                "mean": mean,
                # written at the start of its row: 0, s.o. and a dash draw no bar alike
                "mark": mark,
                "ink": "#ffffff" if raw in (4, 5) else "#161616",  # on the darkest blues
            }
        )
    return values


def _layers(domain: list[str]) -> list[Spec]:
    """The commune's bars coloured by level, and a tick at the campaign's mean."""
    return [
        {
            "mark": {"type": "bar"},
            "encoding": {
                "x": {
                    "field": "level",
                    "type": "quantitative",
                    "scale": {"domain": [0, 5]},
                    "title": _("niveau (0 à 5)"),
                },
                "color": {
                    "field": "name",
                    "type": "ordinal",
                    "title": _("niveau"),
                    "scale": {
                        "domain": domain,
                        "range": [*LEVEL_COLORS, NA_COLOR, UNMEASURED_COLOR],
                    },
                    "legend": {"orient": "bottom", "columns": 3, **LEGEND_OUTLINE},
                },
            },
        },
        {
            "mark": {"type": "tick", "color": "#b34700", "thickness": 2, "size": 16},
            "encoding": {"x": {"field": "mean", "type": "quantitative"}},
        },
        {
            "mark": {"type": "text", "align": "left", "dx": 4, "x": 0},
            "encoding": {
                "text": {"field": "mark"},
                "color": {"field": "ink", "type": "nominal", "scale": None, "legend": None},
            },
        },
    ]
