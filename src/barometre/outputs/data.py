"""What every report format shows: one campaign's scores, and optionally its comparison.

`report_data` reads the database (through the assessments selector) and runs the pure scoring;
the format writers only lay out the `ReportData` it returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np

from barometre.assessments.blind_check import BlindCheck, campaign_blind_check
from barometre.assessments.coders import CodersAgreement, campaign_coders_agreement
from barometre.assessments.selectors import (
    Origins,
    campaign_evidence,
    campaign_grid,
    campaign_origins,
)
from barometre.collection.selectors import campaign_detectors
from barometre.outputs.data_labels import data_label
from barometre.outputs.formats import DEFAULT_SEED
from barometre.referential.brackets import BRACKET_IDS, BRACKET_LABELS
from barometre.referential.models import Campaign, Commune
from barometre.scoring import (
    DEFAULT_RESAMPLES,
    CampaignScores,
    Comparison,
    Grid,
    campaign_scores,
    campaigns_compare,
    rank_with_ties,
)


@dataclass(frozen=True, slots=True)
class CampaignInfo:
    name: str
    is_demo: bool
    catalogue_version: str
    catalogue_name: str
    spec: str
    measured_on: date  # when the sites were measured (Campaign.measured_on)
    # the detector versions that read its audited sites, with their number of sites
    detectors: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, campaign: Campaign) -> CampaignInfo:
        return cls(
            name=campaign.name,
            is_demo=campaign.is_demo,
            catalogue_version=campaign.catalogue.version,
            catalogue_name=campaign.catalogue.name,
            spec=campaign.spec,
            measured_on=campaign.measured_on,
            detectors=campaign_detectors(campaign),
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a cell's level is what it is: where it came from and the page that shows it."""

    source: str  # "auto", "human" (reviewed) or "import"
    url: str


@dataclass(frozen=True, slots=True)
class ReportData:
    campaign: CampaignInfo
    grid: Grid
    scores: CampaignScores
    generated_at: datetime
    seed: int
    resamples: int
    reference: CampaignInfo | None = None
    comparison: Comparison | None = None
    bracket_labels: Mapping[str, str] = field(
        default_factory=lambda: {b: data_label(label) for b, label in BRACKET_LABELS.items()}
    )
    evidence: Mapping[tuple[str, str], Evidence] = field(default_factory=dict)
    # the campaign's blind codings against the automatic proposals their auditors did not see
    detection_check: BlindCheck | None = None
    # how many cells are automatic proposals, reviewed or imported levels
    origins: Origins | None = None
    # the two blind coders of each double-coded cell against each other
    coders: CodersAgreement | None = None

    @property
    def detectors_differ(self) -> bool:
        """Both compared campaigns hold audited sites, read by different detector versions: a
        change in their automatic levels may come from the detector, not from the sites."""
        if self.reference is None or not self.reference.detectors or not self.campaign.detectors:
            return False
        return {v for v, _ in self.reference.detectors} != {v for v, _ in self.campaign.detectors}

    @property
    def is_demo(self) -> bool:
        """True when any campaign shown is demonstration data."""
        return self.campaign.is_demo or (self.reference is not None and self.reference.is_demo)

    def bracket_order(self) -> list[str]:
        known = [b for b in BRACKET_IDS if b in self.scores.by_bracket]
        return known + sorted(set(self.scores.by_bracket) - set(known))

    def domain_label(self, domain: str) -> str:
        return self.grid.domain_labels.get(domain, domain)

    def service_label(self, service_id: str) -> str:
        return self.grid.label_of_service(self.grid.service_ids.index(service_id))


def report_data(
    *,
    campaign: Campaign,
    reference: Campaign | None = None,
    now: datetime,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    evidence_cities: int = 0,
) -> ReportData:
    """Score `campaign` and, when given, compare it with `reference` (the earlier campaign).

    The evidence (source and URL) of every cell of the first `evidence_cities` cities of the
    ranking is read too, for the reports that list it.
    """
    rng = np.random.default_rng(seed)
    grid = campaign_grid(campaign)
    scores = campaign_scores(grid, rng=rng, resamples=resamples)
    comparison = None
    if reference is not None:
        before = campaign_grid(reference)
        comparison = campaigns_compare(before, grid, rng=rng, resamples=resamples)
    shown = [c.code for c in scores.by_city[:evidence_cities]]
    evidence = {
        key: Evidence(source=source, url=url)
        for key, (source, url) in (campaign_evidence(campaign, shown) if shown else {}).items()
    }
    return ReportData(
        campaign=CampaignInfo.of(campaign),
        grid=grid,
        scores=scores,
        generated_at=now,
        seed=seed,
        resamples=resamples,
        reference=CampaignInfo.of(reference) if reference is not None else None,
        comparison=comparison,
        evidence=evidence,
        detection_check=campaign_blind_check(campaign),
        origins=campaign_origins(campaign),
        coders=campaign_coders_agreement(campaign),
    )


def commune_positions(data: ReportData, commune: Commune) -> dict[str, tuple[int, int] | None]:
    """The commune's (rank, ranked communes) in the nation, its size bracket and its
    intercommunality (None without one), as its page and its PDF give them: the rank alone did
    not say among how many."""
    epci = None
    if commune.epci_id:
        members = set(
            Commune.objects.filter(epci_id=commune.epci_id).values_list("code", flat=True)
        )
        epci = city_position(data, commune.code, among=members)
    return {
        "national_position": city_position(data, commune.code),
        "bracket_position": city_position(data, commune.code, bracket=commune.bracket),
        "epci_position": epci,
    }


def city_position(
    data: ReportData, code: str, *, among: set[str] | None = None, bracket: str = ""
) -> tuple[int, int] | None:
    """(rank, count) of a city among the ranked cities of a set of codes or a bracket: a
    competition rank as the national one (`rank_with_ties`: equal means share a rank, 1, 1, 3)."""
    ranked = [
        c
        for c in data.scores.by_city
        if c.rank is not None
        and (among is None or c.code in among)
        and (not bracket or c.bracket == bracket)
    ]
    ranks = rank_with_ties([c.mean_level for c in ranked])
    for city, rank in zip(ranked, ranks, strict=True):
        if city.code == code and rank is not None:
            return rank, len(ranked)
    return None
