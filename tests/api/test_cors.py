"""A page of another site reads the API and the open data files, conditional requests
included: the browser's preflight gets an answer, and the ETag can be read."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.conftest import read_and_close

pytestmark = pytest.mark.django_db

API = ["/api/v1/cells?campaign=2026", "/api/v1/", "/api/openapi.json", "/api/v1/communes/90001"]
FILES = ["/donnees/2026/cellules.csv", "/donnees/2026/datapackage.json"]


def _preflight(url):  # type: ignore[no-untyped-def]
    return Client(enforce_csrf_checks=True).options(
        url,
        headers={
            "Origin": "https://journal.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )


@pytest.mark.parametrize("url", API + FILES)
def test_a_preflight_for_a_conditional_request_is_allowed(after, url):
    """A page that sends If-None-Match makes the browser ask with OPTIONS first: it got the
    405 of any other method, and the request was never sent."""
    response = _preflight(url)
    assert response.status_code == 204, response.content[:200]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD"
    allowed = response["Access-Control-Allow-Headers"].lower()
    assert "if-none-match" in allowed and "if-modified-since" in allowed
    assert int(response["Access-Control-Max-Age"]) > 0
    assert not response.content


@pytest.mark.parametrize("url", API + FILES)
def test_a_page_of_another_site_can_read_the_etag(client, after, url):
    """CORS lets a script read only a few response headers, and ETag is not one of them: the
    tag docs/api.md tells a script to send back could not be read."""
    response = client.get(url)
    read_and_close(response)  # a built file is a FileResponse, left open unless read or closed
    assert response.status_code == 200
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert "etag" in exposed
    again = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert "etag" in again["Access-Control-Expose-Headers"].lower()


def test_a_download_exposes_its_file_name(client, after):
    response = client.get("/donnees/2026/cellules.csv")
    assert "content-disposition" in response["Access-Control-Expose-Headers"].lower()


def test_other_methods_are_still_refused(after):
    """A 405's `Allow` names the methods answered, as the preflight's does: it said
    « GET, HEAD », and OPTIONS is answered (its 204)."""
    for url in ("/api/v1/communes", "/donnees/2026/cellules.csv"):
        refused = Client(enforce_csrf_checks=True).delete(url)
        assert refused.status_code == 405
        assert refused["Allow"] == _preflight(url)["Allow"] == "GET, HEAD, OPTIONS"


def test_the_redirect_to_the_index_can_be_followed_from_another_site(client, after):
    """`/api/v1` is redirected to `/api/v1/`; Django's redirect carried no CORS header, so a
    page of another site that fetched `/api/v1` got a network error."""
    response = client.get("/api/v1", {"x": "1"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/?x=1"
    assert response["Access-Control-Allow-Origin"] == "*"
