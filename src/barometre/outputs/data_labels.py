"""The labels of the data barometre ships, for the translation catalogue.

The population brackets, the default catalogue's domains and services, the programme themes
and the services each theme is set beside are French data (Python constants and YAML files).
A page in another language shows them through `data_label`, which finds their translation in
the catalogue; a label of a catalogue edited by a user has none and stays as written.
gettext's extraction does not read YAML, so each label is listed here: tests/test_catalogue.py
checks that the list is the files' labels, no more, no less. The reports, open data and API are
built in French, where `data_label` returns the label as is.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

DATA_LABELS = (
    # the population brackets (referential/brackets.py)
    gettext_noop("moins de 3 500 habitants"),
    gettext_noop("3 500 à 9 999 habitants"),
    gettext_noop("10 000 à 49 999 habitants"),
    gettext_noop("50 000 à 99 999 habitants"),
    gettext_noop("100 000 à 199 999 habitants"),
    gettext_noop("200 000 habitants et plus"),
    # the default catalogue's name and domains (referential/data/catalogues)
    gettext_noop("Catalogue par défaut barometre 2026"),
    gettext_noop("État civil"),
    gettext_noop("Citoyenneté et élections"),
    gettext_noop("Famille, école et petite enfance"),
    gettext_noop("Cadre de vie"),
    gettext_noop("Voirie et mobilité"),
    gettext_noop("Culture et sport"),
    gettext_noop("Solidarité"),
    gettext_noop("Vie associative"),
    # the default catalogue's services
    gettext_noop("Demande d'acte de naissance, de mariage ou de décès"),
    gettext_noop("Inscription sur les listes électorales"),
    gettext_noop("Recensement citoyen obligatoire (16 ans)"),
    gettext_noop("Carte d'identité et passeport"),
    gettext_noop("Inscription scolaire (maternelle, élémentaire)"),
    gettext_noop("Restauration scolaire et accueil périscolaire"),
    gettext_noop("Paiement des factures familles"),
    gettext_noop("Pré-inscription en crèche"),
    gettext_noop("Inscription en accueil de loisirs / vacances"),
    gettext_noop("Autorisations d'urbanisme (permis, déclaration préalable)"),
    gettext_noop("Occupation du domaine public (déménagement, travaux, terrasse)"),
    gettext_noop("Signalement d'un problème sur l'espace public"),
    gettext_noop("Carte de stationnement résident"),
    gettext_noop("Collecte des encombrants"),
    gettext_noop("Objets trouvés"),
    gettext_noop("Inscription et réservation en bibliothèque"),
    gettext_noop("Demande de logement social"),
    gettext_noop("Demande de subvention associative"),
    # the programme themes (programmes/analysis/data/themes.yaml)
    gettext_noop("Guichet unique"),
    gettext_noop("Site internet, application, réseaux sociaux"),
    gettext_noop("École numérique"),
    gettext_noop("Très haut débit et connectivité"),
    gettext_noop("Démarches en ligne"),
    gettext_noop("Données ouvertes et transparence"),
    gettext_noop("Participation en ligne"),
    gettext_noop("Inclusion numérique"),
    gettext_noop("Ville intelligente"),
    gettext_noop("Transformation interne"),
    gettext_noop("Cybersécurité"),
    gettext_noop("Données et intelligence artificielle"),
    gettext_noop("Sobriété numérique"),
    # the services each theme is set beside (programmes/data/theme_services.yaml)
    gettext_noop("l'ensemble des démarches"),
    gettext_noop("l'information et les démarches sur le site"),
    gettext_noop("les démarches famille, école et petite enfance"),
    gettext_noop("le signalement et le stationnement"),
    gettext_noop("le signalement et la vie associative"),
)


def data_label(text: str) -> str:
    """`text` in the active language when the catalogue has it, else as written."""
    return gettext(text) if text else text
