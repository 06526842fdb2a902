"""Counts in messages are written as French writes them: thousands separated by a no-break
space (« 34 969 communes », not « 34969 »); line numbers, being names, are not grouped."""

from __future__ import annotations

from barometre.collection.audit_text import render_selection
from barometre.core.problems import MAX_GROUPS, Problems


def test_a_large_selection_is_said_with_grouped_thousands() -> None:
    assert render_selection(34_969) == "les 34\u00a0969 communes sélectionnées"


def test_a_problem_repeated_on_thousands_of_lines_is_counted_grouped() -> None:
    problems = Problems()
    for line in range(2, 1_502):
        problems.add(line, "niveau manquant")
    (text,) = problems.render()
    assert "1\u00a0500 lignes\u00a0: 2, 3, 4, 5, 6, …" in text


def test_problems_left_out_are_counted_grouped() -> None:
    problems = Problems()
    for line in range(MAX_GROUPS + 1_200):
        problems.add(line, f"problème n° {line}")
    assert problems.render()[-1] == "… et 1\u00a0200 autres problèmes d'autres sortes"
