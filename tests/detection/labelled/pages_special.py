"""Hand-written special pages: hard negatives, news, hubs and pages about several services.

Each entry: (slug, title, body paragraphs in the channel markup, labels, options).
Labels follow the rules in docs/detection-rules.md: a page is about a service when the service is its
subject (title, main heading, URL, a section heading) or when it offers the service's channel
(a sentence or link whose object is the service's procedure); a passing mention is not enough.
"""

# Hand-written prose and HTML shells: one sentence or block per line reads better than wrapped
# strings, so the line-length rule is off for this data file.
# ruff: noqa: E501

from __future__ import annotations

SP = "https://www.service-public.fr/particuliers/vosdroits"
PAYFIP = "https://www.payfip.gouv.fr/tpa/paiementws.web?numcli=012345"
PF = "https://ville-exemple.portail-familles.app/"

SPECIAL: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]] = [
    # --- hard negatives: nothing is about a service --------------------------------------------
    (
        "actualites/fete-de-la-musique-2026",
        "Fête de la musique : le programme",
        [
            "Le 21 juin, la ville vibre au rythme de la musique ! Concerts gratuits place du Marché, dans les jardins de la médiathèque et sur le parvis de l'église.",
            "Attention, la circulation sera interdite dans le centre-ville de 18 h à 1 h. Le stationnement sera réservé aux riverains.",
            "Buvette tenue par les associations de parents d'élèves. Venez nombreux !",
        ],
        {},
        {},
    ),
    (
        "actualites/travaux-rue-jean-jaures",
        "Travaux rue Jean-Jaurès du 3 au 28 mars",
        [
            "Des travaux de réfection de la voirie et de l'éclairage public auront lieu rue Jean-Jaurès. La rue sera barrée entre le n° 12 et le n° 40.",
            "Une déviation est mise en place par l'avenue de la Gare. Les collectes des déchets sont maintenues aux horaires habituels.",
            "Merci de votre compréhension pour la gêne occasionnée.",
        ],
        {},
        {},
    ),
    (
        "agenda/conseil-municipal-12-mars",
        "Conseil municipal du 12 mars",
        [
            "Ordre du jour : approbation du procès-verbal de la séance précédente ; vote du budget primitif ; attribution des subventions aux associations ; tarifs de la restauration scolaire pour l'année 2026-2027 ; convention avec le bailleur social pour la résidence des Tilleuls.",
            "La séance est publique. Elle sera retransmise en direct sur la page Facebook de la ville.",
        ],
        {},
        {},
    ),
    (
        "",
        "Bienvenue sur le site de la ville",
        [
            "Accès rapides : [[Acte de naissance|/etat-civil]] · [[Inscription scolaire|/ecoles]] · [[Crèches|/creches]] · [[Encombrants|/encombrants]] · [[Médiathèque|/mediatheque]] · [[Payer en ligne|https://www.payfip.gouv.fr/tpa/accueilportail.web]] · [[Prendre rendez-vous|https://www.clicrdv.com/mairie-exemple]]",
            "À la une : la patinoire revient sur la place de l'Hôtel de Ville du 6 décembre au 4 janvier.",
            "Le marché de Noël accueille cette année quarante exposants, artisans et producteurs locaux.",
        ],
        {},
        {},
    ),
    (
        "contact",
        "Contacter la mairie",
        [
            "Hôtel de ville, 1 place de la Mairie. Ouvert du lundi au vendredi de 8 h 30 à 17 h 30 et le samedi de 9 h à 12 h.",
            "Pour toute question, utilisez le formulaire de contact ci-dessous. Nous vous répondrons dans les meilleurs délais.",
            "{{form:4}}",
        ],
        {},
        {},
    ),
    (
        "plan-du-site",
        "Plan du site",
        [
            "[[Mairie|/mairie]] – [[Conseil municipal|/conseil]] – [[État civil|/etat-civil]] – [[Élections|/elections]] – [[Écoles|/ecoles]] – [[Cantine|/cantine]] – [[Crèches|/creches]] – [[Urbanisme|/urbanisme]] – [[Voirie|/voirie]] – [[Encombrants|/encombrants]] – [[Médiathèque|/mediatheque]] – [[Logement|/logement]] – [[Associations|/associations]]",
        ],
        {},
        {},
    ),
    (
        "mentions-legales",
        "Mentions légales",
        [
            "Directeur de la publication : le maire. Hébergement : prestataire informatique de la commune.",
            "Conformément au règlement général sur la protection des données, vous disposez d'un droit d'accès et de rectification. Vos demandes peuvent être adressées au délégué à la protection des données.",
        ],
        {},
        {},
    ),
    (
        "offres-emploi/agent-etat-civil",
        "Offre d'emploi : agent d'accueil et d'état civil (H/F)",
        [
            "La ville recrute un agent d'accueil polyvalent pour son service population. Missions : accueil du public, instruction des dossiers de cartes d'identité et de passeports, tenue des registres d'état civil.",
            "Profil : connaissance de la réglementation, sens du service public, discrétion. Candidature (lettre et CV) à adresser avant le 15 avril au service des ressources humaines.",
        ],
        {},
        {},
    ),
    (
        "actualites/resultats-elections",
        "Résultats du second tour",
        [
            "Voici les résultats du second tour des élections municipales, bureau par bureau. La participation s'établit à 52,3 %.",
            "Le nouveau conseil municipal sera installé le vendredi suivant à 19 h.",
        ],
        {},
        {},
    ),
    (
        "actualites/inauguration-creche-les-lutins",
        "Inauguration de la crèche Les Lutins",
        [
            "Samedi, le maire a inauguré la crèche Les Lutins, entièrement rénovée. Les enfants et leurs parents ont découvert les nouveaux espaces de jeu et le jardin sensoriel.",
            "Les travaux, d'un montant de 850 000 euros, ont été financés avec le soutien de la CAF et du département.",
        ],
        {},
        {},
    ),
    (
        "actualites/nouveau-portail",
        "Un nouveau site pour la ville",
        [
            "Plus clair, plus rapide, notre nouveau site internet est en ligne ! Il s'adapte à tous les écrans et facilite l'accès à l'information.",
            "Retrouvez l'actualité, l'agenda des sorties et les comptes rendus du conseil municipal.",
        ],
        {},
        {},
    ),
    (
        "vie-municipale/elus",
        "Vos élus",
        [
            "Le maire et ses adjoints reçoivent sur rendez-vous. Adjointe à l'éducation, à l'enfance et à la restauration scolaire : Mme Martin. Adjoint à l'urbanisme et à la voirie : M. Durand.",
            "Conseillère déléguée à la vie associative et aux subventions : Mme Petit.",
        ],
        {},
        {},
    ),
    # --- news about a service, with its channel: about it ----------------------------------------
    (
        "actualites/inscriptions-scolaires-2026",
        "Inscriptions scolaires 2026-2027 : c'est parti !",
        [
            "Votre enfant est né en 2023 ou vous venez d'emménager ? Les inscriptions scolaires pour la rentrée de septembre sont ouvertes jusqu'au 15 avril.",
            "L'inscription se fait en ligne sur le [[Portail Famille|"
            + PF
            + "]]. Munissez-vous d'un justificatif de domicile numérisé.",
        ],
        {"inscription-scolaire": 3},
        {},
    ),
    (
        "actualites/vacances-ete-alsh",
        "Vacances d'été : réservez le centre de loisirs",
        [
            "Les accueils de loisirs ouvrent du 7 juillet au 29 août. Au programme : sorties à la base nautique, grands jeux et mini-camps.",
            "Les réservations se font en ligne sur l'espace famille jusqu'au 20 juin, et le paiement par carte bancaire en ligne est possible.",
        ],
        {"accueil-loisirs": 4, "paiement-famille": 4},
        {},
    ),
    (
        "actualites/elections-europeennes-inscription",
        "Élections européennes : inscrivez-vous avant le 3 mai",
        [
            "Pour voter aux élections européennes, il faut être inscrit sur les listes électorales. Les nouveaux habitants peuvent s'inscrire jusqu'au 3 mai.",
            "Inscription en mairie, ou en ligne sur le [[téléservice de service-public.fr|"
            + SP
            + "/R16396]].",
        ],
        {"listes-electorales": 3},
        {},
    ),
    # --- hubs and pages about several services ---------------------------------------------------
    (
        "demarches-en-ligne",
        "Vos démarches en ligne",
        [
            "La plupart de vos démarches peuvent être effectuées depuis chez vous :",
            "[[Demande d'acte de naissance|"
            + SP
            + "/R1406]] : sur service-public.fr, l'acte est envoyé par courrier.",
            "[[Inscription sur les listes électorales|"
            + SP
            + "/R16396]] : service en ligne de l'État.",
            "[[Signaler un problème sur l'espace public|/signaler/formulaire]] : nid de poule, éclairage, dépôt sauvage.",
            "[[Payer vos factures de cantine et de crèche|"
            + PAYFIP
            + "]] avec PayFiP, par carte bancaire.",
        ],
        {"actes-etat-civil": 3, "listes-electorales": 3, "signalement": 3, "paiement-famille": 4},
        {},
    ),
    (
        "enfance-jeunesse",
        "Enfance : école, cantine et loisirs",
        [
            "## Inscription scolaire",
            "La première inscription à l'école se fait en mairie, sur présentation du livret de famille et d'un justificatif de domicile.",
            "## Restauration scolaire et périscolaire",
            "Les réservations de cantine et de garderie se font en ligne sur le [[Portail Famille|"
            + PF
            + "]].",
            "## Accueil de loisirs",
            "Téléchargez le [[dossier d'inscription à l'accueil de loisirs (PDF)|/medias/dossier-alsh.pdf]] et déposez-le à l'accueil.",
        ],
        {"inscription-scolaire": 1, "periscolaire": 3, "accueil-loisirs": 2},
        {},
    ),
    (
        "citoyennete",
        "Citoyenneté : élections et recensement",
        [
            "## S'inscrire sur les listes électorales",
            "Vous pouvez vous inscrire en ligne sur service-public.fr, ou en mairie avec une pièce d'identité et un justificatif de domicile.",
            "## Le recensement citoyen",
            "Les jeunes de 16 ans doivent se faire recenser en mairie, munis du livret de famille. Une attestation de recensement leur est remise sur place.",
        ],
        {"listes-electorales": 3, "recensement-citoyen": 1},
        {},
    ),
    (
        "cadre-de-vie/proprete",
        "Propreté : encombrants et signalements",
        [
            "## Encombrants",
            "La collecte des encombrants a lieu sur rendez-vous : prenez rendez-vous en ligne sur [[notre agenda de collecte|https://www.rdv360.com/encombrants-ville-exemple]].",
            "## Signaler un dépôt sauvage",
            "Vous constatez un dépôt sauvage ? Appelez le service propreté au 03 20 00 00 00.",
        ],
        {"encombrants": 3, "signalement": 1},
        {},
    ),
    (
        "famille/cantine-et-factures",
        "Restauration scolaire",
        [
            "Les repas sont préparés sur place par la cuisine centrale. Les menus tiennent compte des allergies signalées par le médecin scolaire.",
            "L'inscription à la cantine se fait chaque année avec le [[dossier unique d'inscription (PDF)|/medias/dossier-unique.pdf]].",
            "Les factures mensuelles peuvent être payées en ligne sur [[PayFiP|"
            + PAYFIP
            + "]] ou par prélèvement.",
        ],
        {"periscolaire": 2, "paiement-famille": 4},
        {},
    ),
    (
        "solidarite/ccas",
        "Le centre communal d'action sociale",
        [
            "Le CCAS accompagne les habitants en difficulté : aides facultatives, domiciliation, accompagnement des personnes âgées.",
            "## Logement social",
            "Le CCAS enregistre les demandes de logement social. Vous pouvez aussi déposer votre demande en ligne sur le [[site national|https://www.demande-logement-social.gouv.fr/]] et suivre son avancement depuis votre espace demandeur.",
        ],
        {"logement-social": 4},
        {},
    ),
    (
        "associations/guide",
        "Guide des associations",
        [
            "La ville compte plus de 120 associations sportives, culturelles et solidaires. Retrouvez-les dans l'annuaire.",
            "## Demander une subvention",
            "Les dossiers de demande de subvention sont à déposer sur [[Le Compte Asso|https://lecompteasso.associations.gouv.fr/]] avant le 31 octobre.",
            "## Réserver une salle",
            "Les salles municipales sont prêtées gratuitement aux associations, sur demande écrite.",
        ],
        {"subventions-associations": 3},
        {},
    ),
    (
        "culture/mediatheque-et-ludotheque",
        "Médiathèque et ludothèque",
        [
            "La médiathèque et la ludothèque partagent le même bâtiment et la même carte d'abonnement.",
            "Réservez vos livres et jeux en ligne depuis votre compte lecteur sur le [[catalogue|https://mediatheque.ville-exemple.fr/opac]].",
        ],
        {"bibliotheque": 4},
        {},
    ),
    (
        "etat-civil-et-identite",
        "État civil et titres d'identité",
        [
            "## Actes d'état civil",
            "Les copies d'actes de naissance, de mariage et de décès se demandent en ligne sur [[service-public.fr|"
            + SP
            + "/R1406]].",
            "## Carte d'identité et passeport",
            "Les demandes se déposent uniquement sur rendez-vous en mairie, à prendre par téléphone au 03 00 00 00 00.",
        ],
        {"actes-etat-civil": 3, "titres-identite": 1},
        {},
    ),
    # --- hard positives: unusual wording, outside platforms, capped levels -------------------------
    (
        "demarches/passeport-fc",
        "Passeport : rendez-vous et pré-demande",
        [
            "Connectez-vous avec FranceConnect pour remplir votre pré-demande de passeport : vos données d'état civil sont pré-remplies.",
            "{{fc}}",
            "Puis [[prenez rendez-vous|https://rendezvouspasseport.ants.gouv.fr/]] dans la mairie de votre choix.",
        ],
        {"titres-identite": 3},
        {},
    ),
    (
        "objets-trouves/declarer",
        "Objets trouvés : déclarer une perte",
        [
            "Vous avez perdu un objet dans la commune ? Décrivez-le dans le formulaire ci-dessous ; nous vous contacterons s'il est rapporté.",
            "{{form:6}}",
            "{{fc}}",
        ],
        {"objets-trouves": 3},
        {},
    ),
    (
        "famille/factures",
        "Mes factures",
        [
            "Consultez et réglez vos factures de restauration scolaire, de garderie et de crèche en ligne depuis votre espace famille, 7 jours sur 7.",
        ],
        {"paiement-famille": 4},
        {},
    ),
    (
        "urbanisme/deposer-en-ligne",
        "Urbanisme : déposez vos dossiers en ligne",
        [
            "Depuis 2022, vous pouvez déposer votre permis de construire ou votre déclaration préalable en ligne, sur le guichet numérique de la commune.",
            "Vous suivez ensuite l'instruction de votre dossier en ligne et recevez l'arrêté par voie électronique.",
        ],
        {"urbanisme": 4},
        {},
    ),
    (
        "stationnement/resident-en-ligne",
        "Stationnement résidentiel : tout en ligne",
        [
            "Demandez votre carte de stationnement résident en ligne et payez votre abonnement par carte bancaire.",
            "L'abonnement est renouvelé automatiquement chaque année, sans justificatif à refournir : vos informations sont déjà connues de nos services.",
        ],
        {"stationnement-resident": 4},
        {},
    ),
    (
        "demarches/recensement",
        "Recensement citoyen",
        [
            "Faites votre recensement en ligne, avec votre compte FranceConnect : vos informations sont pré-remplies et votre attestation est disponible dans votre espace, au format numérique.",
        ],
        {"recensement-citoyen": 4},
        {},
    ),
]
