"""Quality of the programme classifier on the labelled quasi-sentences, per theme.

    /work/venv/bin/python bench/programmes_quality.py [--themes my-themes.yaml] [--errors]

Prints precision, recall and F1 per theme, the themes micro-average, mentions_digital and the
disruptive flag, for each labelled set, the sets used to write the cues together ("all") and the
blind sets (the figures the gate pins in tests/quality_floors.yaml; blind2 was never used to
tune the cues, blind was not either but round 4 added cues for wordings it had missed).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from barometre.programmes.analysis import load_themes
from barometre.programmes.analysis.evaluation import evaluate, evaluation_table, labelled_parse

LABELLED = Path(__file__).resolve().parent.parent / "tests/programmes/analysis/labelled"
SETS = {
    "dev": ("dev",),
    "heldout": ("heldout",),
    "paraphrases-1": ("paraphrases-1",),
    "paraphrases-2": ("paraphrases-2",),
    "paraphrases-3": ("paraphrases-3",),
    "paraphrases-4": ("paraphrases-4",),
    "realwording-1": ("realwording-1",),
    "realwording-3": ("realwording-3",),
    "realwording-4": ("realwording-4",),
    "realwording-5": ("realwording-5",),
    "realwording-6": ("realwording-6",),
    "all": (
        "dev",
        "heldout",
        "paraphrases-1",
        "paraphrases-2",
        "paraphrases-3",
        "paraphrases-4",
        "realwording-1",
        "realwording-3",
        "realwording-4",
        "realwording-5",
        "realwording-6",
    ),
    "blind": ("blind",),
    "blind2": ("blind2",),
    "realwording-2": ("realwording-2",),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--themes", type=Path, help="a themes YAML file (default: barometre's)")
    parser.add_argument("--errors", action="store_true", help="list every misread sentence")
    args = parser.parse_args()
    themes = load_themes(args.themes)
    for name, halves in SETS.items():
        items = [
            item
            for half in halves
            for item in labelled_parse((LABELLED / f"{half}.jsonl").read_text("utf-8").splitlines())
        ]
        evaluation = evaluate(items, themes=themes)
        print(f"== {name}")
        print(evaluation_table(evaluation))
        if args.errors:
            print("\n".join(evaluation.errors))
        print()


if __name__ == "__main__":
    main()
