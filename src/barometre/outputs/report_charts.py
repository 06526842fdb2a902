"""The campaign report's charts, each with the table that gives its figures (the HTML report,
its PDF and the web pages draw the same Vega-Lite specs from barometre.outputs.charts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from barometre.outputs import change_charts, charts
from barometre.outputs.chart_statuses import (
    EMPTY,
    capped_below_4,
    change_notes,
    change_status,
    city_change_note,
    city_change_status,
    csv_table,
    domain_notes,
    domain_status,
    ranking_status,
    unmeasured_status,
    unranked_note,
)
from barometre.outputs.coverage import city_services_cell
from barometre.outputs.data import ReportData
from barometre.outputs.labels import (
    by_printed_change,
    campaign_mean_header,
    level_names,
    mean_header,
    number,
    p_value,
    percent,
    reason_label,
    separating_digits,
    signed_change,
)
from barometre.outputs.significance import wilcoxon_direction
from barometre.scoring import NA, UNMEASURED, Comparison

TABLE_CITIES = 100  # rows of the per-commune tables (the charts and open data hold them all)


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
    note: str = ""  # what a sign of its table means, said under the table
    # headers written as they are whatever the page's case: a campaign's name as its user gave
    # it (« demo-2014 », never « Demo-2014 »), the p of a p-value
    verbatim: frozenset[int] = frozenset()
    # the campaign names its headers show, each kept on one line there (« demo-2014 » broke at
    # its hyphen in a narrow column: the `held_names` filter); the CSV keeps the headers as they are
    names: tuple[str, ...] = ()
    # why each row has empty cells (`chart_statuses`), the CSV's `statut` column; none for a
    # table that always has every figure
    statuses: tuple[str, ...] = ()

    @property
    def csv(self) -> tuple[list[str], list[list[str]]]:
        """Headers and rows of its CSV: an empty cell where the page prints « — », and the
        `statut` column that says why."""
        return csv_table(self.headers, self.rows, self.statuses)

    @property
    def title_headers(self) -> list[str]:
        """The headers of a page whose table headers start with a capital letter (the web),
        except those written as they are."""
        return [h if i in self.verbatim else capfirst(h) for i, h in enumerate(self.headers)]


def _distribution_chart(data: ReportData) -> Chart:
    spec = charts.level_distribution(data)
    names = list(level_names().values())
    # the counts the bars are shares of, and their total: the base of each share
    groups = [(_("Ensemble"), data.scores.level_counts)]
    groups += [(data.domain_label(d), c) for d, c in data.scores.level_counts_by_domain.items()]
    rows = [
        [label, *(number(n, 0) for n in counts), number(sum(counts), 0)] for label, counts in groups
    ]
    return Chart(
        "distribution",
        _("Répartition des niveaux"),
        _(
            "Part des cellules mesurées et applicables (hors « sans objet ») à chaque niveau de "
            "l'échelle, par domaine. Tableau : nombre de cellules à chaque niveau, et leur total."
        ),
        spec,
        [_("domaine"), *names, _("cellules applicables")],
        rows,
    )


def _domain_chart(data: ReportData) -> Chart:
    c = data.comparison
    compared = c is not None and c.overall.cells > 0
    earlier = {d: x.change.mean_before for d, x in c.by_domain.items()} if c else {}
    before = c.before if compared and c is not None else None
    groups = data.scores.by_domain
    rows = _domain_rows(data, earlier if compared else None)
    caption = _("Moyenne sur les cellules du domaine (chaque cellule pèse autant).")
    if compared and c is not None:
        caption += " " + _(
            "Pour %(before)s, moyenne sur les cellules comparables (mesurées et applicables "
            "dans les deux campagnes), comme dans « Évolution par domaine »."
        ) % {"before": c.before}
    caption += " " + _level_4_definition()
    return Chart(
        "domains",
        _("Niveau moyen par domaine"),
        caption,
        charts.domain_means(data),
        _domain_headers(c if compared else None),
        rows,
        names=(c.before, c.after) if compared and c is not None else (),
        note=" ".join(
            domain_notes(list(groups.values()), [earlier.get(d) for d in groups], before)
        ),
        statuses=tuple(domain_status(g, earlier.get(d), before) for d, g in groups.items()),
    )


def _domain_headers(c: Comparison | None) -> list[str]:
    """The domains' table's headers, each campaign's mean named when `c` gives the earlier's:
    « niveau moyen » beside « niveau moyen 2014 » left the reader to guess which
    campaign the first was of."""
    means = [campaign_mean_header(c.before), campaign_mean_header(c.after)] if c else []
    return [
        _("domaine"),
        *(means or [mean_header()]),
        _("moyenne des communes"),
        _("part du maximum atteignable"),
        _("entièrement en ligne"),
        _("niveau 4 ou plus"),
        _("sans objet"),
    ]


def _domain_rows(data: ReportData, earlier: dict[str, float | None] | None) -> list[list[str]]:
    """The domains' table: each domain's figures, with the earlier campaign's mean when
    `earlier` (the comparison's, by domain) is given."""
    return [
        [
            data.domain_label(d),
            # the earlier campaign's bar of the chart, which the table gave no value of, first
            # as in the change tables and the chart's legend
            *([number(earlier.get(d))] if earlier is not None else []),
            number(g.mean_level),
            number(g.mean_of_city_means),
            percent(g.share_of_max),
            percent(g.share_fully_online),
            percent(g.share_transactional),  # as the ranking gives it for each commune
            number(g.not_applicable_cells, 0),
        ]
        for d, g in data.scores.by_domain.items()
    ]


def _heatmap_chart(data: ReportData) -> Chart:
    shown = min(len(data.scores.by_city), charts.HEATMAP_CITIES)
    caption = _(
        "Niveau de chaque service dans chaque commune, communes dans l'ordre du classement."
    )
    if shown < len(data.scores.by_city):
        caption += " " + _("Seules les %(n)s premières communes sont montrées.") % {"n": shown}
    grid = data.grid
    row_of = {code: i for i, code in enumerate(grid.codes)}
    cell = {NA: _("s.o."), UNMEASURED: EMPTY}
    rows = [
        [c.name, c.code, *(cell.get(v, str(v)) for v in grid.levels[row_of[c.code]].tolist())]
        for c in data.scores.by_city[:shown]
    ]
    caption += " " + _("Tableau : s.o. = sans objet, — = non mesuré.")
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
        statuses=tuple(unmeasured_status(r) for r in rows),
    )


