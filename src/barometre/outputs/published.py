"""Reads for the published outputs (open data, API, PDF): campaigns and their scored data.

Scoring a national campaign takes a couple of seconds, so `published_report` keeps the scored
`ReportData` of the few most recent campaigns in the process, keyed by the campaign's state: its
version (latest assessment id, number of communes, blind answers), what the outputs show of
the campaign (name, demonstration flag, catalogue, date) and the referential's version (a load
of the territories or an edit in the admin). Any new value (an automatic proposal, a review, an
import) is a new assessment row, so the version changes and the cache is refreshed.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from datetime import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import translation

from barometre.assessments.models import Assessment, Cell, CodingAssignment
from barometre.core.errors import BarometreError
from barometre.outputs.data import ReportData, report_data
from barometre.referential.models import Campaign
from barometre.referential.selectors import referential_version
from barometre.scoring import DEFINITIONS

_KEEP = 4
_lock = threading.Lock()
_cache: OrderedDict[tuple[int, str, str], ReportData] = OrderedDict()


class UnknownCampaign(BarometreError):
    """No campaign has this name."""


def campaign_by_name(name: str) -> Campaign:
    campaign: Campaign | None = (
        Campaign.objects.select_related("catalogue").filter(name=name).first()
    )
    if campaign is None:
        raise UnknownCampaign(f"Campagne inconnue : « {name} ».")
    return campaign


def campaign_previous(campaign: Campaign) -> Campaign | None:
    """The campaign `campaign` is compared with by default, or None: the latest one measured
    before it (`measured_on`, then creation for campaigns measured the same day) on the same
    catalogue, demonstration or not like it, with measured cells and
    communes in common (a campaign over other communes gives no pair of cells to compare, and a
    demonstration is never the reference of a real campaign)."""
    with_cells = Cell.objects.filter(campaign=OuterRef("pk"))
    members = Campaign.communes.through.objects
    mine = members.filter(campaign_id=campaign.pk).values("commune_id")[:1000]
    shared = members.filter(campaign_id=OuterRef("pk"), commune_id__in=mine)
    return (
        Campaign.objects.select_related("catalogue")
        .filter(
            catalogue_id=campaign.catalogue_id,
            is_demo=campaign.is_demo,
        )
        .filter(
            Q(measured_on__lt=campaign.measured_on)
            | Q(measured_on=campaign.measured_on, created_at__lt=campaign.created_at)
        )
        .exclude(pk=campaign.pk)
        .filter(Exists(with_cells), Exists(shared))
        .order_by("-measured_on", "-created_at", "-pk")
        .first()
    )


def reference_problem(campaign: Campaign, reference: Campaign) -> str | None:
    """Why `reference` cannot be the campaign `campaign` is compared with, or None: itself
    (every change 0), or a campaign measured after it (the change would run backwards, its sign
    reversed: « passe de 2,00 (2026) à 1,27 (2014) »)."""
    if reference.pk == campaign.pk:
        return "c'est la campagne du rapport elle-même (toute évolution serait nulle)"
    if reference.measured_on > campaign.measured_on:
        return (
            f"campagne mesurée le {reference.measured_on:%d/%m/%Y}, après « {campaign.name} » "
            f"(mesurée le {campaign.measured_on:%d/%m/%Y}) : l'évolution irait à rebours du temps"
        )
    return None


def campaign_version(campaign: Campaign) -> str:
    """A string that changes whenever a value of the campaign or its communes change."""
    # Written as a range and ordered like the (campaign, id) index, so that PostgreSQL reads one
    # entry of that index; with `campaign_id = X` it walks the primary key backwards through
    # every later campaign's rows instead (220 ms for a national campaign before the last one).
    latest = (
        Assessment.objects.filter(campaign_id__gte=campaign.pk, campaign_id__lte=campaign.pk)
        .order_by("-campaign_id", "-id")
        .values_list("id", flat=True)
        .first()
    ) or 0
    # blind answers that differ record no assessment, and the report states what they found
    answered = CodingAssignment.objects.filter(
        cell__campaign_id=campaign.pk, coded_at__isnull=False
    ).count()
    return f"{latest}-{campaign.communes.count()}-{answered}"


def campaign_state(campaign: Campaign) -> str:
    """`campaign_version`, what the outputs show of the campaign itself (its name, its
    demonstration flag, its catalogue, its measurement date), which the admin can change without
    recording a value, and the version of the referential they show (commune names, service
    labels: `referential_version`), and the version of the figures' definitions
    (`scoring.DEFINITIONS`): the key of every cached output, so that none outlives a change of
    any of them."""
    shown = (
        f"{campaign.pk}|{campaign.name}|{campaign.is_demo}|{campaign.catalogue_id}"
        f"|{campaign.measured_on}|{referential_version()}|{DEFINITIONS}"
    )
    digest = hashlib.sha256(shown.encode("utf-8")).hexdigest()[:6]
    return f"{campaign_version(campaign)}-{digest}"


def published_report(
    *, campaign: Campaign, now: datetime, reference: Campaign | None = None
) -> ReportData:
    """The scored campaign (compared with `reference` when given), cached per state.

    Read in French whatever the request's language: the published outputs (API, PDF, open
    data) are the reference of record, and the cache is shared by every reader."""
    version = campaign_state(campaign)
    if reference is not None:
        version += "/" + campaign_state(reference)
    key = (campaign.pk, reference.name if reference else "", version)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    with translation.override(settings.LANGUAGE_CODE):
        data = report_data(campaign=campaign, reference=reference, now=now)
    with _lock:
        _cache[key] = data
        while len(_cache) > _KEEP:
            _cache.popitem(last=False)
    return data


def published_cache_clear() -> None:
    with _lock:
        _cache.clear()
