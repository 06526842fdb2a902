"""Celery's own worker as « barometre worker » runs it: in threads of the worker's process, on the
campaign's queue, quiet and in French (docs/adr/0007).

Celery and kombu speak English: a warning when run as root, « worker: Warm shutdown » on SIGTERM,
connection tracebacks while Redis fails. The worker says what matters in French (services/worker.py,
services/redis_link.py) and leaves those lines out here; SIGTERM and Ctrl-C are said in French
too. `worker_run` runs a worker: its runtime (services/worker.py) beside this Celery worker, until
the campaign is over.
"""

from __future__ import annotations

import logging
import sys
import threading
import warnings
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.conf import settings

from barometre.collection.board import CampaignBoard
from barometre.collection.crawler.jobs import CrawlClosed
from barometre.collection.services.audit import AuditSummary, _summary
from barometre.collection.services.consumer import AuditProgress
from barometre.collection.services.recovery import Recovery
from barometre.collection.services.redis_link import is_redis_error
from barometre.collection.services.worker import NEW_RUN, WorkerRuntime
from barometre.collection.tasks import DEFAULT_LEASE_SECONDS, set_runtime
from barometre.referential.models import Campaign


class BrokerNoise(logging.Filter):
    """Celery's and kombu's lines while Redis fails (English, with tracebacks: « consumer:
    Cannot connect to redis://… », « Task … rejected »): the worker says it in French instead.
    `on_lost` is told when Celery notices the broker lost; `failing` says whether Redis fails."""

    def __init__(self, *, on_lost: Callable[[], object], failing: Callable[[], bool]) -> None:
        super().__init__()
        self.on_lost = on_lost
        self.failing = failing

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "py.warnings":  # Celery's notice on tasks in flight at a loss
            return "connection_loss" not in record.getMessage()
        if not record.name.startswith(("celery", "kombu")):
            return True
        if "Connection to broker lost" in record.getMessage():
            self.on_lost()
        if "Requeuing undeliverable message" in record.getMessage():
            return False  # kombu puts back a message no worker took: the sites are said apart
        if self.failing():
            return False
        exc = record.exc_info[1] if record.exc_info else None
        return exc is None or not is_redis_error(exc)

    def install(self) -> list[logging.Handler]:
        """Filter the root logger's handlers (call once Celery set up its logging: the handlers
        it writes with); returns them, for `remove`."""
        handlers = list(logging.getLogger().handlers)
        for handler in handlers:
            handler.addFilter(self)
        return handlers

    def remove(self, handlers: list[logging.Handler]) -> None:
        for handler in handlers:
            handler.removeFilter(self)


def celery_worker(
    app: Any, *, board: CampaignBoard, worker: str, window: int, stop_now: Callable[[], object]
) -> Any:
    """Celery's worker for the campaign's queue, `window` threads of this process; a second
    Ctrl-C calls `stop_now` (`_shutdown_in_french`).

    Run as root, Celery warns in English (« You're running the worker with superuser
    privileges… Please specify a different user using the --uid option »): its risk is a root
    worker that unpickles messages, and this one accepts JSON only (tasks.py); the option it
    names is no option of « barometre worker ». The warning is left out."""
    from celery.exceptions import SecurityWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SecurityWarning)
        celery_worker = app.Worker(
            hostname=f"barometre@{worker}",
            pool="threads",
            concurrency=window,
            queues=[board.queue_name],
            loglevel=settings.CELERY_LOG_LEVEL,
            quiet=True,
            without_heartbeat=True,
            without_mingle=True,
            without_gossip=True,
        )
    tweaks = celery_worker.install_platform_tweaks

    def install_platform_tweaks(worker: Any) -> None:  # Celery's signal handlers, then ours
        tweaks(worker)
        _shutdown_in_french(worker, stop_now)

    celery_worker.install_platform_tweaks = install_platform_tweaks
    return celery_worker


