"""Hand-written channel snippets: how a page offers (or does not offer) a service online.

A snippet is a list of paragraphs in a small markup: `[[link text|URL]]` for a link,
`{{form:N}}` for an HTML form with N fields and a submit button, `{{fc}}` for the DSFR
FranceConnect button. `level` is the true level the snippet evidences by the project's scale
(docs/detection-rules.md, "How the labelled set is labelled"), before the service's max_level cap.
`dead` lists URLs of the snippet that do not resolve (404): they are no evidence.
"""

# Hand-written prose and HTML shells: one sentence or block per line reads better than wrapped
# strings, so the line-length rule is off for this data file.
# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Channel:
    name: str
    level: int
    paras: tuple[str, ...]
    dead: tuple[str, ...] = ()
    services: tuple[str, ...] = ()  # empty: fits every service
    also: dict[str, int] = field(default_factory=dict)  # other services the snippet is about


def ch(
    name: str,
    level: int,
    *paras: str,
    dead: tuple[str, ...] = (),
    services: tuple[str, ...] = (),
    also: dict[str, int] | None = None,
) -> Channel:
    return Channel(name, level, tuple(paras), dead, services, also or {})


SP = "https://www.service-public.fr/particuliers/vosdroits"
DN = "https://demarche.numerique.gouv.fr/commencer"
PAYFIP = "https://www.payfip.gouv.fr/tpa/paiementws.web?numcli=012345&exer=2026"

# Level 1: information only, including channels that look online but are not.
LEVEL1 = [
    ch(
        "info-contact",
        1,
        "Renseignements à l'accueil de la mairie, du lundi au vendredi de 8 h 30 à 12 h et de 13 h 30 à 17 h. Tél. : 03 21 45 67 89.",
    ),
    ch(
        "rdv-mairie",
        1,
        "La démarche se fait uniquement sur rendez-vous en mairie. Pour prendre rendez-vous, appelez l'accueil au 04 72 10 20 30.",
    ),
    ch(
        "rdv-telephone",
        1,
        "Accueil sur rendez-vous, à prendre par téléphone auprès du service concerné. Présentez-vous muni des pièces justificatives originales.",
    ),
    ch(
        "retrait-mairie",
        1,
        "Le formulaire de demande est à retirer en mairie, au guichet unique, aux heures d'ouverture.",
    ),
    ch(
        "courrier-libre",
        2,  # SCALE.md: a request sent by post, with no online channel, is one-way (2)
        "Vous pouvez aussi faire votre demande par courrier sur papier libre, en joignant une enveloppe timbrée à vos nom et adresse, à : Mairie, service concerné, place de la République.",
    ),
    ch(
        "pas-en-ligne",
        1,
        "Cette démarche ne peut pas être effectuée en ligne : vous devez vous présenter en personne au guichet.",
    ),
    ch(
        "bientot",
        1,
        "Le paiement en ligne n'est pas encore disponible ; il sera proposé prochainement. Le règlement se fait à la régie par chèque ou en espèces.",
    ),
    ch(
        "pdf-info",
        1,
        "Consultez la [[grille des tarifs 2026 (PDF, 95 Ko)|/medias/tarifs-2026.pdf]] et le [[règlement intérieur|/medias/reglement-interieur.pdf]].",
    ),
    ch(
        "guichet",
        1,
        "Le dossier complet est à déposer à l'accueil de l'hôtel de ville. Un récépissé vous est remis sur place.",
    ),
    ch(
        "telephone-seul",
        1,
        "Pour toute question, contactez le service par téléphone au 02 40 11 22 33 (du lundi au jeudi) ou rendez-vous à l'accueil.",
    ),
]

