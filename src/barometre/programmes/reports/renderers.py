"""Render a `ProgrammeReport` as JSON, CSV (long format) or self-contained HTML (French)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from functools import cache
from itertools import islice
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from barometre.core.plural import agreed, counted
from barometre.core.proportions import Share, significant
from barometre.core.typography import grouped, held_groups, with_unit
from barometre.outputs.charts import FORMAT_LOCALE
from barometre.outputs.html_report import charts_js, tables_js, vendor_js
from barometre.outputs.labels import (
    DEMO_BANNER,
    date_label,
    datetime_label,
    in_paris,
    ordinals_html,
    percent,
    rounded,
    signed,
)
from barometre.outputs.opendata.formats import utc_text
from barometre.outputs.standalone import standalone_render
from barometre.outputs.validity import measured_validity, programme_reading_note
from barometre.programmes.models import Programme, round_html
from barometre.programmes.reports.csv_file import to_csv
from barometre.programmes.reports.follow_up import (
    follow_up_basis_text,
    follow_up_missing_text,
    follow_up_view,
)
from barometre.programmes.reports.model import (
    FEW_PROGRAMMES,
    CommuneRow,
    ComparisonRow,
    ElectionSummary,
    ProgrammeReport,
    Promise,
    ThemeRow,
)

FORMATS = ("html", "json", "csv")
HTML_COMMUNES = 200  # per-commune detail in HTML: the largest communes (JSON and CSV: all)


def _document(report: ProgrammeReport) -> dict[str, Any]:
    """The JSON document's top level: the report's fields, its moments in UTC, the reader's
    validity; the nested dataclasses are opened by `_fields` as they are written."""
    data = _fields(report)
    for name in ("generated_at", "read_from", "read_to"):  # in UTC, as every machine format
        moment = getattr(report, name)
        data[name] = None if moment is None else utc_text(moment)
    data["reader_validity"] = reader_validity()
    if report.is_demo:  # first, as in the campaign and survey reports
        data = {"notice": DEMO_BANNER, **data}
    return data


def _fields(value: Any) -> dict[str, Any]:
    """A dataclass as a dict of its fields, in their order (one level: the encoder comes back
    for those below); what `dataclasses.asdict` gives, without copying the whole report."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
    return {name: getattr(value, name) for name in _field_names(type(value))}


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def reader_validity() -> dict[str, Any]:
    """How well the programme coder finds digital promises in real passages no rule was written
    from (the `rw-eval` sample, outputs/data/validity.yaml): passages, not whole programmes."""
    v = measured_validity()
    return {
        "sample": "rw-eval",
        "measured": v.measured.isoformat(),
        "passages": v.passages,
        "digital_passages": v.digital_passages,
        "digital_f1": round(v.digital_f1.value, 4),
        "digital_f1_low": v.digital_f1.low,
        "digital_f1_high": v.digital_f1.high,
        "digital_precision": round(v.digital_precision, 4),
        "digital_recall": round(v.digital_recall, 4),
        "themes_f1": round(v.themes_f1.value, 4),
        "second_coder_digital_f1": v.second_coder_digital_f1.value,
    }


def to_json(report: ProgrammeReport) -> str:
    """The report as JSON, written as it is encoded: each dataclass becomes a dict when the
    encoder reaches it, and its small pieces joined a few thousand at a time (`dataclasses.asdict`
    then `json.dumps` would hold a copy of the whole report as dicts, then every small piece of
    the text in a list; a StringIO holds the text twice as wide when one character is beyond
    Latin-1, and copies it at the end)."""
    chunks = json.JSONEncoder(ensure_ascii=False, indent=1, default=_fields).iterencode(
        _document(report)
    )
    parts = []
    while batch := list(islice(chunks, 10_000)):
        parts.append("".join(batch))
    return "".join(parts)


def _percent(value: float | None) -> str:
    return percent(value)  # half away from zero, in decimal: 0.625 is « 63 % », not « 62 % »


