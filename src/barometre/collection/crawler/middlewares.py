"""Downloader middlewares: refuse unsafe URLs, archive every response as WARC."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import scrapy
from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response

from barometre import __version__
from barometre.collection.crawler.jobs import Archived
from barometre.collection.crawler.safety import url_refusal
from barometre.collection.warc import HttpExchange, WarcArchive


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


class WarcArchiveMiddleware:
    """Write each raw response, with its request, to the campaign's WARC files.

    Placed closest to the downloader, it sees responses before decompression and redirects,
    so that the archive holds the bytes as the server sent them.
    """

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.archive = WarcArchive(
            Path(settings["BAROMETRE_WARC_ROOT"]),
            settings["BAROMETRE_CAMPAIGN"],
            max_bytes=settings.getint("BAROMETRE_WARC_MAX_BYTES"),
            software=f"barometre/{__version__} (Scrapy {scrapy.__version__})",
        )
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        fetched_at = datetime.now(UTC)
        site = request.meta.get("site")
        exchange = HttpExchange(
            url=response.url,
            method=request.method,
            request_headers=header_pairs(request.headers),
            status=response.status,
            response_headers=header_pairs(response.headers),
            body=response.body,
            fetched_at=fetched_at,
            protocol=(getattr(response, "protocol", None) or "HTTP/1.1").upper(),
            site=site,
        )
        where = self.archive.write(exchange)
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        sink = getattr(self.crawler.spider, "sink", None)
        if sink is not None:
            sink.send(
                Archived(
                    site=site,
                    url=response.url,
                    status=response.status,
                    content_type=content_type[:200],
                    warc_file=where.warc_file,
                    offset=where.offset,
                    length=where.length,
                    digest=where.digest,
                    fetched_at=fetched_at,
                )
            )
        return response

    def spider_closed(self) -> None:
        self.archive.close()
