"""Fixtures for collection tests: a loopback web server, a private WARC folder, the database and
a Redis namespace of the distributed audit's tests."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from barometre.collection.crawler.jobs import CrawlJob, CrawlOptions, CrawlSite
from barometre.collection.crawler.runner import crawl_run
from barometre.collection.warc import WarcArchive
from tests.collection.site_server import SiteServer


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Crawl processes inherit this: they refuse any connection or DNS lookup off loopback."""
    monkeypatch.setenv("BAROMETRE_LOOPBACK_ONLY", "1")


@pytest.fixture
def postgres() -> None:
    """Workers in other processes share the database: PostgreSQL only."""
    if connection.vendor != "postgresql":
        pytest.skip("workers in other processes need PostgreSQL (DATABASE_URL)")


@pytest.fixture
def namespace() -> Iterator[str]:
    """A namespace of its own in the tests' Redis, for the distributed audit's keys and queues
    (removed afterwards)."""
    redis = pytest.importorskip("redis")
    url = os.environ.get("BAROMETRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {url}")
    name = f"barometre-dist-test-{uuid.uuid4().hex[:8]}"
    yield name
    for key in client.scan_iter(f"{name}*"):  # the board and the Celery queues
        client.delete(key)
    client.close()


@pytest.fixture
def server() -> Iterator[SiteServer]:
    running = SiteServer().start()
    yield running
    running.stop()


@pytest.fixture
def warc_root(tmp_path: Path, settings: object) -> Path:
    root = tmp_path / "warc"
    settings.WARC_ROOT = root  # type: ignore[attr-defined]
    return root


def fast_options(server: SiteServer, root: Path | None, **overrides: object) -> CrawlOptions:
    """Options for a crawl of the test server: no politeness delay, short timeouts."""
    values: dict[str, object] = {
        "campaign": "essai",
        "archive": root is not None,
        "download_delay": 0.0,
        "autothrottle": False,
        "allow_private": True,
        "farm_address": server.address,
        "timeout": 5.0,
        "retries": 1,
    }
    values.update(overrides)
    return CrawlOptions(**values)  # type: ignore[arg-type]


def link_page(*paths: str) -> str:
    """An HTML page that links to each of `paths`."""
    anchors = "".join(f'<a href="{p}">{p}</a> ' for p in paths)
    return f"<!doctype html><html><head><title>t</title></head><body>{anchors}</body></html>"


def crawl_events(
    server: SiteServer, root: Path | None, sites: tuple[CrawlSite, ...], **options: object
) -> list[Any]:
    """Crawl `sites` on the test server in a crawl process (`fast_options`, with `options`),
    every response archived under `root` when given: the crawl's events, in order."""
    events: list[Any] = []
    job = CrawlJob(fast_options(server, root, **options), sites)
    archive = WarcArchive(root, "essai", max_bytes=10**9, software="test") if root else None
    crawl_run(job, on_event=events.append, archive=archive)
    if archive is not None:
        archive.close()
    return events
