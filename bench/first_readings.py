"""How often the detector is right on pages no rule was written from, measured on the tuning half.

    .venv/bin/python bench/first_readings.py [--batches rwR,rwS ...] [--rules REV]

Each batch of `rw-tune` (docs/validation/rewritten/detection-rw-tune.jsonl) was read once by the
rules of the commit before it was added, before any rule looked at it. This bench reads each
batch again with the code of that commit (`git archive` of its `src/` into a temporary folder,
`barometre classify` run from there, the current labels) and prints, per batch and pooled:
the detected cells, the share of them at the labelled level (Wilson 95 %) and the exact share
over all cells.

`--rules REV` reads the batches with the rules of another revision instead (any git revision:
`d676a9a`, `HEAD~3`): how much later rounds lift pages that none of them was written from.

The pooled share is what the confidence should say on average on a fresh page
(`bench/fit_calibration.py --fresh-share`): the rules are right more often on the tuning pages
they were written from (0.750 of detected cells in December 2026) than on any page they meet
for the first time. It needs the repository's history (a full clone).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from barometre.detection.evaluation import wilson_interval

ROOT = Path(__file__).resolve().parent.parent
TUNE = ROOT / "docs/validation/rewritten/detection-rw-tune.jsonl"
# (id prefixes of a batch, the commit that added it): its rules are those of the commit's parent
FIRST_READINGS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("rwE", "rwF"), "8a8b28f"),
    (("rwG", "rwH"), "496f628"),
    (("rwK", "rwL", "rwM", "rwN"), "0db5e91"),
    (("rwR", "rwS"), "a8a76c0"),
)


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def cells(
    records: list[dict[str, Any]], results: dict[str, dict[str, Any]]
) -> tuple[int, int, int, int]:
    """(detected cells, of them at the labelled level, all cells, all cells exact); a cell is a
    labelled or detected (page, service), an undetected service reads 0."""
    detected = right = total = exact = 0
    for record in records:
        labels = {k: int(v) for k, v in record["labels"].items()}
        found = {
            s["service"]: int(s["level"]) for s in results.get(record["id"], {}).get("services", [])
        }
        detected += len(found)
        right += sum(labels.get(service, 0) == level for service, level in found.items())
        for service in labels.keys() | found.keys():
            total += 1
            exact += labels.get(service, 0) == found.get(service, 0)
    return detected, right, total, exact


def read_with(revision: str, records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """`barometre classify` of `revision` on the records' text; results by page id."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"],
        check=True,
        capture_output=True,
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(base, filter="data")
        pages, output = base / "pages.jsonl", base / "results.jsonl"
        with pages.open("w", encoding="utf-8") as handle:
            for r in records:
                handle.write(json.dumps({"id": r["id"], "url": r["url"], "text": r["text"]}) + "\n")
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; sys.path.insert(0, sys.argv.pop(1)); "
                "from barometre.cli import main; sys.exit(main())",
                str(base / "src"),
                "classify",
                "--input",
                str(pages),
                "--output",
                str(output),
                "-v",
                "0",
            ],
            check=True,
            cwd=base,
            stdout=subprocess.DEVNULL,
        )
        return {r["id"]: r for r in load(output)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batches", help="only these batches (id prefixes, comma-separated)")
    parser.add_argument("--rules", help="read with this revision's rules, not the first ones")
    args = parser.parse_args()
    wanted = set(args.batches.split(",")) if args.batches else None
    records = load(TUNE)
    totals = [0, 0, 0, 0]
    print("batch                 rules     pages  detected  right (95 %)        exact")
    for prefixes, commit in FIRST_READINGS:
        if wanted is not None and not wanted & set(prefixes):
            continue
        batch = [r for r in records if str(r["id"]).split("-", 1)[0] in prefixes]
        revision = args.rules or f"{commit}^"
        detected, right, total, exact = cells(batch, read_with(revision, batch))
        totals = [a + b for a, b in zip(totals, (detected, right, total, exact), strict=True)]
        low, high = wilson_interval(right, detected)
        print(
            f"{','.join(prefixes):<21} {revision:<9} {len(batch):>5}  {detected:>8}  "
            f"{right / detected:.3f} ({low:.2f}-{high:.2f})  {exact}/{total}"
        )
    detected, right, total, exact = totals
    low, high = wilson_interval(right, detected)
    print(
        f"pooled: {right}/{detected} detected cells at the labelled level, "
        f"{right / detected:.3f} (95 % {low:.3f}-{high:.3f}); exact {exact}/{total} "
        f"({exact / total:.3f})"
    )


if __name__ == "__main__":
    main()
