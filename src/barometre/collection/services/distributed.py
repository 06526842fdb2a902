"""The distributed audit: a coordinator sends the sites as Celery tasks, workers audit them
(services/worker.py); the campaign's status, and its failed sites sent again.

Workers crawl, detect and store exactly as the single-machine audit does (the same spider, the
same `AuditConsumer`, the same WARC archive); only where the sites come from differs: Celery
tasks (collection/tasks.py, docs/adr/0007), handed to a crawl that runs in the worker's own
process (crawler/inline.py). A site's task is acknowledged once the site is stored; a worker that
dies holding it has it put back in the queue by the next worker that sees its sign of life gone
(services/recovery.py), or delivered again after the lease (visibility timeout).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field, fields, replace

from django.db.models import Q, QuerySet

from barometre.collection.board import CampaignBoard, WorkerProgress, site_to_json
from barometre.collection.crawler.jobs import CrawlSite
from barometre.collection.models import SiteAudit
from barometre.collection.services.audit import (
    AuditOptions,
    _communes_to_audit,
    _record_no_website,
    catalogue_spec,
    check_options,
    crawl_sites,
)
from barometre.collection.services.database_identity import database_meta
from barometre.collection.services.lock import distributed_lock
from barometre.collection.services.ownership import board_claim, earlier_board_refused
from barometre.collection.services.recovery import Recovery, lost_sites
from barometre.collection.services.redis_link import board_for, redis_url_shown
from barometre.collection.services.run_options import (
    check_same_detector,
    check_same_run,
    detector_refused,
    launch_command,
)
from barometre.collection.services.warc_marker import (
    MissingArchives,
    missing_archives,
    run_warc_meta,
    warc_root_refused,
)
from barometre.collection.tasks import DEFAULT_LEASE_SECONDS, TASK_NAME, celery_app
from barometre.collection.version import run_version
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign, Commune

__all__ = ["DEFAULT_LEASE_SECONDS", "board_claim", "board_for", "campaign_enqueue"]

# Why a lost site is closed without its crawl (SiteAudit.reason, as « aucun site internet connu »)
NO_WEBSITE_SINCE_QUEUED = "aucun site internet connu (retiré du référentiel depuis sa mise en file)"
# Why a worker skips a site it received (nothing recorded): its commune left the campaign
LEFT_CAMPAIGN_SINCE_QUEUED = "commune retirée de la campagne depuis sa mise en file"


@dataclass(frozen=True, slots=True)
class EnqueueSummary:
    campaign: str
    sites_total: int
    sites_skipped: int
    sites_no_website: int
    sites_added: int
    sites_already_queued: int
    run: str
    sites_requeued: tuple[str, ...] = ()  # pending, their message lost: sent again
    sites_closed: tuple[str, ...] = ()  # pending, their message lost, and no website any more
    sites_left: tuple[str, ...] = ()  # pending, their message lost, and out of the campaign
    namesake_dropped: int = 0  # sites left pending by a deleted campaign of the same name
    # sites left pending on a board of an earlier version (no campaign id), none stored here
    earlier_dropped: int = 0


def _send_sites(board: CampaignBoard, run: str, sites: tuple[CrawlSite, ...]) -> int:
    """Send a task for each site not pending yet; returns how many were sent."""
    by_code = {site.key: site for site in sites}
    fresh = board.add_pending(by_code)
    sent: list[str] = []
    try:
        sent = _publish(board, run, [by_code[code] for code in fresh], sent)
    finally:
        board.forget_pending(c for c in fresh if c not in set(sent))
    return len(sent)


def _publish(board: CampaignBoard, run: str, sites: list[CrawlSite], sent: list[str]) -> list[str]:
    """Send a task for each site, noting in `sent` (kept if it fails midway) each code sent."""
    app = celery_app(board.url, key_prefix=board.broker_prefix)
    with app.producer_or_acquire() as producer:
        for site in sites:
            app.send_task(
                TASK_NAME,
                args=[board.campaign, run, site_to_json(site)],
                queue=board.queue_name,
                producer=producer,
            )
            sent.append(site.key)
    return sent


def requeue_lost(
    *, campaign: Campaign, board: CampaignBoard, thorough: bool, wait: bool
) -> Recovery:
    """Send again the pending sites whose message was lost (services/recovery.py: lost_sites),
    close those whose commune has no known website any more and drop those whose commune left
    the campaign (`_close_without_website`); returns the three (`requeued`, `closed`, `left`).
    One coordinator or worker at a time looks and sends
    (a Redis lock: a site is sent again once); unless `wait`, nothing is done while another one
    does it."""
    lock = board.redis.lock(f"{board.namespace}:{board.campaign}:requeue", timeout=120)
    if not lock.acquire(blocking=wait, blocking_timeout=120):
        return Recovery()
    try:
        lost = lost_sites(board, thorough=thorough)
        if not lost:
            return Recovery()
        codes = sorted(lost)
        sites, missing = crawl_sites(campaign.communes.filter(code__in=codes), codes)
        _, run = _queued_options(board)
        closed, left = _close_without_website(campaign, board, run, missing)
        sent = _publish(board, run, list(sites), [])
        return Recovery(requeued=tuple(sorted(sent)), closed=closed, left=left)
    finally:
        lock.release()


def _close_without_website(
    campaign: Campaign, board: CampaignBoard, run: str, codes: list[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Lost sites that cannot be sent again: their commune's website was removed from the
    registry (deleted, deactivated) since they were queued. Each is closed as the coordinator
    closes a commune without a website (level 0, SCALE.md), with a reason that says why, unless
    it was stored in this run or closed already; then it leaves `pending`, so that the run can
    end. A code whose commune left the campaign has nothing to audit: it only leaves `pending`.
    Returns the codes closed and those that left the campaign."""
    if not codes:
        return (), ()
    left = drop_left_campaign(campaign, board, codes)
    closed = [c for c in codes if c not in left]
    done = Q(status=SiteAudit.Status.DONE, run=run) | Q(status=SiteAudit.Status.NO_WEBSITE)
    finished = SiteAudit.objects.filter(done, campaign=campaign, commune_id__in=closed)
    recorded = set(finished.values_list("commune_id", flat=True))
    _record_no_website(
        campaign,
        catalogue_spec(campaign),
        [c for c in closed if c not in recorded],
        reason=NO_WEBSITE_SINCE_QUEUED,
    )
    board.forget_pending(closed)  # after the rows: a failure here leaves them to close again
    return tuple(closed), left


