"""Hostile or odd websites, as a national audit meets them, crawled for real on loopback: each
is handled cleanly, with a French reason, and the crawl ends (docs/crawler.md, "Safety")."""

from __future__ import annotations

import resource
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from gzip import BadGzipFile
from pathlib import Path
from typing import Any

import pytest
from OpenSSL import SSL
from scrapy.exceptions import DownloadConnectionRefusedError, ResponseDataLossError
from twisted.internet import error as twisted_error
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived
from warcio.archiveiterator import ArchiveIterator

from barometre.collection.crawler.failures import (
    HEADERS_TOO_LARGE,
    describe_failure,
    invalid_url_detail,
)
from barometre.collection.crawler.jobs import (
    Archived,
    CrawlJob,
    CrawlSite,
    FetchFailed,
    PageFetched,
    SiteFinished,
)
from barometre.collection.crawler.links import (
    MAX_LINKS,
    TOO_NESTED,
    links_note,
    links_part,
    too_deeply_nested,
)
from barometre.collection.crawler.robots import decoded_head, robots_cut, robots_note
from barometre.collection.crawler.runner import crawl_run
from barometre.collection.services.archive import warc_events
from barometre.collection.services.consumer import decode_body
from tests.collection.conftest import crawl_events, fast_options, link_page
from tests.collection.site_server import Route, SiteServer, compressed

NBSP = "\u00a0"


def crawl(server: SiteServer, root: Path, *hosts: str, **options: Any) -> list[Any]:
    """Crawl each host as a commune's site (codes 00001…), archived under `root`."""
    sites = tuple(CrawlSite(f"{i:05d}", (f"http://{h}/",)) for i, h in enumerate(hosts, 1))
    return crawl_events(server, root, sites, **options)


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
    server.add(host, "/", link_page("/imbrique", "/a"))
    server.add(host, "/imbrique", Route(nested(6000, '<a href="/cachee">x</a>')))
    server.add(host, "/a", link_page("/"))
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
    # an audit from the archive reads it as the live crawl did: not analysed, same reason
    replayed = list(warc_events(sorted(tmp_path.rglob("*.warc.gz")), lambda _: "00001", 10**7))
    assert failures(replayed) == {"imbrique": TOO_NESTED}
    pages = {e.url: e.body for e in replayed if isinstance(e, PageFetched)}
    assert pages[f"http://{host}/imbrique"] is None and pages[f"http://{host}/a"]


def test_nesting_is_measured_in_linear_time_and_without_false_alarms() -> None:
    started = time.perf_counter()
    assert too_deeply_nested(nested(200_000))
    assert time.perf_counter() - started < 1.0
    siblings = b"<html><body>" + b"<div><p>x</p></div>" * 100_000 + b"</body></html>"
    assert not too_deeply_nested(siblings)
    # end tags the parser implies (<li>, <p>) are not counted: a long list is no alarm
    assert not too_deeply_nested(b"<ul>" + b"<li><p>x" * 50_000 + b"</ul>")
    assert not too_deeply_nested(nested(4000))


def test_a_response_of_endless_headers_is_dropped_at_the_header_limit(
    server: SiteServer, tmp_path: Path
) -> None:
    """Twisted reads header lines without end (the response size cap counts the body only): a
    server that sent 300 MB of headers held 470 MB of the crawl process at its peak, and any
    amount within the 30 s timeout was taken. Past 256 KiB of headers the response is dropped,
    with a French reason; a page of many headers within the limit is read."""
    host = "www.entetes.test"
    server.add(host, "/", link_page("/inondation", "/beaucoup"))
    server.add(host, "/inondation", Route(link_page("/cachee").encode(), flood=64 * 1024 * 1024))
    server.add(host, "/beaucoup", Route(link_page().encode(), flood=200 * 1024))
    sites = (CrawlSite("00001", (f"http://{host}/",)),)
    events: list[Any] = []
    crawl_run(CrawlJob(fast_options(server, None), sites), on_event=events.append)
    assert failures(events) == {"inondation": HEADERS_TOO_LARGE}
    assert f"en-têtes de réponse trop volumineux (plus de 256{NBSP}Kio)" == HEADERS_TOO_LARGE
    fetched = {e.url.rsplit("/", 1)[1] for e in events if isinstance(e, PageFetched)}
    assert fetched == {"", "beaucoup"} and server.count(host, "/cachee") == 0
    # the client stopped taking them: what the server wrote is what the sockets' buffers hold
    assert server.flooded["/inondation"] < 16 * 1024 * 1024, server.flooded


