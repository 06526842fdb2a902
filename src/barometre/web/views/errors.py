"""Error pages in French: the site's own pages (DSFR), JSON under /api/.

Django's defaults are English pages ("Not Found", "Bad Request (400)", "403 Forbidden"); an
API client gets the API's JSON error instead (`{"error": {"status", "message"}}`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from barometre.api.addresses import api_not_found, is_api_address
from barometre.api.caching import cache_control
from barometre.api.core import error_response
from barometre.web.drafts import draft_keep_refused

_MESSAGES = {
    400: (
        gettext_lazy("Requête invalide"),
        gettext_lazy(
            "La requête n'a pas pu être comprise (trop de paramètres ou des paramètres mal formés)."
        ),
    ),
    403: (
        gettext_lazy("Accès refusé"),
        gettext_lazy("Vous n'avez pas le droit d'ouvrir cette page."),
    ),
    405: (
        gettext_lazy("Méthode non permise"),
        gettext_lazy("Cette adresse ne s'ouvre pas ainsi : suivez un lien ou un bouton du site."),
    ),
    404: (
        gettext_lazy("Page introuvable"),
        gettext_lazy(
            "Cette adresse ne correspond à aucune page : la commune, la campagne ou la preuve "
            "demandée n'existe pas, ou l'adresse est mal recopiée."
        ),
    ),
}


def _page(request: HttpRequest, status: int, text: str | None = None) -> HttpResponse:
    title, text = str(_MESSAGES[status][0]), text or str(_MESSAGES[status][1])
    if is_api_address(request.path):  # kept by no cache, as the API's own errors
        return cache_control(error_response(status, text))
    body = loader.render_to_string(
        "web/error.html", {"status": status, "title": title, "text": text}, request
    )
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400)


def unreadable_charset(request: HttpRequest, charset: str) -> HttpResponse:
    """400 for a request whose Content-Type names an encoding the site does not read."""
    shown = charset[:40]
    return _page(
        request,
        400,
        _(
            "L'encodage « %(charset)s » annoncé par la requête n'est pas accepté : envoyez-la en "
            "UTF-8."
        )
        % {"charset": shown},
    )


def method_not_allowed(request: HttpRequest, allowed: str) -> HttpResponse:
    """Django's 405 is an empty page: the same answer in French, its Allow header kept."""
    response = _page(request, 405)
    response["Allow"] = allowed
    return response


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_address(request.path):  # the API's own 404, that names the right address
        return api_not_found(request)
    return _page(request, 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    kept = draft_keep_refused(request)  # a review form sent from this site: input kept
    if kept is not None:
        return kept
    body = loader.render_to_string(
        "web/error.html",
        {
            "status": 403,
            "title": _("Formulaire expiré"),
            "text": _(
                "Le formulaire n'a pas pu être vérifié (session expirée ou cookies bloqués). "
                "Revenez à la page précédente, rechargez-la, puis envoyez-le de nouveau."
            ),
        },
        request,
    )
    return HttpResponse(body, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's page rendered without the request nor the database (whatever failed, the
    database first, may fail again): 500.html has no account menu and no language form."""
    if is_api_address(request.path):
        message = _("Erreur interne du serveur ; réessayez plus tard.")
        return cache_control(error_response(500, message))
    return HttpResponse(loader.render_to_string("500.html"), status=500)
