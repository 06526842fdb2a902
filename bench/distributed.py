"""Distributed audit throughput: the same farm audited by 1, then 2 `barometre worker` processes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/barometre_dist \\
        .venv/bin/python bench/distributed.py [--sites 400] [--pages 10] [--workers 1 2]

The farm (`python -m barometre.farm`) is generated before any timing and served by its own
process. For each worker count, a fresh demonstration campaign over the farm's communes is queued
as Celery tasks (`audit --distributed`, politeness delays off as in bench/audit.py), then that
many workers run until no site is pending. Prints pages/s, the CPU and peak memory of every worker
(one process each), the farm's CPU, the scaling ratio, and the Redis memory per queued site (the
Celery message and the board's entry).
Uses the Redis key namespace `barometre-dist-bench` (deleted at the end).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("BAROMETRE_LOOPBACK_ONLY", "1")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
NAMESPACE = "barometre-dist-bench"
_MEASURES = re.compile(r"(\d+) pages .*CPU ([\d.]+) s, mémoire au plus (\d+) Mo")


def _setup() -> None:
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database (workers share it)")
    os.environ.setdefault("BAROMETRE_HOME", tempfile.mkdtemp(prefix="barometre-bench-dist-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "barometre.settings"
    os.environ["BAROMETRE_QUEUE_NAMESPACE"] = NAMESPACE
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _start_farm(args: argparse.Namespace, out: Path) -> tuple[subprocess.Popen[str], int]:
    from barometre.farm.process import start_farm_process

    return start_farm_process(sites=args.sites, pages=args.pages, seed=1, slow_delay=0.5, out=out)


def _campaign(name: str, communes_csv: Path) -> object:
    import csv

    from barometre.collection.services.demo import FarmCommune, farm_campaign_create

    with communes_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    communes = [
        FarmCommune(r["code_insee"], r["nom"], int(r["population"]), r["url"]) for r in rows
    ]
    return farm_campaign_create(name=name, communes=communes)


def _services_cpu() -> dict[str, float]:
    """CPU seconds used so far by PostgreSQL and Redis (with their reaped children: PostgreSQL
    runs a backend per connection, gone when a worker exits)."""
    totals = {"postgres": 0.0, "redis-server": 0.0}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        key = "redis-server" if name.startswith("redis-server") else name
        if key in totals:
            fields = text.rsplit(")", 1)[1].split()
            totals[key] += sum(int(fields[i]) for i in (11, 12, 13, 14)) / tick
    return totals


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(workers: int, port: int, out: Path, args: argparse.Namespace) -> dict[str, object]:
    from barometre.collection.services import AuditOptions
    from barometre.collection.services.distributed import board_for, campaign_enqueue

    name = f"bench-dist-{workers}-{int(time.time())}"
    campaign = _campaign(name, out / "communes.csv")
    board = board_for(name)
    options = AuditOptions(
        farm_address=f"127.0.0.1:{port}", allow_private=True, polite=False, page_budget=150
    )
    queued = campaign_enqueue(campaign=campaign, board=board, options=options)  # type: ignore[arg-type]
    redis_bytes = board.memory()
    farm_cpu0 = _cpu_seconds(args.farm_pid)
    services0 = _services_cpu()
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", "from barometre.cli import main; main()", "worker"]
            + ["--campaign", name, "--window", str(args.window)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    outputs = [proc.communicate()[0] for proc in procs]
    wall = time.perf_counter() - started
    farm_cpu = _cpu_seconds(args.farm_pid) - farm_cpu0
    services = {k: v - services0[k] for k, v in _services_cpu().items()}
    measures = []
    for text in outputs:
        found = _MEASURES.search(text)
        if found is None:
            raise SystemExit(f"a worker failed: {text}")
        measures.append(tuple(float(x) for x in found.groups()))
    board.clear()
    pages = sum(m[0] for m in measures)
    return {
        "workers": workers,
        "sites": queued.sites_added,
        "pages": pages,
        "wall": wall,
        "rate": pages / wall,
        "measures": measures,
        "farm_cpu": farm_cpu,
        "services": services,
        "redis_per_site": redis_bytes / max(queued.sites_added, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=400)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--window", type=int, default=64)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    _setup()
    out = Path(tempfile.mkdtemp(prefix="barometre-bench-farm-"))
    farm, port = _start_farm(args, out)
    args.farm_pid = farm.pid
    results = []
    try:
        for count in args.workers:
            results.append(run(count, port, out, args))
    finally:
        farm.terminate()
        farm.wait()
    print(f"farm: {args.sites} sites x {args.pages} pages, window {args.window} per worker")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (2 cores)")
    for r in results:
        print(
            f"{r['workers']} worker(s): {int(r['pages'])} pages in {r['wall']:.1f} s, "
            f"{r['rate']:.1f} pages/s; CPU of the farm {r['farm_cpu']:.1f} s, PostgreSQL "
            f"{r['services']['postgres']:.1f} s, Redis {r['services']['redis-server']:.1f} s; "
            f"Redis {r['redis_per_site']:.0f} bytes per queued site"
        )
        for index, (pages, cpu, peak) in enumerate(r["measures"], 1):
            print(
                f"  worker {index} (one process): {int(pages)} pages, CPU {cpu:.1f} s "
                f"({1000 * cpu / max(pages, 1):.2f} ms/page, {cpu / r['wall']:.2f} core), "
                f"peak memory {peak:.0f} MB"
            )
    if len(results) >= 2:
        ratio = results[-1]["rate"] / results[0]["rate"]  # type: ignore[operator]
        print(f"scaling {results[0]['workers']} -> {results[-1]['workers']} workers: {ratio:.2f}x")


if __name__ == "__main__":
    main()
