"""Every page of the site, public and signed in, read as a screen reader reads it: one h1 and no
skipped heading level, a name on every form field, a caption on every table, a scope on every
header cell, a title of its own, and links whose names say where they go."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from selectolax.lexbor import LexborHTMLParser

from barometre.assessments.models import Cell, Source
from barometre.assessments.services import AutoValue, assessments_record_auto
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision, coding_answer
from barometre.referential.models import Website
from tests.a11y import ambiguous_links, link_name, page_problems
from tests.factories import CampaignFactory, CommuneFactory, set_cells
from tests.web.conftest import archive_record


def _public_pages(site) -> list[str]:
    campaign = site.after
    service = campaign.catalogue.services.order_by("position").first()
    return [
        "/",
        "/recherche/?q=es",
        "/campagne/apres/",
        "/campagne/apres/classement/",
        "/campagne/apres/classement/?tranche=ge200000",
        "/campagne/apres/classement/?epci=123",
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
        "/donnees-ouvertes/",
        "/connexion/",
        "/nexiste-pas/",
        "/enquete/",
    ]


def _coding_pages(site, users) -> list[str]:
    """The blind double coding pages, once a cell is drawn for the coordinator (its review page
    then sends them to its coding page)."""
    auditors = [users["auditeur"], users["coordinateur"]]
    cells = list(Cell.objects.filter(pk=site.auto_cell.pk))
    drawn = codings_assign(cells=cells, auditors=auditors, size=1, seed=1, now=timezone.now())
    mine = next(a for a in drawn if a.auditor == users["coordinateur"])
    return ["/revue/double-codage/", f"/revue/double-codage/{mine.pk}/"]


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
    refused = client.post("/connexion/", {"username": "coordinateur-test", "password": "x"})
    read["connexion, erreur"] = refused.content.decode()
    client.force_login(users["coordinateur"])
    cell = f"/revue/cellule/{site.auto_cell.pk}/"
    read |= _read(client, ["/revue/", cell, "/revue/arbitrage/"])
    read["revue, erreurs"] = client.post(cell, {"action": "override"}).content.decode()
    assert "<title>Erreur" in read["revue, erreurs"]  # sent back with its errors
    return read | _read(client, _coding_pages(site, users))


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


def test_no_two_links_of_a_page_share_a_name_but_not_a_place(pages) -> None:
    found = {url: ambiguous_links(page) for url, page in pages.items()}
    assert {url: names for url, names in found.items() if names} == {}


def test_namesake_communes_are_told_apart_in_every_list(client: Client, db, users) -> None:
    """Two « Saint-Denis » read alike as row headers and as links on the service page and the
    heatmap (the ranking gave their codes); in the review queue each commune's link was its
    name alone, once for each of its services."""
    communes = [
        CommuneFactory(code="93066", name="Saint-Denis", population=110_000),
        CommuneFactory(code="97411", name="Saint-Denis", population=150_000),
    ]
    campaign = CampaignFactory(name="homonymes", communes=communes)
    slugs = list(campaign.catalogue.services.order_by("position").values_list("slug", flat=True))
    set_cells(campaign, {(c.code, s): 2 for c in communes for s in slugs[:2]})
    Cell.objects.filter(campaign=campaign).update(source=Source.AUTO)
    client.force_login(users["coordinateur"])
    for url in (
        "/campagne/homonymes/classement/",
        "/campagne/homonymes/carte-de-chaleur/",
        f"/campagne/homonymes/service/{slugs[0]}/",
        "/revue/",
    ):
        page = client.get(url).content.decode()
        rows = [" ".join(th.text().split()) for th in LexborHTMLParser(page).css("th[scope=row]")]
        rows = [row for row in rows if "Saint-Denis" in row]
        assert len(rows) == len(set(rows)) >= 2, (url, rows)
        assert ambiguous_links(page) == [], url
    queue = LexborHTMLParser(page).css("main a[href^='/revue/cellule/']")
    names = [link_name(a) for a in queue]  # out of context too: each cell's link its own
    assert len(names) == 4 and len(set(names)) == 4, names


def test_a_links_list_tells_apart_a_communes_archived_pages_and_the_queues_cells(
    client: Client, site, users, settings
) -> None:
    """A links list (a screen reader's list of a page's links, out of context) read
    « Voir la page archivée » once for each service of a commune, and the review queue
    « Nantes » once for each of its cells, whichever the commune's code."""
    second = site.after.catalogue.services.order_by("position")[2].slug
    record = archive_record(Path(settings.WARC_ROOT), site.after, "44109")
    value = AutoValue(
        commune="44109",
        service=second,
        level=2,
        evidence_url="http://127.0.0.1:9/autre",
        confidence=0.3,
        evidence_record_id=record.pk,
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    client.force_login(users["coordinateur"])
    for url, selector in (
        ("/commune/44109/?campagne=apres", "a[href^='/preuve/']"),
        ("/revue/", "a[href^='/revue/cellule/']"),
    ):
        tree = LexborHTMLParser(client.get(url).content.decode())
        names = [link_name(a) for a in tree.css(f"main {selector}")]
        assert len(names) >= 2 and len(set(names)) == len(names), (url, names)


def test_a_links_list_tells_apart_the_review_links_of_an_archived_page_and_the_codings(
    client: Client, db, users, settings, tmp_path
) -> None:
    """Out of context, the archived page's links to the cells read on it were « Revoir la
    cellule Saint-Denis, Paiement… » twice (two namesake communes whose shared platform page
    it is), and « Mes cellules en double codage » « Saint-Denis » once for each cell: each
    link now names its service, its commune and its code."""
    settings.WARC_ROOT = tmp_path
    communes = [
        CommuneFactory(code="93066", name="Saint-Denis", population=110_000),
        CommuneFactory(code="97411", name="Saint-Denis", population=150_000),
    ]
    campaign = CampaignFactory(name="homonymes", communes=communes)
    slugs = list(campaign.catalogue.services.order_by("position").values_list("slug", flat=True))
    record = archive_record(tmp_path, campaign, "93066")
    values = [
        AutoValue(
            commune=c.code,
            service=slug,
            level=2,
            evidence_url=record.url,
            confidence=0.3,
            evidence_record_id=record.pk,
        )
        for c in communes
        for slug in slugs[:2]
    ]
    assessments_record_auto(campaign=campaign, values=values, now=timezone.now())
    client.force_login(users["coordinateur"])
    tree = LexborHTMLParser(client.get(f"/preuve/{record.pk}/").content.decode())
    names = [link_name(a) for a in tree.css("main a[href^='/revue/cellule/']")]
    assert len(names) == 4 and len(set(names)) == 4, names
    assert "— Saint-Denis (97411)" in names[-1], names
    cells = list(Cell.objects.filter(campaign=campaign))
    codings_assign(
        cells=cells,
        auditors=[users["auditeur"], users["coordinateur"]],
        size=4,
        seed=1,
        now=timezone.now(),
    )
    tree = LexborHTMLParser(client.get("/revue/double-codage/").content.decode())
    names = [link_name(a) for a in tree.css("main a[href^='/revue/double-codage/']")]
    assert len(names) >= 2 and len(set(names)) == len(names), names


def test_the_campaign_admin_names_its_models_and_fields_in_french(
    client: Client, site, users
) -> None:
    """The admin, in French, said « Sélectionnez l'objet campaign à changer », « Referential »,
    « Websites », « Created at », « Is primary »: English words a French screen reader mangles."""
    client.force_login(users["administrateur"])
    index = LexborHTMLParser(client.get("/admin/").content.decode()).css_first("#content-main")
    words = " ".join(index.text().split())
    assert "Référentiel" in words and "Campagnes" in words and "Websites" not in words
    listing = LexborHTMLParser(client.get("/admin/referential/campaign/").content.decode())
    assert listing.css_first("title").text().startswith("Sélectionnez l’objet campagne à changer")
    headers = [" ".join(th.text().split()) for th in listing.css("#result_list thead th")]
    assert "Créée le" in headers and "Created at" not in headers
    Website.objects.create(
        commune_id="44109",
        url="https://nantes.fr/",
        host="nantes.fr",
        confidence="high",
        source="user",
    )
    sites = LexborHTMLParser(client.get("/admin/referential/website/").content.decode())
    headers = [" ".join(th.text().split()) for th in sites.css("#result_list thead th")]
    assert {"Adresse", "Site principal", "Actif"} <= set(headers), headers


def test_a_cells_signal_links_differ_and_say_they_open_a_new_window(client: Client, site) -> None:
    """Two pages of one site read « https://www.ville.test/demarches-en-ligne/inscrip… » twice
    (their addresses cut at the end), and opened a new window without a word."""
    base = "https://www.ville.test/demarches-en-ligne/inscriptions-et-demandes/"
    signals = [
        {"kind": "formulaire", "detail": "un formulaire", "url": base + page, "level": 2}
        for page in ("inscription-sur-les-listes-electorales/", "inscription-scolaire/")
    ]
    slug = site.after.catalogue.services.order_by("position")[3].slug
    value = AutoValue(
        commune="44109", service=slug, level=2, evidence_url=base, confidence=0.5, rationale=signals
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    tree = LexborHTMLParser(client.get("/commune/44109/?campagne=apres").content.decode())
    links = tree.css(f"main details a[href^='{base}']")
    names = [link_name(a) for a in links]
    assert len(names) == 2 and len(set(names)) == 2, names
    assert names[0].endswith("electorales/") and len(names[0]) == 60, names
    assert all(a.attributes["title"].endswith("— nouvelle fenêtre") for a in links)


def test_the_coders_evidence_links_say_they_open_a_new_window(client: Client, site, users) -> None:
    """The blind coding page and the cell's list of codings linked each coder's evidence into a
    new window without a word, its address cut at the end."""
    cell = site.auto_cell
    auditors = [users["auditeur"], users["coordinateur"]]
    drawn = codings_assign(cells=[cell], auditors=auditors, size=1, seed=1, now=timezone.now())
    for assignment in drawn:
        url = f"https://www.ville.test/demarches-en-ligne/etat-civil/{assignment.auditor.username}/"
        decision = Decision(level=3, not_applicable=False, justification="vu", evidence_url=url)
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )
    client.force_login(users["coordinateur"])
    mine = next(a for a in drawn if a.auditor == users["coordinateur"])
    for url in (f"/revue/double-codage/{mine.pk}/", f"/revue/cellule/{cell.pk}/"):
        page = client.get(url).content.decode()
        assert "coordinateur-test/" in page, url
        assert page_problems(page) == [], url