def test_failures_of_a_hostile_server_have_french_reasons(
    server: SiteServer, tmp_path: Path
) -> None:
    """A reset, a page that drips a byte a second, redirects to other schemes or to nowhere:
    the operator read « échec du téléchargement ([<twisted.python.failure.Failure …>]) »,
    « délai dépassé (Getting http://127.0.0.1:8734/ took longer than 30.0 seconds.) » (the farm's
    address, not the page's) or « HTTP 302 »."""
    host = "www.hostile.test"
    paths = ("/coupe", "/goutte", "/ftp", "/fichier", "/nulle-part", "/js")
    server.add(host, "/", link_page(*paths))
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
    """A byte order mark wins over the HTTP charset, and « iso-8859-1 » or « us-ascii » name
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


def hostile_farm(server: SiteServer) -> tuple[str, ...]:
    """Sites that misbehave each in their own way (the hosts, in the order of their codes)."""
    redirections, big, odd, trap = (f"www.{n}.test" for n in ("redir", "gros", "bizarre", "agenda"))
    server.add(redirections, "/", link_page("/chaine/0", "/ailleurs", "/rafraichir"))
    refresh = b'<html><head><meta http-equiv="refresh" content="0; url=/rafraichir"></head></html>'
    server.add(redirections, "/rafraichir", Route(refresh))  # a meta refresh to itself
    for step in range(20):  # a chain longer than the 5 redirects followed
        server.add(
            redirections,
            f"/chaine/{step}",
            Route(status=301, headers=(("Location", f"/chaine/{step + 1}"),)),
        )
    server.add(
        redirections,
        "/ailleurs",
        Route(status=302, headers=(("Location", "http://www.autre.test/piege"),)),
    )
    server.add("www.autre.test", "/piege", link_page("/piege/2"))
    server.add(big, "/", link_page("/gros", "/panne", "/trop"))
    server.add(big, "/gros", Route(stream=50 * 1024 * 1024))  # no Content-Length
    server.add(big, "/panne", Route(b"maintenance", status=503, headers=(("Retry-After", "3600"),)))
    server.add(big, "/trop", Route(b"trop", status=429, headers=(("Retry-After", "3600"),)))
    server.add(
        odd,
        "/robots.txt",
        Route(
            b"\x00\xffUser-agent *\nDisallow /\nSitemap: /sitemap.xml\n<html>\xc3\x28",
            content_type="text/plain",
        ),
    )
    server.add(odd, "/", link_page("/binaire", "/doc.pdf", "/vide", "/liens"))
    server.add(odd, "/binaire", Route(bytes(range(256)) * 4000))  # served as text/html
    server.add(odd, "/doc.pdf", Route(b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"))
    server.add(odd, "/vide", Route(b""))
    server.add(odd, "/liens", link_page(*[f"/l/{i}" for i in range(100_000)]))
    day = date(2026, 1, 1)
    server.add(trap, "/", link_page("/agenda?date=2026-01-01", "/etat-civil"))
    server.add(trap, "/etat-civil", link_page("/"))
    for offset in range(-300, 300):  # a calendar without end, as far as the crawl goes
        d = day + timedelta(days=offset)
        following = (d + timedelta(days=1), d - timedelta(days=1))
        route = link_page(*[f"/agenda?date={x}" for x in following], f"/agenda?date={d}&vue=mois")
        server.add(trap, f"/agenda?date={d}", route)
        server.add(trap, f"/agenda?date={d}&vue=mois", route)
    giant = b"User-agent: *\n" + b"Disallow: /archives/0123456789/\n" * 200_000  # 6.6 MB
    server.add("www.robots-geant.test", "/robots.txt", Route(giant, content_type="text/plain"))
    server.add("www.robots-geant.test", "/", link_page())
    return (redirections, big, odd, trap, "www.robots-geant.test")


def test_a_farm_of_hostile_sites_is_crawled_to_the_end_and_archived(
    server: SiteServer, tmp_path: Path
) -> None:
    hosts = hostile_farm(server)
    started = time.monotonic()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB, of earlier children
    events = crawl(server, tmp_path, *hosts, page_budget=40, max_size=5 * 1024 * 1024)
    assert time.monotonic() - started < 30  # Retry-After: 3600 is not waited for
    # the crawl process did not hold the 50 MB page (a larger peak would be the crawl's)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert after == peak or after < 400_000, after
    reasons = failures(events)
    finished = {e.site: e for e in events if isinstance(e, SiteFinished)}
    assert set(finished) == {"00001", "00002", "00003", "00004", "00005"}
    # redirects: a chain is cut after 5, reported on the link with where it was cut; one to
    # another host is fetched, not followed further
    too_many = f"trop de redirections (5 au plus{NBSP}: une boucle{NBSP}?){NBSP}; chaîne coupée à "
    assert reasons["chaine/0"] == f"{too_many}«{NBSP}http://www.redir.test/chaine/5{NBSP}»"
    assert "chaine/5" not in reasons
    assert server.count("www.redir.test", "/chaine/5") == 1
    assert server.count("www.redir.test", "/chaine/6") == 0
    assert reasons["rafraichir"] == f"{too_many}«{NBSP}http://www.redir.test/rafraichir{NBSP}»"
    assert server.count("www.redir.test", "/rafraichir") == 6
    assert server.count("www.autre.test", "/piege") == 1
    assert server.count("www.autre.test", "/piege/2") == 0
    # size, retries: a 50 MB page is abandoned at 5 MB; 503 and 429 are retried, not waited for
    assert reasons["gros"] == "réponse trop volumineuse"
    assert (reasons["panne"], reasons["trop"]) == ("HTTP 503", "HTTP 429")
    assert server.count("www.gros.test", "/panne") == server.count("www.gros.test", "/trop") == 2
    # odd pages: read or skipped, never fatal; a garbled robots.txt forbids nothing it cannot
    # say; sitemaps are not read; a page of 100,000 links is held to the page budget
    fetched = {e.url.split("/", 3)[3]: e for e in events if isinstance(e, PageFetched)}
    assert {"binaire", "doc.pdf", "vide", "liens"} <= set(fetched)
    assert fetched["doc.pdf"].body is None
    assert server.count("www.bizarre.test", "/sitemap.xml") == 0
    assert server.count("www.bizarre.test") - 1 == 40  # robots.txt aside
    assert finished["00003"].reason == links_note("http://www.bizarre.test/liens")
    # a calendar without end: held by the depth limit, the site's real pages are read
    assert "etat-civil" in fetched and server.count("www.agenda.test") < 40
    # a robots.txt larger than the size cap is read up to its parsing limit (RFC 9309, 2.5)
    assert finished["00005"].reason == robots_note(500 * 1024)
    assert server.count("www.robots-geant.test", "/") == 1
    assert all(f.status == "done" for f in finished.values())
    # every response received is archived, and warcio reads the files back
    archived = [e.url for e in events if isinstance(e, Archived)]
    kept = records(tmp_path)
    assert sorted(u for t, u in kept if t == "response") == sorted(archived)
    assert len([t for t, _ in kept if t == "request"]) == len(archived)


def test_a_redirect_to_an_impossible_address_is_said_in_french(
    server: SiteServer, tmp_path: Path
) -> None:
    """A redirect to port 99999 read « adresse invalide (Port out of range 0-65535) »: the
    operator got Python's English words after the French ones."""
    host = "www.port.test"
    server.add(host, "/", link_page("/loin", "/lettres", "/v6"))
    server.add(host, "/loin", Route(status=302, headers=(("Location", f"http://{host}:99999/"),)))
    server.add(host, "/lettres", Route(status=302, headers=(("Location", f"http://{host}:x/"),)))
    server.add(host, "/v6", Route(status=302, headers=(("Location", "http://[::1/"),)))
    events = crawl(server, tmp_path, host, retries=0)
    assert failures(events) == {
        "loin": f"adresse invalide (port hors limites, de 0 à 65{NBSP}535)",
        "lettres": f"adresse invalide (port non numérique{NBSP}: x)",
        "v6": "adresse invalide (adresse IPv6 mal formée)",
    }
    # Python's words that the crawler does not know are left out, not shown in English
    assert invalid_url_detail("Invalid URL: something new") == ""


