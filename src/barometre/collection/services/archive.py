"""Work from archives: audit WARC files without the network, show an archived page."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet

from barometre.collection.crawler.jobs import (
    Archived,
    CrawlClosed,
    Event,
    FetchFailed,
    PageFetched,
    SiteFinished,
)
from barometre.collection.crawler.links import (
    TOO_NESTED,
    header_charset,
    host_of,
    is_html,
    site_domain,
    too_deeply_nested,
)
from barometre.collection.models import EvidenceRecord
from barometre.collection.services.audit import AuditSummary, _summary, catalogue_spec
from barometre.collection.services.consumer import AuditConsumer, AuditProgress
from barometre.collection.services.lock import audit_lock
from barometre.collection.services.warc_marker import root_source
from barometre.collection.warc import ArchivedResponse, iter_responses, read_response, warc_check
from barometre.core.errors import BarometreError, ValidationFailed
from barometre.core.plural import counted
from barometre.detection import PlatformRegistry, load_platforms
from barometre.referential.models import Campaign, Commune, Website


def _relative(path: Path) -> str:
    root = Path(settings.WARC_ROOT).resolve()
    resolved = path.resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(resolved)


def _parse_date(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(UTC)


class _SiteFinder:
    """Which commune of the campaign a response belongs to: its own header, else its host."""

    def __init__(self, campaign: Campaign) -> None:
        self.members = set(campaign.communes.values_list("code", flat=True))
        self.domains: dict[str, str] = {}
        for code, host in Website.objects.filter(
            commune_id__in=self.members, active=True
        ).values_list("commune_id", "host"):
            self.domains.setdefault(site_domain(host), code)
        self._all = frozenset(self.domains)

    def __call__(self, response: ArchivedResponse) -> str | None:
        if response.site in self.members:
            return response.site
        host = host_of(response.url)
        for domain in (site_domain(host), *self._parents(host)):
            if domain in self.domains:
                return self.domains[domain]
        return None

    @staticmethod
    def _parents(host: str) -> Iterator[str]:
        parts = host.split(".")
        for i in range(1, len(parts) - 1):
            yield ".".join(parts[i:])


def warc_events(
    paths: Iterable[Path],
    find_site: Callable[[ArchivedResponse], str | None],
    max_size: int,
    selected: set[str] | None = None,
) -> Iterator[Event]:
    """The events that a live crawl would have sent, read from WARC response records; with
    `selected`, the responses of the other communes are left out (neither stored nor read)."""
    seen: dict[str, list[int]] = {}  # site -> [fetched, html pages, errors]
    for path in paths:
        for response in iter_responses(path, limit=max_size):
            site = find_site(response)
            if selected is not None and site not in selected:
                continue  # another commune's response, or one of no commune of the campaign
            yield _archived(site, path, response)
            if site is not None and response.role != "stylesheet":  # a stylesheet is no page
                # a site whose archive holds only its robots.txt or redirects still finishes
                # (as failed), so that its records are stored and its outcome is known
                yield from _page_events(site, response, seen.setdefault(site, [0, 0, 0]))
    for site, (fetched, pages, errors) in seen.items():
        status = "done" if pages else "failed"
        yield SiteFinished(
            site, status, "" if pages else "aucune page HTML dans l'archive", fetched, errors
        )
    yield CrawlClosed(reason="finished")


def _archived(site: str | None, path: Path, response: ArchivedResponse) -> Archived:
    return Archived(
        site,
        response.url,
        response.status,
        response.content_type[:200],
        _relative(path),
        response.offset,
        response.length,
        response.digest,
        _parse_date(response.fetched_at),
    )


def _page_events(site: str, response: ArchivedResponse, tally: list[int]) -> Iterator[Event]:
    """What a live crawl sends for this response: a page, a failure, or nothing (robots.txt
    and redirects); `tally` counts the site's [fetched, html pages, errors]."""
    if response.url.endswith("/robots.txt") or 300 <= response.status < 400:
        return
    tally[0] += 1
    if response.status >= 400:
        tally[2] += 1
        yield FetchFailed(site, response.url, f"HTTP {response.status}", response.status)
        return
    html = is_html(response.content_type or "text/html")
    nested = html and too_deeply_nested(response.body)  # as the live crawl: not analysed
    html = html and not nested
    tally[1] += int(html)
    yield PageFetched(
        site,
        response.url,
        response.status,
        response.content_type[:200],
        response.body if html else None,
        header_charset(response.content_type),
        0,
        False,
    )
    if nested:
        tally[2] += 1
        yield FetchFailed(site, response.url, TOO_NESTED)


