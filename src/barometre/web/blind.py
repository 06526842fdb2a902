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

from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse

from barometre.assessments.models import Assessment, CodingAssignment
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


def blind_record(request: HttpRequest, record: EvidenceRecord) -> int | None:
    """The user's unanswered blind coding (its id) of a cell whose value, automatic or not, was
    read on the archived page `record`: the page would show that value and its evidence."""
    user = request.user
    if not user.is_authenticated:
        return None
    read_here = Assessment.objects.filter(
        evidence_record=record,
        campaign_id=OuterRef("cell__campaign_id"),
        commune_id=OuterRef("cell__commune_id"),
        service_id=OuterRef("cell__service_id"),
    )
    return (
        CodingAssignment.objects.filter(auditor=user, coded_at__isnull=True)
        .filter(Exists(read_here))
        .values_list("pk", flat=True)
        .order_by("pk")
        .first()
    )


def not_stored(response: HttpResponse) -> HttpResponse:
    """A page masked for its reader: no cache keeps it, nor gives it to anybody else."""
    response["Cache-Control"] = "private, no-store"
    return response
