"""A fourth batch of free-form pages (third held-out batch), written at the end of the work and
measured once before any change made for them (figure in docs/CHANGELOG-detection.md).

Format as in pages_special.py.
"""

# Hand-written prose: one paragraph per line reads better than wrapped strings.
# ruff: noqa: E501

from __future__ import annotations

SP = "https://www.service-public.fr/particuliers/vosdroits"

HOLDOUT3: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]] = [
    (
        "vos-demarches/etat-civil/copie-integrale",
        "Copie intégrale d'acte de naissance",
        [
            "Vous avez besoin d'une copie intégrale pour un mariage, un PACS ou une demande de nationalité ?",
            "La mairie ne délivre que les actes des personnes nées sur la commune. Votre demande peut être transmise par formulaire en ligne ; l'acte est ensuite envoyé par La Poste sous huit jours.",
            "{{form:6}}",
        ],
        {"actes-etat-civil": 3},
        {},
    ),
    (
        "citoyennete/nouveaux-electeurs",
        "Nouveaux électeurs",
        [
            "Vous venez d'avoir 18 ans ? Vous êtes inscrit d'office si vous vous êtes fait recenser à 16 ans dans la commune.",
            "Vous avez emménagé récemment ? Votre inscription n'est pas automatique : rendez-vous en mairie avec un justificatif de domicile et une pièce d'identité.",
        ],
        {"listes-electorales": 1},
        {},
    ),
    (
        "jeunesse/recensement-en-ligne",
        "Recensement citoyen : la démarche en ligne",
        [
            "Depuis chez toi, fais ton recensement sur le site de l'administration : il suffit d'un compte et de la version numérisée du livret de famille.",
            "L'attestation de recensement t'est adressée par voie électronique.",
        ],
        {"recensement-citoyen": 4},
        {},
    ),
    (
        "identite/passeport-perte",
        "Perte ou vol de papiers d'identité",
        [
            "En cas de perte de votre carte d'identité ou de votre passeport, faites une déclaration de perte lors de votre demande de renouvellement en mairie.",
            "En cas de vol, la déclaration se fait au commissariat ou à la gendarmerie.",
            "La prise de rendez-vous pour le renouvellement s'effectue en ligne : [[agenda des titres d'identité|https://www.rdv360.com/mairie-exemple-titres]].",
        ],
        {"titres-identite": 3},
        {},
    ),
    (
        "enfance/inscription-ecole-2026",
        "Inscription à l'école : mode d'emploi",
        [
            "Étape 1 : demandez le certificat d'inscription au guichet famille de la mairie, avec le livret de famille et un justificatif de domicile.",
            "Étape 2 : prenez rendez-vous avec la direction de l'école pour l'admission.",
            "Le guichet famille est ouvert du lundi au vendredi, sans rendez-vous.",
        ],
        {"inscription-scolaire": 1},
        {},
    ),
    (
        "enfance/pause-meridienne",
        "La pause méridienne",
        [
            "Entre 11 h 30 et 13 h 30, les enfants déjeunent au restaurant scolaire puis participent à des ateliers.",
            "Pour inscrire votre enfant ou modifier ses jours de présence, utilisez votre espace famille en ligne ; les modifications sont possibles jusqu'à 48 heures à l'avance.",
        ],
        {"periscolaire": 3},
        {},
    ),
    (
        "enfance/tarifs-et-paiement",
        "Tarifs et paiement des activités",
        [
            "Les tarifs de la restauration, de l'accueil périscolaire et des mercredis sont calculés selon votre quotient familial.",
            "Une facture mensuelle vous est adressée. Vous pouvez la payer en ligne par carte bancaire, par prélèvement mensuel ou au guichet.",
            "[[Payer ma facture|https://www.payfip.gouv.fr/tpa/paiementws.web?numcli=012000]]",
        ],
        {"paiement-famille": 4},
        {},
    ),
    (
        "petite-enfance/ram",
        "Trouver une assistante maternelle",
        [
            "La liste des assistantes maternelles agréées est disponible auprès du relais petite enfance, qui vous accompagne aussi dans vos démarches d'employeur.",
            "Le relais reçoit sur rendez-vous, par téléphone au 04 90 00 00 00.",
        ],
        {"petite-enfance": 1},
        {},
    ),
    (
        "petite-enfance/demande-accueil",
        "Demande d'accueil en crèche",
        [
            "Le dossier de demande d'accueil est à télécharger, à compléter et à envoyer par courriel au service petite enfance.",
            "[[Dossier de demande d'accueil (DOCX)|/files/petite-enfance/demande-accueil.docx]]",
        ],
        {"petite-enfance": 2},
        {},
    ),
    (
        "jeunesse/mercredis",
        "Les mercredis récréatifs",
        [
            "Le centre de loisirs accueille les 3-11 ans tous les mercredis de 8 h à 18 h.",
            "Les familles réservent et annulent les mercredis en ligne depuis le portail familles, et règlent leurs réservations par carte bancaire au moment de valider.",
        ],
        {"accueil-loisirs": 4, "paiement-famille": 4},
        {},
    ),
    (
        "urbanisme/dematerialisation",
        "Dématérialisation des autorisations d'urbanisme",
        [
            "Tous vos dossiers d'urbanisme peuvent être transmis sous forme numérique.",
            "Connectez-vous au guichet unique, créez votre compte, déposez votre dossier et suivez chaque étape de son instruction.",
            "[[Guichet unique de l'urbanisme|https://gnau.agglo-exemple.fr/]]",
        ],
        {"urbanisme": 4},
        {},
    ),
    (
        "urbanisme/renseignements",
        "Service urbanisme : nous contacter",
        [
            "Le service urbanisme vous renseigne sur les règles applicables à votre projet de construction.",
            "Permanences le mardi de 14 h à 17 h. Pour les questions simples, écrivez-nous à urbanisme@ville-exemple.fr.",
        ],
        {"urbanisme": 1},
        {},
    ),
    (
        "voirie/terrasses",
        "Terrasses commerciales",
        [
            "Vous êtes commerçant et souhaitez installer une terrasse ? Déposez votre demande d'autorisation d'occupation du domaine public en ligne.",
            "La redevance annuelle est ensuite facturée par le Trésor public.",
            "[[Demande de terrasse en ligne|https://demarches.ville-exemple.fr/commerce/terrasse/]]",
        ],
        {"domaine-public": 3},
        {},
    ),
    (
        "cadre-de-vie/tellmycity",
        "Signalez, on intervient",
        [
            "Un lampadaire éteint ou un trottoir abîmé ? Signalez-le sur la plateforme de signalement de la ville : géolocalisation, photo, et suivi en temps réel de votre signalement.",
            "[[Je signale|https://signalements.ville-exemple.fr/]]",
        ],
        {"signalement": 4},
        {},
    ),
    (
        "stationnement/resident-2026",
        "Stationnement résident 2026",
        [
            "Les cartes de stationnement résident 2025 restent valables jusqu'au 31 janvier.",
            "Le renouvellement se fait sur place au service stationnement, muni de la carte grise et d'un justificatif de domicile récent.",
        ],
        {"stationnement-resident": 1},
        {},
    ),
    (
        "dechets/encombrants-sur-rdv",
        "Encombrants : prenez rendez-vous",
        [
            "Le ramassage des encombrants se fait uniquement sur rendez-vous, en appelant le numéro vert de la communauté de communes.",
        ],
        {"encombrants": 1},
        {},
    ),
    (
        "dechets/encombrants-formulaire",
        "Demande d'enlèvement d'encombrants",
        [
            "Pour demander un enlèvement, remplissez le formulaire ci-dessous. Une confirmation de rendez-vous vous sera envoyée par courriel.",
            "{{form:5}}",
        ],
        {"encombrants": 3},
        {},
    ),
    (
        "objets-trouves/liste",
        "Liste des objets trouvés",
        [
            "Semaine du 3 mars : trousseau de clés (rue Pasteur), lunettes de vue (parc municipal), doudou lapin (école Jules-Ferry).",
            "Pour récupérer un objet, présentez-vous au poste de police municipale avec une pièce d'identité.",
        ],
        {"objets-trouves": 1},
        {},
    ),
    (
        "bibliotheque/inscription-pdf",
        "S'inscrire à la bibliothèque",
        [
            "Pour vous inscrire, remplissez la fiche d'inscription (à imprimer) et présentez-la à l'accueil avec un justificatif de domicile.",
            "[[Fiche d'inscription (PDF)|/bibliotheque/fiche-inscription.pdf]]",
        ],
        {"bibliotheque": 2},
        {},
    ),
    (
        "logement/demande-ccas",
        "Demande de logement social",
        [
            "Vous pouvez déposer votre demande de logement social au CCAS, qui l'enregistre et vous remet votre numéro unique.",
            "Pièces à fournir : pièce d'identité, avis d'imposition, justificatifs de ressources.",
        ],
        {"logement-social": 1},
        {"text": True},
    ),
    (
        "associations/subvention-en-ligne",
        "Demande de subvention 2027",
        [
            "La campagne de subventions 2027 est ouverte jusqu'au 30 novembre.",
            "La demande se fait exclusivement par le formulaire en ligne ; vous serez informé par courriel de la décision du conseil municipal.",
            "[[Formulaire de demande de subvention|https://demarches.ville-exemple.fr/associations/subvention-2027/]]",
        ],
        {"subventions-associations": 4},
        {},
    ),
    (
        "actualites/forum-associations",
        "Forum des associations",
        [
            "Samedi 7 septembre, de 10 h à 18 h, plus de 80 associations vous attendent au complexe sportif. Démonstrations, inscriptions aux activités, buvette.",
        ],
        {},
        {},
    ),
    (
        "actualites/canicule",
        "Plan canicule : inscrivez-vous",
        [
            "Les personnes âgées ou isolées peuvent s'inscrire sur le registre canicule du CCAS, par téléphone ou en ligne.",
        ],
        {},
        {},
    ),
    (
        "services-en-ligne",
        "Services en ligne",
        [
            "## Famille",
            "Inscriptions à la cantine et au périscolaire, réservations du centre de loisirs : [[Portail Famille|https://ville-exemple.portail-familles.app/]]",
            "## Papiers",
            "Demande d'acte de naissance : [[service-public.fr|" + SP + "/R1406]]",
            "## Cadre de vie",
            "Signaler un problème sur la voie publique : [[formulaire de signalement|https://demarches.ville-exemple.fr/signalement/]]",
        ],
        {"periscolaire": 3, "accueil-loisirs": 3, "actes-etat-civil": 3, "signalement": 3},
        {},
    ),
]