def drop_left_campaign(
    campaign: Campaign, board: CampaignBoard, codes: list[str]
) -> tuple[str, ...]:
    """The codes whose commune left the campaign since they were queued: nothing to audit nor
    to record, they only leave `pending` (whether their message was lost or a worker received
    it: services/worker.py). Returns them."""
    members = set(campaign.communes.filter(code__in=codes).values_list("code", flat=True))
    left = tuple(c for c in codes if c not in members)
    board.forget_pending(left)
    return left


def campaign_enqueue(
    *,
    campaign: Campaign,
    board: CampaignBoard,
    communes: QuerySet[Commune] | None = None,
    options: AuditOptions | None = None,
) -> EnqueueSummary:
    """Send the campaign's sites not audited yet; running it again adds only what is missing
    (a coordinator that crashed is simply started again). Refused while a local audit of the
    campaign runs; a local audit is refused while sites are pending (services/lock.py)."""
    options = options or AuditOptions()
    check_options(options)
    with distributed_lock(campaign):
        claim = board_claim(campaign=campaign, board=board)
        queued = _enqueue(campaign, board, communes, options)
        if claim.earlier:
            return replace(queued, earlier_dropped=claim.dropped)
        return replace(queued, namesake_dropped=claim.dropped)


def _enqueue(
    campaign: Campaign,
    board: CampaignBoard,
    communes: QuerySet[Commune] | None,
    options: AuditOptions,
) -> EnqueueSummary:
    run = _continued_run(campaign, board, options)  # before anything is written: may refuse
    warc = run_warc_meta(campaign.name, run, board.meta())  # the run's marker: may refuse too
    todo, total = _communes_to_audit(campaign, communes, options)
    codes = list(todo.values_list("code", flat=True))
    sites, no_website = crawl_sites(todo, codes)
    # a site already queued keeps its message (and its address): a worker audits it, or, if
    # its message was lost, `requeue_lost` closes it below
    pending = board.pending()
    no_website = [c for c in no_website if c not in pending]
    _record_no_website(campaign, catalogue_spec(campaign), no_website)
    board.set_meta(
        run=run,
        options=json.dumps(asdict(options)),
        detector=run_version(),  # the key's name is older than the collection's part
        campaign_id=str(campaign.pk),
        **database_meta(),
        **warc,
    )
    added = _send_sites(board, run, sites)
    lost = requeue_lost(campaign=campaign, board=board, thorough=True, wait=True)
    return EnqueueSummary(
        campaign=campaign.name,
        sites_total=total,
        sites_skipped=total - len(codes),
        sites_no_website=len(no_website),
        sites_added=added,
        # a lost site sent again is counted apart; one outside the selection (a launch with
        # --communes sends every lost site of the campaign) is not taken off the selection's
        sites_already_queued=len(sites) - added - len({s.key for s in sites} & set(lost.requeued)),
        run=run,
        sites_requeued=lost.requeued,
        sites_closed=lost.closed,
        sites_left=lost.left,
    )


