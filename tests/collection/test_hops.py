"""The crawl's record of one-hop URLs, alone (no Scrapy): who waits, what is reused, and what
is forgotten when the record is full (the crawl through a real server is in
test_platform_memory.py and test_platform_once.py)."""

from __future__ import annotations

from barometre.collection.crawler.hops import HopRecord
from barometre.collection.crawler.jobs import FetchFailed, HopReused


def reused(url: str, *chain: str) -> HopReused:
    return HopReused("91101", url, 200, "text/html", (*chain, url), 1, True)


def test_the_sites_waiting_for_a_hop_get_its_outcome_once() -> None:
    record = HopRecord(10)
    assert record.used("https://p.example/a") is None
    assert record.requested("https://p.example/a") == ()
    shared = record.used("https://p.example/a")
    assert shared is not None and shared.outcome is None
    shared.waiting.append(("91102", 2))
    waiting, forgotten = record.settle("https://p.example/a", reused("https://p.example/a"))
    assert waiting == [("91102", 2)] and forgotten == ()
    assert record.settle("https://p.example/a", reused("https://p.example/a")) == ([], ())
    assert record.settle(None, reused("https://p.example/a")) == ([], ())


def test_a_redirected_hop_is_also_remembered_where_it_landed() -> None:
    record = HopRecord(10)
    record.requested("https://p.example/r")
    record.settle("https://p.example/r", reused("https://p.example/page", "https://p.example/r"))
    landed = record.used("https://p.example/page")
    assert landed is not None and landed.urls == ("https://p.example/page",)
    assert isinstance(landed.outcome, HopReused) and landed.outcome.chain == landed.urls


def test_the_least_recently_used_hops_are_forgotten_with_the_urls_no_other_names() -> None:
    record = HopRecord(2)
    for url in ("https://p.example/1", "https://p.example/2"):
        record.requested(url)
        record.settle(url, reused(url))
    assert record.used("https://p.example/1") is not None  # now the most recently used
    assert record.requested("https://p.example/3") == ("https://p.example/2",)
    assert "https://p.example/2" not in record and len(record) == 2


def test_a_hop_in_flight_is_never_forgotten_and_a_failure_names_its_redirects() -> None:
    record = HopRecord(1)
    record.requested("https://p.example/dead")
    assert record.requested("https://p.example/other") == ()  # both in flight: kept
    gone = FetchFailed("91101", "https://p.example/404", "introuvable", 404, 1, True)
    waiting, forgotten = record.settle("https://p.example/dead", gone, ("https://p.example/dead",))
    assert waiting == [] and forgotten == ("https://p.example/dead", "https://p.example/404")
    assert "https://p.example/dead" not in record and "https://p.example/other" in record
