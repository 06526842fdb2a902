"""What the public pages read about communes apart from their scores: the search (INSEE code,
postcode or name), the territory filter, and a campaign's cities ranked within a territory."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery

from barometre.assessments.models import Cell
from barometre.outputs.data import ReportData
from barometre.referential.models import Campaign, Commune
from barometre.scoring import CityScore, rank_with_ties
from barometre.web.selectors import campaigns_listed

SEARCH_LIMIT = 20  # communes a search shows, the largest


def communes_search(
    query: str, *, limit: int = SEARCH_LIMIT, measured_in: list[Campaign] | None = None
) -> list[Commune]:
    """Communes by INSEE code or its start, postcode, or name (whatever its accents, case,
    hyphens and apostrophes: "saint etienne" finds Saint-Étienne), largest first. A five-digit
    query finds the commune of that INSEE code and every commune that postcode serves: 3,056
    codes are both (01400 is the INSEE code of Seillonnaz and the postcode of
    Châtillon-sur-Chalaronne and nine other communes).

    With `measured_in`, each commune carries `measured`: the name of the latest of those
    campaigns that holds a cell of it, or None (one subquery in the same query, not one query
    per commune)."""
    matches = _communes_matching(query)
    if matches is None:
        return []
    if measured_in is not None:
        cells = Cell.objects.filter(
            campaign__in=[c.pk for c in measured_in], commune=OuterRef("pk")
        ).order_by("-campaign__measured_on", "-campaign__created_at", "-campaign_id")
        matches = matches.annotate(measured=Subquery(cells.values("campaign__name")[:1]))
    return list(matches.select_related("department").order_by("-population", "code")[:limit])


def campaigns_for_search() -> list[Campaign]:
    """The campaigns search results say a commune is measured in: every real one, or every
    demonstration when there is no other (a demonstration never makes a real commune
    « mesurée »)."""
    listed = campaigns_listed()
    return [c for c in listed if not c.is_demo] or listed


def communes_search_total(query: str) -> int:
    """How many communes `communes_search` finds before it keeps the largest."""
    matches = _communes_matching(query)
    return 0 if matches is None else matches.count()


def _communes_matching(query: str) -> QuerySet[Commune] | None:
    query = query.strip()
    if not query:
        return None
    if query.isdigit() or (len(query) == 5 and query[:2].upper() in {"2A", "2B"}):
        by_code = Q(code__startswith=query[:5]) | Q(code=query.upper())
        matches = Commune.objects.filter(by_code | Commune.served_by_postcode(query))
        if not matches.exists() and len(query) == 5:
            # A postcode nobody has (a CEDEX code): its first two digits are the department's.
            matches = Commune.objects.filter(department_id=query[:2])
    else:
        # the code the commune's page prints, whatever it is made of (the farm's « 9Z004 »)
        matches = Commune.objects.filter(Commune.named(query) | Q(code=query.upper()[:5]))
    return matches


@dataclass(frozen=True, slots=True)
class Territory:
    """A filter on communes: department, region, bracket and EPCI (any may be empty)."""

    department: str = ""
    region: str = ""
    bracket: str = ""
    epci: str = ""

    @property
    def empty(self) -> bool:
        return not (self.department or self.region or self.bracket or self.epci)

    def codes(self) -> set[str] | None:
        """The communes in the territory, or None for all of them."""
        if self.empty:
            return None
        communes = Commune.objects.all()
        if self.department:
            communes = communes.filter(department_id=self.department)
        if self.region:
            communes = communes.filter(region_id=self.region)
        if self.bracket:
            communes = communes.filter(bracket=self.bracket)
        if self.epci:
            communes = communes.filter(epci_id=self.epci)
        return set(communes.values_list("code", flat=True))


def ranked_cities(
    data: ReportData, territory: Territory, *, unranked: bool = False
) -> list[CityScore]:
    """The campaign's cities in rank order, kept to a territory; unmeasured cities left out.

    With `unranked`, the measured cities with no rank (every cell not applicable) follow, as in
    the reports' grid."""
    codes = territory.codes()
    return [
        c
        for c in data.scores.by_city
        if (unranked or c.cells > c.not_applicable_cells) and (codes is None or c.code in codes)
    ]


def selection_ranks(cities: list[CityScore]) -> dict[str, int]:
    """Each ranked city's rank among `cities` (a territory's, in rank order), as the tile of its
    page gives it (`city_position`): a competition rank, equal means sharing one (1, 2, 2, 4)."""
    ranked = [c for c in cities if c.rank is not None]
    ranks = rank_with_ties([c.mean_level for c in ranked])
    return {c.code: rank for c, rank in zip(ranked, ranks, strict=True) if rank is not None}
