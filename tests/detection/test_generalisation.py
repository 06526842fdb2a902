"""Rules added after the `wild` batch (docs/detection-rules.md): each test is one of them, on a page
written for the test in the manner of the sites that batch was modelled on."""

from __future__ import annotations

from barometre.detection import Page, PlatformRegistry, analyse_page
from barometre.referential.catalogue import CatalogueSpec

SP = "https://www.service-public.fr/particuliers/vosdroits"


def village(heading: str, body: str, url: str = "https://www.petit-village.fr/infos") -> Page:
    """An old village template: the <title> is the village's name, the page's title an <h3>."""
    html = (
        "<html><head><title>Petit-Village</title></head><body><table><tr><td class='menu'>"
        '<a href="/">Accueil</a> - <a href="/mairie">La mairie</a> - <a href="/ecole">École</a>'
        f"</td></tr><tr><td><h3>{heading}</h3>{body}</td></tr></table></body></html>"
    )
    return Page(url=url, html=html)


def levels(p: Page, catalogue: CatalogueSpec, platforms: PlatformRegistry) -> dict[str, int]:
    analysis = analyse_page(p, catalogue=catalogue, platforms=platforms)
    return {m.service: m.level for m in analysis.services}


def test_a_heading_that_opens_the_content_is_the_title_of_a_page_without_h1(
    catalogue, platforms
) -> None:
    p = village(
        "Voirie",
        "<p>Un lampadaire en panne, un fossé bouché ? Prévenez la mairie par téléphone.</p>",
        "https://www.petit-village.fr/infos/voirie",
    )
    assert levels(p, catalogue, platforms) == {"signalement": 1}


def test_a_page_naming_no_service_in_its_title_is_about_each_procedure_it_describes(
    catalogue, platforms
) -> None:
    p = village(
        "Infos pratiques",
        "<p>Élections : inscription sur la liste électorale en mairie.</p>"
        "<p>Carte d'identité et passeport : à la mairie du chef-lieu, sur rendez-vous.</p>"
        "<p>Bibliobus : le premier jeudi du mois sur la place.</p>",
    )
    assert levels(p, catalogue, platforms) == {"listes-electorales": 1, "titres-identite": 1}


def test_the_block_holding_the_title_is_no_menu_however_many_quick_links_it_holds(
    catalogue, platforms
) -> None:
    quick = "".join(f'<li><a href="/rubrique-{k}">Rubrique {k}</a></li>' for k in range(8))
    html = (
        "<html><head><title>Démarches</title></head><body><div id='content'>"
        "<h1>Démarches</h1><p>Ce que vous pouvez faire sans vous déplacer.</p>"
        f'<p><a href="{SP}/R1406">Demander un acte de naissance</a></p>'
        f"<ul>{quick}</ul></div></body></html>"
    )
    p = Page(url="https://www.ville.fr/demarches", html=html)
    assert levels(p, catalogue, platforms) == {"actes-etat-civil": 3}


def test_a_title_saying_online_is_no_channel_when_its_link_is_dead(catalogue, platforms) -> None:
    dead = "https://www.ville.fr/teleservices/acte"
    html = (
        "<html><head><title>Demande d'acte en ligne</title></head><body><main>"
        "<h1>Demande d'acte en ligne</h1><p>Vous pouvez demander une copie d'acte de naissance.</p>"
        f'<p><a href="{dead}">Remplir le formulaire de demande d\'acte</a></p></main></body></html>'
    )
    p = Page(url="https://www.ville.fr/etat-civil/acte-en-ligne", html=html)
    dead_urls = frozenset({dead})
    analysis = analyse_page(p, catalogue=catalogue, platforms=platforms, dead_urls=dead_urls)
    assert {m.service: m.level for m in analysis.services} == {"actes-etat-civil": 1}


def test_a_cerfa_on_service_public_is_a_download_and_a_look_up_is_no_request(
    catalogue, platforms
) -> None:
    permit = village(
        "Permis de construire",
        f'<p>Le formulaire : <a href="{SP}/R11637">cerfa n° 13406</a>, à déposer en mairie.</p>',
    )
    assert levels(permit, catalogue, platforms) == {"urbanisme": 2}
    lists = village(
        "Liste électorale",
        "<p>Vérifiez votre inscription sur service-public.fr. Sinon, inscrivez-vous en mairie.</p>",
    )
    assert levels(lists, catalogue, platforms) == {"listes-electorales": 1}


def test_bills_paid_by_direct_debit_on_a_canteen_page_are_the_bills_service_at_level_1(
    catalogue, platforms
) -> None:
    p = village(
        "Cantine scolaire",
        "<p>Les inscriptions à la cantine se font au secrétariat de mairie.</p>"
        "<p>Les factures sont envoyées chaque mois et se règlent par chèque ou par "
        "prélèvement.</p>",
    )
    assert levels(p, catalogue, platforms) == {"periscolaire": 1, "paiement-famille": 1}


def test_a_copy_of_an_identity_card_among_documents_is_not_the_identity_card_service(
    catalogue, platforms
) -> None:
    p = village(
        "Recensement militaire",
        '<p>Remplissez le <a href="/docs/recensement.pdf">formulaire de recensement (PDF)</a> et '
        "déposez-le en mairie avec une copie de votre carte d'identité.</p>",
    )
    assert levels(p, catalogue, platforms) == {"recensement-citoyen": 2}
