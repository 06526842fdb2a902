"""Downloader middlewares: refuse unsafe URLs, send every response to be archived as WARC."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.http import Headers, HtmlResponse, Response
from twisted.internet.error import DNSLookupError

from barometre.collection.crawler.failures import CrawlStopping, RobotsRefusal, short_reason
from barometre.collection.crawler.safety import url_refusal
from barometre.collection.warc import HttpExchange


class UrlRefused(IgnoreRequest):
    """A URL that the crawler may not fetch (scheme, private address)."""


class AddressGuardMiddleware:
    """Refuse non-http(s) URLs and IP literals outside the public internet (redirects included).

    Host names are judged after DNS resolution by `network.PublicOnlyResolver`.
    """

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    @classmethod
    def from_crawler(cls, crawler: Any) -> Self:
        return cls(crawler.settings.getbool("BAROMETRE_ALLOW_PRIVATE"))

    def process_request(self, request: Request) -> None:
        refusal = url_refusal(request.url, allow_private=self.allow_private)
        if refusal is not None:
            raise UrlRefused(refusal)


class StopGuardMiddleware:
    """Last before the downloader: once the crawl is stopping (Ctrl-C), no request goes out.
    Requests already queued in the downloader are dropped by `SiteSpider.stop_sending`; this
    catches those still on their way (waiting for a robots.txt, a redirect, a retry)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if getattr(self.crawler.spider, "stopping", False):
            raise CrawlStopping()


def robots_crawl_delay(body: bytes, user_agent: str) -> float | None:
    """The `Crawl-delay` that a robots.txt body asks of `user_agent`, in seconds, or None."""
    from protego import Protego

    try:
        delay = Protego.parse(body.decode("utf-8", errors="replace")).crawl_delay(user_agent)
    except Exception:  # a malformed robots.txt asks for nothing we can read
        return None
    return float(delay) if delay and delay > 0 else None


class CrawlDelayMiddleware:
    """Honour robots.txt's `Crawl-delay`: a host that asks for one gets its requests at least
    that far apart (without jitter, at most `AUTOTHROTTLE_MAX_DELAY`), and AutoThrottle never
    shortens it. Scrapy reads the directive but does not apply it."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.user_agent = crawler.settings.get("USER_AGENT", "")
        self.cap = crawler.settings.getfloat("AUTOTHROTTLE_MAX_DELAY", 30.0)
        self.delays: dict[str, float] = {}  # download slot (host) -> delay asked

    @classmethod
    def from_crawler(cls, crawler: Any) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        key, delay = self._slot_delay(request)
        if delay is not None:
            request.meta["autothrottle_dont_adjust_delay"] = True
            self._apply(key, delay)

    def process_response(self, request: Request, response: Response) -> Response:
        key, delay = self._slot_delay(request)
        if delay is not None:  # the slot may have been dropped and made again meanwhile
            self._apply(key, delay)
        if is_robots_response(request, response) and response.status == 200:
            delay = robots_crawl_delay(response.body, self.user_agent)
            if delay is not None:
                key = self.crawler.engine.downloader.get_slot_key(request)
                self.delays[key] = min(delay, self.cap)
                self._apply(key, self.delays[key])
        return response

    def _slot_delay(self, request: Request) -> tuple[str, float | None]:
        if not self.delays:
            return "", None
        key = self.crawler.engine.downloader.get_slot_key(request)
        return key, self.delays.get(key)

    def _apply(self, key: str, delay: float) -> None:
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is not None and (slot.delay < delay or slot.jitter):
            slot.delay, slot.jitter = max(slot.delay, delay), 0.0


def is_robots_response(request: Request, response: Response) -> bool:
    """The answer to the robots.txt request that Scrapy's RobotsTxtMiddleware sent."""
    return bool(request.meta.get("dont_obey_robotstxt")) and (
        urlsplit(response.url).path == "/robots.txt"
    )


def is_robots_request(request: Request) -> bool:
    """A request for robots.txt sent by Scrapy's RobotsTxtMiddleware (or a redirect of it)."""
    return bool(request.meta.get("dont_obey_robotstxt"))


def _rules_host(request: Request) -> str:
    """The host whose rules a request (or the robots.txt request, redirected or not) is about:
    Scrapy keeps one robots.txt per network location of the URL first asked for."""
    urls: list[str] = request.meta.get("redirect_urls", [request.url])
    return urlsplit(urls[0]).netloc


# why the codings of a robots.txt could not be undone (robots.RobotsStreamMiddleware says it in
# the request's meta): its rules cannot be read, and RobotsUnavailableMiddleware forbids the host
UNREADABLE = "barometre_robots_unreadable"