# Level 2: one-way interaction (a form to download, or e-mail as the only channel).
LEVEL2 = [
    ch(
        "pdf-form",
        2,
        "Téléchargez le [[formulaire de demande (PDF, 120 Ko)|/medias/formulaire-demande.pdf]], complétez-le et déposez-le en mairie avec les pièces justificatives.",
    ),
    ch(
        "pdf-bulletin",
        2,
        "Le bulletin d'inscription est à imprimer : [[bulletin d'inscription 2026-2027|/documents/bulletin-inscription.pdf]]. Retournez-le signé à l'accueil.",
    ),
    ch(
        "doc-form",
        2,
        "Dossier à télécharger : [[Dossier de demande (format Word)|/sites/default/files/dossier-demande.docx]] ou [[version ODT|/sites/default/files/dossier-demande.odt]].",
    ),
    ch(
        "fiche-pdf",
        2,
        "Remplissez la [[fiche de renseignements|/uploads/2025/08/fiche-renseignements.pdf]] puis envoyez-la par courrier à la mairie.",
    ),
    ch(
        "mail-only",
        2,
        "Envoyez votre demande par courriel à accueil@mairie-exemple.fr en précisant vos coordonnées ; une réponse vous sera apportée sous huit jours.",
    ),
    ch(
        "mail-pieces",
        2,
        "Les pièces justificatives peuvent être transmises par e-mail au service (service.demarches@ville-exemple.fr). Vous serez recontacté par téléphone.",
    ),
    ch(
        "mail-dossier",
        2,
        "Votre dossier complet est à adresser par mail à l'adresse indiquée ci-dessous, ou par voie postale.",
    ),
    ch(
        "formulaire-imprimer",
        2,
        "Un [[formulaire à imprimer|/files/imprime-demande.pdf]] est disponible ; il peut être déposé dans la boîte aux lettres de la mairie.",
    ),
]

CERFA = [
    ch(
        "cerfa-urba",
        2,
        "Utilisez le [[formulaire cerfa n° 13703*08 (PDF)|/docs/cerfa_13703-08.pdf]] pour une déclaration préalable, ou le cerfa n° 13406*09 pour un permis de construire une maison individuelle.",
        services=("urbanisme",),
    ),
    ch(
        "cerfa-sp",
        2,
        "Le formulaire cerfa n° 12669*02 est téléchargeable sur le site service-public.fr ; imprimez-le et joignez-le à votre dossier.",
        services=(
            "domaine-public",
            "listes-electorales",
            "actes-etat-civil",
            "recensement-citoyen",
        ),
    ),
    ch(
        "cerfa-link",
        2,
        "[[Télécharger le cerfa n°15776*02|/medias/cerfa-15776-02.pdf]] puis déposez-le complété en mairie.",
        services=(
            "petite-enfance",
            "logement-social",
            "subventions-associations",
            "stationnement-resident",
        ),
    ),
    ch(
        "cerfa-asso",
        2,
        "Le dossier de demande de subvention (cerfa n° 12156*06) est à télécharger ci-dessous et à renvoyer avant le 31 octobre : [[Dossier cerfa 12156*06|/medias/associations/cerfa-12156.pdf]].",
        services=("subventions-associations",),
    ),
]

# Level 3: two-way interaction (online request, online appointment, teleservice, portal).
LEVEL3_ANY = [
    ch(
        "form-html",
        3,
        "Remplissez le formulaire ci-dessous ; le service vous répondra par courrier.",
        "{{form:5}}",
    ),
    ch("form-html-file", 3, "Formulaire de demande", "{{form:6:file}}"),
    ch(
        "publik",
        3,
        "[[Faire ma demande en ligne|https://demarches.ville-exemple.fr/demande-en-ligne/]]",
    ),
    ch(
        "dn",
        3,
        "La demande s'effectue en ligne, sur la plateforme de l'État : [[déposer mon dossier|"
        + DN
        + "/demande-ville-exemple]].",
    ),
    ch(
        "teleservice-text",
        3,
        "Vous pouvez désormais faire votre demande en ligne, 24 h/24, sans vous déplacer. Le service vous recontacte sous 48 heures.",
    ),
    ch("cta-button", 3, "[[Je fais ma demande|/demarches/formulaire-en-ligne]]"),
    ch(
        "espace-citoyens",
        3,
        "Connectez-vous à votre [[Espace Citoyens|https://www.espace-citoyens.net/ville-exemple/espace-citoyens/Home/AccueilPublic]] pour effectuer la démarche.",
    ),
]

