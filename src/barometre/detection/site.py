"""site_levels: a site's level for each service, the best-evidenced across its pages."""

from __future__ import annotations

from collections.abc import Iterable

from barometre.detection.calibration import calibrated_confidence
from barometre.detection.levels import best_level, rationale
from barometre.detection.model import PageAnalysis, Signal, SiteServiceLevel
from barometre.referential.catalogue import CatalogueSpec, default_catalogue

INHERITED_RELEVANCE = 4.0


def site_levels(
    analyses: Iterable[PageAnalysis],
    *,
    catalogue: CatalogueSpec | None = None,
    dead_urls: frozenset[str] = frozenset(),
) -> dict[str, SiteServiceLevel]:
    """The best-evidenced level of each service found on the site.

    - A signal whose URL is dead (404, failed fetch) is no evidence; a dead page gives nothing.
    - A page reached through a service's signal (a platform page linked from a service page)
      lends its own signals to that service, whatever services it names itself; a page on an
      outside platform (`analysis.platform`) is evidence only in that way, never on its own.
    - Levels are capped at the service's `max_level`.
    - A service that no page is about is absent from the result (its level is 0).
    """
    catalogue = catalogue or default_catalogue()
    max_levels = {s.id: s.max_level for s in catalogue.services}
    pages = [a for a in analyses if a.url not in dead_urls]
    lent = _lent_services(pages, dead_urls)
    best: dict[str, SiteServiceLevel] = {}
    for analysis in pages:
        for match in () if analysis.platform else analysis.services:
            if match.service not in max_levels:
                continue
            live = tuple(s for s in match.signals if s.url not in dead_urls)
            _keep(
                best, match.service, live, max_levels[match.service], match.relevance, analysis.url
            )
        for service in lent.get(analysis.url, ()):
            live = tuple(s for s in analysis.signals if s.url not in dead_urls)
            if service in max_levels and live:
                _keep(best, service, live, max_levels[service], INHERITED_RELEVANCE, analysis.url)
    return best


def _lent_services(pages: list[PageAnalysis], dead_urls: frozenset[str]) -> dict[str, set[str]]:
    """URL -> services whose evidence on another page links to it."""
    lent: dict[str, set[str]] = {}
    for analysis in pages:
        for match in () if analysis.platform else analysis.services:
            for signal in match.signals:
                if signal.url != analysis.url and signal.url not in dead_urls and signal.level >= 2:
                    lent.setdefault(signal.url, set()).add(match.service)
    return lent


def _keep(
    best: dict[str, SiteServiceLevel],
    service: str,
    signals: tuple[Signal, ...],
    max_level: int,
    relevance: float,
    page_url: str,
) -> None:
    level = best_level(signals, max_level)[0]
    if level == 0:
        return
    conf = calibrated_confidence(level, relevance, signals, max_level)
    current = best.get(service)
    if current is not None:
        pages = current.pages if page_url in current.pages else (*current.pages, page_url)
        if (current.level, current.confidence) >= (level, conf):
            best[service] = _with_pages(current, pages)
            return
    else:
        pages = (page_url,)
    best[service] = SiteServiceLevel(
        service=service,
        level=level,
        confidence=conf,
        evidence_url=page_url,
        signals=signals,
        rationale=rationale(level, max_level, signals),
        pages=pages,
    )


def _with_pages(level: SiteServiceLevel, pages: tuple[str, ...]) -> SiteServiceLevel:
    return SiteServiceLevel(
        level.service, level.level, level.confidence, level.evidence_url, level.signals,
        level.rationale, pages,
    )  # fmt: skip
