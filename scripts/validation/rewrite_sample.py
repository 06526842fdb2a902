"""Tools for gathering a rewritten validation sample (docs/validation/rewritten/README.md).

A maintainer's tool for the helpers who gather samples; barometre never runs it. No network.

    python scripts/validation/rewrite_sample.py host URL
        prints `free eval`, `used tune`, ...: whether the site is in no committed sample (nor in
        the work folder) and which half of the host space it belongs to
    python scripts/validation/rewrite_sample.py add OUT.jsonl --half eval|tune --id ID --url URL
        --query Q --rank N (--labels 'service=level,...'|none | --themes 'a,b'|none --year Y)
        --why '...' --text-file FILE
        appends one record after checking the host, the half, the labels and the length

The work folder (default /work/private-validation/rewrites, or $BAROMETRE_REWRITES) holds the
helpers' files while a sample is being gathered; they hold only rewrites, never copies.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path

from barometre.programmes.analysis import load_themes
from barometre.referential.catalogue import default_catalogue

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "validation"
WORK = Path(os.environ.get("BAROMETRE_REWRITES", "/work/private-validation/rewrites"))
_URL = re.compile(r"https?://[^\s,|<>\"')\]]+")
MIN_TEXT = 80


def host(url: str) -> str:
    bare = url.split("://", 1)[-1].split("/", 1)[0].lower()
    return bare.removeprefix("www.").split(":")[0]


def half(url: str) -> str:
    """`eval` when the first hex digit of the host's SHA-1 is 0 to 7, else `tune`."""
    return "eval" if hashlib.sha1(host(url).encode()).hexdigest()[0] in "01234567" else "tune"


def used_hosts(*folders: Path) -> set[str]:
    """Every host named in the committed samples (and in the work folder's files)."""
    hosts: set[str] = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in {".csv", ".jsonl", ".md"}:
                text = path.read_text("utf-8", "replace")
                hosts.update(host(u) for u in _URL.findall(text))
    return hosts


def status(url: str, folders: tuple[Path, ...] | None = None) -> str:
    searched = folders if folders is not None else (COMMITTED, WORK)
    return f"{'used' if host(url) in used_hosts(*searched) else 'free'} {half(url)}"


def ceilings() -> dict[str, int]:
    return {s.id: s.max_level for s in default_catalogue().services}


def theme_ids() -> set[str]:
    return {t.id for t in load_themes().themes}


def parse_labels(raw: str, known: dict[str, int]) -> dict[str, int]:
    """'service=level,...' or 'none'; ValueError naming the problem."""
    labels: dict[str, int] = {}
    if raw == "none":
        return labels
    for part in raw.split(","):
        service, _, level = part.strip().partition("=")
        if service not in known:
            raise ValueError(f"unknown service {service!r}")
        if not level.isdigit() or not 0 <= int(level) <= known[service]:
            raise ValueError(f"level of {service} must be 0..{known[service]}")
        labels[service] = int(level)
    return labels


def parse_themes(raw: str, known: set[str]) -> list[str]:
    themes = [] if raw == "none" else [t.strip() for t in raw.split(",")]
    unknown = [t for t in themes if t not in known]
    if unknown:
        raise ValueError(f"unknown themes {unknown}")
    return sorted(themes)


def add(args: argparse.Namespace) -> str:
    out = Path(args.out) if Path(args.out).is_absolute() else WORK / args.out
    found = status(args.url)
    if found != f"free {args.half}":
        raise ValueError(f"host is '{found}', need 'free {args.half}'")
    text = Path(args.text_file).read_text("utf-8").strip()
    if len(text) < MIN_TEXT:
        raise ValueError("text too short")
    record: dict[str, object] = {
        "id": args.id,
        "url": args.url,
        "locator": {"query": args.query, "rank": args.rank},
    }
    if args.labels is not None:
        record["labels"] = parse_labels(args.labels, ceilings())
    elif args.themes is not None:
        record["themes"] = parse_themes(args.themes, theme_ids())
        record["year"] = args.year
    else:
        raise ValueError("give --labels (pages) or --themes (passages)")
    record["why"], record["text"] = args.why, text
    if out.exists():
        ids = {json.loads(line)["id"] for line in out.read_text("utf-8").splitlines() if line}
        if args.id in ids:
            raise ValueError(f"id {args.id} already in {out}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return f"OK: {args.id} appended to {out}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("host")
    check.add_argument("url")
    append = sub.add_parser("add")
    append.add_argument("out")
    append.add_argument("--half", required=True, choices=["eval", "tune"])
    for name in ("--id", "--url", "--query", "--why", "--text-file"):
        append.add_argument(name, required=True)
    append.add_argument("--rank", type=int, required=True)
    append.add_argument("--labels")
    append.add_argument("--themes")
    append.add_argument("--year", default="")
    args = parser.parse_args(argv)
    try:
        print(status(args.url) if args.command == "host" else add(args))
    except ValueError as error:
        print(f"REFUSED: {error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
