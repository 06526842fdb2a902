"""The HTML report: one self-contained French page (inline CSS, inlined Vega), readable offline."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from barometre.assessments.selectors import BlindCheck
from barometre.core.plural import counted
from barometre.outputs import charts
from barometre.outputs.coverage import (
    UNMEASURED_SHOWN,
    coverage_headline,
    coverage_sentence,
    origins_figure,
)
from barometre.outputs.data import ReportData
from barometre.outputs.evidence import evidence_tables
from barometre.outputs.labels import (
    DEMO_BANNER,
    datetime_label,
    demo_explanation,
    level_names,
    number,
    p_value,
    percent,
    reason_label,
    separating_digits,
    shown_change,
    signed,
    signed_change,
)
from barometre.outputs.opendata.package import sources_note
from barometre.outputs.validity import automatic_reading_note
from barometre.scoring import NA, UNMEASURED, Change, CityChange, Interval

VENDOR = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
TABLE_CITIES = 100


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    caption: str
    spec: dict[str, Any]
    headers: list[str]
    rows: list[list[str]]
    key: int = 0  # the column that names each row (its header cell for screen readers)
    lead: int = 1  # the columns that name the row, repeated when the table is split (PDF)


@cache
def vendor_js() -> str:
    """The three vendored Vega libraries, concatenated, to inline in a <script>."""
    folder = resources.files("barometre.outputs").joinpath("static/vendor")
    return "\n;\n".join(folder.joinpath(name).read_text(encoding="utf-8") for name in VENDOR)


@cache
def charts_js() -> str:
    """The site's chart script (web/static/web/charts.js), to inline in the report file: each
    chart drawn to its box's width, its legend in HTML under it on a phone, as on the site."""
    script = resources.files("barometre.web").joinpath("static/web/charts.js")
    return script.read_text(encoding="utf-8")


def html_render(data: ReportData) -> str:
    with translation.override("fr"):
        return str(render_to_string("outputs/report.html", _context(data)))


def html_write(data: ReportData, out: Path) -> Path:
    out.write_text(html_render(data), encoding="utf-8")
    return out


def _context(data: ReportData) -> dict[str, Any]:
    overall, coverage = data.scores.overall, data.scores.coverage
    applicable = overall.cells - overall.not_applicable_cells  # what the shares are over
    chart_list = [c for c in (build(data) for build in _CHARTS) if c is not None]
    return {
        "data": data,
        "demo_banner": _(DEMO_BANNER) if data.is_demo else "",
        "demo_explanation": demo_explanation(data.campaign.spec),
        "generated": datetime_label(data.generated_at),
        "figures": [
            (_("niveau moyen (0 à 5)"), number(overall.mean_level), _ci(data.scores.ci_mean_level)),
            (
                _("moyenne des moyennes des communes"),
                number(overall.mean_of_city_means),
                _ci(data.scores.ci_mean_of_city_means),
            ),
            (_("part du maximum atteignable"), percent(overall.share_of_max), ""),
            (
                _("services entièrement en ligne"),
                percent(overall.share_fully_online),
                _("%(count)s sur %(cells)s au niveau maximal du service")
                % _share_count(overall.share_fully_online, applicable),
            ),
            (
                _("services transactionnels"),
                percent(overall.share_transactional),
                _("%(count)s sur %(cells)s au niveau 4 ou plus")
                % _share_count(overall.share_transactional, applicable),
            ),
            (
                _("couverture"),
                percent(coverage.share_of_cells),
                ngettext(
                    "%(coverage)s ; %(na)s sans objet",
                    "%(coverage)s ; %(na)s sans objet",
                    overall.not_applicable_cells,
                )
                % {
                    "coverage": coverage_sentence(coverage),
                    "na": number(overall.not_applicable_cells, 0),
                },
            ),
            *filter(None, [origins_figure(data.origins)]),
        ],
        "coverage_headline": coverage_headline(coverage),
        "unmeasured": data.scores.unmeasured_communes[:UNMEASURED_SHOWN],
        "unmeasured_count": len(data.scores.unmeasured_communes),
        "charts": chart_list,
        "chart_specs": {c.id: c.spec for c in chart_list},
        "brackets": _bracket_rows(data),
        "comparison": _comparison(data),
        "evidence": evidence_tables(data),
        "vendor_js": vendor_js(),
        "charts_js": charts_js(),
        "table_cities": TABLE_CITIES,
        "resamples": counted(data.resamples, "tirage", "tirages"),  # "1 000 tirages"
        "automatic_note": automatic_reading_note()
        if data.origins is None or data.origins.automatic
        else "",
        "blind_note": blind_note(data),
        "sources_note": sources_note(),
    }


