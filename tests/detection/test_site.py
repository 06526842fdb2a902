"""site_levels: the best-evidenced level per service across a site's pages."""

from __future__ import annotations

from barometre.detection import Page, analyse_page, site_levels

SITE = "https://www.ville.fr"
PORTAL = "https://ville.portail-familles.app/"
PAYFIP = "https://www.payfip.gouv.fr/tpa/paiementws.web?numcli=9"


def _page(path: str, title: str, body: str) -> Page:
    return Page(
        url=SITE + path,
        html=f"<html><head><title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>",
    )


def test_the_site_level_is_the_best_evidenced_across_pages(catalogue, platforms) -> None:
    pages = [
        _page(
            "/creches", "Crèches", "<p>Les crèches accueillent les enfants de 3 mois à 3 ans.</p>"
        ),
        _page(
            "/creches/inscription",
            "Pré-inscription en crèche",
            '<p>Téléchargez le <a href="/f/preinscription.pdf">formulaire de pré-inscription'
            "</a>.</p>",
        ),
    ]
    analyses = [analyse_page(p, catalogue=catalogue, platforms=platforms) for p in pages]
    levels = site_levels(analyses, catalogue=catalogue)
    assert levels["petite-enfance"].level == 2
    assert levels["petite-enfance"].evidence_url == SITE + "/creches/inscription"
    assert set(levels["petite-enfance"].pages) == {SITE + "/creches", SITE + "/creches/inscription"}
    assert "formulaire" in levels["petite-enfance"].rationale
    assert "urbanisme" not in levels  # a service no page is about is absent (level 0)


def test_dead_links_are_no_evidence(catalogue, platforms) -> None:
    page = _page(
        "/alsh",
        "Accueil de loisirs",
        f'<p>Réservez les mercredis sur le <a href="{PORTAL}">portail famille</a>.</p>',
    )
    analyses = [analyse_page(page, catalogue=catalogue, platforms=platforms)]
    assert site_levels(analyses, catalogue=catalogue)["accueil-loisirs"].level == 3
    dead = site_levels(analyses, catalogue=catalogue, dead_urls=frozenset({PORTAL}))
    assert dead["accueil-loisirs"].level == 1


def test_a_platform_page_reached_from_a_service_page_lends_it_its_evidence(
    catalogue, platforms
) -> None:
    service = _page(
        "/alsh",
        "Accueil de loisirs",
        f'<p>Réservez les mercredis sur le <a href="{PORTAL}">portail famille</a>.</p>',
    )
    portal = Page(
        url=PORTAL,
        html="<html><body><main><h1>Bienvenue</h1><p>Connectez-vous.</p>"
        f'<p><a href="{PAYFIP}">Payer en ligne</a></p></main></body></html>',
    )
    analyses = [
        analyse_page(p, catalogue=catalogue, platforms=platforms) for p in (service, portal)
    ]
    levels = site_levels(analyses, catalogue=catalogue)
    assert levels["accueil-loisirs"].level == 4
    assert levels["accueil-loisirs"].evidence_url == PORTAL


def test_levels_are_capped_at_the_service_maximum(catalogue, platforms) -> None:
    page = _page(
        "/objets-trouves",
        "Objets trouvés",
        "<p>Déclarez une perte en ligne ; connectez-vous avec FranceConnect : vos données sont "
        "pré-remplies, et payez en ligne.</p>",
    )
    levels = site_levels(
        [analyse_page(page, catalogue=catalogue, platforms=platforms)], catalogue=catalogue
    )
    assert levels["objets-trouves"].level == 3
    assert "plafonné" in levels["objets-trouves"].rationale


def test_an_outside_platform_page_alone_is_no_evidence(catalogue, platforms) -> None:
    portal = Page(
        url=PORTAL,
        html="<html><body><main><h1>Portail Famille</h1><p>Payez vos factures de cantine en "
        "ligne.</p></main></body></html>",
    )
    analysis = analyse_page(portal, catalogue=catalogue, platforms=platforms)
    assert analysis.platform == "portail-familles"
    assert site_levels([analysis], catalogue=catalogue) == {}
