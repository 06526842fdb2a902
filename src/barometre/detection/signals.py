"""From a page's structure to signals, each with the services its surroundings name."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from barometre.detection.cues import CueIndex
from barometre.detection.layout import Element, Structure
from barometre.detection.model import Signal, quoted
from barometre.detection.navigation import HEADING_SEPARATOR
from barometre.detection.phrases import PORTAL, Hit, negates_online, phrase_hits, worth_reading
from barometre.detection.platforms import PlatformRegistry
from barometre.detection.relevance import is_list_line
from barometre.detection.structure import FILE_LINK
from barometre.detection.text import fold

_FORMISH = re.compile(
    r"formulaire|cerfa|dossier|demande|bulletin|fiche|imprime|declaration|inscription|autorisation"
    r"|attestation|requete|candidature|mandat|coupon"
)
_NOT_A_PROCEDURE_FORM = re.compile(
    r"newsletter|lettre d'information|lettre d'info|cette page vous a|utile|satisfaction|avis sur"
    r"|commentaire|sondage|rechercher|recherche"
)
_CTA = re.compile(
    r"^(?:je |j')?(?:faire|fais|effectuer|effectue|deposer|depose|remplir|remplis|commencer"
    r"|commence|acceder a (?:la|ma) demarche|demander|demande|reserver|reserve|payer|paie|regler"
    r"|regle|prendre rendez-vous|prends rendez-vous|signaler|signale|declarer|declare"
    r"|(?:m'|s')inscrire|inscrire|inscris|pre-?inscri(?:re|s|vez)|candidater|postuler)\b"
)
_CERFA_LINK = re.compile(r"\bcerfa\b|\bformulaire\b[^|]{0,40}\(pdf")  # a form on a platform's page
_FORM_PATH = re.compile(
    r"formulaire|/forms?/|teleservice|eservice|/compte|/login|/connexion|rendez-vous|/rdv"
    r"|/espace|/portail|demarches-en-ligne",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class RawSignal:
    """A signal with the services named around it (local first, then the section heading)."""

    signal: Signal
    local: frozenset[str]
    heading: frozenset[str]
    fixed: tuple[str, ...] = ()
    claimant: str = ""  # a service that claims this signal if the page's subject allows it


LABEL_CHARS = 30
# a call to action whose words name no channel (the channels.yaml wording of "teleservice")
TELESERVICE = Hit("teleservice", 3, 0.75, "démarche en ligne", params=(("kind", "teleservice"),))
CTA_WORDS = 6


def _raw(
    signal: Signal,
    context: str,
    heading: frozenset[str],
    index: CueIndex,
    fixed: tuple[str, ...] = (),
    hits: dict[str, float] | None = None,
) -> RawSignal:
    """Attach the services named around a signal; a claiming service takes the signal alone."""
    claimant = "" if fixed else index.claimant(signal.kind, context) or ""
    if hits is None:
        hits = index.hits(context)
    local = {s for s, w in hits.items() if w >= 1}
    if is_list_line(context, hits):
        local = set()
    elif not local and 0 < context.find(" : ") <= LABEL_CHARS:
        # "Élections : formulaire cerfa 12669 (PDF)": a short label names the item's service
        local = set(index.hits(context.split(" : ", 1)[0]))
    return RawSignal(signal, frozenset(local), heading, fixed, claimant)


def _signal(hit: Hit, url: str) -> Signal:
    return Signal(
        hit.kind, hit.detail, url, hit.level, hit.strength, code=hit.code, params=hit.params
    )


def _host(url: str) -> str:
    rest = url.partition("://")[2]
    return rest.partition("/")[0].rsplit("@", 1)[-1].split(":", 1)[0].lower()


class _Headings:
    """The services of the deepest heading above a point that names any (cached per path)."""

    def __init__(self, structure: Structure, index: CueIndex) -> None:
        self.index = index
        self.title = fold(structure.title + " " + " ".join(structure.h1[:1]))
        self.cache: dict[str, frozenset[str]] = {}

    def services(self, heading: str) -> frozenset[str]:
        if heading not in self.cache:
            named: frozenset[str] = frozenset()
            for part in reversed(heading.split(HEADING_SEPARATOR)):
                folded_part = fold(part)
                if folded_part and folded_part in self.title:
                    continue  # a heading that repeats the page's title is not a section
                named = frozenset(self.index.hits(folded_part))  # short: weak cues count
                if named:
                    break
            self.cache[heading] = named
        return self.cache[heading]


def page_signals(
    structure: Structure,
    registry: PlatformRegistry,
    index: CueIndex,
    dead: frozenset[str],
    block_hits: list[dict[str, float]],
) -> list[RawSignal]:
    """Every signal of the main content, dead links left out."""
    headings = _Headings(structure, index)
    out = _wording_signals(structure, index, dead, block_hits, headings)
    page_host = _host(structure.url)
    for element in structure.elements:
        if element.url in dead:
            continue
        for signal, fixed in _element_signals(element, registry, page_host):
            # the surrounding block holds the link text: read it alone when there is one
            context = fold(element.context or element.text)
            signal = replace(signal, quote=quoted(element.text or element.context))
            out.append(_raw(signal, context, headings.services(element.heading), index, fixed))
    for selector in structure.markers:
        for sel, platform in registry.selectors:
            if sel == selector:
                detail = f"{platform.name} (bouton ou marqueur « {selector} »)"
                signal = Signal(
                    platform.kind, detail, structure.url, platform.level, 0.9,
                    code="platform_marker",
                    params=(("platform", platform.name), ("selector", selector)),
                )  # fmt: skip
                out.append(RawSignal(signal, frozenset(), frozenset(), platform.services))
    return out


def _wording_signals(
    structure: Structure,
    index: CueIndex,
    dead: frozenset[str],
    block_hits: list[dict[str, float]],
    headings: _Headings,
) -> list[RawSignal]:
    """The channel wording of each line; its evidence URL is the line's live link, if any."""
    out: list[RawSignal] = []
    elements = structure.elements
    titles = {*structure.h1, *structure.headings}
    previous = ""
    worth = worth_reading([block.folded for block in structure.blocks])
    for block, cue_hits, read in zip(structure.blocks, block_hits, worth, strict=True):
        folded, before, previous = block.folded, previous, block.folded
        hits = phrase_hits(folded, screened=True) if read else []
        if not hits:
            continue
        if block.text in titles and not block.links and not PORTAL.search(folded):
            hits = [h for h in hits if h.level < 3]  # a title "Demande d'acte en ligne" is no link
        if block.links and len(folded.split()) <= CTA_WORDS and negates_online(before):
            hits = [h for h in hits if h.level < 3]  # "not available online" above a button
        links = [elements[i].url for i in block.links if i < len(elements)]
        live = [u for u in links if u not in dead]
        if len(live) < len(links):
            hits = [h for h in hits if h.level < 3]  # the online channel of this line is dead
        url = live[0] if live else structure.url
        heading = headings.services(block.heading)
        for hit in hits:
            signal = replace(_signal(hit, url), quote=quoted(block.text))
            out.append(_raw(signal, folded, heading, index, (), cue_hits))
    return out


