"""Scores of one campaign, against values worked out by hand from the `grid` fixture."""

from __future__ import annotations

import numpy as np
import pytest

from barometre.scoring import Grid, campaign_scores
from barometre.scoring.results import CampaignScores


@pytest.fixture
def scores(grid: Grid) -> CampaignScores:
    return campaign_scores(grid, rng=np.random.default_rng(7), resamples=200)


def test_headline_means_leave_not_applicable_cells_out(scores: CampaignScores) -> None:
    overall = scores.overall
    assert (overall.communes, overall.cells, overall.not_applicable_cells) == (4, 12, 2)
    assert overall.mean_level == pytest.approx(21 / 10)
    assert overall.mean_of_city_means == pytest.approx((3.0 + 1.5 + 2.0 + 1.5) / 4)


def test_shares_of_max_fully_online_and_transactional(scores: CampaignScores) -> None:
    # share of max per cell: C1 1, .4, 1; C2 0, 1; C3 .25, 1, 0; C4 .5, .2
    assert scores.overall.share_of_max == pytest.approx(5.35 / 10)
    # at max_level: C1 s1 (4/4) and s3 (3/3), C2 s3, C3 s2 (5/5)
    assert scores.overall.share_fully_online == pytest.approx(4 / 10)
    # level >= 4: C1 s1, C3 s2, over the 7 applicable cells of s1 and s2 (max 4 and 5): s3,
    # whose maximum is 3, can never reach level 4 and is outside the share
    assert scores.overall.share_transactional == pytest.approx(2 / 7)
    assert scores.overall.transactional_cells == 7


def test_a_service_that_cannot_reach_level_4_has_no_transactional_share(
    scores: CampaignScores,
) -> None:
    """s3's maximum is 3: no transactional share for it nor for its domain B (0 % would read
    as a failure of the communes), none for a commune measured on it alone."""
    s3, b = scores.by_service["s3"], scores.by_domain["B"]
    assert (s3.share_transactional, s3.transactional_cells) == (None, 0)
    assert (b.share_transactional, b.transactional_cells) == (None, 0)
    assert scores.by_service["s2"].share_transactional == pytest.approx(1 / 3)
    assert scores.by_domain["A"].share_transactional == pytest.approx(2 / 7)
    assert scores.by_bracket["X"].share_transactional == pytest.approx(1 / 3)
    grid = Grid.from_rows(
        campaign="c",
        communes=[("A", "A", "X")],
        services=[("id", "D", 3), ("s", "D", 4)],
        levels=[[3, None]],
    )
    alone = campaign_scores(grid, rng=np.random.default_rng(0), resamples=10).by_city[0]
    assert alone.share_transactional is None and alone.share_fully_online == 1.0


def test_level_counts_are_over_applicable_cells(scores: CampaignScores) -> None:
    assert scores.level_counts == (2, 2, 2, 2, 1, 1)
    assert scores.level_counts_by_domain == {"A": (1, 2, 2, 0, 1, 1), "B": (1, 0, 0, 2, 0, 0)}


def test_by_domain_over_cells_and_over_city_means(scores: CampaignScores) -> None:
    a, b = scores.by_domain["A"], scores.by_domain["B"]
    assert list(scores.by_domain) == ["A", "B"]
    assert (a.cells, a.not_applicable_cells) == (8, 1)
    assert a.mean_level == pytest.approx(15 / 7)
    assert a.mean_of_city_means == pytest.approx((3.0 + 0.0 + 3.0 + 1.5) / 4)
    assert (b.cells, b.not_applicable_cells) == (4, 1)
    assert b.mean_level == pytest.approx(2.0)
    assert b.mean_of_city_means == pytest.approx(2.0)


def test_by_service(scores: CampaignScores) -> None:
    s2 = scores.by_service["s2"]
    assert (s2.cells, s2.not_applicable_cells) == (4, 1)
    assert s2.mean_level == pytest.approx(8 / 3)
    assert s2.share_of_max == pytest.approx((0.4 + 1.0 + 0.2) / 3)
    assert s2.share_fully_online == pytest.approx(1 / 3)
    assert scores.by_service["s1"].mean_level == pytest.approx(7 / 4)


def test_by_bracket(scores: CampaignScores) -> None:
    x, y = scores.by_bracket["X"], scores.by_bracket["Y"]
    assert (x.communes, x.cells, x.not_applicable_cells) == (2, 6, 1)
    assert x.mean_level == pytest.approx(12 / 5)
    assert x.mean_of_city_means == pytest.approx(2.25)
    assert y.mean_level == pytest.approx(9 / 5)
    assert y.mean_of_city_means == pytest.approx(1.75)


def test_cities_ranked_with_ties(scores: CampaignScores) -> None:
    ranking = [(c.code, c.rank, c.mean_level) for c in scores.by_city]
    assert ranking == [("C1", 1, 3.0), ("C3", 2, 2.0), ("C2", 3, 1.5), ("C4", 3, 1.5)]
    beta = scores.by_city[2]
    assert (beta.cells, beta.not_applicable_cells) == (3, 1)
    assert beta.share_of_max == pytest.approx(0.5)
    assert beta.share_fully_online == pytest.approx(0.5)
    assert beta.share_transactional == 0.0


