"""The `patterns` batch: 22 pages written on 2026-12-03, in our own words, after the patterns
of real municipal pages recorded in docs/validation/real-wording.md, labelled before the
detector was run on them. Written after the rule changes of that day, it joins the tests
(never the tuning) and is gated apart (`patterns_*` floors).

Each entry: (slug, title, body paragraphs, labels, options); options as in wild_layouts.py.
"""

# Hand-written prose: one paragraph per line reads better than wrapped strings.
# ruff: noqa: E501

from __future__ import annotations

SP = "https://www.service-public.fr/particuliers/vosdroits"
G, GI, V, C = "grande-ville", "grande-ville-inline", "village", "intercommunal"

PATTERNS: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]] = [
    (
        "etat-civil/copies-actes",
        "Copies et extraits d'actes",
        [
            "La mairie délivre gratuitement les copies des actes de naissance et de mariage dressés dans la commune.",
            "Écrivez au service de l'état civil en précisant les nom, prénoms et date de l'événement ainsi que la filiation, et glissez dans votre courrier une enveloppe affranchie à votre adresse.",
            "Les actes ne sont jamais transmis par courriel.",
        ],
        {"actes-etat-civil": 2},
        {"layout": V},
    ),
    (
        "jeunesse/recensement",
        "Se faire recenser à 16 ans",
        [
            "Entre le jour de ses seize ans et la fin du troisième mois qui suit, chaque jeune Français doit se faire recenser.",
            "Le secrétariat étant ouvert deux matinées par semaine, vous pouvez transmettre les pièces (livret de famille, carte d'identité du jeune) par mail à la mairie ; l'attestation vous sera remise à la permanence suivante.",
        ],
        {"recensement-citoyen": 2},
        {"layout": C},
    ),
    (
        "petite-enfance/demande-de-place",
        "Demander une place en multi-accueil",
        [
            "Les demandes de place sont possibles dès le quatrième mois de grossesse.",
            "Un module de préinscription est accessible sur ce site, depuis la page Petite enfance ; la demande est ensuite étudiée en commission.",
            "Les familles sans accès à internet peuvent être reçues au relais petite enfance.",
        ],
        {"petite-enfance": 3},
        {"layout": G},
    ),
    (
        "creches/dossier",
        "Crèches : compléter son dossier",
        [
            "Après la préinscription, la famille complète son dossier : à la naissance, l'acte de naissance est à déposer sur votre Espace Famille.",
            "Sans cette pièce, la demande ne passe pas en commission d'attribution des places.",
        ],
        {"petite-enfance": 3},
        {"layout": GI},
    ),
    (
        "loisirs/vacances-reserver",
        "Vacances : réserver et régler",
        [
            "1. Connectez-vous au portail famille avec votre identifiant et votre mot de passe.",
            "2. Choisissez les journées de centre de loisirs de chacun de vos enfants.",
            "3. Le panier se règle aussitôt, par carte bancaire : une réservation non payée dans l'heure est annulée.",
        ],
        {"accueil-loisirs": 4, "paiement-famille": 4},
        {"layout": C},
    ),
    (
        "ecoles/factures",
        "Régler les factures de cantine et de garderie",
        [
            "Les factures de restauration scolaire et de garderie sont émises chaque mois par le Trésor public.",
            "Vous pouvez les payer par carte bancaire sur le site PayFiP : munissez-vous de l'identifiant de la collectivité et de la référence inscrite en bas de votre facture.",
            "Le paiement reste possible par chèque ou en espèces chez un buraliste agréé.",
        ],
        {"paiement-famille": 4},
        {"layout": G},
    ),
    (
        "urbanisme/depot-en-ligne",
        "Déposer une autorisation d'urbanisme",
        [
            "Permis de construire, déclaration préalable et certificat d'urbanisme se déposent sur le guichet numérique de l'intercommunalité ou en mairie, en version papier.",
            "Depuis votre compte, vous suivez l'instruction de votre dossier et recevez les demandes de pièces complémentaires.",
        ],
        {"urbanisme": 4},
        {"layout": C},
    ),
    (
        "citoyennete/recensement-en-ligne",
        "Recensement citoyen en ligne",
        [
            "Le recensement peut se faire sans vous déplacer, grâce au service en ligne de l'État.",
            "Une fois la démarche traitée par la mairie, votre attestation est déposée dans votre espace personnel sur service-public.fr.",
        ],
        {"recensement-citoyen": 4},
        {"layout": GI},
    ),
    (
        "culture/mediatheque-pret",
        "Emprunter à la médiathèque",
        [
            "L'inscription se fait à l'accueil sur présentation d'un justificatif de domicile.",
            "Une fois inscrit, vous pouvez réserver des documents et prolonger vos prêts en ligne, depuis votre compte lecteur sur le site de la médiathèque.",
        ],
        {"bibliotheque": 4},
        {"layout": V},
    ),
    (
        "papiers/carte-identite",
        "Carte d'identité et passeport",
        [
            "Les demandes sont reçues uniquement sur rendez-vous, au service des titres d'identité.",
            "Réservez votre créneau sur la plateforme de rendez-vous en ligne de la ville, après avoir rempli la pré-demande sur le site de l'ANTS.",
        ],
        {"titres-identite": 3},
        {"layout": G},
    ),
    (
        "vie-quotidienne/encombrants",
        "Encombrants",
        [
            "Les objets encombrants sont collectés deux fois par an devant les habitations.",
            "Pour être inscrit sur la tournée, appelez le secrétariat de mairie la semaine précédente.",
        ],
        {"encombrants": 1},
        {"layout": V},
    ),
    (
        "creches/liste-attente",
        "Liste d'attente des crèches",
        [
            "Faute de place, les demandes non retenues restent inscrites sur la liste d'attente des crèches jusqu'à la commission suivante.",
            "Pensez à confirmer chaque année votre demande auprès du service petite enfance, par téléphone ou au guichet.",
        ],
        {"petite-enfance": 1},
        {"layout": GI},
    ),
    (
        "ecoles/inscription",
        "Inscrire son enfant à l'école",
        [
            "L'inscription scolaire se fait au service éducation de la mairie.",
            "Apportez le livret de famille ou un acte de naissance de moins de trois mois, un justificatif de domicile et le carnet de santé de l'enfant.",
        ],
        {"inscription-scolaire": 1},
        {"layout": G},
    ),
    (
        "associations/subventions",
        "Subventions aux associations",
        [
            "Chaque automne, la ville ouvre la campagne de subventions pour l'année suivante.",
            "Le dossier de demande est téléchargeable ci-dessous ; il est à retourner complété au service de la vie associative avant le 30 novembre.",
        ],
        {"subventions-associations": 2},
        {"layout": C},
    ),
    (
        "voirie/signaler",
        "Signaler un problème dans la rue",
        [
            "Un lampadaire éteint, un nid-de-poule, un dépôt sauvage ? Signalez-le avec l'application mobile de la ville, photo et localisation à l'appui.",
            "Vous recevez ensuite une notification à chaque étape, jusqu'à la fin de l'intervention.",
        ],
        {"signalement": 4},
        {"layout": G},
    ),
    (
        "stationnement/residants",
        "Abonnement de stationnement résidant",
        [
            "Les habitants des rues à stationnement payant bénéficient d'un tarif réduit.",
            "La demande d'abonnement résidant se fait en ligne, pièces justificatives numérisées à l'appui, ou au guichet du stationnement.",
        ],
        {"stationnement-resident": 3},
        {"layout": GI},
    ),
    (
        "ccas/logement",
        "Demander un logement social",
        [
            "Le CCAS accompagne les demandeurs de logement social.",
            "La demande se dépose sur le portail national de la demande de logement social, où elle se renouvelle chaque année ; le CCAS peut vous aider à la saisir.",
        ],
        {"logement-social": 3},
        {"layout": C},
    ),
    (
        "objets-trouves",
        "Objets trouvés",
        [
            "Les objets trouvés sur la voie publique sont à rapporter au poste de police municipale.",
            "Pour récupérer un objet perdu, présentez-vous au poste avec une pièce d'identité.",
        ],
        {"objets-trouves": 1},
        {"layout": V},
    ),
    (
        "occupation-voirie",
        "Occuper la voie publique",
        [
            "Benne, échafaudage, camion de déménagement : toute occupation du trottoir ou de la chaussée demande une autorisation.",
            "Adressez votre demande par courrier au service de la voirie au moins dix jours avant, en précisant l'adresse et la durée.",
        ],
        {"domaine-public": 2},
        {"layout": G},
    ),
    (
        "elections/inscription",
        "S'inscrire sur les listes électorales",
        [
            "L'inscription est possible toute l'année.",
            "Soit en ligne sur service-public.fr, avec une pièce d'identité et un justificatif de domicile numérisés ; soit à l'accueil de la mairie.",
        ],
        {"listes-electorales": 3},
        {"layout": V},
    ),
    (
        "periscolaire/cantine",
        "Restauration scolaire",
        [
            "Les repas de la cantine se réservent sur le portail famille au plus tard le jeudi pour la semaine suivante.",
            "Les factures mensuelles se règlent par prélèvement ou par chèque à la régie.",
        ],
        {"periscolaire": 3, "paiement-famille": 1},
        {"layout": GI},
    ),
    (
        "actualites/marche-de-noel",
        "Le marché de Noël revient",
        [
            "Chalets, artisans et chorale de l'école : le marché de Noël s'installe sur la place de la mairie le deuxième dimanche de décembre.",
            "Les associations qui souhaitent tenir un stand s'inscrivent auprès de l'accueil avant le 15 novembre.",
        ],
        {},
        {"layout": C},
    ),
]
