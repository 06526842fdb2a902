"""JSON schemas (OpenAPI 3.0 components) of what the API answers.

Every property carries a `description` (French, as the rest of the schema): a reuser reads in the
schema alone what each number counts (`tests/api/test_comparison_names.py` checks it:
`test_every_field_of_every_answer_is_described`).
"""

from __future__ import annotations

from barometre.api.schema_types import (
    Schema,
    array,
    boolean,
    integer,
    named,
    number,
    obj,
    ref,
    string,
    with_null,
)
from barometre.api.schemas_elections import ELECTION_COMPONENTS
from barometre.outputs.authors import AUTHOR_KINDS
from barometre.outputs.opendata.fields import (
    AT_THE_SECOND,
    CELL_FIELDS,
    SCORE_FIELDS,
    SCORE_SCOPES,
    Field,
)
from barometre.referential.brackets import BRACKET_IDS

__all__ = ["COMPONENTS", "Schema", "page_schema", "ref"]

_NULL_MEAN = " Null quand aucune cellule ne compte."
_CHANGE = {
    "key": string("Identifiant du groupe : « all » pour l'ensemble, sinon domaine ou service."),
    "label": string("Libellé du groupe, en français."),
    "communes": integer("Communes ayant au moins une cellule comparable dans le groupe."),
    "cells": integer(
        "Cellules comparables : mesurées et applicables dans les deux campagnes (même commune, "
        "même service)."
    ),
    "mean_before": number(
        "Niveau moyen des cellules comparables dans la campagne de référence." + _NULL_MEAN
    ),
    "mean_after": number(
        "Niveau moyen des cellules comparables dans la campagne comparée." + _NULL_MEAN
    ),
    "mean_change": number("mean_after − mean_before, en niveaux (0 à 5)." + _NULL_MEAN),
    "rose": integer("Cellules comparables dont le niveau a monté."),
    "fell": integer("Cellules comparables dont le niveau a baissé."),
    "same": integer("Cellules comparables dont le niveau est resté le même."),
}


def _interval(of: str, *, paired: bool = True) -> Schema:
    """The schema of a bootstrap interval of `of` (null with fewer than 2 communes)."""
    resampled = "communes rééchantillonnées, appariées" if paired else "communes rééchantillonnées"
    return with_null(
        obj(
            f"Intervalle de confiance bootstrap de {of} ({resampled}) ; "
            "null avec moins de 2 communes.",
            low=number("Borne basse.", False),
            high=number("Borne haute.", False),
            level=number("Niveau de confiance (0,95).", False),
            resamples=integer("Nombre de rééchantillonnages."),
        )
    )


