import gzip
import re
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from barometre.collection.warc import (
    HttpExchange,
    WarcArchive,
    iter_responses,
    payload_digest,
    read_response,
    warc_check,
)

PAGE = "<html><body><h1>État civil</h1><p>Demandez un acte de naissance.</p></body></html>"


def exchange(
    url: str, body: bytes, *, encoding: str | None = None, status: int = 200
) -> HttpExchange:
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    return HttpExchange(
        url=url,
        method="GET",
        request_headers=(("User-Agent", "barometre/test"),),
        status=status,
        response_headers=tuple(headers),
        body=body,
        fetched_at=datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
        site="75056",
    )


def test_offsets_point_to_the_exact_response_record(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path, "c1", max_bytes=10**9, software="test")
    first = archive.write(exchange("https://www.ville.fr/", b"<html>accueil</html>"))
    second = archive.write(exchange("https://www.ville.fr/etat-civil", PAGE.encode()))
    archive.close()
    assert first.warc_file == second.warc_file and first.warc_file.startswith("c1/c1-")
    data = (tmp_path / second.warc_file).read_bytes()
    member = zlib.decompressobj(wbits=31).decompress(
        data[second.offset : second.offset + second.length]
    )
    assert member.startswith(b"WARC/1.1\r\n")
    assert b"WARC-Type: response" in member
    assert b"WARC-Target-URI: https://www.ville.fr/etat-civil" in member
    assert member.rstrip(b"\r\n").endswith(PAGE.encode())
    assert b"Barometre-Site: 75056" in member
    # Hop-by-hop framing is not archived: the stored body is not chunked.
    assert b"Transfer-Encoding" not in member


def test_round_trip_with_digest_and_request_record(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path, "c1", max_bytes=10**9, software="test")
    compressed = gzip.compress(PAGE.encode())
    where = archive.write(exchange("https://www.ville.fr/gz", compressed, encoding="gzip"))
    archive.close()
    read = read_response(tmp_path / where.warc_file, where.offset)
    assert read.url == "https://www.ville.fr/gz"
    assert read.status == 200 and read.status_line == "HTTP/1.1 200 OK"
    assert read.body == PAGE.encode()  # decoded for display
    # The digest is that of the payload as the server sent it (compressed).
    assert where.digest == payload_digest(compressed) == read.digest == read.computed_digest
    with open(tmp_path / where.warc_file, "rb") as handle:
        types = [
            (r.rec_type, r.rec_headers.get_header("WARC-Concurrent-To"))
            for r in ArchiveIterator(handle)
        ]
    assert [t for t, _ in types] == ["warcinfo", "response", "request"]
    assert types[2][1] is not None


def test_files_rotate_at_the_size_limit(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path, "c2", max_bytes=2000, software="test")
    places = [archive.write(exchange(f"https://v.fr/{i}", PAGE.encode() * 20)) for i in range(6)]
    archive.close()
    files = {p.warc_file for p in places}
    assert len(files) >= 2
    assert all(Path(tmp_path / f).name.endswith(".warc.gz") for f in files)
    # Every file starts with its own warcinfo record and holds readable responses.
    found = [r.url for f in sorted(files) for r in iter_responses(tmp_path / f)]
    assert sorted(found) == sorted(f"https://v.fr/{i}" for i in range(6))


def test_a_compression_bomb_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path, "c3", max_bytes=10**9, software="test")
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024))
    where = archive.write(exchange("https://v.fr/bomb", bomb, encoding="gzip"))
    archive.close()
    read = read_response(tmp_path / where.warc_file, where.offset, limit=1024 * 1024)
    assert read.truncated and len(read.body) == 1024 * 1024
    assert read.computed_digest == where.digest


@pytest.mark.parametrize(
    ("length", "reason"),
    [
        (lambda n: b"-5", "longueur (Content-Length) invalide : « -5 »"),
        (lambda n: str(n - 7).encode(), "longueur (Content-Length) qui ne correspond pas"),
        (lambda n: str(n + 40).encode(), "longueur (Content-Length) qui ne correspond pas"),
    ],
)
def test_a_record_whose_content_length_is_wrong_is_refused_in_french_without_warcio_warning(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], length: Any, reason: str
) -> None:
    """A WARC from elsewhere (or damaged) whose record length is negative, short or long: warcio
    printed « WARNING: Record not followed by newline, perhaps Content-Length is invalid » on
    stderr, in English, and read such a record in part as if whole."""
    archive = WarcArchive(tmp_path, "c1", max_bytes=10**9, software="test")
    first = archive.write(exchange("https://www.ville.fr/", PAGE.encode()))
    archive.write(exchange("https://www.ville.fr/etat-civil", PAGE.encode()))
    archive.close()
    raw = gzip.decompress((tmp_path / first.warc_file).read_bytes())  # uncompressed WARC
    start = raw.index(b"WARC-Type: response")
    found = re.compile(rb"Content-Length: (\d+)").search(raw, start)
    assert found is not None
    raw = raw[: found.start(1)] + length(int(found.group(1))) + raw[found.end(1) :]
    path = tmp_path / "autre.warc"
    path.write_bytes(raw)
    problem = warc_check(path)
    assert problem is not None and problem.startswith("enregistrement n° ") and reason in problem
    with pytest.raises(
        ValueError, match=r"^enregistrement illisible\u00a0: longueur \(Content-Length"
    ):
        read_response(path, raw.index(b"WARC/1.1", start - 200))
    assert capfd.readouterr().err == ""


