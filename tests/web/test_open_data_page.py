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
    for fields in TABLES.values():
        for field in fields:
            assert field.description + "." in text, field.name
    assert "Licence Ouverte / Open Licence version 2.0" in text
    for source in SOURCES:
        assert source["title"] in text
    assert 'href="/api/v1/"' in body and 'href="/api/openapi.json"' in body
