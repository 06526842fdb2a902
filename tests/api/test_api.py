"""The JSON API: every endpoint, pagination, filters, bad parameters, the demonstration flag."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from barometre.referential.brackets import BRACKET_IDS
from barometre.referential.models import Campaign
from tests.api.conftest import get

pytestmark = pytest.mark.django_db


def test_communes_are_paginated_with_count_and_links(client, after):
    body = get(client, "/api/v1/communes", limit=2)
    assert body["count"] == 3
    assert [c["code"] for c in body["results"]] == ["90001", "90002"]
    assert body["previous"] is None
    following = get(
        client,
        body["next"].split("?")[0],
        **dict(p.split("=") for p in body["next"].split("?")[1].split("&")),
    )
    assert [c["code"] for c in following["results"]] == ["90003"]
    assert following["next"] is None and following["previous"].endswith("offset=0")


def test_past_the_last_page_previous_leads_to_the_last_rows(client, after):
    """Offset 999 of 3 communes led back to offset 997, another empty page."""
    body = get(client, "/api/v1/communes", limit=2, offset=999)
    assert body["results"] == [] and body["next"] is None
    assert body["previous"].endswith("offset=1")
    assert [c["code"] for c in get(client, "/api/v1/communes", limit=2, offset=1)["results"]] == [
        "90002",
        "90003",
    ]


def test_communes_search_by_name_code_and_filter_by_department(client, after):
    assert [c["code"] for c in get(client, "/api/v1/communes", q="bvil")["results"]] == ["90002"]
    assert get(client, "/api/v1/communes", q="90003")["results"][0]["name"] == "=Cville"
    by_dep = get(client, "/api/v1/communes", department="13")["results"]
    assert [c["code"] for c in by_dep] == ["90002"]
    assert [c["code"] for c in get(client, "/api/v1/communes", bracket="ge200000")["results"]] == [
        "90001"
    ]


def test_commune_detail_and_unknown_commune(client, after):
    body = get(client, "/api/v1/communes/90001")
    assert body["department"] == {"code": "75", "name": "Paris"}
    assert body["campaigns"] == ["2026", "2014"]
    assert get(client, "/api/v1/communes/99999", 404)["error"]["status"] == 404


def test_campaigns_carry_the_demonstration_flag_and_downloads(client, after):
    body = get(client, "/api/v1/campaigns")
    flags = {c["name"]: c["demonstration"] for c in body["results"]}
    assert flags == {"2026": True, "2014": False}
    one = get(client, "/api/v1/campaigns/2026")
    assert one["downloads"]["cellules.parquet"] == "/donnees/2026/cellules.parquet"
    assert get(client, "/api/v1/campaigns", demonstration="false")["count"] == 1
    Campaign.objects.filter(name="2014").update(measured_on=dt.date(2014, 3, 1))
    listed = get(client, "/api/v1/campaigns")["results"]
    assert {c["name"]: c["measured_on"] for c in listed}["2014"] == "2014-03-01"
    assert [c["name"] for c in listed] == ["2026", "2014"]  # latest measured first


def test_services_of_the_catalogue(client, after):
    body = get(client, "/api/v1/services", limit=500)
    assert body["count"] == 18
    assert (
        get(client, "/api/v1/services", domain="nope", status=400)["error"]["parameter"] == "domain"
    )


def test_cells_filters(client, after):
    assert get(client, "/api/v1/cells", campaign="2026")["count"] == 6
    reviewed = get(client, "/api/v1/cells", campaign="2026", source="reviewed")["results"]
    assert [(c["commune"], c["service"], c["level"]) for c in reviewed] == [
        ("90001", "paiement-famille", 4)
    ]
    na = get(client, "/api/v1/cells", campaign="2026", level="na")["results"]
    assert na[0]["not_applicable"] is True and na[0]["level"] is None
    assert get(client, "/api/v1/cells", campaign="2026", commune="90002")["count"] == 2
    assert get(client, "/api/v1/cells", campaign="2026", level="4")["count"] == 2
    assert get(client, "/api/v1/cells", campaign="2026", department="13")["count"] == 2


def test_scores_by_scope(client, after):
    cities = get(client, "/api/v1/scores", campaign="2026", scope="commune")
    assert cities["count"] == 3
    assert cities["results"][0]["key"] == "90001" and cities["results"][0]["rank"] == 1
    overall = get(client, "/api/v1/scores", campaign="2026", scope="all")["results"][0]
    assert overall["communes"] == 3


def test_scores_say_what_is_unmeasured(client, communes):
    """A commune of the campaign with no measured cell comes last, with no figure and no rank;
    every row says how many of its cells nobody recorded (never counted as 0)."""
    from tests.factories import CampaignFactory, set_cells

    campaign = CampaignFactory(name="partielle", communes=communes)
    set_cells(campaign, {("90001", "actes-etat-civil"): 0, ("90002", "actes-etat-civil"): 3})
    cities = get(client, "/api/v1/scores", campaign="partielle", scope="commune")["results"]
    assert [(c["key"], c["rank"], c["cells"], c["unmeasured_cells"]) for c in cities] == [
        ("90002", 1, 1, 17),
        ("90001", 2, 1, 17),
        ("90003", None, 0, 18),
    ]
    assert cities[-1]["mean_level"] is None and cities[-1]["communes"] == 0
    overall = get(client, "/api/v1/scores", campaign="partielle", scope="all")["results"][0]
    assert (overall["communes"], overall["cells"], overall["unmeasured_cells"]) == (2, 2, 34)


def test_comparison_with_the_previous_campaign(client, after):
    body = get(client, "/api/v1/comparisons", campaign="2026", reference="2014")
    assert (body["before"], body["after"], body["demonstration"]) == ("2014", "2026", True)
    assert body["overall"]["rose"] >= 1 and body["domains"]
    assert get(client, "/api/v1/comparisons", 404, campaign="2014")["error"]["status"] == 404


@pytest.mark.parametrize(
    ("url", "params", "parameter"),
    [
        ("/api/v1/cells", {"campaign": "1999"}, "campaign"),
        ("/api/v1/scores", {"campaign": "1999"}, "campaign"),
        ("/api/v1/comparisons", {"campaign": "1999", "reference": "2014"}, "campaign"),
        ("/api/v1/comparisons", {"campaign": "2026", "reference": "1999"}, "reference"),
        ("/api/v1/comparisons", {"campaign": "2014"}, "reference"),
    ],
)
def test_an_unknown_campaign_named_by_a_parameter_is_a_404_naming_it(
    client, after, url, params, parameter
):
    """As a 400 does: a caller of /comparisons reads which of `campaign` and `reference` is
    unknown without parsing the French message."""
    error = get(client, url, 404, **params)["error"]
    assert (error["status"], error["parameter"]) == (404, parameter)


@pytest.mark.parametrize(
    ("url", "params", "parameter"),
    [
        ("/api/v1/cells", {"campaign": "2062", "commune": "7505"}, "campaign"),
        ("/api/v1/cells", {"campaign": "2062", "level": "9"}, "campaign"),
        ("/api/v1/scores", {"campaign": "2062", "scope": "ville"}, "campaign"),
        ("/api/v1/comparisons", {"campaign": "2026", "reference": "1999", "x": "1"}, "reference"),
    ],
)
def test_an_unknown_campaign_is_said_before_a_bad_commune_or_filter(
    client, after, url, params, parameter
):
    """`cells?campaign=2062&commune=7505` answered 400 for the commune; the commune put right,
    the caller then learnt that the campaign, the first thing asked, does not exist."""
    error = get(client, url, 404, **params)["error"]
    assert (error["status"], error["parameter"]) == (404, parameter)
    assert error["message"].startswith("Campagne inconnue")
    # a known campaign: the bad filter is said, as before
    assert get(client, url, 400, **{**params, parameter: "2026"})["error"]["status"] == 400


def test_a_malformed_campaign_is_said_before_an_unknown_reference(client, after):
    """Both campaigns wrong: the first, malformed, is the 400 said, not the reference's 404."""
    error = get(client, "/api/v1/comparisons", 400, campaign="20 26", reference="1999")["error"]
    assert error["parameter"] == "campaign"


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/api/v1/communes/75%0056", "«\u00a075%0056\u00a0»"),
        ("/api/v1/communes/%01%02", "«\u00a0%01%02\u00a0»"),
        ("/api/v1/campaigns/a%0Ab", "«\u00a0a%0Ab\u00a0»"),
    ],
)
def test_a_control_character_in_the_path_is_echoed_as_the_url_wrote_it(client, after, url, said):
    """A NUL byte was removed from the code echoed (« 7556 », a code never sent), and a code
    made of control characters echoed as « »."""
    error = get(client, url, 404)["error"]
    assert said in error["message"], error["message"]


