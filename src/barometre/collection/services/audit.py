"""Audit a campaign's communes: crawl their sites, detect service levels, store the results.

The crawl runs in a child process (crawler/runner.py); this process analyses pages and stores
results as each site finishes. Sites already finished in this campaign are skipped, so running
the same command again resumes an interrupted audit.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import scrapy
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from barometre import __version__
from barometre.assessments.notes import NO_WEBSITE_NOTE
from barometre.assessments.services import AutoValue, assessments_record_auto
from barometre.collection.crawler.jobs import (
    DEFAULT_HOP_MEMORY,
    CrawlClosed,
    CrawlJob,
    CrawlOptions,
    CrawlSite,
    Event,
)
from barometre.collection.crawler.runner import crawl_run
from barometre.collection.failure_kinds import ErrorKind, errors_by_kind
from barometre.collection.models import SiteAudit
from barometre.collection.services.consumer import AuditConsumer, AuditProgress
from barometre.collection.services.lock import audit_lock
from barometre.collection.warc import WarcArchive
from barometre.core.errors import BarometreError
from barometre.core.files import os_reason
from barometre.detection import load_platforms
from barometre.detection.version import detector_version
from barometre.referential.catalogue import CatalogueSpec, ServiceSpec
from barometre.referential.models import Campaign, Commune
from barometre.referential.selectors import epci_website_hosts, primary_websites

WARC_MAX_BYTES = 1_000_000_000  # a new WARC file every 1 GB
DEFAULT_SITE_WINDOW = 64  # sites in flight: 64 requests at 2 per host keep 32 sites busy


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """What the operator chose; crawl limits default to the polite ones (docs/crawler.md)."""

    page_budget: int = 150
    depth_limit: int = 4
    allow_private: bool = False
    farm_address: str = ""
    site_window: int = DEFAULT_SITE_WINDOW  # sites at once: memory grows with it, not with sites
    retry_failed: bool = False
    recrawl: bool = False
    polite: bool = True  # False only for benchmarks and demonstrations on the local farm
    close_after_pages: int = 0
    concurrent_requests: int = 64
    timeout: float = 30.0
    max_size: int = 5 * 1024 * 1024
    platforms_path: str = ""
    log_level: str = "CRITICAL"
    stylesheets: bool = True  # archive the stylesheets of the site's pages (evidence viewer)
    hop_memory: int = DEFAULT_HOP_MEMORY  # one-hop URLs remembered at once (crawler.md)


@dataclass(frozen=True, slots=True)
class AuditSummary:
    campaign: str
    sites_total: int
    sites_skipped: int
    sites_done: int
    sites_failed: int
    sites_no_website: int
    sites_unfinished: int
    pages: int
    errors: int
    assessments: int
    elapsed: float
    close_reason: str
    detection_ms_per_page: float
    crawler_cpu_seconds: float = 0.0
    crawler_peak_mb: float = 0.0
    first_site_seconds: float = 0.0
    failures: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    notes: tuple[tuple[str, str], ...] = ()  # sites done, read in part (SiteAudit.reason)
    absent: tuple[str, ...] = ()  # from archives: communes selected that they do not hold
    reused: int = 0  # one-hop pages fetched for one site and reused for others (no request)
    # sites crawled again although another worker had stored them in this run (a worker taken
    # for dead), and their pages: counted in `pages`, not stored
    duplicates: int = 0
    duplicate_pages: int = 0
    # (code, reason) of the sites a worker received and left unaudited (their commune left the
    # campaign since they were queued): nothing recorded
    skipped: tuple[tuple[str, str], ...] = ()
    # the fetch errors counted in `errors`, by kind, the most frequent first
    error_kinds: tuple[ErrorKind, ...] = ()

    @property
    def interrupted(self) -> bool:
        return self.sites_unfinished > 0


def catalogue_spec(campaign: Campaign) -> CatalogueSpec:
    """The campaign's catalogue as detection takes it, rebuilt from the stored version."""
    catalogue = campaign.catalogue
    services = tuple(
        ServiceSpec(s.slug, s.label, s.domain, s.max_level, tuple(s.cues))
        for s in catalogue.services.order_by("position")
    )
    return CatalogueSpec(
        version=catalogue.version,
        name=catalogue.name,
        domains=dict(catalogue.domains),
        services=services,
        sha256=catalogue.sha256,
        source=catalogue.source,
    )


