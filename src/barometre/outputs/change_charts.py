"""Vega-Lite specifications of the charts of a change between two campaigns: the mean change
per domain and per city (diverging bars), data inline, texts in French (see outputs.charts)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from barometre.outputs.charts import LABEL_CHARS, RANKING_CITIES, Spec, chart_spec
from barometre.outputs.data import ReportData
from barometre.outputs.labels import city_labels, shown_change
from barometre.scoring import Comparison


def change_by_domain(data: ReportData) -> Spec | None:
    """Mean change per domain (diverging bars), coloured by the significance of its test."""
    if data.comparison is None or not data.comparison.overall.cells:
        return None  # no pair of cells measured in both campaigns
    significant, other = _("significatif (p < 0,05)"), _("non significatif ou non testé")
    return chart_spec(
        data={"values": _domain_changes(data, data.comparison, significant, other)},
        width=560,
        height={"step": 24},
        encoding=_domain_encoding(),
        layer=[
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "color": {
                        "field": "significant",
                        "title": None,
                        "scale": {"domain": [significant, other], "range": ["#1763a8", "#bdbdbd"]},
                        "legend": {"orient": "bottom"},
                    }
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4},
                "encoding": {"text": {"field": "change", "format": "+.2f"}},
            },
        ],
    )


def _domain_changes(
    data: ReportData, comparison: Comparison, significant: str, other: str
) -> list[dict[str, object]]:
    """Each domain's paired change, as the chart plots and its tooltip says it."""
    return [
        {
            "domain": data.domain_label(d),
            # as the table beside the chart prints it: the difference of the printed means
            "change": shown_change(c.change.mean_before, c.change.mean_after),
            "p": c.test.p_value,
            "rose": c.change.rose,
            "fell": c.change.fell,
            "same": c.change.same,
            "significant": significant
            if c.test.p_value is not None and c.test.p_value < 0.05
            else other,
        }
        for d, c in comparison.by_domain.items()
    ]


def _domain_encoding() -> Spec:
    """The domains down, their change across, and what the tooltip says."""
    return {
        "y": {
            "field": "domain",
            "type": "nominal",
            "sort": None,
            "title": None,
            "axis": {"labelLimit": 320},
        },
        "x": {
            "field": "change",
            "type": "quantitative",
            # two lines: on a phone the plot is narrower than the one-line title
            "title": [_("évolution du niveau moyen"), _("(cellules appariées)")],
            # ends at the plot's right edge: centred, it ran past the chart's on a phone
            "axis": {"titleAnchor": "end"},
            # room for the value written after the longest bar (« +1,22 »), which ran
            # past the chart's right edge when the plot filled a phone's column
            "scale": {"padding": 40},
        },
        "tooltip": [
            {"field": "domain", "title": _("domaine")},
            {"field": "change", "title": _("évolution"), "format": "+.2f"},
            {"field": "rose", "title": _("en hausse")},
            {"field": "fell", "title": _("en baisse")},
            {"field": "same", "title": _("inchangées")},
            {"field": "p", "title": _("p (Wilcoxon)"), "format": ".3f"},
        ],
    }


def change_by_city(data: ReportData) -> Spec | None:
    """Each city's paired mean before and after, linked (the first RANKING_CITIES cities)."""
    if data.comparison is None or not data.comparison.overall.cells:
        return None  # no pair of cells measured in both campaigns
    campaigns = [data.comparison.before, data.comparison.after]
    return chart_spec(
        data={"values": _paired_means(data, data.comparison)},
        width=560,
        height={"step": 18},
        layer=_paired_layers(campaigns),
    )


def _paired_means(data: ReportData, comparison: Comparison) -> list[dict[str, object]]:
    """The first RANKING_CITIES cities in ranking order, each with its mean in both campaigns."""
    position = {c.code: i for i, c in enumerate(data.scores.by_city)}  # ranking order
    cities = sorted(
        (c for c in comparison.by_city if c.mean_after is not None),
        key=lambda c: position.get(c.code, len(position)),
    )[:RANKING_CITIES]
    label = city_labels(data, LABEL_CHARS)
    return [
        {"city": label.get(c.code, c.name), "campaign": name, "mean": mean}
        for c in cities
        for name, mean in (
            (comparison.before, c.mean_before),
            (comparison.after, c.mean_after),
        )
    ]


def _paired_layers(campaigns: list[str]) -> list[Spec]:
    """A line linking each city's two means, and a point for each, coloured by campaign."""
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
    return [
        {
            "mark": {"type": "line", "color": "#999"},
            "encoding": {"y": y, "x": x, "detail": {"field": "city"}},
        },
        {
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
        },
    ]
