"""Agreement between two coders: a figure of agreement says nothing of who was read first."""

from __future__ import annotations

import itertools
import random

import pytest

from barometre.scoring.agreement import agreement, ordinal_alpha, quadratic_kappa


def _samples() -> list[list[tuple[int, int]]]:
    """Pairs of levels of every shape: lopsided margins, one coder constant, a single pair."""
    rng = random.Random(2026)
    drawn = [
        [(rng.randint(0, 5), rng.randint(0, 5)) for _ in range(rng.randint(2, 30))]
        for _ in range(200)
    ]
    shaped = [
        [(0, 0), (0, 1), (0, 2), (0, 5)],  # coder A constant
        [(3, 3), (3, 3), (4, 3)],  # coder B constant
        [(0, 5), (5, 0)],
        [(1, 2), (1, 2), (2, 1), (5, 4), (0, 0)],
        [(2, 2)],
    ]
    return shaped + drawn


@pytest.mark.parametrize("figure", [quadratic_kappa, ordinal_alpha])
def test_swapping_the_coders_changes_no_figure(figure) -> None:  # type: ignore[no-untyped-def]
    for pairs in _samples():
        swapped = [(b, a) for a, b in pairs]
        first, second = figure(pairs), figure(swapped)
        assert (first is None) == (second is None), pairs
        if first is not None:
            assert first == pytest.approx(second, abs=1e-12), pairs


def test_the_weighted_kappa_as_computed_by_hand() -> None:
    """Three pairs (0, 0), (1, 2), (2, 1) on 0..2: observed weighted disagreement 2/3 of 1/4,
    expected 1/3 from equal margins: kappa = 1 - (2/12) / (1/3) = 0.5."""
    assert quadratic_kappa([(0, 0), (1, 2), (2, 1)], max_level=2) == pytest.approx(0.5)
    assert quadratic_kappa([(0, 0), (2, 1), (1, 2)], max_level=2) == pytest.approx(0.5)


def test_the_weighted_kappa_is_scikit_learns() -> None:
    from sklearn.metrics import cohen_kappa_score

    for pairs in _samples()[:60]:
        a, b = [p[0] for p in pairs], [p[1] for p in pairs]
        if len(pairs) < 2 or len(set(a) | set(b)) < 2:
            continue
        ours = quadratic_kappa(pairs)
        theirs = cohen_kappa_score(a, b, weights="quadratic", labels=list(range(6)))
        assert ours == pytest.approx(theirs, abs=1e-9), pairs


def test_the_order_of_the_pairs_changes_no_figure() -> None:
    pairs = [(0, 1), (2, 2), (3, 5), (4, 4)]
    figures = {
        (found.alpha, found.kappa, found.identical)
        for found in map(agreement, itertools.permutations(pairs))
    }
    rounded = {(round(a or 0, 12), round(k or 0, 12), i) for a, k, i in figures}
    assert len(rounded) == 1
