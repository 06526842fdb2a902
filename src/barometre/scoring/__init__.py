"""Scoring: pure functions from cells to means, shares, rankings and comparisons.

No ORM, no clock: a `Grid` (numpy arrays) goes in, frozen dataclasses come out. The definitions
are in docs/scoring.md.
"""

from barometre.scoring.bootstrap import DEFAULT_RESAMPLES, bootstrap_means
from barometre.scoring.campaign import campaign_scores
from barometre.scoring.compare import MIN_TEST_CITIES, campaigns_compare, domain_test
from barometre.scoring.grid import NA, TRANSACTIONAL_LEVEL, UNMEASURED, Grid
from barometre.scoring.ranking import rank_array, rank_with_ties
from barometre.scoring.results import (
    DEFINITIONS,
    CampaignScores,
    Change,
    CityChange,
    CityScore,
    Comparison,
    Coverage,
    DomainChange,
    GroupScore,
    Interval,
    Test,
    UnmeasuredCommune,
)

__all__ = [
    "DEFAULT_RESAMPLES",
    "DEFINITIONS",
    "MIN_TEST_CITIES",
    "NA",
    "TRANSACTIONAL_LEVEL",
    "UNMEASURED",
    "CampaignScores",
    "Change",
    "CityChange",
    "CityScore",
    "Comparison",
    "Coverage",
    "DomainChange",
    "Grid",
    "GroupScore",
    "Interval",
    "Test",
    "UnmeasuredCommune",
    "bootstrap_means",
    "campaign_scores",
    "campaigns_compare",
    "domain_test",
    "rank_array",
    "rank_with_ties",
]
