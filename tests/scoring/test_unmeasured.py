"""Unmeasured is not absent: figures over measured cells only (SCALE.md, reporting conventions)."""

from __future__ import annotations

import numpy as np

from barometre.scoring import UNMEASURED, Grid, campaign_scores, campaigns_compare

U = UNMEASURED
SERVICES = [("s1", "A", 4), ("s2", "A", 5), ("s3", "B", 3)]
COMMUNES = [("C1", "Alpha", "X"), ("C2", "Beta", "X"), ("C3", "Gamma", "Y")]


def _grid(levels: list[list[int | None]], campaign: str = "after") -> Grid:
    return Grid.from_rows(campaign=campaign, communes=COMMUNES, services=SERVICES, levels=levels)


def test_unmeasured_cells_count_for_nothing() -> None:
    # C1: 4 and 2 measured, s3 unmeasured; C2: a recorded 0 and not applicable; C3 nothing.
    scores = campaign_scores(
        _grid([[4, 2, U], [0, None, U], [U, U, U]]), rng=np.random.default_rng(0)
    )
    assert scores.overall.mean_level == 2.0  # (4 + 2 + 0) / 3, not / 8 with zeros
    assert (scores.overall.communes, scores.overall.cells) == (2, 4)
    assert scores.overall.not_applicable_cells == 1 and scores.overall.unmeasured_cells == 2
    assert scores.level_counts == (1, 0, 1, 0, 1, 0)
    assert scores.by_domain["B"].communes == 0 and scores.by_domain["B"].mean_level is None


def test_coverage_and_communes_with_no_measured_cell_listed_apart() -> None:
    scores = campaign_scores(
        _grid([[4, 2, U], [0, None, U], [U, U, U]]), rng=np.random.default_rng(0)
    )
    coverage = scores.coverage
    assert (coverage.measured_cells, coverage.cells) == (4, 9)
    assert (coverage.measured_communes, coverage.communes) == (2, 3)
    assert not coverage.complete and coverage.share_of_cells == 4 / 9
    assert [c.code for c in scores.by_city] == ["C1", "C2"]  # Gamma is neither ranked nor last
    assert [(c.code, c.name) for c in scores.unmeasured_communes] == [("C3", "Gamma")]
    assert set(scores.by_bracket) == {"X"}  # no measured commune in bracket Y
    first = scores.by_city[0]
    assert (first.cells, first.unmeasured_cells, first.mean_level) == (2, 1, 3.0)


def test_a_campaign_with_nothing_recorded_reports_no_figure() -> None:
    scores = campaign_scores(_grid([[U] * 3] * 3), rng=np.random.default_rng(0))
    assert scores.overall.mean_level is None and scores.overall.cells == 0
    assert scores.coverage.measured_cells == 0 and scores.coverage.share_of_cells == 0.0
    assert scores.by_city == () and len(scores.unmeasured_communes) == 3


def test_comparison_only_over_cells_measured_in_both() -> None:
    before = _grid([[2, 1, U], [U, U, U], [1, 1, 1]], campaign="before")
    after = _grid([[4, 2, 3], [3, 3, 3], [U, U, U]])
    comparison = campaigns_compare(before, after, rng=np.random.default_rng(0))
    assert comparison.overall.cells == 2  # C1 s1 and s2
    assert comparison.overall.mean_change == 1.5  # (4 + 2 - 2 - 1) / 2
    empty = _grid([[U] * 3] * 3, campaign="before")
    against_empty = campaigns_compare(empty, after, rng=np.random.default_rng(0))
    assert against_empty.overall.cells == 0 and against_empty.overall.mean_change is None
    assert all(d.change.mean_change is None for d in against_empty.by_domain.values())
