"""Agreement between two codings of the same cells: Krippendorff's alpha and weighted kappa.

Pure: pairs of levels in, figures out. Alpha is ordinal (the `krippendorff` package);
kappa is Cohen's with quadratic weights over the levels 0..max_level. Not-applicable answers
are left out of both (they are not on the ordinal scale).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import krippendorff
import numpy as np

MIN_PAIRS = 2


@dataclass(frozen=True, slots=True)
class Agreement:
    pairs: int
    identical: int
    alpha: float | None  # Krippendorff's alpha, ordinal; None when undefined
    kappa: float | None  # quadratic weighted kappa; None when undefined

    @property
    def share_identical(self) -> float | None:
        return self.identical / self.pairs if self.pairs else None


def quadratic_kappa(pairs: Sequence[tuple[int, int]], *, max_level: int = 5) -> float | None:
    """Cohen's kappa with quadratic weights; None with fewer than `MIN_PAIRS` pairs (as alpha:
    pages read « — » as not enough pairs) or when chance agreement is 1."""
    if len(pairs) < MIN_PAIRS:
        return None
    size = max_level + 1
    observed = np.zeros((size, size), dtype=np.float64)
    for a, b in pairs:
        observed[a, b] += 1.0
    observed /= observed.sum()
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    index = np.arange(size, dtype=np.float64)
    weights = (index[:, None] - index[None, :]) ** 2 / float(max_level**2)
    denominator = float((weights * expected).sum())
    if denominator == 0.0:
        return None
    return 1.0 - float((weights * observed).sum()) / denominator


def ordinal_alpha(pairs: Sequence[tuple[int, int]], *, max_level: int = 5) -> float | None:
    """Krippendorff's alpha (ordinal) for two coders; None when it is undefined."""
    if len(pairs) < MIN_PAIRS:
        return None
    data = np.array(pairs, dtype=np.float64).T  # coders x units
    if len({int(v) for v in data.flatten()}) < 2:
        return None  # a single value everywhere: no variation to agree on
    value = krippendorff.alpha(
        reliability_data=data,
        level_of_measurement="ordinal",
        value_domain=list(range(max_level + 1)),
    )
    return float(value)


def agreement(pairs: Sequence[tuple[int, int]], *, max_level: int = 5) -> Agreement:
    """Both figures, and how many pairs were identical."""
    return Agreement(
        pairs=len(pairs),
        identical=sum(1 for a, b in pairs if a == b),
        alpha=ordinal_alpha(pairs, max_level=max_level),
        kappa=quadratic_kappa(pairs, max_level=max_level),
    )
