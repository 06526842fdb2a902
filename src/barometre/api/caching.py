"""HTTP caching of the API and the open data files: validators and Cache-Control.

A reuser's script that polls every night sends back the ETag it got (If-None-Match) or its
Last-Modified (If-Modified-Since), and gets 304 with no body while nothing changed
(docs/api.md, docs/opendata.md). Django's own tools do the work:

- an API answer is tagged by the MD5 of its JSON body (`set_response_etag`, strong), then
  `get_conditional_response` turns it into a 304: the body is what is compared, so any change
  of what it is built from (a value, a commune, the referential, barometre itself) changes the
  tag, and nothing has to list those sources. No Last-Modified: no recorded time covers them all.
- a file of /donnees/ is tagged before it is built, read or streamed, by `condition` with the
  validators of `opendata_validators` (its campaign's state, and for a built file its time).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag

# `no-cache` rather than a short max-age: the values change whenever an auditor records a review
# or an import lands, and nothing purges a cache, so a browser or a shared cache may keep a copy
# but must ask before each use (a 304 with no body, cheap with the validators); nobody then reads
# a level the observatory has corrected. `public`: every answer here is the same for every reader
# (French whatever the language chosen, no session read, nothing masked for a signed-in blind
# coder: see barometre/web/blind.py), so a shared cache may keep it. There is no unpublished
# campaign to hide: every campaign is public as soon as it exists, which the API lists.
PUBLIC = "public, no-cache"
# An error (unknown campaign or file, bad parameter, other method) is kept by no cache: a
# campaign created tomorrow must be found tomorrow, and RFC 9111 lets a cache keep a 404 that
# says nothing.
ERROR = "no-store"


def cache_control(response: HttpResponse) -> HttpResponse:
    """The Cache-Control of an answer of the API or of /donnees/ (see above)."""
    response["Cache-Control"] = PUBLIC if response.status_code in (200, 304) else ERROR
    return response


def json_conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Tag a JSON answer of the API by its body and answer 304 when the request's
    If-None-Match holds that tag (GET and HEAD); an error only gets its Cache-Control."""
    cache_control(response)
    if response.status_code != 200:
        return response
    set_response_etag(response)
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    if conditional is not response:  # Django's 304 keeps the validators, not CORS
        for header in ("Access-Control-Allow-Origin", "Access-Control-Expose-Headers"):
            conditional[header] = response[header]
    return conditional