def _warcio_archive(*, gzipped: bool, version: str = "WARC/1.1") -> tuple[bytes, list[int]]:
    """A WARC written by warcio itself (not through WarcArchive): a warcinfo, responses whose
    payloads are empty or end with newlines, a resource, a metadata and a request record.
    Returns the bytes and the offsets of the responses."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped, warc_version=version)
    writer.write_record(writer.create_warcinfo_record("autre.warc", {"software": "test"}))
    offsets = []
    for i, body in enumerate([PAGE.encode(), b"", b"\r\n\r\n", b"fin\r\n"]):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        offsets.append(out.tell())
        record = writer.create_warc_record(
            f"https://www.ville.fr/{i}",
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http,
        )
        writer.write_record(record)
    for kind, body in (("resource", b"texte"), ("metadata", b"")):
        record = writer.create_warc_record(
            f"https://www.ville.fr/{kind}",
            kind,
            payload=io.BytesIO(body),
            length=len(body),
            warc_content_type="text/plain",
        )
        writer.write_record(record)
    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "www.ville.fr")], is_http_request=True)
    record = writer.create_warc_record(
        "https://www.ville.fr/", "request", payload=io.BytesIO(b""), length=0, http_headers=request
    )
    writer.write_record(record)
    return out.getvalue(), offsets


@pytest.mark.parametrize("gzipped", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("version", ["WARC/1.1", "WARC/1.0"])
def test_archives_written_by_warcio_pass_the_record_end_check(
    tmp_path: Path, gzipped: bool, version: str
) -> None:
    data, offsets = _warcio_archive(gzipped=gzipped, version=version)
    path = tmp_path / ("autre.warc.gz" if gzipped else "autre.warc")
    path.write_bytes(data)
    assert warc_check(path) is None
    assert [read_response(path, offset).status for offset in offsets] == [200] * 4
    assert len(list(iter_responses(path))) == 4


def test_a_warc_gzipped_whole_is_refused_with_the_way_to_fix_it(tmp_path: Path) -> None:
    """`gzip file.warc` makes one gzip member for every record: valid, but no record can be
    read at its offset. It was refused as « données qui ne sont pas du WARC », which it is."""
    data, _ = _warcio_archive(gzipped=False)
    path = tmp_path / "entier.warc.gz"
    path.write_bytes(gzip.compress(data))
    problem = warc_check(path)
    assert problem is not None
    assert problem.startswith("archive compressée d'un seul bloc")
    assert "warcio recompress" in problem


def _lengthened(raw: bytes, extra: int, record: int) -> bytes:
    """`raw` (an uncompressed WARC) with the Content-Length of its `record`-th record made
    `extra` bytes larger than the record's content."""
    found = list(re.finditer(rb"Content-Length: (\d+)\r\n", raw))
    # WARC headers only: the HTTP headers of a response hold no Content-Length here
    match = found[record]
    size = str(int(match.group(1)) + extra).encode()
    return raw[: match.start(1)] + size + raw[match.end(1) :]


@pytest.mark.parametrize("extra", [1, 2, 3, 4])
@pytest.mark.parametrize("gzipped", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("record", [1, -1], ids=["first-response", "last-record"])
def test_a_content_length_one_to_four_bytes_too_long_is_refused_in_french(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], extra: int, gzipped: bool, record: int
) -> None:
    """A record whose declared length runs 1 to 4 bytes past its content swallows part of the
    « \\r\\n\\r\\n » that closes it and leaves only blanks after it: warcio, which looks only for
    a non-blank line there, read it as whole (the newlines taken as the end of the payload), and
    both warc_check and read_response accepted it."""
    raw, offsets = _warcio_archive(gzipped=False)
    raw = _lengthened(raw, extra, record)
    starts = [m.start() for m in re.finditer(rb"WARC/1\.1\r\n", raw)]
    records = [raw[a:b] for a, b in zip(starts, [*starts[1:], len(raw)], strict=True)]
    if gzipped:  # one gzip member per record, as warcio and barometre write them
        members = [gzip.compress(r) for r in records]
        data, offset = b"".join(members), len(members[0])
    else:
        data, offset = raw, offsets[0]
    path = tmp_path / ("abime.warc.gz" if gzipped else "abime.warc")
    path.write_bytes(data)
    problem = warc_check(path)
    assert problem is not None
    assert problem.endswith("longueur (Content-Length) qui ne correspond pas au contenu")
    assert problem.startswith(f"enregistrement n° {2 if record == 1 else len(records)}\u00a0")
    if record == 1:
        with pytest.raises(ValueError, match=r"^enregistrement illisible\u00a0: longueur"):
            read_response(path, offset)
    assert capfd.readouterr().err == ""
