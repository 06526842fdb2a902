"""Hostile or odd websites, as a national audit meets them, crawled for real on loopback: each
is handled cleanly, with a French reason, and the crawl ends (docs/crawler.md, "Safety")."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from barometre.collection.crawler.jobs import (
    CrawlJob,
    CrawlSite,
    FetchFailed,
    PageFetched,
    SiteFinished,
)
from barometre.collection.crawler.links import too_deeply_nested
from barometre.collection.crawler.runner import crawl_run
from barometre.collection.crawler.spider import TOO_NESTED
from barometre.collection.services.consumer import decode_body
from barometre.collection.warc import WarcArchive
from tests.collection.conftest import fast_options
from tests.collection.site_server import Route, SiteServer

NBSP = "\u00a0"


def links(*paths: str) -> Route:
    anchors = "".join(f'<a href="{p}">{p}</a> ' for p in paths)
    return Route(f"<!doctype html><html><body>{anchors}</body></html>".encode())


def crawl(server: SiteServer, root: Path, *hosts: str, **options: Any) -> list[Any]:
    """Crawl each host as a commune's site (codes 00001…), archived under `root`."""
    sites = tuple(CrawlSite(f"{i:05d}", (f"http://{h}/",)) for i, h in enumerate(hosts, 1))
    events: list[Any] = []
    archive = WarcArchive(root, "essai", max_bytes=10**9, software="test")
    crawl_run(
        CrawlJob(fast_options(server, root, **options), sites),
        on_event=events.append,
        archive=archive,
    )
    archive.close()
    return events


def failures(events: list[Any]) -> dict[str, str]:
    return {e.url.split("/", 3)[3]: e.reason for e in events if isinstance(e, FetchFailed)}


def records(root: Path) -> list[tuple[str, str]]:
    """Every record of the crawl's WARC files, read back by warcio: (type, target URI)."""
    found: list[tuple[str, str]] = []
    for path in sorted(root.rglob("*.warc.gz")):
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                record.content_stream().read()
                found.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI")))
    return found


def nested(depth: int, inner: str = "") -> bytes:
    return f"<html><body>{'<div>' * depth}{inner}{'</div>' * depth}</body></html>".encode()


def test_a_deeply_nested_page_is_archived_without_stalling_the_crawl(
    server: SiteServer, tmp_path: Path
) -> None:
    """Parsing takes time in the square of the nesting: 200,000 nested <div> (1 MB) held the
    crawl process, every site of the window with it, for minutes. Such a page is archived and
    reported; it is neither parsed for links nor sent to detection."""
    host = "www.imbrique.test"
    server.add(host, "/", links("/imbrique", "/a"))
    server.add(host, "/imbrique", Route(nested(6000, '<a href="/cachee">x</a>')))
    server.add(host, "/a", links("/"))
    events = crawl(server, tmp_path, host)
    assert failures(events) == {"imbrique": TOO_NESTED}
    assert (
        f"page illisible{NBSP}: plus de 5{NBSP}000 balises imbriquées (archivée, ni lue ni "
        "analysée)"
    ) == TOO_NESTED
    page = next(e for e in events if isinstance(e, PageFetched) and e.url.endswith("/imbrique"))
    assert page.body is None  # detection would parse it too
    assert server.count(host, "/cachee") == 0 and server.count(host, "/a") == 1
    assert ("response", f"http://{host}/imbrique") in records(tmp_path)
    (finished,) = [e for e in events if isinstance(e, SiteFinished)]
    assert finished.status == "done"


def test_nesting_is_measured_in_linear_time_and_without_false_alarms() -> None:
    started = time.perf_counter()
    assert too_deeply_nested(nested(200_000))
    assert time.perf_counter() - started < 1.0
    siblings = b"<html><body>" + b"<div><p>x</p></div>" * 100_000 + b"</body></html>"
    assert not too_deeply_nested(siblings)
    # end tags the parser implies (<li>, <p>) are not counted: a long list is no alarm
    assert not too_deeply_nested(b"<ul>" + b"<li><p>x" * 50_000 + b"</ul>")
    assert not too_deeply_nested(nested(4000))


def test_failures_of_a_hostile_server_have_french_reasons(
    server: SiteServer, tmp_path: Path
) -> None:
    """A reset, a page that drips a byte a second, redirects to other schemes or to nowhere:
    the operator read « échec du téléchargement ([<twisted.python.failure.Failure …>]) »,
    « délai dépassé (Getting http://127.0.0.1:8734/ took longer than 30.0 seconds.) » (the farm's
    address, not the page's) or « HTTP 302 »."""
    host = "www.hostile.test"
    paths = ("/coupe", "/goutte", "/ftp", "/fichier", "/nulle-part", "/js")
    server.add(host, "/", links(*paths))
    server.add(host, "/coupe", Route(reset=True))
    server.add(host, "/goutte", Route(drip=0.5))
    server.add(host, "/ftp", Route(status=302, headers=(("Location", "ftp://ftp.x.test/a"),)))
    server.add(host, "/fichier", Route(status=301, headers=(("Location", "file:///etc/passwd"),)))
    server.add(host, "/nulle-part", Route(status=302))
    server.add(host, "/js", Route(status=302, headers=(("Location", "javascript:alert(1)"),)))
    events = crawl(server, tmp_path, host, timeout=1.0, retries=0)
    only = f"{NBSP}: http et https seulement)"
    assert failures(events) == {
        "coupe": "connexion interrompue",
        "goutte": f"délai dépassé (plus de 1{NBSP}s)",
        "ftp": f"redirection non suivie (HTTP 302 vers «{NBSP}ftp://ftp.x.test/a{NBSP}»{only}",
        "fichier": f"redirection non suivie (HTTP 301 vers «{NBSP}file:///etc/passwd{NBSP}»{only}",
        "nulle-part": "redirection non suivie (HTTP 302 sans adresse Location)",
        "js": f"adresse invalide (schéma manquant ou refusé{NBSP}: javascript:alert(1))",
    }
    assert server.count("ftp.x.test") == 0


def test_a_page_is_read_with_the_charset_a_browser_would_use() -> None:
    """A byte order mark wins over the HTTP charset, and « iso-8859-1 » or « us-ascii » name
    windows-1252 (WHATWG Encoding Standard), as in every browser."""
    text = "<p>“Démarches” – 5 € – œuvre</p>"
    assert decode_body(text.encode("cp1252"), "iso-8859-1") == text
    assert decode_body(text.encode("cp1252"), "us-ascii") == text
    assert decode_body(b"\xef\xbb\xbf" + text.encode(), "iso-8859-1") == text
    assert decode_body(text.encode(), "utf-8") == text
    # a latin-1 page labelled utf-8 reads as a browser shows it: with replacement characters
    assert decode_body("État".encode("latin-1"), "utf-8") == "\ufffdtat"
    # no charset, or one Python does not know: detection reads the page's own declaration
    assert decode_body(text.encode(), "") == text.encode()
    assert decode_body(text.encode(), "x-inconnu") == text.encode()
