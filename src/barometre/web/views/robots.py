"""/robots.txt and /favicon.ico: the two addresses every crawler and browser asks for, which
were 404s (each one a WARNING line in the log)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

DAY = 24 * 3600
# The icon the pages link to (django-dsfr's `dsfr_favicon`), for whoever asks for it without
# reading a page.
FAVICON = "dsfr/dist/favicon/favicon.ico"


def _prefix(name: str, **kwargs: str) -> str:
    """The address of a route cut before its variable part: `/enquete/j/` for `/enquete/j/X/`."""
    address = reverse(name, kwargs=kwargs)
    for value in kwargs.values():
        address = address.removesuffix(f"{value}/")
    return address


def disallowed() -> list[str]:
    """What crawlers are kept out of: the auditors' space, the admin, login and logout, the
    language switch (a form's target), and the survey's answering pages (a respondent's own
    link, a coordinator's key). The public pages, the API (read only) and the open data are
    left open."""
    return [
        reverse("web:review-queue"),
        reverse("admin:index"),
        reverse("web:login"),
        reverse("web:logout"),
        reverse("set_language"),
        _prefix("survey:token", token="x"),
        _prefix("survey:shared", key="x"),
        reverse("survey:who"),
        reverse("survey:thanks"),
        _prefix("survey:coordination", key="x"),
    ]


@require_safe
@cache_control(public=True, max_age=DAY)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed()), ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=DAY)
def favicon(request: HttpRequest) -> HttpResponse:
    """The DSFR icon, by a temporary redirect: its collected name carries a hash that changes
    with django-dsfr, which a permanent one would have browsers keep."""
    return HttpResponseRedirect(static(FAVICON))
