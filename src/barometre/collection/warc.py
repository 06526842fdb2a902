"""WARC files: write rotating, gzipped archives of every response, and read records back.

Layout (docs/crawler.md):
`<WARC_ROOT>/<campaign>/<campaign>-<UTC time>-<host>-<pid>-<serial>.warc.gz`,
each file starting with a `warcinfo` record; each response record is followed by the request
record that produced it (`WARC-Concurrent-To`). An evidence record stores the file (relative to
WARC_ROOT), the offset and length of the response record, and its `WARC-Payload-Digest`.
No Django here: the crawler's child process writes, commands read.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import os
import re
import socket
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

BAROMETRE_SITE_HEADER = "Barometre-Site"  # the commune code, on records written by barometre
# why barometre fetched a response that is no page: "stylesheet" (archived for the viewer only)
BAROMETRE_ROLE_HEADER = "Barometre-Role"
_HOP_BY_HOP = {"transfer-encoding", "connection", "keep-alive"}


# On a revisit record written by barometre: "<file name>@<offset>" of the record it refers to
# (a file of the same folder), so that a reader finds the original without an index.
BAROMETRE_REFERS_TO_HEADER = "Barometre-Refers-To-Record"
REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"


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


@dataclass(frozen=True, slots=True)
class ArchivedResponse:
    """A response record read back: headers, decoded body (up to a limit), digests."""

    url: str
    status: int
    status_line: str
    headers: tuple[tuple[str, str], ...]
    body: bytes  # content-decoded, at most `limit` bytes
    truncated: bool
    fetched_at: str
    digest: str  # as recorded
    computed_digest: str  # sha1 of the payload as stored
    site: str | None
    offset: int = 0
    length: int = 0
    role: str = ""  # BAROMETRE_ROLE_HEADER: "stylesheet", or "" for pages and the rest
    # a revisit record read through to the response it refers to: "<file name>@<offset>" of
    # that response (body, digests and fetch date are the original's); "" for a response
    refers_to: str = ""
    record_type: str = "response"
    record_id: str = ""

    @property
    def content_type(self) -> str:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value
        return ""


_RECORD_END = 4  # "\r\n\r\n": the two newlines that end every WARC record


class _Records(ArchiveIterator):  # type: ignore[misc]
    """warcio's reader, without its English warning on stderr for a record whose length
    (Content-Length: negative, too short or too long) does not match its content: `err_count`
    still counts them, and barometre refuses such a record in French.

    warcio notices a wrong length only when the bytes after the declared content are not blank.
    A length 1 to 4 bytes too long swallows part of the record's closing "\r\n\r\n" and leaves
    only blanks (or nothing) after it: warcio read it as whole, with those newlines as the end of
    its payload. So a WARC record must also be followed by its whole closing newlines, in the
    gzip member that holds it or before the next record.
    """

    INC_RECORD = ""

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        line, blank = super()._consume_blanklines()
        record = self.record
        if record is not None and record.format.startswith("warc") and blank < _RECORD_END:
            self.err_count += 1
        return line, blank


def _length_problem(record: ArcWarcRecord) -> str | None:
    """Why the record's Content-Length cannot be right (None when it is a length)."""
    value = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not value.isascii() or not value.isdigit():
        return f"longueur (Content-Length) invalide : « {value[:20]} »"
    return None


_WRONG_LENGTH = "longueur (Content-Length) qui ne correspond pas au contenu"
# A WARC compressed whole (one gzip member for every record, as `gzip file.warc` makes) is
# valid, but a record in it cannot be read at its offset, which every evidence record needs.
_WHOLE_FILE_GZIP = (
    "archive compressée d'un seul bloc (tout le fichier dans un seul membre gzip) : chaque "
    "preuve doit pouvoir être relue à sa place dans le fichier ; recompressez-la enregistrement "
    "par enregistrement (warcio recompress FICHIER NOUVEAU.warc.gz) ou décompressez-la (gunzip)"
)