@pytest.mark.parametrize(
    ("q", "said"),
    [
        ("a\x00b", "caractère NUL (%00) refusé"),
        ("a" * 201, "texte de 201 caractères (au plus 200)"),
    ],
)
def test_a_text_refused_says_why(client, after, q, said):
    """« texte invalide ou trop long » left the caller to guess which of the two."""
    assert (
        get(client, "/api/v1/communes", 400, q=q)["error"]["message"]
        == f"«\u00a0q\u00a0»\u00a0: {said}."
    )


def test_comparison_refuses_the_campaign_itself_or_a_later_reference(client, after, before):
    """`reference` = the campaign gave every change 0; a reference measured after it gave a
    change backwards (a decline for a progress): both are a 400 naming the parameter."""
    body = get(client, "/api/v1/comparisons", 400, campaign="2026", reference="2026")
    assert body["error"]["parameter"] == "reference"
    assert "la campagne du rapport elle-même" in body["error"]["message"]
    before.measured_on, after.measured_on = dt.date(2014, 3, 1), dt.date(2026, 3, 1)
    before.save(update_fields=["measured_on"])
    after.save(update_fields=["measured_on"])
    body = get(client, "/api/v1/comparisons", 400, campaign="2014", reference="2026")
    assert "après « 2014 » (mesurée le 01/03/2014)" in body["error"]["message"]
    assert get(client, "/api/v1/comparisons", campaign="2026", reference="2014")["before"] == "2014"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"limit": "501"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"nope": "1"}, "nope"),
        ({"bracket": "huge"}, "bracket"),
        ({"q": "a\x00b"}, "q"),
        ({"department": "'; drop table"}, "department"),
    ],
)
def test_bad_parameters_give_a_clear_400(client, after, params, parameter):
    body = get(client, "/api/v1/communes", 400, **params)
    assert body["error"]["parameter"] == parameter
    assert body["error"]["message"]


