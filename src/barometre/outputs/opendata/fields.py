"""The open data tables' Table Schema: each column's name, French title, type, description and
constraints, and each table's keys (datapackage.json describes the tables with them; the API's
schemas reuse their descriptions). The rows are in `tables`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from barometre.outputs.authors import AUTHOR_KINDS
from barometre.outputs.queries import INSEE_CODE as INSEE_PATTERN
from barometre.referential.brackets import BRACKET_IDS


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, datetime, date
    description: str
    enum: tuple[str, ...] = ()
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    pattern: str = ""  # the whole value must match (Table Schema anchors it)
    title: str = ""  # "": the title of TITLES that every table gives a field of this name

    def descriptor(self) -> dict[str, Any]:
        title = self.title or TITLES[self.name]
        out: dict[str, Any] = {"name": self.name, "title": title, "type": self.type}
        out["description"] = self.description
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            out["constraints"] = constraints
        return out


# The title of each column, whatever its table: what a reuser's tool shows beside the name
# (a field of the same name means the same in every table).
TITLES = {
    "campaign": "Campagne",
    "commune_code": "Code INSEE de la commune",
    "commune_name": "Commune",
    "department_code": "Code du département",
    "service_id": "Identifiant du service",
    "service_label": "Service",
    "domain": "Domaine",
    "max_level": "Niveau maximal du service",
    "level": "Niveau (0 à 5)",
    "not_applicable": "Sans objet",
    "source": "Origine de la valeur",
    "evidence_url": "Adresse de la preuve",
    "archived_url": "Adresse de la page archivée",
    "archive_page": "Page archivée sur l'observatoire",
    "confidence": "Confiance (0 à 1)",
    "author": "Auteur de la décision",
    "author_kind": "Type d'auteur",
    "decided_at": "Décidé le (UTC)",
    "scope": "Groupe",
    "key": "Identifiant du groupe",
    "label": "Libellé",
    "bracket": "Tranche de population",
    "communes": "Communes mesurées",
    "cells": "Cellules mesurées",
    "not_applicable_cells": "Cellules sans objet",
    "unmeasured_cells": "Cellules non mesurées",
    "mean_level": "Niveau moyen",
    "mean_of_city_means": "Moyenne des moyennes des communes",
    "share_of_max": "Part du maximum",
    "share_fully_online": "Part entièrement en ligne",
    "share_transactional": "Part transactionnelle",
    "rank": "Rang",
    "coder": "Codeur",
    "coded_at": "Codé le (UTC)",
    "proposed_level": "Niveau proposé",
    "proposed_not_applicable": "Proposé sans objet",
    "proposed_confidence": "Confiance de la proposition (0 à 1)",
    "demonstration": "Démonstration",
    "region_code": "Code de la région",
    "epci_siren": "SIREN de l'intercommunalité",
    "epci_name": "Intercommunalité",
    "population": "Population municipale",
}

# Each table's primary key, and the cell each blind answer codes (the foreign key of codages).
PRIMARY_KEYS = {
    "cellules": ["campaign", "commune_code", "service_id"],
    "scores": ["campaign", "scope", "key"],
    "codages": ["campaign", "commune_code", "service_id", "coder"],
    "communes": ["campaign", "commune_code"],
}
FOREIGN_KEYS = {
    # a cell's commune: its population, region and intercommunal body are in communes
    "cellules": [
        {
            "fields": ["campaign", "commune_code"],
            "reference": {"resource": "communes", "fields": ["campaign", "commune_code"]},
        }
    ],
    "codages": [
        {
            "fields": ["campaign", "commune_code", "service_id"],
            "reference": {
                "resource": "cellules",
                "fields": ["campaign", "commune_code", "service_id"],
            },
        }
    ],
}


# A code is text, never a number: its leading zero is part of it (01001 is not 1001).
INSEE_CODE = (
    "Code INSEE de la commune : un texte de 5 caractères, zéro initial compris (01001, "
    "2A004), jamais un nombre"
)

# a department's code: 01, 2A, 974, or ZZ, the demonstration farm's (api.params.DEPARTMENT)
DEPARTMENT_PATTERN = "(?:[0-9AB]{2,3}|ZZ)"
DEPARTMENT_CODE = "Code du département, un texte (01, 2A, 974)"
REGION_PATTERN = "(?:[0-9]{2,3}|ZZ)"
SIREN_PATTERN = "[0-9]{9}"
# the values of a commune's bracket, as every table that gives one words them
BRACKET_VALUES = (
    "lt3500 (moins de 3\u00a0500 habitants), 3500-9999, 10000-49999, 50000-99999, "
    "100000-199999, ge200000 (200\u00a0000 et plus)"
)

# how every time is written, in the files as in the API (formats.DATETIME_FORMAT)
AT_THE_SECOND = ", en UTC à la seconde près (ISO 8601 : AAAA-MM-JJTHH:MM:SSZ)"

# the campaign and the commune, as a cell's row and a commune's row both begin
_CAMPAIGN_AND_COMMUNE = (
    Field("campaign", "string", "Nom de la campagne", required=True),
    Field("commune_code", "string", INSEE_CODE, required=True, pattern=INSEE_PATTERN),
    Field("commune_name", "string", "Nom de la commune", required=True),
    Field(
        "department_code",
        "string",
        DEPARTMENT_CODE,
        required=True,
        pattern=DEPARTMENT_PATTERN,
    ),
)

CELL_FIELDS = (
    *_CAMPAIGN_AND_COMMUNE,
    Field("service_id", "string", "Identifiant du service dans le catalogue", required=True),
    Field("service_label", "string", "Libellé du service", required=True),
    Field("domain", "string", "Domaine du service", required=True),
    Field(
        "max_level",
        "integer",
        "Niveau maximal que le service peut atteindre dans le catalogue de la campagne : la "
        "part du maximum d'une cellule est min(level, max_level) / max_level, et elle est "
        "entièrement en ligne quand level atteint max_level (voir les scores)",
        required=True,
        minimum=1,
        maximum=5,
    ),
    Field(
        "level",
        "integer",
        "Niveau de 0 à 5 : 0 absent (le service a été cherché et n'a pas été trouvé : "
        "une valeur mesurée, pas une donnée manquante), 1 information, 2 interaction à sens "
        "unique, 3 interaction bidirectionnelle, 4 transaction, 5 personnalisation ; vide "
        "quand le service est sans objet (not_applicable). Une cellule non mesurée n'est pas "
        "une ligne",
        minimum=0,
        maximum=5,
    ),
    Field("not_applicable", "boolean", "Service sans objet pour cette commune", required=True),
    Field(
        "source",
        "string",
        "Origine de la valeur : auto (proposition automatique), reviewed (auditeur), "
        "imported (import)",
        enum=("auto", "reviewed", "imported"),
        required=True,
    ),
    Field(
        "evidence_url",
        "string",
        "Adresse de la page qui prouve le niveau ; vide seulement pour un niveau 0 (rien à "
        "montrer) ou un service sans objet",
    ),
    Field(
        "archived_url",
        "string",
        "Adresse de la page archivée (WARC) par le robot ; vide quand la preuve n'a pas été "
        "archivée (niveau importé, ou relevé sans passage du robot)",
    ),
    Field(
        "archive_page",
        "string",
        "Chemin, sur le site de l'observatoire, de la page archivée et des niveaux lus dessus "
        "(/preuve/<numéro>/) ; vide quand la preuve n'a pas été archivée",
    ),
    Field(
        "confidence",
        "number",
        "Confiance de la proposition automatique (0 à 1) ; vide pour un niveau revu ou importé",
        minimum=0,
        maximum=1,
    ),
    Field(
        "author",
        "string",
        "Qui a décidé, sans nom de personne : « auditeur 1 », « auditeur 2 »… pour une revue "
        "(les auditeurs de la campagne numérotés dans l'ordre de leur première revue, un "
        "pseudonyme propre à la campagne), « double codage » pour un niveau que deux codages "
        "à l'aveugle concordants ont décidé, « import » pour un niveau importé, « barometre » "
        "pour une proposition automatique",
        required=True,
    ),
    Field(
        "author_kind",
        "string",
        "Type d'auteur : auto (proposition automatique), auditor (revue d'un auditeur), "
        "double_coding (double codage à l'aveugle concordant), import (import)",
        enum=AUTHOR_KINDS,
        required=True,
    ),
    Field(
        "decided_at",
        "datetime",
        "Date et heure où la valeur retenue a été décidée (revue, import ou proposition "
        f"automatique){AT_THE_SECOND}",
        required=True,
    ),
    # a review keeps the automatic value beside the auditor's (docs/method/SCALE.md): the
    # proposal the auditor saw, assessments.selectors.reviewed_proposals
    Field(
        "proposed_level",
        "integer",
        "Pour un niveau revu (source reviewed), niveau de la proposition automatique que "
        "l'auditeur avait sous les yeux, la dernière faite avant sa décision ; vide pour les "
        "autres origines (level et confidence disent déjà la proposition d'une valeur auto), "
        "pour un niveau revu sans proposition ou quand elle était sans objet",
        minimum=0,
        maximum=5,
    ),
    Field(
        "proposed_not_applicable",
        "boolean",
        "Cette proposition disait le service sans objet ; vide sans proposition revue",
    ),
    Field(
        "proposed_confidence",
        "number",
        "Confiance de cette proposition (0 à 1) ; vide sans proposition revue",
        minimum=0,
        maximum=1,
    ),
)

SCORE_SCOPES = ("all", "domain", "service", "bracket", "commune")
SCORE_FIELDS = (
    Field("campaign", "string", "Nom de la campagne", required=True),
    Field(
        "scope",
        "string",
        "Groupe : all (ensemble), domain, service, bracket (tranche), commune",
        enum=SCORE_SCOPES,
        required=True,
    ),
    Field(
        "key",
        "string",
        "Identifiant du groupe (domaine, service, tranche ou code INSEE)",
        required=True,
    ),
    Field("label", "string", "Libellé du groupe", required=True),
    Field(
        "bracket",
        "string",
        f"Tranche de population de la commune (population municipale INSEE)\u00a0: "
        f"{BRACKET_VALUES}\u00a0; vide pour les autres groupes (la tranche d'un groupe bracket "
        "est sa clé key)",
        enum=BRACKET_IDS,
    ),
    Field(
        "communes",
        "integer",
        "Nombre de communes ayant au moins une cellule mesurée dans le groupe (pour une commune : "
        "1, ou 0 quand aucune de ses cellules n'est mesurée)",
        required=True,
        minimum=0,
    ),
    Field(
        "cells",
        "integer",
        "Nombre de cellules mesurées (sans objet compris)",
        required=True,
        minimum=0,
    ),
    Field("not_applicable_cells", "integer", "Cellules sans objet", required=True, minimum=0),
    Field(
        "unmeasured_cells",
        "integer",
        "Cellules non mesurées (personne n'a relevé le niveau) : comptées nulle part, jamais "
        "comme 0 ; pour les groupes, celles des communes mesurées ; pour une commune sans "
        "cellule mesurée, tous ses services",
        required=True,
        minimum=0,
    ),
    Field(
        "mean_level",
        "number",
        "Niveau moyen des cellules applicables, sans objet exclus (0 à 5) ; vide quand le "
        "groupe n'en a aucune (une commune sans cellule mesurée, ou dont toutes sont sans "
        "objet)",
        minimum=0,
        maximum=5,
    ),
    Field(
        "mean_of_city_means",
        "number",
        "Moyenne des niveaux moyens des communes du groupe, chacune pesant autant (0 à 5) ; "
        "vide pour une commune (scope commune) et pour un groupe sans cellule applicable",
        minimum=0,
        maximum=5,
    ),
    Field(
        "share_of_max",
        "number",
        "Part du maximum atteignable (0 à 1, 0.5 pour 50 %) : moyenne sur les cellules "
        "applicables de min(level, max_level) / max_level ; vide quand le groupe n'a aucune "
        "cellule applicable",
        minimum=0,
        maximum=1,
    ),
    Field(
        "share_fully_online",
        "number",
        "Part des cellules applicables au niveau maximal de leur service (0 à 1) ; vide "
        "quand le groupe n'a aucune cellule applicable",
        minimum=0,
        maximum=1,
    ),
    Field(
        "share_transactional",
        "number",
        "Part des cellules au niveau 4 ou plus, parmi les cellules applicables des services "
        "qui peuvent l'atteindre (niveau maximal 4 ou 5), de 0 à 1 ; vide là où il n'y en "
        "a aucune (un service plafonné au niveau 3)",
        minimum=0,
        maximum=1,
    ),
    Field(
        "rank",
        "integer",
        "Rang de la commune par niveau moyen décroissant (ex aequo partagés : 1, 2, 2, 4) ; "
        "vide pour les autres groupes et pour une commune sans cellule applicable mesurée",
        minimum=1,
    ),
)


CODING_FIELDS = (
    Field("campaign", "string", "Nom de la campagne", required=True),
    Field("commune_code", "string", INSEE_CODE, required=True, pattern=INSEE_PATTERN),
    Field("service_id", "string", "Identifiant du service dans le catalogue", required=True),
    Field(
        "coder",
        "string",
        "Codeur anonyme de la cellule : A, puis B, dans l'ordre où la cellule leur a été "
        "attribuée (le même auditeur porte des lettres différentes d'une cellule à l'autre)",
        required=True,
    ),
    Field(
        "level",
        "integer",
        "Niveau codé à l'aveugle, la première réponse du codeur (une réponse modifiée ensuite, "
        "quand le codeur pouvait voir la proposition, n'est plus à l'aveugle) ; vide quand "
        "le service est sans objet",
        minimum=0,
        maximum=5,
    ),
    Field(
        "not_applicable",
        "boolean",
        "Service jugé sans objet par ce codeur, dans sa première réponse",
        required=True,
    ),
    Field("coded_at", "datetime", f"Date et heure de la réponse{AT_THE_SECOND}", required=True),
    Field(
        "proposed_level",
        "integer",
        "Niveau de la dernière proposition automatique faite avant la réponse, que le codeur ne "
        "voyait pas ; vide sans proposition ou quand elle était sans objet",
        minimum=0,
        maximum=5,
    ),
    Field(
        "proposed_not_applicable",
        "boolean",
        "Cette proposition disait le service sans objet ; vide sans proposition",
    ),
    Field(
        "proposed_confidence",
        "number",
        "Confiance de cette proposition (0 à 1) ; vide sans proposition",
        minimum=0,
        maximum=1,
    ),
)


# The communes of a campaign as the referential gives them when the package is built: what a
# reuser joins the cells to (population, region, intercommunal body), so that a study by size or
# territory needs no other download.
COMMUNE_FIELDS = (
    *_CAMPAIGN_AND_COMMUNE,
    Field(
        "region_code",
        "string",
        "Code de la région, un texte (11 Île-de-France, 01 Guadeloupe, 975 pour une collectivité "
        "d'outre-mer)",
        required=True,
        pattern=REGION_PATTERN,
    ),
    Field(
        "epci_siren",
        "string",
        "SIREN de l'intercommunalité à fiscalité propre dont la commune est membre, un texte de "
        "9 chiffres\u00a0; vide pour une commune qui n'en a pas (îles "
        "mono-communales, collectivités d'outre-mer)",
        pattern=SIREN_PATTERN,
    ),
    Field("epci_name", "string", "Nom de l'intercommunalité\u00a0; vide comme epci_siren"),
    Field(
        "population",
        "integer",
        "Population municipale (INSEE) du référentiel de barometre (millésime du Code officiel "
        "géographique 2026), la même pour toutes les campagnes\u00a0: ce n'est pas la "
        "population à la date de la mesure",
        required=True,
        minimum=0,
    ),
    Field(
        "bracket",
        "string",
        f"Tranche de population, d'après population\u00a0: {BRACKET_VALUES}",
        required=True,
        enum=BRACKET_IDS,
    ),
)