def _continued_run(campaign: Campaign, board: CampaignBoard, options: AuditOptions) -> str:
    """The run to queue the sites in: a new one at the first launch or with --recrawl, else the
    current one, continued only with its crawl options while sites of it are pending (workers
    started later would crawl them otherwise: services/run_options.py); refused if not."""
    run = board.run()
    if not run or options.recrawl:
        return uuid.uuid4().hex
    pending = board.pending_count()
    recorded = board.meta().get("detector", "")
    if pending and "options" in board.meta():
        check_same_run(campaign.name, _queued_options(board)[0], options, pending)
        check_same_detector(campaign.name, recorded, run_version(), pending)
    elif recorded and recorded != run_version():
        # none pending, but the run was crawled by another version: the workers of that one,
        # still waiting (--wait), would take the sites sent now. A new run makes them stop
        # (services/worker.py: `_outdated`), and their restart is refused (`worker_join`).
        return uuid.uuid4().hex
    return run


def _queued_options(board: CampaignBoard) -> tuple[AuditOptions, str]:
    meta = board.meta()
    if "options" not in meta:  # never queued, or Redis lost it, or another Redis or namespace
        name = board.campaign
        raise BarometreError(
            f"Aucun audit distribué en file pour « {name} » dans Redis "
            f"({redis_url_shown(board.url)}, espace de noms « {board.namespace} » : "
            "REDIS_URL et BAROMETRE_QUEUE_NAMESPACE, les mêmes sur chaque machine). Mettez-le "
            f"en file avec « barometre audit --campaign {name} --distributed » "
            "(--retry-failed pour réessayer aussi les sites en échec) ; seuls les sites "
            "non enregistrés sont mis en file."
        )
    known = {f.name for f in fields(AuditOptions)}
    values = {k: v for k, v in json.loads(meta["options"]).items() if k in known}
    return AuditOptions(**values), meta.get("run", "")


def worker_join(
    *, campaign: Campaign, board: CampaignBoard, site_window: int = 0
) -> tuple[AuditOptions, str]:
    """The options and the run that a worker joins, or its refusal before it opens anything:
    an earlier version's board (cleared), nothing queued, a detector other than the run's.
    `site_window`, when given, replaces the run's (the worker's own machine)."""
    claim = board_claim(campaign=campaign, board=board)  # not a deleted namesake's run
    if claim.earlier:  # an earlier version's board, none of its sites stored: cleared
        raise earlier_board_refused(campaign.name, claim.dropped)
    options, run = _queued_options(board)
    refused = detector_refused(campaign.name, board.meta().get("detector", ""), run_version())
    if refused is not None:  # before the crawl opens: no site taken
        raise refused
    # a WARC folder that is not the run's shared one: evidence nobody else could read
    refused = warc_root_refused(campaign.name, board.meta())
    if refused is not None:
        raise refused
    if site_window:
        options = replace(options, site_window=site_window)
    return options, run


@dataclass(frozen=True, slots=True)
class CampaignStatus:
    campaign: str
    done: int
    failed: int
    no_website: int
    queued: int  # pending, not being crawled by a live worker, and its message in Redis
    running: dict[str, str]  # code -> live worker
    orphaned: dict[str, str]  # code -> dead worker (taken back by the next worker running)
    failures: tuple[tuple[str, str], ...]  # (code, reason), failed and not queued again
    lost: tuple[str, ...] = ()  # pending, no message in the queue nor at a worker, none held
    launch: str = ""  # the launch command with the run's options, that sends lost sites again
    workers: tuple[str, ...] = ()  # the campaign's live workers, those holding no site included
    progress: dict[str, WorkerProgress] = field(default_factory=dict)  # live worker -> its share
    # sites pending on a board of an earlier version (no campaign id) that this status cleared
    earlier_dropped: int | None = None
    # communes of the campaign neither audited nor pending: never queued, or queued in a Redis
    # that lost its data (restarted without persistence), with the launch that queues them
    unqueued: int = 0
    unqueued_launch: str = ""
    unqueued_options_known: bool = True  # the launch has the run's options (Redis kept them)
    # archives that stored cells refer to and that this machine's WARC folder lacks
    missing: MissingArchives | None = None


