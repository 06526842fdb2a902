"""The commune page (every service with its evidence) and the safe archived-page viewer."""

from __future__ import annotations

import mimetypes
import re
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from barometre.accounts.roles import administers
from barometre.assessments.selectors import Origins
from barometre.collection.models import EvidenceRecord
from barometre.outputs.coverage import city_coverage_note, city_services, origins_sentence
from barometre.outputs.data import ReportData, commune_positions
from barometre.outputs.validity import automatic_share_note
from barometre.programmes.selectors import commune_programmes
from barometre.referential.models import Campaign, Commune
from barometre.survey.reports.data import survey_commune_latest
from barometre.survey.reports.html_report import commune_radar_context
from barometre.web import links
from barometre.web.blind import BlindCell, blind_cells, blind_on_record, not_stored
from barometre.web.evidence import (
    archive_charset,
    archive_linked,
    archived_response,
    commune_cells,
    evidence_uses,
    is_css,
    is_html,
    record_quotes,
)
from barometre.web.selectors import campaign_report, commune_history
from barometre.web.views.common import allow_charts
from barometre.web.views.commune_promises import promises_and_measures, with_sentences
from barometre.web.views.public import ranking_digits

# The archived body is shown in a frame with no script, no plugin, no form, and an opaque
# origin (no cookie of this site): the sandbox directive without any allow- token. Its only
# requests go to this site's archived stylesheets (`evidence_style`, under /preuve/), never to
# the observatory's own styles (an archived `@import "/static/…"` would load them into the
# frame); the addresses inside them (`url()`: images, fonts) stay blocked.
ARCHIVE_POLICY = (
    "sandbox; default-src 'none'; img-src data:; style-src {styles} 'unsafe-inline'; "
    "font-src 'none'; script-src 'none'; object-src 'none'; form-action 'none'; "
    "base-uri 'none'; frame-ancestors 'self'"
)


def archive_policy(request: HttpRequest) -> str:
    """The frame's policy for this request: styles from this site's /preuve/ path only (a
    source with a path needs the host, which is the one the request was validated against)."""
    return ARCHIVE_POLICY.format(styles=f"{request.scheme}://{request.get_host()}/preuve/")


def _campaign_for(commune: Commune, name: str | None) -> Campaign | None:
    campaigns = Campaign.objects.select_related("catalogue").filter(cells__commune=commune)
    if name:
        return campaigns.filter(name=name).first()
    return campaigns.distinct().order_by("-measured_on", "-created_at", "-pk").first()


@require_safe
def commune(request: HttpRequest, code: str) -> HttpResponse:
    found = get_object_or_404(
        Commune.objects.select_related("department", "region", "epci"), code=code
    )
    requested = request.GET.get("campagne", "")[:100]
    if requested and not Campaign.objects.filter(name=requested).exists():
        return _unknown_campaign(request, found, requested)
    campaign = _campaign_for(found, requested)
    programmes = list(commune_programmes(commune=found.code))
    blind = blind_cells(request, commune=found)
    masked = _masked(blind)
    history = commune_history(found.code)
    context: dict[str, object] = {
        "commune": found,
        "campaign": campaign,
        "requested": _requested(found, requested) if requested and campaign is None else None,
        "campaigns": Campaign.objects.filter(cells__commune=found)
        .distinct()
        .order_by("-measured_on", "-created_at"),
        # new rows where masked: the cached ones are everybody's
        "history": [replace(h, mean_level=None) if h.campaign in masked else h for h in history],
        "history_masked": bool(masked),
        # a campaign whose measured cells of the commune are all « sans objet »: no mean
        "history_no_mean": any(h.mean_level is None and h.campaign not in masked for h in history),
        "programmes": [with_sentences(p) for p in programmes],
        "kept": promises_and_measures(programmes, masked=masked),
        "websites": found.websites.filter(active=True).order_by("-is_primary"),
        "maturity": _maturity(found, campaign),
    }
    if context["maturity"]:
        allow_charts(request)  # the radar is a Vega chart
    if campaign is not None:
        context.update(_campaign_part(found, campaign, blind))
    response = render(request, "web/commune.html", context)
    return not_stored(response) if blind else response


