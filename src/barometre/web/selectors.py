"""What the public pages read: campaigns, their scores (cached), coverage and a commune's history
(search, territories and rankings: `web.communes`).

Scores of a campaign come from `barometre.outputs.data.report_data` (the same figures as the
reports). Computing them reads the whole grid and bootstraps intervals (seconds for a national
campaign), so the result is kept per campaign state (`campaign_state`: a value or blind answer
recorded in the campaign, its date, the referential): a review shows on the next page load, and
the cost is paid once per change, not per visit. The scores have a cache of their own
(`settings.CACHES["scores"]`, `core.statecache.kept`), one entry per campaign, reference and
language that the next state overwrites: the page cache, where every figure is stored anew
under keys of the data version, culls a third of its entries at random once it holds 300,
which dropped the scores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import get_language

from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.versions import campaign_dates, data_version
from barometre.core.statecache import MEMO_SIZE, cached, kept
from barometre.outputs.coverage import city_services, services_cell
from barometre.outputs.data import ReportData, report_data
from barometre.outputs.published import campaign_previous, campaign_state
from barometre.referential.models import Campaign

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Coverage:
    """Measured communes and cells of a campaign, out of its communes and cells."""

    communes: int
    services: int
    measured_communes: int
    measured_cells: int

    @property
    def cells(self) -> int:
        return self.communes * self.services

    @property
    def complete(self) -> bool:
        return self.measured_cells >= self.cells and self.cells > 0

    @property
    def share_cells(self) -> float | None:
        return self.measured_cells / self.cells if self.cells else None


def cached_for_data(name: str, compute: Callable[[], T]) -> T:
    """`compute()` cached until the next recorded assessment."""
    return cached(f"web:{name}:{data_version()}", compute)


def codings_version() -> str:
    """Changes whenever a blind coding is answered (two answers that differ record no
    assessment: they go to arbitration, so `data_version` alone would not see them)."""
    found = CodingAssignment.objects.filter(coded_at__isnull=False).aggregate(
        n=Count("id"), last=Max("coded_at")
    )
    last = found["last"].isoformat() if found["last"] else "-"
    return f"{found['n']}:{last}"


def cached_for_codings(name: str, compute: Callable[[], T]) -> T:
    """`compute()` cached until the next recorded assessment or blind answer."""
    return cached(f"web:{name}:{data_version()}:{codings_version()}", compute)


def campaigns_listed() -> list[Campaign]:
    """Every campaign that holds at least one cell, latest first, with `cell_count`.

    Latest: measured last (`measured_on`); among campaigns measured the same day, the one over
    the most communes (the demonstration's farm audit of six made-up communes is measured the
    day of its grid of twelve real ones: created after it, it was shown as « Dernière
    campagne »); then created last. The home page states this rule."""

    def compute() -> list[tuple[int, int]]:
        counts = Cell.objects.values_list("campaign_id").order_by().annotate(n=Count("id"))
        return [(pk, n) for pk, n in counts if n]

    counts = dict(cached(f"web:campaigns:{data_version()}", compute))
    listed = list(
        Campaign.objects.select_related("catalogue")
        .filter(pk__in=counts)
        .annotate(commune_count=Count("communes"))
        .order_by("-measured_on", "-commune_count", "-created_at", "-pk")
    )
    for campaign in listed:
        campaign.cell_count = counts[campaign.pk]  # type: ignore[attr-defined]
    return listed


def campaign_latest() -> Campaign | None:
    listed = campaigns_listed()
    return listed[0] if listed else None


def campaign_by_name(name: str) -> Campaign | None:
    return Campaign.objects.select_related("catalogue").filter(name=name).first()


def campaign_reference(campaign: Campaign) -> Campaign | None:
    """The campaign this one is compared with (`campaign_previous`), cached per data version and
    campaign dates (`campaign set-date` records no assessment but may change the reference)."""

    def compute() -> int:
        previous = campaign_previous(campaign)
        return previous.pk if previous is not None else 0

    pk = cached(f"web:reference:{campaign.pk}:{data_version()}:{campaign_dates()}", compute)
    return Campaign.objects.select_related("catalogue").filter(pk=pk).first() if pk else None


_CONTEXTS: dict[tuple[int, str], dict[str, Any]] = {}  # this process's report contexts


def campaign_report_context(campaign: Campaign) -> dict[str, Any]:
    """The HTML report's context (charts, tables) of the campaign, built once per state of its
    scores (`campaign_report`).

    Kept in this process only (it holds chart objects, not worth pickling into the shared cache);
    the caller gets a copy it may extend.
    """
    from barometre.outputs.html_report import _context as report_context

    reference, state = _report_state(campaign)
    key = (campaign.pk, f"{state}:{get_language()}")  # its labels in the active language
    if key not in _CONTEXTS:
        if len(_CONTEXTS) >= MEMO_SIZE:
            _CONTEXTS.pop(next(iter(_CONTEXTS)))
        _CONTEXTS[key] = report_context(_report(campaign, reference, state, timezone.now()))
    return dict(_CONTEXTS[key])


def campaign_report(campaign: Campaign, *, now: datetime | None = None) -> ReportData:
    """The campaign's scores and comparison with its reference, cached per state of both in
    the scores cache."""
    reference, state = _report_state(campaign)
    return _report(campaign, reference, state, now or timezone.now())


def _report_state(campaign: Campaign) -> tuple[Campaign | None, str]:
    """The campaign's reference, and the state of both (`campaign_state`: values, blind
    answers, dates the report prints, the referential), which keys the scores."""
    reference = campaign_reference(campaign)
    of_reference = campaign_state(reference) if reference is not None else "-"
    return reference, f"{campaign_state(campaign)}/{of_reference}"


def _report(
    campaign: Campaign, reference: Campaign | None, state: str, now: datetime
) -> ReportData:
    # "report2": the reports stored before `Origins.moot` lack it, which unpickling a slotted
    # dataclass would not notice (its state is a list), and the page would then fail
    return kept(
        f"report2:{campaign.pk}:{reference.pk if reference else 0}",
        state,
        lambda: report_data(campaign=campaign, reference=reference, now=now),
    )


def campaign_coverage(campaign: Campaign) -> Coverage:

    def compute() -> Coverage:
        cells = Cell.objects.filter(campaign=campaign)
        return Coverage(
            communes=campaign.communes.count(),
            services=campaign.catalogue.services.count(),
            measured_communes=cells.values("commune_id").distinct().count(),
            measured_cells=cells.count(),
        )

    return cached(f"web:coverage:{campaign.pk}:{data_version()}", compute)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """A commune's figures in one campaign, as the campaign's scores give them."""

    campaign: str
    is_demo: bool  # made-up levels: the page says so beside the campaign's name
    measured_on: date
    mean_level: float | None  # over its applicable cells; None when all are not applicable
    measured: int  # applicable services measured: those the mean is over
    applicable: int  # services less those measured « sans objet » (unmeasured ones included)
    not_applicable_cells: int

    @property
    def services(self) -> str:
        """ "17 sur 18", as the reports' ranking column « services mesurés »."""
        return services_cell(self.measured, self.applicable)


def commune_history(code: str) -> list[HistoryRow]:
    """The commune in each campaign where it is scored, oldest first: its `CityScore` in the
    campaign's scores (`campaign_report`), so the page says what the reports say."""

    def compute() -> list[HistoryRow]:
        campaigns = (
            Campaign.objects.select_related("catalogue")
            .filter(cells__commune_id=code)
            .distinct()
            .order_by("measured_on", "created_at", "pk")
        )
        rows = []
        for campaign in campaigns:
            city = next(
                (c for c in campaign_report(campaign).scores.by_city if c.code == code), None
            )
            if city is not None and city.cells:
                measured, applicable = city_services(city)
                rows.append(
                    HistoryRow(
                        campaign=campaign.name,
                        is_demo=campaign.is_demo,
                        measured_on=campaign.measured_on,
                        mean_level=city.mean_level,
                        measured=measured,
                        applicable=applicable,
                        not_applicable_cells=city.not_applicable_cells,
                    )
                )
        return rows

    # "rows2": rows stored by the version that counted « sans objet » cells as measured have
    # one field fewer, which unpickling would not notice (a slotted dataclass's state is a list)
    return cached_for_data(f"history:rows2:{code}:{campaign_dates()}", compute)
