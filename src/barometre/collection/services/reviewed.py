"""The reviewed cells of a campaign as labelled pages: the archived page each final level rests
on, with the levels auditors gave and the automatic proposals, in the format of the validation
samples (`docs/validation/rewritten/`), so that the benches read real reviewed pages.

A cell counts when an auditor decided it (a review, or two blind answers that agree) and its
final level rests on an archived page of the campaign: the evidence record the decision kept,
else the latest archived response at its evidence address. A level without an archived page
(a level 0 "searched, not found", an address outside the crawl) says nothing of one page and is
left out, counted; so is a cell decided "sans objet", which has no level to label.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from barometre.assessments.models import Assessment, Cell, Source
from barometre.collection.crawler.links import header_charset
from barometre.collection.models import EvidenceRecord
from barometre.collection.warc import read_response
from barometre.core.files import os_reason
from barometre.referential.models import Campaign


@dataclass(slots=True)
class ReviewedExport:
    pages: int = 0
    cells: int = 0
    without_page: int = 0  # decided cells whose level rests on no archived page
    not_applicable: int = 0  # cells decided "sans objet": no level to label
    unreadable: list[str] = field(default_factory=list)  # records whose WARC cannot be read


def _record_for(assessment: Assessment, campaign: Campaign) -> EvidenceRecord | None:
    found: EvidenceRecord | None = None
    if assessment.evidence_record_id is not None:
        found = EvidenceRecord.objects.filter(pk=assessment.evidence_record_id).first()
    elif assessment.evidence_url:
        found = (
            EvidenceRecord.objects.filter(campaign=campaign, url=assessment.evidence_url)
            .order_by("-fetched_at", "-id")
            .first()
        )
    return found


def _proposals(campaign: Campaign) -> dict[tuple[str, int], int | None]:
    """The latest automatic level of each (commune, service) (None: not applicable)."""
    found: dict[tuple[str, int], int | None] = {}
    rows = (
        Assessment.objects.filter(campaign=campaign, source=Source.AUTO)
        .order_by("created_at", "id")
        .values_list("commune_id", "service_id", "level")
    )
    for commune, service, level in rows:
        found[(commune, service)] = level
    return found


def _html(record: EvidenceRecord) -> str:
    path = Path(record.warc_file)
    if not path.is_absolute():
        path = Path(settings.WARC_ROOT) / path
    response = read_response(path, record.offset)
    return response.body.decode(header_charset(record.content_type) or "utf-8", errors="replace")


_Page = tuple[EvidenceRecord, dict[str, int], dict[str, int]]


def _decided_pages(campaign: Campaign, report: ReviewedExport) -> dict[int, _Page]:
    """The archived pages that the auditors' levels rest on, by evidence record: each with its
    {service: final level} and {service: automatic level}."""
    decided = (
        Cell.objects.filter(
            campaign=campaign, source=Source.HUMAN, not_applicable=False, level__isnull=False
        )
        .select_related("assessment", "service")
        .order_by("commune_id", "service__position")
    )
    proposals = _proposals(campaign)
    pages: dict[int, _Page] = {}
    for cell in decided:
        record = _record_for(cell.assessment, campaign)
        if record is None or cell.level is None:
            report.without_page += 1
            continue
        _, labels, proposed = pages.setdefault(record.pk, (record, {}, {}))
        labels[cell.service.slug] = cell.level
        auto = proposals.get((cell.commune_id, cell.service_id))
        if auto is not None:
            proposed[cell.service.slug] = auto
    return pages


def reviewed_pages(
    *, campaign: Campaign, report: ReviewedExport | None = None
) -> Iterator[dict[str, Any]]:
    """One record per archived page: `id`, `url`, `html`, `status`, `commune`, `labels`
    ({service: final level}), `proposals` ({service: automatic level, where there was one}),
    `record` (the evidence record), `digest`, and `exhaustive` (false: the page may be about
    other services too, decided on other pages, so only its labelled services can be compared).
    `report` counts what was written and left."""
    report = report if report is not None else ReviewedExport()
    report.not_applicable += Cell.objects.filter(
        campaign=campaign, source=Source.HUMAN, not_applicable=True
    ).count()
    pages = _decided_pages(campaign, report)
    for record, labels, proposed in pages.values():
        try:
            html = _html(record)
        except OSError as error:  # Python says it in English
            why = f"{os_reason(error)} ({error.filename})" if error.filename else os_reason(error)
            report.unreadable.append(f"{record.pk} ({record.url}) : {why}")
            continue
        except ValueError as error:  # a damaged archive, said in French by read_response
            report.unreadable.append(f"{record.pk} ({record.url}) : {error}")
            continue
        report.pages += 1
        report.cells += len(labels)
        yield {
            "id": f"{campaign.name}-{record.pk}",
            "url": record.url,
            "html": html,
            "status": record.status,
            "commune": record.commune_id or "",
            "labels": labels,
            "proposals": proposed,
            "record": record.pk,
            "digest": record.digest,
            "exhaustive": False,
        }
