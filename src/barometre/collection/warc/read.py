"""Reading: a response record at its offset (a revisit read through to its original), or every
response of a file; French errors for a damaged or cut archive."""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders

from barometre.collection.warc.headers import (
    BAROMETRE_REFERS_TO_HEADER,
    BAROMETRE_ROLE_HEADER,
    BAROMETRE_SITE_HEADER,
)


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
        return f"longueur (Content-Length) invalide : « {value[:20]} »"
    return None


_WRONG_LENGTH = "longueur (Content-Length) qui ne correspond pas au contenu"
# A WARC compressed whole (one gzip member for every record, as `gzip file.warc` makes) is
# valid, but a record in it cannot be read at its offset, which every evidence record needs.
_WHOLE_FILE_GZIP = (
    "archive compressée d'un seul bloc (tout le fichier dans un seul membre gzip) : chaque "
    "preuve doit pouvoir être relue à sa place dans le fichier ; recompressez-la enregistrement "
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
                "aucun enregistrement WARC à cet endroit du fichier (archive abîmée ?)"
            )
        handle.seek(offset)
        try:
            iterator = _Records(handle)
            for record in iterator:
                problem = _length_problem(record)
                if problem is not None:
                    raise ValueError(f"enregistrement illisible : {problem}")
                archived = _archived(record, limit=limit)
                if getattr(record.raw_stream, "limit", 0):  # fewer bytes than its length
                    raise ValueError("enregistrement tronqué : l'archive est incomplète")
                iterator.read_to_end()  # what follows the record tells whether its length holds
                if iterator.err_count:
                    raise ValueError(f"enregistrement illisible : {_WRONG_LENGTH}")
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
