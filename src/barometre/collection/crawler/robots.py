"""The parsing limit of robots.txt (RFC 9309, 2.5): a robots.txt longer than the limit is read
up to it and its rules there obeyed, instead of being cancelled at the response size cap and
taken as unreadable (which forbade the whole host).

Two downloader middlewares: `RobotsStreamMiddleware`, next to the downloader, receives a
robots.txt whatever its announced size and stops the download past the limit (the archive keeps
what was received, marked truncated) and undoes its codings (`Content-Encoding`, one or a list
of them) up to the limit; `RobotsLimitMiddleware`, after decompression, cuts the rules at the
last whole line within the limit and notes it for the site that owns the host.
"""

from __future__ import annotations

import sys
import zlib
from typing import Any, Self

from scrapy import Request, signals
from scrapy.exceptions import StopDownload
from scrapy.http import Response

from barometre.collection.crawler.jobs import DEFAULT_ROBOTS_LIMIT
from barometre.collection.crawler.middlewares import (
    UNREADABLE,
    is_robots_request,
    is_robots_response,
)
from barometre.core.typography import grouped

_RECEIVED = "barometre_robots_received"
# Codings undone at most: servers apply one, a misconfigured proxy a second; more is no robots.txt
MAX_CODINGS = 3
_CODINGS = (b"gzip", b"x-gzip", b"deflate", b"br", b"zstd")


def robots_note(limit: int) -> str:
    """What the site's record says of a robots.txt read up to `limit` bytes only."""
    size = f"{grouped(limit // 1024)}\u00a0Kio"
    return (
        f"robots.txt trop volumineux (plus de {size})\u00a0: seules les règles de ses "
        f"{size} premiers sont appliquées (RFC 9309)"
    )


def robots_cut(body: bytes, limit: int) -> bytes:
    """The rules within `limit` bytes, up to the last line break: a line cut in the middle
    (« Disallow: /archives/2019 » read as « Disallow: /arch ») would be another rule."""
    head = body[:limit]
    end = max(head.rfind(b"\n"), head.rfind(b"\r"))
    return head[: end + 1] if end >= 0 else b""


class RobotsStreamMiddleware:
    """Next to the downloader: a robots.txt is not cancelled for its size (its
    `Content-Length` past the response cap), it is received up to the parsing limit, then the
    download stops (Scrapy's `StopDownload`: the response keeps what came, flagged
    `download_stopped`). Asked without compression; a server that compresses it anyway has it
    decompressed here up to the limit (gzip, deflate, br, zstd), after the archive took it as
    received."""

    def __init__(self, crawler: Any) -> None:
        self.limit = crawler.settings.getint("BAROMETRE_ROBOTS_LIMIT", DEFAULT_ROBOTS_LIMIT)
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        self.warn_size = crawler.settings.getint("DOWNLOAD_WARNSIZE")
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if is_robots_request(request):
            request.meta.update(download_maxsize=0, download_warnsize=0)
            request.meta[_RECEIVED] = 0
            request.headers[b"Accept-Encoding"] = b"identity"

    def bytes_received(self, data: bytes, request: Request, **_: Any) -> None:
        if is_robots_request(request):
            request.meta[_RECEIVED] = request.meta.get(_RECEIVED, 0) + len(data)
            if request.meta[_RECEIVED] > self.limit:
                raise StopDownload(fail=False)

    def process_response(self, request: Request, response: Response) -> Response:
        if not is_robots_request(request):
            return response
        request.meta.update(download_maxsize=self.max_size, download_warnsize=self.warn_size)
        request.meta.pop(UNREADABLE, None)  # of an earlier response of its redirect chain
        codings = content_codings(response.headers.getlist(b"Content-Encoding"))
        if not codings:
            return response
        response.headers.pop(b"Content-Encoding", None)
        try:
            return response.replace(body=decoded_layers(response.body, codings, self.limit))
        except UnreadableCodings as error:  # no rules can be read: the host is forbidden
            request.meta[UNREADABLE] = error.reason
            return response.replace(body=b"")