def payload_digest(payload: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode("ascii")


def _read_payload(stream: BinaryIO, *, limit: int) -> tuple[bytes, str]:
    """The payload as stored (kept up to `limit` bytes) and the sha1 digest of all of it."""
    sha1 = hashlib.sha1()
    kept = bytearray()
    while chunk := stream.read(65536):
        sha1.update(chunk)
        if len(kept) <= limit:
            kept += chunk
    return bytes(kept), "sha1:" + base64.b32encode(sha1.digest()).decode("ascii")


def read_response(
    path: Path, offset: int, *, limit: int = 20 * 1024 * 1024, _original: bool = False
) -> ArchivedResponse:
    """Read the response record that starts at `offset` in `path`; ValueError (in French) when
    it cannot be read whole (a damaged or cut file: warcio's own errors are not all its own
    kind), OSError when the file cannot be opened. A `revisit` record (a one-hop page reused
    for another commune) is read through to the response it refers to (`refers_to`)."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        # a record starts exactly there (a gzip member or "WARC/"): warcio would otherwise skip
        # damaged bytes and return the next record as if it were this one
        head = handle.read(5)
        if head[:2] != b"\x1f\x8b" and head != b"WARC/":
            raise ValueError(
                "aucun enregistrement WARC à cet endroit du fichier (archive abîmée ?)"
            )
        handle.seek(offset)
        try:
            iterator = _Records(handle)
            for record in iterator:
                problem = _length_problem(record)
                if problem is not None:
                    raise ValueError(f"enregistrement illisible : {problem}")
                archived = _archived(record, limit=limit)
                if getattr(record.raw_stream, "limit", 0):  # fewer bytes than its length
                    raise ValueError("enregistrement tronqué : l'archive est incomplète")
                iterator.read_to_end()  # what follows the record tells whether its length holds
                if iterator.err_count:
                    raise ValueError(f"enregistrement illisible : {_WRONG_LENGTH}")
                break
            else:
                raise ValueError("aucun enregistrement WARC à cet endroit du fichier")
        except ValueError:
            raise
        except Exception:
            raise ValueError("enregistrement illisible (archive abîmée)") from None
    if record.rec_type == "revisit" and not _original:
        return _through_revisit(path, record, archived, limit=limit)
    return archived


def _through_revisit(
    path: Path, record: ArcWarcRecord, revisit: ArchivedResponse, *, limit: int
) -> ArchivedResponse:
    """The response a revisit record refers to, seen as the revisit: its URL, site and place
    in the file, the original's body, digests and fetch date. The original is found by
    barometre's own pointer (file of the same folder and offset), else by its record ID or its
    URL and payload digest in the revisit's own file. ValueError (in French) when it is not
    there, or is not the response the revisit names."""
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Refers-To") or ""
    uri = headers.get_header("WARC-Refers-To-Target-URI") or revisit.url
    digest = revisit.digest
    pointer = headers.get_header(BAROMETRE_REFERS_TO_HEADER) or ""
    name, _, at = pointer.rpartition("@")
    original: ArchivedResponse | None = None
    where = ""
    if name and at.isdigit() and "/" not in name and (path.parent / name).is_file():
        try:
            found = read_response(path.parent / name, int(at), limit=limit, _original=True)
        except (ValueError, OSError):
            found = None
        if found is not None and _same_original(found, record_id, uri, digest):
            original, where = found, pointer
    if original is None:
        original = _find_original(path, record_id, uri, digest, limit=limit)
        where = f"{path.name}@{original.offset}" if original is not None else ""
    if original is None:
        raise ValueError(
            "enregistrement « revisit » dont la réponse d'origine est introuvable "
            f"({uri[:200]}, {record_id or digest})"
        )
    return replace(
        original,
        url=revisit.url,
        site=revisit.site,
        role=revisit.role,
        digest=revisit.digest or original.digest,
        refers_to=where,
    )


def _same_original(found: ArchivedResponse, record_id: str, uri: str, digest: str) -> bool:
    if found.record_type != "response":
        return False
    if record_id:
        return found.record_id == record_id
    return found.url == uri and (not digest or found.digest == digest)


def _find_original(
    path: Path, record_id: str, uri: str, digest: str, *, limit: int
) -> ArchivedResponse | None:
    """The response named by a revisit, looked for in the revisit's own file."""
    try:
        with open(path, "rb") as handle:
            iterator = _Records(handle)
            for record in iterator:
                headers = record.rec_headers
                if record.rec_type != "response" or (
                    headers.get_header("WARC-Record-ID") != record_id
                    if record_id
                    else (
                        headers.get_header("WARC-Target-URI") != uri
                        or (digest and headers.get_header("WARC-Payload-Digest") != digest)
                    )
                ):
                    continue
                found = _archived(record, limit=limit)
                return replace(found, offset=iterator.get_record_offset())
    except Exception:
        return None
    return None


def warc_check(path: Path) -> str | None:
    """Why `path` cannot be read as a WARC file to the end, in French; None when it can.

    Every record is read through (payloads streamed, not kept): a file that is no WARC, a
    record cut short (a copy stopped midway) or bytes after the last record are found before
    anything is stored, so that a bad archive is refused whole instead of read in part.
    """
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as handle:
        compressed = handle.read(2) == b"\x1f\x8b"
    if compressed:  # warcio reads a gzip member cut short as if whole: check the members
        try:
            with gzip.open(path, "rb") as members:
                while members.read(2**20):
                    pass
        except EOFError:
            return "archive compressée incomplète (fichier tronqué)"
        except (OSError, zlib.error):  # BadGzipFile is an OSError
            return "archive compressée illisible (données corrompues ou octets après la fin)"
    responses = records = 0
    iterator: _Records | None = None
    try:
        with open(path, "rb") as handle:
            iterator = _Records(handle)
            for record in iterator:
                if iterator.err_count:  # the previous record's length did not hold
                    return f"enregistrement n° {records} : {_WRONG_LENGTH}"
                records += 1
                problem = _length_problem(record)
                if problem is not None:
                    offset = iterator.get_record_offset()
                    return f"enregistrement n° {records} (octet {offset}) : {problem}"
                stream = record.raw_stream
                while stream.read(2**16):
                    pass
                if getattr(stream, "limit", 0):  # fewer bytes than its Content-Length
                    offset = iterator.get_record_offset()
                    return (
                        f"enregistrement n° {records} (octet {offset}) tronqué : archive incomplète"
                    )
                responses += record.rec_type == "response"
            if iterator.err_count:
                return f"enregistrement n° {records} : {_WRONG_LENGTH}"
    except ArchiveLoadFailed as error:
        if iterator is not None and iterator.err_count:  # the record ran into the next one
            return f"enregistrement n° {records} : {_WRONG_LENGTH}"
        if compressed and "non-chunked gzip" in str(error):
            return _WHOLE_FILE_GZIP
        if records == 0:
            return "ce n'est pas une archive WARC"
        return f"illisible après l'enregistrement n° {records} (données qui ne sont pas du WARC)"
    except Exception:  # zlib errors, and warcio's own on a record cut in its headers
        return f"illisible après l'enregistrement n° {records} (enregistrement abîmé)"
    if responses == 0:
        return "aucune réponse HTTP archivée"
    return None


def iter_responses(path: Path, *, limit: int = 20 * 1024 * 1024) -> Iterator[ArchivedResponse]:
    """Every response record of a WARC file, with its offset and length in the file; and every
    revisit record, read through to the response it refers to (`refers_to`; one whose original
    cannot be found is left out)."""
    with open(path, "rb") as handle:
        iterator = _Records(handle)
        for record in iterator:
            if record.rec_type not in ("response", "revisit") or record.http_headers is None:
                continue
            archived = _archived(record, limit=limit)
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            if record.rec_type == "revisit":
                try:
                    archived = _through_revisit(path, record, archived, limit=limit)
                except ValueError:
                    continue
            yield _with_location(archived, offset, length)


def _with_location(archived: ArchivedResponse, offset: int, length: int) -> ArchivedResponse:
    return replace(archived, offset=offset, length=length)


def _archived(record: ArcWarcRecord, *, limit: int) -> ArchivedResponse:
    raw, digest = _read_payload(record.raw_stream, limit=limit)
    http = record.http_headers
    body = _decoded(raw, http).read(limit + 1)
    status_code = http.get_statuscode() if http else "0"
    return ArchivedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        status=int(status_code) if str(status_code).isdigit() else 0,
        status_line=f"{http.protocol} {http.statusline}" if http else "",
        headers=tuple(http.headers) if http else (),
        body=body[:limit],
        truncated=len(body) > limit,
        fetched_at=record.rec_headers.get_header("WARC-Date") or "",
        digest=record.rec_headers.get_header("WARC-Payload-Digest") or "",
        computed_digest=digest,
        site=record.rec_headers.get_header(BAROMETRE_SITE_HEADER),
        role=record.rec_headers.get_header(BAROMETRE_ROLE_HEADER) or "",
        record_type=record.rec_type or "",
        record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
    )


def _decoded(raw: bytes, http: StatusAndHeaders | None) -> BinaryIO:
    """The body with its Content-Encoding removed (streamed, so a bomb is read only to a limit)."""
    from warcio.bufferedreaders import BufferedReader, ChunkedDataReader

    stream: BinaryIO = io.BytesIO(raw)
    if http is None:
        return stream
    encoding = (http.get_header("content-encoding") or "").lower() or None
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None
    if (http.get_header("transfer-encoding") or "").lower() == "chunked":
        return ChunkedDataReader(stream, decomp_type=encoding)  # type: ignore[no-any-return]
    if encoding:
        return BufferedReader(stream, decomp_type=encoding)  # type: ignore[no-any-return]
    return stream