def test_a_refused_connection_is_said_in_french_only(tmp_path: Path) -> None:
    """A page on a port where nobody listens read « connexion refusée (Connection was refused
    by other side: 111: Connection refused.) »: Twisted's English after the French."""
    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = fast_options(SiteServer(), None, farm_address="", retries=0, obey_robots=False)
    events: list[Any] = []
    crawl_run(
        CrawlJob(options, (CrawlSite("00001", (f"http://127.0.0.1:{port}/",)),)),
        on_event=events.append,
    )
    assert [e.reason for e in events if isinstance(e, FetchFailed)] == ["connexion refusée"]


def test_twisted_and_scrapy_failures_keep_only_their_french_words() -> None:
    """Each kind of failure as Scrapy hands it to the spider, with Twisted's or Python's English
    message: the reason keeps the French label, and a French detail only where it says more."""
    done = Failure(twisted_error.ConnectionDone())
    refused_tls = Failure(SSL.Error([("SSL routines", "", "tlsv1 alert protocol version")]))
    cases: list[tuple[BaseException, str]] = [
        (twisted_error.ConnectionRefusedError("111: Connection refused."), "connexion refusée"),
        (DownloadConnectionRefusedError("Connection was refused: 111"), "connexion refusée"),
        (twisted_error.DNSLookupError("no results for x.invalid"), "nom de domaine introuvable"),
        (twisted_error.TCPTimedOutError("110: Connection timed out."), "délai dépassé"),
        (twisted_error.NoRouteError("101: Network is unreachable."), "réseau injoignable"),
        (twisted_error.ConnectError("An error occurred"), "connexion impossible"),
        (twisted_error.ConnectionLost("non-clean fashion"), "connexion interrompue"),
        (ResponseNeverReceived([done]), "connexion fermée sans réponse"),
        (ResponseFailed([Failure(twisted_error.ConnectionLost())]), "réponse incomplète"),
        (ResponseDataLossError("Got data loss in http://x.test/. If you want…"), "réponse"),
        (BadGzipFile("Not a gzipped file (b'ab')"), "contenu compressé illisible"),
        (KeyError("unexpected"), "erreur inattendue (KeyError)"),
    ]
    for error, french in cases:
        reason, status = describe_failure(Failure(error))
        assert reason.startswith(french) and status is None, reason
        assert "(" not in reason or reason.endswith("(KeyError)"), reason
    tls = ResponseNeverReceived([refused_tls])
    assert describe_failure(Failure(tls))[0] == (
        "connexion fermée sans réponse (échec de la négociation TLS)"
    )