LEVEL3_BY_SERVICE = {
    "actes-etat-civil": [
        ch(
            "sp-acte",
            3,
            "Vous pouvez [[demander un acte de naissance en ligne|"
            + SP
            + "/R1406]] sur service-public.fr. L'acte vous sera envoyé par courrier.",
        ),
        ch(
            "sp-acte-2",
            3,
            "Demande d'acte de mariage ou de décès : utilisez le [[téléservice de demande d'acte|"
            + SP
            + "/R1405]].",
        ),
    ],
    "listes-electorales": [
        ch(
            "sp-elections",
            3,
            "L'inscription peut se faire en ligne : [[Demande d'inscription sur les listes électorales|"
            + SP
            + "/R16396]].",
        ),
        ch(
            "sp-elections-2",
            3,
            "Inscrivez-vous en ligne sur service-public.fr en joignant la version numérisée de vos justificatifs.",
        ),
    ],
    "recensement-citoyen": [
        ch(
            "sp-recensement",
            3,
            "Le recensement peut se faire en ligne sur service-public.fr : [[Recensement citoyen en ligne|"
            + SP
            + "/R1308]].",
        ),
    ],
    "titres-identite": [
        ch(
            "ants-predemande",
            3,
            "Gagnez du temps : remplissez une [[pré-demande en ligne|https://passeport.ants.gouv.fr/demarches-en-ligne]] sur le site de l'ANTS avant votre rendez-vous.",
        ),
        ch(
            "rdv-online",
            3,
            "[[Prendre rendez-vous en ligne|https://www.clicrdv.com/mairie-exemple]] pour le dépôt de votre dossier.",
        ),
        ch(
            "ants-rdv",
            3,
            "Trouvez un créneau disponible près de chez vous sur le [[moteur de recherche de rendez-vous|https://rendezvouspasseport.ants.gouv.fr/]].",
        ),
        ch(
            "rdv-synbird",
            3,
            "Les rendez-vous se prennent en ligne via notre agenda : [[réserver un créneau|https://rendezvous.synbird.com/mairie-exemple]].",
        ),
    ],
    "inscription-scolaire": [
        ch(
            "pf-scolaire",
            3,
            "La pré-inscription scolaire se fait sur le [[Portail Famille|https://ville-exemple.portail-familles.app/]] : créez votre compte puis suivez les étapes.",
        ),
        ch(
            "bl-scolaire",
            3,
            "Inscrivez votre enfant en ligne depuis l'[[Espace Famille|https://portail.berger-levrault.fr/VilleExemple/accueil]].",
        ),
    ],
    "periscolaire": [
        ch(
            "pf-peri",
            3,
            "Les réservations de cantine et de garderie se font en ligne sur le [[Portail Famille|https://ville-exemple.portail-familles.com/]], au plus tard le jeudi pour la semaine suivante.",
        ),
        ch(
            "ec-peri",
            3,
            "Inscriptions et réservations périscolaires : rendez-vous sur votre [[Espace Citoyens|https://www.espace-citoyens.net/ville-exemple/espace-citoyens/]].",
        ),
    ],
    "petite-enfance": [
        ch(
            "form-creche",
            3,
            "La pré-inscription en crèche se fait en ligne dès le sixième mois de grossesse.",
            "{{form:7}}",
        ),
        ch(
            "pf-creche",
            3,
            "Déposez votre demande de place en crèche sur le [[Portail Famille|https://ville-exemple.portail-familles.app/creche]].",
        ),
    ],
    "accueil-loisirs": [
        ch(
            "pf-loisirs",
            3,
            "Réservez les mercredis et les vacances sur le [[Portail Famille|https://ville-exemple.portail-familles.app/loisirs]].",
        ),
        ch(
            "bl-loisirs",
            3,
            "Les inscriptions au centre de loisirs s'effectuent en ligne sur l'[[espace famille|https://portail.berger-levrault.fr/VilleExemple/loisirs]].",
        ),
    ],
    "urbanisme": [
        ch(
            "gnau",
            3,
            "Déposez votre demande d'autorisation d'urbanisme en ligne sur le [[Guichet numérique des autorisations d'urbanisme (GNAU)|https://gnau.ville-exemple.fr/]].",
        ),
        ch(
            "sirap",
            3,
            "Depuis le 1er janvier 2022, la commune reçoit vos dossiers par voie électronique : [[Saisine par voie électronique|https://sve.sirap.fr/#/012345/]].",
        ),
    ],
    "domaine-public": [
        ch(
            "dn-voirie",
            3,
            "Faites votre demande d'arrêté de stationnement en ligne : [[formulaire de demande d'occupation|"
            + DN
            + "/occupation-domaine-public-ville-exemple]].",
        ),
    ],
    "signalement": [
        ch(
            "form-signal",
            3,
            "Utilisez le formulaire ci-dessous pour nous signaler le problème.",
            "{{form:5:file}}",
        ),
        ch(
            "app-signal",
            3,
            "Signalez un problème en ligne sur [[demarches.ville-exemple.fr|https://demarches.ville-exemple.fr/signalement/]] : vous pouvez joindre une photo.",
        ),
    ],
    "stationnement-resident": [
        ch(
            "form-resident",
            3,
            "La demande de carte résident se fait en ligne : [[Demander ma carte résident|/demarches/carte-resident/formulaire]].",
        ),
    ],
    "encombrants": [
        ch(
            "rdv-encombrants",
            3,
            "Prenez rendez-vous en ligne pour l'enlèvement : [[réserver une collecte|https://www.rdv360.com/collecte-encombrants-ville-exemple]].",
        ),
        ch("form-encombrants", 3, "Demande d'enlèvement des encombrants en ligne :", "{{form:6}}"),
    ],
    "objets-trouves": [
        ch(
            "form-perte",
            3,
            "Déclarez la perte de votre objet en ligne grâce au formulaire ci-dessous.",
            "{{form:5}}",
        ),
    ],
    "bibliotheque": [
        ch(
            "compte-lecteur",
            4,  # reservations and renewals from the reader account: level 4
            "Depuis votre compte lecteur, réservez des documents en ligne et prolongez vos prêts : [[accéder au catalogue|https://mediatheque.ville-exemple.fr/catalogue]].",
        ),
        ch(
            "preinscription-media",
            3,
            "Pré-inscrivez-vous en ligne avant votre première visite : [[formulaire de pré-inscription|/mediatheque/preinscription]].",
        ),
    ],
    "logement-social": [
        ch(
            "dls",
            3,
            "Vous pouvez faire votre demande de logement social en ligne sur le [[portail national|https://www.demande-logement-social.gouv.fr/]].",
        ),
    ],
    "subventions-associations": [
        ch(
            "compteasso",
            3,
            "Les demandes de subvention se font désormais en ligne sur [[Le Compte Asso|https://lecompteasso.associations.gouv.fr/]].",
        ),
        ch(
            "dn-asso",
            3,
            "Déposez votre dossier de subvention en ligne : [[demande de subvention 2027|"
            + DN
            + "/subvention-associations-ville-exemple]].",
        ),
    ],
}

