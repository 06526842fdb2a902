"""The menu's « API et données ouvertes » leads to a page a reader can use without the code:
each campaign's package, every column of its tables as datapackage.json describes it, the
licence and sources, and the API. It led to the API's JSON index, which names neither the files
nor their columns."""

from __future__ import annotations

import html
import re

import pytest

from barometre.outputs.opendata.package import SOURCES, TABLES

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    body = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"[ \t\r\n]+", " ", body)


def test_the_menu_leads_to_the_open_data_page_not_to_json(client, site) -> None:
    page = client.get("/").content.decode()
    (link,) = re.findall(r'<a class="fr-nav__link" href="([^"]+)"[^>]*>API et données', page)
    assert link == "/donnees-ouvertes/"
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert 'href="/donnees-ouvertes/" aria-current="page"' in response.content.decode()


def test_the_page_links_every_campaign_s_files_and_describes_every_column(client, site) -> None:
    response = client.get("/donnees-ouvertes/")
    body, text = response.content.decode(), _text(response)
    for campaign in (site.before, site.after):
        for name in ("cellules.csv", "scores.parquet", "datapackage.json", "donnees.zip"):
            assert f'href="/donnees/{campaign.name}/{name}"' in body
        # every table of the package, the communes too (the page listed three of the four)
        for table in TABLES:
            assert f'href="/donnees/{campaign.name}/{table}.xlsx"' in body, table
    for fields in TABLES.values():
        for field in fields:
            assert field.description + "." in text, field.name
    assert "Licence Ouverte / Open Licence version 2.0" in text
    for source in SOURCES:
        assert source["title"] in text
    assert 'href="/api/v1/"' in body and 'href="/api/openapi.json"' in body


def test_the_page_links_every_election_s_programmes_package(
    client, site, settings, tmp_path
) -> None:
    """The page linked only to the programmes' home: a reuser looking for every package on
    « Données ouvertes » found the campaigns' and had to look for the elections' elsewhere."""
    from barometre.programmes.models import Programme
    from tests.api.conftest import read_and_close
    from tests.web.test_public_programmes import _programme

    settings.HOME = tmp_path
    _programme("44109", "Réelle", mentions_digital=True, themes=["site_web"])
    demo = _programme("44109", "Inventée")
    Programme.objects.filter(pk=demo.pk).update(is_demo=True)
    response = client.get("/donnees-ouvertes/")
    body, text = response.content.decode(), _text(response)
    assert 'href="/programmes/2026/donnees.zip"' in body
    assert 'href="/programmes/2026/demonstration/donnees.zip"' in body
    assert 'href="/programmes/2026/demonstration/"' in body
    assert "Programmes de l'élection de 2026 (démonstration)" in text
    assert read_and_close(client.get("/programmes/2026/donnees.zip"))[:2] == b"PK"


def test_the_page_names_both_licences_of_the_data(client, site) -> None:
    """The communes' codes and names come under the MIT licence, which datapackage.json lists
    beside the Licence Ouverte: the page names both."""
    from barometre.outputs.opendata.package import LICENCES

    response = client.get("/donnees-ouvertes/")
    body, text = response.content.decode(), _text(response)
    for licence in LICENCES:
        assert licence["title"] in text and f"<code>{licence['name']}</code>" in body