class RobotsUnavailableMiddleware:
    """A robots.txt that cannot be read forbids the whole site, as RFC 9309 (2.3.1.4) requires:
    a server error (5xx, after retries) or no answer at all (timeout, connection refused or
    reset), or an answer whose codings cannot be undone (`UNREADABLE`: an unknown coding, bytes
    that do not decompress). Scrapy would read the error page as rules, or allow everything
    without rules. A 4xx robots.txt still allows everything.

    The archive keeps a 5xx response as received; for an unreachable robots.txt nothing was
    received and nothing is archived (the rules standing in for it carry `UNREACHABLE` in their
    flags). The pages refused fail with a French reason that says which robots.txt and why.
    """

    DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
    UNREACHABLE = "barometre:robots-unreachable"
    _SCRAPY_REFUSAL = "Forbidden by robots.txt"

    def __init__(self) -> None:
        self.refusals: dict[str, str] = {}  # host (netloc) -> why its robots.txt forbids all

    def process_response(self, request: Request, response: Response) -> Response:
        if (
            is_robots_response(request, response)
            and response.status >= 500
            and self.UNREACHABLE not in response.flags
        ):
            self.refusals[_rules_host(request)] = (
                f"robots.txt en erreur serveur (HTTP {response.status}) : "
                "exploration interdite (RFC 9309)"
            )
            return response.replace(body=self.DISALLOW_ALL)
        why = request.meta.get(UNREADABLE)
        if why and is_robots_response(request, response) and 200 <= response.status < 300:
            self.refusals[_rules_host(request)] = (
                f"robots.txt illisible ({why})\u00a0: exploration interdite (RFC 9309)"
            )
            return response.replace(body=self.DISALLOW_ALL)
        return response

    def process_exception(self, request: Request, exception: Exception) -> Response | None:
        if is_robots_request(request):
            if isinstance(exception, CrawlStopping):
                return None  # the pages are not sent either; the site stays unfinished
            refused = isinstance(exception, IgnoreRequest | CannotResolveHostError | DNSLookupError)
            if refused and not request.meta.get("redirect_urls"):
                # robots.txt of the host itself refused before sending (its address), or no
                # address: its pages are refused alike, with that reason (same URL check; the
                # resolver caches the refused address, so they get it again), and nothing
                # reaches any server. Letting Scrapy allow everything is harmless here.
                return None
            # unreachable, redirected to where the guard refuses to go, or over the size cap:
            # the host's own pages may be allowed, but its rules cannot be read
            why = short_reason(exception)
            detour = "redirection refusée\u00a0: " if refused else ""
            state = f"injoignable ({detour}{why})"
            if why == "réponse trop volumineuse":  # it answered: its rules are past the cap
                state = "trop volumineux (au-delà de la taille maximale des réponses)"
            self.refusals[_rules_host(request)] = (
                f"robots.txt {state}\u00a0: exploration interdite (RFC 9309)"
            )
            return Response(
                request.url,
                status=200,
                body=self.DISALLOW_ALL,
                flags=[self.UNREACHABLE],
                request=request,
            )
        if isinstance(exception, IgnoreRequest) and str(exception) == self._SCRAPY_REFUSAL:
            reason = self.refusals.get(_rules_host(request))
            if reason is not None:
                raise RobotsRefusal(reason)
        return None


class CharsetMiddleware:
    """A page whose charset decodes no text is read as UTF-8 (bytes that are not UTF-8 replaced),
    as a browser ignores a label it does not know, instead of failing.

    `charset=zlib` (or base64, rot13: codecs of Python that decode no text), `charset=idna` or
    `undefined` (that fail on any byte), a NUL in the label, in the `Content-Type` header or the
    page's `<meta charset>`: Scrapy's meta refresh reading of the page raised (LookupError,
    UnicodeError, ValueError) and the page failed as « erreur inattendue (LookupError) » or
    « adresse invalide », its site with it when it was the home page. After decompression, before
    the meta refresh (580), which decodes every HTML page anyway (the text is kept, not decoded
    twice). The archive keeps the header as received; the audit process reads the page as this
    does (consumer.decode_body)."""

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        try:
            response.text  # noqa: B018 - decoded by its header, BOM or <meta charset>
        except (LookupError, ValueError):  # UnicodeError is a ValueError
            return response.replace(encoding="utf-8")
        return response


def header_pairs(headers: Headers) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for name, values in headers.items():
        key = name.decode("latin-1")
        pairs.extend((key, value.decode("latin-1")) for value in values)
    return tuple(pairs)


class ExchangeMiddleware:
    """Send each raw response, with its request, to the sink; the audit process archives it.

    Placed closest to the downloader, it sees responses before decompression and redirects,
    so that the archive holds the bytes as the server sent them. Writing the WARC records in
    the audit process leaves the crawl process only the crawling (bench/audit.py).
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        spider = self.crawler.spider
        sink = getattr(spider, "sink", None)
        if sink is not None and RobotsUnavailableMiddleware.UNREACHABLE not in response.flags:
            # robots.txt requests carry no site: the spider knows which open site owns the host.
            site = request.meta.get("site") or spider.site_of(response.url)
            location = response.headers.get(b"Location")
            if (
                site
                and location
                and request.meta.get("depth") == 0
                and 300 <= response.status < 400
            ):
                target = urljoin(response.url, location.decode("latin-1"))
                spider.start_redirected(site, target)
            sink.send(
                HttpExchange(
                    url=response.url,
                    method=request.method,
                    request_headers=header_pairs(request.headers),
                    status=response.status,
                    response_headers=header_pairs(response.headers),
                    body=response.body,
                    fetched_at=datetime.now(UTC),
                    protocol=(getattr(response, "protocol", None) or "HTTP/1.1").upper(),
                    site=site,
                    role="stylesheet" if request.meta.get("stylesheet") else "",
                    hop=bool(request.meta.get("hop")),
                    truncated="download_stopped" in response.flags,
                )
            )
        return response
