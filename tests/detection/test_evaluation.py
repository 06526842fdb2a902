import pytest

from barometre.detection.evaluation import cells_of, quadratic_weighted_kappa, quality


def test_kappa_is_one_for_perfect_agreement_and_hand_computed_otherwise() -> None:
    assert quadratic_weighted_kappa([0, 1, 2, 3], [0, 1, 2, 3]) == 1.0
    # truth (0, 5), predicted (5, 0): O has 1 at (0,5) and (5,0), weight 1 each -> sum 2;
    # E = outer((1,0,0,0,0,1), (1,0,0,0,0,1)) / 2 -> 0.5 at the four corners, weighted sum 1.
    assert quadratic_weighted_kappa([0, 5], [5, 0]) == pytest.approx(1 - 2 / 1)
    # truth (1, 2), predicted (1, 3): O weights 0 and 1/25 -> 0.04; E: 0.5 at (1,1),(1,3),
    # (2,1),(2,3) with weights 0, 4/25, 1/25, 1/25 -> 0.5 * 6/25 = 0.12. kappa = 1 - 0.04/0.12.
    assert quadratic_weighted_kappa([1, 2], [1, 3]) == pytest.approx(1 - 0.04 / 0.12)


def test_cells_join_labelled_and_detected_services() -> None:
    cells = cells_of("p", {"a": 2, "b": 1}, {"a": 2, "c": 3})
    assert [(c.service, c.truth, c.predicted) for c in cells] == [
        ("a", 2, 2),
        ("b", 1, 0),
        ("c", 0, 3),
    ]
    result = quality(cells)
    assert result.exact == pytest.approx(1 / 3)
    assert result.service_found == pytest.approx(1 / 2)
    assert result.false_services == 1
    assert (
        result.confusion[2][2] == 1 and result.confusion[1][0] == 1 and result.confusion[0][3] == 1
    )
