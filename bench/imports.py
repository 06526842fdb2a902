"""Benchmark: import the national grid (34,969 communes x 18 services) from a CSV.

    python bench/imports.py [--keep]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/barometre_bench_imports python bench/imports.py

Setup (not timed, printed): a temporary BAROMETRE_HOME with a SQLite database (or the database of
DATABASE_URL, created if missing, whose bench campaign is removed at the end), the shipped
territories (34,969 communes), the default catalogue (18 services), a campaign over all communes,
and two long-form CSV files written by this script: a quarter of the grid and the whole grid
(629,442 rows, about 31 MB; random levels, 10 % not applicable).

Timed, each in a fresh child process so that its peak memory is its own: `barometre assessments
import` of the quarter file, then of the whole file (which updates the quarter's cells and creates
the others). Target: the whole grid in under 60 s and under 300 MB, and the peak memory of the two
imports about the same (memory flat whatever the file's size).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CAMPAIGN = "bench-imports"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    parser.add_argument("--measure", metavar="CSV", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure(Path(args.measure))
        return
    home = Path(tempfile.mkdtemp(prefix="barometre-bench-imports-"))
    os.environ["BAROMETRE_HOME"] = str(home)
    _create_postgres_database()
    _setup_django()
    try:
        quarter, whole = _prepare(home, args.seed)
        print(f"load: {os.getloadavg()[0]:.1f} (1-minute load average on {os.cpu_count()} cores)")
        for path in (quarter, whole):
            subprocess.run([sys.executable, __file__, "--measure", str(path)], check=True)
    finally:
        if os.environ.get("DATABASE_URL"):
            _cleanup()
        if args.keep:
            print(f"data kept in {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)


def _create_postgres_database() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings")
    import django

    django.setup()


def _prepare(home: Path, seed: int) -> tuple[Path, Path]:
    from django.core.management import call_command
    from django.utils import timezone

    from barometre.referential.models import Campaign
    from barometre.referential.services import campaign_create, territories_load

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    territories_load(now=timezone.now())
    if Campaign.objects.filter(name=CAMPAIGN).exists():
        _cleanup()
    campaign = campaign_create(name=CAMPAIGN, spec="all")
    codes = list(campaign.communes.order_by("code").values_list("code", flat=True))
    services = list(campaign.catalogue.services.order_by("slug").values_list("slug", "max_level"))
    rng = random.Random(seed)
    whole = _write_grid(home / "grille-nationale.csv", codes, services, rng)
    quarter = _write_grid(home / "grille-quart.csv", codes[: len(codes) // 4], services, rng)
    for path in (quarter, whole):
        print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB")
    print(f"setup (not timed): {time.perf_counter() - started:.1f} s")
    return quarter, whole


def _write_grid(
    path: Path, codes: list[str], services: list[tuple[str, int]], rng: random.Random
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("commune_code,service_id,level,evidence_url,note\n")
        for code in codes:
            for slug, top in services:
                if rng.random() < 0.1:
                    out.write(f"{code},{slug},na,,\n")
                else:
                    level = rng.randint(0, top)
                    url = f"https://v{code}.test/{slug}" if level else ""
                    out.write(f"{code},{slug},{level},{url},\n")
    return path


def _measure(path: Path) -> None:
    _setup_django()
    from django.utils import timezone

    from barometre.assessments.services import assessments_import
    from barometre.referential.models import Campaign

    campaign = Campaign.objects.get(name=CAMPAIGN)
    server_start = _server_cpu_seconds()
    cpu_start = _cpu_seconds()
    started = time.perf_counter()
    summary = assessments_import(campaign=campaign, path=path, author="bench", now=timezone.now())
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_start
    server = _server_cpu_seconds() - server_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = path.stat().st_size / 1e6
    print(f"{path.name} ({size:.1f} MB, {summary.cells:,} cells, {summary.communes:,} communes):")
    print(f"  wall {seconds:.1f} s (target < 60 s), CPU {cpu:.1f} s", end="")
    print(f" + database server CPU {server:.1f} s" if server else "")
    print(f"  peak memory (max RSS of the process): {peak_mb:.0f} MB (target < 300 MB)")


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _server_cpu_seconds() -> float:
    """CPU time of this connection's PostgreSQL backend (same machine), 0 for SQLite (in
    process, counted in the process's CPU)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0  # the server runs elsewhere
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cleanup() -> None:
    from barometre.assessments.models import Assessment, Cell, ImportBatch
    from barometre.referential.models import Campaign

    campaign = Campaign.objects.filter(name=CAMPAIGN).first()
    if campaign is None:
        return
    Cell.objects.filter(campaign=campaign).delete()
    Assessment.objects.filter(campaign=campaign).delete()
    ImportBatch.objects.filter(campaign=campaign).delete()
    campaign.delete()


if __name__ == "__main__":
    main()
