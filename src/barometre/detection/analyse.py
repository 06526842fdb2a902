"""analyse_page: which services a page is about, its signals, and a level for each service."""

from __future__ import annotations

import re

from barometre.detection.cues import CueIndex, cue_index
from barometre.detection.layout import Structure
from barometre.detection.learned import DEFAULT, LevelModelChoice, apply_level_model, resolve
from barometre.detection.levels import service_match
from barometre.detection.model import Page, PageAnalysis, ServiceMatch, Signal
from barometre.detection.phrases import PORTAL as _PORTAL
from barometre.detection.platforms import PlatformRegistry, load_platforms
from barometre.detection.relevance import ABOUT_THRESHOLD, Relevance, about, is_news, relevance
from barometre.detection.signals import RawSignal, page_signals
from barometre.detection.structure import structure_from_page
from barometre.detection.text import fold
from barometre.detection.vocabulary import default_service_model
from barometre.referential.catalogue import CatalogueSpec, default_catalogue

SIGNAL_BOOST = 3.0
FALLBACK_SCORE = 2.0
_TEXTUAL = ("html", "text", "xml")
_NO_SERVICE = re.compile(
    r"resultats? (?:de (?:la |votre )?)?recherche|/recherche\b|/search\b|plan du site|/plan-du-site"
    r"|/sitemap|[?&](?:q|s|search|keys|recherche)=|offres? d'emploi|\bnous recrutons\b"
    r"|\bla ville recrute\b|/emplois?/|/recrutement|fiche de poste"
)


def analyse_page(
    page: Page,
    *,
    catalogue: CatalogueSpec | None = None,
    platforms: PlatformRegistry | None = None,
    dead_urls: frozenset[str] = frozenset(),
    level_model: LevelModelChoice = DEFAULT,
) -> PageAnalysis:
    """Analyse one page. Never raises on bad markup; an error page is about no service.

    `level_model` is the learned stage over the rule level (`learned.py`): by default the stored
    model when its cross-validation enabled it (rule levels alone otherwise), another
    LevelModel, or None for the rule levels alone.
    """
    catalogue = catalogue or default_catalogue()
    registry = platforms or load_platforms()
    selectors = tuple(s for s, _ in registry.selectors)
    structure = structure_from_page(page, marker_selectors=selectors)
    empty = PageAnalysis(page.url, structure.title, (), (), structure.links, structure.text_only)
    if page.status >= 400 or not any(t in (page.content_type or "html").lower() for t in _TEXTUAL):
        return empty
    if _NO_SERVICE.search(fold(page.url + " " + structure.title)):
        return empty
    index = cue_index(catalogue)
    raw, matches = _service_matches(structure, index, registry, dead_urls)
    all_signals = tuple(dict.fromkeys(r.signal for r in raw))
    model = resolve(level_model)
    if model is not None:
        moved = (
            apply_level_model(
                m, model, index.max_levels[m.service], all_signals, text_only=structure.text_only
            )
            for m in matches
        )
        matches = tuple(m for m in moved if m is not None)
    on_platform = registry.match(page.url)
    platform_id = on_platform.id if on_platform else ""
    return PageAnalysis(
        page.url, structure.title, matches, all_signals, structure.links, structure.text_only,
        platform_id,
    )  # fmt: skip


