"""The wording that real pages use for each channel, as precompiled regexes on folded text.

Each rule gives a signal kind, the level it evidences and how sure it is. A clause that carries
a negation ("n'est pas encore disponible en ligne", "aucun paiement en ligne") cancels the rules
that matched in it. "Sur rendez-vous en mairie" and other in-person channels are recorded as
`in_person` (level 1): they explain why a page stays at information.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from barometre.detection.text import trie_pattern

_ONLINE = (
    r"(?:en ligne|sur internet|par internet|sur le (?:site|portail)"
    r"|sur (?:www\.)?[a-z0-9-]+\.(?:gouv\.)?fr\b"
    r"|(?:sur|depuis|via) (?:l'|notre |votre )?(?:appli|application)\b"
    r"|en (?:quelques|deux|trois) clics"
    r"|via (?:le|la|notre) (?:site|portail|plateforme|teleservice)"
    r"|depuis (?:chez vous|votre (?:ordinateur|smartphone|domicile|espace|compte)))"
)
_GAP = r"[^.;:!?]{0,80}?"
_SPACE_WORDS = r"(?:citoyens?|familles?|personnel|usagers?|numerique|abonnes?|lecteurs?|parents?)"
_DOCS = (
    r"(?:attestation|acte|actes|recepisse|decision|arrete|certificat|copie|autorisation"
    r"|reponses?)"
)
_E_CHANNEL = (
    r"(?:par voie electronique|par courriel|par e-?mail|par mail"
    r"|dans (?:votre|son) (?:espace|compte)|format numerique|dematerialis\w*)"
)
_REQUEST_VERBS = (
    r"(?:demande\w*|demander|faire|faites|effectu\w+|depos\w+|depot|inscri\w*|pre-?inscri\w*"
    r"|reserv\w*|declar\w*|signal\w*|saisi\w*|saisir|remplir|remplissez|complet\w*|formul\w*"
    r"|envoy\w*|transmet\w*|transmis|sollicit\w*|candidat\w*|demarche\w*|dossier\w*)"
)
_TRACK_WHERE = (
    r"(?:en ligne|espace|compte|portail|internet|a tout moment|tableau de bord|notification"
    r"|appli\w*|en temps reel)"
)
_MAIL = r"(?:courriel|e-?mail|mail|courrier electronique|messagerie)"


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    level: int
    strength: float
    detail: str
    pattern: re.Pattern[str]


def _rule(kind: str, level: int, strength: float, detail: str, *patterns: str) -> Rule:
    return Rule(kind, level, strength, detail, re.compile("|".join(f"(?:{p})" for p in patterns)))


RULES: tuple[Rule, ...] = (
    _rule(
        "franceconnect",
        5,
        0.85,
        "connexion FranceConnect",
        r"(?:avec|via|par|grace a|bouton|s'identifier|identifiez-vous|connectez-vous|connexion)"
        r"\W{1,3}(?:\w+\W{1,3}){0,3}france ?connect",
        r"france ?connect\W{1,3}(?:\w+\W{1,3}){0,4}(?:identifi|connect|compte|pre-?rempli)",
    ),
    _rule(
        "prefill",
        5,
        0.8,
        "données pré-remplies ou renouvellement automatique",
        r"\bpre-?rempli\w*|\bpre-?remplissage",
        r"\b(?:renouvel\w*|reconduction|reconduit\w*|reinscription\w*|reinscrit\w*)"
        r"(?: (?:est|sera|se fait|s'effectue|sont|seront))?(?: \w+)?"
        r" (?:automatique\w*|tacite\w*|d'office)",
        r"\bautomatiquement (?:reinscri\w*|renouvel\w*|reconduit\w*)",
        r"dites-le-nous une fois|sans (?:avoir a )?ressaisir",
        r"deja connues? (?:de|par) (?:nos|les) services",
    ),
    _rule(
        "payment",
        4,
        0.85,
        "paiement en ligne",
        r"\b(?:pa(?:yer|yez|iement|iements|ie|ient|yables?)|regl(?:er|ez|ement|ables?)|acquitt\w+)\b"
        + _GAP
        + rf"\b(?:{_ONLINE}|par carte bancaire sur|payfip|tipi)",
        r"\b(?:en ligne|par internet)\b[^.;:!?]{0,20}\b(?:paiement|payer|reglement)",
        r"\bpayfip\b|\btipi\b|\bpaiement securise\b|paiement par carte bancaire en ligne",
        r"\b(?:regl\w+|pay\w+|valid\w+) (?:votre |le |son )?panier\b",
        r"\b(?:en ligne|portail|espace)\b[^.;!?]{0,160}\b(?:regl\w+|pay\w+)\b[^.;!?]{0,40}"
        r"\bpar carte (?:bancaire|bleue)",
    ),
    _rule(
        "tracking",
        4,
        0.8,
        "suivi de la demande en ligne",
        r"\b(?:suivre|suivez|suivi|consulter|consultez)\b[^.;:!?]{0,40}"
        r"\b(?:l'etat|l'avancement|avancement|statut|etat d'avancement|traitement|instruction)\b"
        r"[^.;:!?]{0,80}"
        rf"\b{_TRACK_WHERE}",
        r"\b(?:suivre|suivez|suivi)\b[^.;:!?]{0,30}\b(?:demande|dossier|signalement|reservation)s?"
        rf"\b[^.;:!?]{{0,50}}\b{_TRACK_WHERE}",
        r"\b(?:en ligne|espace|compte|portail)\b[^.;:!?]{0,40}"
        r"\bsuivi(?:e|s)? (?:de |du |des )?(?:votre |vos )?(?:demande|dossier|signalement)",
        r"\b(?:depuis|dans|sur) (?:votre|son|mon) (?:espace|compte)\b[^.;!?]{0,40}\b(?:suiv\w*"
        r"|consult\w*)\b[^.;!?]{0,30}\b(?:etat|statut|avancement|demande|dossier)",
        r"\b(?:portail|espace|compte|en ligne|application)\b[^.;!?]{0,80}\bsuivre"
        r" (?:leur|son|sa|l'|votre|vos) ?(?:avancement|etat|statut|traitement|instruction)",
        r"\bsuivi\w* en temps reel\b|\bsuiv\w* (?:chaque|toutes les) etapes?\b",
        r"\bvous y\b[^.;!?]{0,60}\bsuiv\w*\b[^.;!?]{0,40}\b(?:demande|dossier|signalement)s?\b",
        r"\b(?:statut|etat|avancement) de (?:votre|la|sa|son) (?:demande|dossier|signalement)\b"
        r"[^.;!?]{0,60}\b(?:compte|espace|en ligne|a jour)",
        r"\b(?:prevenu|informe|averti|notifie)e?s? (?:par (?:courriel|sms|e-?mail|mail) )"
        r"(?:quand|lorsque|des que|de la|du|a chaque)",
        r"\bnotifi\w+ (?:par courriel |par sms |par e-?mail )?"
        r"(?:a chaque etape|de l'avancement|du traitement|de la prise en charge)",
    ),
    _rule(
        "e_delivery",
        4,
        0.75,
        "décision ou document reçu en ligne",
        r"\b(?:recev\w*|recu|recue|delivr\w*|envoy\w*|transmis\w*|adress\w*)\b[^.;:!?]{0,50}"
        rf"\b{_DOCS}\b[^.;:!?]{{0,40}}\b{_E_CHANNEL}",
        r"\b(?:telecharg\w*|imprim\w*)\b[^.;:!?]{0,20}"
        r"\b(?:votre|son) (?:attestation|recepisse|acte|certificat|decision|arrete)\b",
        r"\b(?:retrouv\w*|consult\w*|recuper\w*) (?:la|votre|l'|son|sa) ?(?:decision|reponse|arrete"
        r"|attestation|autorisation|certificat)\b[^.;!?]{0,40}\b(?:espace|compte|en ligne)",
        rf"\b{_DOCS}\b[^.;:!?]{{0,50}}\b(?:envoy\w*|transmis\w*|delivr\w*|disponible\w*|depos\w*"
        rf"|adress\w*)\b[^.;:!?]{{0,40}}\b{_E_CHANNEL}",
    ),
    _rule(
        "transaction",
        4,
        0.75,
        "réservation ou prolongation de documents en ligne",
        r"\b(?:reserv\w*|prolong\w*|renouvel\w*)\b[^.;:!?]{0,60}\b(?:documents?|prets?|livres?"
        r"|emprunts?|ouvrages?|dvd|cd)\b[^.;:!?]{0,60}"
        r"\b(?:en ligne|compte|espace|catalogue|portail)",
        r"\b(?:compte|espace) (?:lecteur|abonne)s?\b[^.;:!?]{0,60}\b(?:reserv\w*|prolong\w*)",
        r"\b(?:compte|espace)\b[^.;!?]{0,40}\b(?:prolong\w*|reserv\w*)\b[^.;!?]{0,20}"
        r"\b(?:emprunts?|prets?|livres?|documents?)\b",
    ),
    _rule(
        "appointment",
        3,
        0.85,
        "prise de rendez-vous en ligne",
        r"\brendez-vous (?:en ligne|sur internet|par internet)",
        r"\b(?:prise|prendre|prenez|reserver|reservez|reservation|fixer|fixez|planifi\w+)"
        r" (?:de |d'un |un |votre |son |le )?(?:rendez-vous|rdv|creneau)\b"
        + _GAP
        + rf"\b(?:{_ONLINE}|via|plateforme|agenda en ligne|ants)",
        r"\b(?:prise de rendez-vous|rendez-vous|rdv) (?:sur|via)"
        r" (?:le site|la plateforme|l'agenda|le module|internet)",
    ),
    _rule(
        "teleservice",
        3,
        0.8,
        "démarche en ligne",
        rf"\b{_REQUEST_VERBS}\b{_GAP}\b{_ONLINE}",
        r"\b(?:en ligne|par internet)\b[^.;:!?]{0,15}\b(?:demande|inscription|formulaire"
        r"|declaration|reservation|depot|pre-?inscription|signalement|demarche)",
        r"\bteleservice\w*|\bteleprocedure\w*|\bteledeclaration\w*",
        r"\b(?:se fai(?:t|re)|se font|s'effectu\w+|est possible|sont possibles"
        rf"|(?:est|sont) ouverte?s?|a remplir|a completer|a deposer)\b{_GAP}\b{_ONLINE}",
        r"\b(?:sous forme|par voie|au format) (?:electronique|dematerialisee|numerique)",
        r"guichet (?:unique |numerique )?en ligne",
        r"\bdematerialis\w+ (?:de la |des |de )?(?:demande|procedure|demarche|dossier)",
    ),
    _rule(
        "account",
        3,
        0.7,
        "compte ou espace personnel en ligne",
        rf"\b(?:espace|portail|kiosque) {_SPACE_WORDS}\b[^.;!?]{{0,80}}"
        r"\b(?:en ligne|connect\w*|identifi\w*|compte|internet|identifiant|mot de passe"
        r"|inscri\w*|reserv\w*|demande|http|www)",
        r"\b(?:connect\w+|identifi\w+|rendez-vous|inscri\w+|reserv\w+|demande\w*|accessible|consult\w+"
        r"|disponible\w*|ouverte?s?) (?:\w+ ){0,8}(?:sur|a|depuis|dans|via)"
        r" (?:votre |mon |le |l'|son |du |de la |de l')?"
        rf"(?:espace|portail|kiosque|compte) (?:{_SPACE_WORDS}|en ligne)",
        r"\b(?:mon|votre|son|un) compte"
        r" (?:citoyen|famille|lecteur|usager|personnel|abonne|en ligne)\b",
        r"\bcreer (?:votre|un|son) compte\b|\bcompte lecteur\b",
    ),
    _rule(
        "download_form",
        2,
        0.8,
        "formulaire à télécharger",
        r"\b(?:telecharg\w*|imprim\w*)\b[^.;:!?]{0,60}"
        r"\b(?:formulaire|dossier|cerfa|fiche|bulletin|imprime|document de demande|mandat)",
        r"\btelecharg\w*-(?:le|la|les)\b|\b(?:le|la|les) telecharger (?:sur|depuis|ici|ci-dessous)",
        r"\b(?:formulaire|dossier|fiche|bulletin|imprime)\w*\b[^.;:!?]{0,60}\b(?:a telecharger"
        r"|telechargeable|a imprimer|en telechargement|en pdf|format pdf|\(pdf)",
    ),
    _rule(
        "email_only",
        2,
        0.7,
        "demande envoyée par courriel",
        r"\b(?:envoy\w*|adress\w*|transmett\w*|transmis|retourn\w*|faire parvenir|faites parvenir"
        r"|ecri(?:vez|re|t)(?:-nous)?|confirm\w*"
        rf"|depos\w*)\b[^.;:!?]{{0,80}}(?:par {_MAIL}|@)",
        r"\bcontact\w*\b[^.;!?]{0,80}@[^.;!?]{0,60}\b(?:qui vous repond\w*|vous repondr\w*"
        r"|qui traitera|qui vous recontact\w*)",
        r"\b(?:demande|dossier|formulaire|inscription|candidature|pieces? justificatives?)s?\b"
        rf"[^.;:!?]{{0,40}}\b(?:par|via) {_MAIL}",
    ),
    _rule(
        "in_person",
        1,
        0.7,
        "démarche sur place ou par téléphone (pas en ligne)",
        r"\b(?:sur|uniquement sur|par|avec) (?:rendez-vous|rdv)\b"
        r"(?! (?:en ligne|sur internet|par internet|sur le site|via))",
        r"\b(?:se presenter|presentez-vous|vous presenter|se rendre|rendez-vous)"
        r" (?:en personne |personnellement )?(?:en mairie|au guichet|a l'accueil|au service)",
        r"\b(?:a retirer|retirer|disponible) (?:en mairie|a l'accueil|au guichet|aupres)",
        r"\b(?:demand\w*|depos\w*|inscri\w*|adress\w*)\b[^.;:!?]{0,60}"
        r"\b(?:en mairie|au guichet|a l'accueil|au secretariat)\b",
    ),
    _rule(
        "offline_payment",
        1,
        0.6,
        "paiement par prélèvement, chèque ou espèces (pas en ligne)",
        r"\b(?:pa(?:yee?s?|yables?|yer|iement)|regl\w*|acquitt\w+)\b[^.;:!?]{0,30}"
        r"\bpar (?:prelevement|cheque|especes|virement)\b",
        r"\ben especes a la regie\b",
    ),
)

_CERFA = re.compile(r"\bcerfa\W{0,3}(?:n\W{0,2}o?\W{0,2})?(\d{5})(?:\s?\*\s?\d{2})?")
_CERFA_DOWNLOAD = re.compile(
    r"telecharg|imprim|\bpdf\b|disponible sur|en ligne|ci-dessous|ci-contre|sur le site"
    r"|service-public"
)
_NEGATION = re.compile(
    r"\b(?:ne|n')\s?(?:\w+\s){0,2}?\w*\s?(?:pas|plus|jamais)\b|\bn'\w+ (?:pas|plus|jamais)\b"
    r"|\bpas (?:encore|de|d'|possible|disponible)\b|\baucun\w*\b|\bimpossible\b|\bprochainement\b"
    r"|\bbientot\b|\bindisponible\b|\bhors service\b|\bsuspendu\w*\b|\binterrompu\w*\b"
    r"|\bne sont plus\b|\bfin du service\b|\bsans objet\b|\bplus possible\b"
)
_DOWNLOAD_ONLY = re.compile(r"telecharg|imprim")
_FORM_AVAILABLE = re.compile(r"formul\w* (?:\w+ ){0,3}disponibles? (?:sur|depuis) ")
# A title or heading that names online procedures in general: a portal's page
PORTAL = re.compile(
    r"\b(?:espace|portail|kiosque|guichet) (?:des |de la )?(?:familles?|citoyens?|numerique"
    r"|en ligne|usagers?|demarches)\b|\bmes demarches\b|\bdemarches en ligne\b"
)
_CHECK_ONLY = re.compile(
    r"\b(?:verifi\w*|interroge\w*) (?:votre|son|sa|si|que|l'etat)\b|\bsituation electorale\b"
)
_QUESTIONS_ONLY = re.compile(
    r"^(?!.*\b(?:demande|dossier|formulaire|inscription|candidature)).*\b(?:questions?"
    r"|renseignements?|informations?)\b"
)
_CLAUSE = re.compile(r"[.;:!?]|,\s(?:mais|et|ou|sinon|puis)\s|\s(?:mais|sinon)\s")


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    level: int
    strength: float
    detail: str


def _clause_around(folded: str, start: int, end: int) -> str:
    left = 0
    for found in _CLAUSE.finditer(folded, 0, start):
        left = found.end()
    right_match = _CLAUSE.search(folded, end)
    right = right_match.start() if right_match else len(folded)
    return folded[left:right]


_TRIGGER_WORDS = (
    "ligne|internet|telecharg|imprim|formulaire|dossier|fiche|bulletin|pai|pay|regl|acquitt"
    "|rendez-vous|rdv|creneau|franceconnect|france connect|courriel|mail|@|messagerie|suiv"
    "|consult|notifi|prevenu|informe|averti|cerfa|espace|portail|kiosque|compte|rempli|automati"
    "|reconduct|tacite|d'office|dites-le|ressaisir|connues|teleservice|teleprocedure|teledeclar"
    "|guichet|dematerialis|electronique|appli|clics|.fr|site|plateforme|presente|retirer"
    "|se rendre|panier|tipi|identifi|connect|recu|recev|delivr|chez vous|en mairie|guichet"
    "|l'accueil|secretariat|prelevement|cheque|especes|virement"
)
_TRIGGER = re.compile(trie_pattern(_TRIGGER_WORDS.split("|")))


def phrase_hits(folded: str) -> list[Hit]:
    """The channel phrases of one folded line, negated clauses left out."""
    hits: list[Hit] = []
    if not _TRIGGER.search(folded):
        return hits
    for rule in RULES:
        for found in rule.pattern.finditer(folded):
            clause = _clause_around(folded, found.start(), found.end())
            if rule.kind != "in_person" and _NEGATION.search(clause):
                continue
            if rule.kind == "teleservice" and (
                _DOWNLOAD_ONLY.search(found.group(0)) or _FORM_AVAILABLE.match(found.group(0))
            ):
                continue  # "the form, to download on service-public.fr": a download, not a request
            if rule.kind == "teleservice" and _CHECK_ONLY.search(clause):
                continue  # "vérifiez votre inscription sur service-public.fr": a look-up
            if rule.kind == "email_only" and _QUESTIONS_ONLY.search(clause):
                continue  # "pour vos questions, écrivez-nous": a contact, not the request
            hits.append(Hit(rule.kind, rule.level, rule.strength, rule.detail))
            break
    for found in _CERFA.finditer(folded):
        clause = _clause_around(folded, found.start(), found.end())
        if _CERFA_DOWNLOAD.search(folded) and not _NEGATION.search(clause):
            hits.append(Hit("cerfa", 2, 0.85, f"formulaire cerfa n° {found.group(1)}"))
        else:
            hits.append(Hit("cerfa_mention", 1, 0.6, f"cerfa n° {found.group(1)} cité"))
        break
    return hits


_ONLINE_WORDS = re.compile(r"en ligne|teleservice|internet|dematerialis|portail|plateforme")


def negates_online(folded: str) -> bool:
    """Whether a line says that the online channel is not (or no longer) available."""
    found = _ONLINE_WORDS.search(folded)
    return (
        found is not None
        and _NEGATION.search(_clause_around(folded, found.start(), found.end())) is not None
    )
