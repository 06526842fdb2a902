from __future__ import annotations

import numpy as np

from barometre.scoring import rank_array, rank_with_ties


def test_competition_ranking_skips_after_a_tie() -> None:
    assert rank_with_ties([3.0, 2.5, 2.5, 1.0]) == (1, 2, 2, 4)


def test_order_of_input_does_not_matter() -> None:
    assert rank_with_ties([1.0, 2.5, 3.0, 2.5]) == (4, 2, 1, 2)


def test_missing_values_have_no_rank() -> None:
    assert rank_with_ties([None, 2.0, float("nan"), 2.0]) == (None, 1, None, 1)


def test_ascending_ranking() -> None:
    assert rank_with_ties([3.0, 1.0, 1.0, 2.0], descending=False) == (4, 1, 1, 3)


def test_all_equal_and_empty() -> None:
    assert rank_with_ties([1.0, 1.0, 1.0]) == (1, 1, 1)
    assert rank_with_ties([]) == ()
    assert rank_array(np.array([np.nan])).tolist() == [0]
