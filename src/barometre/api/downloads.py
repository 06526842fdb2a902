"""What every open data download answers with, whoever serves it: the campaign files of
/donnees/ (`api.views_files`) and an election's programme package (`web.views.programmes_files`).

- `open_data_route`: CORS `*` (with its preflight), nosniff, the Cache-Control of
  `api.caching`, a plain-text 404 or 405 that a script of another site can read;
- `conditional`: an ETag and a Last-Modified computed once per request, before the file is
  built, read or streamed, so that a request whose If-None-Match or If-Modified-Since still
  holds gets 304 with no body (Django's `condition`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
)
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition

from barometre.api.caching import cache_control
from barometre.api.cors import ALLOWED_METHODS, cors, is_preflight, preflight

TEXT = "text/plain; charset=utf-8"
# what a script of another site may read of a download: its tag, and the file's name
EXPOSED = ("ETag", "Content-Disposition")

View = Callable[..., HttpResponse]
Validators = Callable[..., tuple[str, datetime] | None]


def open_data_route(view: View) -> View:
    """Every answer of an open data route, error or not, carries the headers of a download
    (CORS `*`, nosniff), so that a script of another site can read why a file is missing: an
    unknown file or campaign gives a plain-text 404, another method than GET or HEAD a 405
    (OPTIONS, a browser's CORS preflight, gets its 204: api.cors).

    CSRF-exempt: read-only, and a POST must get 405, not the CSRF check's 403 page.
    """

    @csrf_exempt
    @functools.wraps(view)
    def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if is_preflight(request):
            return preflight(EXPOSED)
        if request.method not in ("GET", "HEAD"):
            response: HttpResponse = HttpResponseNotAllowed(
                ALLOWED_METHODS.split(", "),
                content="Méthode non permise : les fichiers se lisent par GET ou HEAD.\n",
                content_type=TEXT,
            )
        else:
            try:
                response = view(request, *args, **kwargs)
            except Http404 as error:
                response = HttpResponseNotFound(f"{error}\n", content_type=TEXT)
        cache_control(response)
        cors(response, EXPOSED)
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return run


def conditional(validators: Validators) -> Callable[[View], View]:
    """Answer conditional requests with `validators(request, *args, **kwargs)`: the strong
    ETag (unquoted) and the Last-Modified time of the file, or None when there is no file (the
    view then answers its 404). Computed once per request (`condition` asks for the tag and the
    time separately)."""

    def found(request: HttpRequest, *args: Any, **kwargs: Any) -> tuple[str | None, Any]:
        if not hasattr(request, "_download_validators"):
            request._download_validators = validators(request, *args, **kwargs)  # type: ignore[attr-defined]
        return request._download_validators or (None, None)  # type: ignore[attr-defined,no-any-return]

    return condition(
        etag_func=lambda *args, **kwargs: found(*args, **kwargs)[0],
        last_modified_func=lambda *args, **kwargs: found(*args, **kwargs)[1],
    )
