"""analyse_page on small pages written for the test: each case is one rule of the scale."""

from __future__ import annotations

from barometre.detection import Page, PlatformRegistry, analyse_page
from barometre.referential.catalogue import CatalogueSpec

SP = "https://www.service-public.fr/particuliers/vosdroits"
MENU = (
    '<header><nav><ul><li><a href="/etat-civil">État civil</a></li><li><a href="/creches">Crèches'
    '</a></li><li><a href="https://www.payfip.gouv.fr/tpa/accueilportail.web">Payer en ligne</a>'
    '</li><li><a href="https://demarches.ville.fr/">Mes démarches</a></li></ul></nav></header>'
)
FOOTER = (
    '<footer><a href="https://demarches.ville.fr/">Mes démarches en ligne</a> | '
    '<a href="https://ville.portail-familles.app/">Portail Famille</a> | État civil | Urbanisme'
    "</footer>"
)


def page(title: str, body: str, url: str = "https://www.ville.fr/page") -> Page:
    html = (
        f"<html><head><title>{title} - Ville</title></head><body>{MENU}"
        f"<main><h1>{title}</h1>{body}</main>{FOOTER}</body></html>"
    )
    return Page(url=url, html=html)


def levels(
    p: Page, catalogue: CatalogueSpec, platforms: PlatformRegistry, **kw: object
) -> dict[str, int]:
    analysis = analyse_page(p, catalogue=catalogue, platforms=platforms, **kw)  # type: ignore[arg-type]
    return {m.service: m.level for m in analysis.services}


def test_information_only_is_level_1_and_menus_do_not_count(catalogue, platforms) -> None:
    p = page(
        "Actes d'état civil",
        "<p>Le service délivre les copies d'actes de naissance, de mariage et de décès.</p>"
        "<p>Horaires : du lundi au vendredi.</p>",
    )
    assert levels(p, catalogue, platforms) == {"actes-etat-civil": 1}


def test_appointment_in_person_is_not_online(catalogue, platforms) -> None:
    p = page(
        "Carte d'identité et passeport",
        "<p>Les demandes de carte nationale d'identité se font sur rendez-vous en mairie, "
        "à prendre par téléphone au 01 02 03 04 05.</p>",
    )
    assert levels(p, catalogue, platforms) == {"titres-identite": 1}


def test_email_as_the_only_channel_is_level_2(catalogue, platforms) -> None:
    p = page(
        "Demande d'acte de naissance",
        "<p>Envoyez votre demande par courriel à etat-civil@ville.fr avec votre filiation.</p>",
    )
    assert levels(p, catalogue, platforms) == {"actes-etat-civil": 2}


def test_a_pdf_cerfa_link_is_level_2(catalogue, platforms) -> None:
    p = page(
        "Déclaration préalable de travaux",
        '<p>Téléchargez le <a href="/docs/cerfa_13703.pdf">formulaire cerfa n° 13703*08</a>.</p>',
    )
    analysis = analyse_page(p, catalogue=catalogue, platforms=platforms)
    match = analysis.service("urbanisme")
    assert match is not None and match.level == 2
    assert any(s.url == "https://www.ville.fr/docs/cerfa_13703.pdf" for s in match.signals)


def test_an_online_teleservice_link_is_level_3_and_a_dead_one_is_no_evidence(
    catalogue, platforms
) -> None:
    p = page(
        "Actes d'état civil",
        f'<p>Demandez votre acte de naissance <a href="{SP}/R1406">en ligne</a>.</p>',
    )
    assert levels(p, catalogue, platforms) == {"actes-etat-civil": 3}
    dead = frozenset({f"{SP}/R1406"})
    assert levels(p, catalogue, platforms, dead_urls=dead) == {"actes-etat-civil": 1}


def test_payfip_is_level_4(catalogue, platforms) -> None:
    p = page(
        "Payer vos factures",
        "<p>Cantine, crèche : réglez vos factures par carte bancaire sur "
        '<a href="https://www.payfip.gouv.fr/tpa/paiementws.web?numcli=1">PayFiP</a>.</p>',
    )
    assert levels(p, catalogue, platforms) == {"paiement-famille": 4}


