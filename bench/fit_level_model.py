"""Fit the learned level stage of detection (data/level_model.json) on labelled pages.

    .venv/bin/python bench/fit_level_model.py [--real DIR] [--split NAME ...] [--cv] [--write]

Every (page, service) match that the rules propose (`analyse_page(..., level_model=None)`) is a
row: its features (`barometre.detection.learned.match_features`, hashed with CRC-32) and the
labelled level of that cell (0 when the page is not about the service). Cells labelled but not
found by the rules give no row (the stage moves levels, it finds no service). The material is
the labelled set written for barometre (`tests/detection/labelled/pages.jsonl`) and the real
tuning pages (`<split>.jsonl` in DIR, kept outside the repository; `tune5` by default), each
real page weighing REAL_WEIGHT labelled ones, since the labelled pages were written to fit the
rules. Four logistic regressions (scikit-learn, L2, C=C) give P(level > k) for k = 0..3.

`--cv` prints five-fold cross-validation grouped by commune (the host of the page's address):
each fold's pages are read by a model fitted on the others, the policy is applied, and the
out-of-fold figures are printed for the real pages and the labelled set, before (rules) and after
(rules + model), with the moves made. `--write` runs that cross-validation too and stores the
model with its verdict: `"enabled": true` only when, out of fold, the moves on the real pages are
more often right than wrong and none on the labelled set is wrong. `barometre classify` applies
the stored model only when it is enabled.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from barometre.detection import analyse_page, load_platforms
from barometre.detection.evaluation import (
    cells_of,
    kappa_interval,
    labelled_page,
    quality,
    wilson_interval,
)
from barometre.detection.learned import LevelModel, hashed, level_model_from_dict, match_features
from barometre.referential.catalogue import default_catalogue

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests/detection/labelled/pages.jsonl"
MODEL = ROOT / "src/barometre/detection/data/level_model.json"
REAL_DIR = Path(os.environ.get("BAROMETRE_REAL_PAGES", "/work/private-validation/detection"))
DIM = 1024
THRESHOLDS = (0, 1, 2, 3)
REAL_WEIGHT = 10.0
C = 0.5
MOVE_PROBABILITY = 0.7


@dataclass(frozen=True)
class Row:
    page: str
    group: str
    service: str
    rule: int
    truth: int
    max_level: int
    names: tuple[str, ...]
    weight: float


def host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].lower().removeprefix("www.")


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def rows_of(records: Sequence[dict[str, Any]], *, weight: float) -> list[Row]:
    """One row per (page, service) match of the rules, with its labelled level."""
    catalogue, platforms = default_catalogue(), load_platforms()
    max_levels = {s.id: s.max_level for s in catalogue.services}
    rows: list[Row] = []
    for r in records:
        page, dead = labelled_page(r)
        analysis = analyse_page(
            page, catalogue=catalogue, platforms=platforms, dead_urls=dead, level_model=None
        )
        labels = r.get("labels") or {}
        for m in analysis.services:
            if r.get("exhaustive", True) is False and m.service not in labels:
                continue  # a reviewed page: services decided on other pages are not compared
            top = max_levels[m.service]
            names = match_features(m, top, analysis.signals, text_only=analysis.text_only)
            rows.append(
                Row(str(r["id"]), host(str(r["url"])), m.service, m.level,
                    int(labels.get(m.service, 0)), top, tuple(names), weight)
            )  # fmt: skip
    return rows


def matrix(rows: Sequence[Row], dim: int = DIM) -> csr_matrix:
    data, cols, ptr = [], [], [0]
    for row in rows:
        for slot, value in sorted(hashed(row.names, dim).items()):
            cols.append(slot)
            data.append(value)
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(rows), dim))


def fit(rows: Sequence[Row], dim: int = DIM, c: float = C) -> dict[str, Any]:
    """The model's JSON form, fitted on the rows (deterministic: lbfgs from zero)."""
    x = matrix(rows, dim)
    w = np.array([r.weight for r in rows])
    models = []
    for k in THRESHOLDS:
        y = np.array([int(r.truth > k) for r in rows])
        if y.min() == y.max():  # one class only: a constant probability
            models.append({"intercept": 12.0 if y[0] else -12.0, "weights": {}})
            continue
        reg = LogisticRegression(C=c, solver="lbfgs", max_iter=2000)
        reg.fit(x, y, sample_weight=w)
        coef = {str(i): round(float(v), 6) for i, v in enumerate(reg.coef_[0]) if abs(v) > 1e-6}
        models.append({"intercept": round(float(reg.intercept_[0]), 6), "weights": coef})
    return {
        "version": 1,
        "dim": dim,
        "thresholds": list(THRESHOLDS),
        "move_probability": MOVE_PROBABILITY,
        "models": models,
    }


