"""Run a crawl in a child process and stream its events back to the caller.

Scrapy's Twisted reactor can start only once per process, and a Django process (a management
command, a test session) may run several crawls: each crawl gets a fresh child process
(`spawn`), which imports no Django and touches no database. The child sends events in batches
through a bounded queue; when the parent (detection, storage) falls behind, the queue fills and
the crawl waits, so memory stays bounded.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue as queue_module
import resource
import signal
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from barometre.collection.crawler import loopback
from barometre.collection.crawler.jobs import (
    Archived,
    CrawlClosed,
    CrawlJob,
    Event,
    HopForgotten,
    HopReused,
)
from barometre.collection.warc import HttpExchange, WarcArchive

_BATCH = 64
_FLUSH_SECONDS = 0.2
QUEUE_BATCHES = 256
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class QueueSink:
    """Collects events in the child and sends them in batches."""

    def __init__(self, queue: Any, parent_pid: int | None = None) -> None:
        self._queue = queue
        self._parent_pid = parent_pid
        self._buffer: list[Event] = []
        self._last_flush = time.monotonic()

    def send(self, event: Event) -> None:
        self._buffer.append(event)
        if len(self._buffer) >= _BATCH or time.monotonic() - self._last_flush > _FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self._buffer:
            self._put(self._buffer)
            self._buffer = []
        self._last_flush = time.monotonic()

    def _put(self, batch: list[Event]) -> None:
        """Wait while the parent catches up, but never for a parent that has died."""
        while True:
            try:
                self._queue.put(batch, timeout=1.0)
                return
            except queue_module.Full:
                if self._parent_pid is not None and os.getppid() != self._parent_pid:
                    os._exit(1)


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to kill this process when its parent dies (PR_SET_PDEATHSIG), then check that
    the parent did not die before the request; elsewhere the event loop's tick watches it."""
    import ctypes
    import sys

    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the tick and the sink still watch
            pass
    if os.getppid() != parent_pid:
        os._exit(1)


def child_main(job: CrawlJob, queue: Any, parent_pid: int) -> None:
    """Entry point of the crawl process (BAROMETRE_CRAWL_PROFILE=FILE: write a cProfile)."""
    target = os.environ.get("BAROMETRE_CRAWL_PROFILE")
    if target:
        import cProfile

        cProfile.runctx("_child(job, queue, parent_pid)", globals(), locals(), target)
    else:
        _child(job, queue, parent_pid)


def _child(job: CrawlJob, queue: Any, parent_pid: int) -> None:
    # Own process group: a terminal's Ctrl-C reaches the parent, which forwards it once.
    os.setpgrp()
    _die_with_parent(parent_pid)
    if loopback.enabled():
        loopback.install()
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from twisted.internet import task

    from barometre.collection.crawler.settings import crawl_settings
    from barometre.collection.crawler.spider import SiteSpider

    sink = QueueSink(queue, parent_pid)
    process = CrawlerProcess(crawl_settings(job.options))
    crawler = process.create_crawler(SiteSpider)

    def tick() -> None:
        sink.flush()
        if os.getppid() != parent_pid:  # the parent died: stop cleanly
            process.stop()

    timers: list[Any] = []

    def start_timer() -> None:  # the reactor exists only once the engine has started
        # Scrapy filters log records at its handler; filter at the root so none is even built.
        logging.root.setLevel(logging.getLevelName(job.options.log_level))
        timers.append(task.LoopingCall(tick))
        timers[0].start(_FLUSH_SECONDS, now=False)
        _stop_sending_on_interrupt(crawler)

    crawler.signals.connect(start_timer, signal=signals.engine_started)
    process.crawl(crawler, job=job, sink=sink)
    process.start()
    _child_close(timers, sink, crawler, queue)


def _child_close(timers: list[Any], sink: QueueSink, crawler: Any, queue: Any) -> None:
    """After the crawl: the timer stopped, the closing event sent, the queue drained."""
    for timer in timers:
        if timer.running:
            timer.stop()
    sink.send(_closing(crawler))
    sink.flush()
    queue.close()
    queue.join_thread()


def _closing(crawler: Any) -> CrawlClosed:
    """The crawl's last event: why it closed, its unfinished sites, its pages and costs."""
    spider = crawler.spider
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return CrawlClosed(
        reason=spider.close_reason or "finished",
        unfinished=spider.unfinished(),
        pages=int(stats.get("response_received_count", 0)),
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,
        stats={k: v for k, v in stats.items() if isinstance(v, int | float | str)},
    )


def _stop_sending_on_interrupt(crawler: Any) -> None:
    """Ctrl-C (forwarded by the parent): before Scrapy's clean stop, which would still send
    every request already queued in the downloader, stop sending any (SiteSpider.stop_sending).
    """
    from twisted.internet import reactor

    scrapy_handler = signal.getsignal(signal.SIGINT)

    def on_interrupt(signum: int, frame: Any) -> None:
        reactor.callFromThread(crawler.spider.stop_sending)
        if callable(scrapy_handler):
            scrapy_handler(signum, frame)

    signal.signal(signal.SIGINT, on_interrupt)


def archived(archive: WarcArchive, exchange: HttpExchange) -> Archived:
    """Write one exchange to the archive; the event that says where it is."""
    where = archive.write(exchange)
    content_type = next(
        (v for n, v in exchange.response_headers if n.lower() == "content-type"), ""
    )
    return Archived(
        site=exchange.site,
        url=exchange.url,
        status=exchange.status,
        content_type=content_type[:200],
        warc_file=where.warc_file,
        offset=where.offset,
        length=where.length,
        digest=where.digest,
        fetched_at=exchange.fetched_at,
    )


