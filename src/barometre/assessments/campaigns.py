"""Reads of campaigns for `barometre campaign list` and `campaign show`: what a campaign holds.

Selectors: nothing here writes. They live beside the assessments because a campaign's coverage is
counted in its cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count

from barometre.assessments.models import Assessment, Cell
from barometre.referential.models import Campaign
from barometre.referential.services.campaigns import campaign_unknown


@dataclass(frozen=True, slots=True)
class CampaignOverview:
    name: str
    is_demo: bool
    spec: str
    created_at: datetime
    measured_on: date
    catalogue_version: str
    catalogue_name: str
    services: int
    communes: int
    measured_cells: int
    measured_communes: int
    not_applicable_cells: int
    cells_by_source: dict[str, int]
    assessments: int

    @property
    def cells(self) -> int:
        return self.communes * self.services

    @property
    def coverage(self) -> float | None:
        return self.measured_cells / self.cells if self.cells else None


def campaign_get(name: str) -> Campaign:
    """The campaign named `name`, or a French error that lists the existing ones."""
    campaign: Campaign | None = (
        Campaign.objects.select_related("catalogue").filter(name=name).first()
    )
    if campaign is None:
        raise campaign_unknown(name)
    return campaign


def campaign_overview(campaign: Campaign) -> CampaignOverview:
    """Catalogue, communes and coverage of one campaign (cells of its current communes only)."""
    cells = Cell.objects.filter(
        campaign=campaign,
        commune__in=campaign.communes.all(),
        service__catalogue_id=campaign.catalogue_id,
    )
    counted = cells.values("source").annotate(n=Count("pk")).order_by("source")
    by_source = {row["source"]: row["n"] for row in counted}
    return CampaignOverview(
        name=campaign.name,
        is_demo=campaign.is_demo,
        spec=campaign.spec,
        created_at=campaign.created_at,
        measured_on=campaign.measured_on,
        catalogue_version=campaign.catalogue.version,
        catalogue_name=campaign.catalogue.name,
        services=campaign.catalogue.services.count(),
        communes=campaign.communes.count(),
        measured_cells=sum(by_source.values()),
        measured_communes=cells.values("commune_id").distinct().count(),
        not_applicable_cells=cells.filter(not_applicable=True).count(),
        cells_by_source=by_source,
        assessments=Assessment.objects.filter(campaign=campaign).count(),
    )


def campaign_overviews() -> list[CampaignOverview]:
    """Every campaign, by name."""
    campaigns = Campaign.objects.select_related("catalogue").order_by("name")
    return [campaign_overview(c) for c in campaigns]


def campaign_counts(campaign: Campaign) -> dict[str, int]:
    """What deleting `campaign` removes: its assessments, cells and archived evidence records."""
    return {
        "assessments": Assessment.objects.filter(campaign=campaign).count(),
        "cells": Cell.objects.filter(campaign=campaign).count(),
        "evidence": campaign.evidence.count(),  # type: ignore[attr-defined]
        "site_audits": campaign.site_audits.count(),  # type: ignore[attr-defined]
        "communes": campaign.communes.count(),
    }
