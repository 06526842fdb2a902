"""The API's answer to an address that names no endpoint: a JSON 404 in French that says
where to go. An endpoint's address has no trailing slash (`/api/v1/communes/2A004`, not
`/api/v1/communes/2A004/`): with one, the answer names the address without it, query kept."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from barometre.api.caching import cache_control
from barometre.api.core import error_response

SHOWN = 120  # characters of the address repeated in the message


def is_api_address(path: str) -> bool:
    """Whether an address is the API's, whose errors are JSON: under /api/, and /api itself (a
    reader who types the API's root without its slash got the site's HTML 404 page)."""
    return path == "/api" or path.startswith("/api/")


def api_not_found(request: HttpRequest) -> HttpResponse:
    """404 for an unknown address under /api/, never kept by a cache (api.caching.ERROR)."""
    shown = _shown(request.path)
    canonical = request.path.rstrip("/")
    if canonical != request.path and _is_endpoint(request.path_info.rstrip("/")):
        query = request.META.get("QUERY_STRING", "")
        right = _shown(canonical + (f"?{query}" if query else ""))
        message = (
            f"Adresse inconnue : « {shown} ». Une adresse de l'API s'écrit sans barre "
            f"oblique finale : {right}"
        )
    else:
        message = (
            f"Adresse inconnue de l'API : « {shown} ». Ses adresses sont listées à "
            "/api/v1/ et décrites à /api/openapi.json."
        )
    return cache_control(error_response(404, message))


def _is_endpoint(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return (match.url_name or "").startswith("api-")


def _shown(text: str) -> str:
    text = text.replace("\x00", "")
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
