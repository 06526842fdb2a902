"""Cross-origin reading (CORS) of the API and the open data files by a script of another site.

Every answer says `Access-Control-Allow-Origin: *`. Two more things make the conditional
requests of docs/api.md work from a browser page of another site:

- a script reads only the response headers CORS lists as safe, and `ETag` is not one of them:
  `Access-Control-Expose-Headers` names it (and, for a file, `Content-Disposition`, its name);
- `If-None-Match` and `If-Modified-Since` are not headers a page may send on its own: the
  browser first asks with `OPTIONS` (a preflight), which must answer which methods and headers
  are allowed, or the request is never sent.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse

ALLOWED_HEADERS = "If-None-Match, If-Modified-Since"
# the methods the API and the open data files answer, as every `Allow` header says them (a
# 405's and a preflight's alike: the 405 said « GET, HEAD » while OPTIONS is answered)
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
PREFLIGHT_MAX_AGE = 86_400  # seconds a browser may keep the answer to a preflight


def cors(response: HttpResponse, exposed: Sequence[str] = ("ETag",)) -> HttpResponse:
    """Let a page of any site read `response` and its `exposed` headers."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = ", ".join(exposed)
    return response


def is_preflight(request: HttpRequest) -> bool:
    return request.method == "OPTIONS"


def preflight(exposed: Sequence[str] = ("ETag",)) -> HttpResponse:
    """`204` to an `OPTIONS` request: GET and HEAD, with the headers of a conditional request."""
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Methods"] = "GET, HEAD"
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return cors(response, exposed)
