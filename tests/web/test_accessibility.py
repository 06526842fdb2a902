"""What the RGAA asks of the pages, read from the HTML: errors tied to their fields, one title
per page, landmarks told apart, the accessibility statement linked from every page."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from selectolax.lexbor import LexborHTMLParser

from barometre.assessments.models import Cell
from barometre.assessments.services.draw import codings_assign
from barometre.referential.models import Website
from barometre.web.views.errors import server_error
from tests.a11y import referenced_text
from tests.factories import CampaignFactory, CommuneFactory, set_cells
from tests.web.conftest import archive_record


def test_review_form_errors_are_tied_to_their_fields(client: Client, site, users) -> None:
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    page = client.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {"action": "override", "seen": cell.assessment_id, "level": "1", "justification": ""},
    ).content.decode()
    # why and what to write, where Django said « Ce champ est obligatoire. »
    assert referenced_text(page, "#id_justification", "aria-describedby") == [
        "Justifiez la correction (ce que montre le site)\u00a0: elle est gardée avec le niveau "
        "dans l'historique de la cellule."
    ]
    assert (
        LexborHTMLParser(page).css_first("#id_justification").attributes["aria-invalid"] == "true"
    )
    assert referenced_text(page, "#id_evidence_url", "aria-describedby") == [""]


def test_every_page_links_its_accessibility_status_to_the_statement(client: Client, site) -> None:
    for url in ("/", "/connexion/", "/nexiste-pas/", "/campagne/apres/"):
        tree = LexborHTMLParser(client.get(url).content.decode())
        link = tree.css_first("footer a[href='/accessibilite/']")
        assert link is not None and link.text(strip=True) == "Accessibilité : non conforme", url
    statement = client.get(reverse("web:accessibility"))
    assert statement.status_code == 200
    tree = LexborHTMLParser(statement.content.decode())
    assert [h.text(strip=True) for h in tree.css("h1")] == ["Déclaration d'accessibilité"]
    assert tree.css_first("title").text().startswith("Déclaration d'accessibilité")
    headings = [h.text(strip=True) for h in tree.css("main h2")]
    assert headings[:1] == ["État de conformité"] and "Voies de recours" in headings
    assert "RGAA" in tree.css_first("main").text()


def test_the_search_landmarks_of_a_page_have_distinct_names(client: Client, site) -> None:
    for url in ("/", "/recherche/"):
        tree = LexborHTMLParser(client.get(url).content.decode())
        names = [f.attributes.get("aria-label") for f in tree.css("[role=search]")]
        assert len(names) == 2 and None not in names and len(set(names)) == 2, url


def test_a_form_sent_back_with_errors_says_so_in_the_title(client: Client, site, users) -> None:
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    title = LexborHTMLParser(client.get(url).content.decode()).css_first("title").text()
    assert title.startswith("Revue —")
    sent = client.post(
        url, {"action": "override", "seen": cell.assessment_id, "level": "1", "justification": ""}
    )
    title = LexborHTMLParser(sent.content.decode()).css_first("title").text()
    assert title.startswith("Erreur : Revue —")


def test_the_coding_page_links_only_http_websites(client: Client, site, users) -> None:
    Website.objects.create(
        commune_id="44109", url="javascript:alert(1)", host="x", confidence="low", source="user"
    )
    auditors = [users["auditeur"], users["coordinateur"]]
    cells = list(Cell.objects.filter(pk=site.auto_cell.pk))
    mine = next(
        a
        for a in codings_assign(cells=cells, auditors=auditors, size=1, seed=1, now=timezone.now())
        if a.auditor == users["auditeur"]
    )
    client.force_login(users["auditeur"])
    page = client.get(reverse("web:review-coding", kwargs={"pk": mine.pk})).content.decode()
    hrefs = [a.attributes.get("href") or "" for a in LexborHTMLParser(page).css("main a")]
    assert "javascript:alert(1)" in page and not any(h.startswith("javascript") for h in hrefs)


def test_the_server_error_page_has_a_main_landmark_and_the_accessibility_link() -> None:
    tree = LexborHTMLParser(server_error(RequestFactory().get("/")).content.decode())
    assert tree.css_first("html").attributes["lang"] == "fr"
    assert [h.text() for h in tree.css("main h1")] == ["Erreur interne"]
    assert tree.css_first("footer a[href='/accessibilite/']") is not None


def test_titles_tell_apart_communes_archived_pages_and_searches(client: Client, site) -> None:
    def title(url: str) -> str:
        return LexborHTMLParser(client.get(url).content.decode()).css_first("title").text()

    CommuneFactory(code="85109", name="Nantes", population=300)  # a namesake
    assert title("/commune/44109/") != title("/commune/85109/")
    assert title("/commune/44109/").startswith("Nantes (44109) — apres")
    other = archive_record(Path(settings.WARC_ROOT), site.after, "44109")
    assert title(f"/preuve/{site.record.pk}/") != title(f"/preuve/{other.pk}/")
    assert title(f"/preuve/{other.pk}/").startswith(f"Page archivée n° {other.pk} — http")
    assert title("/recherche/?q=Zzz").startswith("Recherche «\u00a0Zzz\u00a0»")
    assert title("/recherche/?q=Zzz") != title("/recherche/?q=Yyy")


def test_a_paginated_page_says_which_page_in_its_title(client: Client, db, settings) -> None:
    communes = [CommuneFactory(code=f"90{i:03d}", name=f"Ville {i}") for i in range(55)]
    campaign = CampaignFactory(name="grande", communes=communes)
    slug = campaign.catalogue.services.order_by("position").first().slug
    set_cells(campaign, {(c.code, slug): i % 5 for i, c in enumerate(communes)})

    def title(url: str) -> str:
        return LexborHTMLParser(client.get(url).content.decode()).css_first("title").text()

    ranking = reverse("web:ranking", kwargs={"name": "grande"})
    assert title(ranking).startswith("Classement — grande (page 1 sur 2) — ")
    assert title(ranking + "?page=2").startswith("Classement — grande (page 2 sur 2) — ")
    assert "(page" not in title(reverse("web:overview", kwargs={"name": "grande"}))


def test_skip_links_lead_to_the_dsfr_four_places(client: Client, site) -> None:
    for url in ("/", "/campagne/apres/", "/accessibilite/"):
        tree = LexborHTMLParser(client.get(url).content.decode())
        links = tree.css(".fr-skiplinks a")
        names = [a.text(strip=True) for a in links]
        # « Menu » and « Recherche » twice: one link shown on each side of the header breakpoint
        assert list(dict.fromkeys(names)) == ["Contenu", "Menu", "Recherche", "Pied de page"], url
        for a in links:
            assert tree.css_first(a.attributes["href"]) is not None, (url, a.attributes["href"])


def test_a_communes_service_buttons_say_level_in_words(client: Client, site) -> None:
    """The level badge alone read « 3 Demande d'acte… » (a bare number before the service)."""
    tree = LexborHTMLParser(client.get("/commune/44109/?campagne=apres").content.decode())
    for node in tree.css('[aria-hidden="true"]'):
        node.decompose()
    spoken = [b.text(strip=False).strip() for b in tree.css("button.fr-accordion__btn")]
    assert spoken and all(s.startswith(("Niveau ", "Sans objet : ")) for s in spoken), spoken
    assert spoken[0].startswith("Niveau 3 : ")