# Level 4: transaction (online payment, tracking, electronic delivery) on top of level 3.
LEVEL4_ADDONS = [
    ch(
        "track-espace",
        4,
        "Suivez l'avancement de votre dossier en ligne depuis votre espace personnel : vous êtes informé à chaque étape.",
    ),
    ch(
        "track-notif",
        4,
        "Vous recevez une notification par courriel à chaque étape du traitement de votre demande, et pouvez suivre son statut à tout moment dans votre compte.",
    ),
    ch(
        "e-delivery",
        4,
        "Le document vous est ensuite délivré par voie électronique : vous recevez votre attestation par courriel, au format numérique.",
    ),
]
PAY_ADDONS = [
    ch(
        "payfip",
        4,
        "Réglez en ligne par carte bancaire sur [[PayFiP|"
        + PAYFIP
        + "]], le service de paiement sécurisé de la DGFiP.",
    ),
    ch("pay-text", 4, "Le paiement se fait en ligne, par carte bancaire, au moment de la demande."),
    ch("pay-portal", 4, "Payez en ligne, en toute sécurité, directement depuis votre espace."),
]
# Services whose request itself carries a fee paid at the time of the request. Family bills
# (canteen, nursery) are paid through the paiement-famille service, not at enrolment.
FEE_SERVICES = ("domaine-public", "stationnement-resident", "accueil-loisirs", "bibliotheque")

