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


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/campaigns/demo2026", None),
        ("/api/v1/cells?campaign=demo2026", "campaign"),
        ("/api/v1/scores?campaign=demo2026", "campaign"),
        ("/api/v1/comparisons?campaign=2026&reference=demo2026", "reference"),
    ],
)
def test_an_unknown_campaign_is_told_the_campaigns_that_exist(client, after, url, parameter):
    """A mistyped campaign name got only « Campagne inconnue : « demo2026 ». », while a
    mistyped filter is told the valid values: the 404 names the campaigns too."""
    error = get(client, url, 404)["error"]
    assert error["message"] == (
        "Campagne inconnue\u00a0: «\u00a0demo2026\u00a0»\u00a0; campagnes\u00a0: 2014, 2026."
    )
    assert error.get("parameter") == parameter


def test_among_many_campaigns_an_unknown_one_is_told_the_closest_and_the_list(client, after):
    from tests.factories import CampaignFactory

    for year in range(2000, 2012):
        CampaignFactory(name=f"national-{year}")
    message = get(client, "/api/v1/campaigns/national2011", 404)["error"]["message"]
    assert message.startswith("Campagne inconnue\u00a0: «\u00a0national2011\u00a0»\u00a0; ")
    assert "campagnes proches\u00a0: national-2011" in message
    assert message.endswith("; liste complète\u00a0: /api/v1/campaigns.")


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/api/v1/communes/99999", "chercher une commune par son nom\u00a0: /api/v1/communes?q=…"),
        ("/api/v1/programmes/999999", "liste des programmes\u00a0: /api/v1/programmes."),
    ],
)
def test_an_unknown_commune_or_programme_says_where_to_find_one(client, after, url, says):
    assert get(client, url, 404)["error"]["message"].endswith(says)
