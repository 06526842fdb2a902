"""A second batch of free-form pages, written after the detector was tuned on the first.

Their first measurement (before any change to the detector) is reported in docs/CHANGELOG-detection.md
as the held-out figure. Format as in pages_special.py.
"""

# Hand-written prose: one paragraph per line reads better than wrapped strings.
# ruff: noqa: E501

from __future__ import annotations

SP = "https://www.service-public.fr/particuliers/vosdroits"

HOLDOUT: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]] = [
    (
        "mairie/etat-civil/naissance",
        "Naissance",
        [
            "La déclaration de naissance est obligatoire dans les cinq jours qui suivent l'accouchement. Elle est faite par le père ou par toute personne ayant assisté à l'accouchement, à la mairie du lieu de naissance.",
            "Besoin d'un extrait ou d'une copie de votre acte de naissance ? Faites votre demande via le formulaire en ligne de service-public.fr, ou écrivez-nous en précisant votre filiation.",
        ],
        {"actes-etat-civil": 3},
        {},
    ),
    (
        "services/etat-civil/mariage",
        "Se marier à Port-Marin",
        [
            "Le dossier de mariage est à retirer auprès du service état civil au moins trois mois avant la date envisagée. Les futurs époux sont reçus ensemble, sur rendez-vous.",
            "Après la cérémonie, le livret de famille vous est remis. Les copies de l'acte de mariage se demandent ensuite au service état civil.",
        ],
        {"actes-etat-civil": 1},
        {},
    ),
    (
        "vie-citoyenne/inscription-electorale",
        "Je m'inscris sur les listes électorales",
        [
            "Vous pouvez déposer votre demande d'inscription : en mairie ; par courrier, en joignant le formulaire cerfa n°12669*03 disponible en téléchargement ; ou directement par internet.",
            "[[Télécharger le cerfa 12669|/docs/cerfa_12669.pdf]] · [[S'inscrire en ligne|"
            + SP
            + "/R16396]]",
        ],
        {"listes-electorales": 3},
        {},
    ),
    (
        "jeunesse/recensement",
        "Recensement des jeunes",
        [
            "Filles et garçons de nationalité française doivent se faire recenser à la mairie de leur domicile à partir de leurs 16 ans.",
            "Documents à présenter : pièce d'identité du jeune, livret de famille. L'attestation est remise immédiatement.",
            "Pour les communes disposant du service, le recensement est également possible en ligne : ce n'est pas encore le cas à Port-Marin.",
        ],
        {"recensement-citoyen": 1},
        {},
    ),
    (
        "demarches/titres",
        "Carte d'identité, passeport : prenez rendez-vous",
        [
            "La mairie reçoit les demandes de titres d'identité uniquement sur rendez-vous.",
            "Réservez votre créneau directement en ligne, 24 h/24 : [[Prendre rendez-vous|https://www.rdv360.com/mairie-de-port-marin]]",
            "Avant le rendez-vous, effectuez votre pré-demande sur le site de l'ANTS et imprimez le récapitulatif.",
        ],
        {"titres-identite": 3},
        {},
    ),
    (
        "education/inscription",
        "Scolarité : inscriptions pour la rentrée",
        [
            "Les inscriptions scolaires pour les enfants nés en 2023 ont lieu du 6 janvier au 28 février.",
            "Le dossier est téléchargeable ci-dessous. Il est à retourner complété au guichet unique, accompagné des pièces justificatives.",
            "[[Dossier d'inscription scolaire 2026-2027|/uploads/education/dossier-inscription-scolaire.pdf]]",
        ],
        {"inscription-scolaire": 2},
        {},
    ),
    (
        "education/periscolaire",
        "Temps périscolaires",
        [
            "Accueil du matin, pause méridienne, accueil du soir : votre enfant est pris en charge par des animateurs qualifiés.",
            "Inscriptions et modifications de réservations se font dans l'Espace Famille, au plus tard le mercredi précédent. Le paiement en ligne de vos factures y est également disponible.",
        ],
        {"periscolaire": 3, "paiement-famille": 4},
        {},
    ),
    (
        "enfance/petite-enfance/creches",
        "Les crèches municipales",
        [
            "Quatre établissements d'accueil du jeune enfant accueillent 160 enfants de 2 mois et demi à 3 ans.",
            "Pour faire une demande de place, prenez rendez-vous avec le relais petite enfance qui vous aidera à remplir votre dossier de pré-inscription.",
        ],
        {"petite-enfance": 1},
        {},
    ),
    (
        "enfance/petite-enfance/pre-inscription",
        "Pré-inscription en crèche",
        [
            "Complétez le formulaire de pré-inscription ci-dessous. Vous recevrez un accusé de réception par courriel, puis la décision de la commission d'attribution.",
            "{{form:8}}",
        ],
        {"petite-enfance": 3},
        {},
    ),
    (
        "jeunesse/alsh",
        "ALSH Les Tilleuls",
        [
            "L'accueil de loisirs sans hébergement Les Tilleuls est ouvert aux enfants de 3 à 11 ans les mercredis et pendant les vacances scolaires (fermé à Noël).",
            "Les inscriptions se font par e-mail à alsh@port-marin.fr, en indiquant les jours souhaités, au plus tard dix jours avant.",
        ],
        {"accueil-loisirs": 2},
        {},
    ),
    (
        "urbanisme/certificat",
        "Certificat d'urbanisme",
        [
            "Le certificat d'urbanisme indique les règles d'urbanisme applicables à un terrain. Il est gratuit.",
            "La demande s'effectue avec le formulaire cerfa n°13410, à télécharger sur service-public.fr et à déposer en deux exemplaires en mairie.",
        ],
        {"urbanisme": 2},
        {},
    ),
    (
        "urbanisme/permis-en-ligne",
        "Permis de construire en ligne",
        [
            "Particuliers et professionnels peuvent déposer leurs demandes d'autorisation d'urbanisme de façon dématérialisée sur la plateforme de l'agglomération.",
            "Vous recevez un accusé d'enregistrement électronique et pouvez suivre l'avancement de l'instruction en ligne.",
            "[[Plateforme des autorisations d'urbanisme|https://urbanisme.agglo-portmarin.fr/guichet]]",
        ],
        {"urbanisme": 4},
        {},
    ),
    (
        "voirie/occupation",
        "Occupation temporaire du domaine public",
        [
            "Benne, échafaudage, nacelle, déménagement : toute occupation du trottoir ou de la chaussée nécessite une autorisation.",
            "Envoyez le formulaire ci-joint au service voirie au moins 15 jours avant : [[formulaire d'occupation du domaine public (PDF)|/voirie/formulaire-odp.pdf]]",
        ],
        {"domaine-public": 2},
        {},
    ),
    (
        "voirie/occupation-en-ligne",
        "Demande d'autorisation de voirie",
        [
            "Remplissez votre demande d'occupation du domaine public en ligne et réglez la redevance par carte bancaire à la validation. L'arrêté vous est transmis par courriel.",
            "[[Accéder au formulaire|https://demarches.port-marin.fr/voirie/occupation/]]",
        ],
        {"domaine-public": 4},
        {},
    ),
    (
        "cadre-de-vie/signalement",
        "Signalements",
        [
            "Pour signaler un problème sur l'espace public (éclairage, voirie, propreté), contactez le centre technique municipal au 02 99 00 00 00 ou présentez-vous à l'accueil de la mairie.",
        ],
        {"signalement": 1},
        {},
    ),
    (
        "application-mobile",
        "L'application mobile de la ville",
        [
            "Téléchargez l'application Port-Marin dans votre magasin d'applications. Actualités, agenda, menus de la cantine…",
            "Et grâce à la rubrique « Signaler », envoyez en deux clics un signalement géolocalisé avec photo ; vous suivez son traitement depuis l'application.",
        ],
        {"signalement": 4},
        {},
    ),
    (
        "stationnement/residents",
        "Stationnement des résidents",
        [
            "Le macaron résident permet de stationner dans votre secteur pour 1 € par jour.",
            "Pour l'obtenir, présentez-vous à la police municipale avec votre certificat d'immatriculation et un justificatif de domicile.",
        ],
        {"stationnement-resident": 1},
        {},
    ),
    (
        "environnement/encombrants",
        "Les encombrants",
        [
            "Une collecte des encombrants a lieu le premier lundi de chaque mois, sans inscription : sortez vos objets la veille au soir.",
            "Pour les objets très volumineux, la déchèterie intercommunale est ouverte du mardi au samedi.",
        ],
        {"encombrants": 1},
        {},
    ),
    (
        "environnement/encombrants-demande",
        "Enlèvement des encombrants à domicile",
        [
            "Remplissez le formulaire en ligne : un agent vous recontacte pour fixer la date de passage.",
            "{{form:5}}",
        ],
        {"encombrants": 3},
        {"text": False},
    ),
    (
        "police/perdu",
        "Perdu, trouvé",
        [
            "Les objets trouvés sont rapportés au poste de police municipale. Vous pouvez consulter la liste des objets trouvés en ligne et envoyer une déclaration de perte par e-mail.",
        ],
        {"objets-trouves": 2},
        {},
    ),
    (
        "culture/mediatheque/inscription",
        "S'inscrire à la médiathèque",
        [
            "L'inscription est gratuite pour tous. Pré-inscrivez-vous en ligne : votre carte sera prête à votre prochaine visite.",
            "Depuis votre espace lecteur, vous pouvez réserver, prolonger et suivre vos prêts.",
        ],
        {"bibliotheque": 4},
        {"text": True},
    ),
    (
        "solidarite/logement",
        "Logement social",
        [
            "Le logement social est attribué par les bailleurs après examen en commission.",
            "Le dépôt de la demande se fait sur le site national www.demande-logement-social.gouv.fr ; une fois enregistrée, vous recevez par courriel votre numéro unique et pouvez suivre votre dossier en ligne.",
        ],
        {"logement-social": 4},
        {"text": True},
    ),
    (
        "vie-associative/aides",
        "Aides aux associations",
        [
            "Pour obtenir une subvention, l'association doit remplir le dossier unique de demande de subvention (cerfa n° 12156) et l'envoyer par courriel à vie.associative@port-marin.fr avant le 30 septembre.",
        ],
        {"subventions-associations": 2},
        {},
    ),
    (
        "actualites/conseil-enfants",
        "Élections du conseil municipal des enfants",
        [
            "Les élèves de CM1 et CM2 des écoles élémentaires ont élu leurs 29 conseillers. Bravo aux nouveaux élus, qui se réuniront pour la première fois le 15 novembre.",
        ],
        {},
        {},
    ),
    (
        "actualites/cantine-bio",
        "Plus de bio à la cantine",
        [
            "Depuis septembre, 40 % des produits servis dans les restaurants scolaires sont bio ou labellisés. Les menus sont affichés dans les écoles.",
        ],
        {},
        {},
    ),
    (
        "tarifs",
        "Tarifs municipaux 2026",
        [
            "Restauration scolaire : de 0,90 € à 4,80 €. Accueil périscolaire : de 0,50 € à 2,10 € la demi-heure. Abonnement médiathèque : gratuit. Occupation du domaine public : 1,20 € le m² par jour.",
            "[[Délibération fixant les tarifs (PDF)|/deliberations/tarifs-2026.pdf]]",
        ],
        {},
        {},
    ),
]
