"""Detection quality on the labelled set: confusion matrix, per-service figures, errors.

    /work/venv/bin/python bench/detection_quality.py [--errors] [--time]

Reads tests/detection/labelled/pages.jsonl (pages written for barometre, see docs/detection.md).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from barometre.detection import Page, analyse_page, load_platforms
from barometre.detection.evaluation import Cell, cells_of, quality
from barometre.referential.catalogue import default_catalogue

LABELLED = Path(__file__).resolve().parent.parent / "tests/detection/labelled/pages.jsonl"


def load(path: Path = LABELLED) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predict(record: dict[str, object]) -> dict[str, int]:
    page = Page(
        url=str(record["url"]),
        html=record.get("html"),  # type: ignore[arg-type]
        text=record.get("text"),  # type: ignore[arg-type]
        status=int(record.get("status", 200)),  # type: ignore[call-overload]
    )
    dead = frozenset(record.get("dead_urls", []))  # type: ignore[arg-type]
    analysis = analyse_page(
        page, catalogue=default_catalogue(), platforms=load_platforms(), dead_urls=dead
    )
    return {m.service: m.level for m in analysis.services}


def evaluate(records: list[dict[str, object]]) -> tuple[list[Cell], dict[str, dict[str, int]]]:
    cells: list[Cell] = []
    predictions: dict[str, dict[str, int]] = {}
    for record in records:
        predicted = predict(record)
        predictions[str(record["id"])] = predicted
        cells.extend(cells_of(str(record["id"]), record["labels"], predicted))  # type: ignore[arg-type]
    return cells, predictions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list the cells in disagreement")
    parser.add_argument("--time", action="store_true", help="time analyse_page on the set")
    args = parser.parse_args()
    records = load()
    cells, _ = evaluate(records)
    result = quality(cells)
    print(f"pages: {len(records)}  cells: {result.cells}")
    print(f"exact agreement: {result.exact:.3f}  quadratic weighted kappa: {result.kappa:.3f}")
    print(
        f"service found: {result.service_found:.3f} of {result.labelled_services}"
        f"  false services: {result.false_services}"
    )
    print(result.confusion_table())
    per: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        per[cell.service].append(cell)
    print(f"\n{'service':<26} cells exact found false")
    for service in default_catalogue().ids:
        q = quality(per.get(service, []))
        print(
            f"{service:<26} {q.cells:>5} {q.exact:>5.2f}"
            f" {q.service_found:>5.2f} {q.false_services:>5}"
        )
    if args.errors:
        print("\npage / service: truth -> predicted")
        for cell in cells:
            if cell.truth != cell.predicted:
                print(f"  {cell.page} / {cell.service}: {cell.truth} -> {cell.predicted}")
    if args.time:
        started = time.process_time()
        for _ in range(3):
            for record in records:
                predict(record)
        spent = (time.process_time() - started) / (3 * len(records))
        print(f"\nCPU per page: {spent * 1000:.2f} ms")


if __name__ == "__main__":
    main()