def _masked(blind: dict[int, BlindCell]) -> set[str]:
    """The campaigns of the cells the signed-in auditor still codes blind, in any campaign of
    the commune: the figures of those campaigns that count their levels are masked too
    (web.blind)."""
    if not blind:
        return set()
    pks = {b.campaign for b in blind.values()}
    return set(Campaign.objects.filter(pk__in=pks).values_list("name", flat=True))


def _campaign_part(
    found: Commune, campaign: Campaign, blind: dict[int, BlindCell]
) -> dict[str, object]:
    """The commune's cells in the campaign shown, its mean, its ranks and its PDF; a campaign
    where the signed-in auditor still codes one of its cells blind shows no mean nor rank
    (they count the masked levels: they would tell them)."""
    data = campaign_report(campaign)
    cells = commune_cells(campaign, found)
    origins = Origins.of_cells(v.cell for v in cells)
    score = next((c for c in data.scores.by_city if c.code == found.code), None)
    part: dict[str, object] = {
        "cells": cells,
        "origins": origins_sentence(origins),
        "automatic_note": automatic_share_note() if origins.automatic else "",
        "score": score,
        "mean_digits": ranking_digits(data),  # beside its rank: the ranking's decimals
        "coverage_note": city_coverage_note(score) if score else "",
        # every service « sans objet »: the note informs, it warns of nothing missing
        "nothing_applies": score is not None and not city_services(score)[1],
        "bracket_label": data.bracket_labels.get(found.bracket, found.bracket),
        **commune_positions(data, found),
        "peers": _peer_means(data, found) if score is not None else None,
        "pdf": links.commune_pdf(campaign.name, found.code),
        "csv": reverse("web:commune-csv", args=[found.code, campaign.name]),
    }
    if any(b.campaign == campaign.pk for b in blind.values()):
        part.update(
            score=None,
            coverage_note="",
            national_position=None,
            bracket_position=None,
            epci_position=None,
            peers=None,
            pdf="",
            csv="",
        )
        part["blind"] = {pk: b.assignment for pk, b in blind.items()}
    return part


def _peer_means(data: ReportData, found: Commune) -> dict[str, float | None]:
    """The means to read the commune's against, as the campaign page gives them: the
    campaign's and its size bracket's (over their cells, each weighing the same), the figures
    its PDF gives beside its own."""
    bracket = data.scores.by_bracket.get(found.bracket)
    return {
        "campaign": data.scores.overall.mean_level,
        "bracket": bracket.mean_level if bracket is not None else None,
    }


def _unknown_campaign(request: HttpRequest, commune: Commune, name: str) -> HttpResponse:
    """A 404 for a campaign name no campaign has, as for any unknown name in an address (a
    200 told search engines and link checkers the address was good), with the way back to
    the commune's page."""
    context = {
        "status": 404,
        "title": _("Campagne inconnue"),
        "text": _("Aucune campagne ne s'appelle « %(name)s ».") % {"name": name},
        "link": {
            "url": reverse("web:commune", kwargs={"code": commune.code}),
            "label": _("Voir la page de %(commune)s") % {"commune": commune.name},
        },
    }
    return render(request, "web/error.html", context, status=404)


def _requested(commune: Commune, name: str) -> dict[str, object]:
    """Why the campaign asked for (it exists: `_unknown_campaign`) shows nothing of the
    commune: the commune is not one of its communes, or none of its cells is measured there."""
    campaign = Campaign.objects.get(name=name)
    return {"name": name, "member": campaign.communes.filter(pk=commune.pk).exists()}


def _maturity(commune: Commune, campaign: Campaign | None) -> dict[str, object] | None:
    """The internal maturity radar of the commune's latest survey (None when there is none)."""
    report = survey_commune_latest(
        code=commune.code,
        today=timezone.localdate(),
        include_demo=campaign is None or campaign.is_demo,
    )
    return commune_radar_context(report) if report is not None else None