@pytest.mark.parametrize(
    ("url", "params", "words"),
    [
        ("/api/v1/communes", {"region": "5"}, "un code de région à 2 chiffres"),
        ("/api/v1/communes", {"epci": "2444"}, "un numéro SIREN à 9 chiffres"),
        ("/api/v1/cells", {"campaign": "2026", "service": "État"}, "un identifiant de service"),
        ("/api/v1/programmes", {"theme": "Open data"}, "un identifiant de thème"),
    ],
)
def test_a_malformed_value_is_explained_in_words_not_as_a_regular_expression(
    client, after, url, params, words
):
    message = get(client, url, 400, **params)["error"]["message"]
    assert words in message
    assert "\\d" not in message and "[" not in message


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/communes", {"limit": "\u0663"}),  # an Arabic-Indic 3
        ("/api/v1/communes", {"region": "\u0665\u0662"}),
        ("/api/v1/cells", {"campaign": "2026", "commune": "\u0669\u0660\u0660\u0660\u0661"}),
    ],
)
def test_only_ascii_digits_are_numbers_as_in_the_openapi_patterns(client, after, url, params):
    assert get(client, url, 400, **params)["error"]["parameter"] == next(
        iter(params.keys() - {"campaign"})
    )


def test_the_farm_region_filters_like_its_department(client, communes):
    """The demonstration farm's codes are accepted (docs/api.md): department ZZ, region ZZ."""
    from tests.factories import CommuneFactory, DepartmentFactory, RegionFactory

    farm = RegionFactory(code="ZZ", name="Ferme (fictive)")
    department = DepartmentFactory(code="ZZ", name="Ferme (fictive)", region=farm)
    CommuneFactory(code="9Z001", name="Fermeville", department=department)
    for filters in ({"department": "ZZ"}, {"region": "ZZ"}):
        assert [c["code"] for c in get(client, "/api/v1/communes", **filters)["results"]] == [
            "9Z001"
        ]


def test_cells_need_a_known_campaign(client, after):
    assert get(client, "/api/v1/cells", 400)["error"]["parameter"] == "campaign"
    assert get(client, "/api/v1/cells", 404, campaign="1999")["error"]["status"] == 404
    assert get(client, "/api/v1/cells", 400, campaign="2026", level="9")["error"]["parameter"] == (
        "level"
    )


def test_the_api_is_read_only(client, after):
    response = client.post("/api/v1/communes", {})
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
@pytest.mark.parametrize(
    "path", ["/api/v1/communes", "/api/v1/campaigns/2026", "/api/openapi.json", "/api/v1/"]
)
def test_any_other_method_gets_405_in_json_even_with_csrf_checks(after, method, path):
    """A real client is CSRF-checked (the test client is not by default): the API still says
    405 in JSON, not Django's 403 CSRF page."""
    from django.test import Client

    response = getattr(Client(enforce_csrf_checks=True), method)(path)
    assert response.status_code == 405, response.content[:200]
    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["error"]["message"].startswith("Méthode non permise")


