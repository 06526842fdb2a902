"""Fit the confidence calibration of detection (data/calibration.yaml) on real tuning pages.

    .venv/bin/python bench/fit_calibration.py [--real DIR] [--split NAME] [--ridge R]
                                              [--with-labelled] [--keep-weights]
                                              [--fresh-share P] [--cv] [--write]

Every (page, service) level the detector proposes on the real tuning pages (`<split>.jsonl` in
DIR; several splits pooled: `tune,tune3,tune-real`; pages with `text` or `html`, such as the
reviewed pages of a campaign written by `barometre evidence export-reviewed`, of which only the
labelled services count) is a row: its features
(`barometre.detection.calibration.confidence_features`) and whether the level is the labelled
one. A logistic regression with a ridge penalty is fitted by Newton's method (numpy only). The
penalty is chosen among RIDGES by out-of-fold log-loss, five folds grouped by site (a site's
pages are never both fitted and read), unless `--ridge` sets it: with features that separate
right levels from wrong ones poorly, a strong penalty keeps the confidence near the share of
levels that are right instead of promising what the evidence does not hold.

`--with-labelled` adds the hand-written batches most like real pages (`wild`, `patterns`; never
`blind2`, a test batch, nor the composed pages, right by construction), each real page weighing
REAL_WEIGHT of them, with one more variable marking the real pages (the labelled batches lend
the slopes, the real pages the level). This was the design until 2026-12-04: the batches are
right 99 times in 100 and lent slopes that real pages do not bear out.

`--fresh-share P` then moves the intercept alone so that the mean confidence over the tuning
cells is P, the share of detected cells at the labelled level on pages the rules read for the
first time (`bench/first_readings.py`: each tuning batch read by the rules of before it was
added). The tuning pages are the ones the rules were written from, so the rules are right there
more often than on any fresh page; fitted on them alone, the confidence promised that. The
shift keeps the order of the cells. `--keep-weights` keeps the stored weights
(data/calibration.yaml) instead of fitting them again.

`--calibration-split` rescales the fitted model on pages no rule was written from (Platt
scaling). `--cv` prints, for each penalty, the out-of-fold log-loss, Brier score and AUC, and
the reliability table of the chosen one. `--write` stores the coefficients.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
import yaml

from barometre.detection import Page, analyse_page, load_platforms
from barometre.detection.calibration import FEATURES, confidence_features
from barometre.detection.cues import cue_index
from barometre.detection.evaluation import (
    CalibrationScores,
    calibration_line,
    calibration_scores,
    labelled_page,
)
from barometre.referential.catalogue import default_catalogue

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests/detection/labelled/pages.jsonl"
TARGET = ROOT / "src/barometre/detection/data/calibration.yaml"
REAL = Path(os.environ.get("BAROMETRE_REAL_PAGES", "/work/private-validation/detection"))
TRAINING_BATCHES = ("wild", "patterns")
REAL_WEIGHT = 10.0
RIDGE = 1.0  # with the labelled batches
RIDGES = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)  # real pages only: chosen out of fold
FOLDS = 5
# more of these never lowers the confidence (see fit_monotone)
MORE_IS_SURER = ("structural", "agreement", "subject", "strength")

Row = tuple[list[float], bool]


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def page_rows(records: list[dict[str, Any]], *, text_only: bool) -> list[list[Row]]:
    """For each page, the rows of the levels the detector proposes there."""
    catalogue, platforms = default_catalogue(), load_platforms()
    max_levels = cue_index(catalogue).max_levels
    out: list[list[Row]] = []
    for record in records:
        if text_only and "html" not in record:
            page, dead = Page(url=record["url"], text=record["text"]), frozenset[str]()
        else:
            page, dead = labelled_page(record)
        analysis = analyse_page(page, catalogue=catalogue, platforms=platforms, dead_urls=dead)
        found: list[Row] = []
        for m in analysis.services:
            if record.get("exhaustive", True) is False and m.service not in record["labels"]:
                continue  # a reviewed page: services decided on other pages are not compared
            f = confidence_features(m.level, m.relevance, m.signals, max_levels[m.service])
            right = int(record["labels"].get(m.service, 0)) == m.level
            found.append(([f[name] for name in FEATURES], right))
        out.append(found)
    return out


def rows(records: list[dict[str, Any]], *, text_only: bool) -> list[Row]:
    return [row for page in page_rows(records, text_only=text_only) for row in page]


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


def fit_monotone(x: np.ndarray, y: np.ndarray, w: np.ndarray, ridge: float) -> np.ndarray:
    """`fit`, with the weights of MORE_IS_SURER kept at zero or above (active set: a weight that
    comes out negative is fixed at zero and the rest refitted). More evidence of the same kind
    never lowers the confidence: on a few hundred cells a negative weight there is the noise of
    features that go together, and would tell an auditor that a platform link makes a level
    less sure."""
    fixed: set[int] = set()
    while True:
        free = [i for i in range(x.shape[1]) if i not in fixed]
        beta = np.zeros(x.shape[1] + 1)
        sub = fit(x[:, free], y, w, ridge)
        beta[0] = sub[0]
        beta[[1 + i for i in free]] = sub[1:]
        negative = [i for i in free if FEATURES[i] in MORE_IS_SURER and beta[1 + i] < 0]
        if not negative:
            return beta
        fixed.add(min(negative, key=lambda i: beta[1 + i]))


def fitted(
    labelled_rows: list[Row],
    real_rows: list[Row],
    calibration_rows: list[Row] | None = None,
    *,
    ridge: float = RIDGE,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients (intercept first, the real pages' one) and the training targets, weights.

    Without `labelled_rows`, the real pages alone, with the penalty `ridge`. With them, each real
    row weighs REAL_WEIGHT labelled ones and a last column marks the real pages: the labelled
    batches lend the slopes, the real pages shift the intercept to what real pages are.

    With `calibration_rows` (pages no rule was written from), the model is then rescaled on them
    (Platt scaling: a logistic regression of their rightness on its logit, two parameters): the
    features keep their direction and relative weight, the calibration pages set how far the
    logit is to be trusted.
    """
    if labelled_rows:
        data = [(r, 1.0) for r in labelled_rows] + [(r, REAL_WEIGHT) for r in real_rows]
        x = np.array([[*r[0], float(weight > 1)] for r, weight in data])
        y = np.array([float(r[1]) for r, _ in data])
        w = np.array([weight for _, weight in data])
        beta = fit(x, y, w, ridge)
        base = np.concatenate([[beta[0] + beta[-1]], beta[1:-1]])
    else:
        x = np.array([r[0] for r in real_rows])
        y = np.array([float(r[1]) for r in real_rows])
        w = np.ones(len(y))
        base = fit_monotone(x, y, w, ridge)
    if not calibration_rows:
        return base, y, w
    logit = np.array([[base[0] + float(np.dot(base[1:], r[0]))] for r in calibration_rows])
    right = np.array([float(r[1]) for r in calibration_rows])
    a, b = fit(logit, right, np.ones(len(right)), ridge=0.0)
    print(f"Platt scaling on {len(right)} calibration cells: logit x {b:.3f} {a:+.3f}")
    return np.concatenate([[a + b * base[0]], b * base[1:]]), right, np.ones(len(right))


