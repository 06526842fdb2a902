"""Run a crawl in threads of this process: the distributed worker's way (docs/adr/0007).

A worker is one process: Celery's consumer in the main thread, the tasks (one per site) in a pool
of threads, Scrapy's reactor in a thread of its own and the consumer of crawl events (archive,
detection, storage) in another. The spider is the one of the single-machine audit; its sites come
from a `HandoffSource` that the tasks fill, and its events go through `runner.deliver` to the same
`AuditConsumer`. Because everything shares one interpreter, a worker uses about one core: run one
worker per core.
"""

from __future__ import annotations

import asyncio
import logging
import queue as queue_module
import resource
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from barometre.collection.crawler import loopback
from barometre.collection.crawler.jobs import CrawlClosed, CrawlJob, CrawlSite, Event
from barometre.collection.crawler.runner import QUEUE_BATCHES, QueueSink, deliver
from barometre.collection.warc import WarcArchive

_TICK_SECONDS = 0.25


class HandoffSource:
    """Sites handed to the spider by other threads; exhausted once closed and emptied."""

    def __init__(self) -> None:
        self._sites: deque[CrawlSite] = deque()
        self._lock = threading.Lock()
        self._closed = False

    def put(self, site: CrawlSite) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("the crawl is closing")
            self._sites.append(site)

    def close(self) -> None:
        with self._lock:
            self._closed = True

    def drop(self) -> list[CrawlSite]:
        """Close, and give back the sites handed but not opened yet."""
        with self._lock:
            self._closed = True
            dropped, self._sites = list(self._sites), deque()
        return dropped

    def next_site(self) -> CrawlSite | None:
        with self._lock:
            return self._sites.popleft() if self._sites else None

    def exhausted(self) -> bool:
        with self._lock:
            return self._closed and not self._sites


