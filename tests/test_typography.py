"""French typography of printed figures and quoted sentences (barometre.core.typography)."""

from __future__ import annotations

import pytest

from barometre.core.typography import grouped, one_line, with_unit


def test_a_figure_stays_with_its_unit_and_its_groups() -> None:
    assert with_unit(57, "%") == "57\u00a0%"
    assert with_unit("17,5", "Mo") == "17,5\u00a0Mo"
    assert grouped(35_000) == "35\u00a0000" and grouped(999) == "999"


@pytest.mark.parametrize(
    ("stored", "quoted"),
    [
        ("Nous ouvrirons la\nMaison du numérique", "Nous ouvrirons la Maison du numérique"),
        ("un budget de\n2 000 euros", "un budget de 2 000 euros"),
        ("à Saint-\nÉtienne", "à Saint-Étienne"),  # the hyphen is kept, no space added
        ("le wi-fi -\nNous", "le wi-fi - Nous"),  # a dash between spaces is no word's hyphen
        ("fin  \n \n  suite", "fin suite"),
        ("50\u00a0% des écoles", "50\u00a0% des écoles"),  # other spaces as they are
        ("une ligne", "une ligne"),
    ],
)
def test_a_quoted_sentence_is_put_on_one_line_word_for_word(stored: str, quoted: str) -> None:
    assert one_line(stored) == quoted