def _points(value: float) -> str:
    """A difference of proportions in points, half away from zero: 0.125 is « +13 »."""
    return signed(value, 0, scale=100)


def _shown_points(current: Share, other: Share) -> str:
    """The change in points between two printed shares, as a reader subtracts them: « 63 % »
    and « 41 % » give « +22 », where the unrounded 0.211 would print « +21 ». The interval and
    the CSV keep the unrounded difference."""
    if current.share is None or other.share is None:
        return signed(None)
    return signed(
        float(rounded(current.share, 0, scale=100) - rounded(other.share, 0, scale=100)), 0
    )


def _interval(low: str, high: str) -> str:
    """A confidence interval's bounds as the language writes them: « [4 % ; 62 %] », "[4%, 62%]"."""
    return str(_("[%(low)s ; %(high)s]")) % {"low": low, "high": high}


def share_view(value: Share) -> dict[str, Any]:
    """A share as the report prints it (also on the web pages): text, count, n, interval."""
    interval = "" if value.low is None else _interval(_percent(value.low), _percent(value.high))
    return {"text": _percent(value.share), "count": value.count, "n": value.n, "interval": interval}


def _charts(report: ProgrammeReport) -> dict[str, dict[str, Any]]:
    """Vega-Lite specs: digital share by bracket (with intervals, and the election compared),
    theme shares; drawn in #chart-brackets and #chart-themes."""
    summaries = [report.summary] + ([report.comparison.other] if report.comparison else [])
    return {"brackets": _bracket_chart(summaries), "themes": _theme_chart(report)}


def _bracket_chart(summaries: list[ElectionSummary]) -> dict[str, Any]:
    encoding = {
        "y": {
            "field": "tranche",
            "type": "nominal",
            "sort": None,
            "title": None,
            "axis": {"labelLimit": 280},
        },
        "yOffset": {"field": "élection"},
        "color": {"field": "élection", "type": "nominal"},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": _bracket_values(summaries)},
        "width": 420,
        "encoding": encoding,
        "layer": [
            {
                "mark": "bar",
                "encoding": {
                    "x": {
                        "field": "part",
                        "type": "quantitative",
                        "axis": {"format": ".0%"},
                        "scale": {"domain": [0, 1]},
                        "title": _("part des programmes qui parlent de numérique"),
                    },
                    "tooltip": [{"field": "n"}, {"field": "part_texte", "title": "part"}],
                },
            },
            {
                "mark": "rule",
                "encoding": {
                    "x": {"field": "bas", "type": "quantitative"},
                    "x2": {"field": "haut"},
                },
            },
        ],
    }


def _bracket_values(summaries: list[ElectionSummary]) -> list[dict[str, Any]]:
    """Each election's digital share per bracket with its interval (brackets with programmes)."""
    return [
        {
            "tranche": held_groups(b.label),  # wrapped between words, not in a number
            "élection": str(s.election),
            "part": b.digital.share,
            "part_texte": _percent(b.digital.share),  # the tooltip's, as the table prints it
            "bas": b.digital.low,
            "haut": b.digital.high,
            "n": b.digital.n,
        }
        for s in summaries
        for b in s.by_bracket
        if b.digital.n
    ]


def _theme_chart(report: ProgrammeReport) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {
            "values": [
                {"thème": t.label, "part": t.programmes.share} for t in report.summary.themes
            ]
        },
        "width": 420,
        "mark": "bar",
        "encoding": {
            "y": {
                "field": "thème",
                "type": "nominal",
                "sort": "-x",
                "title": None,
                "axis": {"labelLimit": 280},
            },
            "x": {
                "field": "part",
                "type": "quantitative",
                "axis": {"format": ".0%"},
                "title": _("part des programmes qui citent le thème"),
            },
        },
    }


def _format_label(value: str) -> str:
    """ "PDF", "texte": a format as the pages print it (the stored value when unknown)."""
    labels = dict(Programme.Format.choices)
    return str(labels.get(value, value))


