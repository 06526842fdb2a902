"""Real crawls of a loopback server (in a crawl process), checking politeness and safety."""

import gzip
import socket
from pathlib import Path
from typing import Any

from barometre.collection.crawler.jobs import (
    Archived,
    CrawlJob,
    CrawlSite,
    FetchFailed,
    PageFetched,
    SiteFinished,
)
from barometre.collection.crawler.runner import crawl_run
from barometre.collection.warc import read_response
from tests.collection.conftest import crawl_events, fast_options, link_page
from tests.collection.site_server import Route, SiteServer

NBSP = "\u00a0"
A = "www.ville-a.fr"
B = "www.ville-b.fr"


def build_sites(server: SiteServer) -> None:
    server.add(
        A, "/robots.txt", Route(b"User-agent: *\nDisallow: /prive/\n", content_type="text/plain")
    )
    server.add(
        A,
        "/",
        link_page(
            "/a",
            "/prive/secret",
            "/redirige",
            "/lent",
            "/erreur",
            "/gros",
            "/bombe",
            "/casse",
            "/d1",
            "https://www.ville-b.fr/ailleurs",
        ),
    )
    server.add(A, "/a", link_page("/", "/a"))
    server.add(A, "/prive/secret", link_page())
    server.add(A, "/redirige", Route(status=301, headers=(("Location", "/cible"),)))
    server.add(A, "/cible", link_page())
    server.add(A, "/lent", Route(link_page().encode(), delay=3.0))
    server.add(A, "/erreur", Route(b"panne", status=500))
    server.add(A, "/gros", Route(b"<html>" + b"x" * 300_000 + b"</html>"))
    bomb = gzip.compress(b"<html>" + b" " * (40 * 1024 * 1024) + b"</html>")
    server.add(A, "/bombe", Route(bomb, gzip=True, raw_gzip=True))
    server.add(A, "/casse", Route(b"\x00\xff<html><a href='/a'" + b"<div" * 2000 + b"\x80\x81"))
    server.add(A, "/d1", link_page("/d2"))
    server.add(A, "/d2", link_page("/d3"))
    server.add(A, "/d3", link_page())
    server.add(B, "/", link_page(*[f"/p{i}" for i in range(30)]))
    for i in range(30):
        server.add(B, f"/p{i}", link_page())


def test_a_polite_safe_crawl_of_two_sites(server: SiteServer, tmp_path: Path) -> None:
    build_sites(server)
    sites = (
        CrawlSite("00001", (f"https://{A}/",)),
        CrawlSite("00002", (f"https://{B}/",)),
        CrawlSite("00003", ("https://www.ville-morte.fr/",)),  # the server has nothing for it
    )
    events = crawl_events(
        server,
        tmp_path,
        sites,
        depth_limit=2,
        page_budget=12,
        timeout=1.5,
        max_size=200_000,
        warn_size=100_000,
    )
    fetched = {e.url for e in events if isinstance(e, PageFetched)}
    failed = {e.url.rsplit("/", 1)[-1]: e for e in events if isinstance(e, FetchFailed)}
    finished = {e.site: e for e in events if isinstance(e, SiteFinished)}

    # robots.txt is read and obeyed
    assert server.count(A, "/robots.txt") == 1
    assert server.count(A, "/prive/secret") == 0
    assert failed["secret"].reason == "interdit par robots.txt"
    # redirects are followed; the redirect itself is archived
    assert f"https://{A}/cible" in fetched
    assert any(isinstance(e, Archived) and e.status == 301 for e in events)
    # depth limit 2: / (0) -> /d1 (1) -> /d2 (2), never /d3
    assert f"https://{A}/d2" in fetched and server.count(A, "/d3") == 0
    # transient errors are retried once, then recorded
    assert server.count(A, "/erreur") == 2
    assert (failed["erreur"].status, failed["erreur"].reason) == (500, "HTTP 500")
    assert failed["lent"].reason.startswith("délai dépassé")
    # size caps hold on plain and on compressed responses (a gzip bomb)
    assert failed["gros"].reason == "réponse trop volumineuse"
    assert failed["bombe"].reason == "réponse trop volumineuse"
    # a malformed page is fetched and does not stop anything
    assert f"https://{A}/casse" in fetched
    # a link to another commune's site is not followed from this one
    assert server.count(B, "/ailleurs") == 0
    # the page budget caps requests per site (robots.txt aside)
    assert server.count(B) - server.count(B, "/robots.txt") == 12
    assert finished["00001"].status == "done" and finished["00002"].status == "done"
    # a dead site is recorded with its reason and the others go on
    assert finished["00003"] == SiteFinished("00003", "failed", "HTTP 404", 0, 1)


