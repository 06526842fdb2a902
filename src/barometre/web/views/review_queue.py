"""The auditors' review queue: the automatic proposals left to review, filtered, in the order
of their confidence, with each campaign's progress.

A cell coded blind by the auditor stays out of their queue until they have answered
(`_without_blind`). The cell page (views/review.py) goes from cell to cell in this order.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from barometre.assessments.models import Cell, CodingAssignment, Source
from barometre.assessments.selectors import latest_proposal, review_progress
from barometre.assessments.services.record import review_rank
from barometre.outputs.data_labels import data_label
from barometre.outputs.labels import percent
from barometre.outputs.queries import INSEE_CODE
from barometre.referential.models import Campaign, Commune, Department, Service
from barometre.web.selectors import cached_for_codings
from barometre.web.views.common import page_of, review_required


def _without_blind(cells: QuerySet[Cell], user: object) -> QuerySet[Cell]:
    """The cells less those the user codes blind and has not answered yet. Most auditors have
    none or a few: their ids are read first (one indexed query) and the queue's count over
    every proposal pays nothing when there are none (NOT EXISTS added 60 ms to its 150 ms over
    881,000 proposals on PostgreSQL); thousands fall back to NOT EXISTS."""
    open_ = CodingAssignment.objects.filter(auditor=user, coded_at__isnull=True)
    ids = list(open_.values_list("cell_id", flat=True)[: _BLIND_IDS_MAX + 1])
    if not ids:
        return cells
    if len(ids) <= _BLIND_IDS_MAX:
        return cells.exclude(pk__in=ids)
    return cells.filter(~Exists(open_.filter(cell=OuterRef("pk"))))


_BLIND_IDS_MAX = 5000


def _held_blind(user: object, filters: dict[str, str]) -> int:
    """How many automatic proposals `_without_blind` keeps out of the user's queue that its
    filters would show: with a department chosen, a cell coded blind elsewhere is not said
    missing from it."""
    open_ = CodingAssignment.objects.filter(auditor=user, coded_at__isnull=True)
    cells = Cell.objects.filter(source=Source.AUTO, pk__in=open_.values("cell_id"))
    return int(_filtered(cells, dict(filters)).count())


def queue_cells(request: HttpRequest) -> tuple[QuerySet[Cell], dict[str, str]]:
    """The queue's cells in their order, and its filters as the request gives them (a filter
    that cannot apply emptied)."""
    filters = {
        k: request.GET.get(k, "")[:64]
        for k in ("campagne", "service", "departement", "commune", "proposition", "confiance")
    }
    cells = _without_blind(  # coded blind first: no proposal shown
        Cell.objects.filter(source=Source.AUTO), request.user
    ).select_related("campaign", "commune", "service", "assessment")
    cells = _filtered(cells, filters)
    # the order of the index cell_review_queue (services of a catalogue are created in order)
    ordered = cells.order_by("review_rank", "campaign_id", "commune_id", "service_id")
    return ordered, filters


def _filtered(cells: QuerySet[Cell], filters: dict[str, str]) -> QuerySet[Cell]:
    """The cells the queue's filters keep; a filter that cannot apply is emptied in
    `filters`."""
    if filters["campagne"]:
        cells = cells.filter(campaign__name=filters["campagne"])
    if filters["service"]:
        cells = cells.filter(service__slug=filters["service"])
    if filters["departement"]:
        cells = cells.filter(commune__department_id=filters["departement"])
    filters["commune"] = filters["commune"].strip()
    if filters["commune"]:
        cells = cells.filter(commune__in=_communes_typed(filters["commune"]))
    if filters["proposition"] == "trouve":  # the service found on the site: level 1 or more
        cells = cells.filter(level__gte=1)
    elif filters["proposition"] == "absent":  # searched without result, or no website known
        cells = cells.filter(level=0)
    else:
        filters["proposition"] = ""
    if filters["confiance"]:
        try:
            limit = float(filters["confiance"].replace(",", "."))
        except ValueError:
            limit = math.nan
        if 0 <= limit <= 1:  # "nan", "inf" or 7 filter nothing: the filter is dropped, not applied
            cells = cells.filter(review_rank__lte=limit)  # a proposal without one counts as 0
        else:
            filters["confiance"] = ""
    return cells


def _communes_typed(text: str) -> QuerySet[Commune]:
    """The communes a typed filter names: an INSEE code ("44109", "2a004"), else a name, whatever
    its accents and case, from the start of one of its words ("st herblain")."""
    typed = text.strip()
    if re.fullmatch(INSEE_CODE, typed.upper()):
        return Commune.objects.filter(code=typed.upper())
    return Commune.objects.filter(Commune.named(typed, word_start=True))


def _progress() -> list[dict[str, object]]:
    """Each audited campaign's review progress, latest first (cached until the next review)."""
    progress = cached_for_codings("review-progress", review_progress)
    campaigns = Campaign.objects.filter(pk__in=progress).order_by("-created_at", "-pk")
    rows: list[dict[str, object]] = []
    for campaign in campaigns:
        origins = progress[campaign.pk]
        total = max(origins.automatic + origins.reviewed, 1)
        rows.append(
            {
                "name": campaign.name,
                "automatic": origins.automatic,
                "reviewed": origins.reviewed,
                # the bar's value: floor, so that 99.6 % reviewed does not fill it; in integers
                # (29 of 100 reviewed is 29 %, where int(100 * 0.29) is 28)
                "percent": 100 * origins.reviewed // total,
                # the figure beside it: 1 of 300 reviewed is « 0,3 % », not the « 0 % » that
                # reads as none, 299 of 300 « 99,7 % » (`labels.percent`)
                "share": percent(origins.reviewed / total),
            }
        )
    return rows