def test_a_dsfr_franceconnect_button_is_level_5_up_to_the_service_ceiling(
    catalogue, platforms
) -> None:
    button = (
        '<div class="fr-connect-group"><button class="fr-connect"><span class="fr-connect__login">'
        'S’identifier avec</span> <span class="fr-connect__brand">FranceConnect</span></button>'
        '<p><a href="https://franceconnect.gouv.fr/">Qu’est-ce que FranceConnect ?</a></p></div>'
    )
    school = page("Inscription scolaire", f"<p>Inscrivez votre enfant en ligne.</p>{button}")
    assert levels(school, catalogue, platforms) == {"inscription-scolaire": 5}
    identity = page("Passeport", f"<p>Remplissez votre pré-demande de passeport.</p>{button}")
    assert levels(identity, catalogue, platforms) == {"titres-identite": 3}  # max_level 3


def test_an_html_form_with_fields_and_a_submit_is_level_3(catalogue, platforms) -> None:
    form = (
        '<form action="/envoyer"><input name="nom"><input name="adresse"><textarea name="m">'
        '</textarea><button type="submit">Envoyer</button></form>'
    )
    p = page("Signaler un problème sur la voirie", f"<p>Décrivez le problème.</p>{form}")
    assert levels(p, catalogue, platforms) == {"signalement": 3}
    search = page(
        "Signaler un problème sur la voirie",
        '<form role="search"><input name="q"><button>OK</button></form>',
    )
    assert levels(search, catalogue, platforms) == {"signalement": 1}


def test_negated_online_wording_is_no_evidence(catalogue, platforms) -> None:
    p = page(
        "Accueil de loisirs",
        "<p>Le paiement en ligne n'est pas encore disponible : réglez à la régie.</p>"
        "<p>Les inscriptions au centre de loisirs ne peuvent pas se faire en ligne.</p>",
    )
    assert levels(p, catalogue, platforms) == {"accueil-loisirs": 1}


def test_each_section_of_a_page_about_two_services_keeps_its_own_channel(
    catalogue, platforms
) -> None:
    p = page(
        "Citoyenneté",
        "<h2>Listes électorales</h2><p>Inscrivez-vous en ligne sur service-public.fr.</p>"
        "<h2>Recensement citoyen</h2><p>Présentez-vous en mairie avec le livret de famille.</p>",
    )
    assert levels(p, catalogue, platforms) == {"listes-electorales": 3, "recensement-citoyen": 1}


def test_text_only_pages_are_read_from_their_wording(catalogue, platforms) -> None:
    def text(body: str) -> dict[str, int]:
        return levels(Page(url="https://www.ville.fr/x", text=body), catalogue, platforms)

    assert text("Inscription en crèche\n\nFaire la demande en ligne sur le portail.") == {
        "petite-enfance": 3
    }
    assert text("Permis de construire\n\nTélécharger le formulaire (PDF).") == {"urbanisme": 2}
    assert text("Stationnement résident\n\nPayer en ligne votre abonnement résident.") == {
        "stationnement-resident": 4
    }
    assert text("Passeport\n\nSur rendez-vous en mairie uniquement.") == {"titres-identite": 1}


def test_links_are_absolute_and_menus_included_for_the_crawler(catalogue, platforms) -> None:
    analysis = analyse_page(
        page("Urbanisme", '<p><a href="../plu.pdf#p2">PLU</a></p>', "https://www.ville.fr/a/b"),
        catalogue=catalogue,
        platforms=platforms,
    )
    urls = {link.url for link in analysis.links}
    assert "https://www.ville.fr/plu.pdf" in urls
    assert "https://www.ville.fr/etat-civil" in urls
    assert all(u.startswith("http") for u in urls)


def test_an_error_page_is_about_no_service(catalogue, platforms) -> None:
    p = Page(url="https://www.ville.fr/etat-civil", html="<h1>Acte de naissance</h1>", status=404)
    assert analyse_page(p, catalogue=catalogue, platforms=platforms).services == ()


def test_rationale_lists_the_signal_and_its_url_in_french(catalogue, platforms) -> None:
    p = page(
        "Actes d'état civil",
        f'<p>Demandez votre acte de naissance <a href="{SP}/R1406">en ligne</a>.</p>',
    )
    match = analyse_page(p, catalogue=catalogue, platforms=platforms).services[0]
    assert match.rationale.startswith("Niveau 3 (interaction bidirectionnelle)")
    assert f"{SP}/R1406" in match.rationale
    assert 0.5 < match.confidence <= 1.0


