"""Downloads of a campaign's open data (/donnees/), of a closed survey campaign's results
(/donnees/enquete/) and PDF reports (/pdf/)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.handlers.exception import response_for_exception
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition, require_safe

from barometre.api.caching import cache_control
from barometre.api.downloads import conditional, open_data_route
from barometre.outputs.opendata.package import (
    MEDIA_TYPES,
    PACKAGE,
    csv_stream,
    opendata_file,
    opendata_names,
    opendata_validators,
    streamed,
)
from barometre.outputs.pdf.reports import UnknownCommune, campaign_pdf, commune_pdf, pdf_etag
from barometre.outputs.published import UnknownCampaign, campaign_by_name
from barometre.referential.models import Campaign
from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.results_package import (
    published_survey,
    results_file,
    results_names,
    results_validators,
)


def _campaign(name: str) -> Campaign:
    try:
        return campaign_by_name(name)
    except UnknownCampaign as error:
        raise Http404(str(error)) from error


def _file(campaign: str, name: str) -> Campaign:
    """The campaign of a file of the package; an unknown file or campaign is a 404."""
    if name not in opendata_names():
        raise Http404(f"Fichier inconnu : « {name} ».")
    return _campaign(campaign)


@open_data_route
@conditional(
    lambda request, campaign, name: opendata_validators(
        campaign=_file(campaign, name), name=name, now=timezone.now()
    )
)
def download(request: HttpRequest, campaign: str, name: str) -> HttpResponse:
    """One file of the open data package; CSV tables are streamed from the database. A request
    whose If-None-Match or If-Modified-Since still holds gets 304 before any of it is read."""
    found = _file(campaign, name)
    stem, extension = name.rsplit(".", 1)
    # a demonstration file says so in its name too, wherever it is saved (docs/opendata.md)
    suffix = "-demonstration" if found.is_demo else ""
    filename = f"barometre-{found.name}-{stem}{suffix}.{extension}"
    now = timezone.now()
    if streamed(name):
        response: HttpResponse = StreamingHttpResponse(
            csv_stream(found, stem, now=now), content_type=MEDIA_TYPES["csv"]
        )
    else:
        path = opendata_file(campaign=found, name=name, now=now)
        response = FileResponse(path.open("rb"), content_type=MEDIA_TYPES[extension])
    if name != PACKAGE:
        response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@open_data_route
def unknown_address(request: HttpRequest, rest: str) -> HttpResponse:
    """An address under /donnees/ that names no file (`/donnees/<campaign>/`, a sub-folder):
    a 404 in plain text with the headers of the downloads, as an unknown file gets, that says
    where the files are, a campaign's and a survey campaign's."""
    shown = rest[:80].replace("\x00", "")
    raise Http404(
        f"Adresse inconnue : « /donnees/{shown} ». Les fichiers d'une campagne sont à "
        f"/donnees/<campagne>/<fichier>, <fichier> étant l'un de : {', '.join(opendata_names())}."
        " Ceux des résultats d'une enquête close sont à /donnees/enquete/<campagne>/<fichier>, "
        f"<fichier> étant l'un de\u00a0: {', '.join(results_names())}."
    )


def _survey(campaign: str, name: str) -> SurveyCampaign:
    """The closed survey campaign of a file of its package; an unknown file, or a campaign
    unknown, in preparation or still open (no published figure yet), is a 404."""
    if name not in results_names():
        raise Http404(
            f"Fichier inconnu\u00a0: «\u00a0{name[:80]}\u00a0». Les fichiers des résultats "
            f"d'une enquête sont\u00a0: {', '.join(results_names())}."
        )
    found = published_survey(campaign)
    if found is None:
        raise Http404(
            f"Aucune campagne d'enquête close ne s'appelle «\u00a0{campaign[:80]}\u00a0»."
        )
    return found


@open_data_route
@conditional(
    lambda request, campaign, name: results_validators(
        campaign=_survey(campaign, name),
        name=name,
        today=timezone.localdate(),
        now=timezone.now(),
    )
)
def survey_download(request: HttpRequest, campaign: str, name: str) -> HttpResponse:
    """One file of a closed survey campaign's results package, built once per state of what
    its report shows, served as a campaign's files (CORS, ETag, 304, plain-text 404)."""
    found = _survey(campaign, name)
    today, now = timezone.localdate(), timezone.now()
    path = results_file(campaign=found, name=name, today=today, now=now)
    stem, extension = name.rsplit(".", 1)
    response = FileResponse(path.open("rb"), content_type=MEDIA_TYPES[extension])
    if name != PACKAGE:
        suffix = "-demonstration" if found.is_demo else ""
        filename = f"barometre-enquete-{found.name}-{stem}{suffix}.{extension}"
        response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Language"] = "fr"  # the PDF is French whatever the reader's language
    return response


def _pdf_tag(request: HttpRequest, campaign: str, code: str | None = None) -> str:
    """The PDF's ETag, before it is laid out (`condition`); an unknown campaign or commune is a
    404, never a 304."""
    found = _campaign(campaign)
    try:
        return pdf_etag(campaign=found, code=code)
    except UnknownCommune as error:
        raise Http404(str(error)) from error


def _pdf_route(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A PDF answers conditional requests as the open data files do (docs/api.md): a weak ETag
    on the state it is built from, 304 on a matching If-None-Match before anything is laid out,
    `Cache-Control: public, no-cache`; an error (the site's 404 page, a 405) `no-store`.

    CSRF-exempt: read-only, and a POST must get 405, not the CSRF check's 403 page."""
    conditional = require_safe(condition(etag_func=_pdf_tag)(view))

    @csrf_exempt
    @functools.wraps(view)
    def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = conditional(request, *args, **kwargs)
        except Http404 as error:  # the site's 404 page, as Django would answer
            response = response_for_exception(request, error)
        return cache_control(response)

    return run


@_pdf_route
def campaign_pdf_view(request: HttpRequest, campaign: str) -> HttpResponse:
    found = _campaign(campaign)
    return _pdf(campaign_pdf(campaign=found, now=timezone.now()), f"barometre-{found.name}.pdf")


@_pdf_route
def commune_pdf_view(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    found = _campaign(campaign)
    try:
        content = commune_pdf(campaign=found, code=code, now=timezone.now())
    except UnknownCommune as error:
        raise Http404(str(error)) from error
    return _pdf(content, f"barometre-{found.name}-{code}.pdf")