def _lists_view(commune: CommuneRow, labels: dict[str, str]) -> list[dict[str, Any]]:
    """A commune's lists for the HTML report, themes by their French labels, each with its
    round, its document's format and pages, its publication date in French and its source
    address when it may be a link (http, https)."""
    return [
        {
            "item": item,
            "round": round_html(item.round),  # « 1<sup>er</sup> tour »
            # its document as the pages name it: « (PDF, 24 pages) », « (texte) »
            "format": _format_label(item.file_format),
            "pages": counted(item.page_count, "page", "pages") if item.page_count else "",
            "published": (
                ordinals_html(date_label(dt.date.fromisoformat(item.published_on)))
                if item.published_on
                else ""
            ),
            "source": item.source_url or "",  # a link only when http or https (`http_link`)
            "themes": [labels.get(t, t) for t in item.themes],
            "sentences": [(s, [labels.get(t, t) for t in s.themes]) for s in item.sentences],
        }
        for item in commune.lists
    ]


def reading_dates(first: dt.datetime | None, last: dt.datetime | None) -> str:
    """ "le 4 décembre 2026", "du 1 décembre 2026 au 4 décembre 2026" (days in Paris), or ""
    when no programme was read."""
    if first is None or last is None:
        return ""
    days = [date_label(in_paris(moment)) for moment in (first, last)]
    if days[0] == days[1]:
        return str(_("le %(day)s")) % {"day": days[0]}
    return str(_("du %(first)s au %(last)s")) % {"first": days[0], "last": days[1]}


def reading_line(report: ProgrammeReport) -> str:
    """When the programmes were read and with which themes file (the version stored at each
    reading, not the current file's: a report after a change of the file and before
    `reanalyse` says so), and when the report was generated."""
    generated = datetime_label(report.generated_at)
    read_on = reading_dates(report.read_from, report.read_to)
    if not read_on:
        return str(_("Aucun programme lu ; rapport généré le %(generated)s.")) % {
            "generated": generated
        }
    line = str(_("Programmes lus %(read_on)s (lecture automatique)")) % {"read_on": read_on}
    versions = report.themes_version
    if versions:
        several = ", " in versions
        line += " ; " + (
            str(_("thèmes versions %(v)s")) if several else str(_("thèmes version %(v)s"))
        ) % {"v": versions}
        if versions != report.current_themes_version:
            line += " " + str(
                _(
                    "(le fichier des thèmes est maintenant en version %(current)s : « barometre "
                    "programmes reanalyse » relit les programmes avec lui)"
                )
            ) % {"current": report.current_themes_version}
    return line + " ; " + str(_("rapport généré le %(generated)s.")) % {"generated": generated}


def to_html(report: ProgrammeReport) -> str:
    s = report.summary
    labels = {t.theme: t.label for t in s.themes}
    vendor = vendor_js()
    context = {
        "report": report,
        **_summary_view(s),
        "comparison": _comparison_rows(report),
        **_theme_comparison_context(report),
        "few_programmes": FEW_PROGRAMMES,
        # « — » (a bracket without programmes in either election) has its legend
        "comparison_unmeasured": any(
            r.change.difference is None
            for r in (report.comparison.rows if report.comparison else ())
        ),
        "communes": [
            (c, counted(c.population, "habitant", "habitants"), _lists_view(c, labels))
            for c in report.communes[:HTML_COMMUNES]
        ],
        "communes_left_out": max(len(report.communes) - HTML_COMMUNES, 0),
        **_follow_up_context(report, labels),
        "campaign_names": _campaign_names(report),
        "promises_basis": promises_basis(report),
        "vendor_js": vendor,
        # drawn by the site's charts.js (inlined), as wide as their box, with an HTML legend
        # on a phone; "10 %", "0,5": the French numbers of the campaign report's charts
        "charts": _charts(report) if vendor else {},
        "charts_js": charts_js(),
        "tables_js": tables_js(),  # a table scrolling in its box on a phone takes the focus
        "chart_format": {"locale": FORMAT_LOCALE},
        "demo_banner": _(DEMO_BANNER) if report.is_demo else "",
    }
    with translation.override("fr"):
        context["reading_note"] = programme_reading_note()
        context["reading_line"] = ordinals_html(reading_line(report))
        return standalone_render("programmes/report.html", context)


