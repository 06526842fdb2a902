"""The Table Schema of the survey's results table (`csv_report`, and `resultats` of a closed
campaign's open data package, `results_package`): each column's name, French title, type,
description and constraints, with the conventions of the open data tables
(`outputs.opendata.fields`)."""

from __future__ import annotations

from barometre.outputs.opendata.fields import BRACKET_VALUES, Field
from barometre.outputs.queries import INSEE_CODE
from barometre.referential.brackets import BRACKET_IDS
from barometre.survey.reports.data import NO_PEER, NOT_ENOUGH
from barometre.survey.scoring import MIN_GROUP

LEVELS = ("overall", "axis", "statement")
EMPTY = "vide quand le rapport ne le publie pas (moins de 5 répondants, voir note)"
WHOLE = "lignes de la collectivité entière, global et axes, seulement"


def _score(name: str, title: str, whose: str) -> Field:
    return Field(
        name,
        "number",
        f"Score de 0 à 100 {whose}, à une décimale (une demie arrondie au-dessus)\u00a0; {EMPTY}",
        minimum=0,
        maximum=100,
        title=title,
    )


def _answers(name: str, title: str, whose: str) -> Field:
    return Field(
        name,
        "integer",
        f"Réponses notées derrière le score {whose} («\u00a0je ne sais pas\u00a0» exclu)"
        "\u00a0; vide sur une ligne globale (moyenne des six axes) et quand le score n'est pas "
        "publié",
        minimum=0,
        title=title,
    )


def _respondents(name: str, title: str, whose: str) -> Field:
    return Field(
        name,
        "integer",
        f"Répondants {whose}\u00a0; jamais moins de {MIN_GROUP} (en dessous, rien n'est publié)"
        f"\u00a0; {EMPTY}",
        minimum=MIN_GROUP,
        title=title,
    )


def _bound(prefix: str, end: str, whose: str, score: str, rows: str = WHOLE) -> Field:
    """The low or high bound of the 95 % interval of a score column."""
    word = "basse" if end == "low" else "haute"
    return Field(
        f"{prefix}_{end}",
        "number",
        f"Borne {word} de l'intervalle de confiance à 95\u00a0% de {score} ({whose}), à une "
        f"décimale, sur les {rows}\u00a0; vide quand {score} l'est, ou sans dispersion (tous "
        "les répondants ont donné le même score\u00a0: pas de marge à estimer)",
        minimum=0,
        maximum=100,
        title=f"Intervalle à 95\u00a0% {whose}, borne {word}",
    )


def _bounds(prefix: str, whose: str, score: str, rows: str = WHOLE) -> tuple[Field, Field]:
    return _bound(prefix, "low", whose, score, rows), _bound(prefix, "high", whose, score, rows)


ROLES = (
    "lignes globales et d'axe de la collectivité entière et de chaque rôle, et lignes d'affirmation"
)
AXIS_ROWS = "lignes d'axe de la collectivité entière seulement"
GAP_FIELDS = (
    Field(
        "gap_highest",
        "string",
        "Rôle (identifiant) qui note l'axe le plus haut, ex aequo séparés par une espace, sur "
        f"les {AXIS_ROWS}\u00a0; vide quand moins de deux rôles sont publiés sur l'axe",
        title="Écart\u00a0: rôle le plus haut",
    ),
    Field(
        "gap_lowest",
        "string",
        "Rôle (identifiant) qui note l'axe le plus bas, ex aequo séparés par une espace",
        title="Écart\u00a0: rôle le plus bas",
    ),
    Field(
        "gap_points",
        "number",
        "Écart entre ces rôles, en points à une décimale (différence de leurs scores publiés)",
        minimum=0,
        maximum=100,
        title="Écart entre les rôles (points)",
    ),
    Field(
        "gap_low",
        "number",
        "Borne basse de l'intervalle de confiance à 95\u00a0% de l'écart (deux groupes de "
        "personnes différentes, Welch), à une décimale\u00a0; vide quand un des deux groupes est "
        "sans dispersion (marge impossible à estimer)",
        minimum=-100,
        maximum=100,
        title="Intervalle à 95\u00a0% de l'écart, borne basse",
    ),
    Field(
        "gap_high",
        "number",
        "Borne haute de l'intervalle de confiance à 95\u00a0% de l'écart, à une décimale\u00a0; "
        "vide quand gap_low l'est",
        minimum=-100,
        maximum=100,
        title="Intervalle à 95\u00a0% de l'écart, borne haute",
    ),
    Field(
        "gap_beyond_chance",
        "boolean",
        "true\u00a0: l'intervalle de l'écart exclut 0, l'écart dépasse le hasard de qui a "
        "répondu\u00a0; false\u00a0: il peut n'être dû qu'à ce hasard\u00a0; vide sans écart",
        title="Écart au-delà du hasard",
    ),
)

EVOLUTION_FIELDS = (
    Field(
        "evolution_low",
        "number",
        "Borne basse de l'intervalle de confiance à 95\u00a0% de l'évolution (les répondants des "
        "deux campagnes, Welch), à une décimale\u00a0; vide quand evolution l'est, ou quand "
        "une des deux campagnes est sans dispersion (marge impossible à estimer)",
        minimum=-100,
        maximum=100,
        title="Intervalle à 95\u00a0% de l'évolution, borne basse",
    ),
    Field(
        "evolution_high",
        "number",
        "Borne haute de l'intervalle de confiance à 95\u00a0% de l'évolution, à une décimale"
        "\u00a0; vide quand evolution_low l'est",
        minimum=-100,
        maximum=100,
        title="Intervalle à 95\u00a0% de l'évolution, borne haute",
    ),
    Field(
        "evolution_beyond_chance",
        "boolean",
        "true\u00a0: l'intervalle de l'évolution exclut 0, l'évolution dépasse le hasard de qui "
        "a répondu\u00a0; false\u00a0: elle peut n'être due qu'à ce hasard\u00a0; vide sans "
        "évolution",
        title="Évolution au-delà du hasard",
    ),
)


