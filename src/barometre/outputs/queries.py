"""Read-only queries of the public API: communes, services, campaigns, cells and programmes.

Each returns a queryset of plain values (dicts), filtered as asked and in a stable order, so
that offset pagination gives every row once.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from barometre.assessments.models import Cell
from barometre.assessments.selectors import reviewed_proposals
from barometre.programmes.models import Programme
from barometre.referential.models import Campaign, Commune, Service

# an INSEE code, or a demonstration farm's made-up code ("9Z001", "9Y001": farm/generator.py)
INSEE_CODE = r"(?:\d[\dAB]\d{3}|9[YZ]\d{3})"
_CODE = re.compile(INSEE_CODE)

COMMUNE_FIELDS = ("code", "name", "bracket", "population", "postcodes")
COMMUNE_JOINS = {
    "department_code": F("department_id"),
    "department_name": F("department__name"),
    "region_code": F("region_id"),
    "region_name": F("region__name"),
    "epci_siren": F("epci_id"),
    "epci_name": F("epci__name"),
}


def communes_search(
    *,
    q: str | None = None,
    department: str | None = None,
    region: str | None = None,
    bracket: str | None = None,
    epci: str | None = None,
) -> QuerySet[Commune, dict[str, Any]]:
    """Communes matching a name (start of a word, whatever its accents, case, hyphens and
    apostrophes), an INSEE code or a postcode (a
    five-digit code finds both: 3,056 postcodes are another commune's INSEE code), largest
    first."""
    communes = Commune.objects.all()
    if q:
        text = q.strip()
        if _CODE.fullmatch(text.upper()):
            communes = communes.filter(Q(code=text.upper()) | Commune.served_by_postcode(text))
        else:
            communes = communes.filter(Commune.named(text, word_start=True))
    for field, value in (
        ("department_id", department),
        ("region_id", region),
        ("bracket", bracket),
        ("epci_id", epci),
    ):
        if value:
            communes = communes.filter(**{field: value})
    return communes.order_by("-population", "code").values(*COMMUNE_FIELDS, **COMMUNE_JOINS)


def services_list(
    *, catalogue: str | None = None, domain: str | None = None
) -> QuerySet[Service, dict[str, Any]]:
    services = Service.objects.all()
    if catalogue:
        services = services.filter(catalogue__version=catalogue)
    if domain:
        services = services.filter(domain=domain)
    return services.order_by("catalogue__version", "position", "pk").values(
        "slug",
        "label",
        "domain",
        "max_level",
        "position",
        catalogue_version=F("catalogue__version"),
    )


def campaigns_list(*, demo: bool | None = None) -> QuerySet[Campaign, dict[str, Any]]:
    campaigns = Campaign.objects.all()
    if demo is not None:
        campaigns = campaigns.filter(is_demo=demo)
    return (
        campaigns.annotate(commune_count=Count("communes"))
        .order_by("-measured_on", "-created_at", "name")
        .values(
            "name",
            "is_demo",
            "created_at",
            "measured_on",
            "commune_count",
            "spec",
            catalogue_version=F("catalogue__version"),
        )
    )


def cells_filter(
    *,
    campaign: Campaign,
    commune: str | None = None,
    service: str | None = None,
    level: str | None = None,
    source: str | None = None,
    department: str | None = None,
) -> QuerySet[Cell]:
    """The campaign's cells, by commune code then service (the order of the unique index)."""
    cells = Cell.objects.filter(campaign=campaign)
    if commune:
        cells = cells.filter(commune_id=commune)
    if service:
        cells = cells.filter(service__slug=service)
    if level == "na":
        cells = cells.filter(not_applicable=True)
    elif level is not None:
        cells = cells.filter(level=int(level))
    if source:
        cells = cells.filter(source=source)
    if department:
        cells = cells.filter(commune__department_id=department)
    return cells.order_by("commune_id", "service_id")


def cells_slice(
    cells: QuerySet[Cell], *, campaign: Campaign, offset: int, limit: int
) -> list[dict[str, Any]]:
    """One page of `cells_filter` with the commune, service and assessment of each cell.

    The page's keys (commune, service) are found first on the cells alone, an index-only scan
    of the unique index (fast even deep in a national campaign), then only the rows of those
    communes are joined.
    """
    keys = list(cells.values_list("commune_id", "service_id")[offset : offset + limit])
    rows = Cell.objects.filter(campaign=campaign, commune_id__in={k[0] for k in keys}).values(
        "commune_id",
        "service_id",
        "level",
        "not_applicable",
        "source",
        commune_name=F("commune__name"),
        service_slug=F("service__slug"),
        evidence_url=F("assessment__evidence_url"),
        archived_url=F("assessment__evidence_record__url"),
        archive_id=F("assessment__evidence_record_id"),
        confidence=F("assessment__confidence"),
        author=F("assessment__author"),
        decided_at=F("assessment__created_at"),
    )
    by_key = {(row["commune_id"], row["service_id"]): row for row in rows}
    # a reviewed cell's automatic proposal, the one its auditor saw (as in cellules.csv)
    proposals = reviewed_proposals(campaign, communes={k[0] for k in keys})
    for key, row in by_key.items():
        row["proposal"] = proposals.get(key, (None, None, None))
    return [by_key[k] for k in keys]


def programmes_filter(
    *,
    election: int | None = None,
    commune: str | None = None,
    theme: str | None = None,
    digital: bool | None = None,
    demo: bool | None = None,
) -> QuerySet[Programme]:
    programmes = Programme.objects.select_related("commune").defer("text")
    if demo is not None:  # None: real and demonstration programmes, each marked
        programmes = programmes.filter(is_demo=demo)
    if election is not None:
        programmes = programmes.filter(election=election)
    if commune:
        programmes = programmes.filter(commune_id=commune)
    if digital is not None:  # a programme without text was not read: neither digital nor not
        programmes = programmes.filter(status=Programme.Status.OK, mentions_digital=digital)
    if theme:
        programmes = (
            programmes.filter(themes__contains=[theme])
            if _json_contains()
            else (programmes.filter(themes__icontains=f'"{theme}"'))
        )
    return programmes.order_by("election", "commune_id", "round", "list_name", "pk")


def _json_contains() -> bool:
    """SQLite has no JSON containment lookup; PostgreSQL does."""
    from django.db import connection

    return connection.vendor == "postgresql"
