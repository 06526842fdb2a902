"""Does a learned presence stage beat the rules on which services a real page is about? (issue 7)

    .venv/bin/python bench/try_presence_model.py [--model lr|gb] [--with-labelled]

Which services a page is about causes about half of the detector's misses on real pages (a
service the page informs about, left out; one it only names, kept). This bench asks whether a
model over the relevance evidence decides that better than the rules' thresholds.

Every service a page's cues name, or that the detector keeps, on the rewritten tuning pages
(docs/validation/rewritten/detection-rw-tune.jsonl) is a row: whether the rules keep it and at
what level, whether it holds channel evidence, its relevance (score, share of the page's top
score, named, next to procedure words, in a strong zone, about by the rules' threshold, each
zone), how many services the page names, keeps and is about by threshold, news and text pages.
The target is whether the service is labelled. A logistic regression (`lr`, C in CS) or
gradient boosting (`gb`, depth 2) is fitted on four folds of sites and decides the fifth
(threshold in THRESHOLDS); a kept service takes the rule level, or 1 when the rules did not keep
it. With `--with-labelled` the labelled pages of tests/ train too. Printed: exact cells out of
fold against the rules on the same pages. Reads no evaluation page.

The rules were written from these pages, so the comparison favours them; a stage that does not
beat them here is not worth reading `rw-eval` with.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from barometre.detection import Page, analyse_page, load_platforms
from barometre.detection.cues import cue_index
from barometre.detection.evaluation import labelled_page
from barometre.detection.relevance import about, is_news, relevance
from barometre.detection.structure import structure_from_page
from barometre.referential.catalogue import default_catalogue

ROOT = Path(__file__).resolve().parent.parent
TUNE = ROOT / "docs/validation/rewritten/detection-rw-tune.jsonl"
LABELLED = ROOT / "tests/detection/labelled/pages.jsonl"
ZONES = ("titre", "titre principal", "adresse", "fil d'Ariane", "texte")
CS = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.4, 0.5, 0.6)
FOLDS = 5

# (service, features, labelled, rule level or 0)
Row = tuple[str, dict[str, float], bool, int]


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def page_rows(record: dict[str, Any], *, text_only: bool) -> list[Row]:
    catalogue, platforms = default_catalogue(), load_platforms()
    index = cue_index(catalogue)
    if text_only:
        page, dead = Page(url=record["url"], text=record["text"]), frozenset[str]()
    else:
        page, dead = labelled_page(record)
    analysis = analyse_page(page, catalogue=catalogue, platforms=platforms, dead_urls=dead)
    selectors = tuple(s for s, _ in platforms.selectors)
    structure = structure_from_page(page, marker_selectors=selectors)
    found = relevance(structure, index, index.hits_many([b.folded for b in structure.blocks]))
    news = is_news(structure)
    kept = {m.service: m for m in analysis.services}
    candidates = sorted(set(found) | set(kept))
    top = max((r.score for r in found.values()), default=0.0)
    page_features = {
        "candidates": math.log1p(len(candidates)),
        "about_by_threshold": float(sum(about(r, news) for r in found.values())),
        "kept": float(len(kept)),
        "news": float(news),
        "text_only": float(structure.text_only),
    }
    out: list[Row] = []
    for service in candidates:
        rel, match = found.get(service), kept.get(service)
        features = {
            "rule_keeps": float(match is not None),
            "rule_level": float(match.level if match else 0),
            "channel": float(bool(match and any(s.kind != "information" for s in match.signals))),
            "score": math.log1p(rel.score if rel else 0.0),
            "share": rel.score / top if rel and top else 0.0,
            "named": float(bool(rel and rel.named)),
            "procedure": float(bool(rel and rel.procedure)),
            "strong_zone": float(bool(rel and rel.strong_zone)),
            "about": float(bool(rel and about(rel, news))),
            **page_features,
            **{f"zone {z}": float(bool(rel and z in rel.zones)) for z in ZONES},
        }
        labelled = int(record["labels"].get(service, 0)) >= 1
        out.append((service, features, labelled, match.level if match else 0))
    return out


def exact_cells(
    records: list[dict[str, Any]], pages: list[list[Row]], keep: list[list[bool]]
) -> tuple[int, int]:
    """(exact, cells): a kept service reads its rule level, or 1 if the rules left it out."""
    exact = total = 0
    for record, rows, decisions in zip(records, pages, keep, strict=True):
        labels = {k: int(v) for k, v in record["labels"].items()}
        pairs = zip(rows, decisions, strict=True)
        predicted = {s: (level or 1) for (s, _, _, level), k in pairs if k}
        for service in labels.keys() | predicted.keys():
            total += 1
            exact += labels.get(service, 0) == predicted.get(service, 0)
    return exact, total


def main() -> None:
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", choices=("lr", "gb"), default="lr")
    parser.add_argument("--with-labelled", action="store_true")
    args = parser.parse_args()
    tune = load(TUNE)
    pages = [page_rows(r, text_only=True) for r in tune]
    extra = (
        [row for r in load(LABELLED) for row in page_rows(r, text_only=False)]
        if args.with_labelled
        else []
    )
    names = list(next(rows for rows in pages if rows)[0][1])
    sites = [urlparse(str(r["url"])).hostname or "" for r in tune]
    rank = {name: i for i, name in enumerate(sorted(set(sites)))}
    folds = [rank[name] % FOLDS for name in sites]

    def design(rows: list[Row]) -> np.ndarray:
        return np.array([[f[n] for n in names] for _, f, _, _ in rows])

    rules = [[f["rule_keeps"] == 1.0 for _, f, _, _ in rows] for rows in pages]
    exact, total = exact_cells(tune, pages, rules)
    print(f"rules: {exact}/{total} cells exact ({len(tune)} rw-tune pages)")
    for c in CS:
        probabilities: list[np.ndarray] = [np.zeros(0)] * len(tune)
        for k in range(FOLDS):
            held_in = [rows for rows, f in zip(pages, folds, strict=True) if f != k]
            train = [row for rows in held_in for row in rows] + extra
            x, y = design(train), np.array([label for _, _, label, _ in train])
            model: Any = (
                LogisticRegression(C=c, max_iter=2000)
                if args.model == "lr"
                else GradientBoostingClassifier(n_estimators=int(50 * c), max_depth=2)
            )
            model.fit(x, y)
            for i, (rows, f) in enumerate(zip(pages, folds, strict=True)):
                if f == k and rows:
                    probabilities[i] = model.predict_proba(design(rows))[:, 1]
        for threshold in THRESHOLDS:
            keep = [list(p >= threshold) for p in probabilities]
            exact, total = exact_cells(tune, pages, keep)
            print(f"{args.model} C={c} threshold {threshold}: {exact}/{total} cells exact")


if __name__ == "__main__":
    main()
