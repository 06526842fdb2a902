"""Quality of the programme classifier on the labelled quasi-sentences, per theme.

    .venv/bin/python bench/programmes_quality.py [--themes my-themes.yaml] [--errors] [--intervals]

Prints precision, recall and F1 per theme, the themes micro-average, mentions_digital and the
disruptive flag, for each labelled set, the sets used to write the cues together ("all") and the
blind sets (the figures the gate pins in tests/quality_floors.yaml; blind2 was never used to
tune the cues, blind was not either but round 4 added cues for wordings it had missed).
`--intervals` adds, per set, the 95 % percentile bootstrap intervals of mentions_digital F1 and
themes micro-F1 (sentences resampled, 2,000 draws, seed 2026, as
bench/validation_programmes_real.py): the test batches' floors in tests/quality_floors.yaml
are their lower bounds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from barometre.programmes.analysis import analyse_texts, load_themes
from barometre.programmes.analysis.evaluation import (
    Labelled,
    evaluate,
    evaluation_table,
    labelled_parse,
)
from barometre.programmes.analysis.themes import ThemeSet

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validation_programmes_real import _bootstrap  # noqa: E402  (a sibling bench script)

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
    "realwording-7": ("realwording-7",),
    "realwording-9": ("realwording-9",),
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
    "realwording-8": ("realwording-8",),
    "realwording-10": ("realwording-10",),
}


def _intervals(items: list[Labelled], themes: ThemeSet) -> str:
    readings = analyse_texts((item.text for item in items), themes=themes)
    pairs = [
        (frozenset(i.themes), frozenset(r.themes)) for i, r in zip(items, readings, strict=True)
    ]
    bounds = _bootstrap(pairs)
    digital, micro = bounds[2], bounds[5]
    return (
        f"95 % intervals (n = {len(items)}): "
        f"mentions_digital F1 [{digital[0]:.3f}, {digital[1]:.3f}], "
        f"themes micro-F1 [{micro[0]:.3f}, {micro[1]:.3f}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--themes", type=Path, help="a themes YAML file (default: barometre's)")
    parser.add_argument("--errors", action="store_true", help="list every misread sentence")
    parser.add_argument("--intervals", action="store_true", help="95 % bootstrap intervals")
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), help="only these sets")
    args = parser.parse_args()
    themes = load_themes(args.themes)
    for name, halves in SETS.items():
        if args.sets and name not in args.sets:
            continue
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
        if args.intervals:
            print(_intervals(items, themes))
        print()


if __name__ == "__main__":
    main()
