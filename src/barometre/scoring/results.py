"""The outputs of scoring: frozen dataclasses, one per reported group.

Means and shares are `None` when a group has no applicable cell (nothing to average). Every count
of cells is of measured cells (a recorded level or not applicable); unmeasured cells are counted
apart. The exact definitions are in docs/scoring.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

DEFINITIONS: Final = 3
"""The version of the figures' definitions and of these classes: raised when one changes
(2: the transactional share over the services that can reach level 4; 3: the mean of city
means summed exactly, 2.075 where it was 2.0749999999999997), so that no output
cached or published by an earlier version outlives it (`outputs.published.campaign_state`)."""


@dataclass(frozen=True, slots=True)
class Interval:
    """A bootstrap confidence interval (percentile method, cities resampled)."""

    low: float
    high: float
    level: float
    resamples: int


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Scores of a group of cells: all, a domain, a service or a size bracket.

    `communes` counts the communes with a measured cell in the group, `cells` the measured cells
    (not applicable included), `unmeasured_cells` the cells of those communes nobody recorded.
    `share_transactional` is over `transactional_cells`: the applicable cells of the services
    that can reach level 4 (`max_level` 4 or 5); None when the group has none.
    """

    key: str
    communes: int
    cells: int
    not_applicable_cells: int
    unmeasured_cells: int
    mean_level: float | None
    mean_of_city_means: float | None
    share_of_max: float | None
    share_fully_online: float | None
    share_transactional: float | None
    transactional_cells: int = 0


@dataclass(frozen=True, slots=True)
class CityScore:
    code: str
    name: str
    bracket: str
    cells: int  # measured cells, not applicable included
    not_applicable_cells: int
    unmeasured_cells: int
    mean_level: float | None
    share_of_max: float | None
    share_fully_online: float | None
    share_transactional: float | None
    rank: int | None


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a campaign is measured: cells and communes, measured out of the campaign's."""

    cells: int
    measured_cells: int
    communes: int
    measured_communes: int

    @property
    def share_of_cells(self) -> float | None:
        return self.measured_cells / self.cells if self.cells else None

    @property
    def complete(self) -> bool:
        return self.measured_cells == self.cells


@dataclass(frozen=True, slots=True)
class UnmeasuredCommune:
    """A commune of the campaign with no measured cell: left out of every figure, listed apart."""

    code: str
    name: str
    bracket: str


@dataclass(frozen=True, slots=True)
class CampaignScores:
    """Everything reported about one campaign, over its measured cells."""

    campaign: str
    coverage: Coverage
    unmeasured_communes: tuple[UnmeasuredCommune, ...]
    overall: GroupScore
    level_counts: tuple[int, ...]  # applicable cells at level 0, 1, ..., 5
    level_counts_by_domain: Mapping[str, tuple[int, ...]]
    by_domain: Mapping[str, GroupScore]
    by_service: Mapping[str, GroupScore]
    by_bracket: Mapping[str, GroupScore]
    by_city: tuple[CityScore, ...]  # best first (rank order), unranked cities last
    ci_mean_level: Interval | None
    ci_mean_of_city_means: Interval | None


@dataclass(frozen=True, slots=True)
class Test:
    """A Wilcoxon signed-rank test; `p_value` is None with a `reason` when it cannot be run."""

    __test__ = False  # not a pytest class

    cities: int  # cities with at least one paired cell in the domain
    nonzero_differences: int  # cities whose domain mean changed: the sample the test is run on
    statistic: float | None
    p_value: float | None
    reason: str | None  # "no_paired_cells", "all_differences_zero", "too_few_cities"
    # the cities whose domain mean rose, fell (rose + fell == nonzero_differences)
    rose: int = 0
    fell: int = 0
    # the side the test leans to: the sign of the signed-rank sum W+ - W- of the cities'
    # differences (1 up, -1 down, 0 balanced or not tested). It can disagree with the
    # cell-weighted `Change.mean_change`: a city with many falling cells weighs more there.
    direction: int = 0

    @property
    def direction_name(self) -> str | None:
        """`direction` as the JSON report, the API and the XLSX write it: "up", "down", or None
        when the test is not run (or its signed ranks balance exactly)."""
        return {1: "up", -1: "down"}.get(self.direction)


@dataclass(frozen=True, slots=True)
class Change:
    """Change over the paired cells of a group between two campaigns."""

    key: str
    communes: int
    cells: int
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    rose: int
    fell: int
    same: int


@dataclass(frozen=True, slots=True)
class DomainChange:
    change: Change
    test: Test


@dataclass(frozen=True, slots=True)
class CityChange:
    code: str
    name: str
    cells: int
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """The comparison of two campaigns over the (commune, service) cells applicable in both."""

    before: str
    after: str
    overall: Change
    mean_of_city_means_before: float | None
    mean_of_city_means_after: float | None
    mean_of_city_means_change: float | None
    unpaired_cells_before: int  # applicable cells of `before` with no applicable pair in `after`
    unpaired_cells_after: int  # applicable cells of `after` with no applicable pair in `before`
    by_domain: Mapping[str, DomainChange]
    by_service: Mapping[str, Change]
    by_city: tuple[CityChange, ...]  # largest rise first
    ci_mean_change: Interval | None
    ci_mean_of_city_means_change: Interval | None
    communes_in_common: int  # communes of both campaigns, measured or not

    @property
    def why_empty(self) -> str | None:
        """Why no cell pairs, or None when some do: `no_common_commune` (the two campaigns
        share no commune: nothing can be compared) or `no_paired_cell` (common communes, but
        no service measured and applicable in both)."""
        if self.overall.cells:
            return None
        return "no_paired_cell" if self.communes_in_common else "no_common_commune"