def _share_count(share: float | None, applicable: int) -> dict[str, str]:
    """The count and the n of a share of the applicable cells, printed beside it: « 43 sur 213
    cellules applicables » (the share is k / n: k comes back whole)."""
    return {
        "count": number(round((share or 0.0) * applicable), 0),
        "cells": counted(applicable, "cellule applicable", "cellules applicables"),
    }


def blind_note(data: ReportData) -> str:
    """What the campaign's blind codings say of its automatic proposals, or "" without any."""
    check = data.detection_check
    if check is None or not check.codings:
        return ""
    return str(
        _(
            "Sur cette campagne, le double codage aveugle (%(codings)s d'auditeurs qui ne "
            "voyaient pas la proposition automatique) retrouve le niveau proposé dans %(share)s "
            "des cas (intervalle à 95 %% : %(low)s à %(high)s)."
        )
    ) % {
        "codings": counted(check.codings, "réponse", "réponses"),
        "share": percent(check.exact.share),
        "low": percent(check.exact.low),
        "high": percent(check.exact.high),
    } + _found_note(check)


def _found_note(check: BlindCheck) -> str:
    """The same, apart for services found and not found, when the codings hold both."""
    if not (check.found.n and check.not_found.n):
        return ""
    return " " + str(
        _(
            "Quand le service a été trouvé sur le site, le niveau proposé est retrouvé dans "
            "%(found)s des cas (%(found_n)s) ; quand il ne l'a pas été, l'auditeur code aussi 0 "
            "dans %(absent)s des cas (%(absent_n)s)."
        )
    ) % {
        "found": percent(check.found.share),
        "found_n": counted(check.found.n, "réponse", "réponses"),
        "absent": percent(check.not_found.share),
        "absent_n": counted(check.not_found.n, "réponse", "réponses"),
    }


def _ci(interval: Interval | None) -> str:
    if interval is None:
        return ""
    return str(_("IC 95 %% : %(low)s à %(high)s")) % {
        "low": number(interval.low),
        "high": number(interval.high),
    }


def _bracket_rows(data: ReportData) -> list[list[str]]:
    return [
        [
            data.bracket_labels.get(b, b),
            number(g.communes, 0),
            number(g.mean_level),
            number(g.mean_of_city_means),
            percent(g.share_of_max),
            number(g.not_applicable_cells, 0),
        ]
        for b in data.bracket_order()
        for g in [data.scores.by_bracket[b]]
    ]


def _comparison(data: ReportData) -> dict[str, Any] | None:
    c = data.comparison
    if c is None:
        return None
    if not c.overall.cells:
        return {"before": c.before, "after": c.after, "empty": True}
    significant = [
        data.domain_label(d)
        for d, x in c.by_domain.items()
        if x.test.p_value is not None and x.test.p_value < 0.05
    ]
    interval = c.ci_mean_change
    return {
        "before": c.before,
        "after": c.after,
        "cells": number(c.overall.cells, 0),
        "mean_before": number(c.overall.mean_before),
        "mean_after": number(c.overall.mean_after),
        # the difference of the two means printed beside it; the interval is the bootstrap's
        "mean_change": signed_change(c.overall.mean_before, c.overall.mean_after),
        "ci": ""
        if interval is None
        else _("IC 95 %% : %(low)s à %(high)s")
        % {"low": signed(interval.low), "high": signed(interval.high)},
        "rose": number(c.overall.rose, 0),
        "fell": number(c.overall.fell, 0),
        "same": number(c.overall.same, 0),
        "movements": movements(data),
        "significant": significant,
        "unpaired": number(c.unpaired_cells_before + c.unpaired_cells_after, 0),
    }


