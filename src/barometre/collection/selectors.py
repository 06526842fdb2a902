"""Reads of the audit's stored outcomes that the commands need (services write, selectors read)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from barometre.collection.models import SiteAudit
from barometre.referential.models import Campaign, Commune


def failed_in_selection(
    campaign: Campaign, communes: QuerySet[Commune] | None
) -> list[tuple[str, str]]:
    """The selected communes whose audit failed, with why: (code, reason), by code."""
    failed = SiteAudit.objects.filter(campaign=campaign, status=SiteAudit.Status.FAILED)
    if communes is not None:
        failed = failed.filter(commune__in=communes)
    return [
        (code, reason or "motif non enregistré")
        for code, reason in failed.order_by("commune_id").values_list("commune_id", "reason")
    ]


def measured_in_selection(campaign: Campaign, communes: QuerySet[Commune] | None) -> bool:
    """Whether any selected commune of the campaign is measured: its site audited, or none
    known (level 0 everywhere)."""
    audits = SiteAudit.objects.filter(campaign=campaign).exclude(status=SiteAudit.Status.FAILED)
    if communes is not None:
        audits = audits.filter(commune__in=communes)
    measured: bool = audits.exists()
    return measured


def campaign_detectors(campaign: Campaign) -> tuple[tuple[str, int], ...]:
    """The detector versions that read the campaign's audited sites, each with its number of
    sites, most sites first ("" for sites stored before the version was recorded)."""
    rows = (
        SiteAudit.objects.filter(campaign=campaign, status=SiteAudit.Status.DONE)
        .order_by()
        .values_list("detector")
        .annotate(n=Count("pk"))
    )
    return tuple(sorted(((version, n) for version, n in rows), key=lambda row: (-row[1], row[0])))