def _service_matches(
    structure: Structure, index: CueIndex, registry: PlatformRegistry, dead_urls: frozenset[str]
) -> tuple[tuple[RawSignal, ...], tuple[ServiceMatch, ...]]:
    """The page's signals, and the services it is about with the rule level of each: which
    services the wording names (relevance), which signals go to which service (attribution),
    and the passing mentions left out."""
    block_hits = index.hits_many([b.folded for b in structure.blocks])
    found = relevance(structure, index, block_hits)
    news = is_news(structure)
    # a text page that no cue makes about any service: its wording may still say which
    learned = (
        _vocabulary(structure, found, index)
        if structure.text_only and not any(about(r, news) for r in found.values())
        else frozenset()
    )
    raw = page_signals(structure, registry, index, dead_urls, block_hits)
    portal = _PORTAL.search(fold(structure.title + " " + " ".join(structure.h1[:1]))) is not None
    untitled = structure.text_only and not structure.title  # an excerpt that starts in the body
    attributed, about_ids = _attribute(raw, found, news, index, portal=portal, untitled=untitled)
    matches = tuple(
        service_match(
            service,
            found[service].score,
            found[service].zones,
            tuple(attributed.get(service, ())),
            index.max_levels[service],
            structure.url,
        )
        for service in index.order
        if service in about_ids or service in attributed
    )
    return tuple(raw), without_passing_mentions(matches, keep=learned)


PASSING_SHARE = 0.5  # relevance below half the page's main service's: a passing mention
VOCABULARY_ZONE = "vocabulaire de la page"


def without_passing_mentions(
    matches: tuple[ServiceMatch, ...], keep: frozenset[str] = frozenset()
) -> tuple[ServiceMatch, ...]:
    """Leave out a service that the page only names in passing: no channel evidence of its own
    and less than half the relevance of the page's main service (a page on school enrolment
    that lists the identity card among the papers to bring is not about identity cards).
    `keep`: services the page's wording is about by the vocabulary model."""
    top = max((m.relevance for m in matches), default=0.0)
    return tuple(
        m
        for m in matches
        if m.relevance >= PASSING_SHARE * top
        or any(s.kind != "information" for s in m.signals)
        or m.service in keep
    )


def _vocabulary(
    structure: Structure, found: dict[str, Relevance], index: CueIndex
) -> frozenset[str]:
    """Services a text page is about by its wording (vocabulary.py), asked when the cues make it
    about none: each becomes about the page (the model stands for the cue weight and the
    procedure words)."""
    model = default_service_model()
    wording = fold("\n".join([structure.title] * 3 + [b.text for b in structure.blocks]))
    added: set[str] = set()
    for service in model.about(wording):
        rel = found.setdefault(service, Relevance())
        if service in index.max_levels and not about(rel, False):
            rel.add(VOCABULARY_ZONE, 1.0, ABOUT_THRESHOLD)
            rel.procedure = True
            added.add(service)
    return frozenset(added)


_NO_RELEVANCE = Relevance()


class _Buckets(dict[str, list[Signal]]):
    def give(self, service: str, signal: Signal) -> None:
        bucket = self.setdefault(service, [])
        if signal not in bucket:
            bucket.append(signal)


def _attribute(
    raw: list[RawSignal],
    found: dict[str, Relevance],
    news: bool,
    index: CueIndex,
    *,
    portal: bool = False,
    untitled: bool = False,
) -> tuple[dict[str, list[Signal]], set[str]]:
    """Give each signal to the services named around it, else to the page's main services.

    Signals that name their service (or whose platform does, or whose section heading does) are
    placed first, since they can make a page about a service (a link "Demande d'acte de
    naissance" on a hub page); the others then go to the page's main services. A page about no
    service by the weights may still be about the one service it names (or, when it offers an
    online channel, the services it names next to procedure words).
    """
    out = _Buckets()
    later = _place_named(raw, found, news, index, out, portal=portal)
    about_ids = [s for s in index.order if s in found and about(found[s], news)]
    if not about_ids:
        online = any(i.signal.level >= 2 for i in later)
        about_ids = _fallback(found, index, online=online, untitled=untitled)
    primary = [s for s in about_ids if found[s].strong_zone] or about_ids
    if portal:  # a page presenting a portal: its links serve every procedure it names
        named = [s for s in index.order if s in found and found[s].named and found[s].procedure]
        primary = list(dict.fromkeys([*primary, *named]))
        about_ids = list(dict.fromkeys([*about_ids, *named]))
    for item in later:
        heading = [s for s in index.order if s in item.heading and s in about_ids]
        for service in heading or primary:
            out.give(service, item.signal)
    return out, set(about_ids) | _bills(out, found, index)