_TEST = obj(
    "Test des rangs signés de Wilcoxon sur l'évolution de la moyenne de chaque commune dans le "
    "domaine (différences nulles écartées).",
    paired_communes=integer(
        "Communes ayant au moins une cellule comparable applicable dans le domaine (avant que les "
        "différences nulles ne soient écartées)."
    ),
    nonzero_differences=integer(
        "Communes dont la moyenne du domaine a changé : l'échantillon du test (le « test_cities » "
        "du rapport JSON)."
    ),
    cities={
        **integer(
            "Obsolète : même valeur que paired_communes (ancien nom, gardé pour compatibilité)."
        ),
        "deprecated": True,
    },
    direction=string(
        "Sens vers lequel penche le test (signe de la somme des rangs signés W+ − W- des "
        "évolutions des communes) : up (hausse) ou down (baisse) ; null quand le test "
        "n'est pas fait (voir reason) ou que ses rangs signés s'équilibrent exactement. "
        "Il peut différer du signe de l'évolution du niveau moyen, pondérée par les cellules.",
        True,
        enum=["up", "down", None],
    ),
    communes_rose=integer(
        "Communes dont la moyenne du domaine a augmenté (communes_rose + communes_fell = "
        "nonzero_differences)."
    ),
    communes_fell=integer("Communes dont la moyenne du domaine a baissé."),
    statistic=number("Statistique W du test ; null quand le test n'est pas fait (voir reason)."),
    p_value=number(
        "p-valeur bilatérale, à 6 chiffres significatifs (non arrondie à 6 décimales : jamais 0) ; "
        "null quand le test n'est pas fait (voir reason)."
    ),
    reason=string(
        "Pourquoi le test n'est pas fait : no_paired_cells, all_differences_zero, too_few_cities "
        "(moins de 6 différences non nulles) ; null quand p_value est donnée.",
        True,
    ),
)
_PROGRAMME = {
    "id": integer("Identifiant du programme."),
    "commune": string("Code INSEE de la commune."),
    "commune_name": string("Nom de la commune."),
    "election": integer("Année de l'élection municipale."),
    "list_name": string("Nom de la liste."),
    "head_of_list": string("Tête de liste."),
    "round": integer("Tour de l'élection (1 ou 2)."),
    "won": boolean("La liste a gagné l'élection."),
    "source_url": string(
        "Adresse (http ou https) où la liste a publié son programme\u00a0; null si elle n'est "
        "pas connue.",
        True,
        format="uri",
    ),
    "published_on": string(
        "Date de publication du programme par la liste\u00a0; null si elle n'est pas connue.",
        True,
        format="date",
    ),
    "file_name": string("Nom du fichier importé dans lequel le programme a été lu."),
    "file_format": string(
        "Format du fichier : pdf, html, docx ou text (texte brut).",
        enum=["pdf", "html", "docx", "text"],
    ),
    "page_count": integer(
        "Nombre de pages du document ; null quand le format n'en a pas (HTML, DOCX, texte).",
        True,
        minimum=0,
    ),
    "ocr": boolean(
        "Le texte a été lu par OCR dans un PDF d'images : une phrase citée peut différer du "
        "document."
    ),
    "status": string(
        "Lecture du texte : ok (lu), no_text (pas de texte lisible), foreign (pas en français).",
        enum=["ok", "no_text", "foreign"],
    ),
    "mentions_digital": with_null(
        boolean(
            "Le programme parle de numérique (au moins un thème)\u00a0; null pour un programme "
            "non lu (status autre que ok)\u00a0: non lu n'est pas «\u00a0non\u00a0»."
        )
    ),
    "themes": array("Identifiants des thèmes trouvés (voir /api/v1/themes).", string("Thème.")),
    "disruptive": with_null(
        boolean(
            "Le programme porte au moins un thème disruptif\u00a0; null pour un programme non lu."
        )
    ),
    "demonstration": boolean("Programme de démonstration inventé, pas celui d'une liste réelle."),
}
_COMMUNE = {
    "code": string("Code INSEE (5 caractères, 2A/2B pour la Corse)."),
    "name": string("Nom officiel."),
    "department": named("Département"),
    "region": named("Région"),
    "bracket": string(
        "Tranche de population (identifiant, voir le paramètre bracket).", enum=list(BRACKET_IDS)
    ),
    "population": integer("Population municipale (INSEE)."),
    "postcodes": array("Codes postaux qui desservent la commune.", string("Code postal.")),
    "epci": with_null(
        obj(
            "Intercommunalité (EPCI à fiscalité propre) ; null si aucune.",
            siren=string("Numéro SIREN."),
            name=string("Nom."),
        )
    ),
}
_CAMPAIGN = {
    "name": string("Nom de la campagne (son identifiant)."),
    "catalogue": string("Version du catalogue de services mesurés."),
    "demonstration": boolean("Données de démonstration inventées, pas une mesure réelle."),
    "created_at": string(f"Création de la campagne{AT_THE_SECOND}.", format="date-time"),
    "measured_on": string(
        "Date de la mesure (jour où les sites ont été mesurés ; par défaut celui de la "
        "création) : elle ordonne les campagnes dans le temps.",
        format="date",
    ),
    "communes": integer("Communes de la campagne (mesurées ou non)."),
    "selection": string(
        "Règle de sélection des communes de la campagne (all, top:N, dep:CODE, codes INSEE "
        "séparés par des virgules…)\u00a0; une campagne créée d'un fichier de codes donne "
        "ses codes."
    ),
    "downloads": {
        "type": "object",
        "description": "Fichiers de données ouvertes : nom du fichier → chemin de téléchargement.",
        "additionalProperties": string("Chemin du fichier."),
    },
    "pdf": string("Chemin du rapport PDF de la campagne."),
}
_SHARE = "Part exacte (0 à 1) : le niveau proposé est celui codé ; null sans codage."
_DETECTION = obj(
    "Codages aveugles de la campagne face aux propositions automatiques que leurs auditeurs "
    "n'ont pas vues.",
    codings=integer("Codages aveugles comparés à une proposition automatique."),
    exact=number(_SHARE),
    exact_low=number("Borne basse de l'intervalle de Wilson à 95 % de exact."),
    exact_high=number("Borne haute de l'intervalle de Wilson à 95 % de exact."),
    kappa=number(
        "Kappa pondéré (poids quadratiques) entre proposition et codage ; null sans données."
    ),
    mean_confidence=number("Confiance moyenne des propositions qui en portent une."),
    confident_codings=integer("Codages dont la proposition a une confiance de 0,8 ou plus."),
    confident_exact=number("Part exacte parmi ces codages (confiance 0,8 ou plus)."),
    found_codings=integer("Codages dont la proposition est un service trouvé (niveau 1 ou plus)."),
    found_exact=number("Part exacte parmi les services trouvés."),
    not_found_codings=integer("Codages dont la proposition est un service non trouvé (niveau 0)."),
    not_found_exact=number("Part des services non trouvés que l'auditeur code 0 aussi."),
    not_applicable_codings=integer(
        "Réponses « sans objet » à une proposition qui donnait un niveau : hors des chiffres "
        "ci-dessus, qui comparent des niveaux, chacune est un désaccord avec la proposition."
    ),
    by_service=array(
        "Les mêmes chiffres par service, dans l'ordre du catalogue (services codés seulement).",
        obj(
            "Un service.",
            service=string("Identifiant du service."),
            codings=integer("Codages aveugles du service."),
            exact=number(_SHARE),
            exact_low=number("Borne basse de l'intervalle de Wilson à 95 %."),
            exact_high=number("Borne haute de l'intervalle de Wilson à 95 %."),
        ),
    ),
)