def long_robots(*, alike: bool) -> bytes:
    """6 MB of rules: /prive/ forbidden at the top, the whole host only past 5 MB (`alike`:
    the same line again and again, which gzip packs into some 20 KB)."""
    lines = (b"Disallow: /archives/%07d/\n" % (0 if alike else i) for i in range(200_000))
    filler = b"".join(lines)
    return b"User-agent: *\nDisallow: /prive/\n" + filler + b"Disallow: /\n"


def test_a_robots_txt_past_the_parsing_limit_is_obeyed_within_it(
    server: SiteServer, tmp_path: Path
) -> None:
    """A robots.txt over the response size cap was cancelled and taken as unreadable: the
    whole host was forbidden (« robots.txt trop volumineux … : exploration interdite »).
    RFC 9309 (2.5) lets a crawler parse a limit of at least 500 KiB and obey the rules within
    it; the site's record says so. Gzipped (20 KB on the wire for 6 MB), it is read alike."""
    plain, packed = "www.robots-long.test", "www.robots-gzip.test"
    for host, gzip in ((plain, False), (packed, True)):
        body = long_robots(alike=gzip)
        server.add(host, "/robots.txt", Route(body, content_type="text/plain", gzip=gzip))
        server.add(host, "/", link_page("/public", "/prive/x"))
        server.add(host, "/public", link_page())
    events = crawl(server, tmp_path, plain, packed, max_size=5 * 1024 * 1024)
    finished = {e.site: e for e in events if isinstance(e, SiteFinished)}
    note = (
        f"robots.txt trop volumineux (plus de 500{NBSP}Kio){NBSP}: seules les règles de ses "
        f"500{NBSP}Kio premiers sont appliquées (RFC 9309)"
    )
    assert [(f.status, f.reason) for f in finished.values()] == [("done", note)] * 2
    for host in (plain, packed):
        assert server.count(host, "/public") == 1 and server.count(host, "/prive/x") == 0
    assert failures(events) == {"prive/x": "interdit par robots.txt"}
    assert len([e for e in events if isinstance(e, FetchFailed)]) == 2
    # the archive keeps what was received of the long one, and says it was cut
    with next(tmp_path.rglob("*.warc.gz")).open("rb") as handle:
        cut = {
            record.rec_headers.get_header("WARC-Target-URI"): record.rec_headers.get_header(
                "WARC-Truncated"
            )
            for record in ArchiveIterator(handle)
            if record.rec_type == "response"
        }
    assert cut[f"http://{plain}/robots.txt"] == "length"
    assert cut[f"http://{packed}/robots.txt"] is None  # received whole, read in part
    assert robots_cut(b"User-agent: *\nDisallow: /archives/2019", 30) == b"User-agent: *\n"