def _bills(out: _Buckets, found: dict[str, Relevance], index: CueIndex) -> set[str]:
    """Services that a payment given to a service they subsume makes a page about.

    paiement-famille claims `payment` and subsumes the canteen, the crèche, the leisure centre
    and school enrolment (free itself: bills on its page are the canteen's): how a family pays
    for them is how it pays its bills (SERVICES.md: "online payment
    of canteen, nursery, leisure bills"), so a payment on their page, online or not (cheques,
    cash, a debit: `offline_payment`), is paiement-famille's evidence too. On a page whose
    enrolment is not done online (a form to fetch or download) an online payment moves to
    paiement-famille: it pays the bills, not the enrolment. Where the service itself is done
    online (a booking or an enrolment at level 3 or more), paying the booking completes it: the
    payment stays with the service and is given to paiement-famille as well (the independent
    coders of the real pages read both at 4).
    """
    added: set[str] = set()
    for claimant, subsumed in index.subsumes.items():
        if not any(service == claimant for service, _ in index.claims.get("payment", ())):
            continue
        for service in subsumed:
            signals = out.get(service, [])
            paid = [s for s in signals if s.kind in ("payment", "offline_payment")]
            if not paid:
                continue
            if not any(s.level >= 3 and s.kind != "payment" for s in signals):
                out[service] = [s for s in signals if s.kind != "payment"]
            for signal in paid:
                out.give(claimant, signal)
            found.setdefault(claimant, Relevance())
            added.add(claimant)
    return added


def _place_named(
    raw: list[RawSignal],
    found: dict[str, Relevance],
    news: bool,
    index: CueIndex,
    out: _Buckets,
    *,
    portal: bool = False,
) -> list[RawSignal]:
    """Place the signals that name their services; return the others.

    On a page with a subject (services named in its title, heading or address), a channel
    sentence lifts another service only where the page is about it too: a section heading
    names it, or its relevance alone makes the page about it. A passing mention ("paiement
    des factures en ligne" on a library page, a list of report categories) is not enough (the
    signal then goes to the page's subject); a page presenting a portal serves every procedure
    it names.
    """
    subject = {s for s, rel in found.items() if rel.strong_zone and rel.named}
    later: list[RawSignal] = []
    for item in raw:
        claimed = _claimed(item, subject, index)
        local = item.local - {item.claimant} if item.claimant and not claimed else item.local
        if subject and not portal and not claimed:
            local = frozenset(s for s in local if _may_lift(s, subject, item, found, news))
        targets = _targets(item, claimed, local, subject, found, index)
        if not targets:
            later.append(item)
        named_here = bool(claimed) or any(s in local for s in targets)
        for service in targets:
            if _credited(found.setdefault(service, Relevance()), item, named_here, claimed, news):
                out.give(service, item.signal)
    return later


def _targets(
    item: RawSignal,
    claimed: list[str],
    local: frozenset[str],
    subject: set[str],
    found: dict[str, Relevance],
    index: CueIndex,
) -> list[str]:
    """The services a signal goes to: those its sentence claims, else its fixed services, else
    those its line names, else those its section heading names (where they may be lifted)."""
    return (
        claimed
        or [s for s in item.fixed if s in index.max_levels]
        or [s for s in index.order if s in local]
        or [s for s in index.order if s in item.heading and _heading_may_lift(s, subject, found)]
    )


def _credited(
    rel: Relevance, item: RawSignal, named_here: bool, claimed: list[str], news: bool
) -> bool:
    """Whether the signal counts for a target service, making the page about it on the way: a
    channel that names its service makes the page about it (a hub of procedures); an offline
    one only when its sentence asks for the service ("demandez votre carte de résident au
    guichet", "les factures se règlent par prélèvement")."""
    offline = item.signal.level == 1 and named_here and (rel.procedure or bool(claimed))
    if (item.signal.level >= 2 or offline) and not about(rel, news):
        rel.add("lien ou phrase de démarche", 1.0, SIGNAL_BOOST)
        rel.procedure = True
    return item.signal.level >= 2 or about(rel, news)