def _ranking_chart(data: ReportData) -> Chart:
    digits = separating_digits(c.mean_level for c in data.scores.by_city)
    cities = data.scores.by_city[:TABLE_CITIES]
    rows = [
        [
            str(c.rank or EMPTY),
            c.name,
            c.code,
            number(c.mean_level, digits),
            percent(c.share_of_max),
            percent(c.share_transactional),
            number(c.not_applicable_cells, 0),
            city_services_cell(c),
        ]
        for c in cities
    ]
    notes = [capped_note()] if any(map(capped_below_4, cities)) else []
    notes += [unranked_note()] if any(c.rank is None for c in cities) else []
    return Chart(
        "ranking",
        _("Classement des communes"),
        _ranking_caption(),
        charts.ranking(data),
        [
            _("rang"),
            _("commune"),
            _("code"),
            mean_header(),
            _("part du maximum atteignable"),
            _("niveau 4 ou plus"),  # a narrow column: the caption says what it counts
            _("sans objet"),
            _("services mesurés"),
        ],
        rows,
        key=1,  # the city, not its rank
        lead=3,
        note=" ".join(notes),
        statuses=tuple(map(ranking_status, cities)),
    )


def _ranking_caption() -> str:
    return (
        _(
            "Rangs avec ex aequo : deux communes de même moyenne partagent un rang et le "
            "suivant est sauté (1, 2, 2, 4)."
        )
        + " "
        + _level_4_definition()
    )