TERM_SAID = (
    "Arrêt demandé (SIGTERM) : le robot finit les sites en cours, les enregistre et n'en "
    "prend pas d'autre."
)
INT_SAID = (
    "Arrêt demandé (Ctrl-C) : le robot finit les sites en cours, les enregistre et n'en "
    "prend pas d'autre (Ctrl-C à nouveau pour arrêter net)."
)
STOP_NOW_SAID = (
    "Arrêt net demandé (Ctrl-C) : plus aucune requête n'est envoyée ; les sites en "
    "cours ne sont pas enregistrés et retournent en file pour le prochain robot."
)


def _say(text: str) -> None:
    if sys.stderr.isatty():  # over the progress line drawn in place
        text = "\r\033[K" + text
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _shutdown_in_french(worker: Any, stop_now: Callable[[], object]) -> None:
    """SIGTERM (systemd's stop, docs/deployment.md) and a first Ctrl-C keep Celery's warm
    shutdown, said in French: Celery printed « worker: Warm shutdown (MainProcess) » and « worker:
    Hitting Ctrl+C again will initiate cold shutdown… ». A second Ctrl-C was Celery's cold
    shutdown, which the threads pool cannot do (a traceback, « does not implement kill_job »,
    and the sites went on): it now stops the crawl (`stop_now`), whose sites in flight go back
    to the queue unstored; further Ctrl-C do nothing more."""
    from celery import platforms
    from celery.apps.worker import _shutdown_handler

    def stopped_now(*_: Any) -> None:
        platforms.signals["SIGINT"] = lambda *_: None
        _say(STOP_NOW_SAID)
        threading.Thread(target=stop_now, name="barometre-stop-now", daemon=True).start()

    def interrupted(_worker: Any) -> None:
        _say(INT_SAID)
        platforms.signals["SIGINT"] = stopped_now

    _shutdown_handler(
        worker, sig="SIGTERM", how="Warm", callback=lambda _: _say(TERM_SAID), verbose=False
    )
    _shutdown_handler(worker, sig="SIGINT", how="Warm", callback=interrupted, verbose=False)


def worker_run(
    *,
    campaign: Campaign,
    board: CampaignBoard,
    lease: float = DEFAULT_LEASE_SECONDS,
    site_window: int = 0,
    worker: str = "",
    wait: bool = False,
    on_progress: Callable[[AuditProgress], None] | None = None,
    on_recovery: Callable[[Recovery], None] | None = None,
    on_skipped: Callable[[str, str], None] | None = None,
) -> AuditSummary:
    """Take the campaign's sites from Celery until none is pending (or, with `wait`, until
    stopped), `site_window` of them at once, in this process; `on_skipped` is told each site
    received and left unaudited (code, reason) as it happens."""
    runtime = WorkerRuntime(
        campaign=campaign,
        board=board,
        lease=lease,
        site_window=site_window,
        worker=worker,
        wait=wait,
        on_progress=on_progress,
        on_recovery=on_recovery,
        on_skipped=on_skipped,
    )
    closed = _serve(runtime, wait=wait)
    progress = runtime.progress
    finished = progress.sites_done + progress.sites_failed
    summary = _summary(campaign, 0, 0, finished, progress, closed)
    return replace(summary, close_reason=NEW_RUN) if runtime.outdated else summary


def _serve(runtime: WorkerRuntime, *, wait: bool) -> CrawlClosed:
    """Start the runtime, let Celery's worker hand it the campaign's sites until it stops (at
    once when none is pending, unless `wait`), then close the runtime; Celery's English lines
    about Redis are left out all along, the closing included."""
    runtime.start()
    set_runtime(runtime)
    noise = BrokerNoise(on_lost=runtime.redis.failed, failing=runtime.redis.failing)
    handlers: list[logging.Handler] = []
    try:
        celery = celery_worker(
            runtime.app,
            board=runtime.board,
            worker=runtime.worker,
            window=runtime.window,
            stop_now=runtime.crawl.stop_sending,
        )
        handlers = noise.install()  # after Celery set up its logging: the handlers it writes with
        if runtime.board.idle() and not wait:
            runtime._stop.set()
        else:
            celery.start()
    finally:
        set_runtime(None)
        try:
            closed = runtime.close()
        finally:
            noise.remove(handlers)
    return closed