def _element_signals(
    element: Element, registry: PlatformRegistry, page_host: str
) -> list[tuple[Signal, tuple[str, ...]]]:
    if element.tag == "form":
        return _form_signals(element, registry)
    url = element.url
    folded = fold(element.text)
    internal = _host(url) == page_host
    platform = registry.match_link(url, element.text, internal=internal)
    if platform is not None and platform.kind == "platform" and _CERFA_LINK.search(folded):
        detail = "formulaire cerfa à télécharger"
        return [(Signal("cerfa", detail, url, 2, 0.9, code="cerfa_link"), ())]
    if platform is not None:
        detail = f"lien vers {platform.name}"
        signal = Signal(
            platform.kind, detail, url, platform.level, 0.95,
            code="platform_link", params=(("platform", platform.name),),
        )  # fmt: skip
        return [(signal, platform.services_for(url))]
    path = url.partition("://")[2].partition("/")[2].partition("?")[0]
    if FILE_LINK.search(path):
        words = folded + " " + fold(path.rsplit("/", 1)[-1]) + " " + fold(element.context)
        if _FORMISH.search(words):
            detail = "formulaire à télécharger"
            return [(Signal("download_form", detail, url, 2, 0.9, code="download_form"), ())]
        return [(Signal("document", "document téléchargeable", url, 1, 0.6, code="document"), ())]
    if element.tag == "iframe":
        return []
    action = folded and _CTA.search(folded)
    if action and (not internal or _FORM_PATH.search(url) or element.tag in {"button", "input"}):
        hits = phrase_hits(folded + " en ligne")
        kind = hits[0] if hits else TELESERVICE
        signal = Signal(
            kind.kind, kind.detail, url, kind.level, 0.75, code=kind.code, params=kind.params
        )
        return [(signal, ())]
    return []


def _form_signals(
    element: Element, registry: PlatformRegistry
) -> list[tuple[Signal, tuple[str, ...]]]:
    if element.is_search:
        return []
    platform = registry.match(element.url)
    if platform is not None:
        signal = Signal(
            platform.kind, f"formulaire vers {platform.name}", element.url, platform.level, 0.95,
            code="platform_form", params=(("platform", platform.name),),
        )  # fmt: skip
        return [(signal, platform.services)]
    folded = fold(element.text)
    if _NOT_A_PROCEDURE_FORM.search(folded) and not element.has_file:
        return []
    if element.has_password:
        detail = "formulaire de connexion à un compte"
        return [(Signal("account", detail, element.url, 3, 0.8, code="account_form"), ())]
    if (element.fields >= 2 and element.has_submit) or element.has_file:
        fields = "champ" if element.fields < 2 else "champs"  # an upload form may have one
        detail = f"formulaire en ligne ({element.fields} {fields})"
        signal = Signal(
            "html_form", detail, element.url, 3, 0.9,
            code="online_form", params=(("fields", element.fields),),
        )  # fmt: skip
        return [(signal, ())]
    return []
