"""Free-form pages, each written whole (not composed from snippets), with their own wording.

They were written after the detector's first version and are not tuned to its patterns: they
are the part of the labelled set that measures robustness to new phrasing. Labels follow the
rules in docs/detection-rules.md. Format as in pages_special.py; option "text": True makes the page
text-only.
"""

# Hand-written prose: one paragraph per line reads better than wrapped strings.
# ruff: noqa: E501

from __future__ import annotations

SP = "https://www.service-public.fr/particuliers/vosdroits"

FREE: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]] = [
    (
        "etat-civil/copies-actes",
        "Obtenir une copie d'acte",
        [
            "Naissance, mariage, décès : la mairie conserve les registres depuis 1793.",
            "Vous êtes né(e) dans la commune ? Commandez votre copie d'acte directement sur internet, c'est gratuit et sans déplacement.",
            "[[Commander un acte|" + SP + "/R1406]]",
            "Attention aux sites privés qui font payer ce service : la délivrance d'un acte d'état civil est toujours gratuite.",
        ],
        {"actes-etat-civil": 3},
        {},
    ),
    (
        "etat-civil/deces",
        "Déclarer un décès",
        [
            "La déclaration de décès doit être faite dans les 24 heures, en général par l'entreprise de pompes funèbres, à la mairie du lieu du décès.",
            "Des copies de l'acte de décès peuvent être obtenues au guichet de l'état civil, sur présentation du livret de famille, ou par lettre adressée au maire.",
        ],
        {"actes-etat-civil": 1},
        {},
    ),
    (
        "citoyennete/voter",
        "Voter à Valcourt",
        [
            "Nouvel arrivant ? Pour voter aux prochaines élections, inscrivez-vous sur les listes électorales au plus tard le sixième vendredi avant le scrutin.",
            "Trois possibilités : en ligne avec le téléservice de l'État, par courrier avec le formulaire cerfa n° 12669, ou à l'accueil de la mairie.",
            "Le téléservice : [[www.service-public.fr|" + SP + "/R16396]]",
        ],
        {"listes-electorales": 3},
        {},
    ),
    (
        "citoyennete/procuration",
        "Les procurations",
        [
            "Vous ne pourrez pas vous rendre au bureau de vote ? Donnez procuration à un autre électeur. La démarche se fait au commissariat, à la gendarmerie ou en ligne sur maprocuration.gouv.fr, avec un passage en personne pour vérifier votre identité.",
            "Votre mandataire doit être inscrit sur les listes électorales, mais pas forcément dans la même commune que vous.",
        ],
        {},
        {},
    ),
    (
        "jeunesse/16-ans",
        "J'ai 16 ans : je me fais recenser",
        [
            "Dans les trois mois qui suivent ton 16e anniversaire, tu dois te faire recenser. C'est obligatoire !",
            "Où ? À la mairie de ton domicile, avec ta carte d'identité et le livret de famille de tes parents. Tu repars avec ton attestation de recensement : garde-la précieusement.",
            "Ensuite, tu seras convoqué à ta journée défense et citoyenneté.",
        ],
        {"recensement-citoyen": 1},
        {},
    ),
    (
        "demarches/recensement-citoyen-en-ligne",
        "Recensement citoyen",
        [
            "Le recensement citoyen est aussi possible sans vous déplacer : connectez-vous sur service-public.fr et remplissez la démarche « Recensement citoyen obligatoire ».",
            "L'attestation vous est ensuite envoyée dans votre espace personnel, où vous pouvez la télécharger à tout moment.",
        ],
        {"recensement-citoyen": 4},
        {"text": True},
    ),
    (
        "identite/cni",
        "Carte d'identité",
        [
            "Délai actuel pour un rendez-vous : environ 6 semaines.",
            "Les rendez-vous sont à réserver sur notre plateforme : [[agenda des rendez-vous CNI et passeports|https://www.smartagenda.fr/pro/mairie-valcourt/rendez-vous/]]",
            "Le jour du rendez-vous, apportez votre numéro de pré-demande ANTS, la photo et les justificatifs.",
        ],
        {"titres-identite": 3},
        {},
    ),
    (
        "identite/passeport-urgence",
        "Passeport : demande urgente",
        [
            "En cas d'urgence justifiée (décès d'un proche à l'étranger, motif professionnel ou médical), contactez le service des titres d'identité par téléphone au 03 22 45 00 00.",
            "Un rendez-vous prioritaire pourra vous être proposé à l'accueil de la mairie.",
        ],
        {"titres-identite": 1},
        {},
    ),
    (
        "ecoles/inscrire",
        "Inscrire mon enfant à l'école",
        [
            "## Qui doit inscrire son enfant ?",
            "Les familles dont l'enfant entre en toute petite ou petite section, et celles qui arrivent dans la commune en cours d'année.",
            "## Comment ?",
            "Rendez-vous sur votre espace famille, rubrique « Scolarité », et complétez la demande. Les justificatifs (livret de famille, justificatif de domicile) se joignent en photo ou en PDF.",
            "Vous recevrez le certificat d'inscription par e-mail sous quinze jours. Il vous restera à prendre contact avec la directrice de l'école.",
        ],
        {"inscription-scolaire": 4},
        {},
    ),
    (
        "ecoles/derogation",
        "Dérogation au secteur scolaire",
        [
            "Vous souhaitez que votre enfant fréquente une autre école que celle de votre secteur ? Le formulaire de demande de dérogation est à imprimer ci-dessous et à renvoyer avant le 31 mars.",
            "[[Formulaire de dérogation scolaire 2026 (PDF)|/files/ecoles/derogation-2026.pdf]]",
            "Les demandes sont examinées par une commission en avril ; la réponse vous parvient par courrier.",
        ],
        {"inscription-scolaire": 2},
        {},
    ),
    (
        "famille/reinscriptions",
        "Réinscriptions périscolaires : rien à faire !",
        [
            "Bonne nouvelle pour les familles : à partir de cette rentrée, votre enfant déjà inscrit à la cantine et à la garderie est automatiquement réinscrit pour l'année suivante.",
            "Il vous suffit de vérifier vos informations dans votre compte Portail Famille et de signaler un éventuel changement de situation.",
        ],
        {"periscolaire": 5},
        {},
    ),
    (
        "famille/cantine",
        "Cantine : mode d'emploi",
        [
            "Chaque jour, près de 1 200 repas sont servis dans les restaurants scolaires de la ville.",
            "Pour que votre enfant déjeune à la cantine, il doit être inscrit. Le dossier s'obtient à l'accueil de la mairie ou au service éducation. Aucune inscription n'est possible par internet.",
            "Tarifs : de 0,80 € à 4,60 € le repas selon le quotient familial.",
        ],
        {"periscolaire": 1},
        {},
    ),
    (
        "famille/garderie-mercredi",
        "Garderie et mercredis",
        [
            "## Garderie du matin et du soir",
            "Les enfants sont accueillis dès 7 h 15 dans leur école. La réservation est obligatoire : elle se fait depuis l'appli Ma Ville ou sur le site du portail familles.",
            "## Le mercredi",
            "Le centre de loisirs des Castors accueille les 3-11 ans le mercredi. Inscription à la période, sur place, auprès de la directrice.",
        ],
        {"periscolaire": 3, "accueil-loisirs": 1},
        {},
    ),
    (
        "paiement/payer-en-ligne",
        "Payer en ligne",
        [
            "Cantine, crèche, conservatoire, location de salle : réglez vos factures municipales 24 h/24 par carte bancaire.",
            "Munissez-vous de la facture : l'identifiant de la collectivité et la référence figurent dans le cadre « Paiement par internet ».",
            "[[Accéder au paiement sécurisé|https://www.payfip.gouv.fr/tpa/accueilportail.web]]",
        ],
        {"paiement-famille": 4},
        {},
    ),
    (
        "paiement/moyens",
        "Comment régler ?",
        [
            "Votre facture de restauration scolaire peut être réglée par prélèvement mensuel, par chèque à l'ordre du Trésor public, en espèces à la régie ou par chèque emploi service (CESU) pour la garderie.",
            "Pour le prélèvement, remplissez le mandat joint à votre première facture.",
        ],
        {"paiement-famille": 1},
        {},
    ),
    (
        "petite-enfance/demande-de-place",
        "Demande de place en crèche",
        [
            "Dès le 4e mois de grossesse, vous pouvez faire une demande de place en structure d'accueil petite enfance.",
            "La demande se fait exclusivement en ligne sur le guichet unique petite enfance. Vous pourrez ensuite suivre l'état de votre demande (en attente, proposée, acceptée) depuis votre compte.",
            "Les places sont attribuées lors des commissions de mai et de novembre.",
        ],
        {"petite-enfance": 4},
        {},
    ),
    (
        "petite-enfance/ram",
        "Relais petite enfance",
        [
            "Le relais petite enfance est un lieu d'information pour les parents et les assistantes maternelles : liste des assistantes maternelles disponibles, aide au contrat de travail, ateliers d'éveil.",
            "Permanences le mardi de 14 h à 18 h et le jeudi de 9 h à 12 h, sans rendez-vous. Contact : rpe@valcourt.fr",
        ],
        {"petite-enfance": 1},
        {},
    ),
    (
        "loisirs/ete",
        "Cet été, on bouge !",
        [
            "Accueil de loisirs, mini-séjours à la mer, stages sportifs : le programme de l'été est arrivé.",
            "Inscriptions du 2 au 20 juin. [[Télécharger la fiche d'inscription|/fichiers/jeunesse/fiche-ete-2026.pdf]] et la déposer au service jeunesse avec le règlement.",
        ],
        {"accueil-loisirs": 2},
        {},
    ),
    (
        "loisirs/reservations",
        "Accueils de loisirs : réservations",
        [
            "Les réservations des mercredis et des vacances sont ouvertes dans votre Espace Citoyens. Sélectionnez les jours souhaités, validez, et réglez votre panier par carte bancaire.",
            "Toute réservation non annulée 7 jours avant est due.",
        ],
        {"accueil-loisirs": 4, "paiement-famille": 4},
        {"text": True},
    ),
    (
        "urbanisme/depot",
        "Déposer un dossier d'urbanisme",
        [
            "Permis de construire, déclaration préalable, certificat d'urbanisme, permis d'aménager : depuis le 1er janvier 2022, la commune accepte les dossiers sous forme électronique.",
            "Le dépôt se fait sur le guichet unique, accessible 7 jours sur 7 : [[Accéder au guichet|https://gnau12.operis.fr/valcourt/gnau/]]",
            "Le dépôt papier reste possible, en trois exemplaires, au service urbanisme.",
        ],
        {"urbanisme": 3},
        {},
    ),
    (
        "urbanisme/plu",
        "Le plan local d'urbanisme",
        [
            "Le PLU fixe les règles de construction sur chaque parcelle de la commune. Il a été approuvé le 12 décembre 2019 et modifié en 2024.",
            "Consultez le règlement écrit et les plans de zonage ci-dessous.",
            "[[Règlement du PLU (PDF, 4 Mo)|/urbanisme/plu/reglement.pdf]] · [[Plan de zonage|/urbanisme/plu/zonage.pdf]]",
        ],
        {},
        {},
    ),
    (
        "voirie/demenager",
        "Vous déménagez ?",
        [
            "Pour stationner votre camion de déménagement, demandez un arrêté de stationnement au moins dix jours avant. Remplissez la demande ci-dessous, vous recevrez l'arrêté par mail.",
            "{{form:7}}",
            "Des panneaux d'interdiction de stationner sont à retirer aux services techniques et à installer 48 heures avant.",
        ],
        {"domaine-public": 4},
        {},
    ),
    (
        "commerce/terrasse",
        "Installer une terrasse",
        [
            "Cafés et restaurants : l'installation d'une terrasse sur le trottoir est soumise à autorisation et à redevance.",
            "Adressez votre demande par courrier au maire, accompagnée d'un plan de l'installation et d'une attestation d'assurance. Un agent viendra sur place mesurer l'emprise.",
        ],
        {"domaine-public": 2},  # by post only: 2 (SCALE.md)
        {},
    ),
    (
        "signaler",
        "Signaler",
        [
            "Un lampadaire éteint, un trou dans la chaussée, des déchets abandonnés ? Dites-le-nous !",
            "Décrivez le problème, localisez-le sur la carte et ajoutez une photo. Vous serez prévenu par mail quand l'intervention aura été réalisée.",
            "{{form:4:file}}",
        ],
        {"signalement": 4},
        {},
    ),
    (
        "proprete/depots-sauvages",
        "Dépôts sauvages : tolérance zéro",
        [
            "Abandonner des déchets sur la voie publique est puni d'une amende pouvant aller jusqu'à 1 500 €. Depuis janvier, 84 verbalisations ont été dressées.",
            "Le ramassage des dépôts sauvages représente 200 tonnes par an pour les services de la propreté.",
        ],
        {},
        {},
    ),
    (
        "stationnement/abonnements",
        "Abonnements de stationnement",
        [
            "Habitants des zones rouge et verte, l'abonnement résident vous permet de stationner à tarif réduit près de chez vous.",
            "Souscription et paiement en ligne sur [[le portail stationnement|https://stationnement.valcourt.fr/abonnement-resident]] : carte grise et justificatif de domicile à télécharger. Votre droit est actif immédiatement, sans vignette à apposer.",
        ],
        {"stationnement-resident": 4},
        {},
    ),
    (
        "stationnement/resident-papier",
        "Carte de résident",
        [
            "Pour obtenir la carte de stationnement résident, présentez-vous au service stationnement avec la carte grise, un justificatif de domicile de moins de trois mois et votre avis de taxe d'habitation.",
            "La carte est établie immédiatement. Tarif : 15 € par an, payable sur place.",
        ],
        {"stationnement-resident": 1},
        {},
    ),
    (
        "dechets/encombrants-rdv",
        "Encombrants : sur rendez-vous",
        [
            "La collecte des encombrants se fait uniquement sur rendez-vous. Appelez le numéro vert 0 800 00 00 00 (appel gratuit) du lundi au vendredi.",
            "Un créneau vous sera proposé dans un délai de deux semaines.",
        ],
        {"encombrants": 1},
        {},
    ),
    (
        "dechets/encombrants-en-ligne",
        "Enlèvement des encombrants",
        [
            "Réservez votre collecte en quelques clics : choisissez la date, listez vos objets, vous recevez une confirmation par SMS la veille du passage.",
            "[[Je réserve mon passage|https://encombrants.agglo-valcourt.fr/reservation]]",
        ],
        {"encombrants": 3},
        {},
    ),
    (
        "police/objets-trouves",
        "Objets trouvés",
        [
            "Vous avez égaré un objet ? Consultez la liste des objets trouvés mise à jour chaque semaine, ou déclarez votre perte en ligne : nous vous contacterons si un objet correspondant est rapporté.",
            "[[Déclarer une perte|https://demarches.valcourt.fr/police/declaration-de-perte/]]",
        ],
        {"objets-trouves": 3},
        {},
    ),
    (
        "police/objets-trouves-accueil",
        "Le bureau des objets trouvés",
        [
            "Le bureau des objets trouvés est situé au poste de police municipale, 4 rue Pasteur. Ouvert du lundi au vendredi de 9 h à 12 h.",
            "Les objets sont conservés un an. Passé ce délai, ils sont remis à une association caritative ou détruits.",
        ],
        {"objets-trouves": 1},
        {"text": True},
    ),
    (
        "culture/bibliotheque-compte",
        "Mon compte lecteur",
        [
            "Avec votre numéro de carte et votre mot de passe, accédez à votre compte : prolongez vos emprunts, réservez un livre déjà emprunté, suivez vos réservations.",
            "{{form:2:password}}",
        ],
        {"bibliotheque": 4},
        {},
    ),
    (
        "culture/bibliotheque-horaires",
        "Médiathèque Jules-Verne : horaires",
        [
            "Horaires d'été (du 7 juillet au 30 août) : mardi, mercredi et vendredi de 10 h à 13 h et de 14 h à 18 h ; samedi de 10 h à 13 h.",
            "La boîte de retour est accessible en permanence à l'entrée.",
        ],
        {"bibliotheque": 1},
        {},
    ),
    (
        "logement/demande",
        "Faire une demande de logement social",
        [
            "La demande de logement social se fait en ligne ou à l'aide du formulaire cerfa n° 14069 (téléchargeable sur service-public.fr), à déposer au CCAS ou chez un bailleur.",
            "En ligne : [[Demande de logement social|https://www.demande-logement-social.gouv.fr/]]. Vous pourrez compléter, renouveler et suivre votre demande depuis votre espace personnel.",
        ],
        {"logement-social": 4},
        {},
    ),
    (
        "logement/accompagnement",
        "Logement : être accompagné",
        [
            "Le CCAS reçoit sur rendez-vous les personnes qui ont besoin d'aide pour constituer leur dossier de demande de logement social.",
            "Pièces à apporter : pièce d'identité, avis d'imposition des deux dernières années, trois derniers bulletins de salaire.",
        ],
        {"logement-social": 1},
        {},
    ),
    (
        "associations/subventions-2027",
        "Subventions 2027 : campagne ouverte",
        [
            "Les associations sportives, culturelles et solidaires peuvent solliciter une aide de la ville pour 2027.",
            "Le dossier est à remplir en ligne jusqu'au 15 novembre. Les pièces (statuts, budget, bilan) sont à joindre au format PDF. Vous pourrez suivre l'instruction de votre dossier depuis le tableau de bord de votre association.",
        ],
        {"subventions-associations": 4},
        {"text": True},
    ),
    (
        "associations/maison",
        "La maison des associations",
        [
            "La maison des associations met à disposition des salles de réunion, un photocopieur et des casiers pour les associations de la ville.",
            "Le forum des associations aura lieu le premier samedi de septembre au gymnase Coubertin.",
        ],
        {},
        {},
    ),
    (
        "actualites/portail-famille",
        "Le portail famille fait peau neuve",
        [
            "Depuis lundi, le portail famille a une nouvelle adresse. Vous y retrouvez les inscriptions à la cantine, à la garderie et au centre de loisirs, ainsi que le paiement de vos factures.",
            "Vos identifiants restent les mêmes. Vous pouvez désormais aussi vous connecter avec FranceConnect.",
            "[[Accéder au nouveau portail|https://valcourt.portail-familles.app/]]",
        ],
        {"periscolaire": 5, "accueil-loisirs": 4, "paiement-famille": 4},
        {},
    ),
    (
        "demarches",
        "Démarches",
        [
            "## État civil",
            "[[Acte de naissance, de mariage, de décès|/demarches/etat-civil]]",
            "## Papiers d'identité",
            "[[Carte d'identité et passeport|/demarches/identite]]",
            "## Urbanisme",
            "[[Déposer un permis de construire|/demarches/urbanisme]]",
            "## Famille",
            "[[Inscriptions scolaires|/demarches/ecoles]] – [[Crèches|/demarches/creches]]",
        ],
        {},
        {},
    ),
    (
        "recherche",
        "Résultats de recherche pour « passeport »",
        [
            "12 résultats",
            "[[Carte d'identité et passeport|/demarches/identite]] – Comment faire sa demande, délais, pièces à fournir…",
            "[[Actualité : forte affluence au service des passeports|/actualites/passeports-affluence]]",
        ],
        {},
        {},
    ),
    (
        "demarches/tout-en-ligne",
        "Faites vos démarches en ligne",
        [
            "La ville a ouvert son guichet numérique. Vous pouvez y faire, sans vous déplacer :",
            "– une demande de copie d'acte d'état civil ;",
            "– une demande d'arrêté pour un déménagement ;",
            "– un signalement sur l'espace public ;",
            "– une demande de subvention pour votre association.",
            "Créez votre compte, suivez vos demandes et recevez les réponses dans votre espace : [[Accéder au guichet numérique|https://demarches.valcourt.fr/]]",
        ],
        {
            "actes-etat-civil": 4,
            "domaine-public": 4,
            "signalement": 4,
            "subventions-associations": 4,
        },
        {},
    ),
]