@pytest.mark.parametrize("encoding", ["br", "zstd"])
def test_a_brotli_or_zstd_robots_txt_is_read_within_the_parsing_limit(
    server: SiteServer, tmp_path: Path, encoding: str
) -> None:
    """Gzip and deflate were decompressed up to the parsing limit, brotli and zstd up to the
    response cap (5 MB) only: 6 MB of rules compressed into a few KB were then refused at that
    cap, and the host taken as forbidden; a bomb was decompressed up to the cap."""
    host = "www.robots-compresse.test"
    body = long_robots(alike=True)
    server.add(host, "/robots.txt", Route(body, content_type="text/plain", encoding=encoding))
    server.add(host, "/", link_page("/public", "/prive/x"))
    server.add(host, "/public", link_page())
    events = crawl(server, tmp_path, host, max_size=5 * 1024 * 1024)
    (finished,) = [e for e in events if isinstance(e, SiteFinished)]
    assert (finished.status, finished.reason) == ("done", robots_note(500 * 1024))
    assert server.count(host, "/public") == 1 and server.count(host, "/prive/x") == 0
    assert failures(events) == {"prive/x": "interdit par robots.txt"}
    # a bomb is decompressed up to the limit and one byte more, no further
    bomb = Route(b"\0" * (64 * 1024 * 1024), encoding=encoding)
    packed = compressed(bomb.body, encoding)
    assert len(decoded_head(packed, encoding.encode(), 1000) or b"") == 1001
    assert decoded_head(b"pas compress\xe9", encoding.encode(), 1000) is None
    # one cut short (its download stopped at the limit) is read as far as it goes
    cut = compressed(long_robots(alike=False), encoding)
    head = decoded_head(cut[: len(cut) // 2], encoding.encode(), 500 * 1024) or b""
    assert len(head) == 500 * 1024 + 1 and head.startswith(b"User-agent: *\n")


@pytest.mark.parametrize("encoding", ["gzip, br", "br, gzip", "deflate, zstd", "gzip,gzip"])
def test_a_robots_txt_of_two_codings_is_decoded_in_reverse_order_within_the_limit(
    server: SiteServer, tmp_path: Path, encoding: str
) -> None:
    """`Content-Encoding: gzip, br` (gzip applied first) was left to Scrapy, which decoded it
    up to the response cap (5 MB) only: 6 MB of rules packed into a few KB were refused at that
    cap and the host's rules were lost. Each coding is undone, the last applied first, each
    step up to the parsing limit; the rules within it are obeyed, as for one coding."""
    host = "www.robots-deux-codages.test"
    body = long_robots(alike=True)
    server.add(host, "/robots.txt", Route(body, content_type="text/plain", encoding=encoding))
    server.add(host, "/", link_page("/public", "/prive/x"))
    server.add(host, "/public", link_page())
    events = crawl(server, tmp_path, host, max_size=5 * 1024 * 1024)
    (finished,) = [e for e in events if isinstance(e, SiteFinished)]
    assert (finished.status, finished.reason) == ("done", robots_note(500 * 1024))
    assert server.count(host, "/public") == 1 and server.count(host, "/prive/x") == 0
    assert failures(events) == {"prive/x": "interdit par robots.txt"}


def test_a_robots_txt_bomb_of_two_codings_stays_cheap(server: SiteServer, tmp_path: Path) -> None:
    """A bomb of two layers (64 MB of zeros, gzip then brotli: 194 bytes on the wire) is never
    decoded past the parsing limit and one byte, at any step: read fast and in little memory,
    its first 500 KiB hold no rule, the host is crawled and its record says it was cut."""
    layers = compressed(b"\0" * (64 * 1024 * 1024), "gzip, br")
    script = (
        "import resource, sys, time\n"
        "from barometre.collection.crawler.robots import decoded_layers\n"
        "packed = sys.stdin.buffer.read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "started = time.perf_counter()\n"
        "head = decoded_layers(packed, [b'gzip', b'br'], 500 * 1024)\n"
        "took = time.perf_counter() - started\n"
        "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
        "print(len(head), grown // 1024, took)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], input=layers, capture_output=True, check=True, timeout=60
    )
    size, grown_mb, took = ran.stdout.split()
    assert int(size) == 500 * 1024 + 1 and int(grown_mb) < 30 and float(took) < 1.0, ran.stdout
    host = "www.robots-bombe.test"
    route = Route(b"\0" * (64 * 1024 * 1024), content_type="text/plain", encoding="gzip, br")
    server.add(host, "/robots.txt", route)
    server.add(host, "/", link_page("/public"))
    server.add(host, "/public", link_page())
    events = crawl(server, tmp_path, host, max_size=5 * 1024 * 1024)
    (finished,) = [e for e in events if isinstance(e, SiteFinished)]
    assert (finished.status, finished.reason) == ("done", robots_note(500 * 1024))
    assert server.count(host, "/public") == 1


@pytest.mark.parametrize(
    ("encoding", "why"),
    [
        ("gzip, compress", f"codage «{NBSP}compress{NBSP}» non pris en charge"),
        ("br, x-inconnu", f"codage «{NBSP}x-inconnu{NBSP}» non pris en charge"),
        ("gzip, gzip, gzip, gzip", "plus de 3 codages successifs"),
        ("gzip, br", "contenu compressé illisible"),  # announced, not applied: garbage
    ],
)
def test_a_robots_txt_whose_codings_cannot_be_undone_forbids_the_host(
    server: SiteServer, tmp_path: Path, encoding: str, why: str
) -> None:
    """A coding Scrapy does not know was left in place and its bytes read as rules: none were
    found, and the whole host was crawled against rules the server did give. Such a robots.txt
    (an unknown coding, more layers than any server applies, bytes that do not decode) cannot
    be read: the host is forbidden, as for an unreachable one (RFC 9309, 2.3.1.4), and the
    site's record says why, in French."""
    host = "www.robots-codage.test"
    rules = b"User-agent: *\nDisallow: /\n"
    route = Route(rules, content_type="text/plain", encoding=encoding)
    if why.startswith("contenu"):  # announced, but sent plain
        route = Route(rules, content_type="text/plain", headers=(("Content-Encoding", encoding),))
    server.add(host, "/robots.txt", route)
    server.add(host, "/", link_page("/public"))
    events = crawl(server, tmp_path, host)
    assert server.count(host, "/") == 0
    (finished,) = [e for e in events if isinstance(e, SiteFinished)]
    assert (finished.status, finished.reason) == (
        "failed",
        f"robots.txt illisible ({why}){NBSP}: exploration interdite (RFC 9309)",
    )


def test_a_page_of_too_many_links_is_read_in_part_and_archived_whole(
    server: SiteServer, tmp_path: Path
) -> None:
    """A page of 100,000 links took some 100 MB of the crawl process while its links were
    taken. Past 5,000 links the rest of the page is not parsed for links (nor analysed, where
    detection reads the page: services/consumer.py), and the site's record says so; the page
    is archived whole and sent whole to the audit process."""
    host = "www.liens.test"
    page = link_page(*["/"] * MAX_LINKS, "/apres").replace("</body>", "<p>Etat civil</p></body>")
    server.add(host, "/", link_page("/annuaire"))
    server.add(host, "/annuaire", page)
    server.add(host, "/apres", link_page())
    events = crawl(server, tmp_path, host)
    (finished,) = [e for e in events if isinstance(e, SiteFinished)]
    url = f"http://{host}/annuaire"
    assert (finished.status, finished.reason) == ("done", links_note(url))
    assert finished.reason == (
        f"page {url}{NBSP}: plus de 5{NBSP}000 liens, lue jusqu'au 5{NBSP}000e seulement "
        "(archivée en entier)"
    )
    assert server.count(host, "/apres") == 0
    fetched = next(e for e in events if isinstance(e, PageFetched) and e.url == url)
    assert fetched.body == page.encode()  # the audit process cuts it for detection
    assert ("response", url) in records(tmp_path)
    # a page with no more links than that is read whole
    assert links_part(link_page(*["/"] * MAX_LINKS).encode()) is None


def test_reading_the_links_of_a_huge_page_takes_little_memory(tmp_path: Path) -> None:
    """Measured in a process of its own: its peak memory (ru_maxrss) before and after."""
    script = (
        "import resource\n"
        "from barometre.collection.crawler.links import extract_references, links_part\n"
        "body = b''.join(b'<a href=\"/l/%d\">%d</a> ' % (i, i) for i in range(100_000))\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "links, _ = extract_references(links_part(body) or body, 'http://www.x.test/')\n"
        "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
        "print(len(links), grown // 1024)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    count, grown_mb = map(int, ran.stdout.split())
    assert count == MAX_LINKS and grown_mb < 30, ran.stdout
