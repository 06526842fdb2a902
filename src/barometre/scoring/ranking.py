"""Competition ranking ("1, 2, 2, 4"): equal values share the best rank, the next rank skips."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt


def rank_with_ties(
    values: Sequence[float | None] | npt.NDArray[np.float64], *, descending: bool = True
) -> tuple[int | None, ...]:
    """Rank each value; `None` or NaN values get no rank (`None`).

    A value's rank is 1 + the number of values strictly better than it, so that ties share a rank
    and the following rank is skipped: [3.0, 2.5, 2.5, 1.0] -> (1, 2, 2, 4).
    """
    array = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
    return tuple(None if r == 0 else int(r) for r in rank_array(array, descending=descending))


def rank_array(
    values: npt.NDArray[np.float64], *, descending: bool = True
) -> npt.NDArray[np.int64]:
    """Vectorised form of `rank_with_ties`: 0 stands for "no rank" (NaN)."""
    valid = ~np.isnan(values)
    ordered = np.sort(values[valid])
    if descending:
        better = ordered.size - np.searchsorted(ordered, values, side="right")
    else:
        better = np.searchsorted(ordered, values, side="left")
    ranks = (better + 1).astype(np.int64)
    ranks[~valid] = 0
    return ranks
