"""What a crawl is asked to do, and what it reports back: plain picklable values.

The crawl runs in a child process (Scrapy's reactor starts once per process); the parent sends it
a `CrawlJob` and receives events in batches. Nothing here imports Django or Scrapy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from barometre.collection.warc import HttpExchange


@dataclass(frozen=True, slots=True)
class CrawlSite:
    """One commune's site: where to start and which hosts belong to it."""

    key: str  # the commune's INSEE code
    start_urls: tuple[str, ...]
    hosts: tuple[str, ...] = ()  # extra hosts of the site (beyond those of start_urls)
    one_hop_hosts: tuple[str, ...] = ()  # outside hosts followed one hop (e.g. the EPCI's site)


# One-hop URLs a crawl remembers at once (docs/crawler.md, "What is followed"): about 1 KB each
# in the crawl and the archive, plus a page's detection reading (a few KB) in the audit process,
# so some 20 MB at most; far more than the distinct platform pages of a typical run.
DEFAULT_HOP_MEMORY = 4096

# The parsing limit of robots.txt (RFC 9309, 2.5: "at least 500 kibibytes", what Google reads):
# a longer one is cut at its last whole line within it, its rules there obeyed. Parsing 5 MB of
# rules held the crawl process some 2 s, every site of its window waiting.
DEFAULT_ROBOTS_LIMIT = 500 * 1024


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """Limits and modes of a crawl. Defaults are the polite ones (docs/crawler.md)."""

    campaign: str
    archive: bool = False  # send every response as an HttpExchange to be written as WARC
    page_budget: int = 150
    depth_limit: int = 4
    concurrent_requests: int = 64
    per_host: int = 2
    download_delay: float = 1.0  # seconds per host; AutoThrottle adapts above it
    autothrottle: bool = True
    timeout: float = 30.0
    max_size: int = 5 * 1024 * 1024  # bytes, enforced on the decompressed body too
    warn_size: int = 2 * 1024 * 1024
    # robots.txt is read up to this many bytes, its rules there obeyed (crawler/robots.py)
    robots_limit: int = DEFAULT_ROBOTS_LIMIT
    retries: int = 2
    obey_robots: bool = True
    allow_private: bool = False
    farm_address: str = ""  # "127.0.0.1:8000": send every request there, keep the Host header
    contact_url: str = "https://barometre.example.org/robot"
    site_window: int = 64  # sites in flight at once; the next opens when one finishes
    send_bodies: bool = True  # send HTML bodies to the parent for detection
    # With `archive`: fetch and archive the stylesheets of the site's own pages (for the
    # evidence viewer), outside the page budget, never analysed nor followed further.
    stylesheets: bool = True
    stylesheets_per_page: int = 8
    stylesheets_per_site: int = 24
    stylesheet_max_size: int = 1024 * 1024  # bytes, enforced on the decompressed body too
    close_after_pages: int = 0  # stop the crawl after N pages (tests of resume); 0 = never
    # one-hop URLs (platform pages) the crawl remembers at once, each fetched once and reused
    # for the other sites (docs/crawler.md); the least recently used is forgotten beyond it
    hop_memory: int = DEFAULT_HOP_MEMORY
    platforms_path: str = ""
    log_level: str = "CRITICAL"  # failures are reported as events, not as log lines


@dataclass(frozen=True, slots=True)
class CrawlJob:
    options: CrawlOptions
    sites: tuple[CrawlSite, ...]


# Events sent by the crawl to the parent, in order of occurrence.


@dataclass(frozen=True, slots=True)
class Archived:
    """A response written to a WARC file (response record: offset and length in the file)."""

    site: str | None
    url: str
    status: int
    content_type: str
    warc_file: str  # relative to the WARC root when under it, else absolute
    offset: int
    length: int
    digest: str
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class PageFetched:
    """A response that reached the spider (after redirects and decompression)."""

    site: str
    url: str
    status: int
    content_type: str
    body: bytes | None  # HTML/text only, and only when the options ask for bodies
    encoding: str
    depth: int
    hop: bool  # an outside platform page reached in one hop


@dataclass(frozen=True, slots=True)
class HopReused:
    """A one-hop page (an outside platform, the intercommunality's site…) that this crawl has
    already fetched for another site, reused for `site` without a second request: the parent
    archives a `revisit` record for each URL of `chain` (the redirects, then the page) and
    gives the site the first fetch's detection reading of `url`."""

    site: str
    url: str  # the page's URL (after redirects), as in the first fetch's PageFetched
    status: int
    content_type: str
    chain: tuple[str, ...]  # every URL fetched to reach it, the page's last
    depth: int
    html: bool  # the first fetch sent a body to detection


@dataclass(frozen=True, slots=True)
class FetchFailed:
    site: str
    url: str
    reason: str  # French, for the report
    status: int | None = None  # HTTP status when the server answered
    depth: int = 0
    hop: bool = False


@dataclass(frozen=True, slots=True)
class HopForgotten:
    """The crawl's record of one-hop URLs is full and forgot these: no site will be handed a
    reuse of them any more (a site that links to one again has it fetched afresh, with a full
    record), so the parent drops their archived originals and detection readings."""

    urls: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SiteFinished:
    site: str
    status: str  # "done" or "failed"
    reason: str
    pages: int
    errors: int


@dataclass(frozen=True, slots=True)
class CrawlClosed:
    reason: str  # Scrapy's close reason: "finished", "shutdown", "closespider_pagecount"…
    unfinished: tuple[str, ...] = ()
    pages: int = 0
    cpu_seconds: float = 0.0
    peak_rss_mb: float = 0.0
    stats: dict[str, object] = field(default_factory=dict)


Event = (
    Archived
    | HttpExchange
    | PageFetched
    | HopReused
    | HopForgotten
    | FetchFailed
    | SiteFinished
    | CrawlClosed
)


class Sink(Protocol):
    def send(self, event: Event) -> None: ...
