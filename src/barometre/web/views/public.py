"""Public pages about a campaign: home, overview, ranking, heatmap, service, domain, method."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from barometre.assessments.blind_check import campaign_blind_check
from barometre.assessments.models import Cell
from barometre.collection.selectors import campaign_detectors
from barometre.core.plural import counted
from barometre.outputs.chart_statuses import capped_below_4, unranked_note
from barometre.outputs.charts import FORMAT_LOCALE, FORMAT_LOCALE_EN
from barometre.outputs.coverage import origins_sentence, transactional_capped
from barometre.outputs.data import ReportData
from barometre.outputs.detectors import detector_note, detectors_compared_note
from barometre.outputs.labels import (
    number,
    p_equals,
    percent,
    separating_digits,
)
from barometre.outputs.significance import significance_sentence, wilcoxon_direction
from barometre.outputs.validity import automatic_share_note, measured_validity
from barometre.referential.models import Commune
from barometre.referential.selectors import selection_public
from barometre.scoring import DomainChange
from barometre.web import links
from barometre.web.agreement import campaign_agreement, moot_pairs
from barometre.web.blind import blind_cells, not_stored
from barometre.web.communes import (
    SEARCH_LIMIT,
    Territory,
    campaigns_for_search,
    communes_search,
    communes_search_total,
    ranked_cities,
    selection_ranks,
)
from barometre.web.selectors import (
    cached_for_codings,
    cached_for_data,
    campaign_coverage,
    campaign_latest,
    campaign_report,
    campaign_report_context,
    campaigns_listed,
)
from barometre.web.views.common import allow_charts, campaign_or_404, csv_response, page_of
from barometre.web.views.ranking_csv import ranking_csv
from barometre.web.views.territory import (
    filter_refused,
    territory_filters,
    territory_of,
    territory_refused,
)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    campaign = campaign_latest()
    context: dict[str, Any] = {"campaign": campaign, "campaigns": campaigns_listed()}
    if campaign is not None:
        data = campaign_report(campaign)
        overall = data.scores.overall
        # the share's k and n: « 39 sur 190 » (the share is k / n, k comes back whole), n the
        # applicable cells of the services that can reach level 4
        applicable = overall.transactional_cells
        context.update(
            data=data,
            transactional=round((overall.share_transactional or 0.0) * applicable),
            applicable=applicable,
            transactional_capped=transactional_capped(data.grid),
            coverage=campaign_coverage(campaign),
            top=ranked_cities(data, Territory())[:5],
            digits=ranking_digits(data),
            origins=origins_sentence(data.origins) if data.origins else "",
            automatic_note=automatic_share_note()
            if data.origins and data.origins.automatic
            else "",
            detectors_compared_note=detectors_compared_note(data),
        )
    return render(request, "web/home.html", context)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    measured_in = campaigns_for_search()
    found = communes_search(query, measured_in=measured_in)
    if len(found) == 1:
        return redirect("web:commune", code=found[0].code)
    code = query.strip().upper()
    matches = [(c, _matched_by(code, c)) for c in found]
    context = {
        "query": query,
        "matches": matches,
        "measured_in": measured_in,
        # a search shows the largest communes only: the page says how many it found in all
        "total": communes_search_total(query) if len(found) >= SEARCH_LIMIT else len(found),
        # a five-digit code no commune has: the department's largest communes are shown
        "department_only": bool(matches) and all(why is None for _c, why in matches),
    }
    return render(request, "web/search.html", context)


def _matched_by(code: str, commune: Commune) -> str | None:
    """Why a commune answers a code query ("" for a name or a code prefix, None if only its
    department does)."""
    if not (len(code) == 5 and (code.isdigit() or code[:2] in {"2A", "2B"})):
        return ""
    if commune.code == code:
        return _("code INSEE")
    if code in commune.postcodes.split():
        return _("code postal")
    return None


@require_safe
def overview(request: HttpRequest, name: str) -> HttpResponse:
    campaign = campaign_or_404(name)
    allow_charts(request)
    context = campaign_report_context(campaign)
    context.pop("vendor_js", None)  # the page loads the libraries as static files
    context.pop("charts_js", None)
    context.update(
        campaign=campaign,
        coverage=campaign_coverage(campaign),
        links=links,
        downloads=links.opendata_files(campaign.name),
        pdf=links.campaign_pdf(campaign.name),
        significance=significance_sentence(context["data"]),
        chart_format={
            "locale": FORMAT_LOCALE_EN if get_language() == "en" else FORMAT_LOCALE,
            "legend": _("Légende du graphique"),
        },
    )
    return render(request, "web/overview.html", context)


def ranking_digits(data: ReportData) -> int:
    """Decimals of the city means in a ranking, as in the reports: enough for two cities of
    different rank never to print the same figure (`separating_digits` over every city)."""
    return separating_digits(c.mean_level for c in data.scores.by_city)


@require_safe
def chart_table(request: HttpRequest, name: str, chart: str) -> HttpResponse:
    """The data table of one chart of the overview, as CSV."""
    campaign = campaign_or_404(name)
    charts = {c.id: c for c in campaign_report_context(campaign)["charts"]}
    if chart not in charts:
        raise Http404("Graphique inconnu")
    found = charts[chart]
    # an empty cell where the page prints « — », and a `statut` column saying why
    return csv_response(f"{campaign.name}-{chart}.csv", *found.csv, demonstration=campaign.is_demo)


@require_safe
def ranking(request: HttpRequest, name: str) -> HttpResponse:
    campaign = campaign_or_404(name)
    if refused := territory_refused(request):
        return refused
    data = campaign_report(campaign)
    territory = territory_of(request)
    # as the reports: the cities whose every cell is « sans objet » follow, with no rank
    cities = ranked_cities(data, territory, unranked=True)
    # a filtered table's own ranks, beside the national ones: those of the commune page's tiles
    local = None if territory.empty else selection_ranks(cities)
    if request.GET.get("format") == "csv":
        return ranking_csv(
            f"{campaign.name}-classement.csv",
            cities,
            ranking_digits(data),
            demonstration=campaign.is_demo,
            local=local,
        )
    page = page_of(request, cities)
    context = {
        "campaign": campaign,
        "page": page,
        # their « — » at level 4 is no 0 %: none of their services can reach it (a note says so)
        "capped": {c.code for c in page.object_list if capped_below_4(c)},
        "count": sum(c.rank is not None for c in cities),
        "local": local or {},
        "unranked": sum(c.rank is None for c in cities),
        # the legend line of their « — » under the table, when the page shows one
        "unranked_note": unranked_note() if any(c.rank is None for c in page.object_list) else "",
        "digits": ranking_digits(data),
    }
    context.update(territory_filters(territory))
    return render(request, "web/ranking.html", context)


@require_safe
def heatmap(request: HttpRequest, name: str) -> HttpResponse:
    campaign = campaign_or_404(name)
    if refused := territory_refused(request):
        return refused
    data = campaign_report(campaign)
    territory = territory_of(request)
    page = page_of(request, ranked_cities(data, territory, unranked=True))
    codes = [c.code for c in page.object_list]
    blind = blind_cells(request, campaign=campaign, commune_id__in=codes)
    values: dict[tuple[str, str], Any] = {}
    for pk, code, slug, level, na in Cell.objects.filter(
        campaign=campaign, commune_id__in=codes
    ).values_list("pk", "commune_id", "service__slug", "level", "not_applicable"):
        # a level its reader codes blind is masked for them (web.blind)
        values[(code, slug)] = "masked" if pk in blind else "na" if na else level
    services = list(campaign.catalogue.services.order_by("position").values_list("slug", "label"))
    rows = [(c, [values.get((c.code, s)) for s, _ in services]) for c in page.object_list]
    context = {
        "campaign": campaign,
        "page": page,
        "services": services,
        "rows": rows,
        "downloads": links.opendata_files(campaign.name),
        "blind": len(blind),
    }
    context.update(territory_filters(territory))
    response = render(request, "web/heatmap.html", context)
    return not_stored(response) if blind else response


LEVEL_CHOICES = frozenset("012345")  # the service page's level filter


@require_safe
def service(request: HttpRequest, name: str, slug: str) -> HttpResponse:
    campaign = campaign_or_404(name)
    found = campaign.catalogue.services.filter(slug=slug).first()
    if found is None:
        raise Http404("Service inconnu")
    data = campaign_report(campaign)
    cells = (
        Cell.objects.filter(campaign=campaign, service=found)
        .select_related("commune", "assessment")
        .order_by("-level", "-commune__population")
    )
    level = request.GET.get("niveau", "")
    if level and level not in LEVEL_CHOICES:  # « 9 » listed nobody under a form reading « Tous »
        return filter_refused(request, _("le niveau"), level)
    if level:
        cells = cells.filter(level=int(level))
    # the communes where its reader codes the service blind are left out: the list's order
    # and its level filter would tell the level as well as the cell's badge (web.blind)
    blind = blind_cells(request, campaign=campaign, service=found)
    if blind:
        cells = cells.exclude(pk__in=list(blind))
    context = {
        "campaign": campaign,
        "service": found,
        "score": data.scores.by_service.get(slug),
        "page": page_of(request, cells),
        "level": level,
        "domain_label": data.domain_label(found.domain),
        "blind": len(blind),
        "measured": _service_coverage(data, slug),
    }
    response = render(request, "web/service.html", context)
    return not_stored(response) if blind else response


def _service_coverage(data: ReportData, slug: str) -> str:
    """In how many of the campaign's communes the service is measured: the list below shows
    those only, and a commune where nobody recorded it counts in no figure (never as 0)."""
    score = data.scores.by_service.get(slug)
    measured, communes = (score.communes if score else 0), data.scores.coverage.communes
    sentence = _("Mesuré dans %(measured)s sur %(communes)s de la campagne (sans objet compris).")
    sentence %= {
        "measured": counted(measured, "commune", "communes"),
        "communes": number(communes, 0),
    }
    if measured < communes:
        sentence += " " + _(
            "Là où il n'est pas mesuré, il n'est pas dans la liste et ne compte dans aucun "
            "chiffre (jamais comme 0)."
        )
    return sentence


@require_safe
def domain(request: HttpRequest, name: str, domain: str) -> HttpResponse:
    campaign = campaign_or_404(name)
    data = campaign_report(campaign)
    if domain not in data.scores.by_domain:
        raise Http404("Domaine inconnu")
    # with the service's maximum below 4, where it can never be transactional
    services = [
        (slug, data.service_label(slug), data.scores.by_service[slug], top)
        for slug, d, top in zip(
            data.grid.service_ids, data.grid.domains, data.grid.max_levels.tolist(), strict=True
        )
        if d == domain
    ]
    paired = data.comparison is not None and data.comparison.overall.cells > 0
    change = data.comparison.by_domain.get(domain) if paired and data.comparison else None
    context = {
        "campaign": campaign,
        "domain": domain,
        "label": data.domain_label(domain),
        "score": data.scores.by_domain[domain],
        # as the service pages and the ranking give it; no share is no « 0 % »: said why
        "level_4": _level_4(data.scores.by_domain[domain].share_transactional),
        # what the mean is over: the measured cells less the not applicable ones
        "applicable": data.scores.by_domain[domain].cells
        - data.scores.by_domain[domain].not_applicable_cells,
        "counts": data.scores.level_counts_by_domain.get(domain, ()),
        "services": services,
        # a service with no measured applicable cell: « — » in its row, said under the table
        "unmeasured": any(g.mean_level is None for _slug, _name, g, _top in services),
        "change": change,
        # `p = 0,438`, `p < 0,001` as the reports print it (never `p = 0,000`)
        "p_equals": _p_equals(change),
        # the side the test leans to, with its communes, as the reports' change tables say it
        "test_direction": wilcoxon_direction(change) if _p_equals(change) else "",
        # the change may mix two ways of measuring, as the overview says
        "detectors_compared_note": detectors_compared_note(data) if change else "",
        "data": data,
    }
    return render(request, "web/domain.html", context)


def _p_equals(change: DomainChange | None) -> str:
    if change is None or change.test.p_value is None:
        return ""
    return p_equals(change.test.p_value)


def _level_4(share: float | None) -> str:
    """A group's share at level 4 or above, or why it has none."""
    if share is None:
        return _("aucune cellule applicable d'un service qui peut atteindre le niveau 4")
    return percent(share)