class UnreadableCodings(ValueError):
    """A body whose codings cannot be undone: `reason` says why, in French."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def content_codings(values: list[bytes]) -> list[bytes]:
    """The codings of `Content-Encoding` headers, in the order they were applied (RFC 9110,
    8.4: a list, in one header or several), lower case, `identity` left out."""
    found = (c.strip().lower() for value in values for c in value.split(b","))
    return [c for c in found if c and c != b"identity"]


def decoded_layers(body: bytes, codings: list[bytes], limit: int) -> bytes:
    """`body` with its `codings` undone, the last applied first, each step decompressed up to
    `limit` bytes and one more (`decoded_head`): a bomb of several layers is never decompressed
    further at any step. Raises UnreadableCodings for a coding not known, more than
    MAX_CODINGS of them, or bytes that do not decompress."""
    if len(codings) > MAX_CODINGS:
        raise UnreadableCodings(f"plus de {MAX_CODINGS} codages successifs")
    for coding in codings:
        if coding not in _CODINGS:
            name = coding.decode("latin-1")[:40]
            raise UnreadableCodings(f"codage «\u00a0{name}\u00a0» non pris en charge")
    for coding in reversed(codings):
        head = decoded_head(body, coding, limit)
        if head is None:
            raise UnreadableCodings("contenu compressé illisible")
        body = head
    return body


def decoded_head(body: bytes, encoding: bytes, limit: int) -> bytes | None:
    """A gzip, deflate, brotli or zstd body decompressed up to `limit` bytes and one more (a
    robots.txt of 6 MB compressed into 20 KB is read as far as its rules are, not refused at
    the response cap; a bomb is never decompressed further), or None for another encoding, or
    a body that does not decompress."""
    if encoding == b"br":
        return _brotli_head(body, limit + 1)
    if encoding == b"zstd":
        return _zstd_head(body, limit + 1)
    windows = {b"gzip": (31,), b"x-gzip": (31,), b"deflate": (15, -15)}.get(encoding, ())
    for wbits in windows:
        try:
            return zlib.decompressobj(wbits).decompress(body, limit + 1)
        except zlib.error:
            continue
    return None


def _brotli_head(body: bytes, size: int) -> bytes | None:
    """The first `size` bytes of a brotli body (its output buffer stops growing there); of one
    cut short (the download stopped at the limit), what it holds, a piece at a time."""
    import brotli  # installed with Scrapy

    decompressor = brotli.Decompressor()
    try:
        head = decompressor.process(body, output_buffer_limit=size)
        while len(head) < size and not decompressor.is_finished():
            more = decompressor.process(b"", output_buffer_limit=size - len(head))
            if not more:
                break
            head += more
    except brotli.error:
        return None
    return bytes(head[:size])


def _zstd_head(body: bytes, size: int) -> bytes | None:
    """The first `size` bytes of a zstd body, frame after frame."""
    if sys.version_info >= (3, 14):
        from compression import zstd
    else:  # Scrapy installs it before Python 3.14
        from backports import zstd
    head = b""
    while body and len(head) < size:
        decompressor = zstd.ZstdDecompressor()
        try:
            head += decompressor.decompress(body, size - len(head))
        except zstd.ZstdError:
            return head or None
        body = decompressor.unused_data if decompressor.eof else b""
    return head


class RobotsLimitMiddleware:
    """After decompression, before robots.txt is parsed (for its rules and its `Crawl-delay`):
    a body past the parsing limit is cut at its last whole line within it, and the site whose
    host it rules is told, for its record (`SiteFinished.reason` of a site done)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.limit = crawler.settings.getint("BAROMETRE_ROBOTS_LIMIT", DEFAULT_ROBOTS_LIMIT)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not is_robots_response(request, response) or len(response.body) <= self.limit:
            return response
        if 200 <= response.status < 300:
            first = (request.meta.get("redirect_urls") or [request.url])[0]
            note = getattr(self.crawler.spider, "note_host", None)
            if note is not None:
                note(first, robots_note(self.limit))
        return response.replace(body=robots_cut(response.body, self.limit))
