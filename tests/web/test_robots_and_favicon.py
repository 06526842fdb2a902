"""/robots.txt and /favicon.ico answer: every crawler's request for them was a 404 and a
WARNING line in the production log."""

from __future__ import annotations

import logging

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.database

PRIVATE = [
    "/revue/",
    "/revue/cellule/1/",
    "/admin/",
    "/connexion/",
    "/deconnexion/",
    "/langue/",
    "/enquete/j/jeton/",
    "/enquete/c/cle/",
    "/enquete/repondre/2/",
    "/enquete/merci/",
    "/enquete/coordination/cle/",
]
PUBLIC = [
    "/",
    "/recherche/",
    "/campagne/2026/",
    "/commune/44109/",
    "/preuve/1/",
    "/programmes/",
    "/accessibilite/",
    "/donnees-ouvertes/",
    "/api/v1/communes",
    "/donnees/2026/cellules.csv",
    "/pdf/campagne/2026.pdf",
    "/enquete/",
    "/enquete/rapport/2026/",
]


def _disallowed(body: str) -> list[str]:
    return [line.removeprefix("Disallow: ") for line in body.splitlines() if "Disallow" in line]


def test_robots_txt_keeps_crawlers_out_of_the_private_pages_only(client, db, caplog) -> None:
    caplog.set_level(logging.WARNING)
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "max-age=86400" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    body = response.content.decode()
    assert body.startswith("User-agent: *\n")
    prefixes = _disallowed(body)
    for path in PRIVATE:
        assert any(path.startswith(prefix) for prefix in prefixes), path
    for path in PUBLIC:
        assert not any(path.startswith(prefix) for prefix in prefixes), path
    assert client.head("/robots.txt").status_code == 200
    assert not [r for r in caplog.records if r.name == "django.request"]
    assert client.post("/robots.txt").status_code == 405


def test_favicon_ico_leads_to_the_dsfr_icon_the_pages_link_to(client, db, caplog) -> None:
    caplog.set_level(logging.WARNING)
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/dsfr/dist/favicon/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    assert finders.find("dsfr/dist/favicon/favicon.ico")
    assert 'href="/static/dsfr/dist/favicon/favicon.ico"' in client.get("/").content.decode()
    assert not [r for r in caplog.records if r.name == "django.request"]
