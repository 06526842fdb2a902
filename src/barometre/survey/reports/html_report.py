"""The survey report as HTML: a standalone file (Vega inlined) or the body of the web page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.utils import translation
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from barometre.outputs.charts import FORMAT_LOCALE, FORMAT_LOCALE_EN
from barometre.outputs.html_report import charts_js, tables_js, vendor_js
from barometre.outputs.standalone import standalone_render
from barometre.survey.insights import RoleGap
from barometre.survey.intervals import Interval
from barometre.survey.labels import questionnaire_in_language
from barometre.survey.reports.charts import (
    answers_rows,
    coinciding_series,
    count,
    drawn_series,
    fmt,
    interval_text,
    radar_spec,
    radar_table,
    score_rows,
)
from barometre.survey.reports.data import (
    DEMO_LABEL,
    PROVISIONAL_LABEL,
    SurveyReport,
    UnitReport,
)
from barometre.survey.reports.rounding import chance_reading, whole


def _change(pair: tuple[float, float] | None) -> str:
    """A change in points between two printed scores: « +3 », « −2 », « 0 » or « — »."""
    if pair is None:
        return "—"
    points = whole(pair[1]) - whole(pair[0])
    return "0" if points == 0 else f"{points:+d}".replace("-", "−")


def _evolution_row(
    label: str, pair: tuple[float, float] | None, interval: Interval | None
) -> tuple[str, str, str, str, str, str]:
    """An axis's score in the previous campaign and in this one, as printed, the change
    between them (« +6 » alone did not say from where to where), its 95 % interval and, in
    words, whether it is more than the chance of who answered (`rounding.beyond_chance`, on
    the interval as printed, as the gaps between roles)."""
    if pair is None:
        return label, "—", "—", "—", "", ""
    reading = chance_reading(interval)
    shown = "" if reading == "unestimable" else interval_text(interval).replace("-", "\u2212")
    if interval is not None and reading == "beyond":
        rise = interval.low > 0
        verdict = _("hausse au-delà du hasard") if rise else _("baisse au-delà du hasard")
    else:
        verdict = _verdicts().get(reading, "")
    return label, fmt(pair[0]), fmt(pair[1]), _change(pair), shown, verdict


def _verdicts() -> dict[str, str]:
    """A change's reading (`rounding.chance_reading`) in words, but a rise or a fall beyond
    chance: an interval that cannot be estimated says so rather than « au-delà du hasard »."""
    return {
        "chance": _("peut n'être que du hasard"),
        "alone": _("peut n'être que du hasard, les axes étant comparés à la fois"),
        "unestimable": _("marge impossible à estimer : trop peu de réponses ont varié"),
    }


def _evolution_rows(
    report: SurveyReport, unit: UnitReport
) -> list[tuple[str, str, str, str, str, str]] | None:
    """The evolution table's rows: each axis, the overall score, then each campaign's
    respondents (a score of the earlier campaign was printed with no number behind it, and « +6 »
    since 6 respondents reads as one since 80); None without an earlier campaign."""
    change = unit.evolution
    if change is None:
        return None
    before, after = (count(n) for n in change.respondents)
    return [
        *(
            _evolution_row(report.spec.axis(a).label, change.pairs.get(a), change.intervals.get(a))
            for a in change.axes
        ),
        _evolution_row(_("Score global"), change.overall_pair, change.overall_interval),
        (_("Répondants"), before, after, "", "", ""),
    ]


def _gap(report: SurveyReport, unit: UnitReport, gap: RoleGap) -> dict[str, Any]:
    """A gap between roles as printed, the roles tied at either end all named:
    « Agent et Manager (67) contre Élu (50) »; `same` when every role has the same score as
    printed: 36.4 and 35.8 read
    « même score pour … (36) », not « écart de 0 points »."""
    roles, last = report.spec.roles, _("et")  # « Agent, Manager et Élu »

    def side(names: tuple[str, ...], score: float) -> str:
        return f"{get_text_list([roles[r] for r in names], last)} ({fmt(score)})"

    points = whole(gap.highest[1]) - whole(gap.lowest[1])  # as printed
    if points == 0:  # every role between prints the same score too: all are named
        published = tuple(
            role
            for role, group in unit.scores.roles.items()  # in the questionnaire's order
            if group.axes[gap.axis].score is not None
        )
        return {
            "axis": report.spec.axis(gap.axis).label,
            "highest": side(published, gap.highest[1]),
            "same": True,
            "points": 0,
        }
    return {
        "axis": report.spec.axis(gap.axis).label,
        "highest": side(gap.highest_roles or gap.highest[:1], gap.highest[1]),
        "lowest": side(gap.lowest_roles or gap.lowest[:1], gap.lowest[1]),
        "same": False,
        "points": points,
        # its 95 % interval (« [−5 ; 17] ») and how it reads against chance, in words
        # (none printed where it cannot be estimated: `rounding.chance_reading`)
        "interval": ""
        if (reading := chance_reading(gap.difference)) == "unestimable"
        else interval_text(gap.difference).replace("-", "\u2212"),
        "reading": reading,
    }


def _no_spread(rows: Iterable[list[Cell]]) -> bool:
    """Whether a table's cells hold a score « sans dispersion » (`charts.interval_text`)."""
    return any(interval == _("sans dispersion") for cells in rows for _score, interval in cells)


def _role_rows(report: SurveyReport, unit: UnitReport) -> list[tuple[str, str, list[Cell]]]:
    """The roles' table: each role, its respondents and each axis's score with its 95 %
    interval, as the scores table's cells."""
    spec = report.spec
    axes = [a.id for a in spec.axes]
    return [
        (
            spec.roles[role],
            count(group.respondents),
            [(fmt(f.score), interval_text(f.interval)) for f in (group.axes[a] for a in axes)],
        )
        for role, group in unit.scores.roles.items()
    ]


