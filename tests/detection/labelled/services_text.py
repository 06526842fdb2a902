"""Hand-written descriptions of the 18 services, in the manner of French municipal pages.

Written for barometre's labelled set (not copied from any site). Each service has several
titles, URL slugs and paragraphs so that composed pages vary in wording.
"""

# Hand-written prose and HTML shells: one sentence or block per line reads better than wrapped
# strings, so the line-length rule is off for this data file.
# ruff: noqa: E501

from __future__ import annotations

SERVICES: dict[str, dict[str, list[str]]] = {
    "actes-etat-civil": {
        "titles": [
            "Actes d'état civil",
            "Demander un acte de naissance",
            "Copie ou extrait d'acte (naissance, mariage, décès)",
            "État civil : obtenir un acte",
        ],
        "slugs": [
            "etat-civil/actes",
            "demarches/acte-de-naissance",
            "vie-pratique/etat-civil/demande-d-actes",
            "services/etat-civil",
        ],
        "paras": [
            "Le service de l'état civil délivre les copies intégrales et les extraits des actes de naissance, de mariage et de décès dressés dans la commune. La délivrance est gratuite.",
            "Seuls les actes des événements survenus sur le territoire communal peuvent être demandés en mairie. Pour un acte établi à l'étranger, adressez-vous au Service central d'état civil de Nantes.",
            "Précisez les nom, prénoms et date de l'acte, ainsi que la filiation complète pour une copie intégrale. Les extraits sans filiation peuvent être demandés par toute personne.",
            "Le délai de traitement est d'environ une semaine. L'acte vous est adressé par voie postale à l'adresse indiquée.",
        ],
    },
    "listes-electorales": {
        "titles": [
            "Inscription sur les listes électorales",
            "S'inscrire pour voter",
            "Élections : inscription sur la liste électorale",
            "Listes électorales",
        ],
        "slugs": [
            "citoyennete/elections/inscription",
            "demarches/listes-electorales",
            "vie-municipale/elections",
            "inscription-liste-electorale",
        ],
        "paras": [
            "Pour voter, il faut être inscrit sur les listes électorales de la commune. L'inscription est possible toute l'année, et jusqu'au sixième vendredi précédant un scrutin.",
            "Les jeunes qui atteignent 18 ans sont inscrits d'office s'ils ont effectué leur recensement citoyen. En cas de déménagement, même dans la commune, pensez à signaler votre nouvelle adresse.",
            "Pièces à fournir : une pièce d'identité en cours de validité et un justificatif de domicile de moins de trois mois.",
            "Vous pouvez vérifier votre situation électorale et connaître votre bureau de vote sur le site de l'administration.",
        ],
    },
    "recensement-citoyen": {
        "titles": [
            "Recensement citoyen obligatoire",
            "Recensement à 16 ans",
            "Le recensement citoyen (ex-recensement militaire)",
            "Se faire recenser à 16 ans",
        ],
        "slugs": [
            "citoyennete/recensement-citoyen",
            "demarches/recensement-militaire",
            "jeunesse/recensement-16-ans",
            "recensement-citoyen-obligatoire",
        ],
        "paras": [
            "Tout jeune de nationalité française doit se faire recenser entre le jour de ses 16 ans et la fin du troisième mois qui suit. Le recensement permet d'être convoqué à la journée défense et citoyenneté (JDC).",
            "L'attestation de recensement est demandée pour s'inscrire aux examens et concours soumis au contrôle de l'autorité publique (baccalauréat, permis de conduire) avant 18 ans.",
            "Le jeune peut faire la démarche lui-même ou se faire représenter par l'un de ses parents. Munissez-vous du livret de famille et d'une pièce d'identité.",
        ],
    },
    "titres-identite": {
        "titles": [
            "Carte nationale d'identité et passeport",
            "Passeport et carte d'identité",
            "Titres d'identité : CNI et passeports",
            "Faire sa carte d'identité",
        ],
        "slugs": [
            "demarches/carte-identite-passeport",
            "etat-civil/cni-passeport",
            "titres-identite",
            "vos-demarches/passeport",
        ],
        "paras": [
            "La demande de carte nationale d'identité ou de passeport se fait dans une mairie équipée d'un dispositif de recueil des empreintes, quel que soit votre lieu de domicile.",
            "La présence du demandeur est obligatoire lors du dépôt du dossier, pour la prise des empreintes digitales, ainsi qu'au retrait du titre pour les personnes de plus de 12 ans.",
            "Le délai d'obtention varie selon la période de l'année : anticipez vos démarches avant les vacances d'été. La carte d'identité est gratuite, sauf en cas de perte ou de vol.",
            "Pièces à fournir : une photo d'identité récente, un justificatif de domicile, l'ancien titre le cas échéant et un timbre fiscal pour le passeport.",
        ],
    },
    "inscription-scolaire": {
        "titles": [
            "Inscription scolaire",
            "Inscriptions à l'école maternelle et élémentaire",
            "Rentrée scolaire : inscrire son enfant à l'école",
            "Première inscription à l'école",
        ],
        "slugs": [
            "education/inscription-scolaire",
            "enfance/inscriptions-scolaires",
            "ecoles/inscrire-mon-enfant",
            "famille/scolarite/inscription",
        ],
        "paras": [
            "L'inscription à l'école maternelle ou élémentaire se fait d'abord auprès de la mairie, qui délivre un certificat d'inscription, puis auprès du directeur de l'école.",
            "Sont concernés les enfants qui entrent en petite section, les nouveaux arrivants dans la commune et les enfants qui passent en CP dans une autre école.",
            "L'école d'affectation dépend de votre adresse (secteur scolaire). Une demande de dérogation peut être étudiée pour des motifs précis.",
            "Justificatifs : livret de famille, justificatif de domicile récent et carnet de santé avec les vaccinations à jour.",
        ],
    },
    "periscolaire": {
        "titles": [
            "Restauration scolaire et accueil périscolaire",
            "La cantine et la garderie",
            "Accueil périscolaire du matin et du soir",
            "Restauration scolaire",
        ],
        "slugs": [
            "enfance/restauration-scolaire",
            "education/periscolaire",
            "famille/cantine-garderie",
            "ecoles/temps-periscolaires",
        ],
        "paras": [
            "Les restaurants scolaires accueillent les enfants des écoles maternelles et élémentaires pendant la pause méridienne. Les menus sont élaborés par une diététicienne.",
            "L'accueil périscolaire fonctionne dans chaque école de 7 h 30 à 8 h 30 et de 16 h 30 à 18 h 30, encadré par des animateurs diplômés.",
            "Les tarifs de la cantine et de la garderie sont calculés selon le quotient familial. Toute absence non signalée 48 heures à l'avance est facturée.",
            "Un enfant ne peut être accueilli à la cantine ou à la garderie que si son dossier d'inscription annuel est complet.",
        ],
    },
    "paiement-famille": {
        "titles": [
            "Payer vos factures",
            "Paiement des factures enfance",
            "Régler ses factures famille",
            "Facturation des services à la famille",
        ],
        "slugs": [
            "famille/paiement-factures",
            "enfance/facturation",
            "payer-mes-factures",
            "vie-pratique/regler-ses-factures",
        ],
        "paras": [
            "La cantine, la garderie, l'accueil de loisirs et la crèche font l'objet d'une facture unique mensuelle, envoyée au début du mois suivant.",
            "Plusieurs moyens de paiement sont acceptés : prélèvement automatique, chèque à l'ordre du Trésor public, espèces ou carte bancaire à la régie.",
            "En cas de difficulté de paiement, n'hésitez pas à contacter le centre communal d'action sociale, qui peut étudier votre situation.",
            "Le règlement doit intervenir avant la date limite indiquée sur la facture ; passé ce délai, le recouvrement est confié au Trésor public.",
        ],
    },
    "petite-enfance": {
        "titles": [
            "Crèches et multi-accueils",
            "Demande de place en crèche",
            "Petite enfance : les modes de garde",
            "Pré-inscription en crèche",
        ],
        "slugs": [
            "petite-enfance/creches",
            "famille/petite-enfance/inscription-creche",
            "enfance/modes-de-garde",
            "creche-multi-accueil",
        ],
        "paras": [
            "La ville gère trois multi-accueils qui accueillent les enfants de 10 semaines à 3 ans, en accueil régulier ou occasionnel.",
            "Les places sont attribuées par une commission d'attribution qui se réunit deux fois par an, au printemps et à l'automne.",
            "Le relais petite enfance informe les familles sur l'ensemble des modes de garde, dont les assistantes maternelles agréées de la commune.",
            "La participation des familles est calculée selon le barème national de la CAF, en fonction des ressources et du nombre d'enfants.",
        ],
    },
    "accueil-loisirs": {
        "titles": [
            "Accueil de loisirs",
            "Centre de loisirs : mercredis et vacances",
            "Inscriptions aux accueils de loisirs",
            "Vacances scolaires : l'ALSH",
        ],
        "slugs": [
            "enfance/accueil-de-loisirs",
            "jeunesse/centre-de-loisirs",
            "famille/alsh-vacances",
            "loisirs/accueils-de-loisirs",
        ],
        "paras": [
            "Les accueils de loisirs sans hébergement (ALSH) accueillent les enfants de 3 à 12 ans les mercredis et pendant les vacances scolaires, de 7 h 30 à 18 h 30.",
            "Des animateurs proposent des activités sportives, culturelles et de plein air, ainsi que des sorties à la journée.",
            "Les réservations pour les vacances ouvrent trois semaines avant chaque période. Le nombre de places est limité.",
            "Le tarif à la journée dépend du quotient familial et comprend le repas et le goûter.",
        ],
    },
    "urbanisme": {
        "titles": [
            "Autorisations d'urbanisme",
            "Permis de construire et déclaration préalable",
            "Urbanisme : déposer une demande",
            "Vos travaux : quelle autorisation ?",
        ],
        "slugs": [
            "urbanisme/autorisations",
            "cadre-de-vie/urbanisme/permis-de-construire",
            "urbanisme/declaration-prealable",
            "amenagement/autorisations-d-urbanisme",
        ],
        "paras": [
            "Avant d'entreprendre des travaux, renseignez-vous sur l'autorisation nécessaire : déclaration préalable pour une extension de moins de 20 m², un abri de jardin ou un ravalement, permis de construire au-delà.",
            "Le délai d'instruction est d'un mois pour une déclaration préalable et de deux mois pour le permis de construire d'une maison individuelle.",
            "Les projets doivent respecter le plan local d'urbanisme (PLU), consultable en mairie et sur le géoportail de l'urbanisme.",
            "À l'achèvement des travaux, la déclaration attestant l'achèvement et la conformité des travaux (DAACT) doit être adressée à la mairie.",
        ],
    },
    "domaine-public": {
        "titles": [
            "Occupation du domaine public",
            "Déménagement, travaux : occuper la voie publique",
            "Demande d'arrêté de stationnement",
            "Terrasses et étalages",
        ],
        "slugs": [
            "voirie/occupation-du-domaine-public",
            "demarches/arrete-de-stationnement",
            "cadre-de-vie/autorisation-de-voirie",
            "commerce/terrasses",
        ],
        "paras": [
            "Toute occupation temporaire de la voie publique (benne, échafaudage, camion de déménagement, dépôt de matériaux) est soumise à une autorisation préalable de la ville.",
            "La demande doit être déposée au moins quinze jours avant la date prévue, en précisant l'adresse, la durée et l'emprise sur le trottoir ou la chaussée.",
            "L'occupation du domaine public donne lieu au paiement d'une redevance, dont le montant est fixé chaque année par délibération du conseil municipal.",
            "Les commerçants qui souhaitent installer une terrasse ou un étalage doivent obtenir un permis de stationnement renouvelable chaque année.",
        ],
    },
    "signalement": {
        "titles": [
            "Signaler un problème sur l'espace public",
            "Signalement : voirie, propreté, éclairage",
            "Un problème dans votre rue ? Signalez-le",
            "Signaler une anomalie",
        ],
        "slugs": [
            "cadre-de-vie/signaler-un-probleme",
            "voirie/signalement",
            "proprete/signaler",
            "services/signalements",
        ],
        "paras": [
            "Nid de poule, lampadaire en panne, dépôt sauvage, tag sur un mur : les services techniques interviennent dès qu'un problème leur est signalé.",
            "Précisez l'adresse exacte ou un repère proche, et joignez si possible une photo. Chaque signalement est transmis au service compétent.",
            "En cas de danger immédiat sur la voie publique, appelez la police municipale ou, la nuit, le numéro d'astreinte.",
        ],
    },
    "stationnement-resident": {
        "titles": [
            "Stationnement résidentiel",
            "Carte de stationnement résident",
            "Obtenir sa vignette résident",
            "Le tarif résident",
        ],
        "slugs": [
            "mobilite/stationnement-residentiel",
            "stationnement/carte-resident",
            "deplacements/stationnement-resident",
            "vignette-resident",
        ],
        "paras": [
            "Les habitants des zones de stationnement payant peuvent bénéficier du tarif résident, dans la limite d'un véhicule par foyer, à proximité de leur domicile.",
            "L'abonnement résident est valable un an. Il est accordé sur présentation de la carte grise du véhicule à l'adresse du domicile et d'un justificatif de domicile.",
            "Le tarif résident est de 20 euros par mois ou 180 euros par an. Les véhicules de société mis à disposition sont acceptés sur attestation de l'employeur.",
        ],
    },
    "encombrants": {
        "titles": [
            "Collecte des encombrants",
            "Enlèvement des encombrants",
            "Objets volumineux : la collecte à domicile",
            "Les encombrants",
        ],
        "slugs": [
            "dechets/encombrants",
            "cadre-de-vie/collecte-des-encombrants",
            "proprete/encombrants",
            "environnement/dechets-volumineux",
        ],
        "paras": [
            "Les encombrants sont des objets volumineux qui ne peuvent pas être jetés dans les bacs : mobilier, literie, gros électroménager.",
            "La collecte a lieu sur rendez-vous, devant votre domicile, dans la limite de trois mètres cubes par passage. Les gravats, pneus et déchets dangereux sont refusés.",
            "Les objets doivent être sortis la veille au soir du passage. Vous pouvez aussi les déposer gratuitement en déchèterie.",
        ],
    },
    "objets-trouves": {
        "titles": [
            "Objets trouvés",
            "Vous avez perdu un objet ?",
            "Le service des objets trouvés",
            "Objets perdus et trouvés",
        ],
        "slugs": [
            "vie-pratique/objets-trouves",
            "police-municipale/objets-trouves",
            "services/objets-perdus",
            "objets-trouves",
        ],
        "paras": [
            "Les objets trouvés sur la voie publique et remis à la police municipale sont conservés pendant un an et un jour.",
            "Pour récupérer un objet, présentez une pièce d'identité et tout élément prouvant que vous en êtes le propriétaire (facture, description précise).",
            "Les papiers d'identité trouvés sont transmis à la préfecture ou au consulat. Les clés et téléphones sont les objets les plus souvent rapportés.",
        ],
    },
    "bibliotheque": {
        "titles": [
            "La médiathèque",
            "Bibliothèque municipale : s'inscrire et emprunter",
            "Médiathèque : inscription et réservations",
            "Emprunter à la bibliothèque",
        ],
        "slugs": [
            "culture/mediatheque",
            "culture/bibliotheque/inscription",
            "mediatheque/emprunter",
            "loisirs/bibliotheque-municipale",
        ],
        "paras": [
            "La médiathèque propose plus de 40 000 documents : livres, BD, revues, CD, DVD et jeux vidéo. L'inscription est gratuite pour les habitants de la commune.",
            "Avec votre carte, vous pouvez emprunter jusqu'à 10 documents pour trois semaines. Une prolongation est possible si le document n'est pas réservé.",
            "Horaires : mardi et vendredi de 14 h à 19 h, mercredi et samedi de 10 h à 18 h.",
            "L'inscription se fait sur présentation d'une pièce d'identité et d'un justificatif de domicile ; les mineurs doivent présenter une autorisation parentale.",
        ],
    },
    "logement-social": {
        "titles": [
            "Demande de logement social",
            "Logement social : comment faire une demande ?",
            "Le logement aidé",
            "Déposer une demande de logement",
        ],
        "slugs": [
            "solidarite/logement-social",
            "logement/demande-de-logement",
            "ccas/logement",
            "habitat/logement-social",
        ],
        "paras": [
            "Pour obtenir un logement social, il faut déposer une demande qui reçoit un numéro unique d'enregistrement, valable un an et renouvelable.",
            "La demande est examinée par les commissions d'attribution des bailleurs sociaux présents sur la commune, en fonction de la composition du foyer et des ressources.",
            "Le service logement du CCAS vous reçoit pour vous aider à constituer votre dossier et à le mettre à jour.",
            "Pensez à renouveler votre demande chaque année avant sa date anniversaire, faute de quoi elle sera radiée.",
        ],
    },
    "subventions-associations": {
        "titles": [
            "Subventions aux associations",
            "Demande de subvention",
            "Associations : demander une subvention municipale",
            "Soutien aux associations",
        ],
        "slugs": [
            "associations/subventions",
            "vie-associative/demande-de-subvention",
            "associations/soutien",
            "vie-associative/subventions",
        ],
        "paras": [
            "La ville soutient les associations qui contribuent à l'animation locale par des subventions de fonctionnement ou des aides à projet.",
            "Les demandes de subvention pour l'année suivante sont à déposer avant le 31 octobre. Elles sont examinées en commission puis votées par le conseil municipal.",
            "Le dossier comprend le budget prévisionnel, le dernier bilan financier approuvé et le rapport d'activité de l'association.",
            "Seules les associations déclarées depuis au moins un an et dont le siège est dans la commune peuvent prétendre à une subvention.",
        ],
    },
}

