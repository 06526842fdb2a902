"""Writing: rotating, gzipped WARC files of every response (and its request), and revisit
records of one-hop pages fetched once for several sites."""

from __future__ import annotations

import io
import os
import re
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from barometre.collection.warc.headers import (
    BAROMETRE_REFERS_TO_HEADER,
    BAROMETRE_ROLE_HEADER,
    BAROMETRE_SITE_HEADER,
)

_HOP_BY_HOP = {"transfer-encoding", "connection", "keep-alive"}


@dataclass(frozen=True, slots=True)
class Location:
    warc_file: str
    offset: int
    length: int
    digest: str


@dataclass(frozen=True, slots=True)
class _Original:
    """A one-hop response this archive holds, for the revisit records of other sites."""

    record_id: str
    date: str
    file_name: str
    offset: int
    digest: str
    status_line: str
    protocol: str
    headers: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class HttpExchange:
    """One request and its response as the crawler saw them (body as received, still encoded)."""

    url: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
    status: int
    response_headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime
    protocol: str = "HTTP/1.1"
    site: str | None = None
    role: str = ""  # "stylesheet": fetched for the viewer, not a page of the site
    hop: bool = False  # a one-hop page (platform…): remembered, to be reused by other sites
    # the download was stopped before the end (a robots.txt past its parsing limit): the
    # record says so (`WARC-Truncated: length`, WARC 1.1)
    truncated: bool = False


class WarcArchive:
    """A set of rotating WARC files for one campaign, written by one process."""

    def __init__(self, root: Path, campaign: str, *, max_bytes: int, software: str) -> None:
        self.root = root
        self.directory = root / campaign
        self.directory.mkdir(parents=True, exist_ok=True)
        self.campaign = campaign
        self.max_bytes = max_bytes
        self.software = software
        self._serial = 0
        self._file: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self._relative = ""
        self._name = ""
        # one-hop responses by URL (the latest), referred to by the revisit records of the
        # other sites that reuse them (docs/crawler.md, "Platforms fetched once")
        self._originals: dict[str, _Original] = {}

    def _open(self) -> None:
        self.close()
        self._serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        # Host and pid: workers on several machines write to one shared directory.
        host = re.sub(r"[^A-Za-z0-9.-]", "_", socket.gethostname())[:40] or "host"
        name = f"{self.campaign}-{stamp}-{host}-{os.getpid()}-{self._serial:05d}.warc.gz"
        self._file = open(self.directory / name, "ab")  # noqa: SIM115 (kept open across writes)
        self._relative = f"{self.campaign}/{name}"
        self._name = name
        self._writer = WARCWriter(self._file, gzip=True, warc_version="WARC/1.1")
        info = {
            "software": self.software,
            "format": "WARC File Format 1.1",
            "isPartOf": self.campaign,
            "robots": "obey",
        }
        self._writer.write_record(self._writer.create_warcinfo_record(name, info))

    def write(self, exchange: HttpExchange) -> Location:
        """Append the response and request records; return where the response record is."""
        if self._file is None or self._file.tell() >= self.max_bytes:
            self._open()
        assert self._writer is not None and self._file is not None
        response = self._response_record(exchange)
        offset = self._file.tell()
        self._writer.write_record(response)
        length = self._file.tell() - offset
        self._writer.write_record(self._request_record(exchange, response))
        digest = response.rec_headers.get_header("WARC-Payload-Digest") or ""
        if exchange.hop:
            http = response.http_headers
            self._originals[exchange.url] = _Original(
                record_id=response.rec_headers.get_header("WARC-Record-ID") or "",
                date=response.rec_headers.get_header("WARC-Date") or "",
                file_name=self._name,
                offset=offset,
                digest=digest,
                status_line=http.statusline,
                protocol=http.protocol,
                headers=tuple(http.headers),
            )
        return Location(self._relative, offset, length, digest)

    def forget(self, urls: tuple[str, ...]) -> None:
        """The crawl forgot these one-hop URLs (HopForgotten): no revisit will refer to them."""
        for url in urls:
            self._originals.pop(url, None)

    def remembered(self) -> int:
        """How many one-hop responses this archive keeps for revisit records."""
        return len(self._originals)

    def original_status(self, url: str) -> tuple[int, str] | None:
        """Status and content type of the one-hop response archived for `url`, if any."""
        original = self._originals.get(url)
        if original is None:
            return None
        code = original.status_line.split(" ", 1)[0]
        content_type = next((v for n, v in original.headers if n.lower() == "content-type"), "")
        return (int(code) if code.isdigit() else 0), content_type

    def write_revisit(self, url: str, site: str | None, fetched_at: datetime) -> Location | None:
        """A `revisit` record (WARC 1.1, profile identical-payload-digest) of `url` for `site`,
        referring to the one-hop response this archive holds for it: no request was sent, the
        first response stands for this site too. None when no response of `url` is archived
        here. Its HTTP headers are the original's; it has no payload of its own."""
        original = self._originals.get(url)
        if original is None:
            return None
        if self._file is None or self._file.tell() >= self.max_bytes:
            self._open()
        assert self._writer is not None and self._file is not None
        warc_headers = {
            "WARC-Date": _warc_date(fetched_at),
            "WARC-Refers-To": original.record_id,
            BAROMETRE_REFERS_TO_HEADER: f"{original.file_name}@{original.offset}",
        }
        if site:
            warc_headers[BAROMETRE_SITE_HEADER] = site
        http_headers = StatusAndHeaders(
            original.status_line, list(original.headers), protocol=original.protocol
        )
        record = self._writer.create_revisit_record(
            url,
            original.digest,
            url,
            original.date,
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        offset = self._file.tell()
        self._writer.write_record(record)
        return Location(self._relative, offset, self._file.tell() - offset, original.digest)

    def _response_record(self, exchange: HttpExchange) -> ArcWarcRecord:
        assert self._writer is not None
        reason = _reason(exchange.status)
        headers = [(n, v) for n, v in exchange.response_headers if n.lower() not in _HOP_BY_HOP]
        status_line = f"{exchange.status} {reason}".strip()
        http_headers = StatusAndHeaders(status_line, headers, protocol=exchange.protocol)
        warc_headers = {"WARC-Date": _warc_date(exchange.fetched_at)}
        if exchange.site:
            warc_headers[BAROMETRE_SITE_HEADER] = exchange.site
        if exchange.role:
            warc_headers[BAROMETRE_ROLE_HEADER] = exchange.role
        if exchange.truncated:
            warc_headers["WARC-Truncated"] = "length"
        return self._writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(exchange.body),
            length=len(exchange.body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )

    def _request_record(self, exchange: HttpExchange, response: ArcWarcRecord) -> ArcWarcRecord:
        assert self._writer is not None
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = list(exchange.request_headers)
        if not any(n.lower() == "host" for n, _ in headers):
            headers.insert(0, ("Host", parts.netloc))
        http_headers = StatusAndHeaders(
            f"{exchange.method} {target} HTTP/1.1", headers, is_http_request=True
        )
        warc_headers = {
            "WARC-Date": _warc_date(exchange.fetched_at),
            "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
        }
        return self._writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = None
        self._writer = None


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
