"""The spider on pages we wrote: which links it follows, and what it reports."""

import asyncio
from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from barometre.collection.crawler.jobs import (
    CrawlJob,
    CrawlOptions,
    CrawlSite,
    FetchFailed,
    PageFetched,
    SiteFinished,
)
from barometre.collection.crawler.spider import SiteSpider

HOME = """<!doctype html><html><head><title>Mairie de Villeneuve</title></head><body>
<nav><a href="/etat-civil">État civil</a> <a href="/etat-civil#haut">État civil (haut)</a>
<a href="https://demarches.villeneuve.fr/formulaires/">Démarches</a>
<a href="https://www.service-public.fr/particuliers/vosdroits/R1406">Acte de naissance</a>
<a href="https://www.journal-exemple.fr/article">Presse</a>
<a href="mailto:mairie@villeneuve.fr">Écrire</a> <a href="javascript:void(0)">Menu</a>
<a href="ftp://villeneuve.fr/archives">Archives</a></nav></body></html>"""


class ListSink:
    def __init__(self) -> None:
        self.events: list[Any] = []

    def send(self, event: Any) -> None:
        self.events.append(event)


def make_spider(**options: Any) -> tuple[SiteSpider, ListSink]:
    job = CrawlJob(
        CrawlOptions(campaign="t", **options),
        (CrawlSite("12345", ("https://www.villeneuve.fr/",)),),
    )
    sink = ListSink()
    return SiteSpider(job=job, sink=sink), sink


def start_requests(spider: SiteSpider) -> list[Request]:
    async def collect() -> list[Request]:
        return [r async for r in spider.start()]

    return asyncio.run(collect())


def page(request: Request, body: str, url: str | None = None) -> HtmlResponse:
    return HtmlResponse(
        url or request.url,
        body=body.encode(),
        encoding="utf-8",
        request=request,
        headers={"Content-Type": "text/html; charset=utf-8"},
    )


def test_follows_the_site_and_platforms_one_hop() -> None:
    spider, sink = make_spider()
    [start] = start_requests(spider)
    assert start.meta == {"site": "12345", "depth": 0, "hop": False}
    followed = spider.parse(page(start, HOME))
    by_url = {r.url: r.meta for r in followed}
    assert set(by_url) == {
        "https://www.villeneuve.fr/etat-civil",  # once, fragment dropped
        "https://demarches.villeneuve.fr/formulaires/",  # a subdomain is the site
        "https://www.service-public.fr/particuliers/vosdroits/R1406",  # a platform: one hop
    }
    assert by_url["https://www.service-public.fr/particuliers/vosdroits/R1406"]["hop"] is True
    assert by_url["https://www.villeneuve.fr/etat-civil"] == {
        "site": "12345",
        "depth": 1,
        "hop": False,
    }
    [fetched] = [e for e in sink.events if isinstance(e, PageFetched)]
    assert fetched.body is not None and b"Mairie de Villeneuve" in fetched.body
    # A platform page is evidence but its own links are not followed.
    hop = next(r for r in followed if r.meta["hop"])
    assert spider.parse(page(hop, '<a href="https://www.service-public.fr/autre">x</a>')) == []


def test_depth_limit_keeps_platform_hops_only() -> None:
    spider, _ = make_spider(depth_limit=0)
    [start] = start_requests(spider)
    followed = spider.parse(page(start, HOME))
    assert [r.url for r in followed] == [
        "https://www.service-public.fr/particuliers/vosdroits/R1406"
    ]


def test_page_budget_caps_requests_per_site() -> None:
    spider, _ = make_spider(page_budget=2)
    [start] = start_requests(spider)
    assert len(spider.parse(page(start, HOME))) == 1  # the start page used one of the two


def test_a_site_finishes_when_nothing_is_left_in_flight() -> None:
    spider, sink = make_spider()
    [start] = start_requests(spider)
    followed = spider.parse(page(start, HOME))
    assert not [e for e in sink.events if isinstance(e, SiteFinished)]
    for request in followed[:-1]:
        spider.parse(page(request, "<html><body>ok</body></html>"))
    last = followed[-1]
    failure = Failure(HttpError(Response(last.url, status=404, request=last), "404"))
    failure.request = last  # type: ignore[attr-defined]
    spider.on_error(failure)
    failed = [e for e in sink.events if isinstance(e, FetchFailed)]
    assert failed == [
        FetchFailed("12345", last.url, "HTTP 404", 404, last.meta["depth"], last.meta["hop"])
    ]
    [finished] = [e for e in sink.events if isinstance(e, SiteFinished)]
    assert (finished.status, finished.pages, finished.errors) == (
        "done",
        3,
        1,
    )  # three responses, one failure


def test_a_site_whose_home_page_fails_is_recorded_with_its_reason() -> None:
    spider, sink = make_spider()
    [start] = start_requests(spider)
    failure = Failure(HttpError(Response(start.url, status=503, request=start), "503"))
    failure.request = start  # type: ignore[attr-defined]
    spider.on_error(failure)
    assert sink.events[-1] == SiteFinished("12345", "failed", "HTTP 503", 0, 1)


def test_malformed_pages_do_not_stop_the_crawl() -> None:
    spider, sink = make_spider()
    [start] = start_requests(spider)
    garbage = "<html><a href='/x\x00y'>" + "<div>" * 5000 + "\ufffd<a href='http://[::1'>bad</a>"
    followed = spider.parse(page(start, garbage))
    assert all(r.url.startswith("https://www.villeneuve.fr/") for r in followed)
    binary = HtmlResponse(start.url, body=bytes(range(256)) * 50, request=start)
    assert isinstance(spider.parse(binary), list)
    assert any(isinstance(e, SiteFinished) for e in sink.events)


def test_an_error_while_reading_a_page_is_said_in_french(monkeypatch: Any) -> None:
    """An unexpected error while reading a page was reported as « page illisible :
    ValueError("invalid literal for int() with base 10: 'x'") »: Python's English in the
    site's record and the audit summary."""
    spider, sink = make_spider()
    [start] = start_requests(spider)

    def broken(*_: Any) -> None:
        raise ValueError("invalid literal for int() with base 10: 'x'")

    monkeypatch.setattr(spider.ledger, "add_host", broken)
    assert spider.parse(page(start, HOME)) == []
    reasons = [e.reason for e in sink.events if isinstance(e, FetchFailed | SiteFinished)]
    assert "page illisible (erreur inattendue\u00a0: ValueError)" in reasons, reasons
    assert not any("invalid literal" in r for r in reasons)
