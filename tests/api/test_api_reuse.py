"""The API as a reuser's script meets it: what a mistaken parameter is told."""

from __future__ import annotations

import pytest

from tests.api.conftest import get

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"offset": "1" + "0" * 20}, "« offset » doit valoir au plus 10000000."),
        ({"limit": "-" + "9" * 13}, "« limit » doit valoir au moins 1."),
        ({"limit": "9" * 13}, "« limit » doit valoir au plus 500."),
    ],
)
def test_a_number_too_long_is_told_its_bound_not_that_it_is_no_number(client, after, params, says):
    """A script that ran past the end with a huge offset was told « doit être un nombre
    entier », which it is: it is told the bound it passed."""
    error = get(client, "/api/v1/cells", 400, campaign="2026", **params)["error"]
    assert error["message"] == says
    assert error["parameter"] == next(iter(params))


def test_errors_django_answers_for_the_api_are_kept_by_no_cache(client, after):
    """A request Django itself refuses (too many parameters) and a server error got the API's
    JSON but no `Cache-Control: no-store`, which every other error of the API carries."""
    from django.test import RequestFactory

    from barometre.web.views.errors import server_error

    query = "&".join(f"p{i}=1" for i in range(1100))
    refused = client.get(f"/api/v1/communes?{query}")
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/json"
    assert refused["Cache-Control"] == "no-store"
    failed = server_error(RequestFactory().get("/api/v1/cells?campaign=2026"))
    assert failed.status_code == 500 and failed["Cache-Control"] == "no-store"


def test_the_api_root_without_its_slash_answers_json_too(client, after):
    """`/api` (the root a reader types, or a script's base URL without its slash) got the site's
    HTML « Page introuvable » while `/api/` got the API's JSON 404: both point to the index."""
    for address in ("/api", "/api/"):
        response = client.get(address)
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert response["Cache-Control"] == "no-store"
        assert response["Access-Control-Allow-Origin"] == "*"
        message = response.json()["error"]["message"]
        assert message == (
            f"Adresse inconnue de l'API\u00a0: «\u00a0{address}\u00a0». Ses adresses sont "
            "listées à /api/v1/ et décrites à /api/openapi.json."
        )
    assert client.get("/apiculture").status_code == 404
    assert "text/html" in client.get("/apiculture")["Content-Type"]  # a page of the site
