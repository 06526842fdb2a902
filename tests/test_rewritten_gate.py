"""THE REWRITTEN-REAL-TEXT GATE: the readers on the committed rewrites of real pages and
passages that no rule was written from (docs/validation/rewritten/, `rw-eval`).

Floors (`rewritten_eval:` in tests/quality_floors.yaml) are the lower bounds of the 95 %
intervals of the figures measured when the samples were committed, so that CI guards against a
regression without pinning the point; the figures themselves, far below issue 7's targets, are
in docs/detection.md and docs/programmes-analysis.md. Only totals are printed: the cells a
reader gets wrong on these samples are never listed (listing them would turn them into tuning
data). The counts published on the methodology page (barometre/outputs/data/validity.yaml) must
be those measured here: a change to a reader that moves one fails until the file says so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from barometre.detection import Page, analyse_page, load_platforms
from barometre.detection.evaluation import Cell, cells_of
from barometre.outputs.validity import Figure, measured_validity
from barometre.programmes.analysis import classify_excerpts
from barometre.referential.catalogue import default_catalogue

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "docs/validation/rewritten"
FLOORS = ROOT / "tests/quality_floors.yaml"


def _records(name: str) -> list[dict[str, object]]:
    text = (FOLDER / name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _count(figure: Figure) -> tuple[int, int]:
    return round(figure.value * figure.n), figure.n


def _floors() -> dict[str, float]:
    floors: dict[str, float] = yaml.safe_load(FLOORS.read_text("utf-8"))["rewritten_eval"]
    return floors


@pytest.mark.slow
def test_detection_on_the_rewritten_evaluation_pages_stays_above_its_floors() -> None:
    catalogue, platforms = default_catalogue(), load_platforms()
    cells: list[Cell] = []
    domain_of = {s.id: s.domain for s in catalogue.services}
    confident: list[bool] = []  # the proposed levels with confidence >= 0.8: right or not
    proposed: list[tuple[float, bool]] = []  # every proposed level: its confidence, right or not
    for record in _records("detection-rw-eval.jsonl"):
        page = Page(url=str(record["url"]), text=str(record["text"]))
        analysis = analyse_page(page, catalogue=catalogue, platforms=platforms)
        found = {m.service: m.level for m in analysis.services}
        cells += cells_of(str(record["id"]), record["labels"], found)
        labels: dict[str, int] = record["labels"]  # type: ignore[assignment]
        confident += [
            int(labels.get(m.service, 0)) == m.level
            for m in analysis.services
            if m.confidence >= 0.8
        ]
        proposed += [
            (m.confidence, int(labels.get(m.service, 0)) == m.level) for m in analysis.services
        ]
    labelled = [c for c in cells if c.truth > 0]
    detected = [c for c in cells if c.predicted > 0]
    exact = sum(c.truth == c.predicted for c in cells) / len(cells)
    service_found = sum(c.predicted > 0 for c in labelled) / len(labelled)
    precision = sum(c.truth > 0 for c in detected) / len(detected)
    print(
        f"rw-eval: {len(cells)} cells, exact {exact:.3f}, found {service_found:.3f}, "
        f"precision {precision:.3f}"
    )
    floors = _floors()
    assert exact >= floors["detection_exact"]
    assert service_found >= floors["detection_service_found"]
    assert precision >= floors["detection_precision"]
    published = measured_validity()
    assert published.pages == len(_records("detection-rw-eval.jsonl"))
    assert _count(published.exact) == (sum(c.truth == c.predicted for c in cells), len(cells))
    assert _count(published.found) == (sum(c.predicted > 0 for c in labelled), len(labelled))
    assert _count(published.precision) == (sum(c.truth > 0 for c in detected), len(detected))
    assert _count(published.confident) == (sum(confident), len(confident))
    assert _count(published.proposed) == (sum(r for _, r in proposed), len(proposed))
    mean = sum(c for c, _ in proposed) / len(proposed)
    assert published.mean_confidence == pytest.approx(mean, abs=0.0005)
    by_domain: dict[str, tuple[int, int]] = {}
    for c in cells:
        right, of = by_domain.get(domain_of[c.service], (0, 0))
        by_domain[domain_of[c.service]] = (right + (c.truth == c.predicted), of + 1)
    assert {d: _count(f) for d, f in published.by_domain} == by_domain
    for band in published.bands:
        inside = [r for c, r in proposed if published.band_of(c) == band]
        assert _count(band.right) == (sum(inside), len(inside))


@pytest.mark.slow
def test_programme_coding_on_the_rewritten_evaluation_passages_stays_above_its_floors() -> None:
    records = _records("programmes-rw-eval.jsonl")
    themes = {
        str(row["id"]): set(row["themes"])
        for row in classify_excerpts([{"id": r["id"], "text": r["text"]} for r in records])
    }
    labels = {str(r["id"]): set(r["themes"]) for r in records}  # type: ignore[arg-type]
    read = {i: bool(t) for i, t in themes.items()}
    expected = {i: bool(t) for i, t in labels.items()}
    tp = sum(expected[i] and read[i] for i in expected)
    fp = sum(read[i] and not expected[i] for i in expected)
    fn = sum(expected[i] and not read[i] for i in expected)
    f1 = 2 * tp / (2 * tp + fp + fn)
    print(f"rw-eval programmes: {len(records)} passages, mentions_digital F1 {f1:.3f}")
    assert f1 >= _floors()["programmes_digital_f1"]
    published = measured_validity()
    assert published.passages == len(records) and published.digital_passages == tp + fn
    assert published.digital_f1.value == pytest.approx(f1)
    theme_tp = sum(len(labels[i] & themes[i]) for i in labels)
    theme_wrong = sum(len(themes[i] - labels[i]) + len(labels[i] - themes[i]) for i in labels)
    assert published.themes_f1.value == pytest.approx(2 * theme_tp / (2 * theme_tp + theme_wrong))