def test_archived_responses_match_the_bytes_served(server: SiteServer, tmp_path: Path) -> None:
    server.add(A, "/", link_page("/a"))
    server.add(A, "/a", Route(b"<html><body>page a</body></html>", gzip=True))
    events = crawl_events(server, tmp_path, (CrawlSite("00001", (f"http://{A}/",)),))
    archived = {e.url: e for e in events if isinstance(e, Archived)}
    record = archived[f"http://{A}/a"]
    read = read_response(tmp_path / record.warc_file, record.offset)
    assert read.body == b"<html><body>page a</body></html>"
    assert read.computed_digest == record.digest
    assert ("Content-Encoding", "gzip") in read.headers
    assert f"http://{A}/robots.txt" in archived  # robots.txt is evidence too
    sent = [e for e in events if isinstance(e, PageFetched) and e.url.endswith("/a")]
    assert sent[0].body == b"<html><body>page a</body></html>"  # decompressed for detection


def test_pages_are_asked_for_in_french(server: SiteServer, tmp_path: Path) -> None:
    """A site that negotiates its language must serve the French pages detection reads."""
    server.add(A, "/", link_page())
    crawl_events(server, tmp_path, (CrawlSite("00001", (f"http://{A}/",)),))
    asked = {h.get("Accept-Language", "") for h in server.request_headers}
    assert asked == {"fr-FR,fr;q=0.9"}


def test_a_crawl_delay_asked_by_robots_txt_is_honoured(server: SiteServer, tmp_path: Path) -> None:
    """Two requests at a time and no delay by default here; a host whose robots.txt says
    `Crawl-delay: 1` gets its requests at least a second apart (a lower bound: not flaky)."""
    for host, robots in ((A, "Crawl-delay: 1\n"), (B, "")):
        server.add(
            host,
            "/robots.txt",
            Route(f"User-agent: *\n{robots}".encode(), content_type="text/plain"),
        )
        server.add(host, "/", link_page("/a", "/b", "/c"))
        for path in ("/a", "/b", "/c"):
            server.add(host, path, link_page())
    crawl_events(
        server,
        tmp_path,
        (CrawlSite("00001", (f"http://{A}/",)), CrawlSite("00002", (f"http://{B}/",))),
    )

    def gaps(host: str) -> list[float]:
        times = [t for h, t in server.arrivals if h == host]
        assert len(times) == 5  # robots.txt, the home page, three pages
        return [later - earlier for earlier, later in zip(times[1:], times[2:], strict=False)]

    assert min(gaps(A)) >= 0.9, gaps(A)
    assert min(gaps(B)) < 0.5, gaps(B)  # the other host is not slowed down


def test_the_robots_txt_of_a_host_reached_by_redirect_is_the_sites_evidence(
    server: SiteServer, tmp_path: Path
) -> None:
    """A start URL that redirects to another host which forbids crawling: that host's robots.txt
    explains the failure, so it is archived as the site's, not as nobody's."""
    server.add(A, "/", Route(status=301, headers=(("Location", f"http://{B}/accueil"),)))
    server.add(B, "/robots.txt", Route(b"User-agent: *\nDisallow: /\n", content_type="text/plain"))
    events = crawl_events(server, tmp_path, (CrawlSite("00001", (f"http://{A}/",)),))
    archived = {e.url: e.site for e in events if isinstance(e, Archived)}
    assert archived[f"http://{B}/robots.txt"] == "00001"
    (finished,) = [e for e in events if isinstance(e, SiteFinished)]
    assert finished.status == "failed" and "robots.txt" in finished.reason


