import pytest

from barometre.referential.brackets import bracket_for


@pytest.mark.parametrize(
    ("population", "bracket"),
    [
        (0, "lt3500"),
        (3_499, "lt3500"),
        (3_500, "3500-9999"),
        (9_999, "3500-9999"),
        (10_000, "10000-49999"),
        (49_999, "10000-49999"),
        (50_000, "50000-99999"),
        (100_000, "100000-199999"),
        (199_999, "100000-199999"),
        (200_000, "ge200000"),
        (2_103_778, "ge200000"),
    ],
)
def test_bracket_edges(population: int, bracket: str) -> None:
    assert bracket_for(population) == bracket


def test_negative_population_is_refused() -> None:
    with pytest.raises(ValueError):
        bracket_for(-1)
