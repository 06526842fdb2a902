"""A request is decoded with the charset its Content-Type names, whatever Python codec has that
name: "unicode_escape" and "utf-7" turned « %5Cud800 » and « +2AA- » into a lone surrogate that
no database nor page can encode, "base64" or "idna" could not decode at all; each was a 500.
Now any charset but UTF-8 and the Western single-byte ones is a French 400."""

from __future__ import annotations

import html
import json

import pytest

pytestmark = pytest.mark.database

SURROGATE_URLS = [
    "/recherche/?q=a%5Cud800b",
    "/commune/44109/?campagne=%5Cud800",
    "/campagne/apres/classement/?departement=%5Cud800",
    "/campagne/apres/classement/?tri=%5Cud800&tranche=%5Cud800&page=%5Cud800",
]


@pytest.mark.parametrize("charset", ["unicode_escape", "raw_unicode_escape"])
@pytest.mark.parametrize("url", SURROGATE_URLS)
def test_a_charset_that_makes_lone_surrogates_is_a_french_400(
    client, site, url: str, charset: str
) -> None:
    response = client.get(url, CONTENT_TYPE=f"text/plain; charset={charset}")
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "<h1>Requête invalide</h1>" in page
    assert f"L'encodage «\u00a0{charset}\u00a0» annoncé par la requête n'est pas accepté" in page
    assert "Content-Security-Policy" in response


def _through_the_wsgi_application(content_type: str, path: str, query: str) -> tuple[str, bytes]:
    """The site's WSGI application (gunicorn's and `barometre serve`'s) answering a request."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test.client import RequestFactory

    from barometre.web.middleware import charset_guard

    environ = RequestFactory()._base_environ(
        PATH_INFO=path, QUERY_STRING=query, CONTENT_TYPE=content_type
    )
    status = []
    # as Django's test client does: the test's database connection stays open (PostgreSQL)
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    try:
        response = charset_guard(WSGIHandler())(environ, lambda s, h: status.append(s))
        body = b"".join(response)
        response.close()
    finally:
        for signal in signals:
            signal.connect(close_old_connections)
    return status[0], body


@pytest.mark.parametrize("charset", ["utf-7", "base64", "hex", "rot13", "zlib", "idna", "uu"])
def test_a_charset_that_is_no_text_encoding_is_a_400_too(site, charset: str) -> None:
    """Django decodes the query with it while building the request, before any middleware:
    « 'rot13' is not a text encoding » was a 500."""
    status, body = _through_the_wsgi_application(
        f"text/plain; charset={charset}", "/recherche/", "q=%2B2AA-"
    )
    assert status.startswith("400"), status
    assert f"«\u00a0{charset}\u00a0» annoncé par la requête" in html.unescape(body.decode())


def test_the_wsgi_application_still_answers_a_usual_request(site) -> None:
    status, _ = _through_the_wsgi_application("text/plain; charset=utf-8", "/recherche/", "q=x")
    assert status.startswith("200")


def test_the_api_says_it_in_json(client, site) -> None:
    response = client.get("/api/v1/communes?q=a%5Cud800", CONTENT_TYPE="text/plain; charset=utf-7")
    assert response.status_code == 400
    assert "«\u00a0utf-7\u00a0»" in json.loads(response.content)["error"]["message"]


def test_a_posted_multipart_form_in_such_a_charset_is_refused(client, site, users) -> None:
    body = (
        b'--B\r\nContent-Disposition: form-data; name="username"\r\n\r\nauditeur\\ud800\r\n'
        b'--B\r\nContent-Disposition: form-data; name="password"\r\n\r\nx\r\n--B--\r\n'
    )
    response = client.post(
        "/connexion/", body, content_type="multipart/form-data; boundary=B; charset=unicode_escape"
    )
    assert response.status_code == 400 and "annoncé par la requête" in response.content.decode()


@pytest.mark.parametrize("charset", ["utf-8", "UTF8", "iso-8859-1", "latin-1", "windows-1252"])
def test_usual_charsets_still_answer(client, site, charset: str) -> None:
    response = client.get("/recherche/?q=Nantes", CONTENT_TYPE=f"text/plain; charset={charset}")
    assert response.status_code == 302 and response.url == "/commune/44109/"  # the one match