RESULT_FIELDS = (
    Field("campaign", "string", "Nom de la campagne d'enquête", required=True),
    Field(
        "questionnaire", "string", "Version du questionnaire", required=True, title="Questionnaire"
    ),
    Field(
        "collectivite_code",
        "string",
        "Code INSEE de la commune ou SIREN de l'intercommunalité, un texte (01001)",
        required=True,
        pattern=f"(?:{INSEE_CODE}|[0-9]{{9}})",
        title="Code de la collectivité",
    ),
    Field(
        "collectivite_name", "string", "Nom de la collectivité", required=True, title="Collectivité"
    ),
    Field(
        "bracket",
        "string",
        "Tranche de population de la collectivité\u00a0: " + BRACKET_VALUES,
        enum=BRACKET_IDS,
        required=True,
    ),
    Field(
        "role",
        "string",
        "Rôle des répondants (identifiant du questionnaire)\u00a0; vide pour la collectivité "
        "entière",
        title="Rôle",
    ),
    Field(
        "level",
        "string",
        "overall (score global, moyenne des six axes), axis (un axe) ou statement (une "
        "affirmation)",
        enum=LEVELS,
        required=True,
        title="Niveau du score",
    ),
    Field(
        "axis",
        "string",
        "Identifiant de l'axe (celui de l'affirmation sur une ligne statement)\u00a0; vide sur "
        "une ligne overall",
        title="Axe",
    ),
    Field(
        "statement",
        "string",
        "Identifiant de l'affirmation sur une ligne statement, vide sinon",
        title="Affirmation",
    ),
    Field(
        "label",
        "string",
        "Nom de l'axe, texte de l'affirmation, ou «\u00a0Score global\u00a0»",
        required=True,
        title="Libellé",
    ),
    _score("score", "Score", "du groupe (la collectivité, ou le rôle)"),
    _answers("answers", "Réponses", "du groupe"),
    _respondents("respondents", "Répondants", "du groupe (la collectivité, ou le rôle)"),
    Field(
        "note",
        "string",
        "Pourquoi score est vide\u00a0: «\u00a0pas assez de réponses\u00a0»\u00a0; vide quand il "
        "est publié",
        enum=(NOT_ENOUGH,),
        title="Note",
    ),
    _score("peers_score", "Score des pairs", f"des autres collectivités de la tranche ({WHOLE})"),
    _answers("peers_answers", "Réponses des pairs", "des pairs"),
    _respondents("peers_respondents", "Répondants des pairs", "des pairs"),
    Field(
        "peers_collectivites",
        "integer",
        "Nombre d'autres collectivités de la tranche dont les chiffres font ceux des pairs "
        f"(1\u00a0: ceux d'une seule collectivité)\u00a0; vide sans pairs ({WHOLE})",
        minimum=1,
        title="Collectivités des pairs",
    ),
    Field(
        "peers_note",
        "string",
        "Pourquoi peers_score est vide (lignes de la collectivité entière, global et axes)",
        enum=(NO_PEER, NOT_ENOUGH),
        title="Note des pairs",
    ),
    _score("all_score", "Score de tous", f"de tous les répondants publiés ({WHOLE})"),
    _answers("all_answers", "Réponses de tous", "de tous les répondants"),
    _respondents("all_respondents", "Répondants de tous", "de toutes les collectivités publiées"),
    Field(
        "all_note",
        "string",
        "Pourquoi all_score est vide\u00a0: «\u00a0pas assez de réponses\u00a0» quand aucune "
        f"collectivité ne publie ses chiffres ({WHOLE})",
        enum=(NOT_ENOUGH,),
        title="Note de tous",
    ),
    Field(
        "evolution_since",
        "string",
        "Campagne précédente comparée (la dernière campagne close où la collectivité publie)"
        f"\u00a0; vide sans campagne précédente ({WHOLE})",
        title="Évolution depuis",
    ),
    Field(
        "evolution",
        "number",
        "Évolution depuis cette campagne, en points à une décimale (différence des deux scores "
        "publiés)\u00a0; vide sans campagne précédente ou quand un des deux scores n'est pas "
        "publié",
        minimum=-100,
        maximum=100,
        title="Évolution (points)",
    ),
    *_bounds("score", "du groupe, la collectivité entière ou le rôle", "score", ROLES),
    *_bounds("peers", "des pairs", "peers_score"),
    *_bounds("all", "de tous les répondants", "all_score"),
    *GAP_FIELDS,
    *EVOLUTION_FIELDS,
    Field(
        "provisional",
        "boolean",
        "true\u00a0: rapport interne d'une campagne ouverte (--provisoire, à ne pas diffuser)"
        "\u00a0; false\u00a0: rapport publié d'une campagne close",
        required=True,
        title="Provisoire",
    ),
    # the last column, as in every open data table (`outputs.opendata.package.DEMONSTRATION`)
    Field(
        "demonstration",
        "boolean",
        "true\u00a0: réponses de démonstration inventées, pas une enquête réelle (toutes les "
        "lignes d'une campagne de démonstration)\u00a0; false\u00a0: campagne réelle",
        required=True,
    ),
)
