"""What the public pages hide from a signed-in auditor who codes cells blind.

A blind coder gives a level without seeing the automatic proposal, its evidence or the other
coder's answer. The review queue and cell page already keep such cells away from them
(`views.review_queue._without_blind`); the public pages (the commune page, the service page, the
heat map, the archived pages) showed the same proposal to the same auditor. These pages now mask,
for the auditor who has not answered yet, the level, the signals and the evidence of each of
their cells, and the figures of the commune that the level counts in.

Only HTML pages are masked: the API, the open data files and the PDF are the same for everyone
(a download or an API client carries no review session). Anonymous visitors, and every auditor
once they have answered, see the public page as before; nothing masked is computed into a cache
(masking is applied per request on top of the cached figures), and a masked page is sent with
`Cache-Control: private, no-store`, so that no cache gives it to another reader, nor keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from barometre.assessments.models import Assessment, Cell, CodingAssignment
from barometre.collection.models import EvidenceRecord


@dataclass(frozen=True, slots=True)
class BlindCell:
    cell: int
    campaign: int
    assignment: int  # the coder's blind form: /revue/double-codage/<assignment>/


def blind_cells(request: HttpRequest, **cells: object) -> dict[int, BlindCell]:
    """The signed-in user's unanswered blind codings among the cells filtered by `cells`
    (lookups on Cell: campaign=, commune=, service=...), by cell id. No query for an anonymous
    visitor."""
    user = request.user
    if not user.is_authenticated:
        return {}
    rows = CodingAssignment.objects.filter(
        auditor=user, coded_at__isnull=True, **{f"cell__{k}": v for k, v in cells.items()}
    ).values_list("cell_id", "cell__campaign_id", "pk")
    return {cell: BlindCell(cell, campaign, pk) for cell, campaign, pk in rows}


def blind_on_record(request: HttpRequest, record: EvidenceRecord) -> set[int]:
    """The user's unanswered blind codings' cells (ids), in the campaign of `record`, of the
    commune whose page it is and of any commune a value was read on it for (a site shared by
    several communes). The page is then shown to them without the levels of those cells and
    without the detector's quotes, whether or not a value of theirs was read on it: masking
    only the pages that carry one would tell them where the detector found the service."""
    if not request.user.is_authenticated:
        return set()
    communes = set(
        Assessment.objects.filter(evidence_record=record).values_list("commune_id", flat=True)
    )
    communes |= {record.commune_id} if record.commune_id else set()
    if not communes:
        return set()
    return set(blind_cells(request, campaign=record.campaign_id, commune__in=communes))


def archived_home(cell: Cell) -> EvidenceRecord | None:
    """The first HTML page the audit archived of the cell's commune in its campaign (its site's
    home page, after any redirect), from which a blind coder browses the site as the detector
    read it; None when the campaign archived none (an imported campaign)."""
    return (
        EvidenceRecord.objects.filter(
            campaign_id=cell.campaign_id,
            commune_id=cell.commune_id,
            status__gte=200,
            status__lt=300,
            content_type__istartswith="text/html",
        )
        .order_by("fetched_at", "pk")
        .first()
    )


def not_stored(response: HttpResponse) -> HttpResponse:
    """A page masked for its reader: no cache keeps it, nor gives it to anybody else."""
    response["Cache-Control"] = "private, no-store"
    return response
