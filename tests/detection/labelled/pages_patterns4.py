"""The `patterns4` batch: 13 pages written on 2026-12-04, in our own words, after the last 13
real pages of the third study (`tune3-196` to `tune3-208`, docs/validation/real-wording.md) and
the rule changes they led to, labelled before the detector was run on them. It joins the tests
(never the tuning) and is gated apart (`patterns4_*` floors).

Each entry: (slug, title, body paragraphs, labels, options); options as in wild_layouts.py.
"""

# Hand-written prose: one paragraph per line reads better than wrapped strings.
# ruff: noqa: E501

from __future__ import annotations

G, GI, V, C = "grande-ville", "grande-ville-inline", "village", "intercommunal"

PATTERNS4: list[tuple[str, str, list[str], dict[str, int], dict[str, object]]] = [
    (
        "demarches/identite",
        "Carte d'identité et passeport",
        [
            "Les demandes se déposent uniquement sur rendez-vous, dans l'une des mairies équipées du secteur.",
            "Avant de venir, deux possibilités :",
            "- remplir le formulaire papier cerfa n° 12 100, disponible à l'accueil",
            "- ou compléter une pré-demande sur le site de l'ANTS, en cliquant sur ce lien",
            "Le titre se retire au même guichet, sur présentation du récépissé.",
        ],
        {"titres-identite": 3},
        {"text": True, "layout": V},
    ),
    (
        "citoyennete/recensement-16-ans",
        "Vie citoyenne : recensement des jeunes de 16 ans",
        [
            "Le recensement se fait dans les trois mois qui suivent le seizième anniversaire.",
            "Vous pouvez vous faire recenser en ligne avec votre compte service-public.fr, ou au guichet de l'état civil avec le livret de famille.",
            "L'attestation remise est à garder : elle est demandée pour le permis de conduire.",
        ],
        {"recensement-citoyen": 3},
        {"layout": G},
    ),
    (
        "etat-civil/titres",
        "État civil : passeports et cartes d'identité",
        [
            "Préparez votre venue : faites la pré-demande sur ants.gouv.fr, puis choisissez un créneau sur notre agenda en ligne.",
            "Le jour du rendez-vous, apportez une photo de moins de six mois et un justificatif de domicile.",
        ],
        {"titres-identite": 3},
        {"layout": C},
    ),
    (
        "associations/aides",
        "Aides financières aux associations",
        [
            "Chaque association de la commune peut solliciter une aide de fonctionnement une fois par an.",
            "Le dossier est le formulaire cerfa 12 156*06 : il se trouve en bas de cette page et peut aussi être retiré au service vie associative.",
            "Date limite de retour : 15 novembre.",
        ],
        {"subventions-associations": 2},
        {"layout": GI},
    ),
    (
        "actualites/rentree-2026-premiere-inscription",
        "Rentrée 2026 : pensez à inscrire votre enfant",
        [
            "Les enfants nés en 2023 feront leur première rentrée en septembre.",
            "Pour les inscrire, il faut d'abord se faire remettre un certificat à l'accueil de la mairie, puis le présenter à la directrice de l'école avec le carnet de santé.",
        ],
        {"inscription-scolaire": 1},
        {"layout": G},
    ),
    (
        "petite-enfance/demande-de-place",
        "Demande de place en crèche",
        [
            "Les familles déposent leur demande au relais petite enfance, sur rendez-vous.",
            "Si vous ne pouvez pas vous déplacer, la démarche peut se faire par mail : joignez le formulaire rempli et un justificatif de domicile.",
            "Les places sont attribuées en commission au printemps.",
        ],
        {"petite-enfance": 2},
        {"text": True, "layout": C},
    ),
    (
        "culture/mediatheque/reserver",
        "Réserver un document",
        [
            "Un livre est déjà emprunté ? Vous pouvez le réserver :",
            "- à la banque de prêt ;",
            "- sur le portail de la médiathèque (menu Mon compte > identifiant et mot de passe > recherche > fiche du titre > bouton Réserver).",
            "Un courriel vous prévient quand le document revient.",
        ],
        {"bibliotheque": 4},
        {"layout": V},
    ),
    (
        "commerce/terrasses",
        "Terrasses et étalages",
        [
            "Installer une terrasse ou un étal sur le trottoir demande une autorisation d'occupation du domaine public.",
            "<table><tr><th>Emprise</th><th>Tarif annuel</th></tr><tr><td>Terrasse ouverte</td><td>18 € le m²</td></tr><tr><td>Étalage</td><td>12 € le m²</td></tr></table>",
            "La demande s'adresse par écrit au maire, au moins un mois avant l'installation, avec un plan de la terrasse.",
        ],
        {"domaine-public": 2},
        {"layout": G},
    ),
    (
        "enfance/restauration-scolaire",
        "Restauration scolaire",
        [
            "L'inscription à la cantine se fait une fois par an, avec la fiche de renseignements remise par l'école.",
            "<details><summary>Payer mes factures</summary><p>Connectez-vous à l'espace famille, ouvrez l'onglet Factures, puis réglez par carte bancaire.</p></details>",
            "<details><summary>Menus</summary><p>Les menus du mois sont affichés à l'entrée des écoles.</p></details>",
        ],
        {"periscolaire": 1, "paiement-famille": 4},
        {"layout": GI},
    ),
    (
        "agenda/heure-du-conte-mars",
        "L'heure du conte",
        [
            "Mercredi 12 mars à 10 h 30, la médiathèque invite les enfants de 3 à 6 ans à écouter des histoires de printemps.",
            "Entrée libre, sans réservation, dans la limite des places.",
        ],
        {},
        {"layout": G},
    ),
    (
        "proprete/encombrants",
        "Enlèvement des objets encombrants",
        [
            "Les meubles et l'électroménager sont enlevés devant chez vous, sur rendez-vous, deux mardis par mois.",
            "Pour obtenir un passage, appelez le numéro vert ou remplissez le formulaire de demande d'enlèvement en ligne.",
        ],
        {"encombrants": 3},
        {"text": True, "layout": C},
    ),
    (
        "securite/objets-perdus",
        "Vous avez perdu un objet ?",
        [
            "Les objets trouvés sur la voie publique sont gardés un an au poste de police municipale.",
            "Décrivez l'objet perdu dans un courriel à police.municipale@rochemaure.fr : l'agent vous répondra si un objet correspondant a été déposé.",
        ],
        {"objets-trouves": 2},
        {"layout": G},
    ),
    (
        "cadre-de-vie/signaler",
        "Signaler un problème sur la voie publique",
        [
            "Un lampadaire éteint, un trou dans la chaussée, un dépôt sauvage ?",
            "Utilisez l'application de la ville ou le formulaire en ligne : vous recevrez un message à chaque étape du traitement de votre signalement, jusqu'à l'intervention.",
        ],
        {"signalement": 4},
        {"layout": V},
    ),
]
