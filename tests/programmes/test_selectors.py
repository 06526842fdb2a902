"""Selectors of the programme observatory (pure parts)."""

from __future__ import annotations

from barometre.programmes.selectors import CountedProgramme, one_per_list


def _row(id_: int, name: str, round_: int) -> CountedProgramme:
    return CountedProgramme(id_, "69123", "100k+", name, round_, "ok", True, (), False)


def test_one_per_list_ignores_capitals_and_spaces_between_rounds() -> None:
    rows = [_row(1, "Lyon Citoyenne", 1), _row(2, "lyon  citoyenne ", 2), _row(3, "Autre", 1)]

    kept = one_per_list(rows)

    assert [r.id for r in kept] == [1, 3]
