"""Detection measured on real municipal page excerpts kept outside the repository.

    .venv/bin/python bench/validation_real.py [--dir DIR]
                                              [--split heldout|blind|blind3|blind4|blind5|
                                                       untouched|untouched-all|
                                                       tune|tune3|tune5|tune-real]
                                              [--errors] [--baseline] [--csv FILE]
                                              [--second-coder CSV] [--against-both CSV]
                                              [--file JSONL] [--ids PREFIXES]

`--file` reads any JSONL of labelled pages instead of a split, with `html` or `text`: for
instance the reviewed cells of a campaign written by `barometre evidence export-reviewed` (the
archived page each auditor's level rests on). Such a record says `"exhaustive": false`: the page
may be about services decided on other pages, so only its labelled services are compared.

DIR (default /work/private-validation/detection, or $BAROMETRE_REAL_PAGES) holds
`heldout.jsonl`, `blind.jsonl` (a second held-out sample, never listed with --errors while
tuning), `blind3.jsonl` (a third one, gathered by a helper who tunes nothing, for the final
measurement of issue 7: never run with --errors), `blind4.jsonl` (a fourth one, gathered and
labelled from the spec by an evaluator who tunes nothing, before any detector run; the bench
refuses --errors on it), `blind5.jsonl` (a fifth one, gathered the same way after round 6 of the
rules, with locators; --errors refused) and the tuning samples `tune.jsonl`, `tune3.jsonl`,
`tune5.jsonl` and `tune-real.jsonl` (the recovered pages of the first held-out sample `real-*`,
whose errors were listed in 2026-12, now used to fit the learned level stage): one object per
line, {"id", "url", "text", "labels"} where `labels` is {service: level} by SCALE.md. The texts
are excerpts of real pages: they are never copied into the repository; only the URLs and labels
are (docs/validation/detection-heldout*.csv).

`rw-eval` and `rw-tune` are committed (docs/validation/rewritten/): real pages found with the
`search` tool, labelled from the real excerpt by SCALE.md, then rewritten entirely in their own
words by helpers who never read the detector (the search corpus forbids verbatim copies, so no
private copy is kept any more). `rw-eval` comes from the evaluation half of the host space and is
never listed with --errors; `rw-tune` from the tuning half.

`untouched` pools `blind`, `blind3` and `blind4` (the samples no tuning ever saw: their errors
were never listed) for narrower intervals; `untouched-all` adds `blind5`. For these samples and
their pool, a page whose address, or whose commune's site (same host, shared platforms such as
PanneauPocket aside), also appears in a `tune*.jsonl` of DIR is left out and counted, so that a
page that later found its way into tuning never counts as untouched (`--keep-tuned` keeps them).

Each private record may carry a `locator` {"query", "rank", "sha256"}: the `search` query (our own
words) and rank that return the excerpt, and the SHA-256 of its text. Where the repository holds
`docs/validation/detection-heldout-<split>-locators.csv`, `detection-<split>-locators.csv` or
`detection-<split>.csv` with a sha256 column, every private text must hash to the committed
value: a copy recovered after a loss is then the text that was labelled, or the bench says which
pages differ and stops.

The pages go through `barometre classify` itself (text without links), then every (page,
service) cell is compared: service found (recall), precision, exact level, quadratic weighted
kappa, each with its 95 % interval (Wilson; kappa by bootstrap over pages) and its n.
`--baseline` adds the one-line keyword rule of issue 7 ("en ligne" -> 3, else 1) on the same
services the detector found, for scale. `--second-coder CSV` (id,url,service,level, the same
pages labelled again from the spec by another hand who saw neither the first labels nor the
detector) measures the two human codings against each other instead of running the detector:
the ceiling the detector can be held to on that sample. `--against-both CSV` runs the detector
and reads it against that second coder too, and on the cells where both coders agree. Exits 2
when the folder is absent.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from barometre.detection.evaluation import (
    Cell,
    calibration_line,
    calibration_scores,
    cells_of,
    kappa_interval,
    quality,
    wilson_interval,
)
from barometre.scoring.agreement import ordinal_alpha

DEFAULT_DIR = Path(os.environ.get("BAROMETRE_REAL_PAGES", "/work/private-validation/detection"))
ROOT = Path(__file__).resolve().parent.parent
# Samples of real pages rewritten in our own words by helpers who never saw the detector, from
# the search corpus, labelled from the real excerpt: committed, so they need no private folder.
REWRITTEN = {
    "rw-eval": ROOT / "docs/validation/rewritten/detection-rw-eval.jsonl",
    "rw-tune": ROOT / "docs/validation/rewritten/detection-rw-tune.jsonl",
}
# Held-out samples measured only on their tuning-free pages (see untouched()).
UNTOUCHED_SPLITS = ("blind", "blind3", "blind4", "blind5", "untouched", "untouched-all")
# Splits read from several private files, pooled.
# `untouched-all` adds blind5, gathered after round 6 of the rules (its first figures are those
# of rules it could not have shaped).
POOLED = {
    "untouched": ("blind", "blind3", "blind4"),
    "untouched-all": ("blind", "blind3", "blind4", "blind5"),
}
# Samples whose per-cell errors are never listed: listing them would turn them into tuning data.
NO_ERRORS_SPLITS = ("blind", "blind4", "blind5", "untouched", "untouched-all", "rw-eval")
CLI = Path(sys.executable).with_name("barometre")


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# Platforms that host many communes' pages: the same host does not mean the same commune.
SHARED_HOSTS = frozenset({"app.panneaupocket.com", "espace-citoyens.net", "station.illiwap.com"})


def host(url: str) -> str:
    bare = url.split("://", 1)[-1]
    return bare.split("/", 1)[0].lower().removeprefix("www.")


def address(url: str) -> str:
    return url.split("://", 1)[-1].lower().removeprefix("www.").rstrip("/")


def untouched(
    records: list[dict[str, Any]], folder: Path
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split records into (kept, left out): left out when the page, or another page of the same
    commune's site, is in a tune*.jsonl of the folder."""
    tuned = [r["url"] for path in sorted(folder.glob("tune*.jsonl")) for r in load(path)]
    addresses = {address(u) for u in tuned}
    hosts = {host(u) for u in tuned} - SHARED_HOSTS
    kept, left = [], []
    for r in records:
        (left if address(r["url"]) in addresses or host(r["url"]) in hosts else kept).append(r)
    return kept, left


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def committed_digests(split: str) -> dict[str, str]:
    """{page id: sha256} from the committed locator file of the split, if there is one."""
    names = (
        f"detection-heldout-{split}-locators.csv",
        f"detection-{split}-locators.csv",
        f"detection-{split}.csv",
    )
    for name in names:
        path = ROOT / "docs" / "validation" / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            return {row["id"]: row["sha256"] for row in rows if row.get("sha256")}
    return {}


