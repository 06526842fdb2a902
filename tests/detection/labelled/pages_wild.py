"""The `wild` batch: 65 free-form pages in the styles the earlier batches under-represent.

Written on 2026-11-27 after the detector had been tuned on every other group, labelled by the
rules of docs/detection-rules.md before the detector was run on them, and measured once before any
change made for them (first figure in docs/CHANGELOG-detection.md). Styles: big-city pages with cookie
banners, quick links, agenda widgets and share links (layouts `grande-ville*`), tabs and
accordions (raw HTML paragraphs), village pages of a few lines, intercommunal templates with a
side column of procedures, FAQ pages, pages describing several procedures, text-only pages,
national and vendor platforms, appointments by telephone, e-mail only, forms to download and
send back by e-mail, cerfa numbers without a link, dead links.

Each entry: (slug, title, body paragraphs, labels, options); options as in wild_layouts.py.
"""

# Hand-written prose: one paragraph per line reads better than wrapped strings.
# ruff: noqa: E501

from __future__ import annotations

SP = "https://www.service-public.fr/particuliers/vosdroits"
EC = "https://www.espace-citoyens.net/rochemaure/espace-citoyens"
G, GI, V, C = "grande-ville", "grande-ville-inline", "village", "intercommunal"

WILD: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]] = [
    (
        "demarches/etat-civil/actes",
        "Obtenir un acte d'état civil",
        [
            "La Ville délivre les actes des événements survenus à Rochemaure : naissances, mariages, reconnaissances et décès. Pour un événement survenu à l'étranger, adressez-vous au Service central d'état civil de Nantes.",
            '<div class="tabs" role="tablist"><button role="tab" aria-selected="true">Naissance</button><button role="tab">Mariage</button><button role="tab">Décès</button></div><div role="tabpanel"><p>Copie intégrale ou extrait, avec ou sans filiation. Précisez les nom, prénoms et date de naissance de la personne concernée ainsi que les noms de ses parents.</p></div><div role="tabpanel" hidden><p>Seuls les époux, leurs ascendants et descendants peuvent obtenir une copie intégrale de l\'acte de mariage.</p></div><div role="tabpanel" hidden><p>L\'acte de décès peut être délivré à toute personne qui en fait la demande.</p></div>',
            "## Faire ma demande",
            f"La demande est gratuite. Elle se fait en ligne : [[Demander un acte sur service-public.fr|{SP}/R1406]]. L'acte vous parvient par courrier à votre domicile.",
            "Vous pouvez aussi vous présenter à l'accueil de l'hôtel de ville, muni d'une pièce d'identité.",
        ],
        {"actes-etat-civil": 3},
        {"layout": G},
    ),
    (
        "etat-civil",
        "État civil",
        [
            "Pour obtenir un acte de naissance, de mariage ou de décès, écrivez à la mairie en joignant une enveloppe timbrée à votre adresse.",
            "Le secrétariat est ouvert le mardi après-midi et le samedi matin.",
        ],
        {"actes-etat-civil": 2},  # a request by post: 2 (SCALE.md)
        {"layout": V},
    ),
    (
        "mairie/actes-etat-civil",
        "Actes d'état civil",
        [
            "Les demandes de copies et d'extraits d'actes sont traitées par le service population.",
            "Merci d'adresser votre demande par courriel à etat-civil@lavaur-le-comtal.fr en indiquant la nature de l'acte, la date de l'événement et votre adresse postale. L'acte vous est envoyé par la poste.",
        ],
        {"actes-etat-civil": 2},
        {"text": True, "layout": C},
    ),
    (
        "demarches/citoyennete/elections",
        "Inscription sur les listes électorales",
        [
            "Pour voter, il faut être inscrit sur la liste électorale de sa commune de domicile ou de résidence. L'inscription est possible toute l'année, et jusqu'au sixième vendredi précédant un scrutin.",
            "## Comment s'inscrire ?",
            f"En ligne, avec le téléservice de l'État : [[je m'inscris sur les listes électorales|{SP}/R16396]]. Joignez la version numérisée d'un justificatif d'identité et d'un justificatif de domicile.",
            "En mairie, à l'accueil du service élections, ou par courrier en envoyant le cerfa n° 12669 complété.",
            "## Les prochains scrutins",
            "Les bureaux de vote sont ouverts de 8 h à 18 h. Retrouvez la liste des bureaux et leurs adresses sur la page dédiée.",
        ],
        {"listes-electorales": 3},
        {"layout": G},
    ),
    (
        "mairie/elections",
        "Élections",
        [
            "Les nouveaux habitants peuvent s'inscrire sur la liste électorale en mairie, avec une pièce d'identité et un justificatif de domicile de moins de trois mois. Le formulaire cerfa n° 12669*02 est à remplir sur place.",
        ],
        {"listes-electorales": 1},
        {"layout": V},
    ),
    (
        "demarches/recensement-citoyen",
        "Recensement citoyen",
        [
            "Tous les jeunes Français, filles et garçons, doivent se faire recenser entre le jour de leurs 16 ans et la fin du troisième mois qui suit.",
            f"La démarche peut être faite en mairie ou en ligne : [[se recenser sur service-public.fr|{SP}/R870]].",
            "Le recensement permet d'être convoqué à la Journée défense et citoyenneté (JDC) et d'être inscrit d'office sur les listes électorales à 18 ans.",
        ],
        {"recensement-citoyen": 3},
        {"layout": C},
    ),
    (
        "jeunesse/recensement",
        "Recensement à 16 ans",
        [
            "Dans les trois mois qui suivent ton seizième anniversaire, présente-toi en mairie avec ta carte d'identité et le livret de famille de tes parents. Une attestation te sera remise : garde-la précieusement, elle est demandée pour le permis de conduire et les examens.",
        ],
        {"recensement-citoyen": 1},
        {"text": True, "layout": G},
    ),
    (
        "demarches/identite/cni-passeport",
        "Carte d'identité et passeport",
        [
            "Les demandes de carte nationale d'identité et de passeport sont reçues uniquement sur rendez-vous, au service population de l'hôtel de ville.",
            "Les rendez-vous se prennent par téléphone au 01 00 00 00 10, du lundi au vendredi de 9 h à 12 h.",
            "Avant le rendez-vous, remplissez la pré-demande en ligne sur le site de l'ANTS : [[faire ma pré-demande|https://passeport.ants.gouv.fr/demarches-en-ligne/]] et notez son numéro.",
            "## Pièces à fournir",
            "Une photo d'identité de moins de six mois, un justificatif de domicile, l'ancien titre, et un timbre fiscal pour le passeport.",
        ],
        {"titres-identite": 3},
        {"layout": G},
    ),
    (
        "infos/carte-identite",
        "Carte d'identité",
        [
            "La mairie n'est pas équipée du dispositif de recueil des empreintes. Pour une carte d'identité ou un passeport, adressez-vous à la mairie de Bourgneuf, qui reçoit sur rendez-vous à prendre par téléphone au 03 00 00 00 21.",
        ],
        {"titres-identite": 1},
        {"layout": V},
    ),
    (
        "services-en-ligne/rendez-vous-titres",
        "Passeport, carte d'identité : prenez rendez-vous",
        [
            "Le délai d'obtention d'un rendez-vous est actuellement de trois semaines. Pensez-y avant vos vacances !",
            "[[Prendre rendez-vous en ligne|https://www.synbird.com/belcastel-titres]]",
            "Un rendez-vous par personne, y compris pour les mineurs, qui doivent être présents.",
        ],
        {"titres-identite": 3},
        {"layout": GI},
    ),
    (
        "demarches/education/faq-inscriptions",
        "Inscriptions scolaires : vos questions",
        [
            "## Quand inscrire mon enfant en maternelle ?",
            "Les inscriptions pour la rentrée de septembre ont lieu de janvier à fin mars. Un enfant peut entrer en petite section l'année de ses trois ans.",
            "## Comment faire la démarche ?",
            f"La demande d'inscription se fait dans l'Espace Citoyens : [[accéder à l'Espace Citoyens|{EC}/Home/AccueilPublic]]. Déposez-y le livret de famille et un justificatif de domicile. Le certificat d'inscription est ensuite envoyé à l'école.",
            "## Faut-il inscrire mon enfant à la cantine séparément ?",
            "Oui : l'inscription à la restauration scolaire et à l'accueil du matin et du soir se fait aussi depuis l'Espace Citoyens, une fois l'inscription scolaire validée.",
            "## Comment régler les factures ?",
            "Chaque mois, la facture des repas et de l'accueil périscolaire est déposée dans votre Espace Citoyens, où vous pouvez la payer par carte bancaire.",
            "## Je ne dispose pas d'internet, comment faire ?",
            "Le guichet unique vous accueille sur rendez-vous et un agent vous aide à faire la démarche.",
        ],
        {"inscription-scolaire": 3, "periscolaire": 3, "paiement-famille": 4},
        {"layout": G},
    ),
    (
        "ecole",
        "L'école",
        [
            "Notre école accueille 42 enfants en deux classes, de la petite section au CM2.",
            "Pour inscrire votre enfant, passez en mairie avec le livret de famille et le carnet de santé, puis prenez contact avec la directrice.",
        ],
        {"inscription-scolaire": 1},
        {"layout": V},
    ),
    (
        "vie-quotidienne/restauration-scolaire",
        "Restauration scolaire",
        [
            "Les repas sont préparés par la cuisine centrale avec des produits locaux et bio pour moitié.",
            "Pour inscrire votre enfant, téléchargez le [[dossier d'inscription à la restauration scolaire (PDF, 240 Ko)|/documents/dossier-restauration-2026.pdf]], complétez-le puis renvoyez-le par courriel à enfance@lavaur-le-comtal.fr avant le 10 juillet.",
            "Les menus du mois sont affichés à l'entrée des écoles.",
        ],
        {"periscolaire": 2},
        {"layout": C},
    ),
    (
        "enfance/cantine",
        "Cantine et garderie",
        [
            "Les enfants sont accueillis à la garderie dès 7 h 30 et jusqu'à 18 h 30. Les repas du midi sont servis au restaurant scolaire.",
            "Les réservations de repas et de garderie se font sur le portail famille (https://rochemaure.portail-familles.app), au plus tard le jeudi pour la semaine suivante. Le paiement des factures s'effectue en ligne sur ce même portail.",
        ],
        {"periscolaire": 3, "paiement-famille": 4},
        {"text": True, "layout": G},
    ),
    (
        "demarches/famille/payer-ses-factures",
        "Payer ses factures",
        [
            "Crèche, cantine, accueil de loisirs, conservatoire : toutes les prestations municipales font l'objet d'une facture mensuelle unique.",
            "Vous pouvez la régler par prélèvement automatique, par chèque à l'ordre du Trésor public, en espèces à l'accueil, ou par carte bancaire sur internet : [[payer en ligne avec PayFiP|https://www.payfip.gouv.fr/tpa/paiementws.web?numcli=045612]]. Munissez-vous de votre facture : l'identifiant de la collectivité et la référence y figurent.",
            "En cas de difficulté de paiement, contactez le CCAS.",
        ],
        {"paiement-famille": 4},
        {"layout": G},
    ),
    (
        "cantine",
        "Cantine scolaire",
        [
            "Les inscriptions à la cantine se font auprès du secrétariat de mairie en début d'année.",
            "Prix du repas : 3,20 €. Les factures sont envoyées chaque mois par le Trésor public et se règlent par chèque ou par prélèvement.",
        ],
        {"periscolaire": 1, "paiement-famille": 1},
        {"layout": V},
    ),
    (
        "petite-enfance/creches",
        "Les crèches municipales",
        [
            "La Ville gère six établissements d'accueil du jeune enfant, soit 320 places, pour les enfants de 10 semaines à 3 ans.",
            '<div class="accordion"><details><summary>Les structures</summary><p>Multi-accueil Les Lucioles, crèche familiale Arc-en-ciel, halte-garderie du Parc, et trois crèches collectives.</p></details><details><summary>Les tarifs</summary><p>Le tarif horaire est calculé selon le barème de la CAF, en fonction de vos revenus et du nombre d\'enfants.</p></details><details open><summary>La pré-inscription</summary><p>Remplissez le <a href="https://demarches.ville-belcastel.fr/petite-enfance/preinscription-creche">formulaire de pré-inscription en ligne</a> à partir du sixième mois de grossesse. Les places sont attribuées par la commission de mai et d\'octobre.</p></details></div>',
        ],
        {"petite-enfance": 3},
        {"layout": GI},
    ),
    (
        "enfance/multi-accueil",
        "Multi-accueil intercommunal",
        [
            "Le multi-accueil Les P'tits Loups accueille 24 enfants du lundi au vendredi.",
            "Pour une demande de place, complétez le [[dossier de pré-inscription (PDF)|/docs/preinscription-multi-accueil.pdf]] et déposez-le à la mairie ou au multi-accueil. Les demandes sont examinées en commission deux fois par an.",
        ],
        {"petite-enfance": 2},
        {"layout": C},
    ),
    (
        "demarches/famille/vacances-ete",
        "Accueils de loisirs : vacances d'été",
        [
            "Les six accueils de loisirs de la Ville ouvrent du 7 juillet au 29 août pour les enfants de 3 à 12 ans. Au programme : sorties, baignade, grands jeux et mini-séjours.",
            "Les réservations ouvrent le 2 juin à 9 h dans le Kiosque Famille. Le paiement se fait à la réservation par carte bancaire ; la réservation n'est définitive qu'une fois réglée.",
            "Pensez à mettre à jour la fiche sanitaire de votre enfant.",
        ],
        {"accueil-loisirs": 4},
        {"layout": G},
    ),
    (
        "jeunesse/mercredis",
        "Les mercredis loisirs",
        [
            "Le centre de loisirs accueille les enfants le mercredi de 8 h à 18 h. Les inscriptions se font sur place, au service jeunesse, à partir du 1er septembre, avec le carnet de vaccination et l'attestation de quotient familial.",
        ],
        {"accueil-loisirs": 1},
        {"text": True, "layout": GI},
    ),
    (
        "demarches/urbanisme/autorisations",
        "Autorisations d'urbanisme",
        [
            "Avant de construire, d'agrandir, de modifier une façade ou de poser une clôture, vous devez obtenir une autorisation. Consultez d'abord le plan local d'urbanisme.",
            '<ul class="tabs"><li class="active"><a href="#dp">Déclaration préalable</a></li><li><a href="#pc">Permis de construire</a></li><li><a href="#cu">Certificat d\'urbanisme</a></li></ul><div id="dp"><p>Pour les travaux de faible importance : abri de jardin de 5 à 20 m², piscine non couverte, changement de fenêtres. Délai d\'instruction : un mois.</p></div><div id="pc"><p>Pour toute construction de plus de 20 m² d\'emprise au sol. Délai d\'instruction : deux mois pour une maison individuelle.</p></div><div id="cu"><p>Il renseigne sur les règles applicables à un terrain.</p></div>',
            "## Déposer votre dossier",
            "Déposez votre demande sur le [[guichet numérique des autorisations d'urbanisme|https://gnau.rochemaure.fr/]]. Vous y suivez l'instruction de votre dossier étape par étape et recevez la décision dans votre espace.",
            "Le dépôt papier reste possible au service urbanisme, en quatre exemplaires.",
        ],
        {"urbanisme": 4},
        {"layout": G},
    ),
    (
        "urbanisme",
        "Urbanisme",
        [
            "La commune est soumise à la carte communale. Les déclarations préalables (cerfa n° 13703) et permis de construire (cerfa n° 13406) sont à déposer en mairie en deux exemplaires.",
        ],
        {"urbanisme": 1},
        {"layout": V},
    ),
    (
        "cadre-de-vie/permis-de-construire",
        "Permis de construire et déclaration préalable",
        [
            "Le service urbanisme instruit les demandes des communes membres.",
            f"Les formulaires sont disponibles sur service-public.fr : [[cerfa n° 13406 (maison individuelle)|{SP}/R11637]], [[cerfa n° 13703 (déclaration préalable)|{SP}/R11646]].",
            "Le dossier complet est à déposer en mairie ou à envoyer par lettre recommandée avec accusé de réception.",
        ],
        {"urbanisme": 2},
        {"layout": C},
    ),
    (
        "urbanisme/depot-en-ligne",
        "Dépôt dématérialisé des demandes d'urbanisme",
        [
            "Depuis le 1er janvier 2022, vous pouvez déposer votre demande de permis ou de déclaration préalable de façon dématérialisée sur le guichet unique : https://sve.sirap.fr/#/045678/connexion",
            "Un accusé d'enregistrement électronique vous est adressé par courriel. Le service vous contacte si des pièces manquent.",
        ],
        {"urbanisme": 3},
        {"text": True, "layout": GI},
    ),
    (
        "demarches/voirie/demenagement",
        "Stationnement pour un déménagement",
        [
            "Vous déménagez et devez réserver des places de stationnement devant votre immeuble ? Une autorisation d'occupation du domaine public est nécessaire.",
            "Faites votre demande au moins dix jours ouvrés avant la date prévue avec le formulaire ci-dessous.",
            "{{form:7}}",
            "Une fois l'autorisation accordée, la redevance est payable en ligne par carte bancaire via PayFiP ; l'arrêté vous est ensuite envoyé par courriel.",
        ],
        {"domaine-public": 4},
        {"layout": G},
    ),
    (
        "travaux-voie-publique",
        "Travaux sur la voie publique",
        [
            "Pour installer un échafaudage, une benne ou un dépôt de matériaux sur la voie publique, faites une demande écrite à Monsieur le Maire au moins quinze jours avant le début des travaux.",
        ],
        {"domaine-public": 2},  # a written request to the mayor: 2 (SCALE.md)
        {"layout": V},
    ),
    (
        "commerces/terrasses",
        "Terrasses et étalages",
        [
            "Les cafés, restaurants et commerces qui souhaitent installer une terrasse ou un étalage sur le trottoir doivent obtenir une autorisation annuelle.",
            "Téléchargez le [[dossier de demande d'autorisation de terrasse (PDF)|/files/dossier-terrasse-2026.pdf]] et renvoyez-le complété par courriel à commerce@ville-belcastel.fr.",
            "Le tarif de la redevance est voté chaque année par le conseil municipal.",
        ],
        {"domaine-public": 2},
        {"layout": GI},
    ),
    (
        "demarches/signaler-un-probleme",
        "Signaler un problème dans l'espace public",
        [
            "Nid-de-poule, éclairage en panne, tag, dépôt sauvage, mobilier cassé : aidez-nous à garder la ville en bon état.",
            "[[Faire un signalement|https://www.rochemaure.fr/signalement/nouveau]]",
            "Localisez le problème sur la carte, ajoutez une photo si vous le souhaitez. Vous pouvez ensuite suivre l'état d'avancement de votre signalement en ligne, jusqu'à sa résolution.",
            "Pour une urgence (arbre tombé, fuite d'eau importante), appelez le 01 00 00 00 99.",
        ],
        {"signalement": 4},
        {"layout": G},
    ),
    (
        "infos/voirie",
        "Voirie",
        [
            "Un lampadaire en panne, un fossé bouché, un chemin abîmé ? Prévenez la mairie par téléphone ou passez au secrétariat : l'employé communal interviendra dès que possible.",
        ],
        {"signalement": 1},
        {"layout": V},
    ),
    (
        "cadre-de-vie/proprete",
        "Propreté : signaler une anomalie",
        [
            "Les agents de la propreté passent chaque jour dans le centre-ville et une fois par semaine dans les quartiers.",
            "Vous constatez un dépôt sauvage ou une corbeille qui déborde ? Écrivez à proprete@lavaur-le-comtal.fr en précisant l'adresse exacte et, si possible, en joignant une photo.",
        ],
        {"signalement": 2},
        {"text": True, "layout": C},
    ),
    (
        "demarches/stationnement/carte-resident",
        "Carte de stationnement résident",
        [
            "Les résidents des zones rouge et orange bénéficient d'un tarif réduit pour stationner près de chez eux.",
            "La demande se fait en ligne depuis votre compte stationnement : déposez votre justificatif de domicile et le certificat d'immatriculation du véhicule. L'abonnement se paie en ligne, mensuellement ou à l'année.",
            "Aucun macaron n'est délivré : le contrôle se fait par la plaque d'immatriculation.",
        ],
        {"stationnement-resident": 4},
        {"layout": G},
    ),
    (
        "vie-quotidienne/stationnement",
        "Stationnement résidentiel",
        [
            "La carte de résident est délivrée au guichet de la police municipale sur présentation du certificat d'immatriculation et d'un justificatif de domicile de moins de trois mois.",
            "Elle est valable un an et coûte 20 €.",
        ],
        {"stationnement-resident": 1},
        {"layout": C},
    ),
    (
        "encombrants",
        "Ramassage des encombrants",
        [
            "Le ramassage des encombrants a lieu deux fois par an, au printemps et à l'automne. Inscrivez-vous en mairie par téléphone avant le 15 avril en indiquant la liste des objets.",
        ],
        {"encombrants": 1},
        {"layout": V},
    ),
    (
        "demarches/dechets/encombrants",
        "Enlèvement des encombrants",
        [
            "Meubles, électroménager, matelas : la Ville enlève gratuitement vos objets volumineux devant chez vous, dans la limite de 2 m³.",
            "[[Réserver un créneau en ligne|https://www.rochemaure.fr/encombrants/rendez-vous]]",
            "Vous recevez un SMS de confirmation la veille du passage. Sortez vos objets le matin même avant 7 h.",
        ],
        {"encombrants": 3},
        {"layout": G},
    ),
    (
        "environnement/objets-volumineux",
        "Objets volumineux",
        [
            "La collecte des encombrants est assurée par la communauté d'agglomération.",
            "La demande d'enlèvement se fait sur le site de l'agglomération : [[formulaire de demande d'enlèvement|https://www.agglo-belcastel.fr/dechets/encombrants/demande]].",
            "Les déchetteries restent ouvertes du lundi au samedi.",
        ],
        {"encombrants": 3},
        {"layout": GI},
    ),
    (
        "securite/objets-trouves",
        "Objets trouvés",
        [
            "Les objets trouvés sur la voie publique sont déposés au poste de police municipale, où ils sont conservés un an et un jour.",
            "Vous avez perdu un objet ? Déclarez la perte en ligne (https://www.ville-belcastel.fr/objets-trouves/declarer-une-perte) : vous serez contacté si l'objet est retrouvé.",
        ],
        {"objets-trouves": 3},
        {"text": True, "layout": GI},
    ),
    (
        "infos/objets-trouves",
        "Objets trouvés",
        [
            "Un trousseau de clés et une paire de lunettes ont été trouvés rue de l'Église. Les réclamer au secrétariat de mairie aux heures d'ouverture.",
        ],
        {"objets-trouves": 1},
        {"layout": V},
    ),
    (
        "culture/mediatheque",
        "Médiathèque Louise-Michel",
        [
            "Plus de 80 000 livres, CD, DVD, jeux et revues vous attendent sur trois étages. L'accès est libre et gratuit.",
            '<div class="tabs"><button role="tab">S\'inscrire</button><button role="tab">Emprunter</button><button role="tab">Réserver et prolonger</button></div><div role="tabpanel"><p>L\'inscription se fait à l\'accueil de la médiathèque, sur présentation d\'une pièce d\'identité. Elle est gratuite pour les habitants.</p></div><div role="tabpanel"><p>Vous pouvez emprunter 15 documents pour quatre semaines.</p></div><div role="tabpanel"><p>Depuis votre compte lecteur sur le catalogue en ligne, réservez un document déjà emprunté et prolongez vos prêts en cours.</p></div>',
            "## Horaires",
            "Mardi, jeudi et vendredi de 13 h à 19 h ; mercredi et samedi de 10 h à 18 h.",
        ],
        {"bibliotheque": 4},
        {"layout": G},
    ),
    (
        "bibliotheque",
        "Bibliothèque",
        [
            "La bibliothèque municipale, tenue par des bénévoles, est ouverte le mercredi de 15 h à 17 h et le samedi de 10 h à 12 h. L'inscription est gratuite et se fait sur place.",
        ],
        {"bibliotheque": 1},
        {"layout": V},
    ),
    (
        "culture/reseau-mediatheques",
        "Le réseau des médiathèques",
        [
            "Une seule carte pour emprunter dans les huit médiathèques du territoire. Consultez le catalogue en ligne pour savoir où se trouve un document.",
            "Pour vous inscrire, remplissez le [[formulaire d'inscription (PDF)|/medias/inscription-reseau.pdf]] et rapportez-le dans la médiathèque de votre choix avec un justificatif de domicile.",
        ],
        {"bibliotheque": 2},
        {"layout": C},
    ),
    (
        "demarches/logement/demande",
        "Demander un logement social",
        [
            "La Ville dispose d'un contingent de logements sociaux attribués en commission. Les délais d'attente sont longs : trois ans en moyenne pour un T3.",
            "La demande se fait en ligne sur le portail national : [[demande de logement social|https://www.demande-logement-social.gouv.fr/]]. Vous y obtenez votre numéro unique, et vous pouvez suivre, modifier et renouveler votre demande chaque année.",
            "Le service habitat vous reçoit sur rendez-vous pour vous aider.",
        ],
        {"logement-social": 4},
        {"layout": G},
    ),
    (
        "ccas",
        "CCAS",
        [
            "Le centre communal d'action sociale aide les habitants dans leurs démarches : aide alimentaire, dossiers de retraite, demande de logement social (formulaire cerfa n° 14069).",
            "Permanence le jeudi matin en mairie.",
        ],
        {"logement-social": 1},
        {"layout": V},
    ),
    (
        "solidarite/logement",
        "Logement social",
        [
            "Pour obtenir un logement social, il faut remplir un formulaire de demande. Vous pouvez le retirer au CCAS ou le télécharger sur service-public.fr, puis le déposer au CCAS avec une pièce d'identité.",
            "Votre demande est enregistrée dans le fichier départemental et vous recevez une attestation avec votre numéro unique.",
        ],
        {"logement-social": 2},
        {"text": True, "layout": C},
    ),
    (
        "demarches/associations/subventions",
        "Subventions aux associations",
        [
            "La Ville soutient les associations qui animent la vie locale par des subventions de fonctionnement et des aides aux projets.",
            "La campagne 2027 est ouverte du 1er octobre au 30 novembre. Les demandes se déposent sur [[Le Compte Asso|https://lecompteasso.associations.gouv.fr/]], avec le code de la subvention « Rochemaure fonctionnement ».",
            "Les montants sont votés par le conseil municipal en mars.",
        ],
        {"subventions-associations": 3},
        {"layout": G},
    ),
    (
        "associations",
        "Associations",
        [
            "Le village compte quatorze associations : comité des fêtes, club de foot, gym volontaire, club des aînés, chasse...",
            "Les associations souhaitant une subvention adressent un courrier au maire avec leur budget et leur dernier bilan avant le 31 janvier.",
        ],
        {"subventions-associations": 1},
        {"layout": V},
    ),
    (
        "vie-associative/aides",
        "Aides aux associations",
        [
            "Les associations du territoire peuvent solliciter une aide financière pour leur fonctionnement ou un projet.",
            "[[Dossier de demande de subvention 2026 (Word, 120 Ko)|/documents/dossier-subvention-2026.docx]]",
            "Le dossier complété est à retourner au service vie associative avant le 15 février.",
        ],
        {"subventions-associations": 2},
        {"layout": C},
    ),
    (
        "services-en-ligne",
        "Démarches en ligne",
        [
            "Retrouvez ici les démarches que vous pouvez faire sans vous déplacer.",
            f"[[Demander un acte de naissance|{SP}/R1406]]",
            f"[[S'inscrire sur les listes électorales|{SP}/R16396]]",
            "[[Signaler un problème sur la voie publique|https://www.ville-belcastel.fr/signalement/formulaire]]",
            "[[Déposer une demande de permis de construire|https://sve.sirap.fr/#/045001/connexion]]",
        ],
        {"actes-etat-civil": 3, "listes-electorales": 3, "signalement": 3, "urbanisme": 3},
        {"layout": GI},
    ),
    (
        "demarches/nouveaux-arrivants",
        "Bienvenue aux nouveaux habitants",
        [
            "Vous venez d'emménager ? Voici les démarches à ne pas oublier.",
            f"Inscrivez-vous sur les listes électorales, en ligne sur [[service-public.fr|{SP}/R16396]].",
            "Inscrivez vos enfants à l'école : téléchargez la [[fiche d'inscription scolaire (PDF)|/docs/fiche-inscription-scolaire.pdf]] et déposez-la au guichet famille.",
            "Si vous habitez en zone de stationnement payant, demandez votre carte de résident au guichet de la police municipale.",
            "La réunion d'accueil des nouveaux habitants a lieu chaque année en octobre.",
        ],
        {"listes-electorales": 3, "inscription-scolaire": 2, "stationnement-resident": 1},
        {"layout": G},
    ),
    (
        "actualites/inscriptions-scolaires-2026",
        "Inscriptions scolaires 2026-2027 : c'est parti !",
        [
            "Votre enfant est né en 2023 ou vous arrivez dans la commune ? Les inscriptions pour la rentrée sont ouvertes du 2 au 31 mars.",
            "La démarche se fait sur le [[portail famille|https://belcastel.portail-familles.app/]], rubrique « Inscriptions ».",
            "Publié le 27 février 2026",
        ],
        {"inscription-scolaire": 3},
        {"layout": GI},
    ),
    (
        "actualites/nuit-de-la-lecture",
        "Une Nuit de la lecture réussie",
        [
            "Plus de 400 visiteurs ont participé samedi à la Nuit de la lecture à la médiathèque : lectures à voix haute, escape game et concert ont rythmé la soirée.",
            "Merci aux bibliothécaires et aux bénévoles ! Rendez-vous l'an prochain.",
        ],
        {},
        {"layout": G},
    ),
    (
        "agenda/journee-citoyenne",
        "Journée citoyenne de nettoyage",
        [
            "Samedi 12 avril, de 9 h à 12 h, participez au grand nettoyage de printemps des berges et des parcs. Gants et sacs fournis.",
            "Rendez-vous devant l'hôtel de ville. Un pot de l'amitié clôturera la matinée.",
        ],
        {},
        {"layout": GI},
    ),
    (
        "demarches/etat-civil/demande-acte-en-ligne",
        "Demande d'acte en ligne",
        [
            "Vous pouvez demander une copie ou un extrait d'acte de naissance ou de mariage.",
            "[[Remplir le formulaire de demande d'acte|https://www.rochemaure.fr/teleservices/demande-acte]]",
            "Vous pouvez aussi écrire au service état civil, 1 place de la République, en précisant la nature de l'acte.",
        ],
        {"actes-etat-civil": 1},
        {"layout": G, "dead": ["https://www.rochemaure.fr/teleservices/demande-acte"]},
    ),
    (
        "urbanisme/declaration-prealable",
        "Déclaration préalable de travaux",
        [
            "Une déclaration préalable est exigée pour les petits travaux : clôture, abri, ravalement, fenêtre de toit.",
            "Déposez votre dossier sur le [[guichet numérique|https://gnau-lavaur.example-sve.fr/depot]] ou téléchargez le [[formulaire cerfa 13703 (PDF)|/docs/cerfa-13703.pdf]] à déposer en mairie.",
        ],
        {"urbanisme": 2},
        {"layout": C, "dead": ["https://gnau-lavaur.example-sve.fr/depot"]},
    ),
    (
        "vie-associative/subvention-en-ligne",
        "Demande de subvention en ligne",
        [
            "Les associations belcastelloises déposent désormais leur demande de subvention sur une plateforme de l'État.",
            "[[Déposer votre demande|https://demarche.numerique.gouv.fr/commencer/subvention-associations-belcastel]]",
            "Préparez vos statuts, le dernier compte rendu d'assemblée générale, le budget prévisionnel et un RIB.",
        ],
        {"subventions-associations": 3},
        {"layout": GI},
    ),
    (
        "demarches/famille/portail-famille",
        "Le portail famille",
        [
            "Le portail famille est votre espace personnel pour toutes les activités de vos enfants.",
            "{{fc}}",
            "Connectez-vous avec FranceConnect : vos informations d'identité sont pré-remplies. Vous pouvez réserver la cantine et la garderie, et les enfants déjà inscrits sont réinscrits automatiquement d'une année sur l'autre au périscolaire.",
            "[[Accéder au portail famille|https://rochemaure.portail-familles.app/]]",
        ],
        {"periscolaire": 5},
        {"layout": G},
    ),
    (
        "jeunesse/recensement-en-ligne",
        "Se faire recenser en ligne",
        [
            "Le recensement citoyen peut se faire en ligne sur service-public.fr, avec un compte personnel. Il faut scanner sa pièce d'identité et le livret de famille.",
            "L'attestation de recensement est ensuite disponible dans votre espace personnel, où vous pouvez la télécharger.",
        ],
        {"recensement-citoyen": 4},
        {"text": True, "layout": C},
    ),
    (
        "infos-pratiques",
        "Infos pratiques",
        [
            "Élections : inscription sur la liste électorale en mairie, aux heures de permanence.",
            "Carte d'identité et passeport : s'adresser à la mairie de Bourgneuf, sur rendez-vous.",
            "Ordures ménagères : collecte le mardi matin. Encombrants : sur inscription en mairie, deux fois par an.",
            "Bibliobus : le premier jeudi du mois sur la place.",
        ],
        {"listes-electorales": 1, "titres-identite": 1, "encombrants": 1},
        {"layout": V},
    ),
    (
        "espace-citoyens",
        "Espace Citoyens : vos démarches 24 h/24",
        [
            "Créez votre compte famille dans l'Espace Citoyens et faites vos démarches sans vous déplacer.",
            "Depuis votre espace, vous pouvez inscrire vos enfants à la cantine et à l'accueil de loisirs, réserver les jours de présence, payer vos factures par carte bancaire et demander un acte d'état civil.",
            f"[[Se connecter à l'Espace Citoyens|{EC}/Home/Logon]]",
        ],
        {"periscolaire": 3, "accueil-loisirs": 3, "paiement-famille": 4, "actes-etat-civil": 3},
        {"layout": G},
    ),
    (
        "police-municipale/arrete-stationnement",
        "Arrêté de stationnement",
        [
            "Pour un déménagement, une livraison ou des travaux, vous pouvez demander la réservation d'emplacements de stationnement sur la voie publique.",
            "Envoyez votre demande par mail à police.municipale@lavaur-le-comtal.fr au moins huit jours avant, en indiquant l'adresse, les dates et le nombre de places.",
        ],
        {"domaine-public": 2},
        {"text": True, "layout": C},
    ),
    (
        "demarches/petite-enfance/preinscription",
        "Trouver un mode d'accueil pour son enfant",
        [
            "Crèche, assistante maternelle, garde à domicile : le Relais Petite Enfance vous présente les solutions d'accueil et vous aide à choisir.",
            "La pré-inscription en crèche se fait lors d'un rendez-vous avec le Relais, à prendre par téléphone au 01 00 00 00 40.",
        ],
        {"petite-enfance": 1},
        {"layout": G},
    ),
    (
        "enfance/accueil-periscolaire",
        "Accueil périscolaire",
        [
            '<div class="accordion"><h3 class="accordion__title"><button aria-expanded="false">Horaires</button></h3><div class="accordion__panel"><p>Le matin de 7 h 30 à 8 h 30, le soir de 16 h 30 à 18 h 30.</p></div><h3 class="accordion__title"><button aria-expanded="true">Inscription</button></h3><div class="accordion__panel"><p>L\'inscription à l\'accueil du matin et du soir se fait par le <a href="/formulaires/inscription-periscolaire">formulaire en ligne</a>, au plus tard une semaine avant le premier jour.</p></div></div>',
        ],
        {"periscolaire": 3},
        {"layout": GI},
    ),
    (
        "etat-civil/demande-acte",
        "Demande d'acte de naissance, de mariage ou de décès",
        [
            "Pour les événements survenus dans l'une des communes de l'intercommunalité, la demande peut se faire en ligne.",
            "[[Formulaire de demande d'acte|/demarches/etat-civil/formulaire-acte]]",
            "L'acte est envoyé par courrier sous une semaine.",
        ],
        {"actes-etat-civil": 3},
        {"layout": C},
    ),
    (
        "citoyennete/liste-electorale",
        "Liste électorale",
        [
            "Vous pouvez vérifier votre inscription et connaître votre bureau de vote sur service-public.fr, rubrique « Interroger sa situation électorale ».",
            "Si vous n'êtes pas inscrit, présentez-vous au service élections de la mairie avec une pièce d'identité et un justificatif de domicile.",
        ],
        {"listes-electorales": 1},
        {"text": True, "layout": GI},
    ),
    (
        "recensement",
        "Recensement militaire",
        [
            "Les jeunes de 16 ans doivent se faire recenser. Remplissez le [[formulaire de recensement (PDF)|/docs/formulaire-recensement.pdf]] et déposez-le en mairie avec une copie de votre carte d'identité.",
        ],
        {"recensement-citoyen": 2},
        {"layout": V},
    ),
    (
        "enfance/centre-de-loisirs",
        "Centre de loisirs intercommunal",
        [
            "Le centre de loisirs accueille les enfants de 3 à 11 ans les mercredis et pendant les vacances scolaires.",
            "Le [[dossier unique d'inscription (PDF)|/docs/dossier-unique-alsh.pdf]] est à déposer au service enfance. Ensuite, les réservations pour les vacances se font par mail à alsh@lavaur-le-comtal.fr.",
        ],
        {"accueil-loisirs": 2},
        {"layout": C},
    ),
]
