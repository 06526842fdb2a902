"""Distributed mode (scrapy-redis) against the local Redis on loopback: two workers, one queue."""

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from barometre.collection.crawler.jobs import Archived, CrawlJob, CrawlSite, PageFetched
from barometre.collection.crawler.runner import crawl_run
from barometre.collection.warc import WarcArchive
from tests.collection.conftest import fast_options
from tests.collection.site_server import Route, SiteServer

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_client() -> Iterator[Any]:
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    yield client
    client.close()


def links(*paths: str) -> bytes:
    return (
        "<html><body>" + "".join(f'<a href="{p}">{p}</a>' for p in paths) + "</body></html>"
    ).encode()


def test_two_workers_share_one_queue_without_fetching_twice(
    server: SiteServer, redis_client: Any, tmp_path: Path
) -> None:
    for host in ("www.a.test", "www.b.test"):
        server.add(host, "/", Route(links(*[f"/p{i}" for i in range(15)], "/p3")))
        for i in range(15):
            server.add(host, f"/p{i}", Route(links("/", f"/p{(i + 1) % 15}"), delay=0.4))
    campaign = f"dist-{uuid.uuid4().hex[:8]}"
    sites = (
        CrawlSite("00001", ("https://www.a.test/",)),
        CrawlSite("00002", ("https://www.b.test/",)),
    )

    def options(seed: bool) -> Any:
        return fast_options(
            server,
            tmp_path,
            campaign=campaign,
            redis_url=REDIS_URL,
            seed=seed,
            idle_grace=1.0,
            concurrent_requests=2,
            page_budget=12,
        )

    seeder: list[Any] = []
    joiner: list[Any] = []
    archives = [
        WarcArchive(tmp_path / f"w{i}", campaign, max_bytes=10**9, software="t") for i in (1, 2)
    ]
    thread = threading.Thread(
        target=crawl_run,
        args=(CrawlJob(options(True), sites),),
        kwargs={"on_event": seeder.append, "archive": archives[0]},
    )
    thread.start()
    try:
        # The second worker joins once the first has queued work in Redis.
        for _ in range(100):
            if redis_client.exists(f"barometre:{campaign}:requests"):
                break
            time.sleep(0.1)
        crawl_run(CrawlJob(options(False), sites), on_event=joiner.append, archive=archives[1])
    finally:
        thread.join()
        for archive in archives:
            archive.close()
        for key in redis_client.scan_iter(f"barometre:{campaign}:*"):
            redis_client.delete(key)

    pages = [h for h in server.hits if not h[1].endswith("robots.txt")]
    assert len(pages) == len(set(pages)) == 24  # the budget (12 per site), each page once
    for events in (seeder, joiner):  # both workers did part of the work
        assert any(isinstance(e, PageFetched) for e in events)
    # Each worker archived what it fetched, in its own files; no page is in both.
    archived = [
        {e.url for e in events if isinstance(e, Archived) and not e.url.endswith("/robots.txt")}
        for events in (seeder, joiner)
    ]
    assert archived[0] and archived[1] and not archived[0] & archived[1]
    assert len(archived[0] | archived[1]) == 24