# Level 5: personalisation (FranceConnect account pre-filling, automatic renewal).
LEVEL5_ADDONS = [
    ch("fc-button", 5, "Identifiez-vous pour que vos informations soient pré-remplies :", "{{fc}}"),
    ch(
        "fc-text",
        5,
        "Connectez-vous avec FranceConnect : votre identité et votre adresse sont pré-remplies dans le formulaire.",
    ),
    ch(
        "auto-renew",
        5,
        "La réinscription est automatique d'une année sur l'autre : vous n'avez rien à refaire, il suffit de vérifier les informations déjà connues de nos services.",
    ),
]

# Hard cases: a dead platform link, then what is left.
DEAD = [
    ch(
        "dead-platform",
        1,
        "[[Faire la demande en ligne|https://demarches.ville-exemple.fr/ancien-formulaire/]]",
        "Renseignements au 03 20 00 00 00.",
        dead=("https://demarches.ville-exemple.fr/ancien-formulaire/",),
    ),
    ch(
        "dead-dn",
        2,
        "Téléchargez le [[formulaire papier (PDF)|/medias/formulaire-papier.pdf]], ou déposez votre dossier sur la [[plateforme en ligne|"
        + DN
        + "/ancienne-demarche]].",
        dead=(DN + "/ancienne-demarche",),
    ),
]

# The mode of payment of family bills (paiement-famille), by level.
PAIEMENT_CHANNELS = {
    2: [
        ch(
            "mandat",
            2,
            "Pour opter pour le prélèvement automatique, [[téléchargez le mandat de prélèvement SEPA (PDF)|/medias/mandat-sepa.pdf]] et retournez-le signé avec un RIB.",
        )
    ],
    3: [
        ch(
            "factures-espace",
            3,
            "Vos factures sont consultables en ligne dans votre [[Espace Famille|https://www.espace-citoyens.net/ville-exemple/espace-citoyens/Home/AccueilPublic]] dès leur émission.",
        )
    ],
    4: [
        ch(
            "payfip-pf",
            4,
            "Payez vos factures en ligne par carte bancaire : [[paiement en ligne PayFiP|https://www.payfip.gouv.fr/tpa/paiementws.web?numcli=998877]]. Munissez-vous de votre facture.",
        ),
        ch(
            "portal-pay",
            4,
            "Réglez vos factures en ligne, en toute sécurité, depuis le [[Portail Famille|https://ville-exemple.portail-familles.app/factures]].",
        ),
        ch(
            "tipi",
            4,
            "Le paiement en ligne TIPI est remplacé par PayFiP : utilisez l'identifiant et la référence portés sur votre facture.",
        ),
    ],
}

NOT_FOUND = "La page que vous recherchez n'existe pas ou a été déplacée. Acte de naissance, passeport, inscription scolaire : utilisez le moteur de recherche."
