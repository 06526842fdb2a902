"""Fit the confidence calibration of detection (data/calibration.yaml) on training batches.

    .venv/bin/python bench/fit_calibration.py [--real DIR] [--write]

Every (page, service) level the detector proposes on the training material is a row: its
features (`barometre.detection.calibration.confidence_features`) and whether the level is the
labelled one. The training material is the hand-written labelled batches most like real pages
(`wild` and `patterns`; never `blind2`, a test batch, nor the composed pages,
which are right by construction) and the real tuning pages (`tune.jsonl` in DIR, kept outside
the repository), each real page weighing REAL_WEIGHT labelled ones since the labelled batches
were tuned on. A logistic regression with a small ridge penalty is fitted by Newton's method
(numpy only), with one more variable marking the real pages: the labelled batches lend the
slopes, the real pages the level (the stored intercept is the real pages' one). `--write`
stores the coefficients.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from barometre.detection import Page, analyse_page, load_platforms
from barometre.detection.calibration import FEATURES, confidence_features
from barometre.detection.cues import cue_index
from barometre.detection.evaluation import labelled_page
from barometre.referential.catalogue import default_catalogue

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests/detection/labelled/pages.jsonl"
TARGET = ROOT / "src/barometre/detection/data/calibration.yaml"
REAL = Path(os.environ.get("BAROMETRE_REAL_PAGES", "/work/private-validation/detection"))
TRAINING_BATCHES = ("wild", "patterns")
REAL_WEIGHT = 10.0
RIDGE = 1.0


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def rows(records: list[dict[str, Any]], *, text_only: bool) -> list[tuple[list[float], bool]]:
    catalogue, platforms = default_catalogue(), load_platforms()
    max_levels = cue_index(catalogue).max_levels
    out: list[tuple[list[float], bool]] = []
    for record in records:
        if text_only:
            page, dead = Page(url=record["url"], text=record["text"]), frozenset[str]()
        else:
            page, dead = labelled_page(record)
        analysis = analyse_page(page, catalogue=catalogue, platforms=platforms, dead_urls=dead)
        for m in analysis.services:
            f = confidence_features(m.level, m.relevance, m.signals, max_levels[m.service])
            right = int(record["labels"].get(m.service, 0)) == m.level
            out.append(([f[name] for name in FEATURES], right))
    return out


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted logistic regression with a ridge penalty (intercept not penalised)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * RIDGE
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ beta))
        gradient = design.T @ (w * (y - p)) - penalty @ beta
        hessian = design.T @ (design * (w * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    labelled = [r for r in load(LABELLED) if str(r["id"]).split("-", 1)[0] in TRAINING_BATCHES]
    tune = load(args.real / "tune.jsonl")
    data = [(r, 1.0) for r in rows(labelled, text_only=False)]
    data += [(r, REAL_WEIGHT) for r in rows(tune, text_only=True)]
    # a last column marks the real pages: the labelled batches lend the slopes, the real pages
    # shift the intercept to what real pages are (the calibration is for real pages)
    x = np.array([[*r[0], float(weight > 1)] for r, weight in data])
    y = np.array([float(r[1]) for r, _ in data])
    w = np.array([weight for _, weight in data])
    beta = fit(x, y, w)
    beta = np.concatenate([[beta[0] + beta[-1]], beta[1:-1]])
    print(f"rows: {len(data)} ({len(labelled)} labelled pages, {len(tune)} real tuning pages)")
    print(f"share right: labelled {y[w == 1].mean():.3f}, real {y[w > 1].mean():.3f}")
    for name, value in zip(("intercept", *FEATURES), beta, strict=True):
        print(f"  {name:<17} {value:+.3f}")
    if args.write:
        weights = {n: round(float(v), 3) for n, v in zip(FEATURES, beta[1:], strict=True)}
        document = {
            "source": (
                "bench/fit_calibration.py: labelled batches "
                f"{', '.join(TRAINING_BATCHES)} and {len(tune)} real tuning pages "
                f"(weight {REAL_WEIGHT}); {len(data)} detected cells"
            ),
            "intercept": round(float(beta[0]), 3),
            "weights": weights,
        }
        TARGET.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        print(f"written: {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