def mismatched_texts(records: list[dict[str, Any]], committed: dict[str, str]) -> list[str]:
    """Ids whose text does not hash to its own locator's or to the committed sha256."""
    wrong = []
    for r in records:
        text = digest(str(r.get("text", "")))
        expected = {committed.get(str(r["id"])), (r.get("locator") or {}).get("sha256")}
        if any(value and value != text for value in expected):
            wrong.append(str(r["id"]))
    return wrong


def classify(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Run `barometre classify` on the records (text only); its output records by id."""
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for r in records:
                line = {"id": r["id"], "url": r["url"]}
                line |= {"html": r["html"]} if "html" in r else {"text": r["text"]}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        env = {**os.environ, "BAROMETRE_HOME": os.environ.get("BAROMETRE_HOME", tmp)}
        subprocess.run(
            [str(CLI), "classify", "--input", str(source), "--output", str(target)],
            check=True,
            env=env,
            capture_output=True,
        )
        return {str(r["id"]): r for r in load(target)}


def baseline_level(text: str) -> int:
    return 3 if "en ligne" in text.lower() else 1


def visible_text(record: dict[str, Any]) -> str:
    """The record's text, or the text of its HTML (the keyword baseline reads words only)."""
    if "text" in record:
        return str(record["text"])
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(str(record.get("html", "")))
    for node in tree.css("script, style"):
        node.decompose()
    return tree.body.text(separator=" ") if tree.body else ""


def cells_for(
    records: list[dict[str, Any]], results: dict[str, dict[str, Any]], *, baseline: bool
) -> list[Cell]:
    cells: list[Cell] = []
    for r in records:
        found = {s["service"]: int(s["level"]) for s in results[str(r["id"])]["services"]}
        if r.get("exhaustive", True) is False:  # labels for some services only (reviewed pages)
            found = {s: level for s, level in found.items() if s in r["labels"]}
        if baseline:
            found = {s: baseline_level(visible_text(r)) for s in found}
        cells.extend(cells_of(str(r["id"]), r["labels"], found))
    return cells


def second_coding(path: Path) -> dict[str, dict[str, int]]:
    """{page id: {service: level}} from a second coder's CSV (a row without service: no cell)."""
    labels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            page = labels.setdefault(row["id"], {})
            if row.get("service"):
                page[row["service"]] = int(row["level"])
    return labels


def coder_agreement(records: list[dict[str, Any]], second: dict[str, dict[str, int]]) -> str:
    """The first labels against the second coder's, on the pages both coded."""
    both = [r for r in records if str(r["id"]) in second]
    cells: list[Cell] = []
    for r in both:
        cells.extend(cells_of(str(r["id"]), r["labels"], second[str(r["id"])]))
    alpha = ordinal_alpha([(c.truth, c.predicted) for c in cells])
    shown = f"{alpha:.3f}" if alpha is not None else "undefined"
    lines = [
        report(
            f"second coder against the first ({len(records) - len(both)} pages not coded twice)",
            figures(cells),
        ),
        f"  {'alpha':<10} {shown}  (Krippendorff, ordinal, n={len(cells)} cells)",
    ]
    return "\n".join(lines)


def against_both(
    records: list[dict[str, Any]],
    results: dict[str, dict[str, Any]],
    second: dict[str, dict[str, int]],
) -> str:
    """The detector against the second coder, and on the cells where both coders gave the same
    level (a cell neither coder labelled and the detector found counts as agreed at 0): how
    far the detector is from each human, and how it does where the humans do not hesitate."""
    both = [r for r in records if str(r["id"]) in second]
    other: list[Cell] = []
    agreed: list[Cell] = []
    for r in both:
        page, first, again = str(r["id"]), r["labels"], second[str(r["id"])]
        found = {s["service"]: int(s["level"]) for s in results[page]["services"]}
        other.extend(cells_of(page, again, found))
        agreed.extend(
            c
            for c in cells_of(page, first, found)
            if first.get(c.service, 0) == again.get(c.service, 0)
        )
    return "\n".join(
        [
            report("barometre classify against the second coder", figures(other)),
            report("barometre classify on the cells both coders agree on", figures(agreed)),
        ]
    )


def figures(cells: list[Cell]) -> dict[str, Any]:
    labelled = [c for c in cells if c.truth > 0]
    detected = [c for c in cells if c.predicted > 0]
    found = sum(1 for c in labelled if c.predicted > 0)
    right = sum(1 for c in detected if c.truth > 0)
    exact = sum(1 for c in cells if c.truth == c.predicted)
    result = quality(cells)
    return {
        "pages": len({c.page for c in cells}),
        "found": (found, len(labelled), *wilson_interval(found, len(labelled))),
        "precision": (right, len(detected), *wilson_interval(right, len(detected))),
        "exact": (exact, len(cells), *wilson_interval(exact, len(cells))),
        "kappa": (result.kappa, len(cells), *kappa_interval(cells)),
        "confusion": result.confusion_table(),
    }


def reliability(records: list[dict[str, Any]], results: dict[str, dict[str, Any]]) -> str:
    """Detected cells by confidence band: how many, and the share at the right level."""
    bands = [(0.0, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
    rows = ["confidence   cells  exact (95 %)"]
    cells = [
        (float(m["confidence"]), int(m["level"]) == int(r["labels"].get(m["service"], 0)))
        for r in records
        for m in results[str(r["id"])]["services"]
        if r.get("exhaustive", True) is not False or m["service"] in r["labels"]
    ]
    for low, high in [*bands, (0.8, 1.01)]:
        inside = [right for c, right in cells if low <= c < high]
        k, n = sum(inside), len(inside)
        lo, hi = wilson_interval(k, n)
        name = f"{low:.1f}-{min(high, 1.0):.1f}" if (low, high) != (0.8, 1.01) else ">= 0.8"
        rows.append(f"{name:<12} {n:>5}  {k / n if n else 0:.2f} ({lo:.2f}-{hi:.2f})")
    if cells:
        rows.append(calibration_line(calibration_scores(cells)))
    return "\n".join(rows)


def report(name: str, f: dict[str, Any]) -> str:
    lines = [f"{name}: {f['pages']} pages"]
    for key in ("found", "precision", "exact"):
        k, n, low, high = f[key]
        lines.append(f"  {key:<10} {k / n if n else 0:.3f}  ({k}/{n}, 95 % {low:.2f}-{high:.2f})")
    kappa, n, low, high = f["kappa"]
    lines.append(f"  {'qwk':<10} {kappa:.3f}  (n={n} cells, 95 % {low:.2f}-{high:.2f})")
    lines.append(f["confusion"])
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument(
        "--split",
        choices=(
            "heldout",
            "blind",
            "blind3",
            "blind4",
            "blind5",
            "untouched",
            "untouched-all",
            "tune",
            "tune3",
            "tune5",
            "tune-real",
            *REWRITTEN,
        ),
        default="heldout",
    )
    parser.add_argument(
        "--keep-tuned",
        action="store_true",
        help="blind3/blind4: keep pages also found in tune*.jsonl",
    )
    parser.add_argument("--errors", action="store_true", help="list the cells in disagreement")
    parser.add_argument("--baseline", action="store_true", help="add the keyword baseline")
    parser.add_argument("--csv", type=Path, help="write id,url,service,level (no text) here")
    parser.add_argument("--reliability", action="store_true", help="confidence vs exactness")
    parser.add_argument(
        "--second-coder", type=Path, help="CSV of a second human coding: agreement, no detector"
    )
    parser.add_argument(
        "--against-both",
        type=Path,
        metavar="CSV",
        help="the detector against a second coder's CSV, and on the cells both coders agree on",
    )
    parser.add_argument(
        "--file",
        type=Path,
        help="labelled pages in JSONL (html or text), e.g. written by `barometre evidence "
        "export-reviewed`: read instead of a split; a record marked exhaustive false is compared "
        "on its labelled services only",
    )
    parser.add_argument(
        "--ids",
        default="",
        help="only the pages whose id starts with one of these prefixes (comma-separated, e.g. "
        "rwR,rwS: a batch's first reading)",
    )
    args = parser.parse_args()
    if args.errors and args.split in NO_ERRORS_SPLITS:
        print(f"--errors is refused on {args.split}: its errors are never listed.")
        return 2
    records = []
    splits = () if args.file else POOLED.get(args.split, (args.split,))
    if args.file:
        if not args.file.is_file():
            print(f"{args.file} is absent")
            return 2
        records = load(args.file)
        args.split = args.file.name
    for split in splits:
        path = REWRITTEN.get(split, args.dir / f"{split}.jsonl")
        if not path.exists():
            print(f"{path} is absent: the real pages are kept outside the repository.")
            return 2
        part = load(path)
        wrong = mismatched_texts(part, committed_digests(split))
        if wrong:
            print(
                f"{len(wrong)} private texts differ from the ones labelled: {', '.join(wrong[:20])}"
            )
            return 2
        records.extend(part)
    if args.ids:
        prefixes = tuple(p.strip() + "-" for p in args.ids.split(",") if p.strip())
        records = [r for r in records if str(r["id"]).startswith(prefixes)]
        if not records:
            print(f"no page of {args.split} has an id starting with {args.ids}")
            return 2
    if args.split in UNTOUCHED_SPLITS and not args.keep_tuned:
        records, left = untouched(records, args.dir)
        print(f"{len(left)} pages left out (they or their commune's site are in tune*.jsonl)")
    if args.second_coder:
        print(coder_agreement(records, second_coding(args.second_coder)))
        return 0
    results = classify(records)
    cells = cells_for(records, results, baseline=False)
    print(report(f"barometre classify on {args.split}", figures(cells)))
    if args.baseline:
        base = cells_for(records, results, baseline=True)
        print(report("keyword baseline ('en ligne' -> 3, else 1)", figures(base)))
    if args.errors:
        by_id = {str(r["id"]): r for r in records}
        for c in cells:
            if c.truth != c.predicted:
                match = [s for s in results[c.page]["services"] if s["service"] == c.service]
                kinds = ",".join(s["kind"] for m in match for s in m["signals"])
                print(f"  {c.page} {c.service}: {c.truth} -> {c.predicted} [{kinds}]")
                print(f"      {by_id[c.page]['url']}")
    if args.reliability:
        print(reliability(records, results))
    if args.against_both:
        print(against_both(records, results, second_coding(args.against_both)))
    if args.csv:
        with args.csv.open("w", encoding="utf-8") as handle:
            handle.write("id,url,service,level\n")
            for r in records:
                for service, level in sorted(r["labels"].items()) or [("", 0)]:
                    handle.write(f"{r['id']},{r['url']},{service},{level}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