class InlineCrawl:
    """One long crawl in this process, fed site by site (`submit`) until `close`.

    `on_event` and `on_tick` run in the consumer thread, never in the reactor's, so they may use
    Django's ORM. `closed` is set once the crawl has ended and every event has been handled.
    """

    def __init__(
        self,
        job: CrawlJob,
        *,
        on_event: Callable[[Event], None],
        archive: WarcArchive | None,
        on_tick: Callable[[], None] | None = None,
    ) -> None:
        self.job = job
        self.source = HandoffSource()
        self._on_event = on_event
        self._archive = archive
        self._on_tick = on_tick
        self._events: queue_module.Queue[list[Event]] = queue_module.Queue(QUEUE_BATCHES)
        self._reactor: Any = None
        self._spider: Any = None
        self._started = threading.Event()
        self.closed = threading.Event()
        self.closing: CrawlClosed | None = None
        self.error: BaseException | None = None
        self._threads = [
            threading.Thread(target=self._crawl, name="barometre-crawl", daemon=True),
            threading.Thread(target=self._consume, name="barometre-consumer", daemon=True),
        ]

    def start(self, timeout: float = 30.0) -> None:
        for thread in self._threads:
            thread.start()
        if not self._started.wait(timeout):
            raise RuntimeError("the crawl engine did not start")
        if self.error is not None:
            raise RuntimeError(f"the crawl engine failed: {self.error}") from self.error

    def submit(self, site: CrawlSite) -> None:
        """Open `site` as soon as the window has room (thread-safe)."""
        self.source.put(site)
        self._wake()

    def close(self) -> None:
        """Take no more sites; the crawl ends when the sites in flight are done."""
        self.source.close()
        self._wake()

    def stop_sending(self) -> None:
        """Stop at once, as Ctrl-C does for a local audit: no site is opened any more, no new
        request is sent (those waiting for their host's delay are dropped, their sites left
        unfinished, never stored); requests already sent finish and are archived."""
        self.source.drop()
        reactor, spider = self._reactor, self._spider
        if reactor is not None and spider is not None:
            reactor.callFromThread(spider.stop_sending)
        self._wake()

    def join(self, timeout: float | None = None) -> bool:
        return self.closed.wait(timeout)

    def _wake(self) -> None:
        reactor, spider = self._reactor, self._spider
        if reactor is not None and spider is not None:
            reactor.callFromThread(spider.wake)

    def _crawl(self) -> None:
        sink = QueueSink(self._events)
        try:
            self._run_reactor(sink)
        except BaseException as error:  # noqa: BLE001 - reported to the consumer and the caller
            self.error = error
            self._started.set()
        sink.send(self._closing(sink))
        sink.flush()

    def _run_reactor(self, sink: QueueSink) -> None:
        # Scrapy wants the asyncio reactor; this thread gets its own event loop for it.
        asyncio.set_event_loop(asyncio.new_event_loop())
        from scrapy import signals
        from scrapy.crawler import CrawlerRunner
        from scrapy.utils.reactor import install_reactor
        from twisted.internet import task

        install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
        from barometre.collection.crawler.reactor import installed_reactor

        reactor = installed_reactor()

        from barometre.collection.crawler.settings import crawl_settings
        from barometre.collection.crawler.spider import SiteSpider

        if loopback.enabled():
            loopback.install()
        # Failures are reported as events (in French); Scrapy's own log lines (English, "Gave
        # up retrying…") would otherwise reach the worker's terminal through Celery's handler.
        logging.getLogger("scrapy").setLevel(logging.getLevelName(self.job.options.log_level))
        runner = CrawlerRunner(crawl_settings(self.job.options))
        self._crawler = crawler = runner.create_crawler(SiteSpider)
        flusher = task.LoopingCall(sink.flush)

        def engine_started() -> None:
            self._reactor, self._spider = reactor, crawler.spider
            flusher.start(_TICK_SECONDS, now=False)
            self._started.set()

        crawler.signals.connect(engine_started, signal=signals.engine_started)
        done = runner.crawl(crawler, job=self.job, sink=sink, source=self.source)

        def stop(result: object) -> None:
            reactor.stop()

        done.addBoth(stop)
        reactor.run(installSignalHandlers=False)
        if flusher.running:
            flusher.stop()

    def _closing(self, sink: QueueSink) -> CrawlClosed:
        crawler = getattr(self, "_crawler", None)
        spider = getattr(crawler, "spider", None)
        stats = crawler.stats.get_stats() if crawler is not None and crawler.stats else {}
        usage = resource.getrusage(resource.RUSAGE_SELF)
        if self.error is not None:
            reason = "crashed"
        else:
            reason = getattr(spider, "close_reason", "") or "finished"
        return CrawlClosed(
            reason=reason,
            unfinished=spider.unfinished() if spider is not None else (),
            pages=int(stats.get("response_received_count", 0)),
            cpu_seconds=usage.ru_utime + usage.ru_stime,  # the whole process: one worker
            peak_rss_mb=usage.ru_maxrss / 1024,
            stats={k: v for k, v in stats.items() if isinstance(v, int | float | str)},
        )

    def _consume(self) -> None:
        try:
            while True:
                try:
                    batch = self._events.get(timeout=_TICK_SECONDS)
                except queue_module.Empty:
                    if self._on_tick is not None:
                        self._on_tick()
                    continue
                closing = deliver(batch, on_event=self._on_event, archive=self._archive)
                if closing is not None:
                    self.closing = closing
                    return
        except BaseException as error:  # noqa: BLE001 - the worker stops on it
            self.error = self.error or error
            self._stop_crawl()
        finally:
            self.closed.set()

    def _stop_crawl(self) -> None:
        """The consumer failed: stop the reactor so that the worker does not crawl blind."""
        self.source.close()
        reactor = self._reactor
        if reactor is not None:
            reactor.callFromThread(reactor.stop)
        # drain what the crawl still sends, so that its sink never blocks on a full queue
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self._threads[0].is_alive():
            try:
                self._events.get(timeout=0.5)
            except queue_module.Empty:
                continue
