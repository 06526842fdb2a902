"""Small hand-made grids whose scores are worked out by hand in the tests."""

from __future__ import annotations

import pytest

from barometre.scoring import Grid

SERVICES = [("s1", "A", 4), ("s2", "A", 5), ("s3", "B", 3)]


@pytest.fixture
def grid() -> Grid:
    """Four cities, three services (max 4, 5, 3), two not-applicable cells, a tie on 1.5."""
    return Grid.from_rows(
        campaign="after",
        communes=[
            ("C1", "Alpha", "X"),
            ("C2", "Beta", "X"),
            ("C3", "Gamma", "Y"),
            ("C4", "Delta", "Y"),
        ],
        services=SERVICES,
        levels=[
            [4, 2, 3],  # sum 9 over 3: mean 3.0
            [0, None, 3],  # sum 3 over 2: mean 1.5
            [1, 5, 0],  # sum 6 over 3: mean 2.0
            [2, 1, None],  # sum 3 over 2: mean 1.5 (tie with C2)
        ],
    )


@pytest.fixture
def before() -> Grid:
    """An earlier campaign: C4 was not measured yet, C5 was measured but dropped since."""
    return Grid.from_rows(
        campaign="before",
        communes=[
            ("C1", "Alpha", "X"),
            ("C2", "Beta", "X"),
            ("C3", "Gamma", "Y"),
            ("C5", "Epsilon", "Y"),
        ],
        services=SERVICES,
        levels=[
            [2, 1, 3],
            [0, 0, None],
            [1, None, 2],
            [5, 5, 3],
        ],
    )
