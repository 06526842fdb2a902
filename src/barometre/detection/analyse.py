"""analyse_page: which services a page is about, its signals, and a level for each service."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from barometre.detection.cues import CueIndex, cue_index, url_words
from barometre.detection.levels import service_match
from barometre.detection.model import Page, PageAnalysis, Signal
from barometre.detection.platforms import PlatformRegistry, load_platforms
from barometre.detection.signals import RawSignal, page_signals
from barometre.detection.structure import Structure, structure_from_page
from barometre.detection.text import fold
from barometre.referential.catalogue import CatalogueSpec, default_catalogue

ABOUT_THRESHOLD = 3.0
SIGNAL_BOOST = 3.0
BODY_CAP = 6.0
HEADINGS_CAP = 6.0
_TEXTUAL = ("html", "text", "xml")
_NEWS = re.compile(
    r"/(?:actualites?|actus?|news|agenda|evenements?|blog|presse|manifestations?)(?:/|$|\?)"
)
_PROCEDURE = re.compile(
    r"\b(?:inscri\w*|demande\w*|dossier|formulaire|pieces? (?:a fournir|justificatives?)"
    r"|justificatif|rendez-vous|modalites|reserv\w*|depos\w*|demarche\w*)"
)
_CRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|/|\|)\s*")


@dataclass(slots=True)
class Relevance:
    score: float = 0.0
    zones: list[str] = field(default_factory=list)
    strong_zone: bool = False
    named: bool = False  # at least one non-weak cue somewhere
    procedure: bool = False  # named next to procedure words or by a signal

    def add(self, zone: str, weight: float, factor: float, cap: float | None = None) -> float:
        gained = weight * factor if cap is None else min(weight * factor, cap)
        self.score += gained
        if zone not in self.zones:
            self.zones.append(zone)
        self.named = self.named or weight >= 1
        return gained


def analyse_page(
    page: Page,
    *,
    catalogue: CatalogueSpec | None = None,
    platforms: PlatformRegistry | None = None,
    dead_urls: frozenset[str] = frozenset(),
) -> PageAnalysis:
    """Analyse one page. Never raises on bad markup; an error page is about no service."""
    catalogue = catalogue or default_catalogue()
    registry = platforms or load_platforms()
    selectors = tuple(s for s, _ in registry.selectors)
    structure = structure_from_page(page, marker_selectors=selectors)
    if page.status >= 400 or not any(t in (page.content_type or "html").lower() for t in _TEXTUAL):
        return PageAnalysis(page.url, structure.title, (), (), structure.links, structure.text_only)
    index = cue_index(catalogue)
    relevance = _relevance(structure, index)
    raw = page_signals(structure, registry, index, dead_urls)
    attributed = _attribute(raw, relevance, structure, index)
    matches = []
    for service in index.order:
        rel = relevance.get(service)
        if rel is None or service not in attributed and not _about(rel, structure):
            continue
        signals = tuple(attributed.get(service, ()))
        matches.append(
            service_match(
                service, rel.score, rel.zones, signals, index.max_levels[service], structure.url
            )
        )
    page_signals_all = tuple(dict.fromkeys(r.signal for r in raw))
    return PageAnalysis(
        page.url,
        structure.title,
        tuple(matches),
        page_signals_all,
        structure.links,
        structure.text_only,
    )


def _relevance(structure: Structure, index: CueIndex) -> dict[str, Relevance]:
    found: dict[str, Relevance] = {}

    def zone(name: str, text: str, factor: float, cap: float | None = None) -> None:
        for service, weight in index.hits(text).items():
            found.setdefault(service, Relevance()).add(name, weight, factor, cap)

    zone("titre", fold(structure.title), 4.0)
    for h1 in structure.h1[:1]:
        zone("titre principal", fold(h1), 4.0)
    zone("adresse", url_words(structure.url), 3.0)
    crumbs = [c for c in _CRUMB_SPLIT.split(structure.breadcrumb) if c]
    if crumbs:
        zone("fil d'Ariane", fold(crumbs[-1]), 2.0)
    title_procedure = _PROCEDURE.search(fold(structure.title + " " + " ".join(structure.h1[:1])))
    for strong in found.values():
        strong.strong_zone = True
        strong.procedure = title_procedure is not None and strong.named
    headings = set(structure.headings)
    heading_gain: dict[str, float] = {}
    for heading in structure.headings:
        for service, weight in index.hits(fold(heading)).items():
            rel = found.setdefault(service, Relevance())
            room = HEADINGS_CAP - heading_gain.get(service, 0.0)
            if room > 0:
                heading_gain[service] = heading_gain.get(service, 0.0) + rel.add(
                    "intertitre", weight, 2.0, room
                )
    body_gain: dict[str, float] = {}
    for block in structure.blocks:
        if block.text in headings or (structure.h1 and block.text == structure.h1[0]):
            continue
        folded = fold(block.text)
        procedure = _PROCEDURE.search(folded) is not None
        for service, weight in index.hits(folded).items():
            rel = found.setdefault(service, Relevance())
            rel.procedure = rel.procedure or (procedure and weight >= 1)
            room = BODY_CAP - body_gain.get(service, 0.0)
            if room > 0:
                body_gain[service] = body_gain.get(service, 0.0) + rel.add(
                    "texte", weight, 1.0, room
                )
    return found


def _about(rel: Relevance, structure: Structure) -> bool:
    if not rel.named or rel.score < ABOUT_THRESHOLD:
        return False
    return rel.procedure or not _NEWS.search(fold(structure.url))


def _attribute(
    raw: list[RawSignal], relevance: dict[str, Relevance], structure: Structure, index: CueIndex
) -> dict[str, list[Signal]]:
    """Give each signal to the services named around it, else to the page's main services.

    Signals that name their service (or whose platform does) are placed first, since they can
    make a page about a service (a link "Demande d'acte de naissance" on a hub page); the others
    then go to the section's services, else to the page's main services.
    """
    out: dict[str, list[Signal]] = {}

    def give(service: str, signal: Signal) -> None:
        bucket = out.setdefault(service, [])
        if signal not in bucket:
            bucket.append(signal)

    later: list[RawSignal] = []
    for item in raw:
        targets = [s for s in item.fixed if s in index.max_levels] or [
            s for s in index.order if s in item.local
        ]
        if not targets:
            later.append(item)
            continue
        for service in targets:
            rel = relevance.setdefault(service, Relevance())
            if item.signal.level >= 2 and not _about(rel, structure):
                rel.add("lien ou phrase de démarche", 1.0, SIGNAL_BOOST)
                rel.procedure = True
            if item.signal.level >= 2 or _about(rel, structure):
                give(service, item.signal)
    about = [s for s in index.order if s in relevance and _about(relevance[s], structure)]
    primary = [s for s in about if relevance[s].strong_zone] or about
    for item in later:
        heading = [s for s in index.order if s in item.heading and s in about]
        for service in heading or primary:
            give(service, item.signal)
    return out
