"""An election's programme report as a file (CSV, JSON or HTML): the one that
`barometre programmes report` writes, with the figures of the election's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render as render_page
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from barometre.programmes.analysis.themes import shipped_themes
from barometre.programmes.reports import programmes_report
from barometre.programmes.reports.renderers import render
from barometre.programmes.selectors import elections
from barometre.web.views.programmes import _no_programme

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


def _report_file(request: HttpRequest, election: int, fmt: str, *, demo: bool) -> HttpResponse:
    if election not in elections(demo=demo):
        return _no_programme(request, election, demo=demo)
    if fmt not in CONTENT_TYPES:
        return _unknown_format(request, election, fmt, demo=demo)
    # the shipped themes read without spaCy, as the page (loading it takes seconds, and a web
    # server may have none): the same ids, labels and aspects as the compiled themes
    themes = shipped_themes()
    report = programmes_report(election=election, now=timezone.now(), demo=demo, themes=themes)
    response = HttpResponse(render(report, fmt), content_type=CONTENT_TYPES[fmt])
    name = f"programmes-{election}{'-demonstration' if demo else ''}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _unknown_format(request: HttpRequest, election: int, fmt: str, *, demo: bool) -> HttpResponse:
    page = "web:programmes-election-demo" if demo else "web:programmes-election"
    context = {
        "status": 404,
        "title": _("Format de fichier inconnu"),
        "text": _(
            "Le rapport des programmes existe en CSV (rapport.csv), en JSON (rapport.json) "
            "et en HTML (rapport.html), pas en « %(fmt)s »."
        )
        % {"fmt": fmt[:40]},
        "link": {
            "url": reverse(page, args=[election]),
            "label": _("Programmes de l'élection de %(year)s") % {"year": election},
        },
    }
    return render_page(request, "web/error.html", context, status=404)