def _moves(changes: Iterable[Change | CityChange]) -> tuple[int, int, int]:
    """How many of `changes` rose, fell, stayed the same, as the tables print them: a mean
    printed « 1,25 » both times is unchanged, whatever its unrounded change."""
    shown = [
        change for c in changes if (change := shown_change(c.mean_before, c.mean_after)) is not None
    ]
    rose, fell = sum(x > 0 for x in shown), sum(x < 0 for x in shown)
    return rose, fell, len(shown) - rose - fell


def movements(data: ReportData) -> list[str]:
    """The evolution in counts, in French: the paired cells, the communes (the mean of each
    one's paired cells, as the table « Évolution par commune » prints it) and the services
    (the mean of each one's paired cells): « 3 en hausse, 1 en baisse, 0 inchangée »."""
    c = data.comparison
    if c is None or not c.overall.cells:
        return []
    cities = _moves(c.by_city)
    services = _moves(c.by_service.values())
    lines = [
        _("Cellules : %(rose)s en hausse, %(fell)s en baisse, %(same)s.")
        % {
            "rose": number(c.overall.rose, 0),
            "fell": number(c.overall.fell, 0),
            "same": counted(c.overall.same, "inchangée", "inchangées"),
        },
        _(
            "Communes (moyenne de leurs cellules comparables) : %(rose)s en hausse, "
            "%(fell)s en baisse, %(same)s."
        )
        % {
            "rose": number(cities[0], 0),
            "fell": number(cities[1], 0),
            "same": counted(cities[2], "inchangée", "inchangées"),
        },
    ]
    if sum(services):
        lines.append(
            _(
                "Services (moyenne de leurs cellules comparables) : %(rose)s en hausse, "
                "%(fell)s en baisse, %(same)s."
            )
            % {
                "rose": number(services[0], 0),
                "fell": number(services[1], 0),
                "same": counted(services[2], "inchangé", "inchangés"),
            }
        )
    return [str(line) for line in lines]


def _distribution_chart(data: ReportData) -> Chart:
    spec = charts.level_distribution(data)
    names = list(level_names().values())
    rows = [
        [data.domain_label(d), *(number(n, 0) for n in counts)]
        for d, counts in data.scores.level_counts_by_domain.items()
    ]
    rows.insert(0, [_("Ensemble"), *(number(n, 0) for n in data.scores.level_counts)])
    return Chart(
        "distribution",
        _("Répartition des niveaux"),
        _("Part des cellules mesurées à chaque niveau de l'échelle, par domaine."),
        spec,
        [_("domaine"), *names],
        rows,
    )


def _domain_chart(data: ReportData) -> Chart:
    c = data.comparison
    compared = c is not None and c.overall.cells > 0
    earlier = {d: x.change.mean_before for d, x in c.by_domain.items()} if c else {}
    rows = [
        [
            data.domain_label(d),
            number(g.mean_level),
            # the earlier campaign's bar of the chart, which the table gave no value of
            *([number(earlier.get(d))] if compared else []),
            number(g.mean_of_city_means),
            percent(g.share_of_max),
            percent(g.share_fully_online),
            number(g.not_applicable_cells, 0),
        ]
        for d, g in data.scores.by_domain.items()
    ]
    caption = _("Moyenne sur les cellules du domaine (chaque cellule pèse autant).")
    if compared and c is not None:
        caption += " " + _(
            "Pour %(before)s, moyenne sur les cellules mesurées dans les deux campagnes, "
            "comme dans « Évolution par domaine »."
        ) % {"before": c.before}
    return Chart(
        "domains",
        _("Niveau moyen par domaine"),
        caption,
        charts.domain_means(data),
        [
            _("domaine"),
            _("niveau moyen"),
            *(
                [_("niveau moyen %(before)s") % {"before": c.before}]
                if compared and c is not None
                else []
            ),
            _("moyenne des communes"),
            _("part du maximum"),
            _("entièrement en ligne"),
            _("sans objet"),
        ],
        rows,
    )


