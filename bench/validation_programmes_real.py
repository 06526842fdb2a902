"""Programme coder on real passages kept outside the repository: figures with 95 % intervals.

    .venv/bin/python bench/validation_programmes_real.py [--sample NAME] [--errors]
        [--folder /work/private-validation/programmes] [--keep-tuned] [--second-coder FILE]
        [--against-both FILE]

NAME: heldout (default), heldout2, heldout-pooled (both held-out samples), heldout3, tuning,
tuning3 (the third tuning sample, 115 passages read for the third round of issue 7), tuning5
(the fifth round's tuning sample, 71 passages from sites of the tuning half of the host space,
mostly others' voices about digital topics), tuning6 (16 passages from tuning-half sites, 6 of
them digital) or heldout-recovered (31 held-out passages found again after the private copies
were lost).
heldout3 is a third held-out sample gathered by an evaluator who tuned nothing, for the final
measurement of issue 7; the script refuses --errors on it, so its misreadings never guide tuning.
heldout4 is a fourth one, gathered the same way after themes 2026.5 (none of its URLs is in an
earlier committed sample); --errors is refused on it too, and a passage whose address, or whose
site (same host), also appears in a ``tuning*.jsonl`` of the private folder is left out and
counted, so that a page that later found its way into tuning never counts as untouched
(``--keep-tuned`` keeps them).

The real texts (campaign sites, professions de foi, 2014, 2020, 2026) are not ours and never
enter the repository: they live in a private folder as JSONL, one passage a line,
``{"id", "url", "year", "text", "themes": [...]}``. The repository keeps only each passage's
URL and labels (docs/validation/programmes-real-<sample>.jsonl); this script refuses to score
a private file whose labels differ from the committed ones, so a label cannot move unseen.
Where a committed line carries a ``locator`` ({"query", "rank", "sha256"}: the ``search`` query,
in our own words, and the rank that return the passage, and the SHA-256 of its text), the private
text must hash to it: a passage recovered after a loss is then the one that was labelled.
heldout5 (gathered after the private copies of heldout4 were lost, with locators) is untouched
like heldout3 and heldout4.

It runs ``barometre programmes classify`` on the texts (the command a user runs), then prints
mentions_digital precision, recall and F1, themes micro precision, recall and F1, each with a
95 % percentile bootstrap interval (passages resampled, 2,000 draws, seed 2026), and n.
Without the private folder it says so and exits 0 (CI has no copy of the texts).

``rw-eval`` and ``rw-tune`` are committed (docs/validation/rewritten/): real passages found with
the ``search`` tool, labelled from the real passage by PROGRAMMES.md, then rewritten entirely in
their own words (speaker, tense and shape kept) by helpers who never read the coder, since the
search corpus forbids verbatim copies. ``rw-eval`` (evaluation half of the host space) refuses
--errors; ``rw-tune`` (tuning half) is for tuning.

``--second-coder FILE`` (JSONL ``{"id", "themes"}``: the same passages labelled again from
PROGRAMMES.md by a hand that saw neither the first labels nor the coder) compares the two human
codings instead of running the coder: the same figures with the first coding as reference, plus
Cohen's kappa on mentions_digital. It needs only the committed labels, not the texts.
``--against-both FILE`` runs the coder and reads it against that second coding too, and on the
passages where both human codings give the same theme set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = Path("/work/private-validation/programmes")
DRAWS = 2_000
UNTOUCHED = frozenset(
    {"heldout3", "heldout4", "heldout5", "rw-eval"}
)  # samples whose misread passages nobody reads
# Real passages rewritten in our own words by helpers who never saw the coder, labelled from the
# real passage: committed (texts and labels), so they need no private folder.
REWRITTEN = {
    "rw-eval": ROOT / "docs/validation/rewritten/programmes-rw-eval.jsonl",
    "rw-tune": ROOT / "docs/validation/rewritten/programmes-rw-tune.jsonl",
}
# Samples from which passages whose page or site reached a tuning file are left out.
TUNED_LEFT_OUT = frozenset({"heldout4", "heldout5"})

Pair = tuple[frozenset[str], frozenset[str]]  # (expected themes, read themes)


def _load(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def host(url: str) -> str:
    bare = url.split("://", 1)[-1]
    return bare.split("/", 1)[0].lower().removeprefix("www.")


def address(url: str) -> str:
    return url.split("://", 1)[-1].lower().removeprefix("www.").rstrip("/")


def untouched(
    records: list[dict[str, object]], folder: Path
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Split records into (kept, left out): left out when the passage's page, or another page
    of the same site, is in a tuning*.jsonl of the folder."""
    tuned = [str(r["url"]) for path in sorted(folder.glob("tuning*.jsonl")) for r in _load(path)]
    addresses = {address(u) for u in tuned}
    hosts = {host(u) for u in tuned}
    kept: list[dict[str, object]] = []
    left: list[dict[str, object]] = []
    for r in records:
        url = str(r["url"])
        (left if address(url) in addresses or host(url) in hosts else kept).append(r)
    return kept, left


