"""Procedures that real municipal pages describe in ordinary sentences (issue 7).

Each page below is written in our own words after the patterns recorded in
docs/validation/real-wording.md; it is text only, as `barometre classify` receives it.
"""

from __future__ import annotations

import pytest

from barometre.detection import Page, PlatformRegistry, analyse_page
from barometre.referential.catalogue import CatalogueSpec

PAGES = [
    pytest.param(
        "https://www.commune-exemple.fr/petite-enfance/creches",
        "Les crèches municipales\nLes familles peuvent demander une place dès le quatrième mois "
        "de grossesse.\nUn module de pré-inscription est disponible sur ce site, rubrique "
        "Petite enfance.\nLa commission d'attribution se réunit deux fois par an.",
        "petite-enfance",
        3,
        id="pre-registration-module-on-the-site",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/famille/creche-inscription",
        "Inscription en crèche\nPrenez d'abord rendez-vous avec le service petite enfance.\n"
        "À la naissance, transmettez l'acte de naissance de l'enfant via votre Espace Famille ; "
        "sans ce document, la demande de place reste en attente.",
        "petite-enfance",
        3,
        id="papers-sent-through-the-family-account",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/enfance/centre-de-loisirs/reserver",
        "Centre de loisirs : réserver et payer\n1. Je me connecte au portail famille avec mes "
        "identifiants.\n2. Je coche les journées souhaitées pour mes enfants.\n3. Une fois les "
        "journées réservées, je règle le panier dans l'heure avec ma carte bancaire, sinon la "
        "réservation est annulée.",
        "accueil-loisirs",
        4,
        id="walk-through-log-in-book-pay-by-card",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/citoyennete/recensement",
        "Recensement citoyen\nÀ 16 ans, chaque jeune doit se faire recenser.\nPour cela, les "
        "pièces (livret de famille, pièce d'identité) sont à envoyer par mail à la mairie, qui "
        "vous adressera l'attestation.",
        "recensement-citoyen",
        2,
        id="papers-by-e-mail-to-the-town-hall",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/etat-civil/actes",
        "Actes d'état civil\nActe de naissance : demande à faire en mairie ou par "
        "correspondance, en précisant la filiation.\nJoignez une enveloppe timbrée pour le retour.",
        "actes-etat-civil",
        2,
        id="request-by-post",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/cadre-de-vie/urbanisme",
        "Urbanisme\nLes dossiers d'urbanisme peuvent être déposés en mairie ou sur le guichet "
        "numérique.\nUne fois votre compte créé, vous pourrez suivre l'évolution de votre dossier "
        "en temps réel.",
        "urbanisme",
        4,
        id="planning-file-followed-in-real-time",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/demarches/passeport",
        "Passeport\nPrenez rendez-vous dans une mairie équipée d'un dispositif de recueil.\n"
        "Si votre ancien passeport suffit, aucune pré-demande en ligne n'est nécessaire\n"
        "Sinon, faites votre pré-demande en ligne, en suivant ce lien\n"
        "Apportez le numéro de pré-demande le jour du rendez-vous.",
        "titres-identite",
        3,
        id="short-sentence-without-stop-is-no-heading",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/vie-associative/subventions",
        "Subventions aux associations\nLe dossier de demande (cerfa n° 12 156) se retire à la "
        "maison des associations ou peut être téléchargé.\nIl est à rendre avant le 30 octobre.",
        "subventions-associations",
        2,
        id="cerfa-number-with-a-thousands-space-to-download",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/actualites/jeunes-de-16-ans",
        "Jeunes de 16 ans : pensez au recensement\nTout jeune doit se faire recenser en mairie "
        "dans les trois mois qui suivent ses 16 ans.\nVenez avec le livret de famille.",
        "recensement-citoyen",
        1,
        id="news-telling-young-people-to-get-registered",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/ecoles/inscription",
        "Inscription à l'école\nL'inscription se fait à l'accueil de la mairie.\nLes familles "
        "qui habitent loin peuvent faire la démarche par courriel après un appel au service.",
        "inscription-scolaire",
        2,
        id="the-procedure-by-e-mail",
    ),
    # after the fifth study (tune5), in our own words
    pytest.param(
        "https://www.commune-exemple.fr/blog/vie-periscolaire/reglement-centre-de-loisirs",
        "Centre de loisirs des Tilleuls\nLe centre accueille les enfants de 3 à 12 ans pendant "
        "les vacances.\nInscriptions\nElles se font par le portail famille, deux semaines avant "
        "chaque période.\nUne facture est envoyée à la fin du mois.",
        "accueil-loisirs",
        3,
        id="blog-post-titled-with-the-service-channel-in-words-naming-none",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/cantine/application",
        "Application de la cantine\n1. Installez l'application sur votre téléphone.\n"
        "2. Cliquez sur « Je crée mon compte » et saisissez le code de l'école.\n"
        "3. Connectez-vous avec vos identifiants puis remplissez la fiche de chaque enfant.",
        "periscolaire",
        3,
        id="walk-through-of-creating-and-logging-in-to-the-account",
    ),
    pytest.param(
        "https://www.commune-exemple.fr/restauration-scolaire/inscription",
        "Inscription à la restauration scolaire\nL'inscription peut désormais se faire par voie "
        "électronique.\nRemplissez la fiche sur votre ordinateur puis envoyez-la par courriel au "
        "service scolaire avec les justificatifs.",
        "periscolaire",
        2,
        id="electronic-means-that-are-an-e-mail",
    ),
]


@pytest.mark.parametrize(("url", "text", "service", "level"), PAGES)
def test_ordinary_sentences_carry_the_level(
    url: str,
    text: str,
    service: str,
    level: int,
    catalogue: CatalogueSpec,
    platforms: PlatformRegistry,
) -> None:
    analysis = analyse_page(Page(url=url, text=text), catalogue=catalogue, platforms=platforms)
    levels = {m.service: m.level for m in analysis.services}
    assert levels.get(service) == level, levels


def test_a_rubric_before_a_colon_in_the_title_names_no_subject(
    catalogue: CatalogueSpec, platforms: PlatformRegistry
) -> None:
    text = (
        "État civil : Carte d'identité\nFaites votre pré-demande en ligne sur le site de l'ANTS, "
        "puis prenez rendez-vous en mairie."
    )
    analysis = analyse_page(
        Page(url="https://www.commune-exemple.fr/demarches/cni", text=text),
        catalogue=catalogue,
        platforms=platforms,
    )
    levels = {m.service: m.level for m in analysis.services}
    assert levels.get("titres-identite") == 3, levels
    assert "actes-etat-civil" not in levels, levels
