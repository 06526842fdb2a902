"""Benchmark: score a national campaign pair, from the database to the JSON report.

    python bench/scoring.py [--communes N] [--seed S] [--keep]

Setup (not timed, but printed): a temporary BAROMETRE_HOME with a SQLite database (or the
database of DATABASE_URL, whose bench campaigns are removed at the end), the shipped territories
(34,969 communes), the default catalogue (18 services), and two campaigns over all communes with
random levels (about 10 % not applicable), written with bulk_create.

Timed, in a fresh child process so that its peak memory is its own: read both grids from the
database, score the campaign, compare it with the earlier one (Wilcoxon per domain, bootstrap
intervals) and write the JSON report. Target: under 5 s and under 1 GB. Python imports (Django,
numpy, scipy.stats) happen before the clock starts; the time scipy.stats takes is printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

BEFORE, AFTER = "bench-2014", "bench-2026"
_BATCH = 20_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--communes", type=int, default=0, help="0 = all communes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    parser.add_argument("--measure", metavar="JSON", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure(Path(args.measure))
        return
    home = tempfile.mkdtemp(prefix="barometre-bench-scoring-")
    os.environ["BAROMETRE_HOME"] = home
    _setup_django()
    try:
        _prepare(args.communes, args.seed)
        out = Path(home) / "report.json"
        subprocess.run([sys.executable, __file__, "--measure", str(out)], check=True)
    finally:
        if os.environ.get("DATABASE_URL"):
            _cleanup()
        if args.keep:
            print(
                f"data kept in {home} (rerun the timing: BAROMETRE_HOME={home} "
                f"python bench/scoring.py --measure {home}/report.json)"
            )
        else:
            shutil.rmtree(home, ignore_errors=True)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings")
    import django

    django.setup()


def _prepare(limit: int, seed: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from barometre.referential.models import Campaign
    from barometre.referential.services import campaign_create, territories_load

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    now = timezone.now()
    territories_load(now=now)
    spec = "all" if not limit else f"top:{limit}"
    rng = np.random.default_rng(seed)
    for name, mean_shift in ((BEFORE, 0), (AFTER, 1)):
        if Campaign.objects.filter(name=name).exists():
            _cleanup()
        campaign = campaign_create(name=name, spec=spec)
        with transaction.atomic():
            cells = _fill(campaign, rng, mean_shift, now)
        print(f"{name}: {cells:,} cells written")
    print(f"setup (not timed): {time.perf_counter() - started:.1f} s")


def _fill(campaign, rng, shift: int, now) -> int:  # type: ignore[no-untyped-def]
    """Write one assessment and one cell per (commune, service), random levels, 10 % n/a."""
    from barometre.assessments.models import Assessment, Cell

    codes = list(campaign.communes.order_by("code").values_list("code", flat=True))
    services = list(campaign.catalogue.services.values_list("pk", flat=True))
    total = 0
    for start in range(0, len(codes), _BATCH // len(services) + 1):
        block = codes[start : start + _BATCH // len(services) + 1]
        levels = np.clip(rng.integers(0, 5, size=(len(block), len(services))) + shift, 0, 5)
        na = rng.random(size=levels.shape) < 0.1
        assessments = [
            Assessment(
                campaign=campaign,
                commune_id=code,
                service_id=pk,
                level=None if na[i, j] else int(levels[i, j]),
                not_applicable=bool(na[i, j]),
                source="import",
                evidence_url="" if na[i, j] else "https://bench.test/preuve",
                author="bench",
                created_at=now,
            )
            for i, code in enumerate(block)
            for j, pk in enumerate(services)
        ]
        Assessment.objects.bulk_create(assessments, batch_size=5000)
        Cell.objects.bulk_create(
            (
                Cell(
                    campaign=campaign,
                    commune_id=a.commune_id,
                    service_id=a.service_id,
                    level=a.level,
                    not_applicable=a.not_applicable,
                    source=a.source,
                    assessment=a,
                )
                for a in assessments
            ),
            batch_size=5000,
        )
        total += len(assessments)
    return total


def _measure(out: Path) -> None:
    _setup_django()
    from django.utils import timezone

    from barometre.assessments.selectors import campaign_grid
    from barometre.outputs.data import DEFAULT_SEED, CampaignInfo, ReportData
    from barometre.outputs.json_report import json_write
    from barometre.referential.models import Campaign
    from barometre.scoring import DEFAULT_RESAMPLES, campaign_scores, campaigns_compare

    import_started = time.perf_counter()
    import scipy.stats  # noqa: F401  (imported lazily by the Wilcoxon test; imports are not timed)

    import_seconds = time.perf_counter() - import_started

    # The same steps as outputs.data.report_data, timed one by one.
    cpu_start = _cpu_seconds()
    laps = [("start", time.perf_counter())]
    after = Campaign.objects.select_related("catalogue").get(name=AFTER)
    before = Campaign.objects.select_related("catalogue").get(name=BEFORE)
    grid_after = campaign_grid(after)
    grid_before = campaign_grid(before)
    laps.append(("read both grids from the database", time.perf_counter()))
    rng = np.random.default_rng(DEFAULT_SEED)
    scores = campaign_scores(grid_after, rng=rng)
    laps.append(("score the campaign (with bootstrap)", time.perf_counter()))
    comparison = campaigns_compare(grid_before, grid_after, rng=rng)
    laps.append(("compare the two campaigns", time.perf_counter()))
    data = ReportData(
        campaign=CampaignInfo.of(after),
        grid=grid_after,
        scores=scores,
        generated_at=timezone.now(),
        seed=DEFAULT_SEED,
        resamples=DEFAULT_RESAMPLES,
        reference=CampaignInfo.of(before),
        comparison=comparison,
    )
    json_write(data, out)
    laps.append((f"write the JSON report ({out.stat().st_size / 1e6:.1f} MB)", time.perf_counter()))
    cpu = _cpu_seconds() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows, cols = grid_after.shape
    print(f"grid: {rows:,} communes x {cols} services x 2 campaigns")
    print(f"(not timed: importing scipy.stats took {import_seconds:.2f} s)")
    for (_, previous), (label, at) in zip(laps, laps[1:], strict=False):
        print(f"  {label}: {at - previous:.2f} s")
    print(f"total, database to JSON report: {laps[-1][1] - laps[0][1]:.2f} s (target < 5 s)")
    print(f"CPU time of those steps: {cpu:.2f} s (wall time grows when other work shares the CPU)")
    print(f"peak memory (max RSS of the process): {peak_mb:.0f} MB (target < 1024 MB)")


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _cleanup() -> None:
    from barometre.assessments.models import Assessment, Cell
    from barometre.referential.models import Campaign

    for name in (BEFORE, AFTER):
        Cell.objects.filter(campaign__name=name).delete()
        Assessment.objects.filter(campaign__name=name).delete()
        Campaign.objects.filter(name=name).delete()


if __name__ == "__main__":
    main()
