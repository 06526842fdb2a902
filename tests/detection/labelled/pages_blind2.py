"""The `blind2` batch: 28 free-form pages written after the fixes made for `wild`, labelled
before the detector was run on them, measured once and never tuned on (docs/CHANGELOG-detection.md).

Each entry: (slug, title, body paragraphs, labels, options); options as in wild_layouts.py.
"""

# Hand-written prose: one paragraph per line reads better than wrapped strings.
# ruff: noqa: E501

from __future__ import annotations

SP = "https://www.service-public.fr/particuliers/vosdroits"
G, GI, V, C = "grande-ville", "grande-ville-inline", "village", "intercommunal"

BLIND2: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]] = [
    (
        "vie-pratique/deces",
        "Déclarer un décès et obtenir l'acte",
        [
            "La déclaration de décès est faite dans les 24 heures, le plus souvent par l'entreprise de pompes funèbres.",
            "Les proches peuvent ensuite obtenir des copies de l'acte de décès. La demande s'effectue gratuitement par internet sur le site de l'administration : "
            + f"[[demande d'acte de décès|{SP}/R1406]].",
        ],
        {"actes-etat-civil": 3},
        {"layout": G},
    ),
    (
        "mairie/etat-civil-livret",
        "Livret de famille",
        [
            "Le livret de famille est remis lors du mariage ou à la naissance du premier enfant.",
            "En cas de perte, un duplicata peut être demandé à la mairie du domicile. Remplissez le formulaire sur place ; prévoyez un délai de quatre semaines.",
        ],
        {},
        {"layout": C},
    ),
    (
        "elections/procurations",
        "Voter par procuration",
        [
            "Si vous êtes absent le jour du scrutin, vous pouvez confier votre vote à un autre électeur.",
            "La demande se fait en ligne sur maprocuration.gouv.fr, puis vous devez vous rendre au commissariat ou à la gendarmerie pour vérifier votre identité.",
        ],
        {},
        {"layout": GI},
    ),
    (
        "citoyennete/inscription-listes",
        "S'inscrire pour voter",
        [
            "Vous pouvez vous inscrire toute l'année.",
            "Téléchargez le formulaire cerfa n° 12669 sur service-public.fr et envoyez-le à la mairie par courrier avec vos justificatifs, ou déposez-le au secrétariat.",
        ],
        {"listes-electorales": 2},
        {"text": True, "layout": V},
    ),
    (
        "jeunesse/jdc",
        "Recensement et JDC",
        [
            "À 16 ans, le recensement est obligatoire. Munis-toi de ta pièce d'identité et du livret de famille et viens en mairie : l'attestation t'est remise aussitôt.",
            "Tu seras ensuite convoqué à la Journée défense et citoyenneté.",
        ],
        {"recensement-citoyen": 1},
        {"layout": C},
    ),
    (
        "formalites/passeport",
        "Passeport biométrique",
        [
            "Le passeport est valable dix ans pour un adulte et cinq ans pour un mineur.",
            "Le dépôt du dossier se fait sur rendez-vous, à réserver sur notre agenda en ligne : [[réserver un rendez-vous|https://www.smartagenda.fr/pro/mairie-rochemaure/rendez-vous/]].",
            "Le timbre fiscal peut être acheté en ligne.",
        ],
        {"titres-identite": 3},
        {"layout": G},
    ),
    (
        "carte-identite",
        "Carte nationale d'identité",
        [
            "La mairie du village ne délivre pas les cartes d'identité. Les demandes sont reçues à la mairie du chef-lieu de canton, sur rendez-vous téléphonique.",
        ],
        {"titres-identite": 1},
        {"layout": V},
    ),
    (
        "education/derogation",
        "Demande de dérogation scolaire",
        [
            "Chaque adresse dépend d'une école de secteur. Pour scolariser votre enfant dans une autre école, une dérogation est nécessaire.",
            "Le [[formulaire de demande de dérogation (PDF)|/docs/derogation-scolaire.pdf]] est à retourner au service éducation avant le 15 avril, par courrier ou à l'accueil.",
            "La commission rend sa décision en mai.",
        ],
        {"inscription-scolaire": 2},
        {"layout": GI},
    ),
    (
        "enfance/restauration",
        "Restaurant scolaire",
        [
            "Les menus sont élaborés par une diététicienne et affichés chaque semaine.",
            "L'inscription et les réservations de repas se font sur le portail Berger-Levrault de la commune : [[mon portail famille|https://portail.berger-levrault.fr/MairieLavaur/accueil]]. Les factures y sont réglables par carte bancaire.",
        ],
        {"periscolaire": 3, "paiement-famille": 4},
        {"layout": C},
    ),
    (
        "famille/facturation",
        "Facturation des services à l'enfance",
        [
            "Une facture regroupant la cantine, la garderie et le centre de loisirs vous est adressée au début de chaque mois.",
            "Vous pouvez la régler à la régie centrale en espèces ou par chèque, ou opter pour le prélèvement automatique en remplissant le [[mandat de prélèvement SEPA (PDF)|/docs/mandat-sepa.pdf]].",
        ],
        {"paiement-famille": 2},
        {"layout": G},
    ),
    (
        "petite-enfance/demande-de-place",
        "Demande de place en crèche",
        [
            "Vous attendez un enfant ou souhaitez le faire garder ? Déposez votre demande de place en crèche dès le septième mois de grossesse.",
            "[[Je fais ma demande|https://www.espace-citoyens.net/belcastel/espace-citoyens/Demande/NouvelleDemande/CRECHE]]",
            "Vous pouvez consulter à tout moment l'état de votre demande depuis votre espace citoyen.",
        ],
        {"petite-enfance": 4},
        {"layout": GI},
    ),
    (
        "jeunesse/sejours-ete",
        "Séjours d'été",
        [
            "Cet été, la ville propose trois séjours pour les 8-14 ans : mer, montagne et itinérant à vélo.",
            "Pré-inscription par téléphone au service jeunesse à partir du 5 mai ; le dossier complet est à remettre ensuite sur place.",
        ],
        {"accueil-loisirs": 1},
        {"text": True, "layout": G},
    ),
    (
        "urbanisme/certificat-et-permis",
        "Certificat d'urbanisme, permis : déposer en ligne",
        [
            "Toutes les demandes d'autorisation d'urbanisme peuvent être transmises par voie électronique, gratuitement, via le portail de l'agglomération.",
            "[[Accéder au guichet numérique|https://sve.sirap.fr/#/077123/connexion]]",
            "Une fois connecté, vous suivez l'état d'avancement de l'instruction et vous recevez l'arrêté par voie électronique.",
        ],
        {"urbanisme": 4},
        {"layout": C},
    ),
    (
        "urbanisme",
        "Urbanisme",
        [
            "Le plan local d'urbanisme intercommunal est consultable en mairie.",
            "Pour vos projets (abri, clôture, extension), venez retirer les imprimés au secrétariat ou téléchargez-les sur [[service-public.fr|https://www.service-public.fr/particuliers/vosdroits/N319]].",
        ],
        {"urbanisme": 2},
        {"layout": V},
    ),
    (
        "voirie/benne-echafaudage",
        "Benne, échafaudage, palissade",
        [
            "Toute installation sur le trottoir ou la chaussée nécessite une permission de voirie.",
            "Adressez votre demande au service voirie via le formulaire ci-dessous, trois semaines avant les travaux.",
            "{{form:6:file}}",
            "L'autorisation vous est adressée par courriel. La redevance fait l'objet d'un titre de recette envoyé par le Trésor public.",
        ],
        {"domaine-public": 4},
        {"layout": G},
    ),
    (
        "cadre-de-vie/signaler",
        "Un souci dans votre rue ?",
        [
            "Chaussée dégradée, éclairage défaillant, tags : utilisez l'application mobile de la ville pour nous signaler le problème, photo à l'appui.",
            "Vous recevez une notification à chaque étape du traitement.",
        ],
        {"signalement": 4},
        {"layout": GI},
    ),
    (
        "signalements",
        "Signalements",
        [
            "Pour signaler un problème sur la voie communale, contactez le secrétariat de mairie par téléphone ou laissez un mot dans la boîte aux lettres.",
        ],
        {"signalement": 1},
        {"layout": V},
    ),
    (
        "stationnement/abonnement-resident",
        "Abonnement résident",
        [
            "Les habitants du centre historique peuvent souscrire un abonnement résident à 15 € par mois.",
            "Envoyez le formulaire de souscription avec vos justificatifs par courriel à stationnement@ville-belcastel.fr. Le paiement se fait ensuite au guichet du parking de l'Hôtel de Ville.",
        ],
        {"stationnement-resident": 2},
        {"text": True, "layout": GI},
    ),
    (
        "dechets/encombrants",
        "Collecte des encombrants sur rendez-vous",
        [
            "La communauté de communes collecte vos encombrants à domicile, une fois par trimestre.",
            "Pour obtenir un passage, remplissez la demande en ligne sur le site de la communauté de communes : [[demande d'enlèvement|https://www.cc-lavaur.fr/demarches/encombrants]]. Un agent vous rappelle pour fixer la date.",
        ],
        {"encombrants": 3},
        {"layout": C},
    ),
    (
        "actualites/collecte-encombrants-mai",
        "Collecte des encombrants : mardi 13 mai",
        [
            "La prochaine collecte des encombrants aura lieu le mardi 13 mai. Sortez vos objets la veille au soir.",
            "Ne sont pas acceptés : gravats, pneus, déchets verts.",
        ],
        {},
        {"layout": G},
    ),
    (
        "police-municipale/objets-trouves",
        "Objets perdus, objets trouvés",
        [
            "Vous avez trouvé un objet ? Rapportez-le au poste de police municipale.",
            "Vous avez perdu un objet ? Consultez la liste des objets trouvés ci-dessous, puis présentez-vous au poste avec un justificatif.",
            "<table><tr><th>Date</th><th>Objet</th><th>Lieu</th></tr><tr><td>02/03</td><td>Portefeuille noir</td><td>Parc Monceau</td></tr><tr><td>05/03</td><td>Vélo enfant</td><td>Gare</td></tr></table>",
        ],
        {"objets-trouves": 1},
        {"layout": G},
    ),
    (
        "mediatheque/mon-compte",
        "Mon compte lecteur",
        [
            "Avec votre numéro de carte et votre mot de passe, accédez à votre compte.",
            "{{form:2:password}}",
            "Vous pourrez voir vos prêts en cours et leur date de retour, prolonger un emprunt et réserver un document.",
        ],
        {"bibliotheque": 4},
        {"layout": C},
    ),
    (
        "culture/bibliotheque-inscription",
        "S'inscrire à la bibliothèque",
        [
            "L'inscription est gratuite pour les moins de 18 ans et coûte 8 € par an pour les adultes.",
            "Vous pouvez vous pré-inscrire en ligne en remplissant le formulaire ci-dessous, puis venir retirer votre carte à l'accueil.",
            "{{form:5}}",
        ],
        {"bibliotheque": 3},
        {"layout": GI},
    ),
    (
        "social/logement-social",
        "Logement social : constituer son dossier",
        [
            "La commune ne gère pas directement l'attribution des logements sociaux : elle siège en commission avec les bailleurs.",
            "Votre demande peut être enregistrée auprès d'un bailleur, du CCAS, ou par internet sur le site national de la demande de logement social. Renouvelez-la chaque année pour ne pas perdre votre ancienneté.",
        ],
        {"logement-social": 3},
        {"text": True, "layout": C},
    ),
    (
        "associations/subventions-2027",
        "Subventions 2027",
        [
            "La campagne de demandes de subvention pour 2027 est ouverte jusqu'au 15 décembre.",
            "Les dossiers se déposent exclusivement sur la plateforme de la ville ; l'association suit l'instruction de sa demande et reçoit la notification d'attribution dans son espace.",
            "[[Déposer un dossier|https://demarches.rochemaure.fr/associations/subvention]]",
        ],
        {"subventions-associations": 4},
        {"layout": G},
    ),
    (
        "associations/salles",
        "Prêt de salles aux associations",
        [
            "La ville met gratuitement à disposition des associations des salles de réunion.",
            "Les réservations se font auprès du service vie associative, par courriel à asso@lavaur-le-comtal.fr.",
        ],
        {},
        {"layout": C},
    ),
    (
        "faq",
        "Questions fréquentes",
        [
            "## Comment obtenir un acte de mariage ?",
            f"Faites la demande sur [[service-public.fr|{SP}/R1406]] ; l'acte vous est envoyé par la poste.",
            "## Où faire ma carte d'identité ?",
            "Au service population, uniquement sur rendez-vous pris par téléphone.",
            "## Comment inscrire mon enfant au centre de loisirs ?",
            "Remplissez la fiche d'inscription disponible à l'accueil de la mairie.",
        ],
        {"actes-etat-civil": 3, "titres-identite": 1, "accueil-loisirs": 1},
        {"layout": GI},
    ),
    (
        "demarches/stationnement-travaux",
        "Réserver une place pour un déménagement",
        [
            "Vous emménagez ou déménagez ? Réservez l'emplacement devant chez vous au moins 15 jours avant.",
            "[[Faire ma demande sur Démarche Numérique|https://demarche.numerique.gouv.fr/commencer/occupation-voirie-rochemaure]]",
            "Les panneaux d'interdiction de stationner sont à retirer au centre technique municipal.",
        ],
        {"domaine-public": 3},
        {"layout": G},
    ),
]
