"""A NUL character in an address or a field is a French 400, never a 500 (PostgreSQL cannot
compare text with NUL: `/commune/%00/` was a server error there)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.database

URLS = [
    "/recherche/?q=%00",
    "/recherche/?q=a%00b",
    "/recherche/?%00=x",
    "/commune/%00/",
    "/commune/44109/?campagne=%00",
    "/campagne/%00/",
    "/campagne/x%00/classement/?departement=%00",
    "/pdf/campagne/%00.pdf",
    "/donnees/%00/x",
]


@pytest.mark.parametrize("url", URLS)
def test_a_nul_in_an_address_is_a_bad_request(client, db, url) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert "<h1>Requête invalide</h1>" in response.content.decode()
    assert "Content-Security-Policy" in response


def test_the_api_answers_a_nul_in_json_naming_the_parameter(client, db) -> None:
    for url, status in (("/api/v1/communes/%00", 404), ("/api/v1/communes?q=a%00", 400)):
        response = client.get(url)
        assert response.status_code == status
        assert json.loads(response.content)["error"]["status"] == status


def test_a_login_field_holding_nul_shows_the_form_again(client, db) -> None:
    response = client.post("/connexion/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400 and 'name="username"' in response.content.decode()


def test_ordinary_addresses_still_answer(client, db) -> None:
    assert client.get("/recherche/?q=Nantes").status_code == 200
    assert client.get("/commune/99999/").status_code == 404
