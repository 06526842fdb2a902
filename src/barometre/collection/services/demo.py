"""Demonstration audits on the local farm: fictitious communes, their sites, a demo campaign.

Used by `barometre quickstart` and by bench/audit.py. The farm's communes have reserved codes
("9Z001"…) that no real commune has, under a made-up region and department "ZZ".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction

from barometre.collection.services.audit import AuditOptions, AuditSummary, campaign_audit
from barometre.core.errors import BarometreError
from barometre.referential.brackets import bracket_for
from barometre.referential.catalogue import default_catalogue
from barometre.referential.models import Campaign, Commune, Department, Region, Website
from barometre.referential.services import catalogue_store

DEMO_AUDIT_CAMPAIGN = "demo-audit"


@dataclass(frozen=True, slots=True)
class FarmCommune:
    code: str
    name: str
    population: int
    url: str


def farm_campaign_create(*, name: str, communes: Iterable[FarmCommune]) -> Campaign:
    """A demonstration campaign over the farm's fictitious communes and their sites."""
    with transaction.atomic():
        return _farm_campaign_create(name, communes)


def _farm_campaign_create(name: str, communes: Iterable[FarmCommune]) -> Campaign:
    existing = Campaign.objects.filter(name=name).first()
    if existing is not None and not existing.is_demo:
        raise BarometreError(f"La campagne « {name} » existe et n'est pas une démonstration.")
    region, _ = Region.objects.get_or_create(code="ZZ", defaults={"name": "Ferme (fictive)"})
    department, _ = Department.objects.get_or_create(
        code="ZZ", defaults={"name": "Ferme (fictive)", "region": region}
    )
    codes = []
    for commune in communes:
        _farm_commune(commune, department, region)
        codes.append(commune.code)
    campaign: Campaign = existing or Campaign.objects.create(
        name=name,
        catalogue=catalogue_store(spec=default_catalogue()),
        spec="ferme",
        is_demo=True,
    )
    campaign.communes.add(*codes)
    return campaign


def _farm_commune(commune: FarmCommune, department: Department, region: Region) -> None:
    """The farm commune, and its farm site as its only primary and active one."""
    Commune.objects.get_or_create(
        code=commune.code,
        defaults={
            "name": commune.name,
            "department": department,
            "region": region,
            "population": commune.population,
            "bracket": bracket_for(commune.population),
        },
    )
    # The farm's current site is the commune's only primary and active one: a farm made
    # again (another seed) gives the reserved codes other sites, and the old ones are
    # served no more (kept, inactive).
    Website.objects.filter(commune_id=commune.code).exclude(url=commune.url).update(
        is_primary=False, active=False
    )
    Website.objects.update_or_create(
        commune_id=commune.code,
        url=commune.url,
        defaults={
            "host": urlsplit(commune.url).hostname or "",
            "is_primary": True,
            "active": True,
            "confidence": Website.Confidence.HIGH,
            "source": Website.Source.USER,
            "note": "site fictif de la ferme de démonstration",
        },
    )


def demo_audit_run(*, sites: int = 6, pages: int = 20, seed: int = 1) -> tuple[AuditSummary, float]:
    """Audit a small farm served on loopback; return the summary and the exact-match share."""
    from barometre.assessments.models import Assessment, Source
    from barometre.farm import generate_farm, serve_farm

    farm = generate_farm(
        seed=seed, sites=sites, pages_per_site=pages, slow_delay=0.2, large_page_bytes=300_000
    )
    campaign = farm_campaign_create(
        name=DEMO_AUDIT_CAMPAIGN,
        communes=[FarmCommune(s.code, s.name, s.population, s.start_url) for s in farm.sites],
    )
    server = serve_farm(farm)
    try:
        options = AuditOptions(
            farm_address=f"127.0.0.1:{server.port}",
            allow_private=True,
            polite=False,
            page_budget=pages * 3,
            timeout=10.0,
        )
        summary = campaign_audit(campaign=campaign, options=options)
    finally:
        server.stop()
    auto = Assessment.objects.filter(campaign=campaign, source=Source.AUTO)
    rows = list(auto.values_list("commune_id", "service__slug", "level"))
    exact = sum(1 for code, slug, level in rows if farm.truth.get((code, slug)) == level)
    return summary, exact / len(rows) if rows else 0.0