def _from_fields(fields: tuple[Field, ...], **properties: Schema) -> Schema:
    """`properties` described as the open data's fields of the same name describe them."""
    described = {f.name: f.description for f in fields}
    return {name: {**p, "description": described[name] + "."} for name, p in properties.items()}


COMPONENTS: dict[str, Schema] = {
    "Error": obj(
        "Erreur.",
        error=obj(
            "L'erreur.",
            ("status", "message"),
            status=integer("Code HTTP."),
            message=string("Explication, en français."),
            parameter=string("Le paramètre en cause, s'il y en a un."),
        ),
    ),
    "Commune": obj("Une commune.", **_COMMUNE),
    "CommuneDetail": obj(
        "Une commune et ses campagnes.",
        **_COMMUNE,
        campaigns=array("Campagnes qui la comptent, la plus récente d'abord.", string("Nom.")),
    ),
    "Service": obj(
        "Un service du catalogue.",
        id=string("Identifiant du service."),
        label=string("Libellé."),
        domain=string("Identifiant du domaine."),
        max_level=integer("Niveau le plus haut que le service peut atteindre (5 au plus)."),
        position=integer("Rang du service dans son catalogue."),
        catalogue=string("Version du catalogue."),
    ),
    "Campaign": obj("Une campagne de mesure.", **_CAMPAIGN),
    "CampaignDetail": obj(
        "Une campagne de mesure, sa couverture, l'origine de ses niveaux et sa détection mesurée.",
        **_CAMPAIGN,
        coverage=obj(
            "Couverture de la campagne, comme celle de datapackage.json et du rapport JSON : "
            "une cellule non mesurée ne compte nulle part (jamais comme 0).",
            cells=integer("Cellules de la campagne : ses communes × les services du catalogue."),
            measured_cells=integer("Cellules mesurées : un niveau ou « sans objet »."),
            share_of_cells=number("Part des cellules mesurées (0 à 1) ; null si aucune cellule."),
            communes=integer("Communes de la campagne."),
            measured_communes=integer("Communes ayant au moins une cellule mesurée."),
        ),
        mean_level=number(
            "Niveau moyen des cellules mesurées et applicables (celui de la ligne all de "
            "/api/v1/scores) ; null si aucune."
        ),
        # the JSON report's mean_level_ci and mean_of_city_means_ci, with their
        # level and resamples as the comparison's intervals
        mean_level_ci=_interval("mean_level, à 95 %", paired=False),
        mean_of_city_means=number(
            "Moyenne des moyennes par commune (chaque commune pèse autant) ; null si aucune."
        ),
        mean_of_city_means_ci=_interval("mean_of_city_means, à 95 %", paired=False),
        origins=obj(
            "Origine des cellules de la campagne : les niveaux, puis les « sans objet » "
            "(qui ne sont pas des niveaux) à part.",
            automatic=integer("Propositions automatiques d'un niveau, pas encore relues."),
            reviewed=integer(
                "Niveaux décidés par un auditeur (ou par un double codage concordant)."
            ),
            reviewed_by_arbitration=integer(
                "Parmi reviewed, niveaux décidés par l'arbitrage d'un double codage aveugle "
                "discordant (déjà comptés dans reviewed)."
            ),
            imported=integer("Niveaux importés d'un fichier."),
            automatic_not_applicable=integer(
                "Propositions automatiques « sans objet », pas encore relues."
            ),
            reviewed_not_applicable=integer(
                "« Sans objet » décidés par un auditeur (ou par un double codage concordant)."
            ),
            reviewed_not_applicable_by_arbitration=integer(
                "Parmi reviewed_not_applicable, « sans objet » décidés par l'arbitrage d'un "
                "double codage aveugle discordant (déjà comptés dans reviewed_not_applicable)."
            ),
            imported_not_applicable=integer("« Sans objet » importés d'un fichier."),
        ),
        detection_check=_DETECTION,
        detectors=array(
            "Versions du détecteur qui ont lu les sites de la campagne, la plus employée "
            "d'abord, comme dans datapackage.json et le rapport JSON\u00a0; vide quand aucun site "
            "n'a été audité (niveaux importés ou revus seulement).",
            obj(
                "Une version du détecteur.",
                version=string(
                    "Version de barometre et empreinte du détecteur (0.1.0+5cfa8126587b)\u00a0; "
                    "null pour des sites audités avant que la version soit enregistrée.",
                    True,
                ),
                sites=integer("Sites lus avec cette version.", minimum=1),
            ),
        ),
        scoring_definitions=integer(
            "Version des définitions des scores (docs/scoring.md) avec laquelle ils sont "
            "calculés, comme dans datapackage.json."
        ),
    ),
    "Cell": obj(
        "Une cellule mesurée : le niveau d'un service dans une commune.",
        commune=string("Code INSEE de la commune."),
        commune_name=string("Nom de la commune."),
        service=string("Identifiant du service."),
        level=integer(
            "Niveau 0 à 5 ; null quand le service est sans objet.", True, minimum=0, maximum=5
        ),
        not_applicable=boolean("Le service est sans objet dans cette commune."),
        source=string(
            "Origine : auto (proposition automatique), reviewed (auditeur), imported (import).",
            enum=["auto", "reviewed", "imported"],
        ),
        evidence_url=string("Adresse de la page qui prouve le niveau ; null si aucune.", True),
        archived_url=string("Adresse de la page archivée par le robot ; null si aucune.", True),
        archive_page=string(
            "Chemin de la page archivée sur l'observatoire (/preuve/<id>/) ; null si aucune.", True
        ),
        confidence=number("Confiance de la proposition automatique (0 à 1) ; null sinon."),
        **_from_fields(
            CELL_FIELDS,
            author=string(""),
            author_kind=string("", enum=list(AUTHOR_KINDS)),
            decided_at=string("", format="date-time"),
            proposed_level=integer("", True),
            proposed_not_applicable=with_null(boolean("")),
            proposed_confidence=number(""),
        ),
    ),
    "Score": obj(
        "Une ligne de la table scores des données ouvertes (mêmes champs, mêmes définitions).",
        **_from_fields(
            SCORE_FIELDS,
            campaign=string(""),
            scope=string("", enum=list(SCORE_SCOPES)),
            key=string(""),
            label=string(""),
            bracket=string("", True, enum=[*BRACKET_IDS, None]),
            communes=integer(""),
            cells=integer(""),
            not_applicable_cells=integer(""),
            unmeasured_cells=integer(""),
            mean_level=number(""),
            mean_of_city_means=number(""),
            share_of_max=number(""),
            share_fully_online=number(""),
            share_transactional=number(""),
            rank=integer("", True),
        ),
    ),
    "Comparison": obj(
        "Évolution entre une campagne de référence (before) et une campagne (after), sur les "
        "cellules comparables.",
        before=string("Campagne de référence."),
        after=string("Campagne comparée."),
        demonstration=boolean("La campagne comparée est une démonstration (données inventées)."),
        overall=obj("Évolution de l'ensemble.", **_CHANGE),
        mean_of_city_means_before=number(
            "Moyenne des moyennes par commune (cellules comparables), avant."
        ),
        mean_of_city_means_after=number(
            "Moyenne des moyennes par commune (cellules comparables), après."
        ),
        mean_of_city_means_change=number("Évolution de la moyenne des moyennes par commune."),
        unpaired_cells_before=integer(
            "Cellules applicables de la référence sans paire dans l'autre."
        ),
        unpaired_cells_after=integer(
            "Cellules applicables de la campagne sans paire dans la référence."
        ),
        communes_in_common=integer("Communes des deux campagnes, mesurées ou non."),
        empty_reason=string(
            "Pourquoi rien n'est comparé (null si des cellules sont comparables) : "
            "no_common_commune (les deux campagnes n'ont aucune commune en commun) ou "
            "no_paired_cell (communes en commun, mais aucune cellule mesurée et applicable "
            "dans les deux).",
            True,
            enum=["no_common_commune", "no_paired_cell", None],
        ),
        empty_message=string("Ce que dit empty_reason, en français ; null s'il est null.", True),
        ci_mean_change=_interval("mean_change"),
        # the one the reports print beside mean_of_city_means_change (the JSON report's
        # mean_of_city_means_change_ci)
        ci_mean_of_city_means_change=_interval("mean_of_city_means_change"),
        domains=array(
            "Évolution par domaine, avec son test.",
            obj("Un domaine.", **_CHANGE, test=_TEST),
        ),
        services=array("Évolution par service.", obj("Un service.", **_CHANGE)),
    ),
    "CommuneChange": obj(
        "Évolution d'une commune sur ses cellules comparables (un élément du by_city du rapport "
        "JSON) ; la plus forte hausse d'abord, les communes sans cellule comparable à la fin, "
        "leurs moyennes null.",
        code=string("Code INSEE de la commune."),
        name=string("Nom de la commune."),
        **{k: _CHANGE[k] for k in ("cells", "mean_before", "mean_after", "mean_change")},
    ),
    "Programme": obj("Le programme d'une liste.", **_PROGRAMME),
    "ProgrammeDetail": obj(
        "Le programme d'une liste et ses phrases à thème.",
        **_PROGRAMME,
        sentences=array(
            "Phrases qui portent un thème, dans l'ordre du texte.",
            obj(
                "Une phrase.",
                index=integer("Position de la phrase dans le texte."),
                text=string("La phrase, sur une ligne."),
                themes=array("Thèmes de la phrase.", string("Identifiant du thème.")),
                disruptive=boolean("La phrase porte un thème disruptif."),
            ),
        ),
    ),
    "Themes": obj(
        "Les thèmes numériques des programmes.",
        version=string("Version du jeu de thèmes."),
        themes=array(
            "Les thèmes.",
            obj(
                "Un thème.",
                id=string("Identifiant."),
                label=string("Libellé."),
                description=string("Ce que le thème recouvre."),
                disruptive=boolean(
                    "Thème disruptif par défaut (une phrase peut en décider autrement)."
                ),
            ),
        ),
    ),
    **ELECTION_COMPONENTS,
}


def page_schema(item: str) -> Schema:
    return obj(
        "Une page de résultats.",
        count=integer("Nombre total de résultats.", minimum=0),
        limit=integer("Résultats par page demandés.", minimum=1),
        offset=integer("Position du premier résultat de la page.", minimum=0),
        next=string(
            "Lien (chemin relatif à la racine) vers la page suivante ; null si dernière.", True
        ),
        previous=string("Lien vers la page précédente ; null si première.", True),
        results=array("Les résultats de la page.", ref(item)),
    )
