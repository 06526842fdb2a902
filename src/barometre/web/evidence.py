"""Reads for the commune and cell pages: each cell with its evidence and its history.

Also reads archived responses back from their WARC file for the safe viewer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from w3lib.url import safe_url_string

from barometre.assessments.models import Assessment, Cell, Source
from barometre.collection.models import EvidenceRecord
from barometre.collection.warc import ArchivedResponse, read_response
from barometre.outputs.authors import Pseudonyms, campaign_pseudonyms
from barometre.referential.models import Campaign, Commune
from barometre.web.archive_links import LinkedPage, html_charset
from barometre.web.explanations import proposal_explanation, review_note, signal_detail

logger = logging.getLogger(__name__)

ARCHIVE_LIMIT = 5 * 1024 * 1024  # bytes of an archived body shown at most


def safe_link(url: str) -> str:
    """The URL when it may be rendered as a link (http or https), else an empty string."""
    url = (url or "").strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in {"http", "https"} and "\n" not in url else ""


@dataclass(frozen=True, slots=True)
class Signal:
    kind: str
    detail: str
    url: str
    level: int | None
    quote: str = ""  # the page's words where the detector read it (none before 2026-12-04)


@dataclass(frozen=True, slots=True)
class CellView:
    cell: Cell
    assessment: Assessment
    signals: list[Signal]
    history: list[Assessment]  # every value recorded for the cell, latest first
    proposal: Assessment | None  # the latest automatic proposal
    # each value's note as the page shows it (by assessment id): an automatic proposal's
    # explanation and the code's own notes in the page's language (web.explanations), any
    # other note as written
    notes: dict[int, str]
    # the campaign's auditors as the public reads them (« auditeur 2 »): a public page never
    # shows a user name (outputs.authors)
    authors: Pseudonyms
    # the campaign's archived copy of each past value's evidence address recorded without its
    # record (an auditor's address), by address: filled for the review page only (`cell_view`)
    copies: dict[str, int] = field(default_factory=dict)

    @property
    def decided_by(self) -> str:
        labels = {
            Source.AUTO: _("automatique"),
            Source.HUMAN: _("revu par un auditeur"),
            Source.IMPORT: _("importé"),
        }
        return str(labels.get(Source(self.cell.source), self.cell.source))


def signals_of(assessment: Assessment | None) -> list[Signal]:
    if assessment is None or not isinstance(assessment.rationale, list):
        return []
    found = []
    for item in assessment.rationale:
        if isinstance(item, dict):
            level = item.get("level")
            found.append(
                Signal(
                    kind=str(item.get("kind", "")),
                    detail=signal_detail(item),
                    url=str(item.get("url", "")),
                    level=level if isinstance(level, int) else None,
                    quote=str(item.get("quote", "")),
                )
            )
    return found


def commune_cells(campaign: Campaign, commune: Commune) -> list[CellView]:
    """Every cell of the commune in the campaign, in catalogue order, with its evidence."""
    cells = list(
        Cell.objects.filter(campaign=campaign, commune=commune)
        .select_related("service", "assessment", "assessment__evidence_record")
        .order_by("service__position", "service__pk")
    )
    history: dict[int, list[Assessment]] = {}
    for assessment in (
        Assessment.objects.filter(campaign=campaign, commune=commune)
        .select_related("evidence_record")
        .order_by("-created_at", "-id")
    ):
        history.setdefault(assessment.service_id, []).append(assessment)
    authors = campaign_pseudonyms(campaign.pk)
    return [_view(cell, history.get(cell.service_id, []), authors) for cell in cells]


def cell_view(cell: Cell) -> CellView:
    history = list(
        Assessment.objects.filter(
            campaign_id=cell.campaign_id, commune_id=cell.commune_id, service_id=cell.service_id
        )
        .select_related("evidence_record")
        .order_by("-created_at", "-id")
    )
    view = _view(cell, history, campaign_pseudonyms(cell.campaign_id))
    return replace(view, copies=history_copies(cell.campaign_id, history))


def history_copies(campaign_id: int, history: list[Assessment]) -> dict[str, int]:
    """The archived copy of each evidence address of `history` that its value does not point
    to a record for (an address an auditor typed), when the campaign archived it."""
    urls = sorted(
        {
            a.evidence_url
            for a in history
            if a.evidence_record_id is None and safe_link(a.evidence_url)
        }
    )
    if not urls:
        return {}
    return {url: copy.pk for url, copy in archived_copies(campaign_id, urls).items()}


def _view(cell: Cell, history: list[Assessment], authors: Pseudonyms) -> CellView:
    proposal = next((a for a in history if a.source == Source.AUTO), None)
    shown = proposal if cell.source == Source.AUTO else cell.assessment
    return CellView(
        cell=cell,
        assessment=cell.assessment,
        signals=signals_of(proposal if proposal is not None else shown),
        history=history,
        proposal=proposal,
        notes={a.pk: shown_note(a, cell.service.max_level) for a in {cell.assessment, *history}},
        authors=authors,
    )


def shown_note(assessment: Assessment, max_level: int) -> str:
    """The note of a value as a page shows it: an automatic proposal's explanation and the
    notes the code writes itself (`review_note`) in the page's language, any other note (an
    auditor's, an import's) as written."""
    note = review_note(assessment.note)
    if assessment.source != Source.AUTO or assessment.level is None:
        return note
    return proposal_explanation(assessment.level, max_level, assessment.rationale, note)


def signal_copies(view: CellView) -> dict[str, int]:
    """The evidence record of each signal's address archived in the cell's campaign: the page
    or document a level was read on, as the crawler saw it (the live address may have changed
    or be gone)."""
    urls = sorted({s.url for s in view.signals if safe_link(s.url)})
    if not urls:
        return {}
    return {url: copy.pk for url, copy in archived_copies(view.cell.campaign_id, urls).items()}


SEARCHED_SHOWN = 20  # pages searched listed on a level 0 (as many as its rationale keeps)


@dataclass(frozen=True, slots=True)
class SearchedPage:
    url: str
    copy: int | None  # its archived copy in the campaign (an evidence record), if any
    label: str  # as listed: its path when on the host of the first page read, else its address


@dataclass(frozen=True, slots=True)
class Searched:
    """The pages of the commune's site read without finding the service: what a proposed
    level 0 rests on. `count` pages were read; the first SEARCHED_SHOWN are listed."""

    count: int
    pages: list[SearchedPage]


def searched_pages(view: CellView) -> Searched | None:
    """The pages searched for a service proposed at level 0 (not found), as the detector
    listed them in its rationale; for a proposal that lists none, the commune's pages archived
    in the campaign. None for any other proposal."""
    proposal = view.proposal
    if proposal is None or proposal.not_applicable or proposal.level != 0:
        return None
    rationale = proposal.rationale if isinstance(proposal.rationale, list) else []
    item = next((i for i in rationale if isinstance(i, dict) and i.get("kind") == "searched"), {})
    listed = list(dict.fromkeys(u for u in item.get("pages") or [] if isinstance(u, str) and u))
    params = item.get("params")
    count = params.get("pages") if isinstance(params, dict) else None
    if not listed:
        listed, count = _commune_pages(view.cell)
    if not listed:
        return None
    listed = listed[:SEARCHED_SHOWN]
    copies = archived_copies(view.cell.campaign_id, [u for u in listed if safe_link(u)])
    host = _host(listed[0])
    shown = [
        SearchedPage(
            url=u, copy=copies[u].pk if u in copies else None, label=_on_host(u, host, index)
        )
        for index, u in enumerate(listed)
    ]
    total = count if isinstance(count, int) and count >= len(shown) else len(shown)
    return Searched(count=total, pages=shown)


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


def _on_host(url: str, host: str, index: int) -> str:
    """A page's address as listed: after the first (written whole), its path and query when
    it is on `host`, the rest of the address being the same on every line."""
    if index == 0 or not host or _host(url) != host:
        return url
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _commune_pages(cell: Cell) -> tuple[list[str], int]:
    """The first SEARCHED_SHOWN pages of the commune archived in the cell's campaign (in the
    order they were fetched), and how many there are."""
    pages = EvidenceRecord.objects.filter(
        campaign_id=cell.campaign_id,
        commune_id=cell.commune_id,
        status__gte=200,
        status__lt=300,
        content_type__istartswith="text/html",
    )
    first = pages.order_by("fetched_at", "pk").values_list("url", flat=True)
    listed = list(dict.fromkeys(first[: SEARCHED_SHOWN * 5]))[:SEARCHED_SHOWN]
    return listed, pages.values("url").distinct().count()


@dataclass(frozen=True, slots=True)
class EvidenceUse:
    """A cell whose level was read on an archived page: `current` when the level that counts
    rests on it, not when a later review decided on other evidence."""

    cell: Cell
    current: bool


def evidence_uses(record: EvidenceRecord) -> list[EvidenceUse]:
    """The cells whose levels were read on `record`, by commune then catalogue order."""
    pairs = set(
        Assessment.objects.filter(evidence_record=record).values_list("commune_id", "service_id")
    )
    if not pairs:
        return []
    cells = (
        Cell.objects.filter(
            campaign_id=record.campaign_id,
            commune_id__in={commune for commune, _ in pairs},
            service_id__in={service for _, service in pairs},
        )
        .select_related("commune", "service", "assessment")
        .order_by("commune__name", "commune_id", "service__position", "service_id")
    )
    return [
        EvidenceUse(cell=cell, current=cell.assessment.evidence_record_id == record.pk)
        for cell in cells
        if (cell.commune_id, cell.service_id) in pairs
    ]


def _archive_path(warc_file: str) -> Path | None:
    """The WARC file an evidence record names, inside the WARC folder; None when it is not
    there (a folder not mounted or not restored, or a name climbing out of the folder)."""
    root = Path(settings.WARC_ROOT).resolve()
    path = (root / warc_file).resolve()
    return path if path.is_relative_to(root) and path.is_file() else None


def archives_missing(records: Iterable[int | None]) -> list[int]:
    """Those of the evidence records (ids; None skipped) whose WARC file is missing on this
    server, in id order: their archived copy would only say so once opened."""
    wanted = {pk for pk in records if pk is not None}
    named = EvidenceRecord.objects.filter(pk__in=wanted).values_list("pk", "warc_file")
    return sorted(pk for pk, warc_file in named if _archive_path(warc_file) is None)


def archived_response(record: EvidenceRecord) -> ArchivedResponse | None:
    """The archived response of an evidence record, or None when its file is gone."""
    root = Path(settings.WARC_ROOT).resolve()
    path = (root / record.warc_file).resolve()
    if _archive_path(record.warc_file) is None:
        # the visitor reads that the archive is not on this server; the operator, why: a
        # WARC folder not mounted, or not restored, shows in the log
        logger.warning(
            "Evidence %s: no WARC file %s (BAROMETRE_WARC_ROOT %s)", record.pk, path, root
        )
        return None
    try:
        return read_response(path, record.offset, limit=ARCHIVE_LIMIT)
    except (OSError, ValueError) as error:
        logger.warning("Evidence %s: unreadable in %s: %s", record.pk, path, error)
        return None


@dataclass(frozen=True, slots=True)
class ArchivedCopy:
    """The archived copy of an address: its evidence record, and whether it is a page (shown
    in the frame) or a document (downloaded from its evidence page)."""

    pk: int
    is_html: bool
    is_css: bool = False  # a stylesheet, served to the archived pages that use it


def _spellings(url: str) -> set[str]:
    """How the crawler may have stored an address: as written, percent-encoded as Scrapy
    requests it, with the "/" of an empty path."""
    found = {url, safe_url_string(url)}
    for spelled in list(found):
        parts = urlsplit(spelled)
        if not parts.path:
            found.add(parts._replace(path="/").geturl())
    return found


def archived_copies(campaign_id: int, urls: list[str]) -> dict[str, ArchivedCopy]:
    """The addresses among `urls` archived (a 2xx response) in the campaign, each
    with its latest copy; an address archived as a redirect leads to the copy of where it
    redirects, when that is archived (at most REDIRECT_HOPS redirects followed)."""
    copies: dict[str, ArchivedCopy] = {}
    pending = {url: url for url in urls}  # the address looked up -> the link's address
    for _hop in range(REDIRECT_HOPS + 1):
        found, redirects = _archived_rows(campaign_id, list(pending))
        for address, copy in found.items():
            copies.setdefault(pending[address], copy)
        following: dict[str, str] = {}
        for address, redirect in list(redirects.items())[:REDIRECTS_READ]:
            target = _location(redirect)
            if target and pending[address] not in copies:
                following.setdefault(target, pending[address])
        if not following:
            break
        pending = following
    return copies


REDIRECT_HOPS = 3
REDIRECTS_READ = 50  # archived redirects read (each from its WARC file) per hop, at most


def _archived_rows(
    campaign_id: int, urls: list[str]
) -> tuple[dict[str, ArchivedCopy], dict[str, EvidenceRecord]]:
    """For each of `urls` (as the crawler may have spelled it): its latest 2xx copy, else its
    latest archived redirect."""
    spelled: dict[str, str] = {}
    for url in urls:
        for spelling in _spellings(url):
            spelled.setdefault(spelling, url)
    copies: dict[str, ArchivedCopy] = {}
    redirects: dict[str, EvidenceRecord] = {}
    names = list(spelled)
    for start in range(0, len(names), _LOOKUP_CHUNK):
        rows = EvidenceRecord.objects.filter(
            campaign_id=campaign_id,
            url__in=names[start : start + _LOOKUP_CHUNK],
            status__gte=200,
            status__lt=400,
        ).order_by("fetched_at", "pk")  # the latest copy last, so it wins
        for row in rows.only("url", "content_type", "status", "warc_file", "offset"):
            if row.status < 300:
                copies[spelled[row.url]] = ArchivedCopy(
                    pk=row.pk, is_html=is_html(row.content_type), is_css=is_css(row.content_type)
                )
            else:
                redirects[spelled[row.url]] = row
    return copies, {k: v for k, v in redirects.items() if k not in copies}


def _location(redirect: EvidenceRecord) -> str:
    """Where an archived redirect leads (absolute http(s), no fragment), or ""."""
    archived = archived_response(redirect)
    headers = {k.lower(): v for k, v in archived.headers} if archived else {}
    try:
        target = urldefrag(urljoin(redirect.url, headers.get("location", "").strip()))[0]
    except ValueError:
        return ""
    return target if headers.get("location") and safe_link(target) else ""


_LOOKUP_CHUNK = 500


def is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in {"text/html", "application/xhtml+xml"}


def is_css(content_type: str) -> bool:
    """A stylesheet as the browser takes it (`nosniff`: text/css only)."""
    return content_type.split(";")[0].strip().lower() == "text/css"


@dataclass(frozen=True, slots=True)
class ArchiveLink:
    """A link of an archived page, for the list under the frame."""

    url: str
    text: str
    copy: ArchivedCopy | None


@dataclass(frozen=True, slots=True)
class LinkedArchive:
    body: bytes  # the page as served in the frame, its links resolved (web.archive_links)
    charset: str  # as served: the archived header's, else utf-8
    links: list[ArchiveLink]


def archive_charset(content_type: str) -> str:
    """The charset an archived page is served in: its header's when it is a plain name."""
    charset = content_type.lower().partition("charset=")[2].split(";")[0].strip()
    return charset if charset and charset.replace("-", "").isalnum() else "utf-8"


