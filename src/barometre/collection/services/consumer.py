"""Turn crawl events into stored results: evidence records, per-site audits, auto assessments.

The same consumer serves a live crawl (events from the crawl process) and an archived crawl
(events read from WARC files). Pages are analysed as they arrive (detection is pure); a site's
results are stored when the site is finished, in one transaction with other finished sites, so
that an interrupted audit leaves no half-stored site behind.
"""

from __future__ import annotations

import codecs
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from w3lib.encoding import html_to_unicode

from barometre.assessments.services import AutoValue, assessments_record_auto
from barometre.collection.crawler.jobs import (
    Archived,
    CrawlClosed,
    Event,
    FetchFailed,
    HopForgotten,
    HopReused,
    PageFetched,
    SiteFinished,
)
from barometre.collection.crawler.links import host_of, links_note, site_domain
from barometre.collection.crawler.reading import page_part, reading_note
from barometre.collection.failure_kinds import error_count
from barometre.collection.models import EvidenceRecord, SiteAudit
from barometre.collection.services.sites import site_audit_claim
from barometre.core.plural import counted
from barometre.detection import Page, PageAnalysis, PlatformRegistry, analyse_page, site_levels
from barometre.detection.model import Signal, SiteServiceLevel
from barometre.detection.version import detector_version
from barometre.referential.catalogue import CatalogueSpec
from barometre.referential.models import Campaign

_FLUSH_SITES = 25
_FLUSH_SECONDS = 2.0
_DEAD_REASONS = (
    "nom de domaine",
    "connexion refusée",
    "robots.txt injoignable (connexion refusée)",  # refused for robots.txt, so for the page
)


@dataclass
class AuditProgress:
    """Counters shown while an audit runs."""

    sites_total: int
    sites_done: int = 0
    sites_failed: int = 0
    pages: int = 0
    reused: int = 0  # one-hop pages fetched for another site of this crawl and reused
    errors: int = 0
    assessments: int = 0
    duplicates: int = 0  # sites already stored in this run by another worker (not stored again)
    duplicate_pages: int = 0  # the pages fetched for those sites (counted in `pages`, not stored)
    detection_seconds: float = 0.0
    analysed: int = 0
    started: float = field(default_factory=time.monotonic)
    first_stored: float = 0.0  # seconds from the start until the first site was stored
    interrupts: int = 0  # Ctrl-C received: the crawl is stopping (requests in flight finish)
    failures: list[tuple[str, str]] = field(default_factory=list)
    # (code, note) of sites done that were read in part (a robots.txt or a page past its limit)
    notes: list[tuple[str, str]] = field(default_factory=list)
    # the fetch errors counted in `errors`, by kind then site (failure_kinds.error_count)
    error_kinds: dict[str, dict[str, int]] = field(default_factory=dict)
    # (code, reason) of the sites a worker received and left unaudited, nothing recorded
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.pages / max(time.monotonic() - self.started, 1e-6)


@dataclass
class _Site:
    started_at: datetime
    analyses: list[PageAnalysis] = field(default_factory=list)
    records: list[EvidenceRecord] = field(default_factory=list)
    dead: set[str] = field(default_factory=set)
    # what detection read of the pages it read in part (the record), by the page's address
    notes: dict[str, str] = field(default_factory=dict)


def page_reading(
    event: PageFetched, catalogue: CatalogueSpec, platforms: PlatformRegistry
) -> tuple[PageAnalysis, str]:
    """Detection's reading of a fetched page, and what the site's record says of a page read in
    part ("" for a page read whole).

    Detection's work grows with the elements it reads one by one (links, buttons, fields,
    forms, frames, headings, options, nested blocks): a page of 100,000 links took from 0.3 to
    2.5 s, one of 20,000 submit inputs 18 s, where a typical page takes a few ms
    (`bench/huge_pages.py`). Such a page is read up to its first element past a limit
    (`reading.page_part`: its 5,000th link as the crawler reads them, its 1,000th button,
    field, form, frame, heading or link out of the site...); a page within them is read whole."""
    body = event.body or b""
    try:
        host = urlsplit(event.url).netloc
    except ValueError:  # an address detection cannot read either: every link counts as out
        host = ""
    reading = page_part(body, host)
    html = decode_body(body if reading.part is None else reading.part, event.encoding)
    page = Page(event.url, html=html, status=event.status, content_type=event.content_type)
    note = reading_note(event.url, reading.note) if reading.note else ""
    return analyse_page(page, catalogue=catalogue, platforms=platforms), note