def campaign_audit_from_warc(
    *,
    campaign: Campaign,
    paths: list[Path],
    max_size: int = 5 * 1024 * 1024,
    on_progress: Callable[[AuditProgress], None] | None = None,
    platforms: PlatformRegistry | None = None,
    verified: bool = False,
    communes: QuerySet[Commune] | None = None,
) -> AuditSummary:
    """Detect and store levels from archived crawls (barometre's own or any WARC), offline.

    Every file is read through first (`warc_files_check`; `verified=True` when the caller did
    it): a bad archive refuses the run before anything is stored. A record already stored for
    the campaign (the same file and offset: an archive read again, to apply newer rules) is
    not stored twice; the levels are recorded again, as a new automatic proposal. With
    `communes`, only the responses of those communes of the campaign are read and stored.

    It holds the campaign's audit lock as a live audit does (services/lock.py): it writes the
    same sites, cells and evidence, so it is refused while another audit of the campaign runs
    (live, distributed or from archives), and refuses them while it runs.
    """
    if not verified:
        warc_files_check(paths)
    with audit_lock(campaign, crawls=False) as heartbeat:
        return _audit_from_warc(
            campaign, paths, max_size, on_progress, platforms, heartbeat, communes
        )


def _audit_from_warc(
    campaign: Campaign,
    paths: list[Path],
    max_size: int,
    on_progress: Callable[[AuditProgress], None] | None,
    platforms: PlatformRegistry | None,
    heartbeat: Callable[[], None],
    communes: QuerySet[Commune] | None = None,
) -> AuditSummary:
    progress = AuditProgress(sites_total=0)
    selected = _selection(campaign, communes)
    consumer = AuditConsumer(
        campaign=campaign,
        catalogue=catalogue_spec(campaign),
        platforms=platforms or load_platforms(),
        progress=progress,
        source="warc",
        on_progress=on_progress,
    )
    closed = CrawlClosed(reason="finished")
    found: set[str] = set()
    for event in warc_events(sorted(paths), _SiteFinder(campaign), max_size, selected):
        if isinstance(event, SiteFinished):
            progress.sites_total += 1
            found.add(event.site)
        if isinstance(event, CrawlClosed):
            closed = event
        consumer.handle(event)
        heartbeat()
    consumer.flush()
    absent = tuple(sorted(selected - found)) if selected is not None else ()
    if selected and not found:
        # nothing was stored: with a selection, only the selected communes' records are
        raise BarometreError(
            f"Aucune des communes sélectionnées n'est dans les archives ({_codes(absent)}) : "
            "rien n'a été enregistré. Vérifiez --communes, ou que ces archives contiennent "
            "bien leurs sites (adresses connues : « barometre websites import »)."
        )
    summary = _summary(campaign, 0, 0, progress.sites_total, progress, closed)
    return replace(summary, absent=absent)


def _selection(campaign: Campaign, communes: QuerySet[Commune] | None) -> set[str] | None:
    """The codes of the selected communes of the campaign; None when none was selected."""
    if communes is None:
        return None
    chosen = campaign.communes.filter(code__in=communes.values("code"))
    selected = set(chosen.values_list("code", flat=True))
    if not selected:
        raise BarometreError(
            f"Aucune commune de la campagne « {campaign.name} » n'est sélectionnée."
        )
    return selected


def _codes(codes: tuple[str, ...], limit: int = 10) -> str:
    return ", ".join(codes[:limit]) + (" …" if len(codes) > limit else "")


def warc_files_check(paths: list[Path]) -> None:
    """Refuse, with every reason in French, files that are missing or not whole WARC files."""
    problems = []
    for path in paths:
        if path.is_dir():
            problems.append(f"{path} : c'est un dossier")
        elif not path.is_file():
            problems.append(f"{path} : fichier introuvable")
        elif (reason := warc_check(path)) is not None:
            problems.append(f"{path} : {reason}")
    if problems:
        raise ValidationFailed("Archives WARC refusées, rien n'a été lu ni enregistré", problems)


@dataclass(frozen=True, slots=True)
class EvidenceView:
    record: EvidenceRecord
    response: ArchivedResponse
    path: Path

    @property
    def digest_ok(self) -> bool:
        stored: str = self.record.digest
        return self.response.computed_digest == stored