def proposed(model: LevelModel, row: Row) -> int:
    if row.rule > THRESHOLDS[-1] + 1:
        return row.rule
    return model.proposed(row.rule, row.max_level, row.names)[0]


def cross_validated(rows: Sequence[Row], folds: int = 5) -> list[int]:
    """Out-of-fold levels, folds grouped by commune (host)."""
    out = [r.rule for r in rows]
    groups = [r.group for r in rows]
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=groups):
        model = level_model_from_dict(fit([rows[i] for i in train]))
        for i in test:
            out[i] = proposed(model, rows[i])
    return out


def report(
    name: str, records: Sequence[dict[str, Any]], rows: Sequence[Row], levels: list[int]
) -> None:
    """Exact agreement and kappa over every labelled or detected cell of the records."""
    found: dict[str, dict[str, int]] = {}
    for row, level in zip(rows, levels, strict=True):
        if level > 0:
            found.setdefault(row.page, {})[row.service] = level
    cells = [
        c
        for r in records
        for c in cells_of(str(r["id"]), r.get("labels") or {}, found.get(str(r["id"]), {}))
    ]
    q = quality(cells)
    exact = sum(c.truth == c.predicted for c in cells)
    low, high = wilson_interval(exact, len(cells))
    klow, khigh = kappa_interval(cells)
    print(f"  {name:<28} cells {len(cells):>4}  exact {q.exact:.3f} ({low:.2f}-{high:.2f})"
          f"  qwk {q.kappa:.3f} ({klow:.2f}-{khigh:.2f})")  # fmt: skip


def move_counts(rows: Sequence[Row], levels: list[int]) -> dict[str, int]:
    """Moves of the model: right (to the label), wrong (away from a right rule level), other."""
    counts = {"right": 0, "wrong": 0, "other": 0}
    for row, level in zip(rows, levels, strict=True):
        if level != row.rule:
            kind = "right" if level == row.truth else "wrong" if row.rule == row.truth else "other"
            counts[kind] += 1
    return counts


def moves(rows: Sequence[Row], levels: list[int]) -> str:
    counts = move_counts(rows, levels)
    return f"moves: {sum(counts.values())} ({counts})"


def verdict(rows_l: Sequence[Row], rows_r: Sequence[Row], levels: list[int]) -> dict[str, Any]:
    """Out-of-fold moves of the model and whether they beat the rules (see the docstring)."""
    split = len(rows_l)
    real, labelled = move_counts(rows_r, levels[split:]), move_counts(rows_l, levels[:split])
    enabled = real["right"] > real["wrong"] and labelled["wrong"] == 0
    return {"real_moves": real, "labelled_moves": labelled, "enabled": enabled}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--real", type=Path, default=REAL_DIR)
    parser.add_argument("--split", nargs="*", default=["tune5"])
    parser.add_argument("--cv", action="store_true", help="5-fold CV grouped by commune")
    parser.add_argument("--write", action="store_true", help="write data/level_model.json")
    args = parser.parse_args()
    labelled = load(LABELLED)
    real = [
        r
        for s in args.split
        if (args.real / f"{s}.jsonl").exists()
        for r in load(args.real / f"{s}.jsonl")
    ]
    print(f"labelled pages {len(labelled)}, real pages {len(real)} ({', '.join(args.split)})")
    rows_l, rows_r = rows_of(labelled, weight=1.0), rows_of(real, weight=REAL_WEIGHT)
    rows = rows_l + rows_r
    levels = cross_validated(rows) if args.cv or args.write else []
    if args.cv:
        split = len(rows_l)
        print("out of fold (5 folds grouped by commune):")
        for name, recs, part, lv in (
            ("real", real, rows_r, levels[split:]),
            ("labelled", labelled, rows_l, levels[:split]),
        ):
            report(f"{name}, rules", recs, part, [r.rule for r in part])
            report(f"{name}, rules + model", recs, part, lv)
            print(f"  {name} {moves(part, lv)}")
    if args.write:
        data = fit(rows)
        checked = verdict(rows_l, rows_r, levels)
        data["enabled"] = checked["enabled"]
        data["cross_validation"] = {k: v for k, v in checked.items() if k != "enabled"}
        data["trained_on"] = {
            "labelled_pages": len(labelled),
            "real_pages": len(real),
            "real_splits": args.split,
            "rows": len(rows),
            "real_weight": REAL_WEIGHT,
            "C": C,
        }
        MODEL.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        state = "enabled" if data["enabled"] else "not enabled: it does not beat the rules"
        print(f"wrote {MODEL.relative_to(ROOT)} ({len(rows)} rows), {state}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
