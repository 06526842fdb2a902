"""Security headers on every response of the application's origin.

The default Content-Security-Policy allows only this origin's scripts and styles. Pages with
Vega charts set `request.csp_allow_eval` (Vega compiles its expressions with `Function`).
Archived pages are served by their own view with a stricter policy (`sandbox`), kept as is.

A request whose address or query string holds a NUL character is refused (400) before any view
runs: PostgreSQL cannot compare text with NUL, so a lookup such as `/commune/%00/` raised an
error there (a 500) while SQLite answered. Posted forms are left to their views, whose forms
refuse NUL field by field and show the form again.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from barometre.web.views.errors import bad_request, method_not_allowed

DEFAULT_POLICY = (
    "default-src 'self'; script-src 'self'{eval}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; frame-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def _holds_nul(request: HttpRequest) -> bool:
    if request.path.startswith("/api/"):
        return False  # the API checks its own parameters and names the bad one (api.params)
    return "\x00" in request.path or any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


def refuse_nul(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., object]:
    def middleware(request: HttpRequest) -> HttpResponse:
        if _holds_nul(request):
            return bad_request(request)
        response = get_response(request)
        if response.status_code == 405 and not response.content:  # Django's empty 405
            return method_not_allowed(request, response.get("Allow", ""))
        return response

    return middleware


def security_headers(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., object]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if "Content-Security-Policy" not in response:
            allow_eval = getattr(request, "csp_allow_eval", False)
            response["Content-Security-Policy"] = DEFAULT_POLICY.format(
                eval=" 'unsafe-eval'" if allow_eval else ""
            )
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware
