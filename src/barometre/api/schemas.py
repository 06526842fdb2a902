"""JSON schemas (OpenAPI 3.0 components) of what the API answers.

Every property carries a `description` (French, as the rest of the schema): a reuser reads in the
schema alone what each number counts (`tests/api/test_comparison_names.py` checks it:
`test_every_field_of_every_answer_is_described`).
"""

from __future__ import annotations

from typing import Any

from barometre.outputs.authors import AUTHOR_KINDS
from barometre.outputs.opendata.fields import (
    AT_THE_SECOND,
    CELL_FIELDS,
    SCORE_FIELDS,
    SCORE_SCOPES,
    Field,
)

Schema = dict[str, Any]


def _obj(description: str, required: bool = True, /, **properties: Schema) -> Schema:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties) if required else [],
        "additionalProperties": False,
    }


def _nullable(schema: Schema) -> Schema:
    return {**schema, "nullable": True}


def _s(description: str, nullable: bool = False, **extra: Any) -> Schema:
    schema = {"type": "string", "description": description, **extra}
    return _nullable(schema) if nullable else schema


def _i(description: str, nullable: bool = False, **extra: Any) -> Schema:
    schema = {"type": "integer", "description": description, **extra}
    return _nullable(schema) if nullable else schema


def _n(description: str, nullable: bool = True) -> Schema:
    schema = {"type": "number", "description": description}
    return _nullable(schema) if nullable else schema


def _b(description: str) -> Schema:
    return {"type": "boolean", "description": description}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(description: str, item: Schema) -> Schema:
    return {"type": "array", "description": description, "items": item}


def _named(what: str) -> Schema:
    return _obj(what, code=_s(f"Code officiel ({what.lower()})."), name=_s("Nom."))


