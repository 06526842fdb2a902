"""Fit the vocabulary model of detection (data/service_model.json) on the labelled pages.

    .venv/bin/python bench/fit_service_model.py [--threshold P] [--features N] [--check SPLIT]
                                               [--write]

Each page of `tests/detection/labelled/pages.jsonl` (written for barometre) is a row: the TF-IDF
of the words and word pairs of its folded wording (title three times, then its blocks, as
`barometre.detection.vocabulary` reads it) and, per service, whether the page is labelled with it
at a level above 0. One logistic regression per service (scikit-learn, L2, C, balanced classes).
No real page is used to fit. `--check rw-tune` prints, on the committed rewritten tuning pages,
how many labelled services the model reaches at the threshold and how many it adds that are not
labelled (never run on `rw-eval`). `--write` stores the model (terms with their idf, per-service
intercept and one weight per term, rounded to 3 decimals, the threshold).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from barometre.detection import Page
from barometre.detection.evaluation import labelled_page
from barometre.detection.structure import structure_from_page
from barometre.detection.text import fold
from barometre.detection.vocabulary import service_model_from_dict
from barometre.referential.catalogue import default_catalogue

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests/detection/labelled/pages.jsonl"
TARGET = ROOT / "src/barometre/detection/data/service_model.json"
REWRITTEN = ROOT / "docs/validation/rewritten"
C = 4.0


def wording(page: Page) -> str:
    """The folded wording the model reads (the same as analyse.py gives it)."""
    structure = structure_from_page(page)
    return fold("\n".join([structure.title] * 3 + [b.text for b in structure.blocks]))


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def fit(features: int, threshold: float) -> dict[str, Any]:
    records = load(LABELLED)
    texts = [wording(labelled_page(r)[0]) for r in records]
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=features
    )
    matrix = vectorizer.fit_transform(texts)
    terms = sorted(vectorizer.vocabulary_, key=lambda t: vectorizer.vocabulary_[t])
    idf = vectorizer.idf_
    services: dict[str, Any] = {}
    for spec in default_catalogue().services:
        y = np.array([int(r["labels"].get(spec.id, 0)) > 0 for r in records])
        if y.sum() == 0 or y.all():
            continue
        model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(matrix, y)
        weights = [round(float(w), 3) for w in model.coef_[0]]
        services[spec.id] = {"intercept": round(float(model.intercept_[0]), 4), "weights": weights}
    return {
        "source": (
            f"bench/fit_service_model.py: {len(records)} labelled pages "
            f"(tests/detection/labelled/pages.jsonl), {len(terms)} terms, C={C}"
        ),
        "threshold": threshold,
        "terms": [[term, round(float(idf[i]), 4)] for i, term in enumerate(terms)],
        "services": services,
    }


def check(data: dict[str, Any], split: str) -> None:
    if split == "rw-eval":
        raise SystemExit("the evaluation sample is never used to choose the model")
    model = service_model_from_dict(data)
    reached = missed = added = 0
    for record in load(REWRITTEN / f"detection-{split}.jsonl"):
        about = model.about(wording(Page(url=record["url"], text=record["text"])))
        labelled = {s for s, level in record["labels"].items() if level > 0}
        reached += len(labelled & about.keys())
        missed += len(labelled - about.keys())
        added += len(about.keys() - labelled)
    print(f"{split}: labelled services reached {reached}, missed {missed}; not labelled {added}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--features", type=int, default=2000)
    parser.add_argument("--check", help="a rewritten tuning split, e.g. rw-tune")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    data = fit(args.features, args.threshold)
    print(data["source"])
    if args.check:
        check(data, args.check)
    if args.write:
        TARGET.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
        print(f"written: {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