def _level_4_definition() -> str:
    return _(
        "Niveau 4 ou plus : part des cellules applicables au niveau 4 ou plus, parmi celles "
        "des services qui peuvent l'atteindre (démarche menée jusqu'au bout en ligne)."
    )


def capped_note() -> str:
    """What the « — » of `capped_below_4` means, under a ranking table."""
    return _(
        "— dans la colonne « niveau 4 ou plus » : aucun des services mesurés et "
        "applicables de la commune ne peut atteindre le niveau 4 ; la part n'a aucune cellule "
        "sur laquelle porter, ce n'est pas 0 %."
    )


def _change_chart(data: ReportData) -> Chart | None:
    spec, c = change_charts.change_by_domain(data), data.comparison
    if spec is None or c is None:
        return None
    rows = _change_rows(data, c)
    caption = _(
        "Évolution du niveau moyen entre %(before)s et %(after)s sur les cellules "
        "comparables (mesurées et applicables dans les deux campagnes) ; test de Wilcoxon "
        "(rangs signés) sur les moyennes de domaine de chaque commune."
    ) % {"before": c.before, "after": c.after}
    return Chart(
        "change",
        _("Évolution par domaine"),
        caption,
        spec,
        [
            _("domaine"),
            campaign_mean_header(c.before),
            campaign_mean_header(c.after),
            _("évolution"),
            # counts of paired cells, as the XLSX sheet heads them
            _("cellules en hausse"),
            _("cellules en baisse"),
            _("cellules inchangées"),
            _("p (Wilcoxon)"),  # as the XLSX sheet heads it: which test
            # the way the test leans and the communes up and down, as the JSON report's
            # `test_direction` (it can differ from the sign of the cell-weighted change)
            _("sens du test"),
            _("remarque"),
        ],
        rows,
        verbatim=frozenset({7}),
        names=(c.before, c.after),
        note=" ".join(change_notes(list(c.by_domain.values()))),
        statuses=tuple(map(change_status, c.by_domain.values())),
    )


def _change_rows(data: ReportData, c: Comparison) -> list[list[str]]:
    """The change chart's table: each domain's paired means, change, counts and test."""
    return [
        [
            data.domain_label(d),
            number(x.change.mean_before),
            number(x.change.mean_after),
            signed_change(x.change.mean_before, x.change.mean_after),
            number(x.change.rose, 0),
            number(x.change.fell, 0),
            number(x.change.same, 0),
            p_value(x.test.p_value),
            wilcoxon_direction(x),
            reason_label(x.test.reason),
        ]
        for d, x in c.by_domain.items()
    ]


def _city_change_chart(data: ReportData) -> Chart | None:
    spec, c = change_charts.change_by_city(data), data.comparison
    if spec is None or c is None:
        return None
    cities = by_printed_change(c.by_city)[:TABLE_CITIES]
    rows = [
        [
            x.name,
            x.code,
            number(x.mean_before),
            number(x.mean_after),
            signed_change(x.mean_before, x.mean_after),
            number(x.cells, 0),  # what each mean is over: the base of the change
        ]
        for x in cities
    ]
    return Chart(
        "city-change",
        _("Évolution par commune"),
        _("Moyenne de chaque commune sur ses cellules comparables, avant et après."),
        spec,
        [
            _("commune"),
            _("code"),
            campaign_mean_header(c.before),
            campaign_mean_header(c.after),
            _("évolution"),
            _("cellules comparables"),
        ],
        rows,
        lead=2,
        names=(c.before, c.after),
        note=city_change_note() if any(x.mean_change is None for x in cities) else "",
        statuses=tuple(map(city_change_status, cities)),
    )


CHARTS: tuple[Callable[[ReportData], Chart | None], ...] = (
    _distribution_chart,
    _domain_chart,
    _change_chart,
    _heatmap_chart,
    _ranking_chart,
    _city_change_chart,
)
