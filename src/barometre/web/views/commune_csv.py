"""A commune's levels in one campaign, with their evidence, as CSV: what its page shows, for a
spreadsheet (the campaign's open data hold every commune)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from barometre.assessments.models import Cell, Source
from barometre.assessments.selectors import Proposal, reviewed_proposals
from barometre.outputs.authors import Pseudonyms, campaign_pseudonyms
from barometre.outputs.data import ReportData
from barometre.outputs.data_labels import data_label
from barometre.outputs.labels import level_names
from barometre.outputs.opendata.formats import utc_text
from barometre.referential.models import Campaign, Commune
from barometre.web.blind import blind_cells, not_stored
from barometre.web.explanations import review_note
from barometre.web.selectors import campaign_report
from barometre.web.templatetags.web_tags import fr_number
from barometre.web.views.common import campaign_or_404, csv_response


@require_safe
def commune_csv(request: HttpRequest, code: str, name: str) -> HttpResponse:
    found = get_object_or_404(Commune, code=code)
    campaign = campaign_or_404(name)
    cells = (
        Cell.objects.filter(campaign=campaign, commune=found)
        .select_related("service", "assessment")
        .order_by("service__position", "service__pk")
    )
    if not cells.exists():
        raise Http404("Commune hors de la campagne")
    # as the service page: a cell its reader codes blind is left out (web.blind)
    blind = blind_cells(request, campaign=campaign, commune=found)
    if blind:
        cells = cells.exclude(pk__in=list(blind))
    data, names = campaign_report(campaign), level_names()
    pseudonyms = campaign_pseudonyms(campaign.pk)  # never an auditor's user name
    # what each reviewed cell's auditor saw, as the open data's proposed_* columns
    proposals = reviewed_proposals(campaign, communes=[found.code])
    # each row says whose figure it is, so that rows copied out of the file (or several
    # communes' files put together) keep it; a demonstration's say they are made up
    rows = [
        [
            *_row(request, campaign, found, cell, data, names),
            *_decision(cell, pseudonyms),
            *_review(cell, proposals.get((found.code, cell.service_id))),
        ]
        for cell in cells
    ]
    response = csv_response(
        f"{campaign.name}-{found.code}.csv", _headers(), rows, demonstration=campaign.is_demo
    )
    return not_stored(response) if blind else response


def _row(
    request: HttpRequest,
    campaign: Campaign,
    found: Commune,
    cell: Cell,
    data: ReportData,
    names: dict[int, str],
) -> list[object]:
    """One cell's row: whose figure it is, the service, the level and its evidence."""
    return [
        campaign.name,
        found.code,
        found.name,
        cell.service.slug,
        data_label(cell.service.label),
        data_label(data.domain_label(cell.service.domain)),
        "" if cell.not_applicable else cell.level,
        _("sans objet") if cell.not_applicable else names.get(cell.level, "")[4:],
        cell.service.max_level,
        cell.get_source_display(),
        cell.assessment.evidence_url if cell.assessment else "",
        _archived(request, cell),
    ]


def _headers() -> list[str]:
    return [
        _("campagne"),
        _("code commune"),
        _("commune"),
        _("identifiant du service"),
        _("service"),
        _("domaine"),
        _("niveau"),
        _("nom du niveau"),
        _("niveau maximal du service"),
        _("origine"),
        _("preuve"),
        _("page archivée"),
        _("décidé par"),
        _("décidé le (UTC)"),
        _("justification"),
        _("niveau proposé"),
        _("proposition sans objet"),
        _("confiance de la proposition"),
    ]


def _decision(cell: Cell, pseudonyms: Pseudonyms) -> list[str]:
    """Who decided the level that counts and when, as the commune PDF and the open data say
    (an auditor's pseudonym, never a user name; the time in UTC, as the open data write it)."""
    if cell.assessment is None:
        return ["", ""]
    author = pseudonyms.name(cell.source, cell.assessment.author)
    return [author, utc_text(cell.assessment.created_at)]


def _review(cell: Cell, proposal: Proposal | None) -> list[object]:
    """A reviewed cell's justification and the automatic proposal its auditor saw (the commune
    page shows both), with the open data's rule: empty for the other origins, and the
    proposal's three columns empty for a reviewed cell no proposal preceded."""
    if cell.source != Source.HUMAN or cell.assessment is None:
        return ["", "", "", ""]
    if proposal is None:
        return [review_note(cell.assessment.note), "", "", ""]
    level, not_applicable, confidence = proposal
    return [
        review_note(cell.assessment.note),
        "" if level is None or not_applicable else level,
        _("oui") if not_applicable else _("non"),
        "" if confidence is None else fr_number(confidence),
    ]


def _archived(request: HttpRequest, cell: Cell) -> str:
    """The address of the evidence's archived copy on this site, if one was kept."""
    record = cell.assessment.evidence_record_id if cell.assessment else None
    return request.build_absolute_uri(reverse("web:evidence", args=[record])) if record else ""
