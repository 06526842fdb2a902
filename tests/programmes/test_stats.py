"""Wilson and Newcombe intervals against values computed by hand and published ones."""

from __future__ import annotations

import pytest

from barometre.core.proportions import difference, share, significant, wilson


@pytest.mark.parametrize(
    ("count", "n", "low", "high"),
    [
        # p = 0.6, z² = 3.8415: centre 0.79207/1.38415 = 0.57225, half 0.35929/1.38415 = 0.25958
        (6, 10, 0.31267, 0.83182),
        # p = 0.5, n = 8: centre 0.5, half 1.95996 * sqrt(0.03125 + 0.015006) / 1.48018
        (4, 8, 0.21521, 0.78479),
        (0, 10, 0.0, 0.27753),  # upper = z²/n / (1 + z²/n) = 0.38415 / 1.38415
        (10, 10, 0.72247, 1.0),
        (87, 100, 0.79020, 0.92243),
    ],
)
def test_wilson_interval(count: int, n: int, low: float, high: float) -> None:
    assert wilson(count, n) == pytest.approx((low, high), abs=1e-5)


def test_share_of_nothing_has_no_interval() -> None:
    empty = share(0, 0)
    assert (empty.share, empty.low, empty.high) == (None, None, None)


def test_wilson_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError):
        wilson(3, 2)


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ((56, 70), (48, 80), 0.0524, 0.3339),  # Newcombe (1998), table II, example (a), method 10
        ((9, 10), (3, 10), 0.1705, 0.8090),  # example (b)
    ],
)
def test_newcombe_difference(
    a: tuple[int, int], b: tuple[int, int], low: float, high: float
) -> None:
    change = difference(share(*a), share(*b))
    assert (change.low, change.high) == pytest.approx((low, high), abs=1e-4)
    assert change.difference == pytest.approx(a[0] / a[1] - b[0] / b[1])


def test_a_difference_is_significant_when_its_interval_leaves_out_zero() -> None:
    assert significant(difference(share(6, 6), share(1, 6))) is True
    assert significant(difference(share(1, 6), share(6, 6))) is True  # a fall too
    assert significant(difference(share(3, 6), share(2, 6))) is False
    assert significant(difference(share(3, 6), share(0, 0))) is None  # not measured
