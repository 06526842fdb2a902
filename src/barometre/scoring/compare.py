"""Comparison of two campaigns over paired cells, with a paired test per domain.

Cells are paired on (commune code, service id): the commune is in both campaigns, the service in
both catalogues, and the cell is measured and applicable in both (an unmeasured cell, in either
campaign, pairs with nothing). Domains are those of the later campaign.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from barometre.scoring.bootstrap import DEFAULT_RESAMPLES, bootstrap_means
from barometre.scoring.grid import Grid
from barometre.scoring.results import Change, CityChange, Comparison, DomainChange, Test
from barometre.scoring.sums import city_means, mean_of_ratios, membership, ratio

MIN_TEST_CITIES = 6
"""Below 6 non-zero differences the exact two-sided p-value cannot go under 0.05 (2/2^5)."""

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class _Aligned:
    """The cells of both campaigns on the same rows and columns; unpaired cells hold 0."""

    level_b: npt.NDArray[np.int64]
    level_a: npt.NDArray[np.int64]
    paired: npt.NDArray[np.bool_]
    codes: list[str]
    names: list[str]
    services: list[str]
    domains_of: list[str]


def _align(before: Grid, after: Grid) -> _Aligned:
    rows_b, rows_a = _pairs(before.codes, after.codes)
    cols_b, cols_a = _pairs(before.service_ids, after.service_ids)
    level_b = before.levels[np.ix_(rows_b, cols_b)].astype(np.int64)
    level_a = after.levels[np.ix_(rows_a, cols_a)].astype(np.int64)
    paired = (level_b >= 0) & (level_a >= 0)
    return _Aligned(
        level_b=np.where(paired, level_b, 0),
        level_a=np.where(paired, level_a, 0),
        paired=paired,
        codes=[after.codes[i] for i in rows_a],
        names=[after.names[i] for i in rows_a],
        services=[after.service_ids[j] for j in cols_a],
        domains_of=[after.domains[j] for j in cols_a],
    )


def campaigns_compare(
    before: Grid, after: Grid, *, rng: np.random.Generator, resamples: int = DEFAULT_RESAMPLES
) -> Comparison:
    """Compare `after` with `before`. `rng` drives the bootstrap on the changes."""
    x = _align(before, after)
    domains = tuple(d for d in after.domain_order() if d in set(x.domains_of))
    groups = membership(x.domains_of, domains)
    count, total_b, total_a = (
        m.astype(np.float64) @ groups for m in (x.paired, x.level_b, x.level_a)
    )
    all_count, all_b, all_a = count.sum(axis=1), total_b.sum(axis=1), total_a.sum(axis=1)
    ci_change, ci_cities = bootstrap_means(all_a - all_b, all_count, rng=rng, resamples=resamples)
    means_b, means_a = mean_of_ratios(all_b, all_count), mean_of_ratios(all_a, all_count)
    paired_cells = int(x.paired.sum())
    return Comparison(
        before=before.campaign,
        after=after.campaign,
        overall=_change("all", x.level_b, x.level_a, x.paired),
        mean_of_city_means_before=means_b,
        mean_of_city_means_after=means_a,
        mean_of_city_means_change=None if means_a is None or means_b is None else means_a - means_b,
        unpaired_cells_before=int((before.levels >= 0).sum()) - paired_cells,
        unpaired_cells_after=int((after.levels >= 0).sum()) - paired_cells,
        by_domain={
            d: DomainChange(
                change=_change(d, x.level_b[:, cols], x.level_a[:, cols], x.paired[:, cols]),
                test=domain_test(total_b[:, j], total_a[:, j], count[:, j]),
            )
            for j, d in enumerate(domains)
            for cols in [groups[:, j] > 0]
        },
        by_service={
            s: _change(s, x.level_b[:, [j]], x.level_a[:, [j]], x.paired[:, [j]])
            for j, s in enumerate(x.services)
        },
        by_city=_cities(x.codes, x.names, all_b, all_a, all_count),
        ci_mean_change=ci_change,
        ci_mean_of_city_means_change=ci_cities,
        communes_in_common=len(x.codes),
    )


def _pairs(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """Indices (in before, in after) of the keys present in both, in the order of `after`."""
    where = {key: i for i, key in enumerate(before)}
    both = [(where[key], j) for j, key in enumerate(after) if key in where]
    return [i for i, _ in both], [j for _, j in both]


def _change(
    key: str,
    level_b: npt.NDArray[np.int64],
    level_a: npt.NDArray[np.int64],
    paired: npt.NDArray[np.bool_],
) -> Change:
    diff = level_a - level_b
    cells = int(paired.sum())
    rose, fell = int((diff > 0).sum()), int((diff < 0).sum())  # unpaired cells hold 0 - 0
    before, after = ratio(float(level_b.sum()), cells), ratio(float(level_a.sum()), cells)
    return Change(
        key=key,
        communes=int(paired.any(axis=1).sum()),
        cells=cells,
        mean_before=before,
        mean_after=after,
        mean_change=None if before is None or after is None else after - before,
        rose=rose,
        fell=fell,
        same=cells - rose - fell,
    )


def domain_test(total_b: FloatArray, total_a: FloatArray, count: FloatArray) -> Test:
    """Wilcoxon signed-rank test on per-city domain means (after - before), zeros dropped."""
    has = count > 0
    differences = (total_a[has] - total_b[has]) / count[has]
    nonzero = differences[differences != 0]
    reason = (
        "no_paired_cells"
        if not has.any()
        else "all_differences_zero"
        if nonzero.size == 0
        else "too_few_cities"
        if nonzero.size < MIN_TEST_CITIES
        else None
    )
    test = Test(
        cities=int(has.sum()),
        nonzero_differences=int(nonzero.size),
        statistic=None,
        p_value=None,
        reason=reason,
        rose=int((nonzero > 0).sum()),
        fell=int((nonzero < 0).sum()),
    )
    if reason is not None:
        return test
    from scipy.stats import rankdata, wilcoxon  # here: scipy.stats takes ~1 s to import

    result = wilcoxon(nonzero, zero_method="wilcox", alternative="two-sided")
    # the side the test leans to: W+ - W-, the ranks of |difference| (ties averaged) signed
    signed_ranks = float((rankdata(np.abs(nonzero)) * np.sign(nonzero)).sum())
    return replace(
        test,
        statistic=float(result.statistic),
        p_value=float(result.pvalue),
        direction=int(np.sign(signed_ranks)),
    )


def _cities(
    codes: list[str], names: list[str], total_b: FloatArray, total_a: FloatArray, count: FloatArray
) -> tuple[CityChange, ...]:
    """Per-city change over its paired cells, largest rise first, cities with no pair last."""
    means_b, means_a = city_means(total_b, count), city_means(total_a, count)
    change = means_a - means_b
    order = np.lexsort((np.arange(change.size), np.where(np.isnan(change), np.inf, -change)))
    nullable = [[None if v != v else v for v in a.tolist()] for a in (means_b, means_a, change)]
    counts = count.astype(np.int64).tolist()
    return tuple(
        CityChange(codes[i], names[i], counts[i], nullable[0][i], nullable[1][i], nullable[2][i])
        for i in order.tolist()
    )