def _check_labels(private: list[dict[str, object]], committed: list[dict[str, object]]) -> None:
    """Stop when a private passage is not committed or carries other labels; a committed passage
    with no private copy (not recovered after a loss) is only counted."""
    mine = {str(r["id"]): (r["url"], sorted(r["themes"])) for r in private}  # type: ignore[arg-type]
    ours = {str(r["id"]): (r["url"], sorted(r["themes"])) for r in committed}  # type: ignore[arg-type]
    diff = sorted(k for k in mine if mine[k] != ours.get(k))
    if diff:
        sys.exit(f"labels differ from the committed ones for: {', '.join(diff[:20])}")
    missing = sorted(ours.keys() - mine.keys())
    if missing:
        print(f"{len(missing)} committed passages have no private copy: {', '.join(missing[:20])}")


def _check_texts(private: list[dict[str, object]], committed: list[dict[str, object]]) -> None:
    """Stop when a private text does not hash to the sha256 committed (or carried) for it."""
    hashes = {
        str(r["id"]): r["locator"]["sha256"]  # type: ignore[index]
        for r in committed
        if isinstance(r.get("locator"), dict) and r["locator"].get("sha256")  # type: ignore[union-attr]
    }
    wrong = []
    for r in private:
        text = hashlib.sha256(str(r.get("text", "")).encode("utf-8")).hexdigest()
        own = r.get("locator") if isinstance(r.get("locator"), dict) else {}
        expected = {hashes.get(str(r["id"])), own.get("sha256")}  # type: ignore[union-attr]
        if any(value and value != text for value in expected):
            wrong.append(str(r["id"]))
    if wrong:
        sys.exit(f"private texts differ from the ones labelled for: {', '.join(wrong[:20])}")