def shifted_to(beta: np.ndarray, x: np.ndarray, share: float) -> np.ndarray:
    """`beta` with the intercept moved so that the mean probability over the rows `x` is `share`
    (bisection on the intercept: the mean grows with it)."""
    if not 0.0 < share < 1.0:
        raise ValueError(f"share must lie strictly between 0 and 1: {share}")
    slopes = x @ beta[1:]
    low, high = -30.0, 30.0
    for _ in range(100):
        middle = (low + high) / 2
        if float(np.mean(1 / (1 + np.exp(-(middle + slopes))))) < share:
            low = middle
        else:
            high = middle
    return np.concatenate([[(low + high) / 2], beta[1:]])


def stored_beta() -> np.ndarray:
    """The coefficients of data/calibration.yaml, intercept first."""
    data = yaml.safe_load(TARGET.read_text(encoding="utf-8"))
    return np.array([float(data["intercept"])] + [float(data["weights"][n]) for n in FEATURES])


def probability(beta: np.ndarray, features: list[float]) -> float:
    z = beta[0] + float(np.dot(beta[1:], features))
    return round(float(1 / (1 + np.exp(-z))), 2)


def site_folds(records: list[dict[str, Any]], folds: int = FOLDS) -> list[int]:
    """The fold of each page: its site's rank among the sorted sites, modulo `folds`."""
    sites = [urlparse(str(r["url"])).hostname or str(r["url"]) for r in records]
    rank = {name: i for i, name in enumerate(sorted(set(sites)))}
    return [rank[name] % folds for name in sites]