def test_sites_that_cannot_be_read_fail_with_a_french_reason(
    server: SiteServer, tmp_path: Path
) -> None:
    """The reason is shown in the summary and in `audit status`: no English from Scrapy."""
    server.add(A, "/", Route(status=302, headers=(("Location", "/"),)))  # a loop
    server.add(B, "/", Route(b"pas du gzip", gzip=True, raw_gzip=True))
    server.add("www.ville-c.fr", "/", Route(status=302, headers=(("Location", "http://x:99999/"),)))
    sites = (
        CrawlSite("00001", (f"http://{A}/",)),
        CrawlSite("00002", (f"http://{B}/",)),
        CrawlSite("00003", ("http://www.ville-c.fr/",)),
    )
    events = crawl_events(server, None, sites)
    reasons = {e.site: e.reason for e in events if isinstance(e, SiteFinished)}
    assert reasons == {
        "00001": f"trop de redirections (5 au plus{NBSP}: une boucle{NBSP}?){NBSP}; chaîne "
        f"coupée à «{NBSP}http://{A}/{NBSP}»",
        "00002": reasons["00002"],
        "00003": reasons["00003"],
    }
    assert reasons["00002"] == "contenu compressé illisible"  # not zlib's English words
    assert reasons["00003"].startswith("adresse invalide (")


def test_a_too_long_redirect_chain_fails_on_the_link_the_page_had(
    server: SiteServer, tmp_path: Path
) -> None:
    """« trop de redirections » was reported on the 5th redirect's URL, an address the site
    never linked to: it is reported on the link, with where the chain was cut in its reason."""
    server.add(A, "/", link_page("/demarches"))
    server.add(A, "/demarches", Route(status=301, headers=(("Location", "/etape/1"),)))
    for step in range(1, 20):
        location = (("Location", f"/etape/{step + 1}"),)
        server.add(A, f"/etape/{step}", Route(status=302, headers=location))
    events = crawl_events(server, None, (CrawlSite("00001", (f"http://{A}/",)),))
    (failed,) = [e for e in events if isinstance(e, FetchFailed)]
    assert failed.url == f"http://{A}/demarches"
    assert failed.reason == (
        f"trop de redirections (5 au plus{NBSP}: une boucle{NBSP}?){NBSP}; chaîne coupée à "
        f"«{NBSP}http://{A}/etape/5{NBSP}»"
    )
    assert server.count(A, "/etape/5") == 1 and server.count(A, "/etape/6") == 0


def test_a_site_whose_robots_txt_fails_with_a_server_error_is_not_crawled(
    server: SiteServer, tmp_path: Path
) -> None:
    """RFC 9309: robots.txt unreachable through a server error means complete disallow."""
    server.add(A, "/robots.txt", Route(b"<html>erreur interne</html>", status=503))
    server.add(A, "/", link_page("/a"))
    server.add(B, "/robots.txt", Route(b"introuvable", status=404))  # no rules: all allowed
    server.add(B, "/", link_page())
    events = crawl_events(
        server,
        tmp_path,
        (CrawlSite("00001", (f"http://{A}/",)), CrawlSite("00002", (f"http://{B}/",))),
    )
    assert server.count(A, "/") == 0 and server.count(A, "/a") == 0
    finished = {e.site: e for e in events if isinstance(e, SiteFinished)}
    assert finished["00001"].status == "failed"
    assert finished["00001"].reason == (
        "robots.txt en erreur serveur (HTTP 503) : exploration interdite (RFC 9309)"
    )
    assert finished["00002"].status == "done"
    archived = [e for e in events if isinstance(e, Archived) and e.url == f"http://{A}/robots.txt"]
    assert archived and archived[0].status == 503  # archived as the server sent it


