"""Reads for the commune and cell pages: each cell with its evidence and its history.

Also reads archived responses back from their WARC file for the safe viewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from barometre.assessments.models import Assessment, Cell, Source
from barometre.collection.models import EvidenceRecord
from barometre.collection.warc import ArchivedResponse, read_response
from barometre.referential.models import Campaign, Commune

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
                    detail=str(item.get("detail", "")),
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
    return [_view(cell, history.get(cell.service_id, [])) for cell in cells]


def cell_view(cell: Cell) -> CellView:
    history = list(
        Assessment.objects.filter(
            campaign_id=cell.campaign_id, commune_id=cell.commune_id, service_id=cell.service_id
        )
        .select_related("evidence_record")
        .order_by("-created_at", "-id")
    )
    return _view(cell, history)


def _view(cell: Cell, history: list[Assessment]) -> CellView:
    proposal = next((a for a in history if a.source == Source.AUTO), None)
    shown = proposal if cell.source == Source.AUTO else cell.assessment
    return CellView(
        cell=cell,
        assessment=cell.assessment,
        signals=signals_of(proposal if proposal is not None else shown),
        history=history,
        proposal=proposal,
    )


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


def archived_response(record: EvidenceRecord) -> ArchivedResponse | None:
    """The archived response of an evidence record, or None when its file is gone."""
    root = Path(settings.WARC_ROOT).resolve()
    path = (root / record.warc_file).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    try:
        return read_response(path, record.offset, limit=ARCHIVE_LIMIT)
    except (OSError, ValueError):
        return None
