"""Benchmark: do the campaign's scores stay cached while auditors review and readers read?

    python bench/page_cache.py [--home DIR] [--communes 1000] [--rounds 40] [--pages 40]

Setup (not timed): the demonstration observatory of `barometre quickstart --no-serve` in DIR (a
temporary folder by default, where it is run first; SQLite), and a campaign « bench-cache »
over the --communes most populous communes, one imported level per cell (made up), created
once. The cache settings are those of production: the page cache culls a third of its entries
at random once it holds 300.

Then rounds, in this process with Django's test client: an auditor records a review
(`assessment_record`); a reader opens the campaign overview, which computes the scores of the new
state (needed: once per round); the auditor opens the review queue and the review pages of the
next three cells; readers open --pages commune pages (each shows the commune within the
campaign's scores); then a reader served by another process (this process's memos emptied)
opens the overview again. Every computation of the scores beyond one per round was made at a
state already scored, because a cache had dropped them: the bench counts them, and the time
they cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--home", type=Path, help="a quickstart data folder (else a new one)")
    parser.add_argument("--communes", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="barometre-bench-page-cache-"))
    os.environ["BAROMETRE_HOME"] = str(home)
    os.environ.pop("DATABASE_URL", None)
    if args.home is None:
        started = time.perf_counter()
        command = [sys.executable, "-m", "barometre", "quickstart", "--no-serve", "-v", "0"]
        env = {**os.environ, "PYTHONPATH": str(SRC)}
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        print(f"setup (not timed): quickstart in {home}, {time.perf_counter() - started:.0f} s")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings")
    import django

    django.setup()
    _session(_campaign(args.communes), args.rounds, args.pages)


def _campaign(communes: int) -> Any:
    """The campaign « bench-cache » over the most populous communes, every cell measured."""
    from django.utils import timezone

    from barometre.assessments.models import Source
    from barometre.assessments.services import assessments_record_many
    from barometre.assessments.services.record import NewValue
    from barometre.referential.models import Campaign
    from barometre.referential.services import campaign_create

    campaign = Campaign.objects.filter(name=NAME).first() or campaign_create(
        name=NAME, spec=f"top:{communes}"
    )
    if campaign.cells.exists():
        return campaign
    services = list(campaign.catalogue.services.values_list("slug", "max_level"))
    codes = list(campaign.communes.values_list("code", flat=True))
    values = [
        NewValue(code, slug, (i * 7 + j * 3) % (top + 1), evidence_url=f"https://v.test/{code}")
        for i, code in enumerate(codes)
        for j, (slug, top) in enumerate(services)
    ]
    assessments_record_many(
        campaign=campaign, values=values, source=Source.IMPORT, author="bench", now=timezone.now()
    )
    return campaign


NAME = "bench-cache"


def _session(campaign: Any, rounds: int, readers: int) -> None:
    from django.core.cache import cache
    from django.test import Client

    from barometre.accounts.roles import user_create
    from barometre.assessments.models import Cell
    from barometre.core import statecache
    from barometre.web import selectors

    cache.clear()
    computed = _count_computations(selectors)
    auditor = user_create(
        username=f"bench-{time.time_ns()}", role="auditeur", password="banc-de-mesure-2026"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(auditor)
    cells = list(Cell.objects.filter(campaign=campaign).select_related("commune", "service"))
    codes = sorted({cell.commune_id for cell in cells})
    timings: list[float] = []
    started = time.perf_counter()
    for n in range(rounds):
        _review(campaign, cells[n % len(cells)], n, auditor.username)
        before = time.perf_counter()
        _get(client, f"/campagne/{campaign.name}/")  # the scores of the new state: needed
        timings.append(time.perf_counter() - before)
        pages = [f"/revue/?campagne={campaign.name}"]
        pages += [f"/revue/cellule/{cells[(n + k) % len(cells)].pk}/" for k in (1, 2, 3)]
        pages += [f"/commune/{codes[(n * readers + k) % len(codes)]}/" for k in range(readers)]
        for page in pages:
            _get(client, page)
        statecache.MEMO.clear()  # another server process: only the shared caches
        selectors._CONTEXTS.clear()
        _get(client, f"/campagne/{campaign.name}/")
    seconds = time.perf_counter() - started
    print(f"{rounds} rounds on {campaign.name} ({len(codes)} communes), {seconds:.0f} s")
    _print(campaign, computed)
    print(f"overview after a review (one computation), median: {statistics.median(timings):.2f} s")
    print(f"page cache entries at the end: {len(cache._list_cache_files())}")  # type: ignore[attr-defined]


def _review(campaign: Any, cell: Any, n: int, author: str) -> None:
    from django.utils import timezone

    from barometre.assessments.models import Source
    from barometre.assessments.services import assessment_record

    assessment_record(
        campaign=campaign,
        commune=cell.commune,
        service=cell.service,
        level=n % (cell.service.max_level + 1),
        source=Source.HUMAN,
        now=timezone.now(),
        evidence_url=f"https://ville.test/{cell.commune_id}/{n}",
        author=author,
    )


def _count_computations(selectors: Any) -> list[tuple[int, str]]:
    """Record each call of `report_data` the pages make (the scoring itself): the campaign and
    its state then (`campaign_state`: its values, blind answers, name, dates)."""
    from barometre.outputs.published import campaign_state

    calls: list[tuple[int, str]] = []
    real = selectors.report_data

    def counted(**kwargs: Any) -> Any:
        calls.append((kwargs["campaign"].pk, campaign_state(kwargs["campaign"])))
        return real(**kwargs)

    selectors.report_data = counted
    return calls


def _print(campaign: Any, calls: list[tuple[int, str]]) -> None:
    mine = [call for call in calls if call[0] == campaign.pk]
    others = [call for call in calls if call[0] != campaign.pk]
    print(
        f"scores of {campaign.name} computed {len(mine)} times for {len(set(mine))} states: "
        f"{len(mine) - len(set(mine))} at a state already scored (dropped by a cache)"
    )
    print(
        f"scores of other campaigns (their commune pages) computed {len(others)} times for "
        f"{len(set(others))} states"
    )


def _get(client: Any, path: str) -> None:
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code}")


if __name__ == "__main__":
    main()