def test_a_site_whose_robots_txt_cannot_be_fetched_at_all_is_not_crawled(
    server: SiteServer, tmp_path: Path
) -> None:
    """RFC 9309 (2.3.1.4): robots.txt unreachable through a network error (connection reset,
    timeout) means complete disallow, as a server error does; a 4xx still allows everything."""
    server.add(A, "/robots.txt", Route(reset=True))
    server.add(A, "/", link_page("/a"))
    server.add(B, "/robots.txt", Route(b"User-agent: *\n", delay=3.0))  # beyond the timeout
    server.add(B, "/", link_page("/b"))
    C = "www.ville-c.fr"
    server.add(C, "/robots.txt", Route(b"introuvable", status=404))  # no rules: all allowed
    server.add(C, "/", link_page())
    events = crawl_events(
        server,
        tmp_path,
        (
            CrawlSite("00001", (f"http://{A}/",)),
            CrawlSite("00002", (f"http://{B}/",)),
            CrawlSite("00003", (f"http://{C}/",)),
        ),
        timeout=1.0,
    )
    assert server.count(A, "/robots.txt") >= 1 and server.count(B, "/robots.txt") >= 1
    for host in (A, B):  # no page asked of a host whose rules could not be read
        assert server.count(host) == server.count(host, "/robots.txt")
    finished = {e.site: e for e in events if isinstance(e, SiteFinished)}
    assert finished["00001"].status == "failed"
    assert finished["00001"].reason == (
        "robots.txt injoignable (connexion interrompue) : exploration interdite (RFC 9309)"
    )
    assert finished["00002"].status == "failed"
    assert finished["00002"].reason == (
        "robots.txt injoignable (délai dépassé) : exploration interdite (RFC 9309)"
    )
    assert finished["00003"].status == "done"
    # nothing was received for them: the archive holds no made-up robots.txt
    archived = {e.url for e in events if isinstance(e, Archived)}
    assert f"http://{A}/robots.txt" not in archived and f"http://{B}/robots.txt" not in archived
    assert f"http://{C}/robots.txt" in archived


def test_a_host_that_refuses_the_connection_to_its_robots_txt_is_not_crawled(
    tmp_path: Path,
) -> None:
    """Connection refused for robots.txt: complete disallow too (RFC 9309, 2.3.1.4)."""
    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    events: list[Any] = []
    options = fast_options(SiteServer(), None, farm_address="", retries=0)
    crawl_run(
        CrawlJob(options, (CrawlSite("00001", (f"http://127.0.0.1:{port}/",)),)),
        on_event=events.append,
    )
    finished = [e for e in events if isinstance(e, SiteFinished)]
    assert [(e.status, e.reason) for e in finished] == [
        ("failed", "robots.txt injoignable (connexion refusée) : exploration interdite (RFC 9309)")
    ]


def test_private_addresses_are_refused_unless_allowed(server: SiteServer) -> None:
    server.add("127.0.0.1", "/", link_page())
    server.add("localhost", "/", link_page())
    sites = (
        CrawlSite("00001", (f"http://127.0.0.1:{server.port}/",)),
        CrawlSite("00002", (f"http://localhost:{server.port}/",)),
    )
    events = crawl_events(server, None, sites, farm_address="", allow_private=False)
    finished = {e.site: e for e in events if isinstance(e, SiteFinished)}
    assert finished["00001"].status == "failed" and "bouclage" in finished["00001"].reason
    assert finished["00002"].status == "failed" and "hôte local" in finished["00002"].reason
    assert server.hits == []
    events = crawl_events(server, None, sites[:1], farm_address="", allow_private=True)
    assert [e.status for e in events if isinstance(e, SiteFinished)] == ["done"]
    assert server.count("127.0.0.1", "/") == 1


