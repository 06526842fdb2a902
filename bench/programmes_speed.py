"""Throughput of the programme text analysis alone (no ingestion), on a large generated text.

    /work/venv/bin/python bench/programmes_speed.py [--chars 400000] [--programmes 10]

The text is assembled from the labelled quasi-sentences (about 1 in 5 digital, as in a real
programme), laid out like a programme: headings, paragraphs, bullet lists. Prints tokens/s and
the peak resident memory of the process. Tokens/s per CPU second is the figure to compare
on a shared machine (wall time depends on what else runs).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

from barometre.programmes.analysis import analyse_texts, load_themes
from barometre.programmes.analysis.lexicon import french_pipeline

LABELLED = Path(__file__).resolve().parent.parent / "tests/programmes/analysis/labelled"


def programme_text(chars: int, seed: int) -> str:
    rows = [
        json.loads(line) for f in ("dev", "heldout") for line in (LABELLED / f"{f}.jsonl").open()
    ]
    digital = [r["text"] for r in rows if r["themes"]]
    other = [r["text"] for r in rows if not r["themes"]]
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        heading = rng.choice(["Cadre de vie", "Solidarités", "Numérique", "Écoles", "Finances"])
        block = [f"\n\n{heading}\n\n"]
        for _ in range(rng.randint(3, 8)):
            text = rng.choice(digital) if rng.random() < 0.2 else rng.choice(other)
            block.append(f"- {text}\n" if rng.random() < 0.4 else f"{text} ")
        parts.extend(block)
        size += sum(len(p) for p in block)
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=400_000, help="characters per programme")
    parser.add_argument("--programmes", type=int, default=5)
    args = parser.parse_args()
    themes = load_themes()
    french_pipeline()  # loading is not part of the throughput
    texts = [programme_text(args.chars, seed) for seed in range(args.programmes)]
    for prefilter in (True, False):
        started, cpu_started = time.perf_counter(), time.process_time()
        results = list(analyse_texts(texts, themes=themes, prefilter=prefilter))
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        tokens = sum(r.tokens for r in results)
        sentences = sum(len(r.sentences) for r in results)
        print(
            f"prefilter={prefilter!s:<5} {len(texts)} programmes, {tokens} tokens, "
            f"{sentences} quasi-sentences, {elapsed:.2f} s: {tokens / elapsed:,.0f} tokens/s "
            f"(CPU {cpu:.2f} s: {tokens / cpu:,.0f} tokens/s per CPU second)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
