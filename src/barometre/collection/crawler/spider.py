"""One spider for every commune's site: keep to the site's hosts, follow platforms one hop.

The spider parses and reports; it stores nothing. Each page goes to the sink as `PageFetched`
(detection runs in the parent process), each failure as `FetchFailed`. Which sites are open and
when each is finished (`SiteFinished`) is the window's part (crawler/window.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scrapy import Request
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from barometre.collection.crawler.failures import (
    CrawlStopping,
    describe_failure,
    failed_url,
    start_failure,
    unreadable_page,
)
from barometre.collection.crawler.hops import HopRecord
from barometre.collection.crawler.jobs import (
    CrawlJob,
    FetchFailed,
    HopForgotten,
    HopReused,
    PageFetched,
    Sink,
)
from barometre.collection.crawler.links import (
    MAX_URL_LENGTH,
    TOO_NESTED,
    extract_references,
    header_charset,
    host_of,
    in_site,
    is_html,
    is_intercommunal,
    late_link_elements,
    links_note,
    links_part,
    site_domain,
    too_deeply_nested,
)
from barometre.collection.crawler.sources import SiteSource
from barometre.collection.crawler.window import SiteWindow


class SiteSpider(SiteWindow):
    name = "barometre"

    def __init__(
        self, job: CrawlJob, sink: Sink, source: SiteSource | None = None, **kwargs: Any
    ) -> None:
        super().__init__(job, sink, source, **kwargs)
        from barometre.detection.platforms import load_platforms

        self.platforms = load_platforms(self.options.platforms_path or None)
        # one-hop URLs (platforms, intercommunalities' sites) requested in this crawl: each is
        # fetched once, and reused for every other site that links to it (docs/crawler.md);
        # at most `hop_memory` of them (a worker runs for days)
        self.hops = HopRecord(self.options.hop_memory)
        # stylesheets are fetched only to be archived (the evidence viewer shows pages with them)
        self.fetch_stylesheets = self.options.archive and self.options.stylesheets

    def _request(
        self, site: str, url: str, *, depth: int, hop: bool, strict: bool = False
    ) -> Request | None:
        """A request counted in the site's budget; None when refused or over budget (`strict`:
        raise ValueError for a URL that cannot be requested, to say why)."""
        if len(url) > MAX_URL_LENGTH or not self.ledger.claim(site, url, self.options.page_budget):
            return None
        try:
            request = Request(
                url,
                callback=self.parse,
                errback=self.on_error,
                priority=-depth,
                meta={"site": site, "depth": depth, "hop": hop},
                dont_filter=True,  # the ledger dedupes (exact per-site budgets and completion)
            )
        except ValueError:  # "port out of range" and the like: a link that cannot be fetched
            if strict:
                raise
            return None
        self._tally(site).in_flight += 1
        return request

    def _hop(self, site: str, url: str, depth: int) -> Request | None:
        """A one-hop link: requested by the first site of the crawl that links to it; for the
        others, counted in their budget as a page fetched, and given the first fetch's outcome
        (at once, or when it comes) without a second request."""
        shared = self.hops.used(url)
        if shared is None:
            request = self._request(site, url, depth=depth, hop=True)
            if request is not None:
                request.meta["hop_key"] = url
                self._forgotten(self.hops.requested(url))
            return request
        if len(url) > MAX_URL_LENGTH or not self.ledger.claim(site, url, self.options.page_budget):
            return None
        if shared.outcome is None:  # in flight for another site
            shared.waiting.append((site, depth))
            self._tally(site).in_flight += 1
        else:
            self._reuse(site, depth, shared.outcome)
        return None

    def _reuse(self, site: str, depth: int, outcome: HopReused | FetchFailed) -> None:
        if isinstance(outcome, FetchFailed):
            self._failed(site, replace(outcome, site=site, depth=depth))
            return
        self._tally(site).fetched += 1
        self.sink.send(replace(outcome, site=site, depth=depth))

    def _hop_settled(
        self, meta: dict[str, Any], outcome: HopReused | FetchFailed, fetched: tuple[str, ...] = ()
    ) -> None:
        """The first fetch of a one-hop URL has its outcome: hand it to the sites waiting."""
        redirects = (*meta.get("redirect_urls", ()), *fetched)
        waiting, forgotten = self.hops.settle(meta.get("hop_key"), outcome, redirects)
        self._forgotten(forgotten)
        for site, depth in waiting:
            try:
                self._reuse(site, depth, outcome)
            finally:
                self._release(site)

    def _forgotten(self, urls: tuple[str, ...]) -> None:
        """Tell the parent which fetched one-hop URLs no remembered outcome names any more."""
        if urls:
            self.sink.send(HopForgotten(urls))

    def parse(self, response: Response) -> list[Request]:
        site, depth, hop = response.meta["site"], response.meta["depth"], response.meta["hop"]
        try:
            return self._handle(response, site, depth, hop)
        except Exception as error:  # a malformed page never stops the audit
            self.logger.info("page illisible\u00a0: %s", response.url, exc_info=True)
            event = FetchFailed(site, response.url, unreadable_page(error))
            self._failed(site, event)
            if hop:
                self._hop_settled(response.meta, replace(event, hop=True))
            return []
        finally:
            self._release(site)

    def _handle(self, response: Response, site: str, depth: int, hop: bool) -> list[Request]:
        tally = self._tally(site)
        tally.fetched += 1
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        html = isinstance(response, TextResponse) and is_html(content_type or "text/html")
        nested = html and too_deeply_nested(response.body)
        html = html and not nested  # archived, neither parsed here nor analysed (see links.py)
        encoding = header_charset(content_type)  # else detection reads <meta charset>
        body = response.body if (html and self.options.send_bodies) else None
        self.sink.send(
            PageFetched(
                site, response.url, response.status, content_type[:200], body, encoding, depth, hop
            )
        )
        if nested:
            self._failed(site, FetchFailed(site, response.url, TOO_NESTED, None, depth, hop))
        if hop:
            chain = (*response.meta.get("redirect_urls", ()), response.url)
            reused = HopReused(
                site,
                response.url,
                response.status,
                content_type[:200],
                chain,
                depth,
                body is not None,
            )
            self._hop_settled(response.meta, reused)
            return []
        if depth == 0:  # a start URL that redirects to another host: that host is the site's
            self.ledger.add_host(site, site_domain(host_of(response.url)))
        if not html:
            return []
        tally.pages += 1
        return self._follow(site, response, depth)

    def _follow(self, site: str, response: Response, depth: int) -> list[Request]:
        domains = self.ledger.hosts(site)
        one_hop = frozenset(self.sites[site].one_hop_hosts) if site in self.sites else frozenset()
        requests: list[Request] = []
        own_host_in_site = in_site(host_of(response.url), domains)
        body, late = links_part(response.body), b""
        if body is None:
            body = response.body
        else:  # archived and sent to detection whole; its links past the cap are not read
            self.note(site, links_note(response.url))
            if self.fetch_stylesheets:  # its stylesheets are, wherever they are
                late = late_link_elements(response.body, len(body))
        links, sheets = extract_references(
            body,
            response.url,
            own_host_texts=not own_host_in_site,
            stylesheets=self.fetch_stylesheets,
            late=late,
        )
        requests.extend(self._stylesheets(site, sheets, domains, depth))
        for url, host, text in links:
            if self.ledger.seen(site, url):
                continue
            if in_site(host, domains):
                request = (
                    self._request(site, url, depth=depth + 1, hop=False)
                    if depth < self.options.depth_limit
                    else None
                )
            elif host in one_hop or is_intercommunal(text) or self.platforms.match_link(url, text):
                request = self._hop(site, url, depth + 1)
            else:
                continue
            if request is not None:
                requests.append(request)
        return requests

    def _stylesheets(
        self, site: str, sheets: list[tuple[str, str]], domains: frozenset[str], depth: int
    ) -> list[Request]:
        """Requests for a page's stylesheets on the site's own hosts: the first
        `stylesheets_per_page` of them, each once per site and within the site's stylesheet
        budget (apart from the page budget). Robots.txt, delays and per-host limits apply as to
        pages; their answers are archived, never analysed nor followed (no @import)."""
        requests: list[Request] = []
        own = [(url, host) for url, host in sheets if in_site(host, domains)]
        for url, _host in own[: self.options.stylesheets_per_page]:
            if len(url) > MAX_URL_LENGTH:
                continue
            if not self.ledger.claim_stylesheet(site, url, self.options.stylesheets_per_site):
                continue
            try:
                request = Request(
                    url,
                    callback=self.on_stylesheet,
                    errback=self.on_stylesheet_error,
                    priority=-depth - 1,
                    headers={"Accept": "text/css,*/*;q=0.1"},
                    meta={
                        "site": site,
                        "depth": depth + 1,
                        "hop": False,
                        "stylesheet": True,
                        "download_maxsize": self.options.stylesheet_max_size,
                    },
                    dont_filter=True,
                )
            except ValueError:
                continue
            self._tally(site).in_flight += 1
            requests.append(request)
        return requests

    def on_stylesheet(self, response: Response) -> list[Request]:
        """A stylesheet arrived (and was archived on its way): nothing to analyse or follow."""
        self._release(response.meta["site"])
        return []

    def on_stylesheet_error(self, failure: Failure) -> None:
        """A stylesheet that could not be had is no failure of the site: not reported."""
        if failure.check(CrawlStopping):  # not sent: the site stays unfinished, not failed
            return
        self._release(failure.request.meta["site"])  # type: ignore[attr-defined]

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        site = request.meta["site"]
        if failure.check(CrawlStopping):  # not sent: the site stays unfinished, not failed
            return
        try:
            reason, status = describe_failure(failure)
            url = failed_url(failure)
            event = FetchFailed(
                site, url, reason, status, request.meta["depth"], request.meta["hop"]
            )
            self._failed(site, event)
            if event.hop:  # every URL fetched, the last too when the event names the first
                self._hop_settled(request.meta, event, fetched=(request.url,))
        finally:
            self._release(site)

    def _failed(self, site: str, event: FetchFailed) -> None:
        tally = self._tally(site)
        tally.errors += 1
        if event.depth == 0 and not event.hop:
            tally.first_error = start_failure(tally.first_error, event, self.sites.get(site))
        self.sink.send(event)