def _spellings(url: str) -> list[str]:
    """The address as typed and with or without its final "/" ("https://www.ville.fr" is
    archived as "https://www.ville.fr/", a page may be archived as ".../etat-civil/")."""
    if "?" in url or "#" in url:
        return [url]
    return [url, url[:-1]] if url.endswith("/") and urlsplit(url).path != "/" else [url, f"{url}/"]


def _url_not_found(url: str, campaign: Campaign) -> str:
    """What `evidence show --url` says when the campaign archived no page at that address."""
    parts = urlsplit(url)
    archived = EvidenceRecord.objects.filter(
        campaign=campaign, url__startswith=f"{parts.scheme}://{parts.netloc}/"
    ).count()
    host = parts.netloc or url
    return (
        f"Aucune page archivée à l'adresse {url} dans la campagne « {campaign.name} » "
        f"({counted(archived, 'page archivée', 'pages archivées')} de {host}) : donnez "
        "l'adresse exacte de la page archivée, celle de la colonne evidence_url de "
        f"« barometre assessments export --campaign {campaign.name} --out - »."
    )


def _selector_missing(url: str) -> str:
    """What to type when no record id is given, nor a campaign with --url: for an address, the
    campaigns that archived it (it said only to give a campaign)."""
    if not url:
        return "Indiquez --record ID, ou --url URL avec --campaign CAMPAGNE."
    names = list(
        EvidenceRecord.objects.filter(url__in=_spellings(url))
        .values_list("campaign__name", flat=True)
        .distinct()
        .order_by("campaign__name")[:10]
    )
    if not names:
        return f"--url demande --campaign CAMPAGNE ; aucune campagne n'a archivé la page {url}."
    quoted = ", ".join(f"« {name} »" for name in names)
    which = f"la campagne {quoted} l'a" if len(names) == 1 else f"les campagnes {quoted} l'ont"
    return (
        f"--url demande --campaign CAMPAGNE ; {which} archivée : "
        f"« barometre evidence show --url {url} --campaign {names[0]} »."
    )


def _warc_file_missing(record: EvidenceRecord, path: Path) -> str:
    """The archive file of `record` absent: the file, the folder it was looked for in and
    where that folder comes from, what to do. « Fichier WARC introuvable : /srv/…/x.warc.gz »
    alone left an administrator, sent here by the evidence page, to guess the rest."""
    if Path(record.warc_file).is_absolute():
        return f"Fichier WARC introuvable : {path} (chemin absolu enregistré avec la preuve)."
    root = Path(settings.WARC_ROOT)
    return (
        f"Fichier WARC introuvable : {path}. Il manque dans le dossier des archives "
        f"« {root} » ({root_source()}) : un dossier partagé non monté sur "
        "cette machine, ou non restauré après une sauvegarde (docs/deployment.md) ; "
        "montez-le ou restaurez-le, le fichier sous le même chemin relatif "
        f"« {record.warc_file} ». « barometre audit status --campaign "
        f"{record.campaign.name} » compte les fichiers d'archives de la campagne qui "
        "manquent dans ce dossier."
    )


def evidence_get(
    *,
    record_id: int | None = None,
    url: str = "",
    campaign: Campaign | None = None,
    limit: int = 20 * 1024 * 1024,
) -> EvidenceView:
    """The archived response behind an evidence record (by id, or the latest for a URL)."""
    if record_id is not None:
        record = EvidenceRecord.objects.filter(pk=record_id).first()
    else:
        if campaign is None or not url:
            raise BarometreError(_selector_missing(url))
        record = (
            EvidenceRecord.objects.filter(campaign=campaign, url__in=_spellings(url))
            .order_by("-fetched_at", "-id")
            .first()
        )
        if record is None:
            raise BarometreError(_url_not_found(url, campaign))
    if record is None:
        raise BarometreError(
            f"Aucune preuve archivée n° {record_id} : « barometre evidence show --campaign "
            "CAMPAGNE --url ADRESSE » cherche une page par son adresse."
        )
    path = Path(record.warc_file)
    if not path.is_absolute():
        path = Path(settings.WARC_ROOT) / path
    if not path.is_file():
        raise BarometreError(_warc_file_missing(record, path))
    try:
        response = read_response(path, record.offset, limit=limit)
    except (ValueError, OSError) as error:
        raise BarometreError(
            f"Enregistrement WARC illisible ({path}:{record.offset}) : {error}"
        ) from error
    return EvidenceView(record=record, response=response, path=path)
