"""A commune is found by its name however it is typed: without its accents, in capitals, with
spaces for its hyphens, with "St" for "Saint", with its ligature spelt out. The web search box
finds the text anywhere in the name, the API where a word of the name begins, on SQLite as on
PostgreSQL (SQLite's LIKE folds only ASCII case: "étienne" did not find "Saint-Étienne")."""

from __future__ import annotations

import importlib

import pytest
from django.urls import reverse

from barometre.referential.models import Commune, name_key
from barometre.web.communes import communes_search
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loire() -> None:
    CommuneFactory(code="42218", name="Saint-Étienne", population=170_000)
    CommuneFactory(code="02565", name="Œuilly", population=100)
    CommuneFactory(code="94038", name="L'Haÿ-les-Roses", population=31_000)
    CommuneFactory(code="42095", name="Étiennette-sur-Loire", population=50)  # made up


@pytest.mark.parametrize(
    "typed",
    ["Saint-Étienne", "saint-etienne", "SAINT ETIENNE", "st etienne", "St-Étienne", "étienne"],
)
def test_the_search_box_finds_a_name_however_it_is_typed(loire: None, typed: str) -> None:
    assert [c.code for c in communes_search(typed)][:1] == ["42218"]


def test_ligatures_and_apostrophes_are_spelt_out(loire: None) -> None:
    assert [c.code for c in communes_search("oeuilly")] == ["02565"]
    assert [c.code for c in communes_search("Œuil")] == ["02565"]
    assert [c.code for c in communes_search("l'hay les roses")] == ["94038"]
    assert [c.code for c in communes_search("l hay")] == ["94038"]


def test_a_typographic_apostrophe_or_dash_parts_words_as_the_plain_ones(
    client, loire: None, users
) -> None:
    """« L’Haÿ-les-Roses », as a phone's keyboard or a word processor writes it, found
    nothing in the search box, the API or the review queue's commune filter: the curly
    apostrophe was dropped with the accents, gluing « l » and « hay »."""
    assert name_key("L’Haÿ–les–Roses") == "l hay les roses"
    assert [c.code for c in communes_search("L’Haÿ-les-Roses")] == ["94038"]
    assert [c["code"] for c in client.get("/api/v1/communes", {"q": "l’hay"}).json()["results"]]
    client.force_login(users["auditeur"])
    queue = client.get(reverse("web:review-queue"), {"commune": "L’Haÿ"}).content.decode()
    assert "Aucune commune ne correspond" not in queue


def test_a_text_without_letters_finds_nothing(loire: None) -> None:
    assert communes_search("--'") == []


def test_the_search_page_goes_to_the_only_commune_found(client, loire: None) -> None:
    response = client.get(reverse("web:search"), {"q": "saint etienne"})
    assert response["Location"] == "/commune/42218/"


def test_the_api_finds_a_name_where_a_word_begins(client, loire: None) -> None:
    def codes(q: str) -> list[str]:
        body = client.get("/api/v1/communes", {"q": q}).json()
        return [c["code"] for c in body["results"]]

    assert codes("etienne") == ["42218", "42095"]
    assert codes("ST-ETIENNE") == ["42218"]
    assert codes("tienne") == []  # not the start of a word
    assert codes("roses") == ["94038"]


def test_a_renamed_commune_is_searched_by_its_new_name(loire: None) -> None:
    commune = Commune.objects.get(code="02565")
    commune.name = "Ailly-Nouvelle"
    commune.save(update_fields=["name"])
    assert [c.code for c in communes_search("ailly nouvelle")] == ["02565"]
    assert communes_search("oeuilly") == []


def test_the_migration_fills_the_key_as_the_model_computes_it() -> None:
    migration = importlib.import_module("barometre.referential.migrations.0005_commune_search_key")
    for name in ("Saint-Étienne", "Œuilly", "L'Haÿ-les-Roses", "Sainte-Marie-aux-Mines", "Ça"):
        assert migration._name_key(name) == name_key(name)
    assert name_key("Sainte-Marie-aux-Mines") == "sainte marie aux mines"
    assert name_key("Ste Marie") == "sainte marie"


def test_a_search_that_finds_more_than_it_shows_says_how_many(client) -> None:
    """« saint » finds thousands of communes and the page shows the 20 largest: it said
    « 20 communes trouvées », so a reader took the small commune they sought for absent. The
    page now says how many it found and that it shows the largest, in both languages."""
    for n in range(25):
        CommuneFactory(code=f"01{n:03d}", name=f"Saint-Essai-{n}", population=1_000 + n)
    page = client.get(reverse("web:search"), {"q": "saint essai"}).content.decode()
    assert "25 communes trouvées ; voici les 20 plus peuplées." in page
    assert page.count('href="/commune/01') == 20
    client.cookies["barometre_langue"] = "en"
    english = client.get(reverse("web:search"), {"q": "saint essai"}).content.decode()
    assert "25 municipalities found; here are the 20 largest." in english
    few = client.get(reverse("web:search"), {"q": "saint essai-2"}).content.decode()
    assert "6 municipalities found:" in few and "largest" not in few


def test_a_code_with_letters_finds_its_commune(client) -> None:
    """The demonstration's farm prints « Code INSEE 9Z004 » on its commune's page; typed into
    the search box, that code found nothing, though it is the one the page gives."""
    CommuneFactory(code="9Z004", name="Hautvillers-le-Bois", population=14_402)
    assert [c.code for c in communes_search("9z004")] == ["9Z004"]
    response = client.get(reverse("web:search"), {"q": "9Z004"})
    assert response["Location"] == "/commune/9Z004/"
