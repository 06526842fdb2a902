"""Benchmark: the websites registry exported, then imported back (dry run and for real).

    python bench/websites.py [--keep]

Setup (not timed, printed): a temporary BAROMETRE_HOME with a SQLite database, `barometre init`
(34,969 communes and the shipped registry of about 16,000 commune websites).

Timed, each command in a child process (its peak memory is its own): `barometre websites
export` of every commune website; `websites import --dry-run` of that file (every site named,
every site already as it says after a first import, or changed from the registry's source
before it); then `websites import` of a mixed file written from the export: 60 % of its rows,
5 % of them made inactive, 3 % with a note, plus a new primary site for 800 communes. No target
is set in an issue; the figures say what an operator waits for a national file.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BAROMETRE = [sys.executable, "-m", "barometre"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="barometre-bench-websites-"))
    env = {**os.environ, "BAROMETRE_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    try:
        started = time.perf_counter()
        subprocess.run([*BAROMETRE, "init", "-v", "0"], env=env, check=True)
        print(f"setup: init in {time.perf_counter() - started:.1f} s ({home})")
        print(f"load: {os.getloadavg()[0]:.1f} (1-minute load average on {os.cpu_count()} cores)")
        exported = home / "sites.csv"
        _timed("export", ["websites", "export", str(exported)], env)
        mixed = _mixed(exported, home / "mixed.csv", args.seed)
        for name, path in (("the export", exported), ("mixed", mixed)):
            _timed(
                f"import --dry-run ({name})", ["websites", "import", str(path), "--dry-run"], env
            )
            _timed(f"import ({name})", ["websites", "import", str(path)], env)
    finally:
        if args.keep:
            print(f"data kept in {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)


def _timed(label: str, command: list[str], env: dict[str, str]) -> None:
    """Run one barometre command in a child process; print its time, its own peak memory (the
    child's rusage, from wait4) and what it said."""
    started = time.perf_counter()
    child = subprocess.Popen([*BAROMETRE, *command], env=env, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    lines = child.stdout.read().splitlines()
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if status:
        raise SystemExit(f"{label}: exit status {status}")
    said = next((line for line in lines if line.startswith("Sites web")), lines[0] if lines else "")
    print(f"{label:30} {elapsed:6.2f} s  peak {usage.ru_maxrss / 1024:4.0f} MB  | {said}")


def _mixed(exported: Path, out: Path, seed: int) -> Path:
    """60 % of the export's rows, some made inactive or noted, and 800 new primary sites."""
    rng = random.Random(seed)
    with exported.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    kept = []
    for code, url, primary, active, note in rows:
        draw = rng.random()
        if draw < 0.05:
            active, primary = "false", "false"
        elif draw < 0.08:
            note = "vérifié"
        if draw < 0.6:
            kept.append([code, url, primary, active, note])
    codes = sorted({row[0] for row in rows})[:800]
    chosen = set(codes)
    for row in kept:  # the new site becomes the primary one: the file names one at most
        if row[0] in chosen:
            row[2] = "false"
    kept += [[code, f"https://nouveau-{code.lower()}.fr", "true", "true", ""] for code in codes]
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *kept])
    return out


if __name__ == "__main__":
    main()