def test_a_communes_rank_reads_as_french(client: Client, site) -> None:
    """The tile said « rang 1 national »; the ranking page says « Rang national »."""
    tiles = LexborHTMLParser(client.get("/commune/35238/?campagne=apres").content.decode())
    said = " ".join(t.text(strip=True) for t in tiles.css(".fr-tile__desc"))
    assert "rang national : 1" in said and "national)" not in said


def test_the_header_dialogs_are_named(client: Client, site) -> None:
    """Below the header breakpoint the menu and the search open as DSFR modals (role dialog);
    the search's had no accessible name (DSFR warned « Modal #recherche-modale - missing
    accessible name »), so a screen reader announced an unnamed dialog. Each is named by the
    button that opens it."""
    for language in ("fr", "en"):
        client.cookies["barometre_langue"] = language
        tree = LexborHTMLParser(client.get("/").content.decode())
        modals = tree.css("header .fr-modal")
        assert [m.attributes.get("id") for m in modals] == ["recherche-modale", "menu-principal"]
        for modal in modals:
            names = referenced_text(tree.html, f"#{modal.attributes['id']}", "aria-labelledby")
            opener = tree.css_first(f"button[aria-controls={modal.attributes['id']}][id]")
            assert names == [opener.text(strip=True)] and names[0], (language, names)


def test_a_refused_login_puts_the_focus_where_to_type_again(client: Client, users) -> None:
    """A wrong password sent the login page back with the focus nowhere (the body): a keyboard
    user went through the skip links and the header again to reach the password. The field to
    type again now has it: the password, the user name kept; the user name when none was
    given. The first visit moves no focus."""

    def focused(response) -> list[str]:
        tree = LexborHTMLParser(response.content.decode())
        return [n.attributes["id"] for n in tree.css("main [autofocus]")]

    assert focused(client.get("/connexion/")) == []
    refused = client.post("/connexion/", {"username": "auditeur-test", "password": "faux"})
    assert refused.status_code == 200 and focused(refused) == ["id_password"]
    kept = LexborHTMLParser(refused.content.decode()).css_first("#id_username")
    assert kept.attributes["value"] == "auditeur-test"
    assert focused(client.post("/connexion/", {"username": "", "password": "x"})) == ["id_username"]
