"""A HEAD request gets the headers of its GET and no body from the site's WSGI application
(gunicorn's): gunicorn logged a WARNING for every body it had to drop, so a monitor checking
the site with HEAD every minute filled the error log."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.database


def _answer(method: str, path: str) -> tuple[str, dict[str, str], bytes]:
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test.client import RequestFactory

    from barometre.wsgi import application

    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD=method)
    started: list[tuple[str, dict[str, str]]] = []
    # as Django's test client does: the test's database connection stays open (PostgreSQL)
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        result = application(environ, lambda s, h: started.append((s, dict(h))))
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return started[0][0], started[0][1], body


@pytest.mark.parametrize("path", ["/", "/campagne/apres/", "/api/v1/campaigns", "/inconnue/"])
def test_head_has_the_headers_of_get_and_no_body(site, path: str) -> None:
    status, headers, body = _answer("HEAD", path)
    got_status, got_headers, got_body = _answer("GET", path)
    assert body == b""
    assert got_body != b""
    assert status == got_status
    assert headers["Content-Type"] == got_headers["Content-Type"]
    assert "Content-Security-Policy" in headers