@login_required
@review_required
def queue(request: HttpRequest) -> HttpResponse:
    cells, filters = queue_cells(request)
    typed = request.GET.get("confiance", "")[:64]
    shown = page_of(request, cells)
    context = {
        # a ceiling that is no number from 0 to 1 filters nothing: said, and shown as typed
        "confidence_typed": typed,
        "confidence_refused": bool(typed.strip()) and not filters["confiance"],
        # a commune filter that names no commune: said under the field (the queue said 0 cells)
        "commune_unknown": bool(filters["commune"])
        and not _communes_typed(filters["commune"]).exists(),
        "progress": _progress(),
        "page": shown,
        # why the queue holds fewer cells than the progress table's unread proposals
        "held_blind": _held_blind(request.user, filters),
        "filtered": any(filters.values()),
        "filters": filters,
        "filter_names": _filter_names(filters),
        "campaigns": Campaign.objects.order_by("-created_at").values_list("name", flat=True),
        "departments": Department.objects.order_by("code").values_list("code", "name"),
        "services": Service.objects.order_by("position", "slug")
        .values_list("slug", "label")
        .distinct(),
        "query": queue_query(filters),
        # a cell's link: the filters, and this page to come back to
        "cell_query": queue_query(filters, page=shown.number),
    }
    return render(request, "web/review/queue.html", context)


def _filter_names(filters: dict[str, str]) -> list[str]:
    """The filters the queue applies, as a reader names them (a service's label, a department's
    code and name), so that its title tells a filtered queue from the whole one: two tabs of
    the queue read alike."""
    service = Service.objects.filter(slug=filters["service"]).values_list("label", flat=True)
    department = Department.objects.filter(code=filters["departement"])
    found = {"trouve": _("Trouvé (niveau 1 ou plus)"), "absent": _("Non trouvé (niveau 0)")}
    names = [
        filters["campagne"],
        data_label(service.first() or "") or filters["service"],
        " — ".join(department.values_list("code", "name").first() or [filters["departement"]]),
        filters["commune"],
        found.get(filters["proposition"], ""),
        _("confiance au plus %(limit)s") % {"limit": _limit_shown(filters["confiance"])}
        if filters["confiance"]
        else "",
    ]
    return [name for name in names if name]


def _limit_shown(typed: str) -> str:
    """The confidence limit as the page's language writes it ("0,6" in French, "0.6" in
    English), whichever decimal mark was typed; `typed` is a limit the queue applied."""
    return number_format(Decimal(repr(float(typed.replace(",", ".")))))


def queue_query(filters: dict[str, str], page: object = None) -> str:
    """The queue's filters as a query string, carried from cell to cell, with the page of the
    queue the auditor came from (past the first): the link back to the queue leads to it, where it
    led to the first page of the whole queue. "" without any: a link never ends with a bare
    question mark."""
    kept = {k: v for k, v in filters.items() if v}
    typed = str(page)[:9] if isinstance(page, int | str) else ""
    if typed.isascii() and typed.isdigit() and int(typed) > 1:
        kept["page"] = str(int(typed))
    return urlencode(kept)


def _place(cell: Cell) -> float | None:
    """The cell's place in the queue's order: its rank, or, once reviewed, the rank its latest
    automatic proposal gave it (an auditor who corrected a cell goes on from there, not back to
    the queue's first cell, one they may have skipped); None without a proposal."""
    if cell.source == Source.AUTO:
        return cell.review_rank
    proposal = latest_proposal(cell)
    return None if proposal is None else review_rank(Source.AUTO, proposal.confidence)


def next_in_queue(request: HttpRequest, after: Cell) -> Cell | None:
    """The cell after `after` in the queue's order, else the queue's first other cell (at the
    end of the queue, or when `after` has no place in it). Taking the first other cell each
    time sent an auditor who skips cells back and forth between the queue's first two."""
    cells, _ = queue_cells(request)
    rank = _place(after)
    if rank is not None:
        campaign, commune, service = after.campaign_id, after.commune_id, after.service_id
        later = cells.filter(
            Q(review_rank__gt=rank)
            | Q(review_rank=rank, campaign_id__gt=campaign)
            | Q(review_rank=rank, campaign_id=campaign, commune_id__gt=commune)
            | Q(review_rank=rank, campaign_id=campaign, commune_id=commune, service_id__gt=service)
        ).first()
        if later is not None:
            return later
    return cells.exclude(pk=after.pk).first()
