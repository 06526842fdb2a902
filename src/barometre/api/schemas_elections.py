"""JSON schemas of the elections' figures (`/api/v1/elections`): the same fields as the JSON
report of `barometre programmes report` (its `summary` and `comparison`)."""

from __future__ import annotations

from barometre.api.schema_types import (
    Schema,
    array,
    boolean,
    integer,
    number,
    obj,
    string,
    with_null,
)


def share(what: str) -> Schema:
    """A share with its Wilson 95 % interval, as the report's (`core.proportions.Share`)."""
    return obj(
        f"{what} : part et intervalle de Wilson à 95 % (share, low, high null si n vaut 0).",
        count=integer("Programmes comptés (numérateur).", minimum=0),
        n=integer("Programmes lus (dénominateur).", minimum=0),
        share=number("count / n, de 0 à 1."),
        low=number("Borne basse de l'intervalle de Wilson à 95 %."),
        high=number("Borne haute de l'intervalle de Wilson à 95 %."),
    )


_ELECTION = {
    "election": integer("Année de l'élection."),
    "demonstration": boolean("Programmes de démonstration inventés, pas ceux de listes réelles."),
    "programmes": integer("Programmes lus (un par liste), ceux de toutes les parts.", minimum=0),
    "communes": integer("Communes dont au moins un programme est lu.", minimum=0),
    "digital": share("Programmes qui parlent de numérique"),
    "not_read": obj(
        "Programmes importés mais non lus, écartés de toutes les parts.",
        no_text=integer("PDF sans texte lisible (image numérisée).", minimum=0),
        other_language=integer("Programmes dans une autre langue que le français.", minimum=0),
    ),
    "disruptive": share("Programmes qui portent une proposition disruptive"),
    "url": string("Chemin du détail de l'élection dans l'API."),
    "page": string("Chemin de la page web de l'élection."),
    "opendata": string("Chemin de l'archive zip des données ouvertes de l'élection."),
    "datapackage": string(
        "Chemin du datapackage.json des données ouvertes de l'élection, dont les tables sont à "
        "côté (programmes.csv…)."
    ),
}
_BRACKET = obj(
    "Une tranche de population.",
    bracket=string("Identifiant de la tranche."),
    label=string("Libellé de la tranche."),
    n_communes=integer("Communes de la tranche dont un programme est lu.", minimum=0),
    digital=share("Programmes de la tranche qui parlent de numérique"),
    digital_without_video_protection=share(
        "Les mêmes, sans ceux dont le seul numérique est la vidéoprotection"
    ),
)
_THEME = obj(
    "Un thème.",
    theme=string("Identifiant du thème (/api/v1/themes)."),
    label=string("Libellé du thème."),
    disruptive_by_default=boolean("Thème disruptif par défaut."),
    programmes=share("Programmes qui citent le thème"),
    sentences=integer("Phrases qui portent le thème.", minimum=0),
)
_CHANGE = obj(
    "Évolution de la part, de l'élection comparée à celle-ci (0,12 = 12 points).",
    difference=number(
        "Part de cette élection − part de l'élection comparée ; null si non mesurée."
    ),
    low=number("Borne basse de l'intervalle de Newcombe à 95 %."),
    high=number("Borne haute de l'intervalle de Newcombe à 95 %."),
)
_COMPARISON = obj(
    "Comparaison avec une élection antérieure (?compare=), celle de la page web et du rapport "
    "--compare ; null sans compare.",
    election=integer("Année de l'élection comparée."),
    by_bracket=array(
        "Part des programmes qui parlent de numérique, toutes communes (all) puis par tranche.",
        obj(
            "Une tranche.",
            bracket=string("Identifiant de la tranche ; all pour toutes les communes."),
            label=string("Libellé de la tranche."),
            current=share("Cette élection"),
            other=share("L'élection comparée"),
            change=_CHANGE,
            significant=with_null(
                boolean(
                    "L'intervalle de l'évolution exclut 0 (significative à 5 %) ; null si non "
                    "mesurée."
                )
            ),
            few=boolean(
                "Trop peu de programmes pour conclure (1 à 4 programmes lus dans l'une des deux "
                "élections) : l'évolution est donnée, la page et le rapport ne la disent ni "
                "significative ni non significative."
            ),
        ),
    ),
    themes=array(
        "Part des programmes qui citent chaque thème dans les deux élections.",
        obj(
            "Un thème.",
            theme=string("Identifiant du thème."),
            label=string("Libellé du thème."),
            current=share("Cette élection"),
            other=with_null(share("L'élection comparée ; null si le thème n'y était pas")),
        ),
    ),
)

ELECTION_COMPONENTS: dict[str, Schema] = {
    "Election": obj("Une élection et ses programmes lus.", **_ELECTION),
    "ElectionDetail": obj(
        "Une élection, ses chiffres par tranche et par thème (ceux du rapport JSON).",
        **_ELECTION,
        digital_without_video_protection=share(
            "Programmes qui parlent de numérique, hors vidéoprotection seule"
        ),
        disruptive_among_digital=share(
            "Programmes à proposition disruptive parmi ceux qui parlent de numérique"
        ),
        digital_sentences=integer("Phrases à thème numérique.", minimum=0),
        disruptive_sentences=integer("Phrases disruptives.", minimum=0),
        by_bracket=array("Par tranche de population.", _BRACKET),
        themes=array("Par thème.", _THEME),
        comparison=with_null(_COMPARISON),
    ),
}
