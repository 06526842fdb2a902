"""Scores of one campaign: headline means and shares, per domain, service, bracket and city.

Every figure is over measured cells; communes with no measured cell are left out of every figure
and ranking and listed apart, with the campaign's coverage (docs/scoring.md).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from barometre.scoring.bootstrap import DEFAULT_RESAMPLES, bootstrap_means
from barometre.scoring.grid import MAX_LEVEL, Grid
from barometre.scoring.ranking import rank_array
from barometre.scoring.results import CampaignScores, CityScore, Coverage, UnmeasuredCommune
from barometre.scoring.sums import CitySums, city_means, city_sums, group_score, membership


def campaign_scores(
    grid: Grid, *, rng: np.random.Generator, resamples: int = DEFAULT_RESAMPLES
) -> CampaignScores:
    """Score a campaign's grid. `rng` drives the bootstrap (pass a seeded generator)."""
    coverage, unmeasured, grid = _measured_part(grid)
    domains = grid.domain_order()
    overall, by_domain, by_service = city_sums(
        grid,
        np.ones((len(grid.service_ids), 1), dtype=np.float64),
        membership(grid.domains, domains),
        np.eye(len(grid.service_ids), dtype=np.float64),
    )
    bracket_array = np.array(grid.brackets, dtype=object)
    ci_pooled, ci_cities = bootstrap_means(
        overall.level[:, 0], overall.applicable[:, 0], rng=rng, resamples=resamples
    )
    return CampaignScores(
        campaign=grid.campaign,
        coverage=coverage,
        unmeasured_communes=unmeasured,
        overall=group_score("all", overall, 0),
        level_counts=_level_counts(grid.levels),
        level_counts_by_domain={
            d: _level_counts(grid.levels[:, [j for j, x in enumerate(grid.domains) if x == d]])
            for d in domains
        },
        by_domain={d: group_score(d, by_domain, j) for j, d in enumerate(domains)},
        by_service={s: group_score(s, by_service, j) for j, s in enumerate(grid.service_ids)},
        by_bracket={
            b: group_score(b, overall, 0, rows=bracket_array == b)
            for b in sorted(set(grid.brackets))
        },
        by_city=_cities(grid, overall),
        ci_mean_level=ci_pooled,
        ci_mean_of_city_means=ci_cities,
    )


def _measured_part(grid: Grid) -> tuple[Coverage, tuple[UnmeasuredCommune, ...], Grid]:
    """The campaign's coverage, the communes with no measured cell (listed apart), and the grid
    of the others, which every figure is computed on."""
    measured_rows: npt.NDArray[np.bool_] = np.asarray(grid.measured.any(axis=1), dtype=np.bool_)
    coverage = Coverage(
        cells=grid.levels.size,
        measured_cells=int(grid.measured.sum()),
        communes=len(grid.codes),
        measured_communes=int(measured_rows.sum()),
    )
    unmeasured = tuple(
        UnmeasuredCommune(grid.codes[i], grid.names[i], grid.brackets[i])
        for i in np.flatnonzero(~measured_rows).tolist()
    )
    return coverage, unmeasured, grid.with_rows(measured_rows) if unmeasured else grid


def _level_counts(levels: npt.NDArray[np.int8]) -> tuple[int, ...]:
    applicable = levels[levels >= 0]
    return tuple(int(n) for n in np.bincount(applicable.astype(np.int64), minlength=MAX_LEVEL + 1))


def _cities(grid: Grid, sums: CitySums) -> tuple[CityScore, ...]:
    """One score per city, best first; ties share a rank; cities with no applicable cell last."""
    applicable = sums.applicable[:, 0]
    measured = sums.measured[:, 0].astype(np.int64)
    means = city_means(sums.level[:, 0], applicable)
    ranks = rank_array(means)
    order = np.lexsort((np.arange(ranks.size), np.where(ranks == 0, ranks.size + 1, ranks)))
    columns = (
        means,
        city_means(sums.share[:, 0], applicable * sums.share_unit),
        city_means(sums.full[:, 0], applicable),
        city_means(sums.transactional[:, 0], sums.transactable[:, 0]),
    )
    mean_l, share_l, full_l, trans_l = (_nullable(c[order]) for c in columns)
    applicable_l = applicable[order].astype(np.int64).tolist()
    measured_l = measured[order].tolist()
    rank_l = ranks[order].tolist()
    services = len(grid.service_ids)
    return tuple(
        CityScore(
            code=grid.codes[i],
            name=grid.names[i],
            bracket=grid.brackets[i],
            cells=measured_l[k],
            not_applicable_cells=measured_l[k] - applicable_l[k],
            unmeasured_cells=services - measured_l[k],
            mean_level=mean_l[k],
            share_of_max=share_l[k],
            share_fully_online=full_l[k],
            share_transactional=trans_l[k],
            rank=rank_l[k] or None,
        )
        for k, i in enumerate(order.tolist())
    )


def _nullable(values: npt.NDArray[np.float64]) -> list[float | None]:
    return [None if v != v else v for v in values.tolist()]
