from __future__ import annotations

import numpy as np
import pytest

from barometre.scoring import bootstrap_means


def test_two_cities_give_the_extreme_resamples_as_bounds() -> None:
    # resamples of {1, 3} have mean 1, 2 or 3 with probabilities 1/4, 1/2, 1/4:
    # the 2.5 % and 97.5 % quantiles are the extremes.
    pooled, cities = bootstrap_means(
        np.array([1.0, 3.0]), np.array([1.0, 1.0]), rng=np.random.default_rng(0), resamples=1000
    )
    assert pooled is not None and cities is not None
    assert (pooled.low, pooled.high) == (1.0, 3.0)
    assert (cities.low, cities.high) == (1.0, 3.0)


def test_pooled_mean_weighs_cells_and_city_mean_weighs_cities() -> None:
    # Every resample of identical cities gives the same statistic: a zero-width interval.
    total, count = np.array([6.0, 6.0, 6.0]), np.array([3.0, 3.0, 3.0])
    pooled, cities = bootstrap_means(total, count, rng=np.random.default_rng(0), resamples=50)
    assert pooled is not None and cities is not None
    assert pooled.low == pooled.high == pytest.approx(2.0)
    assert cities.low == cities.high == pytest.approx(2.0)


def test_cities_without_cells_are_not_resampled_and_one_city_is_too_few() -> None:
    result = bootstrap_means(
        np.array([0.0, 4.0]), np.array([0.0, 2.0]), rng=np.random.default_rng(0)
    )
    assert result == (None, None)


def test_same_seed_same_interval_and_chunks_do_not_change_the_count() -> None:
    rng_values = np.random.default_rng(5).integers(0, 6, size=300).astype(np.float64)
    count = np.ones(300)
    first = bootstrap_means(rng_values, count, rng=np.random.default_rng(9), resamples=20_000)
    again = bootstrap_means(rng_values, count, rng=np.random.default_rng(9), resamples=20_000)
    assert first == again
    assert first[0] is not None and first[0].resamples == 20_000
    assert first[0].low < rng_values.mean() < first[0].high