# One sentence per service that names it in passing, for "see also" lines on other pages.
MENTIONS: dict[str, str] = {
    "actes-etat-civil": "Pour un acte de naissance, consultez la rubrique dédiée.",
    "listes-electorales": "Rappel : pensez aussi à vérifier votre inscription sur les listes électorales.",
    "recensement-citoyen": "Votre enfant a 16 ans ? N'oubliez pas le recensement citoyen.",
    "titres-identite": "Munissez-vous de votre carte d'identité lors du rendez-vous.",
    "inscription-scolaire": "Les dates de la rentrée scolaire sont publiées sur le site de l'académie.",
    "periscolaire": "Les menus de la cantine sont affichés à l'entrée de chaque école.",
    "paiement-famille": "Les tarifs figurent sur votre facture.",
    "petite-enfance": "Voir aussi la page consacrée à la petite enfance.",
    "accueil-loisirs": "Le programme du centre de loisirs est disponible à l'accueil.",
    "urbanisme": "Si vos travaux modifient la façade, une déclaration préalable peut être nécessaire.",
    "domaine-public": "En cas de déménagement, prévoyez un emplacement pour le camion.",
    "signalement": "Les agents de la propreté passent chaque matin.",
    "stationnement-resident": "Le stationnement résidentiel est traité sur une autre page.",
    "encombrants": "Les encombrants ne sont pas acceptés dans les bacs.",
    "objets-trouves": "Les objets trouvés sont déposés au poste de police.",
    "bibliotheque": "La médiathèque est ouverte le samedi.",
    "logement-social": "Le CCAS accompagne aussi les demandes de logement social.",
    "subventions-associations": "Le forum des associations a lieu en septembre.",
}
