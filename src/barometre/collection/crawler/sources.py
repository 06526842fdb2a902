"""Where the spider takes its next site: the job's own list, or the campaign's shared queue."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable
from typing import Protocol

from barometre.collection.crawler.jobs import CrawlOptions, CrawlSite
from barometre.collection.crawler.queue import SiteQueue

_RECLAIM_SECONDS = 2.0


class SiteSource(Protocol):
    def next_site(self) -> CrawlSite | None:
        """The next site to open, or None when there is none now."""

    def exhausted(self) -> bool:
        """True when no site will come any more."""


class MemorySource:
    """The sites of the job, in order."""

    def __init__(self, sites: Iterable[CrawlSite]) -> None:
        self._sites = deque(sites)

    def next_site(self) -> CrawlSite | None:
        return self._sites.popleft() if self._sites else None

    def exhausted(self) -> bool:
        return not self._sites


class QueueSource:
    """Sites leased from the campaign's queue in Redis, for this worker."""

    def __init__(self, queue: SiteQueue, worker: str) -> None:
        self.queue = queue
        self.worker = worker
        self._last_reclaim = 0.0

    def next_site(self) -> CrawlSite | None:
        if time.monotonic() - self._last_reclaim > _RECLAIM_SECONDS:
            self._last_reclaim = time.monotonic()
            self.queue.reclaim()  # sites of workers that died go back to the queue
        return self.queue.claim(self.worker)

    def exhausted(self) -> bool:
        return self.queue.idle()


def site_queue_source(options: CrawlOptions) -> QueueSource:
    queue = SiteQueue.from_url(options.queue_url, options.campaign, options.queue_namespace)
    return QueueSource(queue, options.worker_id)
