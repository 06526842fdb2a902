"""The crawler's network edge: a resolver that refuses private addresses, and farm mode.

`PublicOnlyResolver` judges every resolved address (a public host name that resolves to
10.0.0.1 is refused, after DNS, at connection time). `FarmDownloadHandler` sends every request
to one loopback address with the original `Host` header, so that the spider, the WARC archive
and detection see the real URLs of a site while a local farm answers (docs/adr/0001).
"""

from __future__ import annotations

from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import (  # the parser and protocol Scrapy uses
    HTTP11DownloadHandler,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _LenientHTTPClientParser,
)
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.resolver import CachingThreadedResolver
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError

from barometre.collection.crawler.failures import MAX_HEADER_BYTES, HeadersTooLarge
from barometre.collection.crawler.safety import address_refusal


class AddressRefused(DNSLookupError):
    """A host resolved to an address that the crawler may not contact."""


class PublicOnlyResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing non-public addresses unless allowed by settings."""

    allow_private = False

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> Self:
        resolver = super().from_crawler(crawler, reactor)
        resolver.allow_private = crawler.settings.getbool("BAROMETRE_ALLOW_PRIVATE")
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:  # noqa: N802 (Twisted API)
        deferred = super().getHostByName(name, timeout)
        deferred.addCallback(self._judge, name)
        return deferred

    def _judge(self, address: str, name: str) -> str:
        refusal = address_refusal(address, allow_private=self.allow_private)
        if refusal is not None:
            raise AddressRefused(f"{name} : {refusal}")
        return address


class _CappedParser(_LenientHTTPClientParser):
    """Scrapy's response parser, counting the bytes of the header section."""

    header_bytes = 0

    def lineReceived(self, line: bytes) -> None:  # noqa: N802 (Twisted API)
        self.header_bytes += len(line) + 1  # body bytes are not lines: the headers only
        if self.header_bytes > MAX_HEADER_BYTES:
            raise HeadersTooLarge
        super().lineReceived(line)


class _CappedProtocol(_LenientHTTP11ClientProtocol):
    def request(self, request: Any) -> Deferred[Any]:
        deferred = super().request(request)
        # as Scrapy does for its own parser: the class of the one request() makes is replaced
        self._parser.__class__ = _CappedParser
        return deferred


class _CappedFactory(_LenientHTTP11ClientFactory):
    def buildProtocol(self, addr: Any) -> _CappedProtocol:  # noqa: N802 (Twisted API)
        return _CappedProtocol(self._quiescentCallback)  # type: ignore[no-untyped-call]


class CappedDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 download handler, dropping a response whose header section is past
    MAX_HEADER_BYTES (the response size cap counts its body only)."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._pool._factory = _CappedFactory


class FarmDownloadHandler(BaseDownloadHandler):
    """Download http and https URLs from one plain-HTTP address, keeping the Host header."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        address = crawler.settings.get("BAROMETRE_FARM_ADDRESS")
        if not address:
            raise NotConfigured("farm mode is off")
        self._base = f"http://{address}"
        self._inner = CappedDownloadHandler.from_crawler(crawler)
        # Every site shares one loopback address: keep enough idle connections for all of them.
        self._inner._pool.maxPersistentPerHost = crawler.settings.getint("CONCURRENT_REQUESTS")

    async def download_request(self, request: Request) -> Response:
        parts = urlsplit(request.url)
        target = self._base + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = request.headers.copy()
        host = parts.hostname or ""
        headers[b"Host"] = f"{host}:{parts.port}" if parts.port else host
        response = await self._inner.download_request(request.replace(url=target, headers=headers))
        # Not response.replace(): it would compute the encoding of the still-compressed body.
        values = {name: getattr(response, name) for name in Response.attributes}
        values["url"] = request.url
        return response.__class__(**values)

    async def close(self) -> None:
        await self._inner.close()