def _may_lift(
    service: str, subject: set[str], item: RawSignal, found: dict[str, Relevance], news: bool
) -> bool:
    """Whether a signal naming `service` may lift it on a page whose subject is another."""
    if service in subject or service in item.heading:
        return True
    rel = found.get(service)
    return rel is not None and about(rel, news)


def _heading_may_lift(service: str, subject: set[str], found: dict[str, Relevance]) -> bool:
    """Whether a section heading may give a signal to `service`: on a page whose subject is
    another service, only a heading that names it outright (a weak cue such as "mercredi" in a
    heading does not take the page's channel from its subject)."""
    return not subject or service in subject or found.get(service, _NO_RELEVANCE).named


def _claimed(item: RawSignal, subject: set[str], index: CueIndex) -> list[str]:
    """The claiming service, when the page's subject is it or one of the services it subsumes
    (bills named on a canteen page are family bills; on a parking page, the parking fee, and
    then the claiming service does not get the signal at all)."""
    claimant = item.claimant
    if not claimant or claimant not in index.max_levels:
        return []
    allowed = {claimant, *index.subsumes.get(claimant, ())}
    if subject <= allowed or item.local & set(index.subsumes.get(claimant, ())):
        return [claimant]
    return []


def _fallback(
    found: dict[str, Relevance], index: CueIndex, *, online: bool, untitled: bool = False
) -> list[str]:
    """Services of a page that no service reached by weight: the one it names, if any.

    With an online channel on the page, the single service it names, else the services it
    names next to procedure words (a list of what a teleservice offers); without one, the
    service named next to procedure words with a score of 2 or more, twice any other's; with an
    online channel and no service named next to procedure words, the one its title names.
    On a page presenting a portal ("L'espace famille", "Mes démarches"), signals that name no
    service serve every service the page names next to procedure words. A text page without a
    title that none of these settles is about the service its body names most (`_dominant`).
    """
    named = [s for s in index.order if s in found and found[s].named and found[s].score >= 1]
    with_procedure = [s for s in named if found[s].procedure]
    if online:
        if len(named) == 1 or with_procedure:
            return named if len(named) == 1 else with_procedure
        # a blog or news post about one service, titled with it, giving its online channel in
        # words that name no service ("Les inscriptions se font via le portail famille")
        titled = [s for s in named if {"titre", "titre principal"} & set(found[s].zones)]
        if len(titled) == 1:
            return titled
        return _dominant(named, found) if untitled else []
    ranked = sorted(with_procedure, key=lambda s: -found[s].score)
    if (
        ranked
        and found[ranked[0]].score >= FALLBACK_SCORE
        and (len(ranked) == 1 or found[ranked[0]].score >= 2 * found[ranked[1]].score)
    ):
        return ranked[:1]
    if not any(found[s].strong_zone for s in found):
        # nothing in the title, heading or address names a service ("Infos pratiques", a
        # village's page of a few lines): each service named next to procedure words
        subsumed = {x for s in with_procedure for x in index.subsumes.get(s, ())}
        kept = [s for s in with_procedure if s not in subsumed]
        return kept or (_dominant(named, found) if untitled else [])
    return []


def _dominant(named: list[str], found: dict[str, Relevance]) -> list[str]:
    """On a text page without a title (an excerpt that starts in the body), the service its
    body names most, when it scores FALLBACK_SCORE or more and twice any other."""
    ranked = sorted(named, key=lambda s: -found[s].score)
    if not ranked or found[ranked[0]].score < FALLBACK_SCORE:
        return []
    if len(ranked) > 1 and found[ranked[0]].score < 2 * found[ranked[1]].score:
        return []
    return ranked[:1]