def campaign_status(*, campaign: Campaign, board: CampaignBoard) -> CampaignStatus:
    """The campaign's sites by state. The pending sites that no message stands for (lost) are
    looked for as the coordinator run again does (services/recovery.py: lost_sites, the queue
    read a slice at a time), and told apart from those still queued."""
    claim = board_claim(campaign=campaign, board=board)
    counts = board.counts()
    pending = board.pending()
    lost = lost_sites(board, thorough=True)
    audits = SiteAudit.objects.filter(campaign=campaign)
    failed = audits.filter(status=SiteAudit.Status.FAILED)
    failures = tuple(
        (c, r) for c, r in failed.values_list("commune_id", "reason") if c not in pending
    )
    # a site pending is to be audited (again, after a --recrawl): queued or running, not done
    done = audits.filter(status=SiteAudit.Status.DONE).exclude(commune_id__in=pending)
    return CampaignStatus(
        campaign=campaign.name,
        done=done.count(),
        failed=len(failures),
        no_website=audits.filter(status=SiteAudit.Status.NO_WEBSITE).count(),
        queued=len(pending - set(counts.running) - lost),
        running=counts.running,
        orphaned=counts.orphaned,
        failures=failures,
        lost=tuple(sorted(lost)),
        launch=_launch(campaign, board) if lost else "",
        workers=counts.workers,
        progress=counts.progress,
        earlier_dropped=claim.dropped if claim.earlier else None,
        unqueued=(unqueued := _unqueued(campaign, pending)),
        unqueued_launch=_launch(campaign, board) if unqueued else "",
        unqueued_options_known="options" in board.meta(),
        missing=missing_archives(campaign),
    )


def _unqueued(campaign: Campaign, pending: set[str]) -> int:
    """How many communes of the campaign have no site audit and are not pending: nothing will
    audit them until a launch queues them."""
    audited = SiteAudit.objects.filter(campaign=campaign).values("commune_id")
    codes = campaign.communes.exclude(code__in=audited).values_list("code", flat=True)
    return sum(1 for code in codes if code not in pending)


def _launch(campaign: Campaign, board: CampaignBoard) -> str:
    """The launch command with the run's options (as few as the defaults leave)."""
    if "options" not in board.meta():
        return launch_command(campaign.name, AuditOptions())
    return launch_command(campaign.name, _queued_options(board)[0])


def campaign_retry_failed(*, campaign: Campaign, board: CampaignBoard) -> int:
    """Send the failed sites again; they keep their failure until a worker stores them.
    Refused while a local audit of the campaign runs, as a launch is."""
    with distributed_lock(campaign):
        board_claim(campaign=campaign, board=board)
        codes = list(
            SiteAudit.objects.filter(campaign=campaign, status=SiteAudit.Status.FAILED).values_list(
                "commune_id", flat=True
            )
        )
        sites, _ = crawl_sites(campaign.communes.filter(code__in=codes), codes)
        return _send_sites(board, _retry_run(campaign, board), sites)


def _retry_run(campaign: Campaign, board: CampaignBoard) -> str:
    """The run the failed sites are sent in: the current one, unless this machine's version is
    not the run's. Then a new run of this version, as a launch starts one (`_continued_run`):
    the failed sites sent in the old run waited for workers of the old version, which the
    upgraded ones refused to be; refused while sites of the old run wait."""
    _, run = _queued_options(board)
    recorded = board.meta().get("detector", "")
    if not recorded or recorded == run_version():
        return run
    pending = board.pending_count()
    if pending:
        check_same_detector(campaign.name, recorded, run_version(), pending)
    run = uuid.uuid4().hex
    warc = run_warc_meta(campaign.name, run, board.meta())
    board.set_meta(run=run, detector=run_version(), **database_meta(), **warc)
    return run
