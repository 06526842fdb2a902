"""Downloader middlewares: refuse unsafe URLs, send every response to be archived as WARC."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Self

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response

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
        if sink is not None:
            # robots.txt requests carry no site: the spider knows which open site owns the host.
            site = request.meta.get("site") or spider.site_of(response.url)
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
                )
            )
        return response
