"""Proportions with Wilson score intervals, and Newcombe's interval for a difference.

Pure. Wilson (1927): for k successes out of n, with z the normal quantile,
    centre = (p + z²/2n) / (1 + z²/n),  half = z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
Newcombe (1998, method 10) combines two Wilson intervals into one for p1 - p2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


@dataclass(frozen=True, slots=True)
class Share:
    """k out of n, the share k/n and its 95 % Wilson interval (None when n is 0)."""

    count: int
    n: int
    share: float | None
    low: float | None
    high: float | None


def wilson(count: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of count/n; raises ValueError when n is 0 or count is off."""
    if n <= 0 or not 0 <= count <= n:
        raise ValueError(f"need 0 <= count <= n and n > 0, got {count}/{n}")
    p = count / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    # At 0/n the lower bound is exactly 0 and at n/n the upper one exactly 1: floating point
    # left 2.8e-17 in the CSV and the JSON.
    low = 0.0 if count == 0 else max(0.0, centre - half)
    high = 1.0 if count == n else min(1.0, centre + half)
    return low, high


def share(count: int, n: int) -> Share:
    if n == 0:
        return Share(count, 0, None, None, None)
    low, high = wilson(count, n)
    return Share(count, n, count / n, low, high)


@dataclass(frozen=True, slots=True)
class Difference:
    """p_a - p_b with Newcombe's 95 % interval (None when either side is empty)."""

    difference: float | None
    low: float | None
    high: float | None


def difference(a: Share, b: Share) -> Difference:
    if a.share is None or b.share is None:
        return Difference(None, None, None)
    assert a.low is not None and a.high is not None and b.low is not None and b.high is not None
    d = a.share - b.share
    low = d - math.sqrt((a.share - a.low) ** 2 + (b.high - b.share) ** 2)
    high = d + math.sqrt((a.high - a.share) ** 2 + (b.share - b.low) ** 2)
    return Difference(d, low, high)


def significant(d: Difference) -> bool | None:
    """Whether the difference is significant at 5 %: its 95 % interval leaves out 0 (None when
    it cannot be measured)."""
    if d.difference is None or d.low is None or d.high is None:
        return None
    return d.low > 0 or d.high < 0
