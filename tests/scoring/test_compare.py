"""Comparison of two campaigns, against values worked out by hand from the fixtures."""

from __future__ import annotations

import numpy as np
import pytest

from barometre.scoring import Grid, campaigns_compare, domain_test
from barometre.scoring.results import Comparison


@pytest.fixture
def comparison(before: Grid, grid: Grid) -> Comparison:
    return campaigns_compare(before, grid, rng=np.random.default_rng(1), resamples=200)


def test_pairs_only_cells_applicable_in_both(comparison: Comparison) -> None:
    # C1: 2->4, 1->2, 3->3; C2: 0->0 (s2 and s3 are not applicable on one side); C3: 1->1, 2->0
    overall = comparison.overall
    assert (overall.communes, overall.cells) == (3, 6)
    assert (overall.rose, overall.fell, overall.same) == (2, 1, 3)
    assert overall.mean_before == pytest.approx(9 / 6)
    assert overall.mean_after == pytest.approx(10 / 6)
    assert overall.mean_change == pytest.approx(1 / 6)
    assert (comparison.unpaired_cells_before, comparison.unpaired_cells_after) == (4, 4)


def test_mean_of_city_means_over_paired_cells(comparison: Comparison) -> None:
    # before: C1 6/3, C2 0/1, C3 3/2; after: C1 9/3, C2 0/1, C3 1/2
    assert comparison.mean_of_city_means_before == pytest.approx(3.5 / 3)
    assert comparison.mean_of_city_means_after == pytest.approx(3.5 / 3)
    assert comparison.mean_of_city_means_change == pytest.approx(0.0)


def test_change_per_domain(comparison: Comparison) -> None:
    a, b = comparison.by_domain["A"], comparison.by_domain["B"]
    assert (a.change.cells, a.change.rose, a.change.fell, a.change.same) == (4, 2, 0, 2)
    assert a.change.mean_change == pytest.approx(7 / 4 - 4 / 4)
    assert (b.change.cells, b.change.rose, b.change.fell, b.change.same) == (2, 0, 1, 1)
    assert b.change.mean_change == pytest.approx(-1.0)
    # three cities, one non-zero city difference per domain: no test
    assert (a.test.cities, a.test.nonzero_differences) == (3, 1)
    assert a.test.p_value is None and a.test.reason == "too_few_cities"


def test_change_per_service_and_city(comparison: Comparison) -> None:
    s1 = comparison.by_service["s1"]
    assert (s1.cells, s1.rose, s1.same, s1.mean_change) == (3, 1, 2, pytest.approx(2 / 3))
    cities = [(c.code, c.cells, c.mean_change) for c in comparison.by_city]
    assert cities == [("C1", 3, 1.0), ("C2", 1, 0.0), ("C3", 2, -1.0)]


def test_campaigns_without_common_cells() -> None:
    one = Grid.from_rows(
        campaign="a", communes=[("X", "X", "b")], services=[("s", "D", 4)], levels=[[1]]
    )
    other = Grid.from_rows(
        campaign="b", communes=[("Y", "Y", "b")], services=[("s", "D", 4)], levels=[[2]]
    )
    comparison = campaigns_compare(one, other, rng=np.random.default_rng(0))
    assert comparison.overall.cells == 0
    assert comparison.overall.mean_change is None
    assert comparison.by_domain["D"].test.reason == "no_paired_cells"
    assert comparison.ci_mean_change is None


def _test_on(differences: list[float]):  # type: ignore[no-untyped-def]
    d = np.array(differences)
    return domain_test(np.zeros_like(d), d, np.ones_like(d))


def test_wilcoxon_exact_p_values() -> None:
    # six positive differences: W- = 0, exact two-sided p = 2 / 2**6
    result = _test_on([1, 2, 3, 4, 5, 6])
    assert result.statistic == 0.0
    assert result.p_value == pytest.approx(2 / 64)
    # one negative of rank 2: subsets of ranks summing to <= 2 are {}, {1}, {2}: p = 2 * 3 / 64
    result = _test_on([1, -2, 3, 4, 5, 6])
    assert result.statistic == 2.0
    assert result.p_value == pytest.approx(6 / 64)


def test_wilcoxon_drops_cities_that_did_not_change() -> None:
    result = _test_on([0, 0, 1, 2, 3, 4, 5, 6])
    assert (result.cities, result.nonzero_differences) == (8, 6)
    assert result.p_value == pytest.approx(2 / 64)


def test_wilcoxon_not_run_when_nothing_changed_or_too_few_cities() -> None:
    nothing = _test_on([0, 0, 0, 0, 0, 0, 0])
    assert (nothing.p_value, nothing.reason) == (None, "all_differences_zero")
    few = _test_on([1, 2, 3, 4, 5])
    assert (few.p_value, few.reason, few.nonzero_differences) == (None, "too_few_cities", 5)


def test_per_city_domain_means_are_tested_not_cells() -> None:
    # city 1 has two cells in the domain (+2, 0): its difference is +1, like the others
    total_b = np.array([0.0, 0, 0, 0, 0, 0])
    total_a = np.array([2.0, 1, 1, 1, 1, 1])
    count = np.array([2.0, 1, 1, 1, 1, 1])
    result = domain_test(total_b, total_a, count)
    assert result.p_value == pytest.approx(2 / 64)


def test_comparison_bootstrap_is_seeded(before: Grid, grid: Grid) -> None:
    first = campaigns_compare(before, grid, rng=np.random.default_rng(4), resamples=100)
    again = campaigns_compare(before, grid, rng=np.random.default_rng(4), resamples=100)
    assert first.ci_mean_change == again.ci_mean_change
    assert first.ci_mean_change is not None
    assert first.ci_mean_change.low <= first.ci_mean_change.high


def test_the_mean_of_city_means_over_paired_cells_is_exact() -> None:
    # after: 41/12 and 11/15, whose mean is 2.075 (a floating-point mean: 2.0749999999999997,
    # printed « 2,07 » beside the API's 2.075)
    services = [(f"s{i}", "D", 5) for i in range(15)]
    communes = [("A", "A", "X"), ("B", "B", "X")]
    after = Grid.from_rows(
        campaign="after",
        communes=communes,
        services=services,
        levels=[[5, 5, 5, 5, 3, 3, 3, 3, 3, 3, 3, 0, None, None, None], [1] * 11 + [0] * 4],
    )
    before = Grid.from_rows(
        campaign="before", communes=communes, services=services, levels=[[0] * 15, [0] * 15]
    )
    comparison = campaigns_compare(before, after, rng=np.random.default_rng(1), resamples=10)
    assert comparison.mean_of_city_means_before == 0.0
    assert comparison.mean_of_city_means_after == 2.075