_NULL_MEAN = " Null quand aucune cellule ne compte."
_CHANGE = {
    "key": _s("Identifiant du groupe : « all » pour l'ensemble, sinon domaine ou service."),
    "label": _s("Libellé du groupe, en français."),
    "communes": _i("Communes ayant au moins une cellule appariée dans le groupe."),
    "cells": _i(
        "Cellules appariées : mesurées et applicables dans les deux campagnes (même commune, "
        "même service)."
    ),
    "mean_before": _n(
        "Niveau moyen des cellules appariées dans la campagne de référence." + _NULL_MEAN
    ),
    "mean_after": _n("Niveau moyen des cellules appariées dans la campagne comparée." + _NULL_MEAN),
    "mean_change": _n("mean_after − mean_before, en niveaux (0 à 5)." + _NULL_MEAN),
    "rose": _i("Cellules appariées dont le niveau a monté."),
    "fell": _i("Cellules appariées dont le niveau a baissé."),
    "same": _i("Cellules appariées dont le niveau est resté le même."),
}
_INTERVAL = _nullable(
    _obj(
        "Intervalle de confiance bootstrap de mean_change (communes rééchantillonnées, "
        "appariées) ; "
        "null avec moins de 2 communes.",
        low=_n("Borne basse.", False),
        high=_n("Borne haute.", False),
        level=_n("Niveau de confiance (0,95).", False),
        resamples=_i("Nombre de rééchantillonnages."),
    )
)
_TEST = _obj(
    "Test des rangs signés de Wilcoxon sur l'évolution de la moyenne de chaque commune dans le "
    "domaine (différences nulles écartées).",
    paired_communes=_i(
        "Communes ayant au moins une cellule appariée applicable dans le domaine (avant que les "
        "différences nulles ne soient écartées)."
    ),
    nonzero_differences=_i(
        "Communes dont la moyenne du domaine a changé : l'échantillon du test (le « test_cities » "
        "du rapport JSON)."
    ),
    cities={
        **_i("Obsolète : même valeur que paired_communes (ancien nom, gardé pour compatibilité)."),
        "deprecated": True,
    },
    statistic=_n("Statistique W du test ; null quand le test n'est pas fait (voir reason)."),
    p_value=_n("p-valeur bilatérale ; null quand le test n'est pas fait (voir reason)."),
    reason=_s(
        "Pourquoi le test n'est pas fait : no_paired_cells, all_differences_zero, too_few_cities "
        "(moins de 6 différences non nulles) ; null quand p_value est donnée.",
        True,
    ),
)
_PROGRAMME = {
    "id": _i("Identifiant du programme."),
    "commune": _s("Code INSEE de la commune."),
    "commune_name": _s("Nom de la commune."),
    "election": _i("Année de l'élection municipale."),
    "list_name": _s("Nom de la liste."),
    "head_of_list": _s("Tête de liste."),
    "round": _i("Tour de l'élection (1 ou 2)."),
    "won": _b("La liste a gagné l'élection."),
    "status": _s(
        "Lecture du texte : ok (lu), no_text (pas de texte lisible), foreign (pas en français).",
        enum=["ok", "no_text", "foreign"],
    ),
    "mentions_digital": _b("Le programme parle de numérique (au moins un thème)."),
    "themes": _list("Identifiants des thèmes trouvés (voir /api/v1/themes).", _s("Thème.")),
    "disruptive": _b("Le programme porte au moins un thème dit de rupture."),
    "demonstration": _b("Programme de démonstration inventé, pas celui d'une liste réelle."),
}
_COMMUNE = {
    "code": _s("Code INSEE (5 caractères, 2A/2B pour la Corse)."),
    "name": _s("Nom officiel."),
    "department": _named("Département"),
    "region": _named("Région"),
    "bracket": _s("Tranche de population (identifiant, voir le paramètre bracket)."),
    "population": _i("Population municipale (INSEE)."),
    "postcodes": _list("Codes postaux qui desservent la commune.", _s("Code postal.")),
    "epci": _nullable(
        _obj(
            "Intercommunalité (EPCI à fiscalité propre) ; null si aucune.",
            siren=_s("Numéro SIREN."),
            name=_s("Nom."),
        )
    ),
}
_CAMPAIGN = {
    "name": _s("Nom de la campagne (son identifiant)."),
    "catalogue": _s("Version du catalogue de services mesurés."),
    "demonstration": _b("Données de démonstration inventées, pas une mesure réelle."),
    "created_at": _s(f"Création de la campagne{AT_THE_SECOND}.", format="date-time"),
    "measured_on": _s(
        "Date de la mesure (jour où les sites ont été mesurés ; par défaut celui de la "
        "création) : elle ordonne les campagnes dans le temps.",
        format="date",
    ),
    "communes": _i("Communes de la campagne (mesurées ou non)."),
    "selection": _s("Règle de sélection des communes de la campagne."),
    "downloads": {
        "type": "object",
        "description": "Fichiers de données ouvertes : nom du fichier → chemin de téléchargement.",
        "additionalProperties": _s("Chemin du fichier."),
    },
    "pdf": _s("Chemin du rapport PDF de la campagne."),
}
_SHARE = "Part exacte (0 à 1) : le niveau proposé est celui codé ; null sans codage."
_DETECTION = _obj(
    "Codages aveugles de la campagne face aux propositions automatiques que leurs auditeurs "
    "n'ont pas vues.",
    codings=_i("Codages aveugles comparés à une proposition automatique."),
    exact=_n(_SHARE),
    exact_low=_n("Borne basse de l'intervalle de Wilson à 95 % de exact."),
    exact_high=_n("Borne haute de l'intervalle de Wilson à 95 % de exact."),
    kappa=_n("Kappa pondéré (poids quadratiques) entre proposition et codage ; null sans données."),
    mean_confidence=_n("Confiance moyenne des propositions qui en portent une."),
    confident_codings=_i("Codages dont la proposition a une confiance de 0,8 ou plus."),
    confident_exact=_n("Part exacte parmi ces codages (confiance 0,8 ou plus)."),
    found_codings=_i("Codages dont la proposition est un service trouvé (niveau 1 ou plus)."),
    found_exact=_n("Part exacte parmi les services trouvés."),
    not_found_codings=_i("Codages dont la proposition est un service non trouvé (niveau 0)."),
    not_found_exact=_n("Part des services non trouvés que l'auditeur code 0 aussi."),
    not_applicable_codings=_i(
        "Réponses « sans objet » à une proposition qui donnait un niveau : hors des chiffres "
        "ci-dessus, qui comparent des niveaux, chacune est un désaccord avec la proposition."
    ),
    by_service=_list(
        "Les mêmes chiffres par service, dans l'ordre du catalogue (services codés seulement).",
        _obj(
            "Un service.",
            service=_s("Identifiant du service."),
            codings=_i("Codages aveugles du service."),
            exact=_n(_SHARE),
            exact_low=_n("Borne basse de l'intervalle de Wilson à 95 %."),
            exact_high=_n("Borne haute de l'intervalle de Wilson à 95 %."),
        ),
    ),
)


