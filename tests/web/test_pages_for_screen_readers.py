"""Every page of the site, public and signed in, read as a screen reader reads it: one h1 and no
skipped heading level, a name on every form field, a caption on every table, a scope on every
header cell, a title of its own."""

from __future__ import annotations

import pytest
from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from tests.a11y import page_problems


def _public_pages(site) -> list[str]:
    campaign = site.after
    service = campaign.catalogue.services.order_by("position").first()
    return [
        "/",
        "/recherche/?q=es",
        "/campagne/apres/",
        "/campagne/apres/classement/",
        "/campagne/apres/classement/?tranche=ge200000",
        "/campagne/apres/carte-de-chaleur/",
        "/campagne/apres/carte-de-chaleur/?tranche=ge200000",
        f"/campagne/apres/service/{service.slug}/",
        f"/campagne/apres/domaine/{service.domain}/",
        "/campagne/apres/methodologie/",
        "/commune/44109/",
        "/commune/44109/?campagne=avant",
        f"/preuve/{site.record.pk}/",
        "/programmes/",
        "/accessibilite/",
        "/connexion/",
        "/nexiste-pas/",
        "/enquete/",
    ]


def _signed_in_pages(site) -> list[str]:
    return [
        "/revue/",
        f"/revue/cellule/{site.auto_cell.pk}/",
        "/revue/double-codage/",
        "/revue/arbitrage/",
    ]


def _read(client: Client, urls: list[str]) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        pages[url] = response.content.decode()
    return pages


@pytest.fixture
def pages(client: Client, site, users) -> dict[str, str]:
    read = _read(client, _public_pages(site))
    client.force_login(users["coordinateur"])
    return read | _read(client, _signed_in_pages(site))


def test_every_page_names_its_fields_captions_its_tables_and_orders_its_headings(pages) -> None:
    found = {url: page_problems(page) for url, page in pages.items()}
    assert {url: problems for url, problems in found.items() if problems} == {}


def test_every_page_has_a_title_of_its_own(pages) -> None:
    titles: dict[str, list[str]] = {}
    for url, page in pages.items():
        titles.setdefault(LexborHTMLParser(page).css_first("title").text(), []).append(url)
    assert {title: urls for title, urls in titles.items() if len(urls) > 1} == {}


def test_a_filtered_list_names_its_filters_in_its_title(client: Client, site) -> None:
    for url in ("/campagne/apres/classement/", "/campagne/apres/carte-de-chaleur/"):
        page = client.get(url + "?tranche=ge200000").content.decode()
        title = LexborHTMLParser(page).css_first("title").text()
        assert "(200\u00a0000 habitants et plus)" in title, title

