"""The PDF of a campaign (the HTML report's figures, charts and tables) and of one commune."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from barometre.assessments.models import Cell
from barometre.core.cachekey import code_fingerprint
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.outputs import html_report
from barometre.outputs.authors import campaign_pseudonyms
from barometre.outputs.chart_statuses import EMPTY
from barometre.outputs.coverage import (
    city_coverage_note,
    city_transactional_cells,
    share_of_max_detail,
    transactional_detail,
)
from barometre.outputs.data import ReportData, city_position, commune_positions
from barometre.outputs.labels import (
    DEMO_BANNER,
    date_label,
    datetime_label,
    demo_explanation,
    in_paris,
    level_names,
    number,
    ordinals_html,
    percent,
    separating_digits,
    signed_change,
)
from barometre.outputs.opendata.package import sources_note
from barometre.outputs.opendata.tables import SOURCE_NAMES
from barometre.outputs.pdf.charts import commune_levels
from barometre.outputs.pdf.render import (
    chart_svg,
    css_text,
    pdf_from_html,
    safe_href,
    svg_data_uri,
)
from barometre.outputs.published import campaign_previous, campaign_state, published_report
from barometre.outputs.report_charts import Chart
from barometre.outputs.validity import automatic_share_note
from barometre.referential.brackets import BRACKET_LABELS
from barometre.referential.models import Campaign, Commune
from barometre.scoring import CityScore

TABLE_ROWS = 40
TABLE_COLUMNS = 8  # value columns of a table on an A4 page, besides those naming the row
SOURCE_LABELS = {"auto": "automatique", "reviewed": "auditeur", "imported": "importé"}


class UnknownCommune(BarometreError):
    """The commune is not in the campaign."""


def campaign_pdf(*, campaign: Campaign, now: datetime) -> bytes:
    """The campaign report as PDF, compared with the previous campaign when there is one."""
    return pdf_from_html(campaign_pdf_html(campaign=campaign, now=now))


def campaign_pdf_html(*, campaign: Campaign, now: datetime) -> str:
    """The HTML that `campaign_pdf` lays out."""
    reference = campaign_previous(campaign)
    data = published_report(campaign=campaign, reference=reference, now=now)
    with translation.override("fr"):
        context = html_report._context(data)  # the HTML report's own figures, charts, tables
        charts = [
            {
                "title": c.title,
                "caption": c.caption,
                "image": svg_data_uri(chart_svg(c.spec)),
                "parts": _column_parts(c),
                "cut": len(c.rows) > TABLE_ROWS,
            }
            for c in context["charts"]
        ]
        html = render_to_string(
            "outputs/pdf/campaign.html",
            {
                **context,
                "charts": charts,
                "generated": ordinals_html(datetime_label(now)),
                "footer_css": css_text(_footer(data.campaign.name, data.is_demo)),
            },
        )
    return str(html)


def _footer(name: str, is_demo: bool) -> str:
    """What each page's foot says besides the page number: the campaign or commune and, for
    demonstration data, that it is made up (the banner is on the first page only)."""
    return f"{name} — {_(DEMO_BANNER)}" if is_demo else name


def _column_parts(chart: Chart) -> list[dict[str, Any]]:
    """The chart's table in tables of at most TABLE_COLUMNS value columns, each repeating the
    columns that name the row: a page is narrower than a screen, and a wider table runs off
    its right edge (the heatmap's 18 services)."""
    lead, rows = chart.lead, chart.rows[:TABLE_ROWS]
    total = len(chart.headers) - lead
    width = -(-total // -(-total // TABLE_COLUMNS)) if total else 1  # even parts: 6, 6, 6
    starts = range(lead, len(chart.headers), width)
    return [
        {
            "title": chart.title,
            "key": chart.key,
            "headers": chart.headers[:lead] + chart.headers[start : start + width],
            "rows": [row[:lead] + row[start : start + width] for row in rows],
            "note": chart.note if start == starts[-1] else "",  # once, under the last part
            "names": chart.names,
            "part": ""
            if total <= TABLE_COLUMNS
            else _("colonnes %(first)s à %(last)s sur %(total)s")
            % {
                "first": start - lead + 1,
                "last": min(start - lead + width, total),
                "total": total,
            },
        }
        for start in starts
    ]


@dataclass(frozen=True, slots=True)
class Line:
    service: str
    domain: str
    level: str
    source: str
    mean: str  # the service's mean level in the campaign, the tick of the chart
    author: str
    decided: str
    evidence: str
    href: str | None
    before: str = ""  # its level in the campaign compared with: « 2 », « s.o. », « — »


def commune_pdf(*, campaign: Campaign, code: str, now: datetime) -> bytes:
    """One commune in one campaign: its levels with their evidence, its position, a chart, and
    where it stood in the campaign compared with."""
    return pdf_from_html(commune_pdf_html(campaign=campaign, code=code, now=now))


def commune_in_campaign(*, campaign: Campaign, code: str) -> Commune:
    """The commune of a commune's PDF; UnknownCommune when it is not in the campaign."""
    commune = Commune.objects.select_related("department", "epci").filter(code=code).first()
    if commune is None or not campaign.communes.filter(code=code).exists():
        raise UnknownCommune(f"La commune « {code} » n'est pas dans la campagne {campaign.name}.")
    return commune


def pdf_etag(*, campaign: Campaign, code: str | None = None) -> str:
    """The ETag of the campaign's PDF, or of commune `code`'s (checked: UnknownCommune), for
    conditional requests (docs/api.md): the state of what it is built from (the campaign's, and
    its reference's, which both PDFs print; the referential's is part of each) and the code's
    digest (layout, wording). Weak: each request lays the PDF out again, and it prints when
    (« généré le … ») and carries that time in its metadata, so two answers at one state are
    the same report but never the same bytes."""
    if code is not None:
        commune_in_campaign(campaign=campaign, code=code)
    reference = campaign_previous(campaign)
    state = campaign_state(campaign) + (f"/{campaign_state(reference)}" if reference else "")
    return f'W/"{state}-{code_fingerprint()}"'


def commune_pdf_html(*, campaign: Campaign, code: str, now: datetime) -> str:
    """The HTML that `commune_pdf` lays out."""
    commune = commune_in_campaign(campaign=campaign, code=code)
    data = published_report(campaign=campaign, now=now)
    # None when nothing was measured there: the PDF says so and shows no figure (SCALE.md)
    city = next((c for c in data.scores.by_city if c.code == code), None)
    with translation.override("fr"):
        before = _before(campaign, commune, now)
        figures = _figures(data, city, commune) + before["figures"] if city is not None else []
        lines = _lines(campaign, commune, data, before["levels"]) if city is not None else []
        html = render_to_string(
            "outputs/pdf/commune.html",
            {
                "data": data,
                "commune": commune,
                "city": city,
                "bracket": BRACKET_LABELS.get(commune.bracket, commune.bracket),
                "figures": figures,
                "reference": before["reference"],
                "coverage_note": city_coverage_note(city) if city is not None else "",
                "lines": lines,
                "table_notes": _table_notes(lines),
                "automatic_note": automatic_share_note()
                if any(line.source == _(SOURCE_LABELS["auto"]) for line in lines)
                else "",
                "chart": svg_data_uri(chart_svg(commune_levels(data, code)))
                if city is not None
                else "",
                "demo_banner": _(DEMO_BANNER) if data.is_demo else "",
                "demo_explanation": demo_explanation(data.campaign.spec),
                "sources_note": sources_note(),
                "generated": ordinals_html(datetime_label(now)),
                "footer_css": css_text(_footer(commune.name, data.is_demo)),
            },
        )
    return str(html)


_RANKED = ("commune classée", "communes classées")  # listed in web.nouns


def _figures(data: ReportData, city: CityScore, commune: Commune) -> list[tuple[str, str, str]]:
    """The commune's headline figures."""
    # beside its rank, its mean with the ranking's decimals: « 2,13 » ranked 3rd and 4th
    digits = separating_digits(c.mean_level for c in data.scores.by_city)
    return [
        (
            _("niveau moyen (0 à 5)"),
            number(city.mean_level, digits),
            _peers_detail(data, city),
        ),
        *_rank_figures(data, city),
        *_epci_figure(commune, commune_positions(data, commune)["epci_position"]),
        (
            _("part du maximum atteignable"),
            percent(city.share_of_max),
            share_of_max_detail(city.cells - city.not_applicable_cells),  # its base
        ),
        (
            # cells (this commune × a service), as the campaign page and the home page word it;
            # over those of the services that can reach level 4 only (docs/scoring.md)
            _("part des cellules au niveau 4 ou plus"),
            percent(city.share_transactional),
            transactional_detail(
                city.share_transactional,
                city_transactional_cells(data.grid, city.code),
                data.grid,
            ),
        ),
    ]


def _peers_detail(data: ReportData, city: CityScore) -> str:
    """The campaign's mean and the commune's size bracket's, beside its own, as its page gives
    them."""
    overall = number(data.scores.overall.mean_level)
    bracket = data.scores.by_bracket.get(city.bracket)
    if bracket is None or bracket.mean_level is None:
        return _("campagne : %(m)s") % {"m": overall}
    return _("campagne : %(m)s ; tranche : %(b)s") % {
        "m": overall,
        "b": number(bracket.mean_level),
    }


def _rank_figures(data: ReportData, city: CityScore) -> list[tuple[str, str, str]]:
    """The commune's rank, and its rank in its bracket as the commune page gives it
    (`city_position`: among the bracket's ranked communes, a commune whose cells are all not
    applicable counting in neither the rank nor the number of communes). The only ranked
    commune of the campaign or of its bracket gets no rank: « 1 sur 1 » compares it with
    nothing."""
    ranked = [c for c in data.scores.by_city if c.rank is not None]
    peers = sum(1 for c in ranked if c.bracket == city.bracket)
    position = city_position(data, city.code, bracket=city.bracket)
    return [
        (
            _("rang"),
            str(city.rank) if city.rank and len(ranked) > 1 else "—",
            _("sur %(communes)s") % {"communes": counted(len(ranked), *_RANKED)}
            if len(ranked) > 1
            else _rank_alone(len(ranked), _("seule commune classée de la campagne"))
            or _("aucune commune classée"),
        ),
        (
            _("rang dans la tranche"),
            str(position[0]) if position and peers > 1 else "—",
            _("sur %(communes)s de la tranche") % {"communes": counted(peers, *_RANKED)}
            if peers > 1
            else _rank_alone(peers, _("seule commune classée de la tranche"))
            or _("aucune commune classée dans la tranche"),
        ),
    ]


def _rank_alone(ranked: int, only: str) -> str:
    """« seule commune classée de la tranche : aucun rang à donner », as the commune page's
    tile says it, when `ranked` is 1; "" otherwise."""
    return _("%(only)s : aucun rang à donner") % {"only": only} if ranked == 1 else ""


def _epci_figure(commune: Commune, position: tuple[int, int] | None) -> list[tuple[str, str, str]]:
    """The commune's rank in its intercommunality, computed as its page's (`commune_positions`);
    none without an intercommunality, or where it is the only ranked commune of its own (a rank
    of 1 out of 1 would compare it with nothing)."""
    if commune.epci is None or position is None or position[1] < 2:
        return []
    rank, ranked = position
    return [
        (
            _("rang dans l'intercommunalité"),
            str(rank),
            _("sur %(communes)s de %(epci)s")
            % {"communes": counted(ranked, *_RANKED), "epci": commune.epci.name},
        )
    ]


def _table_notes(lines: list[Line]) -> list[str]:
    """The legend lines of the services table's « — », one a case it holds (as the web tables',
    `chart_statuses`): a service nobody recorded for the commune has no origin, one with no
    measured and applicable cell in the campaign no mean."""
    notes = []
    if any(line.mean == EMPTY for line in lines):
        notes.append(
            _(
                "— dans « moyenne de la campagne » : aucune cellule mesurée et applicable pour "
                "ce service dans la campagne, pas de moyenne."
            )
        )
    if any(line.source == EMPTY for line in lines):
        notes.append(
            _(
                "— dans « origine » : personne n'a relevé ce service pour la commune ; il est "
                "non mesuré, sans origine ni preuve, et ne compte dans aucun chiffre."
            )
        )
    return notes


def _cells(campaign: Campaign, commune: Commune) -> dict[str, dict[str, Any]]:
    """The commune's cells in the campaign, by service."""
    return {
        row["service__slug"]: row
        for row in Cell.objects.filter(campaign=campaign, commune=commune).values(
            "service__slug",
            "level",
            "not_applicable",
            "source",
            "assessment__evidence_url",
            "assessment__author",
            "assessment__created_at",
        )
    }


def _before(campaign: Campaign, commune: Commune, now: datetime) -> dict[str, Any]:
    """The commune in the campaign its PDF compares with (`campaign_previous`, as the campaign's
    PDF): its mean level there, as its page's « Au fil des campagnes » gives it, and each
    service's level there (« s.o. » not applicable); nothing when there is none or the commune
    was not measured in it."""
    reference = campaign_previous(campaign)
    data = published_report(campaign=reference, now=now) if reference is not None else None
    city = next((c for c in data.scores.by_city if c.code == commune.code), None) if data else None
    if reference is None or city is None:
        return {"reference": None, "figures": [], "levels": {}}
    cells = Cell.objects.filter(campaign=reference, commune=commune)
    levels = {
        slug: _("s.o.") if not_applicable else str(level)
        for slug, level, not_applicable in cells.values_list(
            "service__slug", "level", "not_applicable"
        )
    }
    label = _("niveau moyen en %(name)s") % {"name": reference.name}
    # over all its applicable cells then: not the pair of means its change is the difference
    # of, which are over the cells applicable in both campaigns (the next figure)
    detail = ordinals_html(
        _("campagne précédente, mesurée le %(day)s ; moyenne sur %(cells)s")
        % {
            "day": date_label(reference.measured_on),
            "cells": counted(city.cells - city.not_applicable_cells, *_APPLICABLE),
        }
    )
    figures = [
        (label, number(city.mean_level), detail),
        _paired_figure(campaign, reference, commune, now),
    ]
    return {"reference": reference, "figures": figures, "levels": levels}


_APPLICABLE = ("cellule applicable", "cellules applicables")  # listed in web.nouns
_COMPARABLE = ("cellule comparable", "cellules comparables")  # listed in web.nouns


def _paired_figure(
    campaign: Campaign, reference: Campaign, commune: Commune, now: datetime
) -> tuple[str, str, str]:
    """The commune's change since `reference` as the reports' « Évolution par commune » gives
    it, with the two means it is the difference of: over the cells measured and applicable in
    both campaigns, « de 2,50 à 3,00 », not the means of all the cells of each."""
    compared = published_report(campaign=campaign, reference=reference, now=now).comparison
    change = (
        next((c for c in compared.by_city if c.code == commune.code), None) if compared else None
    )
    label = _("évolution depuis %(name)s") % {"name": reference.name}
    if change is None or not change.cells:
        return (label, "—", _("aucune cellule mesurée et applicable dans les deux campagnes"))
    detail = _(
        "de %(before)s à %(after)s sur %(cells)s (mesurées et applicables dans les deux campagnes)"
    ) % {
        "before": number(change.mean_before),
        "after": number(change.mean_after),
        "cells": counted(change.cells, *_COMPARABLE),
    }
    return (label, signed_change(change.mean_before, change.mean_after), detail)


def _lines(
    campaign: Campaign, commune: Commune, data: ReportData, before: dict[str, str]
) -> list[Line]:
    names = level_names()
    cells = _cells(campaign, commune)
    pseudonyms = campaign_pseudonyms(campaign.pk)  # never an auditor's user name
    lines = []
    for slug in data.grid.service_ids:
        row: dict[str, Any] | None = cells.get(slug)
        mean = number(data.scores.by_service[slug].mean_level)
        if row is None:  # nobody recorded it: not measured, never a 0 (SCALE.md)
            unmeasured = (_("non mesuré"), EMPTY, mean, "", "", "", None)
            lines.append(Line(data.service_label(slug), "", *unmeasured, before.get(slug, EMPTY)))
            continue
        url = row["assessment__evidence_url"] or ""
        level = _("sans objet") if row["not_applicable"] else names[row["level"]]
        source = SOURCE_NAMES.get(row["source"], row["source"])
        lines.append(
            Line(
                service=data.service_label(slug),
                domain="",
                level=level,
                source=_(SOURCE_LABELS.get(source, source)),
                mean=mean,
                author=pseudonyms.name(row["source"], row["assessment__author"]),
                decided=date_format(in_paris(row["assessment__created_at"]), "SHORT_DATE_FORMAT"),
                evidence=url,
                href=safe_href(url),
                before=before.get(slug, EMPTY),
            )
        )
    return lines