def test_bills_named_on_a_canteen_page_are_family_bills(catalogue, platforms) -> None:
    p = page(
        "Restauration scolaire",
        "<p>La cantine accueille les enfants de la maternelle au CM2.</p>"
        "<p>L'inscription se fait avec le dossier unique, à retirer en mairie.</p>"
        '<p>Les factures de cantine se règlent sur <a href="https://www.payfip.gouv.fr/tpa/'
        'paiementws.web?numcli=1">PayFiP</a>.</p>',
    )
    assert levels(p, catalogue, platforms) == {"periscolaire": 1, "paiement-famille": 4}


def test_on_a_parking_page_the_bill_is_the_parking_fee(catalogue, platforms) -> None:
    p = page(
        "Stationnement résidentiel",
        "<p>La carte de stationnement résident est valable un an.</p>"
        "<p>Règlement par carte : <a href='https://www.payfip.gouv.fr/tpa/paiementws.web'>"
        "Régler ma facture en ligne</a>.</p>",
    )
    assert levels(p, catalogue, platforms) == {"stationnement-resident": 4}


def test_a_portal_page_serves_every_procedure_it_names(catalogue, platforms) -> None:
    p = page(
        "L'espace famille",
        "<p>Depuis l'espace famille, inscrivez vos enfants à la cantine et réservez les "
        "mercredis au centre de loisirs.</p>"
        '<p><a href="https://www.espace-citoyens.net/ville/espace-citoyens/Home/Logon">'
        "Se connecter</a></p>",
    )
    found = levels(p, catalogue, platforms)
    assert found["periscolaire"] == 3 and found["accueil-loisirs"] == 3


def test_a_signal_in_a_subsection_belongs_to_the_section_heading_above(
    catalogue, platforms
) -> None:
    p = page(
        "Enfance",
        "<h2>Cantine et garderie</h2><p>Repas préparés sur place.</p><h3>Bon à savoir</h3>"
        "<p>Cette démarche peut être effectuée en ligne sur le portail des démarches.</p>"
        "<h2>Centre de loisirs</h2><p>Ouvert les mercredis ; inscription sur place.</p>",
    )
    assert levels(p, catalogue, platforms) == {"periscolaire": 3, "accueil-loisirs": 1}


def test_a_users_catalogue_service_is_detected_from_its_own_cues(platforms) -> None:
    from barometre.referential.catalogue import catalogue_parse

    raw = (
        b"version: '1'\nname: Test\ndomains: {sport: Sport}\nservices:\n"
        b"  - {id: piscine, label: Abonnement piscine, domain: sport, max_level: 4,"
        b" cues: [piscine municipale, abonnement piscine]}\n"
    )
    own = catalogue_parse(raw, source="test")
    p = page(
        "La piscine municipale",
        "<p>Achetez votre abonnement piscine en ligne et payez par carte bancaire en ligne.</p>",
    )
    analysis = analyse_page(p, catalogue=own, platforms=platforms)
    assert [(m.service, m.level) for m in analysis.services] == [("piscine", 4)]


def test_a_passing_channel_sentence_does_not_lift_a_service_the_page_is_not_about(
    catalogue, platforms
) -> None:
    p = page(
        "Inscription sur les listes électorales",
        "<p>L'inscription se fait en mairie, sur présentation d'un justificatif de domicile.</p>"
        "<p>Votre carte d'identité est périmée ? La demande de carte d'identité se fait en "
        "ligne avant le rendez-vous.</p>",
        url="https://www.ville.fr/elections/inscription-listes-electorales",
    )
    assert "titres-identite" not in levels(p, catalogue, platforms)


def test_a_section_heading_makes_the_page_about_its_service_too(catalogue, platforms) -> None:
    p = page(
        "Inscription sur les listes électorales",
        "<p>L'inscription se fait en mairie, sur présentation d'un justificatif de domicile.</p>"
        "<h2>Carte nationale d'identité</h2>"
        "<p>La demande de carte d'identité se fait en ligne avant le rendez-vous.</p>",
        url="https://www.ville.fr/elections/inscription-listes-electorales",
    )
    assert levels(p, catalogue, platforms) == {"listes-electorales": 1, "titres-identite": 3}
