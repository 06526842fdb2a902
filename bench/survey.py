"""Benchmark: the maturity survey of 100 collectivités x 200 respondents, every report computed.

    python bench/survey.py [--units N] [--respondents N] [--seed S]

Setup (not timed, printed): a temporary BAROMETRE_HOME with a SQLite database (or the database
of DATABASE_URL, whose bench rows are removed at the end), N made-up communes spread over the
population brackets, one campaign over them and N x R random respondents (about 8 % "je ne
sais pas"), written with bulk_create, then the campaign closed (only a closed one has a
report).

Timed: read every answer from the database and score every collectivité, peers and all
respondents (with the anonymity rule); build the report data (weakest axes, gaps, evolution
look-ups); render it as JSON and as HTML (radar spec and tables of every collectivité).
Target: under 10 s in total.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from datetime import date

NAME = "bench-enquete"
POPULATIONS = (800, 5_000, 20_000, 70_000, 150_000, 400_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="barometre-bench-survey-")
    os.environ["BAROMETRE_HOME"] = home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    try:
        started = time.perf_counter()
        _prepare(args.units, args.respondents, args.seed)
        print(
            f"setup: {args.units} collectivités x {args.respondents} respondents "
            f"in {time.perf_counter() - started:.1f} s (not timed)"
        )
        _measure()
    finally:
        if os.environ.get("DATABASE_URL"):
            _cleanup()
        shutil.rmtree(home, ignore_errors=True)


def _prepare(units: int, respondents: int, seed: int) -> None:
    from barometre.referential.brackets import bracket_for
    from barometre.referential.models import Commune, Department, Region
    from barometre.survey.models import SurveyResponse
    from barometre.survey.services import (
        questionnaire_spec,
        survey_campaign_close,
        survey_campaign_create,
        survey_campaign_open,
    )

    region, _ = Region.objects.get_or_create(code="98", defaults={"name": "Banc d'essai"})
    dep, _ = Department.objects.get_or_create(
        code="98", defaults={"name": "Banc d'essai", "region": region}
    )
    rng = random.Random(seed)
    codes = [f"98{i:03d}" for i in range(units)]
    Commune.objects.bulk_create(
        Commune(
            code=c,
            name=f"Banc {c}",
            department=dep,
            region=region,
            population=p,
            bracket=bracket_for(p),
        )
        for c, p in ((c, POPULATIONS[i % len(POPULATIONS)]) for i, c in enumerate(codes))
    )
    campaign = survey_campaign_create(name=NAME, collectivites=codes, today=date(2026, 12, 3))
    survey_campaign_open(name=NAME)
    spec = questionnaire_spec(campaign.questionnaire)
    roles = list(spec.roles)
    rows = []
    for unit in campaign.units.all():
        level = rng.uniform(0.5, 3.5)
        for _ in range(respondents):
            answers = {
                s: None if rng.random() < 0.08 else max(0, min(4, round(rng.gauss(level, 1))))
                for s in spec.statement_ids
            }
            rows.append(
                SurveyResponse(
                    campaign=campaign,
                    unit=unit,
                    role=rng.choice(roles),
                    answers=answers,
                    submitted_on=date(2026, 12, 3),
                    channel="import",
                )
            )
    SurveyResponse.objects.bulk_create(rows, batch_size=5000)
    survey_campaign_close(name=NAME)  # only a closed campaign has a report


def _measure() -> None:
    from barometre.survey.reports.csv_report import csv_render
    from barometre.survey.reports.data import score_cache, survey_report_data
    from barometre.survey.reports.html_report import html_render
    from barometre.survey.reports.json_report import json_render
    from barometre.survey.reports.pdf_report import pdf_render
    from barometre.survey.services import survey_campaign_get

    campaign = survey_campaign_get(name=NAME)
    timings = {}
    t0 = time.perf_counter()
    cache = score_cache()
    scores = cache.of(campaign)
    timings["read answers + score every group"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    report = survey_report_data(campaign=campaign, today=date(2026, 12, 3), cache=cache)
    timings["report data (weakest, gaps, evolution)"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    text = json_render(report)
    timings["JSON render"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    html = html_render(report)
    timings["HTML render"] = time.perf_counter() - t3
    t4 = time.perf_counter()
    table = csv_render(report)
    timings["CSV render"] = time.perf_counter() - t4
    total = time.perf_counter() - t0
    for label, seconds in timings.items():
        print(f"{label:45s} {seconds:6.2f} s")
    shown = sum(1 for u in scores.units.values() if u.total.published)
    print(f"{'total (target < 10 s)':45s} {total:6.2f} s")
    t5 = time.perf_counter()
    pdf = pdf_render(report)  # apart: a radar drawn and a page laid out per collectivité
    print(f"{'PDF render (apart)':45s} {time.perf_counter() - t5:6.2f} s")
    print(f"CSV {len(table) / 1e6:.1f} MB, PDF {len(pdf) / 1e6:.1f} MB")
    print(
        f"collectivités scored: {len(scores.units)} ({shown} shown); "
        f"JSON {len(text) / 1e6:.1f} MB, HTML {len(html) / 1e6:.1f} MB"
    )
    print(
        f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} cores (shared machine)"
    )


def _cleanup() -> None:
    from barometre.referential.models import Commune
    from barometre.survey.models import SurveyCampaign

    SurveyCampaign.objects.filter(name=NAME).delete()
    Commune.objects.filter(code__startswith="98", name__startswith="Banc ").delete()


if __name__ == "__main__":
    main()
