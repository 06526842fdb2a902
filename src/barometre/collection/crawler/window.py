"""The window of sites in flight: which sites are open, their requests counted, each reported
finished when its last request is settled.

`SiteWindow` is the spider's bookkeeping, apart from what it fetches and follows
(crawler/spider.py). It opens sites in order, at most `site_window` at a time; it counts each
site's requests in flight, and when a site has none left it reports `SiteFinished`, so that the
parent can store that site's results while other sites are still being crawled.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Self

import scrapy
from scrapy import Request, signals
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from barometre.collection.crawler.failures import CrawlStopping, invalid_url_detail
from barometre.collection.crawler.jobs import CrawlJob, CrawlSite, Sink, SiteFinished
from barometre.collection.crawler.ledger import MemoryLedger, SiteTally
from barometre.collection.crawler.links import host_of, site_domain
from barometre.collection.crawler.sources import MemorySource, SiteSource


class SiteWindow(scrapy.Spider):
    """Opens sites, counts their requests, closes each site when it has none left. The
    subclass builds each request (`_request`, which counts it) and calls `_release` once the
    request is settled."""

    def __init__(
        self, job: CrawlJob, sink: Sink, source: SiteSource | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.job = job
        self.options = job.options
        self.sink = sink
        self.sites: dict[str, CrawlSite] = {}  # sites opened and not finished
        self.tallies: dict[str, SiteTally] = {}
        self.ledger = MemoryLedger()
        # the job's own sites, or (distributed worker) the sites its tasks hand over
        self.source: SiteSource = source if source is not None else MemorySource(job.sites)
        self.close_reason = ""
        self.stopping = False  # Ctrl-C: no new request is sent (StopGuardMiddleware)
        self._waiters: list[Deferred[None]] = []
        self._host_sites: dict[str, str] = {}  # domain of an open site's start URL -> site

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Self:
        spider: Self = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        return spider

    def _request(
        self, site: str, url: str, *, depth: int, hop: bool, strict: bool = False
    ) -> Request | None:
        """A request counted in the site's budget (built by the spider)."""
        raise NotImplementedError

    async def start(self) -> AsyncIterator[Request]:
        """Open sites in order, keeping at most `site_window` of them in flight.

        A site's requests stay in this process from its start page to its last page; the next
        site opens when one finishes, so memory depends on the window, not on the number of
        sites, and sites are stored as they finish, from the first minutes of an audit.
        """
        window = max(self.options.site_window, 1)
        while True:
            while len(self.tallies) < window:
                site = self.source.next_site()
                if site is None:
                    break
                for request in self._open(site):
                    yield request
            if self.source.exhausted():
                return
            await self._room()

    def _open(self, site: CrawlSite) -> list[Request]:
        """The start requests of one site; a site that cannot start fails alone."""
        self.sites[site.key] = site
        tally = self.tallies[site.key] = SiteTally()
        requests: list[Request] = []
        for url in (*site.start_urls, *(f"http://{h}/" for h in site.hosts)):
            domain = site_domain(host_of(url))
            self.ledger.add_host(site.key, domain)
            self._host_sites.setdefault(domain, site.key)
        for url in site.start_urls:
            try:  # a bad website never stops the audit of the others
                request = self._request(site.key, url, depth=0, hop=False, strict=True)
            except Exception as error:
                detail = invalid_url_detail(str(error))
                reason = f"URL de départ invalide : {url[:200]}" + (
                    f" ({detail})" if detail else ""
                )
                tally.first_error = tally.first_error or reason[:300]
                continue
            if request is not None:
                requests.append(request)
        if not requests:
            tally.first_error = tally.first_error or "aucune URL de départ valide"
            self._finish(site.key)
        return requests

    async def _room(self) -> None:
        """Wait until a site finishes (or a second passes: a shared queue may have new sites)."""
        from scrapy.utils.defer import maybe_deferred_to_future

        from barometre.collection.crawler.reactor import installed_reactor

        reactor = installed_reactor()
        waiter: Deferred[None] = Deferred()
        self._waiters.append(waiter)
        call = reactor.callLater(1.0, _fire, waiter)
        await maybe_deferred_to_future(waiter)
        if call.active():
            call.cancel()
        if (
            self._engine_idle() and not self.stopping
        ):  # no request anywhere: sites still counted lost one; close them
            for site in [s for s, t in self.tallies.items() if t.in_flight > 0]:
                self._finish(site)

    def _engine_idle(self) -> bool:
        engine = getattr(self.crawler, "engine", None)
        if engine is None or engine.downloader.active:
            return False
        slot = engine._slot  # Scrapy has no public "scheduler empty" for a running crawl
        scraper_idle = engine.scraper.slot is None or engine.scraper.slot.is_idle()
        return bool(scraper_idle and slot and not slot.scheduler.has_pending_requests())

    def site_of(self, url: str) -> str | None:
        """The open site whose start host is `url`'s (robots.txt requests carry no site)."""
        return self._host_sites.get(site_domain(host_of(url)))

    def note_host(self, url: str, note: str) -> None:
        """Tell, in the record of the open site that owns `url`'s host, what was read of it
        in part (its robots.txt past the parsing limit)."""
        site = self.site_of(url)
        if site is not None:
            self.note(site, note)

    def note(self, site: str, note: str) -> None:
        notes = self._tally(site).notes
        if note not in notes:
            notes.append(note)

    def start_redirected(self, site: str, target: str) -> None:
        """A start URL of `site` redirects to `target`: the robots.txt of its host, fetched
        before the page, belongs to the site too (it is often the one that forbids the crawl)."""
        if site in self.sites:
            self._host_sites.setdefault(site_domain(host_of(target)), site)

    def _tally(self, site: str) -> SiteTally:
        return self.tallies.setdefault(site, SiteTally())

    def _release(self, site: str) -> None:
        tally = self._tally(site)
        tally.in_flight -= 1
        if tally.in_flight <= 0:
            self._finish(site)

    def _finish(self, site: str) -> None:
        tally = self.tallies.pop(site, SiteTally())
        self.sites.pop(site, None)
        for domain in [d for d, owner in self._host_sites.items() if owner == site]:
            del self._host_sites[domain]
        done = tally.pages > 0
        reason = (
            "\u00a0; ".join(tally.notes)[:500]
            if done
            else (tally.first_error or "aucune page HTML accessible")
        )
        self.sink.send(
            SiteFinished(site, "done" if done else "failed", reason, tally.fetched, tally.errors)
        )
        self.ledger.forget(site)
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:  # a window slot is free: start() opens the next site
            _fire(waiter)

    def wake(self) -> None:
        """A site was handed over: let start() look at the source now."""
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            _fire(waiter)

    def stop_sending(self) -> None:
        """Ctrl-C: send no new request. Those queued in the downloader (waiting for their
        host's delay) are dropped, their sites left unfinished for the next run to crawl again;
        those already sent finish and are archived."""
        self.stopping = True
        engine = getattr(self.crawler, "engine", None)
        if engine is None:
            return
        for slot in list(engine.downloader.slots.values()):
            while slot.queue:
                _request, waiting = slot.queue.popleft()
                waiting.errback(Failure(CrawlStopping()))

    def on_idle(self) -> None:
        if self.stopping:
            return
        # Nothing is in flight: any site still counted has lost a request somewhere; close it.
        for site in [s for s, t in self.tallies.items() if t.in_flight > 0]:
            self._finish(site)

    def on_closed(self, reason: str) -> None:
        self.close_reason = reason

    def unfinished(self) -> tuple[str, ...]:
        return tuple(site for site, tally in self.tallies.items() if tally.in_flight > 0)


def _fire(waiter: Deferred[None]) -> None:
    if not waiter.called:
        waiter.callback(None)