@require_safe
def methodology(request: HttpRequest, name: str) -> HttpResponse:
    campaign = campaign_or_404(name)
    services = campaign.catalogue.services.order_by("position")
    context = {
        "campaign": campaign,
        # a file of codes is named by a path of the coordinator's machine: its codes instead
        "selection": selection_public(
            campaign.spec, lambda: campaign.communes.values_list("code", flat=True)
        ),
        "coverage": campaign_coverage(campaign),
        "services": services,
        "validity": measured_validity(),
        "detector_note": cached_for_data(
            f"detectors:{campaign.pk}",
            lambda: detector_note(campaign.name, campaign_detectors(campaign)),
        ),
        "validity_domains": [
            (campaign.catalogue.domains.get(domain, domain), figure)
            for domain, figure in measured_validity().by_domain
        ],
        "agreement": cached_for_codings(
            f"agreement:{campaign.pk}", lambda: campaign_agreement(campaign)
        ),
        "moot": cached_for_codings(f"moot:{campaign.pk}", lambda: moot_pairs(campaign)),
        "blind": cached_for_codings(f"blind:{campaign.pk}", lambda: campaign_blind_check(campaign)),
        # the words of the home and commune pages: « 31 niveaux importés, 3 « sans objet »
        # importés », never a count of cells that mixes levels and « sans objet »
        "origins": origins_sentence(origins)
        if (origins := campaign_report(campaign).origins)
        else "",
    }
    return render(request, "web/methodology.html", context)
