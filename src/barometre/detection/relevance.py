"""How much a page is about each service: cue hits weighted by where they occur.

Title and main heading weigh 4, the URL 3, section headings 3 (at most 6 in all), the last
breadcrumb item 2, body lines 1 (at most 6 in all). Menus, headers and footers were set aside by
`structure`. A weak cue (too common to name a service alone) counts a third in the body and
half in the title, URL and headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from barometre.detection.cues import CueIndex, url_words
from barometre.detection.layout import Structure
from barometre.detection.text import fold, trie_pattern

ABOUT_THRESHOLD = 3.0
BODY_CAP = 6.0
HEADINGS_CAP = 6.0
HEADING_WEIGHT = 3.0
LIST_LINE = 3  # a line naming this many services is a list, not a procedure
WEAK_IN_ZONE = 1.5  # a weak cue's third becomes a half in title, URL and headings
_NEWS = re.compile(
    r"/(?:actualites?|actus?|news|agenda|evenements?|blog|presse|manifestations?)(?:/|$|\?)"
)
# Words of a procedure (stems matched as word starts): a line that names a service with one of
# them describes how to use the service, not just the service.
_PROCEDURE_STEMS = (
    "inscri|demande|dossier|formulaire|pieces a fournir|piece a fournir|pieces justificatives"
    "|piece justificative|justificatif|rendez-vous|modalites|reserv|depos|demarche|obten|delivr"
    "|souscri|sollicit|signal|paiement|payer|payez|regler|reglez|reglement|reglee"
    "|ramass|sortez|sortir|se faire|faites-vous"
)
_PROCEDURE = re.compile(r"\b(?:" + trie_pattern(_PROCEDURE_STEMS.split("|")) + ")")
_LIST_SEPARATORS = re.compile(r"[·•|]|\s[–-]\s")
_SENTENCE = re.compile(r"(?<=[a-z0-9)])[.!?] ")
_CRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|/|\|)\s*")


@dataclass(slots=True)
class Relevance:
    score: float = 0.0
    zones: list[str] = field(default_factory=list)
    strong_zone: bool = False
    named: bool = False  # a non-weak cue somewhere, or a weak one in the title or URL
    procedure: bool = False  # named next to procedure words, or by a signal

    def add(self, zone: str, weight: float, factor: float, cap: float | None = None) -> float:
        gained = weight * factor if cap is None else min(weight * factor, cap)
        self.score += gained
        if zone not in self.zones:
            self.zones.append(zone)
        self.named = self.named or weight >= 1 or weight * factor >= 2
        return gained


_NONE = Relevance()


def is_list_line(folded: str, hits: dict[str, float]) -> bool:
    """A line that lists services (quick links, a menu kept as text): it names none of them."""
    strong = sum(1 for w in hits.values() if w >= 1)
    return strong >= LIST_LINE and len(_LIST_SEPARATORS.findall(folded)) >= 2


def is_news(structure: Structure) -> bool:
    return _NEWS.search(fold(structure.url)) is not None


def about(rel: Relevance, news: bool) -> bool:
    """Whether a page is about a service: named, enough weight, and on news pages a procedure."""
    if not rel.named or rel.score < ABOUT_THRESHOLD:
        return False
    return rel.procedure or not news


def relevance(
    structure: Structure, index: CueIndex, block_hits: list[dict[str, float]]
) -> dict[str, Relevance]:
    found: dict[str, Relevance] = {}

    def zone(name: str, text: str, factor: float) -> None:
        hits = index.hits(text)
        rubric, colon, subject = text.partition(" : ")
        if colon and len(hits) > 1:
            # "État civil : Passeport": a weak cue in the rubric before the colon names no
            # subject when the words after it name another service outright
            after = index.hits(subject)
            if any(w >= 1 for w in after.values()):
                hits = {s: w for s, w in hits.items() if w >= 1 or s in after}
        for service, weight in hits.items():
            boosted = weight if weight >= 1 else min(1.0, weight * WEAK_IN_ZONE)
            found.setdefault(service, Relevance()).add(name, boosted, factor)

    zone("titre", fold(structure.title), 4.0)
    for h1 in structure.h1[:1]:
        zone("titre principal", fold(h1), 4.0)
    zone("adresse", url_words(structure.url), 3.0)
    crumbs = [c for c in _CRUMB_SPLIT.split(structure.breadcrumb) if c]
    if crumbs:
        zone("fil d'Ariane", fold(crumbs[-1]), 2.0)
    title = fold(structure.title + " " + " ".join(structure.h1[:1]))
    title_procedure = _PROCEDURE.search(title) is not None
    for strong in found.values():
        strong.strong_zone = True
        strong.procedure = title_procedure and strong.named
    _headings(structure, index, found)
    _body(structure, block_hits, found, index)
    return found


def _headings(structure: Structure, index: CueIndex, found: dict[str, Relevance]) -> None:
    gained: dict[str, float] = {}
    for heading in structure.headings:
        for service, weight in index.hits(fold(heading)).items():
            rel = found.setdefault(service, Relevance())
            room = HEADINGS_CAP - gained.get(service, 0.0)
            if room > 0:
                boosted = weight if weight >= 1 else min(1.0, weight * WEAK_IN_ZONE)
                gained[service] = gained.get(service, 0.0) + rel.add(
                    "intertitre", boosted, HEADING_WEIGHT, room
                )


def _named_with_procedure(folded: str, pending: list[str], index: CueIndex) -> list[str]:
    """The pending services named in the same sentence as a procedure word."""
    sentences = _SENTENCE.split(folded)
    if len(sentences) == 1:
        return pending
    named: set[str] = set()
    for sentence in sentences:
        if _PROCEDURE.search(sentence):
            named.update(index.hits(sentence))
    return [s for s in pending if s in named]


def _body(
    structure: Structure,
    block_hits: list[dict[str, float]],
    found: dict[str, Relevance],
    index: CueIndex,
) -> None:
    headings = set(structure.headings)
    skip = structure.h1[0] if structure.h1 else None
    gained: dict[str, float] = {}
    for block, hits in zip(structure.blocks, block_hits, strict=True):
        if not hits or block.text in headings or block.text == skip:
            continue
        folded = block.folded
        pending = [s for s, w in hits.items() if w >= 1 and not found.get(s, _NONE).procedure]
        if pending and not is_list_line(folded, hits) and _PROCEDURE.search(folded):
            for service in _named_with_procedure(folded, pending, index):
                found.setdefault(service, Relevance()).procedure = True
        for service, weight in hits.items():
            rel = found.setdefault(service, Relevance())
            room = BODY_CAP - gained.get(service, 0.0)
            if room > 0:
                gained[service] = gained.get(service, 0.0) + rel.add("texte", weight, 1.0, room)
