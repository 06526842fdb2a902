from __future__ import annotations

import numpy as np
import pytest

from barometre.scoring import NA, Grid


def test_from_rows_marks_not_applicable() -> None:
    grid = Grid.from_rows(
        campaign="c",
        communes=[("A", "a", "X")],
        services=[("s", "D", 4), ("t", "E", 3)],
        levels=[[None, 2]],
    )
    assert grid.levels.tolist() == [[NA, 2]]
    assert grid.shape == (1, 2)
    assert grid.domain_order() == ("D", "E")
    assert not grid.levels.flags.writeable


@pytest.mark.parametrize(
    "levels, services, message",
    [
        ([[6]], [("s", "D", 5)], "levels outside"),
        ([[1]], [("s", "D", 0)], "max_levels outside"),
        ([[1, 1]], [("s", "D", 4), ("s", "D", 4)], "duplicate"),
    ],
)
def test_invalid_grids_are_refused(levels, services, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        Grid.from_rows(campaign="c", communes=[("A", "a", "X")], services=services, levels=levels)


def test_shape_mismatch_is_refused() -> None:
    with pytest.raises(ValueError, match="shape"):
        Grid(
            campaign="c",
            codes=("A",),
            names=("a",),
            brackets=("X",),
            service_ids=("s",),
            domains=("D",),
            max_levels=np.array([4], dtype=np.int8),
            levels=np.zeros((2, 1), dtype=np.int8),
        )