def revisited(archive: WarcArchive, event: HopReused) -> list[Archived]:
    """Write a revisit record for each URL of a reused one-hop page, for the site that reuses
    it; the events that say where they are (the original's status, type and digest)."""
    now = datetime.now(UTC)
    found = []
    for url in event.chain:
        status = archive.original_status(url)
        where = archive.write_revisit(url, event.site, now)
        if status is None or where is None:
            continue
        found.append(
            Archived(
                site=event.site,
                url=url,
                status=status[0],
                content_type=status[1][:200],
                warc_file=where.warc_file,
                offset=where.offset,
                length=where.length,
                digest=where.digest,
                fetched_at=now,
            )
        )
    return found


def deliver(
    batch: list[Event], *, on_event: Callable[[Event], None], archive: WarcArchive | None
) -> CrawlClosed | None:
    """Hand a batch of crawl events to `on_event`, in order, writing each response to `archive`
    first (or dropping it without one), and a revisit record for each reused one-hop page.
    Returns the closing event if the batch holds it. Both ways of running a crawl (child
    process, thread of a worker) go through here."""
    closed = None
    for event in batch:
        if isinstance(event, HttpExchange):
            if archive is None:
                continue
            event = archived(archive, event)
        elif isinstance(event, HopReused) and archive is not None:
            for record in revisited(archive, event):
                on_event(record)
        elif isinstance(event, HopForgotten) and archive is not None:
            archive.forget(event.urls)
        if isinstance(event, CrawlClosed):
            closed = event
        on_event(event)
    return closed


def crawl_run(
    job: CrawlJob,
    *,
    on_event: Callable[[Event], None],
    archive: WarcArchive | None = None,
    on_tick: Callable[[], None] | None = None,
    on_interrupt: Callable[[int], None] | None = None,
) -> CrawlClosed:
    """Run `job` in a child process, calling `on_event` for each event, in order.

    With `archive`, each response the crawl receives is written there (with its request) and
    reported as `Archived`; without, responses are not kept. `on_tick` is called whenever no
    event came for a quarter of a second (to store finished sites on time).

    Ctrl-C asks the crawl to stop cleanly: no new request is sent, requests in flight finish
    (and are archived), finished sites are stored, the others are left for the next run; a
    second Ctrl-C kills it. `on_interrupt(n)` is told of the n-th Ctrl-C at once
    (the clean stop may take a while: say so to the user). Returns the closing event; a crawl
    that died without closing yields reason "crashed".
    """
    context = multiprocessing.get_context("spawn")
    queue = context.Queue(maxsize=QUEUE_BATCHES)
    child = context.Process(
        target=child_main, args=(job, queue, os.getpid()), name="barometre-crawl"
    )
    interrupts: list[int] = []
    previous = _catch_interrupts(interrupts, child)
    child.start()
    closed: CrawlClosed | None = None
    try:
        closed = _receive(queue, child, interrupts, on_event, archive, on_tick, on_interrupt)
    finally:
        _restore_interrupts(previous)
        _reap(child, patient=closed is not None)
    if closed is None:
        closed = CrawlClosed(reason="shutdown" if interrupts else "crashed")
        on_event(closed)
    return closed


def _receive(
    queue: Any,
    child: Any,
    interrupts: list[int],
    on_event: Callable[[Event], None],
    archive: WarcArchive | None,
    on_tick: Callable[[], None] | None,
    on_interrupt: Callable[[int], None] | None,
) -> CrawlClosed | None:
    """Deliver the child's batches of events until the closing one; None if the child died
    without closing."""
    closed: CrawlClosed | None = None
    told = 0
    while closed is None:
        told = _tell(interrupts, told, on_interrupt)
        try:
            batch = queue.get(timeout=0.25)
        except queue_module.Empty:
            if not child.is_alive():
                break
            if on_tick is not None:
                on_tick()
            continue
        told = _tell(interrupts, told, on_interrupt)  # before the events that follow it
        closed = deliver(batch, on_event=on_event, archive=archive)
    return closed


def _tell(interrupts: list[int], told: int, on_interrupt: Callable[[int], None] | None) -> int:
    """Tell `on_interrupt` of a Ctrl-C received since; return how many it was told of."""
    if len(interrupts) > told and on_interrupt is not None:
        on_interrupt(len(interrupts))
    return len(interrupts)


def _catch_interrupts(interrupts: list[int], child: Any) -> Any:
    """Count Ctrl-C and forward each at once to the crawl process (which stops sending
    requests on the first, and is killed on the second)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def on_interrupt(signum: int, frame: Any) -> None:
        interrupts.append(signum)
        _signal_child(child, len(interrupts))

    return signal.signal(signal.SIGINT, on_interrupt)


def _restore_interrupts(previous: Any) -> None:
    if previous is not None:
        signal.signal(signal.SIGINT, previous)


def _signal_child(child: Any, interrupts: int) -> None:
    if child.pid is None or not child.is_alive():
        return
    os.kill(child.pid, signal.SIGINT if interrupts == 1 else signal.SIGKILL)


def _reap(child: Any, *, patient: bool) -> None:
    """Wait for the crawl process on every way out: briefly after a clean close, not at all
    after an error in this process (the crawl would otherwise run on without a reader)."""
    child.join(timeout=30 if patient else 0.5)
    if child.is_alive():
        child.kill()
        child.join()
