"""The detector's explanations in the page's language.

Detection writes its rationale and each signal's detail in French (barometre.detection: the CLI
and the stored records keep that French), and gives each signal a code and its parameters
(`Signal.code`, `Signal.params`, model.DETAIL_CODES), stored with the signal in an automatic
proposal's `rationale`. A page writes the detail and the proposal's explanation from them in its
own language: in French it is the stored French again (tests/web/test_explanations.py checks
it), in English the catalogue's translation. A proposal stored before the codes existed keeps
its stored French.

The French of the channel wordings (data/channels.yaml) and of the platforms' names
(data/platforms.yaml) are listed here for the catalogue, like the data labels: a platform that a
user's file adds keeps its name as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext, gettext_noop, pgettext
from django.utils.translation import gettext as _

from barometre.assessments.notes import (
    ACCEPTED_NOTE,
    AGREED_NOTE,
    ARBITRATION_NOTE,
    DEMO_LEVEL_NOTE,
    DEMO_NOT_APPLICABLE_NOTE,
    NO_WEBSITE_NOTE,
)
from barometre.assessments.services.review import BLIND_AUTHOR
from barometre.core.plural import counted
from barometre.detection.levels import held_by
from barometre.detection.model import Signal
from barometre.outputs.authors import (
    AUTO,
    DOUBLE_CODING,
    IMPORT,
    PUBLIC_NAMES,
    Pseudonyms,
    author_kind,
)

# the detail of each channel wording by its kind (detection/data/channels.yaml)
WORDINGS = {
    "franceconnect": gettext_noop("connexion FranceConnect"),
    "prefill": gettext_noop("données pré-remplies ou renouvellement automatique"),
    "payment": gettext_noop("paiement en ligne"),
    "tracking": gettext_noop("suivi de la demande en ligne"),
    "whole_online": gettext_noop("démarche entièrement en ligne"),
    "e_delivery": gettext_noop("décision ou document reçu en ligne"),
    "transaction": gettext_noop("réservation ou prolongation de documents en ligne"),
    "appointment": gettext_noop("prise de rendez-vous en ligne"),
    "electronic_means": gettext_noop("dépôt par voie électronique"),
    "teleservice": gettext_noop("démarche en ligne"),
    "account": gettext_noop("compte ou espace personnel en ligne"),
    "download_form": gettext_noop("formulaire à télécharger"),
    "email_only": gettext_noop("demande à envoyer par courriel ou par courrier"),
    "in_person": gettext_noop("démarche sur place ou par téléphone (pas en ligne)"),
    "offline_payment": gettext_noop("paiement par prélèvement, chèque ou espèces (pas en ligne)"),
}

# the names of the shipped platforms (detection/data/platforms.yaml)
PLATFORM_NAMES = (
    gettext_noop("téléservice de service-public.fr"),
    gettext_noop("ANTS (titres sécurisés)"),
    gettext_noop("moteur de rendez-vous de l'ANTS"),
    gettext_noop("Démarche Numérique (ex-démarches-simplifiées)"),
    gettext_noop("guichet numérique des autorisations d'urbanisme"),
    gettext_noop("PayFiP (paiement en ligne de la DGFiP)"),
    gettext_noop("FranceConnect"),
    gettext_noop("Espace Citoyens (Arpège)"),
    gettext_noop("portail famille Berger-Levrault"),
    gettext_noop("portail famille"),
    gettext_noop("portail citoyen Publik (Entr'ouvert)"),
    gettext_noop("prise de rendez-vous en ligne"),
    gettext_noop("Le Compte Asso"),
    gettext_noop("demande de logement social en ligne (site national)"),
    gettext_noop("demande de logement social en ligne"),
)


def _zone(zone: str) -> str:
    """Where a page names its service (detection/relevance.py and analyse.py)."""
    zones = {
        "titre": pgettext("zone de la page", "titre"),
        "titre principal": pgettext("zone de la page", "titre principal"),
        "adresse": pgettext("zone de la page", "adresse"),
        "fil d'Ariane": pgettext("zone de la page", "fil d'Ariane"),
        "intertitre": pgettext("zone de la page", "intertitre"),
        "texte": pgettext("zone de la page", "texte"),
        "vocabulaire de la page": pgettext("zone de la page", "vocabulaire de la page"),
        "lien ou phrase de démarche": pgettext("zone de la page", "lien ou phrase de démarche"),
    }
    return zones.get(zone, zone)


def _platform(name: object) -> str:
    return gettext(str(name)) if name else ""


def platform_name(name: str) -> str:
    """A value's platform (`Assessment.provider`) as a page says it: a shipped platform's name
    (PLATFORM_NAMES) in the active language, any other as written."""
    return gettext(name) if name in PLATFORM_NAMES else name


def _text(params: Mapping[str, Any], key: str) -> str:
    value = params.get(key, "")
    return str(value) if isinstance(value, str | int) else ""


def signal_detail(item: Mapping[str, Any]) -> str:
    """A stored signal's detail in the active language, from its code and parameters; the
    stored French when it has no code the page knows (a proposal stored before the codes)."""
    code, params = item.get("code"), item.get("params")
    stored = str(item.get("detail", ""))
    if not isinstance(code, str) or not isinstance(params, Mapping):
        return stored
    if code == "information":
        zones = params.get("zones")
        if not isinstance(zones, list | tuple):
            return stored
        named = ", ".join(_zone(str(z)) for z in zones) or _zone("texte")
        return _("page consacrée au service (%(zones)s)") % {"zones": named}
    if code == "wording":
        wording = WORDINGS.get(_text(params, "kind"))
        return gettext(wording) if wording == stored else stored
    if code == "searched":
        pages = params.get("pages")
        if not isinstance(pages, int):
            return stored
        return counted(pages, "page analysée", "pages analysées")
    detail = _named_detail(code, params)
    return stored if detail is None else detail


def _named_detail(code: str, params: Mapping[str, Any]) -> str | None:
    """The detail of a signal about a form, a document, a cerfa or a platform; None when its
    code is none of these or its parameters lack what the detail says."""
    fixed = {
        "cerfa_link": gettext_noop("formulaire cerfa à télécharger"),
        "download_form": gettext_noop("formulaire à télécharger"),
        "document": gettext_noop("document téléchargeable"),
        "account_form": gettext_noop("formulaire de connexion à un compte"),
    }
    if code in fixed:
        return gettext(fixed[code])
    number, platform = _text(params, "number"), _platform(params.get("platform"))
    if code == "cerfa_form" and number:
        return _("formulaire cerfa n° %(number)s") % {"number": number}
    if code == "cerfa_mention" and number:
        return _("cerfa n° %(number)s cité") % {"number": number}
    if code == "platform_link" and platform:
        return _("lien vers %(platform)s") % {"platform": platform}
    if code == "platform_form" and platform:
        return _("formulaire vers %(platform)s") % {"platform": platform}
    if code == "platform_marker" and platform:
        selector = _text(params, "selector")
        return _("%(platform)s (bouton ou marqueur « %(selector)s »)") % {
            "platform": platform,
            "selector": selector,
        }
    if code == "online_form" and isinstance(params.get("fields"), int):
        fields = counted(params["fields"], "champ", "champs")
        return _("formulaire en ligne (%(fields)s)") % {"fields": fields}
    return None


def _level_name(level: int) -> str:
    """The names of detection.model.LEVEL_NAMES, as the rationale says them."""
    names = {
        0: pgettext("niveau de l'échelle", "absent"),
        1: pgettext("niveau de l'échelle", "information"),
        2: pgettext("niveau de l'échelle", "interaction à sens unique"),
        3: pgettext("niveau de l'échelle", "interaction bidirectionnelle"),
        4: pgettext("niveau de l'échelle", "transaction"),
        5: pgettext("niveau de l'échelle", "personnalisation"),
    }
    return names.get(level, "?")


def _coded(rationale: object) -> list[Mapping[str, Any]] | None:
    """The stored signals when every one has its code and strength, else None."""
    if not isinstance(rationale, list) or not rationale:
        return None
    items = [item for item in rationale if isinstance(item, Mapping)]
    if len(items) < len(rationale):
        return None
    for item in items:
        if not item.get("code") or not isinstance(item.get("strength"), int | float):
            return None
        if not isinstance(item.get("level"), int):
            return None
    return items


def _distinct(signals: list[Signal]) -> list[Signal]:
    """The signals less repeats: two that say one thing on one address (a PDF a page links
    twice) are said once, in the place of the first."""
    seen: set[tuple[str, str, str, int]] = set()
    kept = []
    for signal in signals:
        key = (signal.kind, signal.detail, signal.url, signal.level)
        if key not in seen:
            seen.add(key)
            kept.append(signal)
    return kept


def proposal_explanation(level: int, max_level: int, rationale: object, stored: str) -> str:
    """An automatic proposal's explanation in the active language, as detection.levels
    .rationale writes it in French (level 0: the pages searched, as the audit writes it);
    `stored` (the French stored with the proposal) when its signals have no codes."""
    if level == 0:
        first = rationale[0] if isinstance(rationale, list) and rationale else None
        searched = first.get("params") if isinstance(first, Mapping) else None
        pages = searched.get("pages") if isinstance(searched, Mapping) else None
        if first is None or first.get("code") != "searched" or not isinstance(pages, int):
            return stored
        return _("Service recherché sur %(pages)s du site, sans résultat.") % {
            "pages": counted(pages, "page", "pages")
        }
    items = _coded(rationale)
    if items is None:
        return stored
    signals = [
        Signal(
            kind=str(item.get("kind", "")),
            detail=signal_detail(item),
            url=str(item.get("url", "")),
            level=int(item["level"]),
            strength=float(item["strength"]),
        )
        for item in items
    ]
    named, capped = held_by(_distinct(signals), max_level)
    values = {"level": level, "name": _level_name(level), "max": max_level}
    if capped:
        head = _("Niveau %(level)s (%(name)s), plafonné au maximum du service (%(max)s)") % values
    else:
        head = _("Niveau %(level)s (%(name)s)") % values
    if not named:
        return head
    parts = [_("%(detail)s (%(url)s)") % {"detail": s.detail, "url": s.url} for s in named]
    return _("%(head)s : %(signals)s") % {
        "head": head,
        "signals": pgettext("entre les indices d'une explication", " ; ").join(parts),
    }


# the notes the code writes itself (assessments.notes) and those of the shipped demonstration
# grids, each as stored, by exact match: an auditor's or a user's import's note is never translated.
# The grids store « démonstration : » with a plain space; the pages hold it with a no-break one.
REVIEW_NOTES = {
    ACCEPTED_NOTE: gettext_noop("Proposition acceptée après revue."),
    AGREED_NOTE: gettext_noop("Double codage concordant."),
    ARBITRATION_NOTE: gettext_noop("Arbitrage du double codage."),
    NO_WEBSITE_NOTE: gettext_noop("Aucun site internet connu pour cette commune."),
    DEMO_LEVEL_NOTE: gettext_noop("démonstration : niveau inventé"),
    DEMO_NOT_APPLICABLE_NOTE: gettext_noop("démonstration : service supposé sans objet"),
}


def review_note(note: str) -> str:
    """A value's note in the active language when the code wrote it (an accepted proposal, two
    agreeing blind answers, an arbitration's opening words, a commune without a website, the
    shipped demonstration grids' notes), else
    as written: an auditor's justification after « Arbitrage du double codage. » is kept as
    the auditor wrote it. In French, the stored note again (the demonstration grids' with a
    no-break space before « : »)."""
    if note in REVIEW_NOTES:
        return gettext(REVIEW_NOTES[note])
    head = ARBITRATION_NOTE + " "
    if note.startswith(head):
        rest = note[len(head) :]
        said = gettext(REVIEW_NOTES[ARBITRATION_NOTE])
        return f"{said} {gettext(REVIEW_NOTES[rest]) if rest in REVIEW_NOTES else rest}"
    return note


def public_author(authors: Pseudonyms, source: str, author: str) -> str:
    """Who decided a value, as a public page says it in the active language: « auditeur 2 »
    (outputs.authors: never a user name), « double codage », « import », « barometre »."""
    kind = author_kind(source, author)
    if kind == DOUBLE_CODING:
        return pgettext("auteur d'une valeur", "double codage")
    if kind == IMPORT:
        return pgettext("auteur d'une valeur", "import")
    if kind == AUTO:
        return PUBLIC_NAMES[AUTO]
    number = authors.number(source, author)
    if number is None:
        return pgettext("auteur d'une valeur", "auditeur")
    return pgettext("auteur d'une valeur", "auditeur %(number)s") % {"number": number}


def review_author(author: str) -> str:
    """Who decided a value, as a page says it: « double codage » (two agreeing blind answers,
    assessments.services.review.BLIND_AUTHOR) in the active language, a user's name as it is."""
    if author == BLIND_AUTHOR:
        return pgettext("auteur d'une valeur", "double codage")
    return author
