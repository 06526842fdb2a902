"""Security headers on every response of the application's origin.

The default Content-Security-Policy allows only this origin's scripts and styles. Pages with
Vega charts set `request.csp_allow_eval` (Vega compiles its expressions with `Function`).
Archived pages are served by their own view with a stricter policy (`sandbox`), kept as is.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = (
    "default-src 'self'; script-src 'self'{eval}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; frame-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


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
