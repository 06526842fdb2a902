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
group whose respondents all gave the same mean has an interval of no width.

Deterministic, computed from sums, so that the same answers always give the same interval and
the pooled groups (peers, all respondents) need only the rows of the collectivités they add up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

CONFIDENCE = 0.95
SCORE_MAX = 100.0

Sample = npt.NDArray[np.float64]  # respondents × (axes' points, then axes' scored answers)


@dataclass(frozen=True, slots=True)
class Interval:
    """A 95 % confidence interval of a score, within 0..100."""

    low: float
    high: float

    @property
    def bounds(self) -> tuple[float, float]:
        return self.low, self.high


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
def t_quantile(freedom: int) -> float:
    """Student's t quantile of the interval (0.975, two-sided 95 %) with `freedom` degrees."""
    from scipy.special import stdtrit  # imported here: scipy takes a moment to import

    return float(stdtrit(freedom, 1.0 - (1.0 - CONFIDENCE) / 2.0))


def _bounded(centre: float, half: float) -> Interval:
    return Interval(max(0.0, centre - half), min(SCORE_MAX, centre + half))


def axis_intervals(sample: Sample) -> list[Interval | None]:
    """Each axis's interval, in the sample's order of axes; None where fewer than two
    respondents answered it (no spread to measure)."""
    axes = sample.shape[1] // 2
    points, answers = sample[:, :axes], sample[:, axes:]
    out: list[Interval | None] = []
    for index in range(axes):
        total = float(answers[:, index].sum())
        answering = int((answers[:, index] > 0).sum())
        if total == 0 or answering < 2:
            out.append(None)
            continue
        ratio = float(points[:, index].sum()) / total
        residuals = points[:, index] - ratio * answers[:, index]
        variance = answering / (answering - 1) * float((residuals**2).sum()) / total**2
        out.append(_bounded(ratio, t_quantile(answering - 1) * math.sqrt(variance)))
    return out


def overall_interval(sample: Sample) -> Interval | None:
    """The interval of the mean of the axis scores; None unless every axis has answers and the
    group has two respondents or more."""
    axes = sample.shape[1] // 2
    respondents = sample.shape[0]
    points, answers = sample[:, :axes], sample[:, axes:]
    totals = answers.sum(axis=0)
    if respondents < 2 or axes == 0 or bool((totals == 0).any()):
        return None
    ratios = points.sum(axis=0) / totals
    residuals = ((points - answers * ratios) / totals).mean(axis=1)
    variance = respondents / (respondents - 1) * float((residuals**2).sum())
    half = t_quantile(respondents - 1) * math.sqrt(variance)
    return _bounded(float(ratios.mean()), half)