QUOTES_SHOWN = 20  # the detector's quotes of one archived page shown and highlighted, at most


def record_quotes(record: EvidenceRecord) -> list[str]:
    """The words the detector quoted from the archived page `record`: the quotes of the
    signals of every value read on it, each once, in the order of the values."""
    found: dict[str, None] = {}
    values = Assessment.objects.filter(evidence_record=record).order_by("pk")
    for rationale in values.values_list("rationale", flat=True):
        for item in rationale if isinstance(rationale, list) else []:
            quote = item.get("quote") if isinstance(item, dict) else None
            if isinstance(quote, str) and quote.strip():
                found.setdefault(" ".join(quote.split()), None)
    return list(found)[:QUOTES_SHOWN]


def archive_linked(
    record: EvidenceRecord, archived: ArchivedResponse, quotes: list[str] | None = None
) -> LinkedArchive:
    """An archived page with its links resolved to the campaign's archive (see
    web.archive_links) and the detector's `quotes` highlighted; as archived when its charset
    does not allow it."""
    charset = archive_charset(archived.content_type)
    codec = html_charset(charset)
    if codec is None:
        return LinkedArchive(body=archived.body, charset=charset, links=[])
    page = LinkedPage(archived.body.decode(codec, "surrogateescape"), page_url=record.url)
    links = page.links()
    sheets = page.stylesheets()
    copies = archived_copies(record.campaign_id, [link.url for link in links] + sheets)
    styles = {
        url: reverse("web:evidence-style", kwargs={"pk": copies[url].pk})
        for url in sheets
        if url in copies and copies[url].is_css
    }
    local = {
        url: reverse("web:evidence-raw", kwargs={"pk": copy.pk})
        for url, copy in copies.items()
        if copy.is_html
    }
    document = _("Document archivé, à télécharger depuis la liste sous le cadre :")
    text = page.rewritten(
        archived=local,
        notice=_("Lien désactivé (page non archivée, liste sous le cadre) :"),
        elsewhere=_("Lien désactivé dans la copie archivée."),
        notices={url: document for url, copy in copies.items() if not copy.is_html},
        styles=styles,
        marks=quotes or [],
    )
    return LinkedArchive(
        body=text.encode(codec, "surrogateescape"),
        charset=charset,
        links=[ArchiveLink(url=k.url, text=k.text, copy=copies.get(k.url)) for k in links],
    )