def _from_fields(fields: tuple[Field, ...], **properties: Schema) -> Schema:
    """`properties` described as the open data's fields of the same name describe them."""
    described = {f.name: f.description for f in fields}
    return {name: {**p, "description": described[name] + "."} for name, p in properties.items()}


COMPONENTS: dict[str, Schema] = {
    "Error": _obj(
        "Erreur.",
        error=_obj(
            "L'erreur.",
            False,
            status=_i("Code HTTP."),
            message=_s("Explication, en français."),
            parameter=_s("Le paramètre en cause, s'il y en a un."),
        ),
    ),
    "Commune": _obj("Une commune.", **_COMMUNE),
    "CommuneDetail": _obj(
        "Une commune et ses campagnes.",
        **_COMMUNE,
        campaigns=_list("Campagnes qui la comptent, la plus récente d'abord.", _s("Nom.")),
    ),
    "Service": _obj(
        "Un service du catalogue.",
        id=_s("Identifiant du service."),
        label=_s("Libellé."),
        domain=_s("Identifiant du domaine."),
        max_level=_i("Niveau le plus haut que le service peut atteindre (5 au plus)."),
        position=_i("Rang du service dans son catalogue."),
        catalogue=_s("Version du catalogue."),
    ),
    "Campaign": _obj("Une campagne de mesure.", **_CAMPAIGN),
    "CampaignDetail": _obj(
        "Une campagne de mesure, sa couverture, l'origine de ses niveaux et sa détection mesurée.",
        **_CAMPAIGN,
        coverage=_obj(
            "Couverture de la campagne, comme celle de datapackage.json et du rapport JSON : "
            "une cellule non mesurée ne compte nulle part (jamais comme 0).",
            cells=_i("Cellules de la campagne : ses communes × les services du catalogue."),
            measured_cells=_i("Cellules mesurées : un niveau ou « sans objet »."),
            share_of_cells=_n("Part des cellules mesurées (0 à 1) ; null si aucune cellule."),
            communes=_i("Communes de la campagne."),
            measured_communes=_i("Communes ayant au moins une cellule mesurée."),
        ),
        origins=_obj(
            "Origine des cellules de la campagne : les niveaux, puis les « sans objet » "
            "(qui ne sont pas des niveaux) à part.",
            automatic=_i("Propositions automatiques d'un niveau, pas encore relues."),
            reviewed=_i("Niveaux décidés par un auditeur (ou par un double codage concordant)."),
            imported=_i("Niveaux importés d'un fichier."),
            automatic_not_applicable=_i(
                "Propositions automatiques « sans objet », pas encore relues."
            ),
            reviewed_not_applicable=_i(
                "« Sans objet » décidés par un auditeur (ou par un double codage concordant)."
            ),
            imported_not_applicable=_i("« Sans objet » importés d'un fichier."),
        ),
        detection_check=_DETECTION,
    ),
    "Cell": _obj(
        "Une cellule mesurée : le niveau d'un service dans une commune.",
        commune=_s("Code INSEE de la commune."),
        commune_name=_s("Nom de la commune."),
        service=_s("Identifiant du service."),
        level=_i(
            "Niveau 0 à 5 ; null quand le service est sans objet.", True, minimum=0, maximum=5
        ),
        not_applicable=_b("Le service est sans objet dans cette commune."),
        source=_s(
            "Origine : auto (proposition automatique), reviewed (auditeur), imported (import).",
            enum=["auto", "reviewed", "imported"],
        ),
        evidence_url=_s("Adresse de la page qui prouve le niveau ; null si aucune.", True),
        archived_url=_s("Adresse de la page archivée par le robot ; null si aucune.", True),
        archive_page=_s(
            "Chemin de la page archivée sur l'observatoire (/preuve/<id>/) ; null si aucune.", True
        ),
        confidence=_n("Confiance de la proposition automatique (0 à 1) ; null sinon."),
        **_from_fields(
            CELL_FIELDS,
            author=_s(""),
            author_kind=_s("", enum=list(AUTHOR_KINDS)),
            decided_at=_s("", format="date-time"),
        ),
    ),
    "Score": _obj(
        "Une ligne de la table scores des données ouvertes (mêmes champs, mêmes définitions).",
        **_from_fields(
            SCORE_FIELDS,
            campaign=_s(""),
            scope=_s("", enum=list(SCORE_SCOPES)),
            key=_s(""),
            label=_s(""),
            bracket=_s("", True),
            communes=_i(""),
            cells=_i(""),
            not_applicable_cells=_i(""),
            unmeasured_cells=_i(""),
            mean_level=_n(""),
            mean_of_city_means=_n(""),
            share_of_max=_n(""),
            share_fully_online=_n(""),
            share_transactional=_n(""),
            rank=_i("", True),
        ),
    ),
    "Comparison": _obj(
        "Évolution entre une campagne de référence (before) et une campagne (after), sur les "
        "cellules appariées.",
        before=_s("Campagne de référence."),
        after=_s("Campagne comparée."),
        demonstration=_b("La campagne comparée est une démonstration (données inventées)."),
        overall=_obj("Évolution de l'ensemble.", **_CHANGE),
        mean_of_city_means_before=_n(
            "Moyenne des moyennes par commune (cellules appariées), avant."
        ),
        mean_of_city_means_after=_n(
            "Moyenne des moyennes par commune (cellules appariées), après."
        ),
        mean_of_city_means_change=_n("Évolution de la moyenne des moyennes par commune."),
        unpaired_cells_before=_i("Cellules applicables de la référence sans paire dans l'autre."),
        unpaired_cells_after=_i(
            "Cellules applicables de la campagne sans paire dans la référence."
        ),
        communes_in_common=_i("Communes des deux campagnes, mesurées ou non."),
        empty_reason=_s(
            "Pourquoi rien n'est comparé (null si des cellules sont appariées) : "
            "no_common_commune (les deux campagnes n'ont aucune commune en commun) ou "
            "no_paired_cell (communes en commun, mais aucune cellule mesurée et applicable "
            "dans les deux).",
            True,
            enum=["no_common_commune", "no_paired_cell", None],
        ),
        empty_message=_s("Ce que dit empty_reason, en français ; null s'il est null.", True),
        ci_mean_change=_INTERVAL,
        domains=_list(
            "Évolution par domaine, avec son test.",
            _obj("Un domaine.", **_CHANGE, test=_TEST),
        ),
        services=_list("Évolution par service.", _obj("Un service.", **_CHANGE)),
    ),
    "CommuneChange": _obj(
        "Évolution d'une commune sur ses cellules appariées (un élément du by_city du rapport "
        "JSON) ; la plus forte hausse d'abord, les communes sans cellule appariée à la fin, "
        "leurs moyennes null.",
        code=_s("Code INSEE de la commune."),
        name=_s("Nom de la commune."),
        **{k: _CHANGE[k] for k in ("cells", "mean_before", "mean_after", "mean_change")},
    ),
    "Programme": _obj("Le programme d'une liste.", **_PROGRAMME),
    "ProgrammeDetail": _obj(
        "Le programme d'une liste et ses phrases à thème.",
        **_PROGRAMME,
        sentences=_list(
            "Phrases qui portent un thème, dans l'ordre du texte.",
            _obj(
                "Une phrase.",
                index=_i("Position de la phrase dans le texte."),
                text=_s("La phrase, sur une ligne."),
                themes=_list("Thèmes de la phrase.", _s("Identifiant du thème.")),
                disruptive=_b("La phrase porte un thème de rupture."),
            ),
        ),
    ),
    "Themes": _obj(
        "Les thèmes numériques des programmes.",
        version=_s("Version du jeu de thèmes."),
        themes=_list(
            "Les thèmes.",
            _obj(
                "Un thème.",
                id=_s("Identifiant."),
                label=_s("Libellé."),
                description=_s("Ce que le thème recouvre."),
                disruptive=_b("Thème dit de rupture."),
            ),
        ),
    ),
}


def page_schema(item: str) -> Schema:
    return _obj(
        "Une page de résultats.",
        count=_i("Nombre total de résultats.", minimum=0),
        limit=_i("Résultats par page demandés.", minimum=1),
        offset=_i("Position du premier résultat de la page.", minimum=0),
        next=_s(
            "Lien (chemin relatif à la racine) vers la page suivante ; null si dernière.", True
        ),
        previous=_s("Lien vers la page précédente ; null si première.", True),
        results=_list("Les résultats de la page.", _ref(item)),
    )


def ref(name: str) -> Schema:
    return _ref(name)