Cell = tuple[str, str]  # a score as printed and its interval ("" without one)


def _unit_context(report: SurveyReport, unit: UnitReport, index: int) -> dict[str, Any]:
    spec = report.spec
    headers, rows = radar_table(report, unit)
    scored = score_rows(report, unit)
    return {
        "unit": unit,
        # under MIN_GROUP respondents: a notice and the peers' table, no empty radar or tables
        "published": unit.scores.total.published,
        "no_peer": unit.peer_count == 0,  # said under the scores table
        **_radar(report, unit, index),
        "headers": headers,
        "rows": rows,
        "score_rows": scored,  # each score with its 95 % interval
        "intervals_shown": any(i for _label, cells in scored for _score, i in cells),
        # a score « sans dispersion » (no spread: no margin) in the scores table, said under it
        "no_spread": _no_spread(cells for _label, cells in scored),
        "answers": answers_rows(report, unit),
        "role_headers": [_("Rôle"), _("Répondants"), *[a.label for a in spec.axes]],
        "roles": (roles := _role_rows(report, unit)),
        "roles_no_spread": _no_spread(cells for _role, _n, cells in roles),  # said under it
        "role_answers": [
            [spec.roles[role], *[count(group.axes[a.id].answers) for a in spec.axes]]
            for role, group in unit.scores.roles.items()
        ],
        "gaps": (gaps := [_gap(report, unit, g) for g in unit.gaps]),
        "gap_intervals": any(g.get("interval") for g in gaps),  # how to read them, said once
        "weakest": _weakest(report, unit),
        "evolution": _evolution_rows(report, unit),
    }


def _radar(report: SurveyReport, unit: UnitReport, index: int) -> dict[str, Any]:
    """The radar's box, its spec, whether it draws the peers (the caption names only the
    series drawn) and the names of the series it draws one over another (said under it)."""
    return {
        "chart_id": f"chart-radar-{index}",  # charts.js draws "radar-0" in #chart-radar-0
        "spec": radar_spec(report, unit),
        "peers_drawn": any(group is unit.peers for _, group, _ in drawn_series(report, unit)),
        "coinciding": coinciding_series(report, unit),
    }


def _weakest(report: SurveyReport, unit: UnitReport) -> list[dict[str, Any]]:
    """The unit's weakest axes, each with its statements, their scores and next steps."""
    spec = report.spec
    return [
        {
            "axis": spec.axis(w.axis),
            "score": fmt(w.score),
            "interval": interval_text(unit.scores.total.axes[w.axis].interval),
            "tied": w.tied,
            "below": w.below,  # else no statement is below the axis's score: said so
            "statements": [
                {
                    "text": spec.statement(s).text,
                    "score": fmt(v),
                    "interval": interval_text(unit.scores.statements[s].interval),
                    # MATURITY.md: every score with its number of answers
                    "answers": count(unit.scores.statements[s].answers),
                    "next_step": spec.statement(s).next_step,
                }
                for s, v in w.statements
            ],
        }
        for w in unit.weakest
    ]


def _in_language(report: SurveyReport) -> SurveyReport:
    """The report with its questionnaire's words in the active language (the French as is)."""
    return replace(report, spec=questionnaire_in_language(report.spec))


def _charts(units: list[dict[str, Any]]) -> dict[str, Any]:
    """The radars' specs where the site's charts.js reads them (#barometre-chart-specs, by the
    id of their box without its "chart-"), and its number format and legend's name in the
    active language: every radar, in the report file and on the web pages, is drawn by it."""
    return {
        "chart_specs": {
            u["chart_id"].removeprefix("chart-"): u["spec"] for u in units if u["published"]
        },
        "chart_format": {
            "locale": FORMAT_LOCALE_EN if get_language() == "en" else FORMAT_LOCALE,
            "legend": _("Légende du graphique"),
        },
    }


def report_context(report: SurveyReport) -> dict[str, Any]:
    report = _in_language(report)
    units = [_unit_context(report, u, i) for i, u in enumerate(report.units)]
    return {
        **_charts(units),
        "report": report,
        "demo_label": _(DEMO_LABEL) if report.is_demo else "",
        "provisional_label": _(PROVISIONAL_LABEL) if report.provisional else "",
        "units": units,
        "surveyed": len(report.units),
        "unpublished": sum(not u.scores.total.published for u in report.units),
        "axes": report.spec.axes,
    }


def html_render(report: SurveyReport) -> str:
    """The report file: its radars drawn by the site's charts.js (inlined), square and no wider
    than their box, their legend in HTML under them on a phone; a table wider than a phone
    scrolls in its box, which the keyboard reaches, under a cue (the site's tables.js, inlined)."""
    with translation.override("fr"):
        scripts = {"vendor_js": vendor_js(), "charts_js": charts_js(), "tables_js": tables_js()}
        context = {**report_context(report), **scripts}
        return standalone_render("survey_report/report.html", context)


def commune_radar_context(report: SurveyReport) -> dict[str, Any]:
    """Context of `survey_report/_commune_radar.html`: the radar block of one collectivité.

    For the commune page of the web observatory, beside the e-administration levels and the
    programmes' promises (the page includes the partial, which holds the radar's spec, and
    loads the site's charts.js).
    """
    unit = _unit_context(_in_language(report), report.units[0], 0)
    return {**report_context(report), **_charts([unit]), "unit": unit}
