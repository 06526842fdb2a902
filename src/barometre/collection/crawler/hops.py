"""The crawl's record of one-hop URLs (platforms, intercommunalities' sites): each is fetched
once, and its outcome reused for every other site that links to it (docs/crawler.md,
"Platforms fetched once").

A worker of the distributed audit runs for days, so the record is bounded: it keeps at most
`limit` URLs, least recently used first, and says which fetched URLs no remembered outcome names
any more, so that the parent can forget them too (their original record, their reading). No
Scrapy here: the spider asks, this answers.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace

from barometre.collection.crawler.jobs import FetchFailed, HopReused


@dataclass(slots=True)
class SharedHop:
    """A one-hop URL fetched once per crawl: the first site that links to it sends the request;
    the others wait for its outcome (`waiting`: site, depth) or reuse it at once."""

    waiting: list[tuple[str, int]] = field(default_factory=list)
    outcome: HopReused | FetchFailed | None = None  # its `site` is replaced for each reuse
    urls: tuple[str, ...] = ()  # every URL fetched for it (redirects, then the last), archived


class HopRecord:
    """One-hop URLs requested in this crawl, with their outcomes once known."""

    def __init__(self, limit: int) -> None:
        self.limit = max(limit, 1)
        self.hops: OrderedDict[str, SharedHop] = OrderedDict()
        # how many remembered outcomes name each URL (a chain of redirects, then the page):
        # a URL is forgotten once none does
        self._named: Counter[str] = Counter()

    def __contains__(self, url: object) -> bool:
        return url in self.hops

    def __len__(self) -> int:
        return len(self.hops)

    def used(self, url: str) -> SharedHop | None:
        """The URL's record, now the most recently used; None for a URL not requested yet."""
        shared = self.hops.get(url)
        if shared is not None:
            self.hops.move_to_end(url)
        return shared

    def requested(self, url: str) -> tuple[str, ...]:
        """The first site's request for `url` is sent: record it. Returns the URLs forgotten."""
        self.hops[url] = SharedHop()
        return self._forget()

    def settle(
        self, key: object, outcome: HopReused | FetchFailed, redirects: tuple[str, ...] = ()
    ) -> tuple[list[tuple[str, int]], tuple[str, ...]]:
        """The first fetch of the one-hop URL `key` has its outcome (`redirects`: the URLs it
        went through, archived too). Returns the sites waiting for it (site, depth), to be given
        the outcome, and the URLs forgotten."""
        shared = self.hops.get(key) if isinstance(key, str) else None
        if shared is None or shared.outcome is not None:
            return [], ()
        shared.outcome = outcome
        if isinstance(outcome, HopReused):
            shared.urls = outcome.chain
        else:  # a failure after redirects: those were archived too
            shared.urls = (*redirects, outcome.url) if outcome.url not in redirects else redirects
        self._named.update(shared.urls)
        if isinstance(outcome, HopReused) and outcome.url not in self.hops:
            # a site that links straight to where the link redirected reuses the page alone
            alone = replace(outcome, chain=(outcome.url,))
            self.hops[outcome.url] = SharedHop(outcome=alone, urls=alone.chain)
            self._named.update(alone.chain)
        forgotten = self._forget()
        waiting, shared.waiting = shared.waiting, []
        return waiting, forgotten

    def _forget(self) -> tuple[str, ...]:
        """Keep at most `limit` URLs: forget the least recently used ones whose outcome is
        known (one in flight has sites waiting for it). Returns the fetched URLs that no
        remembered outcome names any more."""
        gone: list[str] = []
        while len(self.hops) > self.limit:
            oldest = next((k for k, s in self.hops.items() if s.outcome is not None), None)
            if oldest is None:
                break
            for url in self.hops.pop(oldest).urls:
                self._named[url] -= 1
                if self._named[url] <= 0:
                    del self._named[url]
                    gone.append(url)
        return tuple(gone)
