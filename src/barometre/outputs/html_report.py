"""The HTML report: one self-contained French page (inline CSS, inlined Vega), readable offline."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from barometre.assessments.blind_check import BlindCheck
from barometre.core.plural import counted
from barometre.outputs.coverage import (
    UNMEASURED_SHOWN,
    coverage_headline,
    coverage_sentence,
    origins_figure,
    share_of_max_detail,
    transactional_detail,
)
from barometre.outputs.data import ReportData
from barometre.outputs.detectors import detector_note, detectors_compared_note
from barometre.outputs.evidence import evidence_caption, evidence_tables
from barometre.outputs.labels import (
    DEMO_BANNER,
    comparison_empty,
    datetime_label,
    demo_explanation,
    number,
    ordinals_html,
    partial_percent,
    percent,
    shown_change,
    signed,
    signed_change,
)
from barometre.outputs.opendata.package import sources_note
from barometre.outputs.report_charts import CHARTS, TABLE_CITIES
from barometre.outputs.significance import significance_sentence
from barometre.outputs.standalone import standalone_render
from barometre.outputs.validity import automatic_reading_note
from barometre.scoring import Change, CityChange, Interval

VENDOR = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")


@cache
def vendor_js() -> str:
    """The three vendored Vega libraries, concatenated, to inline in a <script>."""
    folder = resources.files("barometre.outputs").joinpath("static/vendor")
    return "\n;\n".join(folder.joinpath(name).read_text(encoding="utf-8") for name in VENDOR)


@cache
def charts_js() -> str:
    """The site's chart script (outputs/static/web/charts.js, served as /static/web/charts.js),
    to inline in the report file: each chart drawn to its box's width, its legend in HTML under
    it on a phone, as on the site."""
    script = resources.files("barometre.outputs").joinpath("static/web/charts.js")
    return script.read_text(encoding="utf-8")


@cache
def tables_js() -> str:
    """The site's table script (outputs/static/web/tables.js, served as /static/web/tables.js),
    to inline in a report file: a table that scrolls sideways in its box on a phone is reachable
    from the keyboard."""
    script = resources.files("barometre.outputs").joinpath("static/web/tables.js")
    return script.read_text(encoding="utf-8")


def html_render(data: ReportData) -> str:
    with translation.override("fr"):
        return standalone_render("outputs/report.html", _context(data))


def html_write(data: ReportData, out: Path) -> Path:
    out.write_text(html_render(data), encoding="utf-8")
    return out


def _context(data: ReportData) -> dict[str, Any]:
    coverage = data.scores.coverage
    chart_list = [c for c in (build(data) for build in CHARTS) if c is not None]
    return {
        "data": data,
        "demo_banner": _(DEMO_BANNER) if data.is_demo else "",
        "demo_explanation": demo_explanation(data.campaign.spec),
        "generated": ordinals_html(datetime_label(data.generated_at)),
        "figures": _figures(data),
        "coverage_headline": coverage_headline(coverage),
        "unmeasured": data.scores.unmeasured_communes[:UNMEASURED_SHOWN],
        "unmeasured_count": len(data.scores.unmeasured_communes),
        "charts": chart_list,
        "chart_specs": {c.id: c.spec for c in chart_list},
        "brackets": _bracket_rows(data),
        "comparison": _comparison(data),
        "evidence": evidence_tables(data),
        "evidence_caption": evidence_caption(),
        "vendor_js": vendor_js(),
        "charts_js": charts_js(),
        "tables_js": tables_js(),  # a table scrolling in its box on a phone takes the focus
        "table_cities": TABLE_CITIES,
        "resamples": counted(data.resamples, "tirage", "tirages"),  # "1 000 tirages"
        "automatic_note": automatic_reading_note()
        if data.origins is None or data.origins.automatic
        else "",
        "blind_note": blind_note(data),
        "detector_note": detector_note(data.campaign.name, data.campaign.detectors),
        "detectors_compared_note": detectors_compared_note(data),
        "coders_note": coders_note(data),
        "sources_note": sources_note(),
    }


def _figures(data: ReportData) -> list[tuple[str, str, str]]:
    """The key figures of the campaign: (what, value, its interval or detail). A figure with no
    value (« — ») says why in its detail: no measured and applicable cell in the campaign."""
    overall = data.scores.overall
    applicable = overall.cells - overall.not_applicable_cells  # what the shares are over
    return [
        *_mean_figures(data, applicable),
        (
            _("part du maximum atteignable"),
            percent(overall.share_of_max),
            _why_none(overall.share_of_max) or share_of_max_detail(applicable),
        ),
        (
            _("part des cellules au niveau maximal du service (entièrement en ligne)"),
            percent(overall.share_fully_online),
            _why_none(overall.share_fully_online)
            or _("%(count)s sur %(cells)s au niveau maximal du service")
            % _share_count(overall.share_fully_online, applicable),
        ),
        (
            # cells (commune × service), not services: worded as the home page's figure
            _("part des cellules au niveau 4 ou plus (démarche menée jusqu'au bout en ligne)"),
            percent(overall.share_transactional),
            transactional_detail(
                overall.share_transactional, overall.transactional_cells, data.grid
            ),
        ),
        _coverage_figure(data),
        *filter(None, [origins_figure(data.origins)]),
    ]


def _mean_figures(data: ReportData, applicable: int) -> list[tuple[str, str, str]]:
    """The two key means, each with what it is over and its interval."""
    overall = data.scores.overall
    return [
        (
            _("niveau moyen (0 à 5)"),
            number(overall.mean_level),
            _why_none(overall.mean_level)
            or _mean_detail(
                counted(applicable, "cellule applicable", "cellules applicables"),
                data.scores.ci_mean_level,
            ),
        ),
        (
            _("moyenne des moyennes des communes"),
            number(overall.mean_of_city_means),
            _why_none(overall.mean_of_city_means)
            or _mean_detail(
                counted(_city_means(data), "commune", "communes"),
                data.scores.ci_mean_of_city_means,
            ),
        ),
    ]


def _coverage_figure(data: ReportData) -> tuple[str, str, str]:
    """The share of the grid's cells measured, and how many are « sans objet »."""
    overall, coverage = data.scores.overall, data.scores.coverage
    return (
        _("couverture"),
        partial_percent(coverage.share_of_cells),
        ngettext(
            "%(coverage)s ; %(na)s sans objet",
            "%(coverage)s ; %(na)s sans objet",
            overall.not_applicable_cells,
        )
        % {
            "coverage": coverage_sentence(coverage),
            "na": number(overall.not_applicable_cells, 0),
        },
    )


