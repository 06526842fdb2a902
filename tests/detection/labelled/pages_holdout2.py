"""A third batch of free-form pages (second held-out batch), written after the farm-driven
changes and measured once before any change made for them (figure in docs/CHANGELOG-detection.md).

Format as in pages_special.py.
"""

# Hand-written prose: one paragraph per line reads better than wrapped strings.
# ruff: noqa: E501

from __future__ import annotations

SP = "https://www.service-public.fr/particuliers/vosdroits"

HOLDOUT2: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]] = [
    (
        "population/etat-civil",
        "Service population - État civil",
        [
            "Le service population assure la tenue des registres d'état civil et la délivrance des copies et extraits d'actes.",
            "## Obtenir un acte",
            "Les demandes d'actes de naissance et de mariage peuvent être formulées directement sur le site service-public.fr ; pour les actes de décès, adressez un courrier à la mairie en joignant une enveloppe timbrée.",
            "## Horaires",
            "Lundi au vendredi : 8 h 30 – 12 h / 13 h 30 – 17 h 30. Samedi : 9 h – 12 h (permanence état civil uniquement).",
        ],
        {"actes-etat-civil": 3},
        {},
    ),
    (
        "etat-civil/livret-de-famille",
        "Livret de famille",
        [
            "Le livret de famille est remis aux époux lors du mariage ou aux parents à la naissance du premier enfant.",
            "En cas de perte, un duplicata peut être demandé à la mairie du domicile : remplissez la demande de duplicata disponible à l'accueil.",
        ],
        {},
        {},
    ),
    (
        "elections/bureaux-de-vote",
        "Les bureaux de vote",
        [
            "La commune compte 14 bureaux de vote, ouverts de 8 h à 19 h les jours de scrutin.",
            "Votre bureau de vote figure sur votre carte électorale. En cas de doute, interrogez votre situation électorale en ligne.",
        ],
        {},
        {},
    ),
    (
        "elections/inscription",
        "S'inscrire sur les listes électorales",
        [
            "Toute personne majeure de nationalité française, ou ressortissante de l'Union européenne pour les élections municipales et européennes, peut demander son inscription.",
            "Le formulaire de demande d'inscription est à compléter et à déposer à l'hôtel de ville, accompagné d'un justificatif d'identité et d'un justificatif de domicile de moins de trois mois.",
            "Vous pouvez le télécharger ici : [[Demande d'inscription sur les listes électorales (PDF)|/elections/cerfa_12669.pdf]].",
        ],
        {"listes-electorales": 2},
        {},
    ),
    (
        "jeunesse/jdc",
        "Journée défense et citoyenneté",
        [
            "Après votre recensement, vous serez convoqué à la journée défense et citoyenneté (JDC), obligatoire avant 25 ans.",
            "Créez votre compte sur le site majdc.fr pour télécharger votre convocation et votre certificat de participation.",
            "Le recensement lui-même se fait à la mairie, sur présentation du livret de famille.",
        ],
        {"recensement-citoyen": 1},
        {},
    ),
    (
        "identite/mineurs",
        "Carte d'identité pour un mineur",
        [
            "La demande de carte d'identité pour un mineur est faite par un parent, en présence de l'enfant.",
            "Réservez votre rendez-vous sur notre agenda en ligne : [[agenda des rendez-vous|https://www.smartagenda.fr/pro/ville-exemple/rendez-vous/]]. La pré-demande se remplit sur le site de l'ANTS.",
            "Le titre est à retirer en mairie dans un délai de trois mois.",
        ],
        {"titres-identite": 3},
        {},
    ),
    (
        "ecoles/cantine-inscription",
        "S'inscrire à la restauration scolaire",
        [
            "Pour manger à la cantine, votre enfant doit être inscrit chaque année.",
            "Complétez la fiche de renseignements unique, à télécharger ci-dessous, et rapportez-la au service Enfance avant le 1er juillet.",
            "[[Fiche unique de renseignements 2026-2027 (PDF, 210 Ko)|/enfance/fiche-unique-2026.pdf]]",
            "Les factures sont envoyées chaque mois et peuvent être payées par prélèvement ou en espèces à la régie.",
        ],
        {"periscolaire": 2, "paiement-famille": 1},
        {},
    ),
    (
        "ecoles/rentree",
        "Préparer la rentrée",
        [
            "Nouvelle école, nouveaux horaires : retrouvez les informations utiles pour la rentrée de septembre.",
            "Horaires des écoles : 8 h 30 – 11 h 30 et 13 h 30 – 16 h 30, le mercredi matin libéré.",
            "Les fournitures scolaires sont offertes par la ville aux élèves des écoles élémentaires.",
        ],
        {},
        {},
    ),
    (
        "famille/espace-famille",
        "L'espace famille",
        [
            "L'espace famille est votre guichet en ligne pour la vie scolaire et périscolaire de vos enfants.",
            "Vous pouvez y inscrire vos enfants à la cantine et à l'accueil périscolaire, réserver les mercredis au centre de loisirs, et régler vos factures par carte bancaire.",
            "[[Se connecter à l'espace famille|https://www.espace-citoyens.net/villeexemple/espace-citoyens/Home/Logon]]",
        ],
        {"periscolaire": 3, "accueil-loisirs": 3, "paiement-famille": 4},
        {},
    ),
    (
        "creche/liste-attente",
        "Crèches : commission et liste d'attente",
        [
            "Les demandes de place en crèche sont examinées par la commission d'attribution en mars et en octobre.",
            "Si votre demande n'a pas abouti, elle reste sur la liste d'attente : confirmez-la par courriel à petite.enfance@ville-exemple.fr tous les trois mois.",
        ],
        {"petite-enfance": 2},
        {},
    ),
    (
        "creche/preinscription-en-ligne",
        "Crèches : pré-inscription",
        [
            "La pré-inscription se fait en ligne à partir du 6e mois de grossesse via le formulaire de demande de place.",
            "Vous serez informé par e-mail de la décision de la commission, et pourrez consulter l'état de votre demande dans votre espace personnel.",
            "[[Remplir ma demande de place|https://demarches.ville-exemple.fr/petite-enfance/demande-de-place/]]",
        ],
        {"petite-enfance": 4},
        {},
    ),
    (
        "loisirs/sejours",
        "Séjours vacances",
        [
            "Cet hiver, partez à la neige avec le service jeunesse ! Séjour de 6 jours pour les 8-12 ans.",
            "Inscriptions uniquement sur place, au service jeunesse, à partir du 5 janvier. Paiement possible en trois fois.",
        ],
        {"accueil-loisirs": 1},
        {},
    ),
    (
        "urbanisme/cadastre",
        "Consulter le cadastre",
        [
            "Le plan cadastral est consultable gratuitement sur cadastre.gouv.fr. Les extraits de matrice cadastrale se demandent au centre des impôts fonciers.",
        ],
        {},
        {},
    ),
    (
        "urbanisme/travaux",
        "Avant de commencer vos travaux",
        [
            "Clôture, abri de jardin, véranda, changement de fenêtres : la plupart des travaux sont soumis à déclaration préalable.",
            "Les formulaires cerfa sont téléchargeables sur service-public.fr. Votre dossier complet peut être envoyé par courrier recommandé ou déposé au service urbanisme.",
            "Le service urbanisme vous reçoit sur rendez-vous le mardi et le jeudi.",
        ],
        {"urbanisme": 2},
        {},
    ),
    (
        "voirie/benne",
        "Poser une benne sur la voie publique",
        [
            "L'installation d'une benne ou d'un échafaudage sur le trottoir nécessite une autorisation d'occupation du domaine public.",
            "Faites votre demande depuis votre compte citoyen au moins 10 jours avant ; la redevance est réglée en ligne lors de la demande et l'autorisation est déposée dans votre compte.",
        ],
        {"domaine-public": 4},
        {"text": True},
    ),
    (
        "voirie/travaux-en-cours",
        "Travaux en cours",
        [
            "Avenue de la Libération : réfection des trottoirs jusqu'au 12 avril. Stationnement interdit côté pair.",
            "Rue des Écoles : enfouissement des réseaux, circulation alternée.",
        ],
        {},
        {},
    ),
    (
        "signaler-un-probleme",
        "Signaler un problème",
        [
            "Nid-de-poule, éclairage défaillant, dépôt d'ordures : utilisez notre formulaire.",
            "{{form:6:file}}",
            "Chaque signalement reçoit un numéro de suivi ; vous pouvez consulter son état d'avancement en ligne grâce à ce numéro.",
        ],
        {"signalement": 4},
        {},
    ),
    (
        "stationnement/resident-formulaire",
        "Vignette résident",
        [
            "Pour obtenir votre vignette, téléchargez le formulaire de demande de carte résident, complétez-le et envoyez-le avec les justificatifs à stationnement@ville-exemple.fr.",
            "[[Formulaire de demande (PDF)|/stationnement/demande-carte-resident.pdf]]",
        ],
        {"stationnement-resident": 2},
        {},
    ),
    (
        "dechets/collectes",
        "Collecte des déchets",
        [
            "Ordures ménagères : lundi et jeudi. Emballages : mercredi. Verre : en points d'apport volontaire.",
            "Pour les encombrants, prenez rendez-vous en ligne avec le service de l'agglomération : [[réserver un enlèvement|https://www.agglo-exemple.fr/dechets/encombrants/rendez-vous]].",
        ],
        {"encombrants": 3},
        {},
    ),
    (
        "police/objets-perdus",
        "J'ai perdu un objet",
        [
            "Consultez la liste des objets rapportés au poste de police municipale, ou signalez votre perte en remplissant le formulaire en ligne : nous vous préviendrons si l'objet est retrouvé.",
            "[[Formulaire de déclaration de perte|https://demarches.ville-exemple.fr/police/perte/]]",
        ],
        {"objets-trouves": 3},
        {},
    ),
    (
        "culture/mediatheque/portail",
        "Le portail de la médiathèque",
        [
            "Catalogue, nouveautés, coups de cœur : tout est sur le portail. Connectez-vous à votre compte pour prolonger vos prêts et réserver des documents.",
            "L'inscription reste à faire sur place, avec un justificatif de domicile.",
        ],
        {"bibliotheque": 4},
        {"text": True},
    ),
    (
        "culture/mediatheque/animations",
        "Animations de la médiathèque",
        [
            "Heure du conte le mercredi à 10 h 30, club de lecture ado le samedi, atelier numérique le jeudi.",
            "Entrée libre dans la limite des places disponibles.",
        ],
        {},
        {},
    ),
    (
        "logement/logement-social",
        "Demander un logement social",
        [
            "Le formulaire cerfa 14069 est disponible à l'accueil du CCAS ou peut être rempli directement sur le site national de la demande de logement social.",
            "Une fois la demande enregistrée, vous recevez une attestation avec votre numéro unique ; pensez à la renouveler chaque année.",
        ],
        {"logement-social": 3},
        {},
    ),
    (
        "associations/annuaire",
        "Annuaire des associations",
        [
            "Plus de 200 associations sont référencées. Votre association n'y figure pas ? Envoyez-nous ses coordonnées.",
        ],
        {},
        {},
    ),
    (
        "associations/subventions-papier",
        "Subventions municipales",
        [
            "Le dossier de demande de subvention est à retirer au service de la vie associative à partir du 1er septembre et à rendre complet avant le 15 octobre.",
            "Les subventions sont votées en conseil municipal au mois de février.",
        ],
        {"subventions-associations": 1},
        {},
    ),
    (
        "mes-demarches",
        "Mes démarches",
        [
            "Rendez-vous sur le portail citoyen pour effectuer vos démarches en ligne, suivre leur avancement et recevoir vos documents.",
            "Disponibles : demande d'acte d'état civil, inscription scolaire, réservation de salle, signalement sur la voie publique.",
            "[[Accéder au portail citoyen|https://demarches.ville-exemple.fr/]]",
        ],
        {"actes-etat-civil": 4, "inscription-scolaire": 4, "signalement": 4},
        {},
    ),
    (
        "actualites/recensement-population",
        "Recensement de la population 2026",
        [
            "Du 15 janvier au 21 février, des agents recenseurs se présenteront à votre domicile. Vous pourrez répondre au questionnaire en ligne sur le-recensement-et-moi.fr.",
        ],
        {},
        {},
    ),
    (
        "actualites/passeports-ete",
        "Passeports : anticipez avant l'été",
        [
            "Les délais pour obtenir un passeport s'allongent à l'approche de l'été. Pensez à vérifier la date de validité de vos titres.",
            "Prenez rendez-vous dès maintenant sur l'agenda en ligne de la mairie.",
        ],
        {"titres-identite": 3},
        {},
    ),
]
