"""bench/first_readings.py: every tuning batch has the commit whose rules read it first, and
cells are counted as the validation bench counts them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.benches import load_bench

ROOT = Path(__file__).resolve().parents[2]


def test_every_tuning_batch_has_its_first_reading() -> None:
    module = load_bench("first_readings")
    tune = ROOT / "docs/validation/rewritten/detection-rw-tune.jsonl"
    lines = tune.read_text(encoding="utf-8").splitlines()
    batches = {json.loads(line)["id"].split("-", 1)[0] for line in lines if line.strip()}
    listed = [p for prefixes, _ in module.FIRST_READINGS for p in prefixes]
    assert sorted(listed) == sorted(batches), "a new rw-tune batch needs its first-reading commit"


def test_cells_count_detected_right_and_exact() -> None:
    module = load_bench("first_readings")
    records = [
        {"id": "a", "labels": {"urbanisme": 3}},
        {"id": "b", "labels": {"bibliotheque": 1, "encombrants": 2}},
        {"id": "c", "labels": {}},
    ]
    results = {
        "a": {"services": [{"service": "urbanisme", "level": 3}]},
        "b": {"services": [{"service": "bibliotheque", "level": 3}]},
        "c": {"services": [{"service": "signalement", "level": 1}]},
    }
    # detected: a/urbanisme right, b/bibliotheque wrong, c/signalement wrong (none labelled)
    # cells: a/urbanisme, b/bibliotheque, b/encombrants (missed), c/signalement -> 1 exact of 4
    assert module.cells(records, results) == (3, 1, 4, 1)