def _why_none(value: float | None) -> str:
    """The detail of a key figure the campaign cannot give (printed « — »), or ""."""
    if value is not None:
        return ""
    return _(
        "aucune cellule mesurée et applicable dans la campagne (toutes non mesurées ou "
        "« sans objet ») : pas de chiffre, ce n'est pas 0"
    )


def _share_count(share: float | None, applicable: int) -> dict[str, str]:
    """The count and the n of a share of the applicable cells, printed beside it: « 43 sur 213
    cellules applicables » (the share is k / n: k comes back whole)."""
    return {
        "count": number(round((share or 0.0) * applicable), 0),
        "cells": counted(applicable, "cellule applicable", "cellules applicables"),
    }


def blind_note(data: ReportData) -> str:
    """What the campaign's blind codings say of its automatic proposals, or "" without any;
    the answers « sans objet » to a proposal, outside the figures, counted as the methodology
    page counts them."""
    check = data.detection_check
    if check is None or not (check.codings or check.not_applicable):
        return ""
    if not check.codings:
        return _moot_note(check)
    return (
        str(
            _(
                "Sur cette campagne, le double codage aveugle (%(codings)s d'auditeurs qui ne "
                "voyaient pas la proposition automatique) retrouve le niveau proposé dans "
                "%(share)s des cas (intervalle à 95 %% : %(low)s à %(high)s)."
            )
        )
        % {
            "codings": counted(check.codings, "réponse", "réponses"),
            "share": percent(check.exact.share),
            "low": percent(check.exact.low),
            "high": percent(check.exact.high),
        }
        + _found_note(check)
        + (" " + _moot_note(check) if check.not_applicable else "")
    )


def coders_note(data: ReportData) -> str:
    """How often the two blind coders of a drawn cell agree, as the methodology page says it
    (« Ensemble des services »), or "" without a complete pair."""
    coders = data.coders
    if coders is None or not (coders.agreement.pairs or coders.moot):
        return ""
    found = coders.agreement
    said = _(
        "Entre eux, les deux auditeurs de chaque cellule tirée au double codage donnent le même "
        "niveau dans %(share)s des cas (%(pairs)s ; alpha de Krippendorff ordinal : "
        "%(alpha)s, kappa pondéré : %(kappa)s)."
    ) % {
        "share": percent(found.share_identical),
        "pairs": counted(found.pairs, "paire d'auditeurs", "paires d'auditeurs"),
        "alpha": number(found.alpha, 2),
        "kappa": number(found.kappa, 2),
    }
    if found.alpha is None or found.kappa is None:
        said += " " + _(
            "« — » : pas assez de paires, ou aucun écart entre les niveaux, pour le calculer."
        )
    if coders.moot:
        said += " " + ngettext(
            "%(pairs)s où au moins un auditeur a répondu « sans objet » n'entre pas dans ces "
            "chiffres, qui comparent des niveaux.",
            "%(pairs)s où au moins un auditeur a répondu « sans objet » n'entrent pas dans "
            "ces chiffres, qui comparent des niveaux.",
            coders.moot,
        ) % {"pairs": counted(coders.moot, "paire d'auditeurs", "paires d'auditeurs")}
    return said