def out_of_fold(
    pages: list[list[Row]],
    folds: list[int],
    ridge: float,
    labelled_rows: list[Row] | None = None,
) -> list[tuple[float, bool]]:
    """Each fold's cells read by a model fitted on the other folds: (confidence, right)."""
    out: list[tuple[float, bool]] = []
    for k in sorted(set(folds)):
        train = [row for page, f in zip(pages, folds, strict=True) if f != k for row in page]
        beta, _, _ = fitted(labelled_rows or [], train, ridge=ridge)
        held = [row for page, f in zip(pages, folds, strict=True) if f == k for row in page]
        out.extend((probability(beta, features), right) for features, right in held)
    return out


def choose_ridge(
    pages: list[list[Row]], folds: list[int], ridges: tuple[float, ...] = RIDGES
) -> tuple[float, list[tuple[float, CalibrationScores]]]:
    """The penalty with the lowest out-of-fold log-loss, and every penalty's scores."""
    table = [(r, calibration_scores(out_of_fold(pages, folds, r))) for r in ridges]
    best = min(table, key=lambda item: (round(item[1].log_loss, 6), -item[0]))
    return best[0], table


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


def calibration_halves(
    labelled_rows: list[Row], tuned: list[Row], calibration: list[dict[str, Any]], ridge: float
) -> list[tuple[float, bool]]:
    """Each half of the calibration pages (alternate lines) read by the model rescaled on the
    other half (the tuning pages always train)."""
    halves = [calibration[0::2], calibration[1::2]]
    out: list[tuple[float, bool]] = []
    for held, train in ((halves[0], halves[1]), (halves[1], halves[0])):
        beta, _, _ = fitted(labelled_rows, tuned, rows(train, text_only=True), ridge=ridge)
        out.extend((probability(beta, f), right) for f, right in rows(held, text_only=True))
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
    parser.add_argument("--ridge", type=float, help="the penalty (default: chosen out of fold)")
    parser.add_argument(
        "--with-labelled", action="store_true", help="the labelled batches lend the slopes"
    )
    parser.add_argument(
        "--keep-weights", action="store_true", help="keep the stored weights, fit no slope"
    )
    parser.add_argument(
        "--fresh-share",
        type=float,
        help="move the intercept so the mean confidence on the tuning cells is this share "
        "(bench/first_readings.py)",
    )
    parser.add_argument("--cv", action="store_true", help="out-of-sample reliability")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    tune = [
        r for split in args.split.split(",") for r in load(args.real / f"{split.strip()}.jsonl")
    ]
    labelled = [r for r in load(LABELLED) if str(r["id"]).split("-", 1)[0] in TRAINING_BATCHES]
    labelled_rows = rows(labelled, text_only=False) if args.with_labelled else []
    pages = page_rows(tune, text_only=True)
    folds = site_folds(tune)
    if args.ridge is not None:
        ridge = args.ridge
    elif args.with_labelled or args.keep_weights:
        ridge = RIDGE
    else:
        ridge, table = choose_ridge(pages, folds)
        print(f"penalty chosen out of fold ({FOLDS} folds by site, {len(tune)} pages):")
        for value, scores in table:
            mark = " <- chosen" if value == ridge else ""
            print(f"  ridge {value:>6}: {calibration_line(scores)}{mark}")
    calibration = (
        load(args.real / f"{args.calibration_split}.jsonl") if args.calibration_split else []
    )
    tuned = [row for page in pages for row in page]
    if args.cv:
        if calibration:
            print("2-fold cross-validation over the calibration pages (by page):")
            pairs = calibration_halves(labelled_rows, tuned, calibration, ridge)
        else:
            print(f"{FOLDS}-fold cross-validation over the real pages (by site), ridge {ridge}:")
            pairs = out_of_fold(pages, folds, ridge, labelled_rows)
        print(reliability(pairs))
        print(calibration_line(calibration_scores(pairs)))
    beta, y, w = fitted(labelled_rows, tuned, rows(calibration, text_only=True), ridge=ridge)
    if args.keep_weights:
        beta = stored_beta()
    if args.fresh_share is not None:
        x = np.array([features for features, _ in tuned])
        before = float(np.mean(1 / (1 + np.exp(-(beta[0] + x @ beta[1:])))))
        beta = shifted_to(beta, x, args.fresh_share)
        print(
            f"intercept moved: mean confidence on the {len(tuned)} tuning cells "
            f"{before:.3f} -> {args.fresh_share:.3f} (share right there: {y.mean():.3f})"
        )
    print(
        f"rows: {len(labelled_rows)} labelled cells, {len(tune)} real tuning pages, "
        f"{len(calibration)} calibration pages"
    )
    if calibration:
        print(f"share right on the calibration pages: {y.mean():.3f} ({len(y)} cells)")
    elif labelled_rows:
        print(f"share right: labelled {y[w == 1].mean():.3f}, real {y[w > 1].mean():.3f}")
    else:
        print(f"share right on the real pages: {y.mean():.3f} ({len(y)} cells)")
    for name, value in zip(("intercept", *FEATURES), beta, strict=True):
        print(f"  {name:<17} {value:+.3f}")
    if args.write:
        kept_from = yaml.safe_load(TARGET.read_text(encoding="utf-8")).get("source", "")
        kept_from = kept_from.split(";")[0].removeprefix("bench/fit_calibration.py: ")
        weights = {n: round(float(v), 3) for n, v in zip(FEATURES, beta[1:], strict=True)}
        source = (
            f"bench/fit_calibration.py: {len(tune)} real tuning pages ({args.split}), "
            f"{len(tuned)} detected cells"
            + (f", ridge {ridge}" if not args.keep_weights else "")
            + (
                " chosen out of fold by site"
                if args.ridge is None and not labelled_rows and not args.keep_weights
                else ""
            )
            + (
                f"; labelled batches {', '.join(TRAINING_BATCHES)} lend the slopes "
                f"(real pages weigh {REAL_WEIGHT})"
                if labelled_rows
                else ""
            )
            + (
                f"; rescaled on {len(calibration)} pages ({args.calibration_split})"
                if calibration
                else ""
            )
            + (
                f"; weights kept from the stored calibration ({kept_from})"
                if args.keep_weights
                else ""
            )
            + (
                f"; intercept moved to a mean confidence of {args.fresh_share} on them, the "
                "share right on first readings (bench/first_readings.py)"
                if args.fresh_share is not None
                else ""
            )
        )
        document = {
            "source": source,
            "intercept": round(float(beta[0]), 3),
            "weights": weights,
        }
        TARGET.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        print(f"written: {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
