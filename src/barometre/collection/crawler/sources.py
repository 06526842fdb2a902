"""Where the spider takes its next site: the job's own list, or (distributed worker) the sites
that its tasks hand over (crawler/inline.py)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Protocol

from barometre.collection.crawler.jobs import CrawlSite


class SiteSource(Protocol):
    def next_site(self) -> CrawlSite | None:
        """The next site to open, or None when there is none now."""

    def exhausted(self) -> bool:
        """True when no site will come any more."""


class MemorySource:
    """The sites of the job, in order."""

    def __init__(self, sites: Iterable[CrawlSite]) -> None:
        self._sites = deque(sites)

    def next_site(self) -> CrawlSite | None:
        return self._sites.popleft() if self._sites else None

    def exhausted(self) -> bool:
        return not self._sites
