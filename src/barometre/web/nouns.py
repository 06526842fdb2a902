"""Every noun barometre counts with: `counted(n, "cellule", "cellules")` in the code,
`{{ n|fr_counted:"cellule,cellules" }}` in the templates.

`core.plural` translates such a pair as a plural message in the context « nombre »
(`npgettext`), so that a count's noun never meets the same word translated alone (« commune »
as a column title). gettext's extraction does not see a pair passed to `counted` or to a
template filter, so each one is written here, where `make messages` finds it (the `nouns`
keyword of scripts/messages.py). tests/test_catalogue.py checks that every literal
pair of the code and the templates is listed.
"""

from __future__ import annotations

COUNT_CONTEXT = "nombre"


def nouns(context: str, singular: str, plural: str) -> tuple[str, str]:
    return singular, plural


COUNT_NOUNS = (
    nouns("nombre", "audit de site", "audits de site"),
    nouns("nombre", "automatique", "automatiques"),
    nouns("nombre", "autre", "autres"),
    nouns(
        "nombre", "autre cellule jamais tirée examinée", "autres cellules jamais tirées examinées"
    ),
    nouns("nombre", "autre ligne refusée", "autres lignes refusées"),
    nouns("nombre", "autre motif", "autres motifs"),
    nouns("nombre", "campagne", "campagnes"),
    nouns("nombre", "caractère", "caractères"),
    nouns("nombre", "champ", "champs"),
    nouns("nombre", "cellule", "cellules"),
    nouns("nombre", "cellule applicable", "cellules applicables"),
    nouns("nombre", "cellule attribuée", "cellules attribuées"),
    nouns("nombre", "cellule comparable", "cellules comparables"),
    nouns("nombre", "cellule décidée", "cellules décidées"),
    nouns("nombre", "cellule demandée", "cellules demandées"),
    nouns("nombre", "cellule en hausse", "cellules en hausse"),
    nouns("nombre", "cellule exportée", "cellules exportées"),
    nouns("nombre", "cellule importée", "cellules importées"),
    nouns("nombre", "cellule mesurée", "cellules mesurées"),
    nouns("nombre", "cellule sans objet", "cellules sans objet"),
    nouns("nombre", "cellule à coder", "cellules à coder"),
    nouns("nombre", "cellule à remplir", "cellules à remplir"),
    nouns("nombre", "cellule à revoir", "cellules à revoir"),
    nouns("nombre", "cellule écartée", "cellules écartées"),
    nouns("nombre", "codage", "codages"),
    nouns("nombre", "collectivité", "collectivités"),
    nouns("nombre", "commune", "communes"),
    nouns("nombre", "commune classée", "communes classées"),
    nouns("nombre", "commune mesurée", "communes mesurées"),
    nouns("nombre", "commune trouvée", "communes trouvées"),
    nouns("nombre", "déjà fait", "déjà faits"),
    nouns("nombre", "domaine non testé", "domaines non testés"),
    nouns("nombre", "erreur", "erreurs"),
    nouns("nombre", "élue", "élues"),
    nouns("nombre", "extrait", "extraits"),
    nouns("nombre", "extrait classé", "extraits classés"),
    nouns("nombre", "fichier", "fichiers"),
    nouns("nombre", "fichier refusé", "fichiers refusés"),
    nouns("nombre", "habitant", "habitants"),
    nouns("nombre", "importée", "importées"),
    nouns("nombre", "inchangé", "inchangés"),
    nouns("nombre", "inchangée", "inchangées"),
    nouns("nombre", "lien à usage unique écrit", "liens à usage unique écrits"),
    nouns("nombre", "ligne refusée", "lignes refusées"),
    nouns("nombre", "liste", "listes"),
    nouns("nombre", "non terminé", "non terminés"),
    nouns("nombre", "numérique", "numériques"),
    nouns("nombre", "octet", "octets"),
    nouns("nombre", "page", "pages"),
    nouns("nombre", "page analysée", "pages analysées"),
    nouns("nombre", "page archivée", "pages archivées"),
    nouns("nombre", "paire d'auditeurs", "paires d'auditeurs"),
    nouns("nombre", "phrase", "phrases"),
    nouns("nombre", "phrase disruptive", "phrases disruptives"),
    nouns("nombre", "preuve archivée", "preuves archivées"),
    nouns("nombre", "mesurée", "mesurées"),
    nouns("nombre", "programme", "programmes"),
    nouns(
        "nombre",
        "programme dans une autre langue que le français n'est pas lu ni compté",
        "programmes dans une autre langue que le français ne sont pas lus ni comptés",
    ),
    nouns("nombre", "programme lu", "programmes lus"),
    nouns("nombre", "programme relu", "programmes relus"),
    nouns(
        "nombre",
        "programme sans texte lisible (PDF d'images ou vide) n'est pas lu ni compté",
        "programmes sans texte lisible (PDF d'images ou vides) ne sont pas lus ni comptés",
    ),
    nouns("nombre", "retenue", "retenues"),
    nouns("nombre", "revue", "revues"),
    nouns("nombre", "répondant", "répondants"),
    nouns("nombre", "répondant importé", "répondants importés"),
    nouns("nombre", "réponse", "réponses"),
    nouns("nombre", "service", "services"),
    nouns("nombre", "site", "sites"),
    nouns("nombre", "site traité", "sites traités"),
    nouns("nombre", "site audité", "sites audités"),
    nouns("nombre", "site en cours", "sites en cours"),
    nouns("nombre", "site en file ou en cours", "sites en file ou en cours"),
    nouns("nombre", "site en échec remis", "sites en échec remis"),
    nouns("nombre", "site écarté", "sites écartés"),
    nouns("nombre", "site fait", "sites faits"),
    nouns("nombre", "site mis", "sites mis"),
    nouns("nombre", "site pris", "sites pris"),
    nouns("nombre", "site reste", "sites restent"),
    nouns("nombre", "tirage", "tirages"),
    nouns("nombre", "échec", "échecs"),
    nouns("nombre", "évaluation", "évaluations"),
    nouns("nombre", "ligne", "lignes"),
    nouns("nombre", "site exploré", "sites explorés"),
    nouns("nombre", "site web", "sites web"),
)