def _communes_to_audit(
    campaign: Campaign, communes: QuerySet[Commune] | None, options: AuditOptions
) -> tuple[QuerySet[Commune], int]:
    selected = campaign.communes.all()
    if communes is not None:
        selected = selected.filter(code__in=communes.values("code"))
    total = selected.count()
    if total == 0:
        raise BarometreError(
            f"Aucune commune de la campagne « {campaign.name} » n'est sélectionnée."
        )
    if options.recrawl:
        return selected, total
    finished = SiteAudit.objects.filter(campaign=campaign)
    if options.retry_failed:
        finished = finished.exclude(status=SiteAudit.Status.FAILED)
    return selected.exclude(code__in=finished.values("commune_id")), total


def crawl_options(campaign: Campaign, options: AuditOptions) -> CrawlOptions:
    return CrawlOptions(
        campaign=campaign.name,
        archive=True,
        page_budget=options.page_budget,
        depth_limit=options.depth_limit,
        concurrent_requests=options.concurrent_requests,
        download_delay=1.0 if options.polite else 0.0,
        autothrottle=options.polite,
        timeout=options.timeout,
        max_size=options.max_size,
        allow_private=options.allow_private or bool(options.farm_address),
        farm_address=options.farm_address,
        contact_url=settings.CRAWL_CONTACT_URL,
        site_window=options.site_window,
        close_after_pages=options.close_after_pages,
        platforms_path=options.platforms_path,
        log_level=options.log_level,
        stylesheets=options.stylesheets,
        hop_memory=options.hop_memory,
    )


def campaign_audit(
    *,
    campaign: Campaign,
    communes: QuerySet[Commune] | None = None,
    options: AuditOptions = AuditOptions(),
    on_progress: Callable[[AuditProgress], None] | None = None,
) -> AuditSummary:
    """Crawl, detect and store for the campaign's communes not audited yet, on this machine.

    One audit of a campaign at a time: another one running refuses this one (services/lock.py).
    """
    check_options(options)
    with audit_lock(campaign) as heartbeat:
        return _campaign_audit(campaign, communes, options, on_progress, heartbeat)


def _campaign_audit(
    campaign: Campaign,
    communes: QuerySet[Commune] | None,
    options: AuditOptions,
    on_progress: Callable[[AuditProgress], None] | None,
    heartbeat: Callable[[], None],
) -> AuditSummary:
    todo, total = _communes_to_audit(campaign, communes, options)
    codes = list(todo.values_list("code", flat=True))
    sites, no_website = crawl_sites(todo, codes)
    catalogue = catalogue_spec(campaign)
    progress = AuditProgress(sites_total=len(codes))
    consumer = AuditConsumer(
        campaign=campaign,
        catalogue=catalogue,
        platforms=load_platforms(options.platforms_path or None),
        progress=progress,
        run=uuid.uuid4().hex,
        on_progress=on_progress,
    )
    progress.assessments += _record_no_website(campaign, catalogue, no_website)
    for site in sites:
        consumer.expect(site.key, site.start_urls)
    job = CrawlJob(options=crawl_options(campaign, options), sites=sites)
    closed = (
        crawl_archived(campaign, job, consumer, heartbeat=heartbeat)
        if sites
        else CrawlClosed("finished")
    )
    return _summary(campaign, total - len(codes), len(no_website), len(sites), progress, closed)


_FARM_ADDRESS = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})")


def check_options(options: AuditOptions) -> None:
    """Refuse, in French, options that cannot give a meaningful crawl (before anything runs)."""
    if options.farm_address:
        match = _FARM_ADDRESS.fullmatch(options.farm_address)
        if match is None or not 1 <= int(match.group(1)) <= 65535:
            raise BarometreError(
                f"Adresse de ferme non comprise : « {options.farm_address} » "
                "(attendu HÔTE:PORT, par exemple 127.0.0.1:8800)."
            )
        if not options.allow_private:
            raise BarometreError("Le mode ferme (--farm) exige --allow-private-addresses.")
    if options.site_window < 1:
        raise BarometreError("--window doit valoir au moins 1.")
    if options.page_budget < 1:
        raise BarometreError("--pages doit valoir au moins 1.")
    if options.depth_limit < 0:
        raise BarometreError("--depth doit valoir au moins 0 (la page d'accueil seule).")


def crawl_sites(
    communes: QuerySet[Commune], codes: list[str]
) -> tuple[tuple[CrawlSite, ...], list[str]]:
    """The crawl sites of `codes` (in that order) and the codes without a known website."""
    websites = primary_websites(communes)
    epci_hosts = epci_website_hosts(communes)  # links to the EPCI's site are followed one hop
    sites = tuple(
        CrawlSite(
            key=c, start_urls=tuple(websites[c]), one_hop_hosts=_host_variants(epci_hosts.get(c))
        )
        for c in codes
        if c in websites
    )
    return sites, [c for c in codes if c not in websites]