@require_safe
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The archived page's facts and, in a sandboxed frame, the page itself."""
    record = get_object_or_404(EvidenceRecord.objects.select_related("commune", "campaign"), pk=pk)
    # a blind coder of the commune codes from its pages as archived, as the detector read them,
    # without the levels of their cells nor the detector's words (the proposal)
    hidden = blind_on_record(request, record)
    blind = bool(hidden)
    archived = archived_response(record)
    html = archived is not None and is_html(archived.content_type)
    uses = [u for u in evidence_uses(record) if u.cell.pk not in hidden]
    response = render(
        request,
        "web/evidence.html",
        {
            "record": record,
            "archived": archived,
            "is_html": is_html(record.content_type),
            "links": archive_linked(record, archived).links if html else [],
            # the detector's words on the page, highlighted in the frame (`evidence_raw`)
            "quotes": record_quotes(record) if html and not blind else [],
            "uses": uses,
            "blind": blind,
            # its archive file missing here: what to do, and for an administrator the commands
            "missing": [record.pk] if archived is None else [],
            "administrator": archived is None and _administers(request),
        },
    )
    return not_stored(response) if blind else response


def _administers(request: HttpRequest) -> bool:
    """Whether the reader is a signed-in administrator of the site (`administers`)."""
    return isinstance(request.user, User) and administers(request.user)


def _extension(content_type: str, url: str) -> str:
    """The file name's extension of an archived document: from its media type, else from its
    address; always a dot and 1 to 8 letters or digits (".pdf"), or nothing."""
    media = content_type.split(";")[0].strip().lower()
    guessed = mimetypes.guess_extension(media) if media else None
    if guessed is None or media == "application/octet-stream":
        guessed = PurePosixPath(urlsplit(url).path).suffix.lower()
    return guessed if re.fullmatch(r"\.[a-z0-9]{1,8}", guessed or "") else ""


@require_safe
@xframe_options_sameorigin
def evidence_raw(request: HttpRequest, pk: int) -> HttpResponse:
    """The archived body under a sandbox policy: nothing in it runs or loads anything; a page's
    links lead to their archived copies or nowhere (web.archive_links)."""
    record = get_object_or_404(EvidenceRecord, pk=pk)
    blind = bool(blind_on_record(request, record))  # as its page (`evidence`): no quotes
    archived = archived_response(record)
    if archived is None:
        raise Http404("Archive introuvable")
    if is_html(archived.content_type):  # its links resolved to the archive, or made inert
        linked = archive_linked(record, archived, [] if blind else record_quotes(record))
        response = HttpResponse(linked.body, content_type=f"text/html; charset={linked.charset}")
    else:
        response = HttpResponse(archived.body, content_type="application/octet-stream")
        name = f"preuve-{record.pk}{_extension(archived.content_type, record.url)}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    _archive_headers(request, response)
    return not_stored(response) if blind else response


@require_safe
def evidence_style(request: HttpRequest, pk: int) -> HttpResponse:
    """An archived stylesheet, for the archived pages that use it (web.archive_links): served
    as archived, as text/css, under the same sandbox policy; any other record is not found."""
    record = get_object_or_404(EvidenceRecord, pk=pk)
    archived = archived_response(record)
    if archived is None or not (200 <= archived.status < 300) or not is_css(archived.content_type):
        raise Http404("Feuille de style archivée introuvable")
    charset = archive_charset(archived.content_type) if "charset=" in archived.content_type else ""
    response = HttpResponse(
        archived.body, content_type=f"text/css; charset={charset}" if charset else "text/css"
    )
    _archive_headers(request, response)
    return response


def _archive_headers(request: HttpRequest, response: HttpResponse) -> None:
    """Sandboxed, and kept out of search engines: an archived copy is a commune's page, not
    ours, and must not compete with the commune's own site in search results."""
    response["Content-Security-Policy"] = archive_policy(request)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, max-age=3600"