def _heatmap_chart(data: ReportData) -> Chart:
    shown = min(len(data.scores.by_city), charts.HEATMAP_CITIES)
    caption = _(
        "Niveau de chaque service dans chaque commune, communes dans l'ordre du classement."
    )
    if shown < len(data.scores.by_city):
        caption += " " + _("Seules les %(n)s premières communes sont montrées.") % {"n": shown}
    grid = data.grid
    row_of = {code: i for i, code in enumerate(grid.codes)}
    cell = {NA: _("s.o."), UNMEASURED: "—"}
    rows = [
        [c.name, c.code, *(cell.get(v, str(v)) for v in grid.levels[row_of[c.code]].tolist())]
        for c in data.scores.by_city[:shown]
    ]
    caption += " " + _("Tableau : s.o. = sans objet, — = non mesuré.")
    return Chart(
        "heatmap",
        _("Communes × services"),
        caption,
        charts.heatmap(data),
        [
            _("commune"),
            _("code"),
            *(grid.label_of_service(j) for j in range(len(grid.service_ids))),
        ],
        rows,
        lead=2,
    )


def _ranking_chart(data: ReportData) -> Chart:
    digits = separating_digits(c.mean_level for c in data.scores.by_city)
    rows = [
        [
            str(c.rank or "—"),
            c.name,
            c.code,
            number(c.mean_level, digits),
            percent(c.share_of_max),
            percent(c.share_transactional),
            number(c.not_applicable_cells, 0),
        ]
        for c in data.scores.by_city[:TABLE_CITIES]
    ]
    caption = _(
        "Rangs avec ex aequo : deux communes de même moyenne partagent un rang et le "
        "suivant est sauté (1, 2, 2, 4)."
    )
    return Chart(
        "ranking",
        _("Classement des communes"),
        caption,
        charts.ranking(data),
        [
            _("rang"),
            _("commune"),
            _("code"),
            _("niveau moyen"),
            _("part du maximum"),
            _("transactionnels"),
            _("sans objet"),
        ],
        rows,
        key=1,  # the city, not its rank
        lead=3,
    )


def _change_chart(data: ReportData) -> Chart | None:
    spec, c = charts.change_by_domain(data), data.comparison
    if spec is None or c is None:
        return None
    rows = [
        [
            data.domain_label(d),
            number(x.change.mean_before),
            number(x.change.mean_after),
            signed_change(x.change.mean_before, x.change.mean_after),
            number(x.change.rose, 0),
            number(x.change.fell, 0),
            number(x.change.same, 0),
            p_value(x.test.p_value),
            reason_label(x.test.reason),
        ]
        for d, x in c.by_domain.items()
    ]
    caption = _(
        "Évolution du niveau moyen entre %(before)s et %(after)s sur les cellules "
        "appariées ; test de Wilcoxon (rangs signés) sur les moyennes de domaine de "
        "chaque commune."
    ) % {"before": c.before, "after": c.after}
    return Chart(
        "change",
        _("Évolution par domaine"),
        caption,
        spec,
        [
            _("domaine"),
            c.before,
            c.after,
            _("évolution"),
            _("en hausse"),
            _("en baisse"),
            _("inchangées"),
            _("p"),
            _("remarque"),
        ],
        rows,
    )


def _city_change_chart(data: ReportData) -> Chart | None:
    spec, c = charts.change_by_city(data), data.comparison
    if spec is None or c is None:
        return None
    rows = [
        [
            x.name,
            x.code,
            number(x.mean_before),
            number(x.mean_after),
            signed_change(x.mean_before, x.mean_after),
        ]
        for x in _by_printed_change(c.by_city)[:TABLE_CITIES]
    ]
    return Chart(
        "city-change",
        _("Évolution par commune"),
        _("Moyenne de chaque commune sur ses cellules appariées, avant et après."),
        spec,
        [_("commune"), _("code"), c.before, c.after, _("évolution")],
        rows,
        lead=2,
    )


def _by_printed_change(cities: Iterable[CityChange]) -> list[CityChange]:
    """Largest printed change first, as a reader checks the column: two changes that print
    « +0,45 » and « +0,44 » (differences of printed means) can be in the other order unrounded.
    Equal ones keep their order; cities with no pair last."""
    indexed = list(enumerate(cities))
    change = {i: shown_change(x.mean_before, x.mean_after) for i, x in indexed}
    return [
        x
        for i, x in sorted(
            indexed, key=lambda pair: (change[pair[0]] is None, -(change[pair[0]] or 0), pair[0])
        )
    ]


_CHARTS: tuple[Callable[[ReportData], Chart | None], ...] = (
    _distribution_chart,
    _domain_chart,
    _change_chart,
    _heatmap_chart,
    _ranking_chart,
    _city_change_chart,
)
