"""The record of one-hop (platform) pages fetched once per crawl is bounded (`hop_memory`): a
worker that audits thousands of communes does not keep every platform page it ever met. The
least recently used page is forgotten by the crawl, the archive and the consumer together, and a
site that links to it afterwards has it fetched again, with a full record of its own, never a
revisit that points at a record no longer known."""

from __future__ import annotations

from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from barometre.collection.crawler.jobs import (
    CrawlJob,
    CrawlSite,
    Event,
    HopForgotten,
    HopReused,
    PageFetched,
)
from barometre.collection.crawler.runner import crawl_run
from barometre.collection.services.audit import catalogue_spec
from barometre.collection.services.consumer import AuditConsumer, AuditProgress
from barometre.collection.warc import WarcArchive
from barometre.detection import load_platforms
from tests.collection.conftest import fast_options
from tests.collection.site_server import Route, SiteServer
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db

SP = "www.service-public.fr"
SHARED = "/particuliers/vosdroits/R1406"
OWN = ["/particuliers/vosdroits/R2001", "/particuliers/vosdroits/R2002"]
ALSO = "/particuliers/vosdroits/R2003"
DEAD = "/particuliers/vosdroits/R2009"  # redirects to a page that is gone (404)
GONE = "/particuliers/vosdroits/R2009/demande"
LAST = ["/particuliers/vosdroits/R2004", "/particuliers/vosdroits/R2005"]
# Each site links to these platform pages, in this order; the sites are crawled one after the
# other (window 1), so that with a memory of 2 pages the shared page is forgotten by the second.
LINKS = {
    "91101": [OWN[0], SHARED],  # remembered: R2001, R1406
    "91102": [OWN[1], ALSO],  # R2002 pushes R2001 out, R2003 pushes R1406 out
    "91103": [SHARED],  # forgotten: fetched again, a full response record
    "91104": [SHARED],  # remembered again: a revisit of 91103's record
    "91105": [DEAD, OWN[0]],  # a dead link (redirect, then 404); R2001 fetched again
    "91106": LAST,  # push the dead link out: its redirect and its 404 are forgotten too
}


def platform_page(path: str) -> str:
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Demande en ligne - '
        f"Service-Public.fr</title></head><body><h1>Démarche {path[-5:]}</h1><p>Ce service en "
        "ligne vous permet de faire la demande sans vous déplacer.</p></body></html>"
    )


def sites(server: SiteServer) -> tuple[CrawlSite, ...]:
    for path in {SHARED, ALSO, *OWN, *LAST}:
        server.add(SP, path, platform_page(path))
    server.add(SP, DEAD, Route(status=301, headers=(("Location", f"https://{SP}{GONE}"),)))
    server.add(SP, GONE, Route(status=404))
    found = []
    for code, paths in LINKS.items():
        host = f"www.v{code}.test"
        links = "".join(
            f'<p><a href="https://{SP}{p}">Faire la demande en ligne</a></p>' for p in paths
        )
        server.add(host, "/", f"<html><body><h1>Mairie</h1>{links}</body></html>")
        found.append(CrawlSite(code, (f"https://{host}/",)))
    return tuple(found)


def test_the_platform_record_is_bounded_and_a_forgotten_page_is_fetched_again(
    server: SiteServer, tmp_path: Path
) -> None:
    campaign = CampaignFactory(name="memoire", communes=[CommuneFactory(code=c) for c in LINKS])
    consumer = AuditConsumer(
        campaign=campaign,
        catalogue=catalogue_spec(campaign),
        platforms=load_platforms(None),
        progress=AuditProgress(sites_total=len(LINKS)),
    )
    archive = WarcArchive(tmp_path, "memoire", max_bytes=10**9, software="test")
    events: list[Event] = []
    most = [0, 0]

    def on_event(event: Event) -> None:
        events.append(event)
        consumer.handle(event)
        most[0] = max(most[0], archive.remembered())
        most[1] = max(most[1], consumer.hop_readings())

    options = fast_options(server, tmp_path, site_window=1, hop_memory=2, stylesheets=False)
    crawl_run(CrawlJob(options, sites(server)), on_event=on_event, archive=archive)
    archive.close()

    # the shared page was fetched twice: first for 91101, again for 91103 once forgotten
    assert server.count(SP, SHARED) == 2 and server.count(SP, OWN[0]) == 2
    assert [server.count(SP, p) for p in (OWN[1], ALSO, DEAD, GONE)] == [1, 1, 1, 1]
    forgotten = {url for e in events if isinstance(e, HopForgotten) for url in e.urls}
    assert {f"https://{SP}{p}" for p in (OWN[0], SHARED, DEAD, GONE)} <= forgotten
    # the archive and the consumer never held more than the crawl's memory: 2 pages (here at
    # most 2 URLs each, a redirect and its target), 2 readings; at the end the last 2 pages
    assert most[0] <= 4 and most[1] <= 2, most
    assert (archive.remembered(), consumer.hop_readings()) == (2, 2)
    # 91103 got the page itself (its own fetch, analysed), 91104 a reuse of it
    fetched = [e.site for e in events if isinstance(e, PageFetched) and e.url.endswith(SHARED)]
    reused = [e.site for e in events if isinstance(e, HopReused) and e.url.endswith(SHARED)]
    assert (fetched, reused) == (["91101", "91103"], ["91104"])

    # In the WARC: a full response of the shared page for 91101 and 91103, and 91104's revisit
    # refers to 91103's response, which the archive holds.
    responses, revisits = {}, []
    for path in sorted((tmp_path / "memoire").glob("*.warc.gz")):
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                headers = record.rec_headers
                if headers.get_header("WARC-Target-URI") != f"https://{SP}{SHARED}":
                    continue
                site = headers.get_header("Barometre-Site")
                if record.rec_type == "response":
                    responses[site] = headers.get_header("WARC-Record-ID")
                elif record.rec_type == "revisit":
                    revisits.append((site, headers.get_header("WARC-Refers-To")))
    assert sorted(responses) == ["91101", "91103"]
    assert revisits == [("91104", responses["91103"])]