def test_city_mean_ties_are_exact_whatever_the_number_of_cells() -> None:
    # 1/3 and 2/6 are the same rational: the ranks must tie, not differ by a rounding error
    grid = Grid.from_rows(
        campaign="c",
        communes=[("A", "A", "X"), ("B", "B", "X")],
        services=[(f"s{i}", "D", 5) for i in range(6)],
        levels=[[1, 0, 0, None, None, None], [1, 1, 0, 0, 0, 0]],
    )
    scores = campaign_scores(grid, rng=np.random.default_rng(0), resamples=10)
    assert [c.rank for c in scores.by_city] == [1, 1]


def test_a_city_with_only_not_applicable_cells_has_no_mean_and_no_rank() -> None:
    grid = Grid.from_rows(
        campaign="c",
        communes=[("A", "A", "X"), ("B", "B", "X")],
        services=[("s1", "D", 4), ("s2", "D", 4)],
        levels=[[None, None], [0, 2]],
    )
    scores = campaign_scores(grid, rng=np.random.default_rng(0), resamples=10)
    assert [(c.code, c.rank, c.mean_level) for c in scores.by_city] == [
        ("B", 1, 1.0),
        ("A", None, None),
    ]
    assert scores.overall.mean_level == 1.0
    assert scores.overall.mean_of_city_means == 1.0  # A has no mean to average
    assert scores.overall.not_applicable_cells == 2
    assert scores.ci_mean_level is None  # a single city with cells: nothing to resample


def test_a_group_with_no_applicable_cell_has_no_means() -> None:
    grid = Grid.from_rows(
        campaign="c",
        communes=[("A", "A", "X")],
        services=[("s1", "D", 4), ("s2", "E", 4)],
        levels=[[None, 3]],
    )
    scores = campaign_scores(grid, rng=np.random.default_rng(0), resamples=10)
    d = scores.by_domain["D"]
    assert (d.cells, d.not_applicable_cells, d.mean_level, d.mean_of_city_means) == (
        1,
        1,
        None,
        None,
    )
    assert d.share_of_max is None


def test_level_above_max_counts_as_fully_online_and_caps_share_at_one() -> None:
    grid = Grid.from_rows(
        campaign="c", communes=[("A", "A", "X")], services=[("s", "D", 3)], levels=[[4]]
    )
    scores = campaign_scores(grid, rng=np.random.default_rng(0), resamples=10)
    assert scores.overall.share_of_max == 1.0
    assert scores.overall.share_fully_online == 1.0
    assert scores.overall.mean_level == 4.0


def test_bootstrap_is_seeded_and_brackets_the_estimate(grid: Grid) -> None:
    first = campaign_scores(grid, rng=np.random.default_rng(3), resamples=300)
    again = campaign_scores(grid, rng=np.random.default_rng(3), resamples=300)
    assert first.ci_mean_level == again.ci_mean_level
    assert first.ci_mean_level is not None and first.ci_mean_of_city_means is not None
    assert first.ci_mean_level.low <= 2.1 <= first.ci_mean_level.high
    assert first.ci_mean_of_city_means.low <= 2.0 <= first.ci_mean_of_city_means.high
    assert first.ci_mean_level.resamples == 300
    assert first.ci_mean_level.level == 0.95


def test_an_empty_campaign_has_no_figures_but_does_not_fail() -> None:
    grid = Grid.from_rows(campaign="e", communes=[], services=[("s", "D", 4)], levels=[])
    scores = campaign_scores(grid, rng=np.random.default_rng(0))
    assert scores.overall.mean_level is None and scores.overall.cells == 0
    assert scores.level_counts == (0,) * 6
    assert scores.by_city == () and dict(scores.by_bracket) == {}


@pytest.mark.parametrize(("levels", "share"), [([3, 2, 4, 4], 31 / 40), ([0, 2, 1, 1], 9 / 40)])
def test_share_of_max_is_summed_exactly(levels: list[int], share: float) -> None:
    # Summed in floating point, 1 + 0.5 + 0.8 + 0.8 is 3.0999999999999996 and the share of max
    # 0.7749999999999999, which prints 77 % instead of the 78 % of 31/40
    grid = Grid.from_rows(
        campaign="c",
        communes=[("C1", "Alpha", "X")],
        services=[("s1", "A", 3), ("s2", "A", 4), ("s3", "B", 5), ("s4", "B", 5)],
        levels=[levels],
    )
    scores = campaign_scores(grid, rng=np.random.default_rng(7), resamples=10)
    assert scores.overall.share_of_max == share
    assert scores.by_city[0].share_of_max == share
    assert scores.by_bracket["X"].share_of_max == share


def test_the_mean_of_city_means_is_exact() -> None:
    # 41/12 and 11/15: their mean is 2.075, which the open data and the API write « 2.075 »; the
    # floating-point mean of 3.4166… and 0.7333… was 2.0749999999999997, printed « 2,07 »
    services = [(f"s{i}", "D", 5) for i in range(15)]
    grid = Grid.from_rows(
        campaign="c",
        communes=[("A", "A", "X"), ("B", "B", "X")],
        services=services,
        levels=[[5, 5, 5, 5, 3, 3, 3, 3, 3, 3, 3, 0, None, None, None], [1] * 11 + [0] * 4],
    )
    scores = campaign_scores(grid, rng=np.random.default_rng(0), resamples=10)
    assert [c.mean_level for c in scores.by_city] == [41 / 12, 11 / 15]
    assert scores.overall.mean_of_city_means == 2.075
    assert scores.by_domain["D"].mean_of_city_means == 2.075
    assert scores.by_bracket["X"].mean_of_city_means == 2.075
