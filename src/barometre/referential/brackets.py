"""Population size brackets used for peer comparison (INSEE municipal population)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bracket:
    id: str
    label: str  # French, shown in reports
    low: int  # inclusive
    high: int | None  # exclusive; None for the open top bracket


BRACKETS: tuple[Bracket, ...] = (
    Bracket("lt3500", "moins de 3 500 habitants", 0, 3_500),
    Bracket("3500-9999", "3 500 à 9 999 habitants", 3_500, 10_000),
    Bracket("10000-49999", "10 000 à 49 999 habitants", 10_000, 50_000),
    Bracket("50000-99999", "50 000 à 99 999 habitants", 50_000, 100_000),
    Bracket("100000-199999", "100 000 à 199 999 habitants", 100_000, 200_000),
    Bracket("ge200000", "200 000 habitants et plus", 200_000, None),
)

BRACKET_IDS: tuple[str, ...] = tuple(b.id for b in BRACKETS)
BRACKET_LABELS: dict[str, str] = {b.id: b.label for b in BRACKETS}


def bracket_for(population: int) -> str:
    """Return the id of the bracket a population falls in."""
    if population < 0:
        raise ValueError(f"negative population: {population}")
    for bracket in BRACKETS:
        if bracket.high is None or population < bracket.high:
            return bracket.id
    raise AssertionError("unreachable: the top bracket is open")
