"""The shipped questionnaire's words in the page's language.

The questionnaire is French data (data/questionnaires/questionnaire-2026.1.yaml), the reference
of its meaning. What a respondent or a reader of the results reads of it (the answers, the
roles, each axis's label and priority, each statement and its next step) is listed here for the
translation catalogue, as the data labels are (outputs/data_labels.py): gettext's extraction
does not read YAML, and tests/test_catalogue.py checks that the list is the file's words, no
more, no less. A page in another language shows a questionnaire through
`questionnaire_in_language`; a questionnaire a user loads keeps the words it has no translation
of as written, and the published reports, built in French, show the French.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext, gettext_noop

from barometre.survey.questionnaire import QuestionnaireSpec

QUESTIONNAIRE_LABELS = (
    # the answers
    gettext_noop("Pas du tout vrai dans ma collectivité"),
    gettext_noop("Plutôt pas vrai"),
    gettext_noop("Ni vrai ni faux"),
    gettext_noop("Plutôt vrai"),
    gettext_noop("Tout à fait vrai"),
    gettext_noop("Je ne sais pas"),
    # the roles
    gettext_noop("Agent"),
    gettext_noop("Manager ou encadrant"),
    gettext_noop("Direction des systèmes d'information (DSI, informatique)"),
    gettext_noop("Élu ou élue"),
    gettext_noop("Direction générale"),
    # the axis gouvernance: its label, its priority, then each statement and its next step
    gettext_noop("Gouvernance"),
    gettext_noop(
        "Une nouvelle gouvernance : un élu porte le numérique et la transformation qui va "
        "avec, la DSI rend compte à la direction générale, la communication anime le "
        "territoire."
    ),
    gettext_noop(
        "Un élu ou une élue a une délégation écrite qui couvre le numérique et l'organisation "
        "du travail."
    ),
    gettext_noop(
        "Confier par arrêté une délégation explicite « numérique et transformation » à un élu, "
        "et la publier dans l'organigramme."
    ),
    gettext_noop(
        "Le ou la responsable informatique rend compte directement à la direction générale des "
        "services."
    ),
    gettext_noop(
        "Rattacher la DSI à la direction générale plutôt qu'aux moyens généraux ou aux finances."
    ),
    gettext_noop(
        "Il existe une feuille de route numérique écrite, avec des échéances, présentée en "
        "conseil ou en comité de direction au moins une fois par an."
    ),
    gettext_noop(
        "Écrire une feuille de route numérique d'une page avec trois échéances datées et la "
        "présenter chaque année en comité de direction."
    ),
    gettext_noop(
        "Les projets numériques sont arbitrés dans une instance où siègent à la fois des élus, "
        "la direction générale et la DSI."
    ),
    gettext_noop(
        "Créer un comité numérique trimestriel réunissant l'élu délégué, la direction générale "
        "et la DSI, avec un relevé de décisions."
    ),
    gettext_noop(
        "Le service communication associe les habitants et les associations aux nouveaux "
        "services en ligne (ateliers, tests, relais)."
    ),
    gettext_noop(
        "Demander au service communication d'organiser un test public de chaque nouveau "
        "service en ligne avant son ouverture."
    ),
    # the axis expertise: its label, its priority, then each statement and its next step
    gettext_noop("Expertise des praticiens"),
    gettext_noop(
        "L'expertise des praticiens : travailler avec les usagers et les agents, donner du "
        "pouvoir à ceux qui exécutent, faire grandir les compétences internes plutôt que tout "
        "confier à des prestataires."
    ),
    gettext_noop(
        "Avant de mettre en ligne un service, des usagers le testent et leurs remarques "
        "changent le service."
    ),
    gettext_noop(
        "Organiser pour chaque service en ligne une séance de test avec cinq usagers, et noter "
        "ce qui a changé ensuite."
    ),
    gettext_noop(
        "Les agents qui traitent les demandes participent à la conception des outils qu'ils "
        "utilisent."
    ),
    gettext_noop(
        "Inviter au moins un agent de l'accueil ou du service instructeur à chaque atelier de "
        "conception d'un outil."
    ),
    gettext_noop(
        "Des agents de la collectivité savent paramétrer ou faire évoluer nos outils sans "
        "passer par un prestataire."
    ),
    gettext_noop(
        "Identifier deux outils clés et former un agent référent capable de les paramétrer seul."
    ),
    gettext_noop(
        "Chaque agent peut suivre au moins une formation au numérique par an sur son temps de "
        "travail."
    ),
    gettext_noop(
        "Inscrire au plan de formation une journée numérique par agent et par an, sur le temps "
        "de travail."
    ),
    gettext_noop(
        "Quand un projet est confié à un prestataire, une personne en interne en suit le "
        "contenu et en garde la maîtrise."
    ),
    gettext_noop(
        "Nommer pour chaque marché numérique un chef de projet interne qui valide les "
        "livrables et documente les choix."
    ),
    # the axis management: its label, its priority, then each statement and its next step
    gettext_noop("Management public"),
    gettext_noop(
        "Un management public renouvelé : des agents qui ont la charge d'une fonction, une "
        "parole libre, un leadership reconnu et valorisé."
    ),
    gettext_noop(
        "Chaque service en ligne a un agent nommément responsable, connu de ses collègues."
    ),
    gettext_noop(
        "Publier en interne la liste des services en ligne avec, pour chacun, l'agent qui en a "
        "la charge."
    ),
    gettext_noop(
        "Un agent peut signaler un dysfonctionnement à sa hiérarchie sans craindre de reproche."
    ),
    gettext_noop(
        "Instaurer un point d'équipe mensuel où chacun signale un irritant, sans recherche de "
        "coupable."
    ),
    gettext_noop(
        "Les encadrants laissent les agents décider seuls des questions courantes de leur domaine."
    ),
    gettext_noop(
        "Écrire pour chaque service la liste des décisions courantes que les agents prennent "
        "sans validation."
    ),
    gettext_noop(
        "Une initiative réussie d'un agent est reconnue publiquement (réunion, lettre interne, "
        "entretien annuel)."
    ),
    gettext_noop(
        "Citer dans la lettre interne, chaque trimestre, une amélioration proposée et réalisée "
        "par des agents."
    ),
    gettext_noop("L'entretien annuel aborde les compétences numériques de l'agent et ses besoins."),
    gettext_noop(
        "Ajouter une rubrique « compétences et besoins numériques » à la trame de l'entretien "
        "annuel."
    ),
    # the axis engagement: its label, its priority, then each statement and its next step
    gettext_noop("Engagement des agents"),
    gettext_noop(
        "L'engagement des agents : s'appuyer sur leur sens du service public, l'intelligence "
        "collective sur les problèmes du quotidien, des démarches administratives plus "
        "fluides."
    ),
    gettext_noop(
        "Il existe un moyen simple et connu de proposer une amélioration (boîte à idées, "
        "canal, réunion) et les propositions reçoivent une réponse."
    ),
    gettext_noop(
        "Ouvrir un canal unique de propositions et répondre à chacune sous un mois, même par "
        "un refus motivé."
    ),
    gettext_noop(
        "Des agents de services différents se réunissent pour régler ensemble un problème du "
        "quotidien."
    ),
    gettext_noop(
        "Lancer un atelier transversal par trimestre sur un irritant choisi par les agents "
        "eux-mêmes."
    ),
    gettext_noop(
        "Au cours de l'année écoulée, au moins une démarche interne a été simplifiée (moins de "
        "signatures, moins de papier, moins de ressaisies)."
    ),
    gettext_noop(
        "Choisir une démarche interne très utilisée, compter ses étapes, et en supprimer au "
        "moins une cette année."
    ),
    gettext_noop(
        "Les agents savent à quoi sert, pour les habitants, l'outil ou la démarche numérique "
        "qu'on leur demande d'utiliser."
    ),
    gettext_noop(
        "Présenter chaque nouvel outil par le service rendu aux habitants avant d'en expliquer "
        "le fonctionnement."
    ),
    gettext_noop(
        "Les remarques des usagers sur les services en ligne sont transmises aux agents concernés."
    ),
    gettext_noop(
        "Faire suivre chaque mois aux services concernés les remarques des usagers sur les "
        "démarches en ligne."
    ),
    # the axis agilite: its label, its priority, then each statement and its next step
    gettext_noop("Organisation agile"),
    gettext_noop(
        "Une organisation agile : le travail en réseau et en mode collaboratif, les "
        "initiatives encouragées, l'écosystème associé dès la conception des projets."
    ),
    gettext_noop(
        "Les projets numériques sont menés par une équipe qui réunit plusieurs services, pas "
        "par un seul."
    ),
    gettext_noop(
        "Constituer pour le prochain projet une équipe mixte (métier, DSI, accueil) avec un "
        "temps dédié."
    ),
    gettext_noop(
        "On met en service une première version simple, puis on l'améliore à partir de "
        "l'usage, plutôt que d'attendre un outil complet."
    ),
    gettext_noop(
        "Fixer pour le prochain projet une première version utilisable en trois mois, puis des "
        "améliorations mensuelles."
    ),
    gettext_noop(
        "Les agents disposent d'outils pour travailler à plusieurs sur un même document ou un "
        "même projet."
    ),
    gettext_noop(
        "Mettre à disposition un outil d'édition partagée et un espace de projet, avec une "
        "courte formation."
    ),
    gettext_noop(
        "Un agent peut lancer une expérimentation limitée sans attendre une validation à "
        "plusieurs niveaux."
    ),
    gettext_noop(
        "Définir un cadre d'expérimentation (durée, budget plafond, bilan) qui n'exige qu'un "
        "seul accord."
    ),
    gettext_noop(
        "Des partenaires extérieurs (autres collectivités, associations, entreprises locales) "
        "sont associés dès la conception des projets."
    ),
    gettext_noop(
        "Inviter au moins un partenaire extérieur ou une collectivité voisine au lancement de "
        "chaque projet numérique."
    ),
    # the axis technologie: its label, its priority, then each statement and its next step
    gettext_noop("Moyens technologiques"),
    gettext_noop(
        "Les moyens de profiter de la technologie : un équipement moderne, investir dans les "
        "personnes autant que dans la technique, des règles d'achat adaptées et diversifiées, "
        "le logiciel en ligne (SaaS) pour la souplesse."
    ),
    gettext_noop(
        "Les agents ont un poste de travail de moins de cinq ans qui leur permet de travailler "
        "sans attente."
    ),
    gettext_noop(
        "Établir l'âge du parc informatique et planifier le remplacement des postes de plus de "
        "cinq ans."
    ),
    gettext_noop(
        "Les agents qui travaillent sur le terrain ou à distance accèdent à leurs outils de "
        "façon sécurisée."
    ),
    gettext_noop(
        "Ouvrir un accès distant sécurisé aux outils métier pour les agents de terrain et en "
        "télétravail."
    ),
    gettext_noop(
        "Chaque achat de logiciel prévoit aussi un budget et du temps pour former les agents "
        "qui vont l'utiliser."
    ),
    gettext_noop(
        "Réserver dans chaque achat de logiciel une part du budget à la formation et à "
        "l'accompagnement des agents."
    ),
    gettext_noop(
        "La collectivité utilise plusieurs voies d'achat (centrale d'achat, marché innovant, "
        "solutions mutualisées ou libres)."
    ),
    gettext_noop(
        "Étudier pour le prochain achat une centrale publique ou une solution mutualisée avec "
        "d'autres collectivités."
    ),
    gettext_noop(
        "Certains outils sont utilisés en ligne (SaaS), ce qui évite d'installer et de "
        "maintenir des serveurs dans nos locaux."
    ),
    gettext_noop(
        "Identifier un outil dont l'hébergement interne coûte cher et comparer une offre en "
        "ligne réversible."
    ),
)


def questionnaire_in_language(spec: QuestionnaireSpec) -> QuestionnaireSpec:
    """`spec` with what a reader reads of it in the active language, where the catalogue has
    it (identifiers, version and checksum unchanged)."""
    return replace(
        spec,
        scale=tuple(gettext(label) for label in spec.scale),
        dont_know=gettext(spec.dont_know),
        roles={role: gettext(label) for role, label in spec.roles.items()},
        axes=tuple(
            replace(
                axis,
                label=gettext(axis.label),
                priority=gettext(axis.priority),
                statements=tuple(
                    replace(s, text=gettext(s.text), next_step=gettext(s.next_step))
                    for s in axis.statements
                ),
            )
            for axis in spec.axes
        ),
    )