def _theme_comparison_context(report: ProgrammeReport) -> dict[str, Any]:
    """Each theme's share in both elections, as the web page's « Thèmes cités » table."""
    if report.comparison is None:
        return {"theme_comparison": [], "theme_comparison_unmeasured": False}
    rows = theme_comparison(report.summary, report.comparison.other)
    return {"theme_comparison": rows, "theme_comparison_unmeasured": themes_unmeasured(rows)}


def _follow_up_context(report: ProgrammeReport, labels: dict[str, str]) -> dict[str, Any]:
    """The "what changed where it was promised" table as the HTML prints it: its rows, what
    they rest on, the themes without a row, and why there is no table (none for one
    commune's report: the table is the election's)."""
    missing = report.follow_up or report.commune
    return {
        "follow_up": follow_up_view(report.follow_up),
        "follow_up_basis": follow_up_basis_text(report.follow_up_basis),
        "follow_up_missing": "" if missing else follow_up_missing_text(report.follow_up_basis),
        "follow_up_absent": [labels.get(t, t) for t in report.follow_up_absent],
    }


def _campaigns_named(pairs: set[tuple[str, int | None]]) -> str:
    """« campagnes demo-2026 (2026), mesure-2024 (2024) »: the campaigns, latest first, as
    the commune page names them (« campagne demo-2014 (2014) »)."""
    ordered = sorted(pairs, key=lambda pair: (-(pair[1] or 0), pair[0]))
    names = ", ".join(f"{name} ({year})" for name, year in ordered)
    return f"{agreed(len(ordered), 'campagne', 'campagnes')} {names}"


def _campaign_names(report: ProgrammeReport) -> set[str]:
    """The names of the campaigns the report's sentences cite (promises, follow-up), each to
    be kept whole on a phone (`held_names_in_text`): « demo-2014 », « demo-2014 (2014) »."""
    names = {n for p in report.promises for n in (p.campaign, p.before_campaign) if n}
    basis = report.follow_up_basis
    return names | set(basis.campaigns_before + basis.campaigns_after if basis else ())


def _lists_elected(kept: tuple[Promise, ...]) -> dict[tuple[str, str], bool]:
    """Each list with a promise (commune, name): whether it was elected, in either round."""
    lists: dict[tuple[str, str], bool] = {}
    for p in kept:
        lists[(p.commune_code, p.list_name)] = lists.get((p.commune_code, p.list_name)) or p.won
    return lists


def promises_basis(report: ProgrammeReport) -> str:
    """What the promises set beside measures rest on, in French: the election and its lists
    (how many, how many elected), the communes in both the reading and a measure (of those
    whose programmes were read), the campaigns after and before the election, and that a level
    measured after a promise does not say the promise caused it. "" without promises."""
    kept = report.promises
    if not kept:
        return ""
    lists = _lists_elected(kept)
    communes = {p.commune_code for p in kept}
    text = str(
        _(
            "Promesses de %(lists)s de l'élection de %(election)s (dont %(won)s), dans "
            "%(communes)s sur %(read)s dont un programme a été lu : celles qu'une campagne a "
            "mesurées après l'élection, avant la suivante : %(after)s."
        )
    ) % {
        "lists": counted(len(lists), "liste", "listes"),
        "election": report.election,
        "won": counted(sum(lists.values()), "élue", "élues"),
        "communes": counted(len(communes), "commune", "communes"),
        # the communes of this report (one with --commune) with a programme read
        "read": grouped(sum(any(not i.unread for i in c.lists) for c in report.communes)),
        "after": _campaigns_named({(p.campaign, p.measured_year) for p in kept}),
    }
    before = {(p.before_campaign, p.before_year) for p in kept if p.before_campaign}
    if before:
        text += " " + str(_("Avant l'élection : %(before)s.")) % {
            "before": _campaigns_named(before)
        }
    return (
        text
        + " "
        + str(
            _(
                "Une mise en regard, pas une cause : un niveau mesuré après l'élection ne dit pas "
                "que la promesse l'a produit, ni qu'une liste non élue y est pour quelque chose."
            )
        )
    )


