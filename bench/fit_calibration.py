"""Fit the confidence calibration of detection (data/calibration.yaml) on training batches.

    .venv/bin/python bench/fit_calibration.py [--real DIR] [--split NAME] [--cv] [--write]

Every (page, service) level the detector proposes on the training material is a row: its
features (`barometre.detection.calibration.confidence_features`) and whether the level is the
labelled one. The training material is the hand-written labelled batches most like real pages
(`wild` and `patterns`; never `blind2`, a test batch, nor the composed pages, which are right by
construction) and the real tuning pages (`<split>.jsonl` in DIR, kept outside the repository;
`tune3` by default, or several splits pooled: `tune,tune3,tune-real`), each real page weighing
REAL_WEIGHT labelled ones since the labelled batches were tuned on. A logistic regression with a
small ridge penalty is fitted by Newton's method (numpy only), with one more variable marking
the real pages: the labelled batches lend the slopes, the real pages the level (the stored
intercept is the real pages' one). `--write` stores the coefficients. `--cv` estimates the
calibration out of sample: the real pages are split in two halves by page (alternate lines), the
model is fitted on one half (plus the labelled batches) and read on the other, both ways; the
reliability table is printed.
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


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, ridge: float = RIDGE) -> np.ndarray:
    """Weighted logistic regression with a ridge penalty (intercept not penalised)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * ridge
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


def fitted(
    labelled_rows: list[tuple[list[float], bool]],
    real_rows: list[tuple[list[float], bool]],
    calibration_rows: list[tuple[list[float], bool]] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients (intercept first, the real pages' one) and the training targets, weights.

    With `calibration_rows` (pages no rule was written from), the model fitted on the labelled
    batches and the tuning pages is then rescaled on them (Platt scaling: a logistic regression
    of their rightness on its logit, two parameters): the features keep their direction and
    relative weight, the calibration pages set how far the logit is to be trusted.
    """
    data = [(r, 1.0) for r in labelled_rows] + [(r, REAL_WEIGHT) for r in real_rows]
    # a last column marks the real pages: the labelled batches lend the slopes, the real pages
    # shift the intercept to what real pages are (the calibration is for real pages)
    x = np.array([[*r[0], float(weight > 1)] for r, weight in data])
    y = np.array([float(r[1]) for r, _ in data])
    w = np.array([weight for _, weight in data])
    beta = fit(x, y, w)
    base = np.concatenate([[beta[0] + beta[-1]], beta[1:-1]])
    if not calibration_rows:
        return base, y, w
    logit = np.array([[base[0] + float(np.dot(base[1:], r[0]))] for r in calibration_rows])
    right = np.array([float(r[1]) for r in calibration_rows])
    a, b = fit(logit, right, np.ones(len(right)), ridge=0.0)
    print(f"Platt scaling on {len(right)} calibration cells: logit x {b:.3f} {a:+.3f}")
    return np.concatenate([[a + b * base[0]], b * base[1:]]), right, np.ones(len(right))


def reliability(pairs: list[tuple[float, bool]]) -> str:
    """Cells by confidence band: how many, and the share at the right level (Wilson 95 %)."""
    from barometre.detection.evaluation import wilson_interval

    lines = ["confidence   cells  right (95 %)"]
    bands = [(0.0, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01), (0.8, 1.01)]
    for low, high in bands:
        inside = [right for p, right in pairs if low <= p < high]
        k, n = sum(inside), len(inside)
        lo, hi = wilson_interval(k, n)
        name = ">= 0.8" if (low, high) == (0.8, 1.01) else f"{low:.1f}-{min(high, 1.0):.1f}"
        lines.append(f"{name:<12} {n:>5}  {k / n if n else 0:.2f} ({lo:.2f}-{hi:.2f})")
    return "\n".join(lines)


def cross_validated(
    labelled_rows: list[tuple[list[float], bool]],
    real: list[dict[str, Any]],
    calibration: list[dict[str, Any]] | None = None,
) -> list[tuple[float, bool]]:
    """Each half of the real pages read by a model fitted on the other half; with calibration
    pages, it is they that are halved (the tuning pages always train)."""
    if calibration:
        tuned = rows(real, text_only=True)
        halves = [calibration[0::2], calibration[1::2]]
        out: list[tuple[float, bool]] = []
        for held, train in ((halves[0], halves[1]), (halves[1], halves[0])):
            beta, _, _ = fitted(labelled_rows, tuned, rows(train, text_only=True))
            for features, right in rows(held, text_only=True):
                z = beta[0] + float(np.dot(beta[1:], features))
                out.append((round(1 / (1 + np.exp(-z)), 2), right))
        return out
    halves = [real[0::2], real[1::2]]
    out = []
    for held, train in ((halves[0], halves[1]), (halves[1], halves[0])):
        beta, _, _ = fitted(labelled_rows, rows(train, text_only=True))
        for features, right in rows(held, text_only=True):
            z = beta[0] + float(np.dot(beta[1:], features))
            out.append((round(1 / (1 + np.exp(-z)), 2), right))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument(
        "--split",
        default="tune3",
        help="the real tuning pages: <split>.jsonl, or several pooled (tune,tune3,tune-real)",
    )
    parser.add_argument(
        "--calibration-split",
        default="",
        help="real pages no rule was tuned on, whose level the calibration takes (e.g. blind4)",
    )
    parser.add_argument("--cv", action="store_true", help="out-of-sample reliability")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    labelled = [r for r in load(LABELLED) if str(r["id"]).split("-", 1)[0] in TRAINING_BATCHES]
    tune = [
        r for split in args.split.split(",") for r in load(args.real / f"{split.strip()}.jsonl")
    ]
    labelled_rows = rows(labelled, text_only=False)
    calibration = (
        load(args.real / f"{args.calibration_split}.jsonl") if args.calibration_split else []
    )
    if args.cv:
        pages = "calibration pages" if calibration else "real pages"
        print(f"2-fold cross-validation over the {pages} (by page):")
        print(reliability(cross_validated(labelled_rows, tune, calibration)))
    beta, y, w = fitted(
        labelled_rows, rows(tune, text_only=True), rows(calibration, text_only=True)
    )
    print(
        f"rows: {len(labelled)} labelled pages, {len(tune)} real tuning pages, "
        f"{len(calibration)} calibration pages"
    )
    if calibration:
        print(f"share right on the calibration pages: {y.mean():.3f} ({len(y)} cells)")
    else:
        print(f"share right: labelled {y[w == 1].mean():.3f}, real {y[w > 1].mean():.3f}")
    for name, value in zip(("intercept", *FEATURES), beta, strict=True):
        print(f"  {name:<17} {value:+.3f}")
    if args.write:
        weights = {n: round(float(v), 3) for n, v in zip(FEATURES, beta[1:], strict=True)}
        document = {
            "source": (
                "bench/fit_calibration.py: labelled batches "
                f"{', '.join(TRAINING_BATCHES)}, {len(tune)} real tuning pages ({args.split}) "
                + (
                    f"and {len(calibration)} real calibration pages ({args.calibration_split}, "
                    "the level) "
                    if calibration
                    else ""
                )
                + f"(weight {REAL_WEIGHT}); {len(y)} detected cells"
            ),
            "intercept": round(float(beta[0]), 3),
            "weights": weights,
        }
        TARGET.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        print(f"written: {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