def with_notes(reason: str, notes: dict[str, str]) -> str:
    """A done site's record (`reason`: the crawl's notes, joined by semicolons) with detection's
    `notes` (by page) added, one for each page: the crawl's note on a page of too many links
    is the same as detection's, or it is replaced by detection's when detection read less of
    the page (up to its 500th button, say)."""
    said = {links_note(url): note for url, note in notes.items()}
    parts = [said.get(p, p) for p in reason.split("\u00a0; ") if p]
    parts += [n for n in notes.values() if n not in parts]
    return "\u00a0; ".join(parts)


def storable(text: str) -> str:
    """`text` without NUL characters, which PostgreSQL refuses in text: a server's header
    holds one as easily as any byte (`Content-Type: text/html; charset=utf-8\\0`, a redirect's
    `Location`), and the transaction storing a batch of sites failed with it, stopping the
    audit."""
    return text.replace("\x00", "")


def decode_body(body: bytes, charset: str) -> str | bytes:
    """Decode as a browser does: a byte order mark first, then the HTTP charset, read as the
    WHATWG Encoding Standard reads its label (iso-8859-1 and us-ascii are windows-1252, whose
    “ ” – € œ a latin-1 decoding loses); without a charset Python knows, detection reads the
    page's own declaration. A charset that decodes no text (`zlib`, `rot13`, `idna`, a NUL in
    the label: LookupError, UnicodeError, ValueError, which stopped the audit) is ignored, as a
    browser ignores a label it does not know; a `<meta charset>` of that kind, which detection
    could not read (the page was analysed as empty), is read as UTF-8, else windows-1252."""
    if charset:
        try:
            codecs.lookup(charset)
            return html_to_unicode(f"text/html; charset={charset}", body)[1]
        except (LookupError, ValueError):  # UnicodeError is a ValueError
            pass
    try:
        html_to_unicode(None, body[:4096])  # the <meta charset> that detection would follow
    except (LookupError, ValueError):
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return body.decode("cp1252", "replace")
    return body


_SEARCHED_LISTED = 20


def signal_item(signal: Signal) -> dict[str, Any]:
    """A signal as an assessment's rationale keeps it: its French detail (the CLI's and the
    evidence exports'), and what the detail says in no language (its code and parameters) with
    the strength that orders the signals of the proposal's explanation, for a page in another
    language (web/explanations.py)."""
    return {
        "kind": signal.kind,
        "detail": signal.detail,
        "url": signal.url,
        "level": signal.level,
        "quote": signal.quote,
        "strength": signal.strength,
        "code": signal.code,
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in signal.params},
    }


def reading_order(analyses: list[PageAnalysis]) -> list[PageAnalysis]:
    """The pages in an order that does not depend on when each arrived: by address, the
    fewest path segments first. `site_levels` keeps the first page of equal level and
    confidence as a service's evidence, and arrival order depends on timing (the host's delays,
    the workers of a distributed audit, which site fetched a shared platform page first): the
    same pages gave another evidence URL from one audit to the next."""
    return sorted(analyses, key=lambda a: (urlsplit(a.url).path.count("/"), a.url))


def searched_pages(analyses: list[PageAnalysis]) -> tuple[str, ...]:
    """The site's own pages that detection read, in crawl order (platform pages left out)."""
    return tuple(dict.fromkeys(a.url for a in analyses if not a.platform))


def absent_value(
    commune: str, service: str, searched: tuple[str, ...], records: dict[str, EvidenceRecord]
) -> AutoValue:
    """Level 0 for a service looked for and not found, with the pages searched as evidence:
    the first page read (the home page) with its archived record, and the count and first URLs
    of the pages read in the rationale (every one of them is an evidence record of the site)."""
    first = searched[0] if searched else ""
    record = records.get(first)
    return AutoValue(
        commune=commune,
        service=service,
        level=0,
        evidence_url=first[:2000],
        confidence=0.5,
        note=(
            f"Service recherché sur {counted(len(searched), 'page', 'pages')} du site, "
            "sans résultat."
        ),
        rationale=[
            {
                "kind": "searched",
                "detail": counted(len(searched), "page analysée", "pages analysées"),
                "code": "searched",
                "params": {"pages": len(searched)},
                "url": first,
                "level": 0,
                "pages": list(searched[:_SEARCHED_LISTED]),
            }
        ],
        evidence_record_id=record.pk if record is not None else None,
    )