def _classify(records: list[dict[str, object]]) -> dict[str, frozenset[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        source.write_text(
            "".join(
                json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n"
                for r in records
            ),
            "utf-8",
        )
        command = [str(Path(sys.executable).parent / "barometre"), "programmes", "classify"]
        subprocess.run([*command, "--input", str(source), "--output", str(target)], check=True)
        return {str(r["id"]): frozenset(r["themes"]) for r in _load(target)}  # type: ignore[arg-type]


def _prf(pairs: Sequence[Pair]) -> tuple[float, float, float, float, float, float]:
    """(P, R, F1) for mentions_digital, then (P, R, F1) for themes micro-averaged."""
    dtp = dfp = dfn = ttp = tfp = tfn = 0
    for expected, read in pairs:
        dtp += bool(expected) and bool(read)
        dfp += bool(read) and not expected
        dfn += bool(expected) and not read
        ttp += len(expected & read)
        tfp += len(read - expected)
        tfn += len(expected - read)

    def score(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)

    return (*score(dtp, dfp, dfn), *score(ttp, tfp, tfn))


def _bootstrap(pairs: Sequence[Pair]) -> list[tuple[float, float]]:
    rng = random.Random(2026)
    draws = [_prf([rng.choice(pairs) for _ in pairs]) for _ in range(DRAWS)]
    bounds = []
    for i in range(6):
        values = sorted(draw[i] for draw in draws)
        bounds.append((values[int(0.025 * DRAWS)], values[int(0.975 * DRAWS) - 1]))
    return bounds


def _figures(pairs: Sequence[Pair]) -> None:
    point, bounds = _prf(pairs), _bootstrap(pairs)
    names = ["digital P", "digital R", "digital F1", "themes P", "themes R", "themes F1"]
    for name, value, (low, high) in zip(names, point, bounds, strict=True):
        print(f"{name:<11} {value:.3f}  [{low:.3f}, {high:.3f}]")


def against_both(
    records: Sequence[dict[str, object]], read: dict[str, frozenset[str]], path: Path
) -> None:
    """The coder against a second human coding, and on the passages where both humans gave
    the same theme set: how far the coder is from each, and where the humans do not hesitate."""
    second = {str(r["id"]): frozenset(r["themes"]) for r in _load(path)}  # type: ignore[arg-type]
    both = [r for r in records if str(r["id"]) in second]
    other = [(second[str(r["id"])], read[str(r["id"])]) for r in both]
    agreed = [
        (frozenset(r["themes"]), read[str(r["id"])])  # type: ignore[arg-type]
        for r in both
        if frozenset(r["themes"]) == second[str(r["id"])]  # type: ignore[arg-type]
    ]
    print(f"against the second coder: {len(other)} passages")
    _figures(other)
    digital = sum(1 for expected, _ in agreed if expected)
    print(f"on the passages both coders agree on: {len(agreed)} passages, {digital} digital")
    _figures(agreed)


def report(
    sample: str,
    folder: Path,
    errors: bool,
    keep_tuned: bool = False,
    both: Path | None = None,
    ids: str = "",
) -> None:
    if sample in REWRITTEN:
        private = _load(REWRITTEN[sample])
    else:
        private_path = folder / f"{sample}.jsonl"
        if not private_path.exists():
            print(f"no private copy at {private_path}: nothing to measure")
            return
        private = _load(private_path)
        committed = _load(_committed(sample))
        _check_labels(private, committed)
        _check_texts(private, committed)
    if ids:
        prefixes = tuple(p.strip() + "-" for p in ids.split(",") if p.strip())
        private = [r for r in private if str(r["id"]).startswith(prefixes)]
        if not private:
            print(f"no passage of {sample} has an id starting with {ids}")
            return
    if sample in TUNED_LEFT_OUT and not keep_tuned:
        private, left = untouched(private, folder)
        print(f"{len(left)} passages left out (their page or site is in a tuning*.jsonl)")
    read = _classify(private)
    pairs = [(frozenset(r["themes"]), read[str(r["id"])]) for r in private]  # type: ignore[arg-type]
    n_digital = sum(1 for expected, _ in pairs if expected)
    n_themes = sum(len(expected) for expected, _ in pairs)
    print(f"sample {sample}: n = {len(pairs)} passages, {n_digital} digital, {n_themes} themes")
    _figures(pairs)
    if both is not None:
        against_both(private, read, both)
    if errors:
        for record in private:
            expected, got = frozenset(record["themes"]), read[str(record["id"])]  # type: ignore[arg-type]
            if expected != got:
                print(f"{record['id']}: expected {sorted(expected)} read {sorted(got)}")
                print(f"    {record['text']}")


def cohen_kappa(pairs: Sequence[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa of two yes/no codings; None when chance agreement is 1."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first, second = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = first * second + (1 - first) * (1 - second)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def second_coder(sample: str, path: Path) -> None:
    """The committed labels against a second human coding of the same passages."""
    first = {str(r["id"]): frozenset(r["themes"]) for r in _load(_committed(sample))}  # type: ignore[arg-type]
    second = {str(r["id"]): frozenset(r["themes"]) for r in _load(path)}  # type: ignore[arg-type]
    both = sorted(first.keys() & second.keys())
    pairs = [(first[i], second[i]) for i in both]
    kappa = cohen_kappa([(bool(a), bool(b)) for a, b in pairs])
    same = sum(a == b for a, b in pairs)
    print(
        f"second coder against the first on {sample}: {len(pairs)} passages coded twice "
        f"({len(first) - len(pairs)} not), identical theme sets on {same}"
    )
    _figures(pairs)
    print(f"digital kappa {kappa:.3f}" if kappa is not None else "digital kappa undefined")


def _committed(sample: str) -> Path:
    return REWRITTEN.get(sample, ROOT / f"docs/validation/programmes-real-{sample}.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sample",
        default="heldout",
        help="heldout (default), heldout2, heldout-pooled, heldout3, heldout4, heldout5, tuning, "
        "tuning3, tuning5, tuning6, heldout-recovered, rw-eval or rw-tune (committed rewrites)",
    )
    parser.add_argument("--folder", type=Path, default=FOLDER, help="the private folder")
    parser.add_argument(
        "--ids", default="", help="only the passages whose id starts with one of these (pz,pw)"
    )
    parser.add_argument("--errors", action="store_true", help="list misread passages (private)")
    parser.add_argument(
        "--keep-tuned",
        action="store_true",
        help="heldout4/heldout5: keep passages whose page or site is also in a tuning*.jsonl",
    )
    parser.add_argument(
        "--second-coder", type=Path, help="JSONL {id, themes} of a second human coding"
    )
    parser.add_argument(
        "--against-both",
        type=Path,
        metavar="FILE",
        help="the coder against a second coding too, and on the passages both coders agree on",
    )
    args = parser.parse_args()
    if args.second_coder:
        second_coder(args.sample, args.second_coder)
        return
    if args.errors and args.sample in UNTOUCHED:
        sys.exit(f"--errors is refused for {args.sample}: its misreadings must not guide tuning")
    report(args.sample, args.folder, args.errors, args.keep_tuned, args.against_both, args.ids)


if __name__ == "__main__":
    main()