def _host_variants(host: str | None) -> tuple[str, ...]:
    """A host as links may name it: with and without "www."."""
    if not host:
        return ()
    bare = host.removeprefix("www.")
    return (bare, f"www.{bare}")


def warc_archive(campaign: Campaign) -> WarcArchive:
    """This process's WARC files for the campaign (named with host and pid, rotated by size);
    a folder that cannot be made (a share not mounted, no right to write) is said in French
    before any site is taken, where Python's FileNotFoundError came with a traceback."""
    root = Path(settings.WARC_ROOT)
    try:
        return WarcArchive(
            root,
            campaign.name,
            max_bytes=WARC_MAX_BYTES,
            software=(
                f"barometre/{__version__} (detector {detector_version()}, "
                f"Scrapy {scrapy.__version__})"
            ),
        )
    except OSError as error:
        raise BarometreError(
            f"Dossier des archives WARC « {root} » (BAROMETRE_WARC_ROOT) inutilisable : "
            f"{os_reason(error)} ({error.filename}). Créez-le, ou montez le dossier partagé, "
            "avec le droit d'y écrire pour cet utilisateur, puis relancez ; rien n'a été exploré."
        ) from None


def crawl_archived(
    campaign: Campaign,
    job: CrawlJob,
    consumer: AuditConsumer,
    *,
    heartbeat: Callable[[], None] | None = None,
) -> CrawlClosed:
    """Crawl in a child process, archiving every response in this process's WARC files and
    handing every event to `consumer` (detection, storage); `heartbeat` is called all along
    (the audit lock's sign of life)."""
    archive = warc_archive(campaign)
    beat = heartbeat or (lambda: None)

    def on_event(event: Event) -> None:
        consumer.handle(event)
        beat()

    def on_tick() -> None:
        consumer.tick()
        beat()

    try:
        closed = crawl_run(
            job,
            on_event=on_event,
            archive=archive,
            on_tick=on_tick,
            on_interrupt=consumer.interrupted,
        )
    finally:
        archive.close()
    consumer.flush()
    return closed


def _summary(
    campaign: Campaign,
    skipped: int,
    no_website: int,
    crawled: int,
    progress: AuditProgress,
    closed: CrawlClosed,
) -> AuditSummary:
    import time

    finished = progress.sites_done + progress.sites_failed
    return AuditSummary(
        campaign=campaign.name,
        sites_total=skipped + no_website + crawled,
        sites_skipped=skipped,
        sites_done=progress.sites_done,
        sites_failed=progress.sites_failed,
        sites_no_website=no_website,
        sites_unfinished=max(crawled - finished, 0),
        pages=progress.pages,
        errors=progress.errors,
        assessments=progress.assessments,
        elapsed=time.monotonic() - progress.started,
        close_reason=closed.reason,
        detection_ms_per_page=1000 * progress.detection_seconds / max(progress.analysed, 1),
        crawler_cpu_seconds=closed.cpu_seconds,
        crawler_peak_mb=closed.peak_rss_mb,
        first_site_seconds=progress.first_stored,
        failures=tuple(progress.failures),  # all: a worker counts them by reason
        notes=tuple(progress.notes),
        reused=progress.reused,
        duplicates=progress.duplicates,
        duplicate_pages=progress.duplicate_pages,
        skipped=tuple(progress.skipped),
        error_kinds=tuple(errors_by_kind(progress.error_kinds)),
    )


def _record_no_website(
    campaign: Campaign,
    catalogue: CatalogueSpec,
    codes: list[str],
    *,
    reason: str = "aucun site internet connu",
) -> int:
    """A commune with no known website is at level 0 for every service (SCALE.md): the
    number of automatic values recorded."""
    if not codes:
        return 0
    now = timezone.now()
    SiteAudit.objects.bulk_create(
        [
            SiteAudit(
                campaign=campaign,
                commune_id=c,
                status=SiteAudit.Status.NO_WEBSITE,
                reason=reason,
                finished_at=now,
            )
            for c in codes
        ],
        update_conflicts=True,
        unique_fields=["campaign", "commune"],
        update_fields=["status", "reason", "finished_at"],
    )
    values = [
        AutoValue(
            commune=c,
            service=s.id,
            level=0,
            confidence=0.5,
            note=NO_WEBSITE_NOTE,
        )
        for c in codes
        for s in catalogue.services
    ]
    return assessments_record_auto(campaign=campaign, values=values, now=now)
