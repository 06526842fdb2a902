"""THE PARAPHRASE TEST of the programme classifier: themes must hold in other words.

Every quasi-sentence of the tuned sets `dev` and `heldout` that carries a digital theme has two
rewrites by another hand (labelled/rewrites-other-hand.jsonl, `source_id` names the source),
with the source's labels. Each rewrite is read by the classifier as the quality gate reads the
labelled sets; the share of rewrites whose themes are exactly the source's must reach
`paraphrases_programmes` in tests/quality_floors.yaml, and so must the share that keeps
mentions_digital. Run with `-s` to see the misses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from scipy.stats import binomtest

from barometre.programmes.analysis.evaluation import (
    Labelled,
    evaluate,
    evaluation_table,
    labelled_parse,
)
from tests.programmes.analysis.test_quality_gate import FLOORS

LABELLED = Path(__file__).parent / "labelled"
REWRITES = LABELLED / "rewrites-other-hand.jsonl"
SOURCES = ("dev", "heldout")


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text("utf-8").splitlines() if line.strip()]


def _sources() -> dict[str, Labelled]:
    return {
        item.id: item
        for name in SOURCES
        for item in labelled_parse(_lines(LABELLED / f"{name}.jsonl"))
    }


def _share(title: str, held: int, n: int, floor: float) -> str:
    ci = binomtest(held, n).proportion_ci(method="wilson")  # 95 %
    return (
        f"{title} : {held}/{n} = {held / n:.3f} (IC 95 % de Wilson {ci.low:.3f}–{ci.high:.3f}), "
        f"plancher {floor}"
    )


def test_every_digital_source_has_two_rewrites_with_its_labels() -> None:
    sources = _sources()
    counts = {item.id: 0 for item in sources.values() if item.themes}
    rewrites = labelled_parse(_lines(REWRITES))
    for line, item in zip(_lines(REWRITES), rewrites, strict=True):
        source = sources[json.loads(line)["source_id"]]
        assert (item.themes, item.disruptive) == (source.themes, source.disruptive), item.id
        assert item.text != source.text, item.id
        counts[source.id] += 1
    assert len({item.id for item in rewrites}) == len(rewrites)
    assert min(counts.values()) >= 2, {k: n for k, n in counts.items() if n < 2}


@pytest.mark.slow
def test_themes_hold_on_the_rewrites_by_another_hand() -> None:
    floor = yaml.safe_load(FLOORS.read_text(encoding="utf-8"))["paraphrases_programmes"]
    rewrites = labelled_parse(_lines(REWRITES))
    evaluation = evaluate(rewrites)
    n = evaluation.n
    themes_held = n - len(evaluation.errors)
    digital_held = evaluation.mentions_digital.tp  # every rewrite is labelled digital
    report = "\n".join(
        [
            _share("Paraphrases (programmes), thèmes tenus", themes_held, n, floor),
            _share("Paraphrases (programmes), mentions_digital tenu", digital_held, n, floor),
            evaluation_table(evaluation),
            *evaluation.errors,
        ]
    )
    print(report)
    assert evaluation.mentions_digital.tp + evaluation.mentions_digital.fn == n
    assert themes_held / n >= floor, report
    assert digital_held / n >= floor, report
