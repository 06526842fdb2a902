"""The distributed audit: a coordinator queues a campaign's sites, workers lease and audit them.

Workers crawl, detect and store exactly as the single-machine audit does (`crawl_archived` and
`AuditConsumer`); only where the sites come from differs (the campaign's queue in Redis, see
crawler/queue.py and docs/adr/0005). A site is acknowledged once stored; the sites of a worker
that stops proving it is alive go back to the queue.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace

from django.db.models import QuerySet

from barometre.collection.crawler.jobs import CrawlClosed, CrawlJob
from barometre.collection.crawler.queue import SiteQueue
from barometre.collection.models import SiteAudit
from barometre.collection.services.audit import (
    AuditOptions,
    AuditSummary,
    _communes_to_audit,
    _record_no_website,
    _summary,
    catalogue_spec,
    check_options,
    crawl_archived,
    crawl_options,
    crawl_sites,
)
from barometre.collection.services.consumer import AuditConsumer, AuditProgress
from barometre.core.errors import BarometreError
from barometre.detection import load_platforms
from barometre.referential.models import Campaign, Commune

DEFAULT_LEASE_SECONDS = 60.0


def queue_for(campaign: str, *, url: str = "", namespace: str = "") -> SiteQueue:
    """The campaign's queue in Redis (REDIS_URL and BAROMETRE_QUEUE_NAMESPACE by default)."""
    url = url or os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    namespace = namespace or os.environ.get("BAROMETRE_QUEUE_NAMESPACE", "barometre")
    try:
        queue = SiteQueue.from_url(url, campaign, namespace)
        queue.redis.ping()
    except Exception as error:  # redis.ConnectionError and bad URLs alike
        raise BarometreError(f"Redis injoignable ({url}) : {error}") from error
    return queue


@dataclass(frozen=True, slots=True)
class EnqueueSummary:
    campaign: str
    sites_total: int
    sites_skipped: int
    sites_no_website: int
    sites_added: int
    sites_already_queued: int
    run: str


def campaign_enqueue(
    *,
    campaign: Campaign,
    queue: SiteQueue,
    communes: QuerySet[Commune] | None = None,
    options: AuditOptions | None = None,
) -> EnqueueSummary:
    """Queue the campaign's sites not audited yet; running it again adds only what is missing
    (a coordinator that crashed is simply started again)."""
    options = options or AuditOptions()
    check_options(options)
    todo, total = _communes_to_audit(campaign, communes, options)
    codes = list(todo.values_list("code", flat=True))
    sites, no_website = crawl_sites(todo, codes)
    _record_no_website(campaign, catalogue_spec(campaign), no_website)
    run = queue.meta().get("run", "")
    if not run or options.recrawl:
        run = uuid.uuid4().hex
    queue.set_meta(run=run, options=json.dumps(asdict(options)))
    added = queue.enqueue(sites)
    return EnqueueSummary(
        campaign=campaign.name,
        sites_total=total,
        sites_skipped=total - len(codes),
        sites_no_website=len(no_website),
        sites_added=added,
        sites_already_queued=len(sites) - added,
        run=run,
    )


def _queued_options(queue: SiteQueue) -> tuple[AuditOptions, str]:
    meta = queue.meta()
    if "options" not in meta:
        raise BarometreError(f"Aucun audit distribué en file pour « {queue.campaign} ».")
    known = {f.name for f in fields(AuditOptions)}
    values = {k: v for k, v in json.loads(meta["options"]).items() if k in known}
    return AuditOptions(**values), meta.get("run", "")


def worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


class _Heartbeat(threading.Thread):
    """Proves the worker is alive: its leases last while this key does."""

    def __init__(self, queue: SiteQueue, worker: str, lease: float) -> None:
        super().__init__(name="barometre-heartbeat", daemon=True)
        self.queue, self.worker, self.lease = queue, worker, lease
        self.stopped = threading.Event()
        queue.heartbeat(worker, lease)

    def run(self) -> None:
        while not self.stopped.wait(self.lease / 4):
            self.queue.heartbeat(self.worker, self.lease)


def worker_run(
    *,
    campaign: Campaign,
    queue: SiteQueue,
    lease: float = DEFAULT_LEASE_SECONDS,
    site_window: int = 0,
    worker: str = "",
    on_progress: Callable[[AuditProgress], None] | None = None,
) -> AuditSummary:
    """Audit sites from the campaign's queue until it is empty and no site is leased."""
    options, run = _queued_options(queue)
    if site_window:
        options = replace(options, site_window=site_window)
    worker = worker or worker_id()
    progress = AuditProgress(sites_total=0)

    def stored(codes: list[str]) -> None:
        for code in codes:
            queue.ack(code, worker)

    consumer = AuditConsumer(
        campaign=campaign,
        catalogue=catalogue_spec(campaign),
        platforms=load_platforms(options.platforms_path or None),
        progress=progress,
        run=run,
        on_progress=on_progress,
        on_stored=stored,
    )
    crawl = replace(
        crawl_options(campaign, options),
        queue_url=queue.url,
        queue_namespace=queue.namespace,
        worker_id=worker,
    )
    heartbeat = _Heartbeat(queue, worker, lease)
    heartbeat.start()
    closed = CrawlClosed("crashed")
    try:
        closed = crawl_archived(campaign, CrawlJob(options=crawl, sites=()), consumer)
    finally:
        heartbeat.stopped.set()
        queue.reclaim(worker)  # sites this worker did not store go back to the queue
        queue.redis.delete(queue.worker_key(worker))
    finished = progress.sites_done + progress.sites_failed
    return _summary(campaign, 0, 0, finished, progress, closed)


@dataclass(frozen=True, slots=True)
class CampaignStatus:
    campaign: str
    done: int
    failed: int
    no_website: int
    queued: int
    running: dict[str, str]  # code -> worker
    failures: tuple[tuple[str, str], ...]  # (code, reason), failed and not queued again


def campaign_status(*, campaign: Campaign, queue: SiteQueue) -> CampaignStatus:
    counts = queue.counts()
    audits = SiteAudit.objects.filter(campaign=campaign)
    failed = audits.filter(status=SiteAudit.Status.FAILED).exclude(
        commune_id__in=list(counts.running)
    )
    pending = queue.pending()
    failures = tuple(
        (c, r) for c, r in failed.values_list("commune_id", "reason") if c not in pending
    )
    return CampaignStatus(
        campaign=campaign.name,
        done=audits.filter(status=SiteAudit.Status.DONE).count(),
        failed=len(failures),
        no_website=audits.filter(status=SiteAudit.Status.NO_WEBSITE).count(),
        queued=counts.queued,
        running=counts.running,
        failures=failures,
    )


def campaign_retry_failed(*, campaign: Campaign, queue: SiteQueue) -> int:
    """Queue the failed sites again; they keep their failure until a worker stores them."""
    codes = list(
        SiteAudit.objects.filter(campaign=campaign, status=SiteAudit.Status.FAILED).values_list(
            "commune_id", flat=True
        )
    )
    sites, _ = crawl_sites(campaign.communes.filter(code__in=codes), codes)
    return queue.enqueue(sites)
