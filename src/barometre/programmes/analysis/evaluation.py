"""Scoring the classifier on labelled quasi-sentences: the figures the quality gate pins.

Pure: labelled records and readings in, frozen figures out; `evaluation_table` formats them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from barometre.programmes.analysis.model import ProgrammeAnalysis
from barometre.programmes.analysis.pipeline import analyse_texts
from barometre.programmes.analysis.themes import ThemeSet, load_themes


@dataclass(frozen=True, slots=True)
class Labelled:
    id: str
    text: str
    themes: frozenset[str]
    disruptive: bool


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else 1.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    n: int
    mentions_digital: Score
    themes_micro: Score
    per_theme: dict[str, Score]
    disruptive: Score  # on quasi-sentences labelled digital, "disruptive" as the positive class
    errors: tuple[str, ...]  # one line per misread quasi-sentence


def labelled_parse(lines: Iterable[str]) -> list[Labelled]:
    """Labelled JSONL: ``{"id", "text", "themes": [...], "disruptive": bool}`` per line."""
    records = []
    for line in lines:
        if line.strip():
            raw = json.loads(line)
            records.append(
                Labelled(raw["id"], raw["text"], frozenset(raw["themes"]), bool(raw["disruptive"]))
            )
    return records


def _score(pairs: Iterable[tuple[bool, bool]]) -> Score:
    tp = fp = fn = 0
    for expected, predicted in pairs:
        tp += expected and predicted
        fp += predicted and not expected
        fn += expected and not predicted
    return Score(tp, fp, fn)


def evaluation_compute(
    labelled: Sequence[Labelled], readings: Sequence[ProgrammeAnalysis], theme_ids: Sequence[str]
) -> Evaluation:
    predicted = [frozenset(reading.themes) for reading in readings]
    per_theme = {
        theme: _score(
            (theme in item.themes, theme in guess)
            for item, guess in zip(labelled, predicted, strict=True)
        )
        for theme in theme_ids
    }
    micro = Score(*(sum(getattr(s, f) for s in per_theme.values()) for f in ("tp", "fp", "fn")))
    digital = _score(
        (bool(item.themes), bool(guess)) for item, guess in zip(labelled, predicted, strict=True)
    )
    disruptive = _score(
        (item.disruptive, reading.disruptive)
        for item, reading in zip(labelled, readings, strict=True)
        if item.themes
    )
    errors = tuple(
        f"{item.id} : attendu {sorted(item.themes)} lu {sorted(guess)} « {item.text} »"
        for item, guess in zip(labelled, predicted, strict=True)
        if item.themes != guess
    )
    return Evaluation(len(labelled), digital, micro, per_theme, disruptive, errors)


def evaluate(labelled: Sequence[Labelled], *, themes: ThemeSet | None = None) -> Evaluation:
    """Read every labelled quasi-sentence with the classifier and score it."""
    theme_set = themes or load_themes()
    readings = list(analyse_texts((item.text for item in labelled), themes=theme_set))
    return evaluation_compute(labelled, readings, theme_set.ids)


def evaluation_table(evaluation: Evaluation) -> str:
    """Per-theme precision, recall and F1, then the summary lines (plain text)."""
    lines = [f"{'theme':<24} {'n':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    for theme, score in evaluation.per_theme.items():
        support = score.tp + score.fn
        lines.append(_row(theme, support, score))
    lines.append(
        _row(
            "micro (themes)",
            evaluation.themes_micro.tp + evaluation.themes_micro.fn,
            evaluation.themes_micro,
        )
    )
    digital = evaluation.mentions_digital
    lines.append(_row("mentions_digital", digital.tp + digital.fn, digital))
    lines.append(
        _row(
            "disruptive", evaluation.disruptive.tp + evaluation.disruptive.fn, evaluation.disruptive
        )
    )
    lines.append(f"{evaluation.n} quasi-sentences, {len(evaluation.errors)} misread")
    return "\n".join(lines)


def _row(name: str, support: int, score: Score) -> str:
    return f"{name:<24} {support:>4} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}"
