"""Per-city sums over groups of columns, the building block of every score.

The cell matrices are reduced once to (cities x groups) sums by a matrix product with a
membership matrix (services x groups), so that no Python loop runs per cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from barometre.scoring.grid import TRANSACTIONAL_LEVEL, Grid
from barometre.scoring.results import GroupScore

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class CitySums:
    """Sums per (city, group): level, applicable, measured, share of max, fully online,
    transactional, and `transactable`: the applicable cells of the services that can reach
    the transaction level (`max_level` 4 or 5), the transactional share's denominator.

    `share` is summed in units of 1/`share_unit` (the least common multiple of the services'
    max_levels), so that every term is an integer and the sum exact: the share of max of a group
    is share / (applicable * share_unit), one correctly rounded division (21/40 is 0.525, not
    the 0.52499999... of a floating-point sum of 1/2, 4/5, ...).
    """

    level: FloatArray
    applicable: FloatArray
    measured: FloatArray
    share: FloatArray
    full: FloatArray
    transactional: FloatArray
    transactable: FloatArray
    columns: npt.NDArray[np.int64]  # number of services in each group
    share_unit: int = 1


def membership(keys: Sequence[str], groups: Sequence[str]) -> FloatArray:
    """A (len(keys) x len(groups)) 0/1 matrix: column j marks the keys equal to groups[j]."""
    index = {group: j for j, group in enumerate(groups)}
    matrix = np.zeros((len(keys), len(groups)), dtype=np.float64)
    matrix[np.arange(len(keys)), [index[k] for k in keys]] = 1.0
    return matrix


def _cell_matrices(grid: Grid) -> tuple[list[FloatArray | BoolArray], int]:
    """The (cities x services) matrices that city_sums reduces, in the order of CitySums's
    fields (level, applicable, measured, share, full, transactional, transactable), and the
    unit of the shares (the least common multiple of the maximum levels)."""
    levels = grid.levels
    applicable = levels >= 0
    measured = grid.measured
    level = np.where(applicable, levels, 0).astype(np.float64)
    unit = math.lcm(*grid.max_levels.tolist()) if grid.max_levels.size else 1
    max_levels = grid.max_levels.astype(np.float64)
    share = np.minimum(level, max_levels) * (unit // grid.max_levels).astype(np.float64)
    share[~applicable] = 0.0
    full = applicable & (levels >= grid.max_levels)
    # a service whose maximum is below 4 (an identity card needs the person at the counter)
    # can never be transactional: its cells are outside the share, as « sans objet » ones are
    transactable = applicable & (grid.max_levels >= TRANSACTIONAL_LEVEL)
    transactional = transactable & (levels >= TRANSACTIONAL_LEVEL)
    return [level, applicable, measured, share, full, transactional, transactable], unit


def city_sums(grid: Grid, *groupings: FloatArray) -> tuple[CitySums, ...]:
    """Per-city sums for each grouping of the services (one membership matrix each).

    The cell matrices are built once and reduced by one product with all groupings side by side.
    """
    matrices, unit = _cell_matrices(grid)
    every = np.hstack(groupings)
    reduced = [matrix.astype(np.float64) @ every for matrix in matrices]
    bounds = np.cumsum([g.shape[1] for g in groupings])[:-1]
    level_s, applicable_s, measured_s, share_s, full_s, transactional_s, transactable_s = (
        np.split(r, bounds, axis=1) for r in reduced
    )
    return tuple(
        CitySums(
            level=level_s[i],
            applicable=applicable_s[i],
            measured=measured_s[i],
            share=share_s[i],
            full=full_s[i],
            transactional=transactional_s[i],
            transactable=transactable_s[i],
            columns=g.sum(axis=0).astype(np.int64),
            share_unit=unit,
        )
        for i, g in enumerate(groupings)
    )


def ratio(numerator: float, denominator: float) -> float | None:
    return float(numerator / denominator) if denominator else None


def city_means(total: FloatArray, count: FloatArray) -> FloatArray:
    """total / count per city, NaN where the city has no cell."""
    out = np.full(total.shape, np.nan, dtype=np.float64)
    np.divide(total, count, out=out, where=count > 0)
    return out


def mean_of_ratios(total: FloatArray, count: FloatArray) -> float | None:
    """The mean of total / count over the cities that have a count (a mean of city means),
    computed exactly: the totals (whole numbers) are summed per count, those few fractions
    added as fractions and divided once, so that the mean of 41/12 and 11/15 is the float
    nearest 2.075, which prints « 2,08 » as the open data's 2.075 reads, not the
    2.0749999999999997 of a floating-point mean (« 2,07 »). None when no city has a count."""
    has = count > 0
    if not has.any():
        return None
    counts, where = np.unique(count[has], return_inverse=True)
    totals = np.bincount(where.ravel(), weights=total[has], minlength=counts.size)
    exact = sum((Fraction(int(t), int(c)) for t, c in zip(totals, counts, strict=True)), Fraction())
    return float(exact / int(has.sum()))


def group_score(key: str, sums: CitySums, column: int, rows: BoolArray | None = None) -> GroupScore:
    """Score the measured cells of group `column` for the cities selected by `rows` (all when
    None); communes with no measured cell in the group are left out."""
    pick = slice(None) if rows is None else rows
    level = sums.level[pick, column]
    applicable = sums.applicable[pick, column]
    measured = sums.measured[pick, column]
    communes = int((measured > 0).sum())
    cells = int(measured.sum())
    scored = float(applicable.sum())
    transactable = float(sums.transactable[pick, column].sum())
    return GroupScore(
        key=key,
        communes=communes,
        cells=cells,
        not_applicable_cells=cells - int(scored),
        unmeasured_cells=communes * int(sums.columns[column]) - cells,
        mean_level=ratio(float(level.sum()), scored),
        mean_of_city_means=mean_of_ratios(level, applicable),
        share_of_max=ratio(float(sums.share[pick, column].sum()), scored * sums.share_unit),
        share_fully_online=ratio(float(sums.full[pick, column].sum()), scored),
        share_transactional=ratio(float(sums.transactional[pick, column].sum()), transactable),
        transactional_cells=int(transactable),
    )
