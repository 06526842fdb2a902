"""Fixtures for collection tests: a loopback web server, a private WARC folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from barometre.collection.crawler.jobs import CrawlOptions
from tests.collection.site_server import SiteServer


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Crawl processes inherit this: they refuse any connection or DNS lookup off loopback."""
    monkeypatch.setenv("BAROMETRE_LOOPBACK_ONLY", "1")


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