@pytest.mark.parametrize("path", ["/donnees/2026/cellules.csv", "/pdf/campagne/2026.pdf"])
def test_downloads_answer_405_to_a_post(after, path):
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(path).status_code == 405


def test_offset_past_the_end_gives_an_empty_page(client, after):
    body = get(client, "/api/v1/communes", offset=10)
    assert body["results"] == [] and body["count"] == 3 and body["next"] is None


def test_openapi_document_lists_every_endpoint(client):
    body = get(client, "/api/openapi.json")
    assert body["openapi"].startswith("3.")
    assert {"/api/v1/cells", "/api/v1/scores", "/api/v1/programmes/{id}"} <= set(body["paths"])


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("/api/v1/themes", "/api/v1/themes"),
        ("/api/v1/communes/{code}", "/api/v1/communes/90001"),
        ("/api/v1/campaigns/{name}", "/api/v1/campaigns/2026"),
        ("/api/v1/programmes/{id}", "/api/v1/programmes/1"),
        ("/api/v1/cells", "/api/v1/cells"),
    ],
)
def test_every_endpoint_documents_the_400_of_an_unknown_parameter(client, after, path, url):
    """An endpoint without query parameters refuses any too: the schema listed no 400 for it."""
    error = get(client, url, 400, inconnu="1")["error"]
    assert error["parameter"] == "inconnu"
    responses = get(client, "/api/openapi.json")["paths"][path]["get"]["responses"]
    assert responses["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_api_root_lists_the_schema_and_every_endpoint(client, after):
    body = client.get("/api/v1/").json()
    assert body["openapi"] == "/api/openapi.json"
    schema_paths = set(client.get("/api/openapi.json").json()["paths"])
    assert set(body["endpoints"]) == schema_paths and "/api/v1/cells" in schema_paths


def test_communes_carry_their_postcodes_and_a_postcode_finds_them(client, after):
    from barometre.referential.models import Commune

    Commune.objects.filter(code="90001").update(postcodes="90100 90003")
    Commune.objects.filter(code="90002").update(postcodes="90100")
    found = get(client, "/api/v1/communes", q="90100")["results"]
    assert [c["code"] for c in found] == ["90001", "90002"]
    assert found[0]["postcodes"] == ["90100", "90003"] and found[1]["postcodes"] == ["90100"]
    # 90003 is Cville's INSEE code and one of Aville's postcodes: both are found
    assert [c["code"] for c in get(client, "/api/v1/communes", q="90003")["results"]] == [
        "90001",
        "90003",
    ]
    # the detail of a code is that commune's, never a larger commune with that postcode
    assert get(client, "/api/v1/communes/90003")["name"] == "=Cville"


def test_demonstration_farm_codes_are_accepted_and_bad_codes_explained(client, after):
    from tests.factories import CommuneFactory

    CommuneFactory(code="9Z001", name="Ferme-sur-Test")
    assert get(client, "/api/v1/communes/9Z001")["name"] == "Ferme-sur-Test"
    assert get(client, "/api/v1/communes", q="9z001")["results"][0]["code"] == "9Z001"
    error = get(client, "/api/v1/communes/9Q001", 404)["error"]
    assert error["message"] == (
        "Introuvable : « 9Q001 » ; attendu : un code INSEE à 5 caractères, par ex. 44109 ou 2A004."
    )
    error = get(client, "/api/v1/programmes/douze", 404)["error"]
    assert error["message"].endswith("attendu : un identifiant numérique, par ex. 12.")
    # a well-formed code that names no commune is simply not found
    assert get(client, "/api/v1/communes/99999", 404)["error"]["message"] != error["message"]
    error = get(client, "/api/v1/cells", 400, campaign="2026", commune="9Q001")["error"]
    assert error["message"] == (
        "« commune » : format attendu : un code INSEE à 5 caractères, par ex. 44109 ou 2A004."
    )


def test_codes_with_letters_are_taken_in_lower_case(client, after):
    """The commune search finds 2a004 (Ajaccio's code in lower case); its page, the filters and
    the scores' key take it too, read in upper case."""
    from tests.factories import CampaignFactory, CommuneFactory, DepartmentFactory, set_cells

    ajaccio = CommuneFactory(code="2A004", name="Ajaccio", department=DepartmentFactory(code="2A"))
    set_cells(CampaignFactory(name="corse", communes=[ajaccio]), {("2A004", "actes-etat-civil"): 3})
    assert get(client, "/api/v1/communes", q="2a004")["results"][0]["code"] == "2A004"
    assert get(client, "/api/v1/communes/2a004")["code"] == "2A004"
    assert get(client, "/api/v1/communes", department="2a")["count"] == 1
    assert get(client, "/api/v1/cells", campaign="corse", commune="2a004")["count"] == 1
    assert get(client, "/api/v1/cells", campaign="corse", department="2a")["count"] == 1
    ajaccio_scores = get(client, "/api/v1/scores", campaign="corse", key="2a004")["results"]
    assert [(r["scope"], r["key"]) for r in ajaccio_scores] == [("commune", "2A004")]
    assert get(client, "/api/v1/programmes", commune="2a004")["count"] == 0
    assert get(client, "/api/v1/communes/2c004", 404)["error"]["status"] == 404


@pytest.mark.parametrize("name", ["deux mots", "été-2026", "-2026"])
def test_a_name_no_campaign_can_have_is_said_malformed_as_campaign_create_says(client, after, name):
    """The API takes as a campaign name what `campaign create` accepts: a name with a space, an
    accent or a leading dash can name no campaign, and is explained, not merely not found."""
    from barometre.core.errors import BarometreError
    from barometre.referential.services.campaigns import campaign_create

    with pytest.raises(BarometreError, match="Nom de campagne invalide"):
        campaign_create(name=name, spec="top:1")
    hint = "attendu : un nom de campagne (lettres sans accent, chiffres"
    assert hint in get(client, f"/api/v1/campaigns/{name}", 404)["error"]["message"]
    error = get(client, "/api/v1/scores", 400, campaign=name)["error"]
    assert error["parameter"] == "campaign" and hint.split(" : ")[1] in error["message"]


def test_a_score_row_misses_what_the_open_data_misses(client, after):
    """A group's row has no bracket: null, as the Parquet's null and the CSV's missing value
    (the open data's rows, never an empty string), while a commune's row names its bracket."""
    overall = get(client, "/api/v1/scores", campaign="2026", scope="all")["results"][0]
    assert overall["bracket"] is None and overall["rank"] is None
    domains = get(client, "/api/v1/scores", campaign="2026", scope="domain")["results"]
    assert {row["bracket"] for row in domains} == {None}
    city = get(client, "/api/v1/scores", campaign="2026", scope="commune")["results"][0]
    assert city["bracket"] == "ge200000"


@pytest.mark.parametrize(
    ("address", "right"),
    [
        ("/api/v1/communes/90001/", "/api/v1/communes/90001"),
        ("/api/v1/communes/", "/api/v1/communes"),
        ("/api/v1/cells/?campaign=2026&limit=2", "/api/v1/cells?campaign=2026&limit=2"),
        ("/api/v1/campaigns/2026/", "/api/v1/campaigns/2026"),
        ("/api/openapi.json/", "/api/openapi.json"),
    ],
)
def test_a_trailing_slash_is_the_api_s_404_naming_the_address_without_it(
    client, after, address, right
):
    """`/api/v1/communes/2A004/` gave the site's generic « Cette adresse ne correspond à aucune
    page » while `/api/v1/communes/2A004` works: the 404 now names the right address."""
    response = client.get(address)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert response["Access-Control-Allow-Origin"] == "*"
    message = response.json()["error"]["message"]
    assert message.endswith(f"sans barre oblique finale : {right}"), message
    assert client.get(right).status_code == 200


def test_an_address_that_names_no_endpoint_points_to_the_list_of_endpoints(client, after):
    message = get(client, "/api/v1/nulle-part/", 404)["error"]["message"]
    assert message == (
        "Adresse inconnue de l'API : « /api/v1/nulle-part/ ». Ses adresses sont listées à "
        "/api/v1/ et décrites à /api/openapi.json."
    )
    assert client.get("/api/v1")["Location"] == "/api/v1/"  # the index alone ends with « / »


def test_the_schema_names_comparable_cells_as_the_reports_do(client):
    """The reports call the cells measured in both campaigns « cellules comparables » and define
    them; the schema said « cellules appariées », a second name for the same thing."""
    text = json.dumps(get(client, "/api/openapi.json"), ensure_ascii=False)
    assert "cellules comparables" in text
    assert "cellule appariée" not in text and "cellules appariées" not in text


def test_the_schema_lists_the_brackets_where_a_bracket_is_given(client):
    """The `bracket` filter listed its values; the commune's and the score's `bracket` fields,
    which answer with the same ids, did not."""
    schemas = get(client, "/api/openapi.json")["components"]["schemas"]
    assert schemas["Commune"]["properties"]["bracket"]["enum"] == list(BRACKET_IDS)
    assert schemas["Score"]["properties"]["bracket"]["enum"] == [*BRACKET_IDS, None]