def found_value(commune: str, found: SiteServiceLevel, record: EvidenceRecord | None) -> AutoValue:
    """The proposal of a service found on the site: its level, its French rationale as the
    note, its signals (`signal_item`) and the archived page its level was read on."""
    return AutoValue(
        commune=commune,
        service=found.service,
        level=found.level,
        evidence_url=found.evidence_url[:2000],
        note=found.rationale,
        confidence=round(found.confidence, 3),
        rationale=[signal_item(s) for s in found.signals],
        evidence_record_id=record.pk if record is not None else None,
    )


class AuditConsumer:
    def __init__(
        self,
        *,
        campaign: Campaign,
        catalogue: CatalogueSpec,
        platforms: PlatformRegistry,
        progress: AuditProgress,
        source: str = "crawl",
        run: str = "",
        on_progress: Callable[[AuditProgress], None] | None = None,
        on_stored: Callable[[list[str]], None] | None = None,
    ) -> None:
        self.campaign = campaign
        self.run = run
        self.on_stored = on_stored
        self.catalogue = catalogue
        self.platforms = platforms
        self.progress = progress
        self.source = source
        self.on_progress = on_progress
        self._sites: dict[str, _Site] = {}
        self._finished: list[SiteFinished] = []
        self._loose: list[EvidenceRecord] = []  # robots.txt and others outside any site
        self._host_sites: dict[str, str] = {}
        self._stored: set[str] = set()
        # detection's reading of each one-hop page (platform…) of this crawl, by URL: another
        # site that links to the page reuses it (HopReused), as the crawl reused the response
        self._hop_readings: dict[str, PageAnalysis] = {}
        self._last_flush = time.monotonic()
        self._last_report = 0.0

    def expect(self, site: str, urls: tuple[str, ...]) -> None:
        """Attribute responses outside a request of the site (robots.txt) by host."""
        for url in urls:
            self._host_sites.setdefault(site_domain(host_of(url)), site)

    def _site(self, key: str) -> _Site:
        if key not in self._sites:
            self._sites[key] = _Site(started_at=timezone.now())
        return self._sites[key]

    def handle(self, event: Event) -> None:
        if isinstance(event, Archived):
            self._archived(event)
        elif isinstance(event, PageFetched):
            self._page(event)
        elif isinstance(event, HopReused):
            self._reused(event)
        elif isinstance(event, HopForgotten):  # the crawl will not reuse these any more
            for url in event.urls:
                self._hop_readings.pop(url, None)
        elif isinstance(event, FetchFailed):
            self.progress.errors += 1
            error_count(self.progress.error_kinds, event.site, event.reason)
            if event.status in (404, 410) or (
                event.status is None and event.reason.startswith(_DEAD_REASONS)
            ):
                self._site(event.site).dead.add(event.url)
        elif isinstance(event, SiteFinished):
            self._finished.append(event)
        if (
            isinstance(event, CrawlClosed)
            or len(self._finished) >= _FLUSH_SITES
            or (self._finished and time.monotonic() - self._last_flush > _FLUSH_SECONDS)
        ):
            self.flush()
        self._report()

    def interrupted(self, count: int) -> None:
        """Ctrl-C was pressed `count` times: show at once that the crawl is stopping."""
        self.progress.interrupts = count
        self._report(force=True)

    def tick(self) -> None:
        """No event for a while: store the sites that finished meanwhile."""
        if self._finished and time.monotonic() - self._last_flush > _FLUSH_SECONDS:
            self.flush()

    def _archived(self, event: Archived) -> None:
        site = event.site or self._host_sites.get(site_domain(host_of(event.url)))
        record = EvidenceRecord(
            campaign=self.campaign,
            commune_id=site,
            url=storable(event.url)[:2000],
            status=event.status,
            content_type=storable(event.content_type),
            warc_file=event.warc_file,
            offset=event.offset,
            length=event.length,
            digest=event.digest,
            fetched_at=event.fetched_at,
        )
        if site is None or site in self._stored:
            self._loose.append(record)
        else:  # stored with its site, when the site is finished
            self._site(site).records.append(record)

    def _page(self, event: PageFetched) -> None:
        self.progress.pages += 1
        site = self._site(event.site)
        if event.body is None:
            return
        started = time.perf_counter()  # thread_time() is a slow system call on some VMs
        analysis, note = page_reading(event, self.catalogue, self.platforms)
        if note:
            site.notes[event.url] = note
        site.analyses.append(analysis)
        if event.hop:
            self._hop_readings[event.url] = analysis
        self.progress.detection_seconds += time.perf_counter() - started
        self.progress.analysed += 1

    def _reused(self, event: HopReused) -> None:
        """A one-hop page already fetched for another site: the same reading, for this one."""
        self.progress.reused += 1
        site = self._site(event.site)
        analysis = self._hop_readings.get(event.url)
        if analysis is not None:
            site.analyses.append(analysis)

    def _report(self, force: bool = False) -> None:
        if self.on_progress and (force or time.monotonic() - self._last_report > 0.5):
            self._last_report = time.monotonic()
            self.on_progress(self.progress)

    def hop_readings(self) -> int:
        """How many one-hop pages' readings this consumer keeps for the sites that reuse them."""
        return len(self._hop_readings)

    def stored_sites(self) -> frozenset[str]:
        """The sites this consumer stored (or found stored by another worker in this run)."""
        return frozenset(self._stored)

    def flush(self) -> None:
        """Store every finished site (evidence, audit row, assessments) in one transaction."""
        finished, self._finished = self._finished, []
        loose, self._loose = self._loose, []
        self._last_flush = time.monotonic()
        if not finished and not loose:
            return
        now = timezone.now()
        values: list[AutoValue] = []
        with transaction.atomic():
            self._store_records(loose)
            for event in finished:
                values.extend(self._store_site(event, now))
            if values:
                self.progress.assessments += assessments_record_auto(
                    campaign=self.campaign, values=values, now=now
                )
        if finished and not self.progress.first_stored:
            self.progress.first_stored = time.monotonic() - self.progress.started
        if self.on_stored is not None:  # committed: the sites' leases may end
            self.on_stored([event.site for event in finished])
        self._report(force=True)

    def _store_site(self, event: SiteFinished, now: datetime) -> list[AutoValue]:
        site = self._sites.pop(event.site, None) or _Site(started_at=now)
        self._stored.add(event.site)
        if not site_audit_claim(campaign=self.campaign, commune=event.site, run=self.run):
            self.progress.duplicates += 1  # another worker stored this site in this run
            self.progress.duplicate_pages += event.pages
            return []
        self._store_records(site.records)
        reason = with_notes(event.reason, site.notes) if event.status == "done" else event.reason
        SiteAudit.objects.update_or_create(
            campaign=self.campaign,
            commune_id=event.site,
            defaults={
                "status": event.status,
                "reason": storable(reason)[:500],
                "source": self.source,
                "run": self.run,
                "pages": event.pages,
                "errors": event.errors,
                "detector": detector_version() if event.status == "done" else "",
                "started_at": site.started_at,
                "finished_at": now,
            },
        )
        if event.status != "done":
            self.progress.sites_failed += 1
            self.progress.failures.append((event.site, event.reason))
            return []
        self.progress.sites_done += 1
        if reason:
            self.progress.notes.append((event.site, reason[:500]))
        return self._values(event.site, site)

    def _store_records(self, records: list[EvidenceRecord]) -> None:
        """Store evidence records; read from WARC files, a record already stored for the
        campaign (same file and offset: an archive read again) is reused, not stored twice."""
        if self.source == "warc" and records:
            stored = {
                (warc_file, offset): pk
                for pk, warc_file, offset in EvidenceRecord.objects.filter(
                    campaign=self.campaign, url__in={r.url for r in records}
                ).values_list("pk", "warc_file", "offset")
            }
            new = []
            for record in records:
                pk = stored.get((record.warc_file, record.offset))
                if pk is None:
                    new.append(record)
                else:
                    record.pk = pk
            records = new
        EvidenceRecord.objects.bulk_create(records, batch_size=1000)

    def _values(self, commune: str, site: _Site) -> list[AutoValue]:
        levels = site_levels(
            reading_order(site.analyses),
            catalogue=self.catalogue,
            dead_urls=frozenset(site.dead),
        )
        by_url = {r.url: r for r in site.records if 200 <= r.status < 300}
        searched = searched_pages(site.analyses)
        values = []
        for service in self.catalogue.services:
            found = levels.get(service.id)
            if found is None:
                values.append(absent_value(commune, service.id, searched, by_url))
                continue
            value = found_value(commune, found, by_url.get(found.evidence_url))
            values.append(replace(value, provider=self._provider(found.signals)))
        return values

    def _provider(self, signals: tuple[object, ...]) -> str:
        for signal in signals:
            platform = self.platforms.match(getattr(signal, "url", ""))
            if platform is not None:
                return platform.name[:200]
        return ""
