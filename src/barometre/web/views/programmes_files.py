"""An election's programme report as a file (CSV, JSON or HTML): the one that
`barometre programmes report` writes, with the figures of the election's page
(`programmes.report_files`, which `opendata publish` builds ahead); and its open data package
(donnees.zip and each of its files), the one that `barometre opendata export --election`
writes."""

from __future__ import annotations

from datetime import datetime

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render as render_page
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from barometre.api.downloads import conditional, open_data_route
from barometre.outputs.opendata import programme_package
from barometre.outputs.opendata.package import MEDIA_TYPES, PACKAGE, ZIP
from barometre.outputs.opendata.programme_package import programmes_names, programmes_validators
from barometre.programmes.report_files import report_file_text
from barometre.programmes.selectors import elections
from barometre.web.views.programmes_common import (
    compared_election,
    election_page,
    no_programme,
)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


@require_safe
def programmes_file(request: HttpRequest, election: int, fmt: str) -> HttpResponse:
    """The report of an election's real programmes."""
    return _report_file(request, election, fmt, demo=False)


@require_safe
def programmes_file_demo(request: HttpRequest, election: int, fmt: str) -> HttpResponse:
    """The report of an election's demonstration programmes (`--demo`)."""
    return _report_file(request, election, fmt, demo=True)


def _validators(election: int, name: str, *, demo: bool) -> tuple[str, datetime] | None:
    """The validators of a file of the election's package, None when it has no such
    programmes (the view answers the site's 404 page) or no such file (a plain-text 404)."""
    if election not in elections(demo=demo) or name not in programmes_names():
        return None
    return programmes_validators(election=election, demo=demo, name=name, now=timezone.now())


@open_data_route
@conditional(lambda request, election: _validators(election, ZIP, demo=False))
def programmes_opendata(request: HttpRequest, election: int) -> HttpResponse:
    """The open data package of an election's real programmes."""
    return _opendata(request, election, ZIP, demo=False)


@open_data_route
@conditional(lambda request, election: _validators(election, ZIP, demo=True))
def programmes_opendata_demo(request: HttpRequest, election: int) -> HttpResponse:
    """The open data package of an election's demonstration programmes."""
    return _opendata(request, election, ZIP, demo=True)


@open_data_route
@conditional(lambda request, election, name: _validators(election, name, demo=False))
def programmes_opendata_file(request: HttpRequest, election: int, name: str) -> HttpResponse:
    """One file of an election's real programmes' package (a table, datapackage.json)."""
    return _opendata(request, election, name, demo=False)


@open_data_route
@conditional(lambda request, election, name: _validators(election, name, demo=True))
def programmes_opendata_file_demo(request: HttpRequest, election: int, name: str) -> HttpResponse:
    """One file of an election's demonstration programmes' package."""
    return _opendata(request, election, name, demo=True)


def _opendata(request: HttpRequest, election: int, name: str, *, demo: bool) -> HttpResponse:
    """A file of the package, built once per state of the election's programmes
    (`programmes_file`, keyed by `programmes_state` as the report files are), served as a
    campaign's files of /donnees/ (`api.downloads`): CORS, ETag and Last-Modified, 304 while
    they still hold; an unknown file is a plain-text 404 naming the files, as there."""
    if election not in elections(demo=demo):
        return no_programme(request, election, demo=demo)
    if name not in programmes_names():
        raise Http404(
            f"Fichier inconnu\u00a0: «\u00a0{name[:80]}\u00a0». Les fichiers des programmes "
            f"d'une élection sont\u00a0: {', '.join(programmes_names())}."
        )
    now = timezone.now()
    path = programme_package.programmes_file(election=election, demo=demo, name=name, now=now)
    stem, extension = name.rsplit(".", 1)
    response = FileResponse(path.open("rb"), content_type=MEDIA_TYPES[extension])
    if name != PACKAGE:
        # a demonstration file says so in its name too, as the campaign's (docs/opendata.md)
        shown = "donnees" if name == ZIP else stem
        filename = f"barometre-programmes-{election}-{shown}{'-demonstration' if demo else ''}"
        response["Content-Disposition"] = content_disposition_header(
            True, f"{filename}.{extension}"
        )
    return response


def _report_file(request: HttpRequest, election: int, fmt: str, *, demo: bool) -> HttpResponse:
    if election not in elections(demo=demo):
        return no_programme(request, election, demo=demo)
    if fmt not in CONTENT_TYPES:
        return _unknown_format(request, election, fmt, demo=demo)
    other = compared_election(request, election, demo=demo, default=False)
    if isinstance(other, HttpResponse):
        return other
    text = report_file_text(election, fmt, other, demo=demo)
    response = HttpResponse(text, content_type=CONTENT_TYPES[fmt])
    compared = f"-{other}" if other else ""
    name = f"programmes-{election}{compared}{'-demonstration' if demo else ''}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _unknown_format(request: HttpRequest, election: int, fmt: str, *, demo: bool) -> HttpResponse:
    context = {
        "status": 404,
        "title": _("Format de fichier inconnu"),
        "text": _(
            "Le rapport des programmes existe en CSV (rapport.csv), en JSON (rapport.json) "
            "et en HTML (rapport.html), pas en « %(fmt)s »."
        )
        % {"fmt": fmt[:40]},
        "link": {
            "url": election_page(election, demo=demo),
            "label": _("Programmes de l'élection de %(year)s") % {"year": election},
        },
    }
    return render_page(request, "web/error.html", context, status=404)
