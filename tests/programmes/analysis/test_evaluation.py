"""Scores of the quality gate, checked by hand on a tiny labelled set."""

from __future__ import annotations

import pytest

from barometre.programmes.analysis.evaluation import Score, evaluation_compute, labelled_parse
from barometre.programmes.analysis.model import ProgrammeAnalysis, QuasiSentence


def reading(*themes: str, disruptive: bool = False) -> ProgrammeAnalysis:
    sentence = QuasiSentence(0, "x", 0, 1, tuple(sorted(themes)), disruptive)
    return ProgrammeAnalysis(sentences=(sentence,), tokens=1)


def test_scores_by_hand() -> None:
    labelled = labelled_parse(
        [
            '{"id": "1", "text": "a", "themes": ["site_web"], "disruptive": false}',
            '{"id": "2", "text": "b", "themes": ["open_data", "site_web"], "disruptive": true}',
            '{"id": "3", "text": "c", "themes": [], "disruptive": false}',
            '{"id": "4", "text": "d", "themes": [], "disruptive": false}',
        ]
    )
    readings = [
        reading("site_web"),
        reading("open_data", disruptive=True),
        reading("site_web"),
        reading(),
    ]
    evaluation = evaluation_compute(labelled, readings, ("site_web", "open_data"))
    assert evaluation.per_theme["site_web"] == Score(tp=1, fp=1, fn=1)
    assert evaluation.per_theme["open_data"] == Score(tp=1, fp=0, fn=0)
    assert evaluation.themes_micro == Score(tp=2, fp=1, fn=1)
    assert evaluation.mentions_digital == Score(tp=2, fp=1, fn=0)
    assert evaluation.disruptive == Score(tp=1, fp=0, fn=0)
    assert evaluation.mentions_digital.f1 == pytest.approx(0.8)
    assert evaluation.themes_micro.precision == pytest.approx(2 / 3)
    assert [line.split("\u00a0:")[0] for line in evaluation.errors] == ["2", "3"]


def test_empty_scores_are_perfect_rather_than_undefined() -> None:
    assert Score(0, 0, 0).f1 == Score(0, 0, 0).precision == Score(0, 0, 0).recall == 1.0