def _moot_note(check: BlindCheck) -> str:
    """The answers « sans objet » to a proposal that gave a level, in the methodology page's
    words (the same message)."""
    n = check.not_applicable
    return ngettext(
        "%(answers)s « sans objet » à une proposition automatique n'est pas comptée dans ces "
        "figures, qui comparent des niveaux ; c'est un désaccord avec la proposition, qui "
        "donnait un niveau.",
        "%(answers)s « sans objet » à une proposition automatique ne sont pas comptées dans ces "
        "figures, qui comparent des niveaux ; chacune est un désaccord avec la proposition, qui "
        "donnait un niveau.",
        n,
    ) % {"answers": counted(n, "réponse", "réponses")}


def _found_note(check: BlindCheck) -> str:
    """The same, apart for services found and not found, when the codings hold both."""
    if not (check.found.n and check.not_found.n):
        return ""
    return " " + str(
        _(
            "Quand le service a été trouvé sur le site, le niveau proposé est retrouvé dans "
            "%(found)s des cas (%(found_n)s) ; quand il ne l'a pas été, l'auditeur code aussi 0 "
            "dans %(absent)s des cas (%(absent_n)s)."
        )
    ) % {
        "found": percent(check.found.share),
        "found_n": counted(check.found.n, "réponse", "réponses"),
        "absent": percent(check.not_found.share),
        "absent_n": counted(check.not_found.n, "réponse", "réponses"),
    }


def _mean_detail(base: str, interval: Interval | None) -> str:
    """The base of a key mean and its interval: « sur 213 cellules applicables ; IC 95 % :
    2,07 à 2,46 ». The shares beside it gave their base, the means only their interval."""
    over = _("sur %(base)s") % {"base": base}
    return over + "\u00a0; " + ci if (ci := _ci(interval)) else over


def _city_means(data: ReportData) -> int:
    """How many communes the mean of city means is over: those with a mean level (a commune
    whose measured cells are all « sans objet » has none)."""
    return sum(1 for c in data.scores.by_city if c.mean_level is not None)


def _ci(interval: Interval | None) -> str:
    if interval is None:
        return ""
    return str(_("IC 95 %% : %(low)s à %(high)s")) % {
        "low": number(interval.low),
        "high": number(interval.high),
    }


def _bracket_rows(data: ReportData) -> list[list[str]]:
    """A row per bracket, each mean beside the measured cells it is over, then the total."""
    groups = [
        (data.bracket_labels.get(b, b), data.scores.by_bracket[b]) for b in data.bracket_order()
    ]
    groups.append((_("Ensemble"), data.scores.overall))
    return [
        [
            label,
            number(g.communes, 0),
            number(g.cells, 0),
            number(g.mean_level),
            number(g.mean_of_city_means),
            percent(g.share_of_max),
            number(g.not_applicable_cells, 0),
        ]
        for label, g in groups
    ]


def _comparison(data: ReportData) -> dict[str, Any] | None:
    c = data.comparison
    if c is None:
        return None
    if not c.overall.cells:
        # the names escaped, the sentence kept as written (its apostrophes as they are)
        empty = comparison_empty(escape(c.before), escape(c.after), c.why_empty)
        return {"empty": mark_safe(empty)}
    interval = c.ci_mean_change
    return {
        "before": c.before,
        "after": c.after,
        # paired cells: measured and applicable in both campaigns (a measured cell may be
        # « sans objet »: « cellules mesurées » said more than were compared)
        "cells": counted(c.overall.cells, "cellule comparable", "cellules comparables"),
        "mean_before": number(c.overall.mean_before),
        "mean_after": number(c.overall.mean_after),
        # the difference of the two means printed beside it; the interval is the bootstrap's
        "mean_change": signed_change(c.overall.mean_before, c.overall.mean_after),
        "ci": ""
        if interval is None
        else _("IC 95 %% : %(low)s à %(high)s")
        % {"low": signed(interval.low), "high": signed(interval.high)},
        "rose": number(c.overall.rose, 0),
        "fell": number(c.overall.fell, 0),
        "same": number(c.overall.same, 0),
        "movements": movements(data),
        "significance": significance_sentence(data),
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
        _("Cellules : %(rose)s en hausse, %(fell)s en baisse, %(same)s.")
        % {
            "rose": number(c.overall.rose, 0),
            "fell": number(c.overall.fell, 0),
            "same": counted(c.overall.same, "inchangée", "inchangées"),
        },
        _(
            "Communes (moyenne de leurs cellules comparables) : %(rose)s en hausse, "
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
                "Services (moyenne de leurs cellules comparables) : %(rose)s en hausse, "
                "%(fell)s en baisse, %(same)s."
            )
            % {
                "rose": number(services[0], 0),
                "fell": number(services[1], 0),
                "same": counted(services[2], "inchangé", "inchangés"),
            }
        )
    return [str(line) for line in lines]
