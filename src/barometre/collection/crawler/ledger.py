"""Per-site crawl state: which URLs were claimed (dedupe), the page budget, the site's hosts,
the stylesheets claimed (their own budget).

A site is crawled from its first page to its last by one crawl process (in the distributed mode
too: the unit of work is the site), so the ledger lives in memory and is dropped when the site
finishes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class MemoryLedger:
    def __init__(self) -> None:
        self._seen: dict[str, set[str]] = {}
        self._hosts: dict[str, set[str]] = {}
        self._stylesheets: dict[str, set[str]] = {}  # apart: they never take a page's place

    def claim_stylesheet(self, site: str, url: str, budget: int) -> bool:
        """True when the stylesheet `url` is new for `site` and its stylesheet budget is not
        spent (a budget of its own, outside the page budget)."""
        seen = self._stylesheets.setdefault(site, set())
        if url in seen or len(seen) >= budget:
            return False
        seen.add(url)
        return True

    def claim(self, site: str, url: str, budget: int) -> bool:
        """True when `url` is new for `site` and the site's page budget is not spent."""
        seen = self._seen.setdefault(site, set())
        if url in seen or len(seen) >= budget:
            return False
        seen.add(url)
        return True

    def seen(self, site: str, url: str) -> bool:
        return url in self._seen.get(site, ())

    def add_host(self, site: str, host: str) -> None:
        self._hosts.setdefault(site, set()).add(host)

    def hosts(self, site: str) -> frozenset[str]:
        return frozenset(self._hosts.get(site, ()))

    def forget(self, site: str) -> None:
        self._seen.pop(site, None)
        self._hosts.pop(site, None)
        self._stylesheets.pop(site, None)


@dataclass(slots=True)
class SiteTally:
    in_flight: int = 0
    pages: int = 0  # successful HTML pages of the site itself
    fetched: int = 0
    errors: int = 0
    first_error: str = ""
    # what the site's record says of a site done (a robots.txt or a page read in part), in French
    notes: list[str] = field(default_factory=list)
