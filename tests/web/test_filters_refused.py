"""A ranking or heatmap address whose region, department or size bracket names none of the
form's choices is a French 400 that says which filter, not an empty list under a form reading
« Toutes »."""

from __future__ import annotations

import html

import pytest

from barometre.referential.models import Commune

pytestmark = pytest.mark.database

PAGES = ["/campagne/apres/classement/", "/campagne/apres/carte-de-chaleur/"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("tranche=zz", "la taille «\u00a0zz\u00a0»"),
        ("region=99", "la région «\u00a099\u00a0»"),
        ("departement=9Z", "le département «\u00a09Z\u00a0»"),
    ],
)
def test_an_unknown_filter_is_a_french_400(client, site, page: str, query: str, named) -> None:
    response = client.get(f"{page}?{query}")
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "<h1>Filtre inconnu</h1>" in text
    assert f"Filtre inconnu\u00a0: {named} ne fait pas partie des choix." in text
    assert f'href="{page}">Voir la liste sans filtre</a>' in text


def test_the_csv_of_an_unknown_filter_is_refused_too(client, site) -> None:
    response = client.get("/campagne/apres/classement/?tranche=zz&format=csv")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("page", PAGES)
def test_the_form_s_own_choices_are_kept(client, site, page: str) -> None:
    nantes = Commune.objects.get(code="44109")
    for query in (
        "tranche=ge200000",
        f"region={nantes.region_id}",
        f"departement={nantes.department_id}",
        "epci=123456789",  # an unknown SIREN: said in the form, where it is typed
    ):
        assert client.get(f"{page}?{query}").status_code == 200, query


@pytest.mark.parametrize("level", ["9", "zz", "01", "-1"])
def test_an_unknown_level_on_a_service_s_page_is_a_french_400(client, site, level: str) -> None:
    slug = site.auto_cell.service.slug
    page = f"/campagne/apres/service/{slug}/"
    response = client.get(page, {"niveau": level})
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert f"Filtre inconnu\u00a0: le niveau «\u00a0{level}\u00a0» ne fait pas partie" in text
    assert client.get(page, {"niveau": "2"}).status_code == 200