def _summary_view(s: ElectionSummary) -> dict[str, Any]:
    """The election's shares as the page prints them, and what they were counted on."""
    return {
        "digital": share_view(s.digital),
        "digital_without_video": share_view(s.digital_without_video_protection),
        "brackets": [(b, share_view(b.digital)) for b in s.by_bracket],
        "themes": [(t, share_view(t.programmes)) for t in s.themes],
        "disruptive": share_view(s.disruptive),
        "disruptive_digital": share_view(s.disruptive_among_digital),
        "n_communes": counted(s.n_communes, "commune", "communes"),
        "n_programmes": counted(s.n_programmes, "programme lu", "programmes lus"),
        "without_text": counted(s.n_without_text, "programme", "programmes"),
        "other_language": counted(s.n_other_language, "programme", "programmes"),
        "sentences": (
            counted(s.disruptive_sentences, "phrase disruptive", "phrases disruptives"),
            counted(s.digital_sentences, "phrase", "phrases"),
        ),
    }


def _comparison_rows(report: ProgrammeReport) -> list[tuple[Any, ...]]:
    """Each row of the comparison between elections: both shares, the change in points with
    its interval ("—" when it cannot be measured) and its verdict, as the web page gives it."""
    return [
        (row, share_view(row.current), share_view(row.other), change_view(row)["text"])
        + (change_verdict(row),)
        for row in (report.comparison.rows if report.comparison else ())
    ]


def theme_comparison(
    current: ElectionSummary, other: ElectionSummary
) -> list[tuple[ThemeRow, dict[str, Any], dict[str, Any] | None]]:
    """Each theme of the current election with its two shares (the report and the web page
    alike); None for the earlier one when its reading did not know the theme."""
    earlier = {t.theme: t.programmes for t in other.themes}
    return [
        (t, share_view(t.programmes), share_view(earlier[t.theme]) if t.theme in earlier else None)
        for t in current.themes
    ]


def themes_unmeasured(rows: list[tuple[ThemeRow, dict[str, Any], dict[str, Any] | None]]) -> bool:
    """Whether the theme comparison has a « — » to explain (no programme read, unknown theme)."""
    return any(before is None or not before["n"] for _theme, _now, before in rows)


def change_verdict(row: ComparisonRow) -> str:
    """What a change between elections says: too few programmes to read it (fewer than
    FEW_PROGRAMMES on one side), significant (its interval leaves out 0) or not; "" when it
    cannot be measured."""
    if row.change.difference is None:
        return ""
    if row.few:
        return str(_("trop peu de programmes"))
    return str(_("significatif") if significant(row.change) else _("non significatif"))


def change_view(row: ComparisonRow) -> dict[str, Any]:
    """A change between elections as the report prints it (also on the web pages): « +22
    points », its Newcombe interval, the two together (`text`, "—" when either share cannot be
    measured) and whether it is significant (the interval leaves out 0; None: not measured)."""
    if row.change.difference is None:
        return {"points": "", "interval": "", "text": "—", "significant": None}
    points = with_unit(_shown_points(row.current, row.other), "points")
    interval = _interval(_points(row.change.low or 0), _points(row.change.high or 0))
    return {
        "points": points,
        "interval": interval,
        "text": f"{points} {interval}",
        "significant": significant(row.change),
    }


def render(report: ProgrammeReport, fmt: str) -> str:
    if fmt == "json":
        return to_json(report)
    if fmt == "csv":
        return to_csv(report)
    return to_html(report)
