"""95 % confidence intervals of survey scores: how far a group's score could move by the chance of
who answered.

Pure: a group's sample in, intervals out. A sample has one row per respondent: the points they
gave each axis (the sum of their scored answers, 25 points a step), then how many scored
answers they gave each axis. An axis score is a ratio, R = sum(points) / sum(answers): the mean
of the scored answers, each respondent weighing by the number they gave. A respondent's answers
are not independent of one another (the same person, the same organisation seen from one desk),
so the unit of chance is the respondent, never the answer.

Method: Student's t interval with the standard error of a ratio estimator (Taylor
linearisation, the respondents as clusters). Each respondent's residual on an axis is
d = points - R * answers; the variance of R is m / (m - 1) * sum(d²) / sum(answers)², m being
the respondents who answered the axis, and the interval is R ± t(0.975, m - 1) * sqrt(variance),
held within 0..100. When every respondent gives the same number of scored answers to the axis,
this is exactly the textbook t interval on the respondents' own axis means (mean ± t * s / √m).
The overall score, the mean of the six axis scores, has the residual (1/6) * Σ d_axis /
sum(answers_axis) per respondent, m being every respondent of the group. The answers are bounded
(0 to 100) and the groups at least 5 respondents: the t quantile widens small groups, and a
group whose respondents all gave the same mean has no spread: its interval, of no width, is
not `estimable` (a variance of 0 is too few answers that varied, not a margin of 0), and the
reports say « sans dispersion » where they would print its bounds.

A statement's score is the mean of its scored answers, each respondent giving it one answer at
most: the same ratio with one answer a respondent, whose interval is the textbook t interval on
those answers (mean ± t(0.975, m - 1) * s / √m, `mean_estimate`), computed from their count, sum
and sum of squares.

A gap between two groups (two roles of a collectivité, who are different people) has the
interval of a difference of independent estimates (`difference_interval`): the two variances
added, Welch–Satterthwaite degrees of freedom, within -100..100.

Deterministic, computed from sums, so that the same answers always give the same interval and
the pooled groups (peers, all respondents) need only the rows of the collectivités they add up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import numpy as np
import numpy.typing as npt

CONFIDENCE = 0.95
SCORE_MAX = 100.0

K = TypeVar("K")

Sample = npt.NDArray[np.float64]  # respondents × (axes' points, then axes' scored answers)


@dataclass(frozen=True, slots=True)
class Interval:
    """A 95 % confidence interval: of a score, within 0..100; of a difference of two scores
    (`difference_interval`), within -100..100."""

    low: float
    high: float
    # False for an interval that cannot be estimated: a score whose group has no spread at all
    # (every respondent gave the same score: `Estimate.interval`), or a difference where one
    # of the two groups has none (`difference_interval`); a variance of 0 is not a margin of 0
    # but too few answers that varied to measure one
    estimable: bool = True
    # of a difference: the two-sided p-value of its t test of 0, and that p-value once
    # corrected by Holm's method across the axes compared at once (`holm`; None until then)
    p_value: float | None = None
    holm_p_value: float | None = None

    @property
    def bounds(self) -> tuple[float, float]:
        return self.low, self.high

    @property
    def excludes_zero(self) -> bool:
        """Whether 0 is outside it: for a difference, more than the chance of who answered."""
        return self.low > 0 or self.high < 0


@dataclass(frozen=True, slots=True)
class Estimate:
    """A score with what its interval is made of: the variance of the score (its standard
    error squared) and the degrees of freedom of its t quantile."""

    score: float
    variance: float
    freedom: float

    @property
    def interval(self) -> Interval:
        """The score's 95 % interval; without spread (variance 0), one of no width that is not
        `estimable`."""
        if self.variance == 0:
            return Interval(self.score, self.score, estimable=False)
        return _bounded(self.score, t_quantile(self.freedom) * math.sqrt(self.variance))


def empty_sample(axes: int) -> Sample:
    return np.zeros((0, 2 * axes), dtype=np.float64)


def sample_of(rows: list[list[float]], axes: int) -> Sample:
    """The rows of a group (each: points per axis, then scored answers per axis) as a sample."""
    return np.array(rows, dtype=np.float64).reshape(len(rows), 2 * axes)


def concatenated(samples: list[Sample], axes: int) -> Sample:
    """The rows of several groups as one sample (a pooled group's)."""
    return np.concatenate([empty_sample(axes), *samples])


def without_axes(sample: Sample, hidden: list[int]) -> Sample:
    """The sample with the axes at these indexes emptied (nobody answered them): an axis that a
    collectivité does not publish adds nothing to a pooled group's interval, as it adds nothing
    to its score."""
    if not hidden:
        return sample
    kept = sample.copy()
    axes = sample.shape[1] // 2
    kept[:, hidden] = 0.0
    kept[:, [axes + i for i in hidden]] = 0.0
    return kept


@lru_cache(maxsize=512)
def t_quantile(freedom: float) -> float:
    """Student's t quantile of the interval (0.975, two-sided 95 %) with `freedom` degrees."""
    from scipy.special import stdtrit  # imported here: scipy takes a moment to import

    return float(stdtrit(freedom, 1.0 - (1.0 - CONFIDENCE) / 2.0))


def _bounded(centre: float, half: float) -> Interval:
    return Interval(max(0.0, centre - half), min(SCORE_MAX, centre + half))


def axis_estimates(sample: Sample) -> list[Estimate | None]:
    """Each axis's score and variance, in the sample's order of axes; None where fewer than two
    respondents answered it (no spread to measure)."""
    axes = sample.shape[1] // 2
    points, answers = sample[:, :axes], sample[:, axes:]
    out: list[Estimate | None] = []
    for index in range(axes):
        total = float(answers[:, index].sum())
        answering = int((answers[:, index] > 0).sum())
        if total == 0 or answering < 2:
            out.append(None)
            continue
        ratio = float(points[:, index].sum()) / total
        residuals = points[:, index] - ratio * answers[:, index]
        variance = answering / (answering - 1) * float((residuals**2).sum()) / total**2
        out.append(Estimate(ratio, variance, answering - 1))
    return out


def axis_intervals(sample: Sample) -> list[Interval | None]:
    """Each axis's interval (`axis_estimates`), None where it has no estimate."""
    return [None if e is None else e.interval for e in axis_estimates(sample)]


def mean_estimate(count: int, total: float, squares: float) -> Estimate | None:
    """The score of `count` answers, one a respondent (a statement's), from their sum and the
    sum of their squares, with its variance s² / m (the ratio's, `axis_estimates`, when every
    respondent gives one answer) and m - 1 degrees of freedom; None under two answers (no
    spread to measure). Answers all equal have no spread: an interval not `estimable`."""
    if count < 2:
        return None
    mean = total / count
    spread = max(0.0, squares - total * mean)  # sum of squared deviations; never below 0
    return Estimate(mean, spread / (count - 1) / count, count - 1)


def overall_estimate(sample: Sample) -> Estimate | None:
    """The mean of the axis scores and its variance; None unless every axis has answers and
    the group has two respondents or more."""
    axes = sample.shape[1] // 2
    respondents = sample.shape[0]
    points, answers = sample[:, :axes], sample[:, axes:]
    totals = answers.sum(axis=0)
    if respondents < 2 or axes == 0 or bool((totals == 0).any()):
        return None
    ratios = points.sum(axis=0) / totals
    residuals = ((points - answers * ratios) / totals).mean(axis=1)
    variance = respondents / (respondents - 1) * float((residuals**2).sum())
    return Estimate(float(ratios.mean()), variance, respondents - 1)


def overall_interval(sample: Sample) -> Interval | None:
    """The interval of the mean of the axis scores (`overall_estimate`)."""
    estimate = overall_estimate(sample)
    return None if estimate is None else estimate.interval


def difference_interval(higher: Estimate, lower: Estimate) -> Interval:
    """The 95 % interval of higher.score - lower.score, two groups of different respondents
    (independent): the variances add up, and the t quantile has the Welch–Satterthwaite
    degrees of freedom, (v1 + v2)² / (v1² / f1 + v2² / f2), between the smaller of f1 and f2
    and their sum; held within -100..100; with the two-sided p-value of the same t test of 0.
    A group without spread (variance 0: every respondent gave the same score) says nothing of
    how far its score could move, so the interval is not `estimable` and has no p-value: it
    cannot tell a difference from chance."""
    centre = higher.score - lower.score
    variance = higher.variance + lower.variance
    estimable = higher.variance > 0 and lower.variance > 0
    if variance == 0:
        return Interval(centre, centre, estimable=False)
    freedom = variance**2 / (
        higher.variance**2 / higher.freedom + lower.variance**2 / lower.freedom
    )
    half = t_quantile(freedom) * math.sqrt(variance)
    p_value = _two_sided_p(centre / math.sqrt(variance), freedom) if estimable else None
    return Interval(
        max(-SCORE_MAX, centre - half), min(SCORE_MAX, centre + half), estimable, p_value
    )


def _two_sided_p(statistic: float, freedom: float) -> float:
    """The two-sided p-value of a t statistic with `freedom` degrees."""
    from scipy.special import stdtr  # imported here: scipy takes a moment to import

    return float(2.0 * stdtr(freedom, -abs(statistic)))


def holm(p_values: dict[K, float]) -> dict[K, float]:
    """Holm's step-down correction of p-values tested at once (the six axes): the k-th
    smallest of m is multiplied by m - k + 1, each adjusted value at least the one before it,
    at most 1. A difference is beyond chance, the family's error held at 5 %, where its
    adjusted value is under 0.05. Ties keep their keys' order (the result does not depend on
    it: tied values get the same adjusted value)."""
    ordered = sorted(p_values.items(), key=lambda item: item[1])
    count = len(ordered)
    adjusted: dict[K, float] = {}
    running = 0.0
    for rank, (key, value) in enumerate(ordered):
        running = max(running, min(1.0, (count - rank) * value))
        adjusted[key] = running
    return adjusted
