"""A worker of the distributed audit: takes sites from Celery and audits them in its own process.

Workers crawl, detect and store exactly as the single-machine audit does (the same spider, the
same `AuditConsumer`, the same WARC archive); only where the sites come from differs: Celery
tasks (collection/tasks.py, docs/adr/0007), handed to a crawl that runs in the worker's own
process (crawler/inline.py). A site's task is acknowledged once the site is stored; a worker that
dies holding it has it taken back by the next worker that sees its sign of life gone
(services/recovery.py), or delivered again by the broker after the lease (visibility timeout).
A worker that loses Redis for longer than the grace stops in French (services/redis_link.py).
Its sign of life and the messages it received are kept on the board by services/worker_presence.py.
Celery's own worker, which hands it the tasks, is set up and run in services/worker_celery.py
(`worker_run`, what « barometre worker » calls).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from barometre.collection.board import CampaignBoard, site_from_json
from barometre.collection.crawler.inline import InlineCrawl
from barometre.collection.crawler.jobs import CrawlClosed, CrawlJob
from barometre.collection.services.audit import (
    catalogue_spec,
    crawl_options,
    warc_archive,
)
from barometre.collection.services.consumer import AuditConsumer, AuditProgress
from barometre.collection.services.distributed import (
    LEFT_CAMPAIGN_SINCE_QUEUED,
    drop_left_campaign,
    requeue_lost,
    worker_join,
)
from barometre.collection.services.ownership import campaign_deleted
from barometre.collection.services.recovery import (
    Recovery,
    recover_dead_workers,
    sign_of_life_seconds,
)
from barometre.collection.services.redis_link import (
    is_redis_error,
    redis_grace_seconds,
    redis_lost_message,
)
from barometre.collection.services.run_options import launch_command
from barometre.collection.services.warc_marker import marker_present, warc_root_lost
from barometre.collection.services.worker_presence import (
    RedisHealth,
    WorkerPresence,
    worker_id,
)
from barometre.collection.tasks import celery_app
from barometre.core.errors import BarometreError
from barometre.detection import load_platforms
from barometre.referential.models import Campaign

# Why a worker stopped when the coordinator started a new run (--recrawl) while it worked: it
# takes no other site, and is to be started again with the new run's options.
NEW_RUN = "new_run"


class WorkerRuntime:
    """What a worker process runs beside Celery: one crawl fed by the tasks, its consumer, the
    sign of life, and (unless `wait`) the watch that stops the worker when the campaign is over.
    """

    def __init__(
        self,
        *,
        campaign: Campaign,
        board: CampaignBoard,
        lease: float,
        site_window: int = 0,
        worker: str = "",
        wait: bool = False,
        on_progress: Callable[[AuditProgress], None] | None = None,
        on_recovery: Callable[[Recovery], None] | None = None,
        on_skipped: Callable[[str, str], None] | None = None,
    ) -> None:
        # Redis stopped answering: how long the worker keeps trying (read first: a bad value is
        # refused before anything is opened)
        self.redis = RedisHealth(redis_grace_seconds())
        self.alive_for = sign_of_life_seconds(lease, self.redis.grace)
        self.app = celery_app(board.url, lease=lease, key_prefix=board.broker_prefix)
        self.on_recovery = on_recovery
        self.on_skipped = on_skipped  # told (code, reason) of each site received and skipped
        joined = worker_join(campaign=campaign, board=board, site_window=site_window)
        self.options, self.run = joined
        self.warc_marker = board.meta().get("warc_marker", "")  # found at the join (or none)
        self.campaign, self.board, self.lease, self.wait = campaign, board, lease, wait
        self.worker = worker or worker_id()
        self._open_crawl(on_progress)
        self.presence = WorkerPresence(
            board=board,
            worker=self.worker,
            alive_for=self.alive_for,
            progress=self.progress,
            on_redis_error=self.redis.failed,
        )
        self._init_state()

    def _init_state(self) -> None:
        """The sites waiting to be stored, the lock and the news of the run."""
        self._waiting: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        # the sites in flight when Redis was lost, or the campaign deleted
        self.abandoned: tuple[str, ...] = ()
        self.outdated = False  # a new run started since: the worker stopped (`NEW_RUN`)
        self.deleted = False  # the campaign was deleted while the worker ran: it stopped
        self.root_lost = False  # the run's marker left the WARC folder (a mount lost): stopped
        self._threads = [
            threading.Thread(target=self._beat, name="barometre-heartbeat", daemon=True),
            threading.Thread(target=self._watch, name="barometre-watch", daemon=True),
        ]

    def _open_crawl(self, on_progress: Callable[[AuditProgress], None] | None) -> None:
        """The crawl that the tasks feed (in a thread of this process), its WARC archive and its
        consumer (detection, storage: `_stored` is told once sites are stored)."""
        campaign = self.campaign
        self.progress = AuditProgress(sites_total=0)
        self.consumer = AuditConsumer(
            campaign=campaign,
            catalogue=catalogue_spec(campaign),
            platforms=load_platforms(self.options.platforms_path or None),
            progress=self.progress,
            run=self.run,
            on_progress=on_progress,
            on_stored=self._stored,
        )
        self.archive = warc_archive(campaign)
        self.crawl = InlineCrawl(
            CrawlJob(options=crawl_options(campaign, self.options), sites=()),
            on_event=self.consumer.handle,
            archive=self.archive,
            on_tick=self.consumer.tick,
        )

    @property
    def redis_lost(self) -> Exception | None:
        """The error of Redis once the worker gave up on it (after the grace)."""
        return self.redis.lost

    @property
    def window(self) -> int:
        return max(self.options.site_window, 1)

    def start(self) -> None:
        from celery.signals import task_received

        self.presence.heartbeat()
        task_received.connect(self.presence.received, weak=False)
        self.recover()
        self.crawl.start()
        for thread in self._threads:
            thread.start()

    def recover(self) -> None:
        """Take back the sites of the workers that died, send again the pending sites whose
        message was lost (or close those whose commune has no website any more), and say so."""
        recovery = recover_dead_workers(board=self.board, app=self.app, every=self.alive_for / 4)
        lost = requeue_lost(campaign=self.campaign, board=self.board, thorough=False, wait=False)
        recovery = replace(recovery, requeued=lost.requeued, closed=lost.closed, left=lost.left)
        said = recovery.workers or recovery.requeued or recovery.closed or recovery.left
        if said and self.on_recovery is not None:
            self.on_recovery(recovery)

    def audit(self, task: Any, campaign: str, run: str, site_json: str) -> str:
        """The task of one site, in a thread of Celery's pool: returns once it is stored.

        Whatever goes wrong before that (Redis unreachable a moment, an error of ours), the site
        is sent again with a delay rather than acknowledged: Celery acknowledges a failed task.
        When the message cannot be sent again (Redis unreachable), or once the worker gave up on
        Redis, the message is rejected *with* requeue: Redis puts it back in the queue if it can
        be told, and otherwise keeps it unacknowledged until the lease gives it to another
        worker. Celery's own `retry` would reject it for good when it cannot publish.
        """
        from celery.exceptions import Reject, Retry

        try:
            return self._audit(task, campaign, run, site_json)
        except (Retry, Reject):
            raise
        except Exception as error:
            if is_redis_error(error):
                self.redis.failed()
            if self.redis_lost is not None:
                raise Reject(self.redis_lost, requeue=True) from error
            try:
                raise task.retry(exc=error, countdown=min(60.0, self.lease / 10)) from error
            except Reject as rejected:  # the retry could not be sent: keep the message
                self.redis.failed()
                raise Reject(rejected.reason, requeue=True) from error

    def _audit(self, task: Any, campaign: str, run: str, site_json: str) -> str:
        from celery.exceptions import Reject

        site = site_from_json(site_json)
        if self._outdated() or self._root_gone():
            raise task.retry(countdown=1)  # back in the queue, for another worker
        # A message queued before a --recrawl (`run` older than this worker's) stands for its
        # site in the new run: the coordinator did not send a second one for a site pending.
        if not self.board.is_pending(site.key):
            return "déjà enregistré"  # a second delivery of a site stored meanwhile
        if drop_left_campaign(self.campaign, self.board, [site.key]):
            # its commune left the campaign since it was queued, as a lost site's may
            self.progress.skipped.append((site.key, LEFT_CAMPAIGN_SINCE_QUEUED))
            if self.on_skipped is not None:  # said at once: a --wait worker may run for days
                self.on_skipped(site.key, LEFT_CAMPAIGN_SINCE_QUEUED)
            return "écarté"
        stored = threading.Event()
        with self._lock:  # two deliveries of a site may reach this worker's threads at once
            if site.key in self._waiting:
                # this worker crawls it: the message it took first stays unacknowledged until
                # the site is stored (or goes back to the queue), so this one is not needed
                return "déjà en cours"
            holder = self.board.hold(site.key, self.worker)
            if holder == self.worker:
                self._waiting[site.key] = stored
        if holder != self.worker:
            # delivered again while another live worker still crawls it (a site longer than
            # the lease): come back later rather than crawl it twice, never drop it
            raise task.retry(countdown=self.lease / 2)
        self.crawl.submit(site)
        self._wait_stored(task, site.key, stored)
        if self.redis_lost is not None:
            # stored, but Redis could not be told (the site may still be pending): the message
            # stays, and the worker it goes to finds the site stored in this run
            raise Reject(self.redis_lost, requeue=True)
        if self._outdated():  # stored in this worker's run; still pending for the new one
            raise task.retry(countdown=1)
        return "enregistré"

    def _wait_stored(self, task: Any, key: str, stored: threading.Event) -> None:
        """Wait for the crawl to store the site; the message goes back to the queue when
        Redis was lost or the crawl ended first."""
        from celery.exceptions import Reject

        while not stored.wait(1.0):
            if self.redis_lost is not None:  # not stored: Redis keeps the message
                raise Reject(self.redis_lost, requeue=True)
            if self.crawl.closed.is_set():  # the crawl ended (shutdown, crash): not stored
                with self._lock:
                    self._waiting.pop(key, None)
                raise task.retry(countdown=1)

    def _outdated(self) -> bool:
        """The coordinator started a new run (--recrawl) since this worker started, maybe with
        other options: the worker takes no other site and stops, to be started again."""
        if self.board.run() == self.run:
            return False
        self.outdated = True
        self._request_shutdown()
        return True

    def _root_gone(self) -> bool:
        """The run's marker is no longer in this worker's WARC folder (the shared mount lost
        while it ran): the archives of a site taken now would land in the local folder beneath.
        It takes no other site and stops."""
        if not self.warc_marker or marker_present(self.warc_marker):
            return False
        self.root_lost = True
        self._request_shutdown()
        return True

    def _stored(self, codes: list[str]) -> None:
        """Called by the consumer once the sites' transaction has committed."""
        for code in codes:
            try:
                self.board.release(code, self.worker, self.run)
            except Exception as error:
                if not is_redis_error(error):
                    raise
                # Stored, but still pending in Redis: the site's message, delivered again,
                # finds it stored in this run and only releases it (consumer: once per run).
                self.redis.failed()
            with self._lock:
                waiter = self._waiting.pop(code, None)
            if waiter is not None:
                waiter.set()

    def _beat(self) -> None:
        while not self._stop.wait(self.alive_for / 4):
            try:
                self.presence.beat()
            except Exception as error:
                if not is_redis_error(error):
                    raise
                self.redis.failed()

    def _watch(self) -> None:
        last_recovery = time.monotonic()
        while not self._stop.wait(1.0):
            if self.crawl.closed.is_set() or self._campaign_gone():
                self._request_shutdown()
                return
            try:
                if time.monotonic() - last_recovery >= self.alive_for / 4:
                    last_recovery = time.monotonic()
                    self.recover()
                idle = self.board.idle()
            except Exception as error:
                if not is_redis_error(error):
                    raise
                if self.redis.failed() >= self.redis.grace:
                    self._lose_redis(error)
                    return
                continue
            self.redis.answered()
            if idle and not self.wait:
                self._request_shutdown()
                return

    def _campaign_gone(self) -> bool:
        """The campaign was deleted (`barometre campaign delete`) while the worker ran: it
        sends no other request and stops; nothing more can be stored for it."""
        if Campaign.objects.filter(pk=self.campaign.pk).exists():
            return False
        with self._lock:
            if not self.deleted:  # the sites in flight then: abandoned, never stored
                self.deleted, self.abandoned = True, tuple(sorted(self._waiting))
        self.crawl.stop_sending()
        return True

    def _flush(self) -> None:
        """Store what the crawl finished; nothing can be for a campaign deleted meanwhile."""
        try:
            self.consumer.flush()
        except Exception:
            if not self._campaign_gone():
                raise

    def _lose_redis(self, error: Exception) -> None:
        """Redis has not answered for the grace: stop at once. The sites in flight are
        abandoned unstored (their messages stay in Redis, unacknowledged, and go to another
        worker after the lease); the sites already stored stay stored."""
        self.redis.lost = error
        with self._lock:
            self.abandoned = tuple(sorted(self._waiting))
        self.crawl.stop_sending()
        from celery.worker import state

        state.should_stop = 1  # Celery's consumer stops retrying and the worker shuts down
        self._stop.set()

    def _request_shutdown(self) -> None:
        """Ask Celery for its warm shutdown: it takes no new site and waits for those in flight.
        Its SIGTERM handler sets this flag too, but printed « worker: Warm shutdown »."""
        from celery.platforms import EX_OK
        from celery.worker import state

        self._stop.set()
        state.should_stop = EX_OK

    def close(self) -> CrawlClosed:
        from celery.signals import task_received

        self._stop.set()
        task_received.disconnect(self.presence.received)
        self.crawl.close()
        self.crawl.join(timeout=300)
        self.archive.close()
        self._flush()
        try:
            self.presence.leave()
        except Exception as error:
            if not is_redis_error(error):
                raise
            # the holds and the sign of life expire by themselves after the lease
            self.redis.lost = self.redis.lost or error
        if self.redis_lost is not None:
            raise BarometreError(self.redis_lost_message())
        if self.deleted or (self.crawl.error is not None and self._campaign_gone()):
            raise BarometreError(self.deleted_message())
        if self.root_lost:
            done = self.progress.sites_done + self.progress.sites_failed
            raise BarometreError(warc_root_lost(self.campaign.name, self.warc_marker, done))
        if self.crawl.error is not None:
            raise BarometreError(f"Exploration interrompue : {self.crawl.error}")
        return self.crawl.closing or CrawlClosed("crashed")

    def deleted_message(self) -> str:
        """What the operator reads when the campaign was deleted while the worker ran."""
        stored = self.consumer.stored_sites()
        return campaign_deleted(
            campaign=self.campaign.name,
            board=self.board,
            campaign_id=self.campaign.pk,
            abandoned=[c for c in self.abandoned if c not in stored],
            done=self.progress.sites_done + self.progress.sites_failed,
        )

    def redis_lost_message(self) -> str:
        """What the operator reads when the worker stopped because Redis was lost (French)."""
        stored = self.consumer.stored_sites()
        return redis_lost_message(
            url=self.board.url,
            error=self.redis_lost,
            grace=self.redis.grace,
            abandoned=[c for c in self.abandoned if c not in stored],
            done=self.progress.sites_done + self.progress.sites_failed,
            lease=self.lease,
            campaign=self.campaign.name,
            launch=launch_command(self.campaign.name, self.options),
        )