def test_a_slow_site_does_not_starve_the_others(server: SiteServer) -> None:
    server.add("www.lente.test", "/", link_page(*[f"/l{i}" for i in range(10)]))
    for i in range(10):
        server.add("www.lente.test", f"/l{i}", Route(link_page().encode(), delay=1.0))
    fast = [f"www.rapide{n}.test" for n in range(3)]
    for host in fast:
        server.add(host, "/", link_page(*[f"/r{i}" for i in range(8)]))
        for i in range(8):
            server.add(host, f"/r{i}", link_page())
    sites = (
        CrawlSite("00009", ("http://www.lente.test/",)),  # first in line
        *(CrawlSite(f"0000{n}", (f"http://{host}/",)) for n, host in enumerate(fast)),
    )
    events = crawl_events(server, None, sites, concurrent_requests=4, page_budget=11)
    finished = [e.site for e in events if isinstance(e, SiteFinished)]
    assert len(finished) == 4 and finished[-1] == "00009"
    # The fast sites were done while most of the slow site's pages were still to come.
    last_fast = max(
        i for i, e in enumerate(events) if isinstance(e, SiteFinished) and e.site != "00009"
    )
    slow_pages = [e for e in events[:last_fast] if isinstance(e, PageFetched) and e.site == "00009"]
    assert len(slow_pages) <= 5  # of 11


def test_a_robots_txt_redirected_to_a_refused_address_forbids_the_host(
    server: SiteServer, tmp_path: Path
) -> None:
    """The robots.txt request is refused before sending by the address guard (its redirect
    leads to a URL without a host): its rules cannot be read, as when it is unreachable
    (RFC 9309, 2.3.1.4), so the host's pages, which the guard lets through, are not asked for."""
    server.add(
        A, "/robots.txt", Route(status=301, headers=(("Location", "http://:80/robots.txt"),))
    )
    server.add(A, "/", link_page("/a"))
    server.add(A, "/a", link_page())
    server.add(B, "/robots.txt", Route(b"introuvable", status=404))  # no rules: all allowed
    server.add(B, "/", link_page())
    events = crawl_events(
        server,
        tmp_path,
        (CrawlSite("00001", (f"http://{A}/",)), CrawlSite("00002", (f"http://{B}/",))),
    )
    assert server.count(A) == server.count(A, "/robots.txt") == 1  # no page asked of A
    finished = {e.site: e for e in events if isinstance(e, SiteFinished)}
    assert (finished["00001"].status, finished["00001"].reason) == (
        "failed",
        "robots.txt injoignable (redirection refusée : URL sans hôte) : "
        "exploration interdite (RFC 9309)",
    )
    assert finished["00002"].status == "done"


def _guard_refusal(request: Any) -> Exception:
    from barometre.collection.crawler.middlewares import AddressGuardMiddleware, UrlRefused

    try:
        AddressGuardMiddleware(allow_private=False).process_request(request)
    except UrlRefused as refusal:
        return refusal
    raise AssertionError(f"{request.url} should be refused")


def test_a_robots_txt_redirected_to_a_private_address_forbids_the_host() -> None:
    """The same with a private address (which a crawl of the loopback server cannot show:
    private addresses are allowed there). The robots.txt of a host that is itself refused is
    left alone: the host's pages get the same refusal from the guard, with its own reason."""
    from scrapy import Request

    from barometre.collection.crawler.middlewares import RobotsUnavailableMiddleware
    from barometre.collection.crawler.safety import url_refusal

    robots = RobotsUnavailableMiddleware()
    redirected = Request(
        "http://10.0.0.1/robots.txt",
        meta={"dont_obey_robotstxt": True, "redirect_urls": [f"http://{A}/robots.txt"]},
    )
    answer = robots.process_exception(redirected, _guard_refusal(redirected))
    assert answer is not None and answer.body == RobotsUnavailableMiddleware.DISALLOW_ALL
    assert robots.refusals == {
        A: "robots.txt injoignable (redirection refusée : adresse privée 10.0.0.1 refusée) : "
        "exploration interdite (RFC 9309)"
    }
    direct = Request("http://10.0.0.3/robots.txt", meta={"dont_obey_robotstxt": True})
    refusal = _guard_refusal(direct)
    assert robots.process_exception(direct, refusal) is None
    assert url_refusal("http://10.0.0.3/une-page", allow_private=False) == str(refusal)
