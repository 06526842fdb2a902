"""The `patterns3` batch: 22 pages written on 2026-12-04, in our own words, after the 195 real
municipal pages of the third study (docs/validation/real-wording.md, `tune3-*`), labelled
before the detector was run on them. Written after that day's rule changes, it joins the tests
(never the tuning) and is gated apart (`patterns3_*` floors).

Each entry: (slug, title, body paragraphs, labels, options); options as in wild_layouts.py.
"""

# Hand-written prose: one paragraph per line reads better than wrapped strings.
# ruff: noqa: E501

from __future__ import annotations

G, GI, V, C = "grande-ville", "grande-ville-inline", "village", "intercommunal"

PATTERNS3: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]] = [
    (
        "etat-civil/obtenir-un-acte",
        "Obtenir un acte d'état civil",
        [
            "Trois façons de demander la copie d'un acte de naissance, de mariage ou de décès dressé dans la commune :",
            "1) Soit par internet",
            "2) Soit par courrier, avec une enveloppe timbrée pour le retour",
            "3) Soit au guichet, avec une pièce d'identité",
        ],
        {"actes-etat-civil": 3},
        {"text": True, "layout": V},
    ),
    (
        "etat-civil/deces",
        "Décès : demander une copie de l'acte",
        [
            "Toute personne peut obtenir la copie intégrale d'un acte de décès, sans justifier de sa qualité.",
            "La demande se fait à l'accueil de la mairie, par courrier ou par télé-service ; l'acte est envoyé à domicile sous quelques jours.",
        ],
        {"actes-etat-civil": 3},
        {"layout": C},
    ),
    (
        "enfance/alsh-mercredis",
        "Centre de loisirs : les mercredis",
        [
            "Le centre de loisirs accueille les enfants de 3 à 11 ans chaque mercredi, à la journée ou à la demi-journée.",
            "Les dates de présence et les annulations nous parviennent au plus tard le lundi précédent, par le biais du portail famille.",
            "Un goûter est servi à 16 h.",
        ],
        {"accueil-loisirs": 3},
        {"layout": G},
    ),
    (
        "enfance/periscolaire-garderie",
        "Garderie du matin et du soir",
        [
            "La garderie fonctionne de 7 h à 8 h 20 et de 16 h 30 à 18 h 30.",
            "Tarifs (délibération du 3 juillet) :",
            "- matin : 1,20 €",
            "- soir : 1,80 €",
            "Pour une présence occasionnelle, signalez-vous la veille auprès de l'animatrice.",
        ],
        {"periscolaire": 1},
        {"text": True, "layout": V},
    ),
    (
        "familles/factures",
        "Régler les prestations enfance",
        [
            "Restauration, accueil du soir, centre de loisirs : une facture unique arrive chaque mois.",
            "Les règlements se font au guichet de la régie multi-services ou, sans vous déplacer, par l'intermédiaire du kiosque famille (carte bancaire).",
            "Le prélèvement automatique reste possible : demandez le mandat à la régie.",
        ],
        {"paiement-famille": 4},
        {"layout": GI},
    ),
    (
        "urbanisme/depot-par-courriel",
        "Déposer une demande d'urbanisme sous forme numérique",
        [
            "Depuis le 1er janvier 2022, vos demandes de permis ou de déclaration préalable peuvent être déposées en version numérique à l'adresse mail dédiée du service urbanisme : urbanisme@villemagne.fr.",
            "Aucune autre adresse n'est acceptée ; les dossiers papier restent reçus en mairie.",
        ],
        {"urbanisme": 2},
        {"layout": V},
    ),
    (
        "urbanisme/guichet-numerique",
        "Le guichet numérique des autorisations d'urbanisme",
        [
            "Toutes les demandes d'autorisation d'urbanisme peuvent être déposées sur le guichet numérique de l'agglomération.",
            "Après avoir créé un compte, vous saisissez le formulaire, joignez vos plans, puis vous pouvez déposer et suivre votre dossier jusqu'à la décision.",
        ],
        {"urbanisme": 4},
        {"layout": C},
    ),
    (
        "voirie/occupation-ecrite",
        "Occuper la voie publique pour des travaux",
        [
            "Un échafaudage, une benne ou un camion de déménagement sur la chaussée demandent un arrêté du maire.",
            "Toute demande d'occupation du domaine public doit être adressée par écrit à la mairie au moins quinze jours avant la date prévue, en précisant le lieu et la durée.",
        ],
        {"domaine-public": 2},
        {"layout": G},
    ),
    (
        "voirie/permis-de-stationnement",
        "Permis de stationnement",
        [
            "Le permis de stationnement autorise une occupation sans emprise au sol : benne, échafaudage, véhicule de déménagement.",
            "Formulaire de demande de permis de stationnement",
            "Le formulaire complété est à déposer à l'accueil des services techniques.",
        ],
        {"domaine-public": 2},
        {"text": True, "layout": C},
    ),
    (
        "associations/subventions-2026",
        "Subventions aux associations 2026",
        [
            "Les associations de la commune peuvent solliciter une aide de fonctionnement.",
            "Dossier de demande de subvention 2026 (pdf - 412 ko)",
            "Le dossier complet est à remettre au secrétariat avant le 31 janvier.",
        ],
        {"subventions-associations": 2},
        {"text": True, "layout": V},
    ),
    (
        "associations/demande-ecrite",
        "Soutien aux associations",
        [
            "Chaque année, le conseil municipal vote une enveloppe pour la vie associative.",
            "Le dossier de demande à nous adresser comprend le bilan de l'année écoulée, le budget prévisionnel et le nombre d'adhérents.",
        ],
        {"subventions-associations": 2},
        {"layout": GI},
    ),
    (
        "citoyennete/recensement",
        "Recensement citoyen",
        [
            "Chaque jeune Français se fait recenser entre ses seize ans et la fin du troisième mois suivant.",
            "Pièces à fournir en mairie :",
            "• Livret de famille",
            "• Pièce d'identité",
            "La démarche peut aussi se faire en ligne avec un compte service-public.fr ; l'attestation est alors déposée dans le porte-documents de votre compte.",
        ],
        {"recensement-citoyen": 4},
        {"text": True, "layout": G},
    ),
    (
        "citoyennete/elections",
        "Élections",
        [
            "## S'inscrire sur les listes électorales",
            "L'inscription se fait en mairie avec le formulaire cerfa, un justificatif d'identité et un justificatif de domicile.",
            "## Voter par procuration",
            "La demande de procuration se remplit en ligne sur maprocuration.gouv.fr (identifiez-vous avec FranceConnect), puis se valide au commissariat.",
        ],
        {"listes-electorales": 1},
        {"layout": C},
    ),
    (
        "identite/passeport",
        "Passeport",
        [
            "Rendez-vous sur le site de l'Agence nationale des titres sécurisés pour remplir votre pré-demande.",
            "Le dépôt du dossier se fait ensuite en mairie, sur rendez-vous pris par téléphone au 04 00 00 00 00.",
        ],
        {"titres-identite": 3},
        {"layout": V},
    ),
    (
        "mediatheque/pratique",
        "Emprunter à la médiathèque",
        [
            "L'abonnement est gratuit pour les habitants ; il permet d'emprunter huit documents pour quatre semaines.",
            "Le prolongement d'un prêt peut se demander à l'accueil ; le renouvellement se fait aussi depuis votre compte lecteur, si personne n'a réservé le titre.",
        ],
        {"bibliotheque": 4},
        {"layout": GI},
    ),
    (
        "mediatheque/reglement",
        "Règlement de la bibliothèque",
        [
            "Article 3 — Inscription : l'usager justifie de son identité et de son domicile ; une carte lui est remise.",
            "Article 4 — Prêt : quatre livres pour trois semaines, sur présentation de la carte.",
            "Article 5 — Retards : une lettre de rappel est envoyée après huit jours.",
        ],
        {"bibliotheque": 1},
        {"text": True, "layout": V},
    ),
    (
        "cantine/reservations",
        "Restaurant scolaire : réserver les repas",
        [
            "Le restaurant scolaire sert environ deux cents repas par jour.",
            "Les réservations se font uniquement par le portail famille, au plus tard quarante-huit heures avant le repas.",
            "Un dossier enfant est à retirer en mairie avant la première réservation.",
        ],
        {"periscolaire": 3},
        {"layout": G},
    ),
    (
        "enfance/reservations-par-mail",
        "Accueil de loisirs associatif",
        [
            "Une première rencontre avec la directrice permet de constituer le dossier de l'enfant.",
            "Ensuite, toutes les réservations de l'accueil de loisirs se font par mail auprès de la directrice, au plus tard la veille à midi.",
        ],
        {"accueil-loisirs": 2},
        {"layout": C},
    ),
    (
        "portail/espace-citoyen",
        "Le portail citoyen",
        [
            "Le portail citoyen est ouvert jour et nuit. Il permet :",
            "- de demander une copie d'acte de naissance ou de mariage ;",
            "- de s'inscrire sur les listes électorales ;",
            "- de signaler un problème sur la voirie ou l'éclairage public.",
            "Chaque demande est transmise au service concerné, et le demandeur est averti de l'avancement de son dossier par courriel.",
        ],
        {"actes-etat-civil": 4, "listes-electorales": 4, "signalement": 4},
        {"layout": GI},
    ),
    (
        "actualites/encombrants-septembre",
        "Ramassage des encombrants jeudi",
        [
            "Les encombrants seront ramassés jeudi matin : sortez-les la veille au soir, un mètre cube au plus par foyer.",
            "Les gravats et les appareils électriques ne sont pas pris.",
        ],
        {"encombrants": 1},
        {"layout": V},
    ),
    (
        "environnement/depots-sauvages",
        "Halte aux dépôts sauvages",
        [
            "Des sacs et des meubles sont encore abandonnés au bord des chemins.",
            "Ces dépôts sont verbalisés : la police municipale recherche leurs auteurs.",
        ],
        {},
        {"layout": G},
    ),
    (
        "identite/cni-fiche",
        "Carte nationale d'identité",
        [
            "La demande se fait sur rendez-vous en mairie, après une pré-demande en ligne sur le site de l'ANTS.",
            "Question-réponse",
            "Peut-on se marier sans témoin ?",
            "Non : deux témoins au moins assistent au mariage. La demande de dossier se fait en ligne sur le site de la mairie du lieu de mariage.",
        ],
        {"titres-identite": 3},
        {"text": True, "layout": C},
    ),
]
