"""Benchmark: response times of the public pages, the API and the PDF on a national campaign.

    python bench/web.py [--communes N] [--repeat 20] [--url NAME=PATH ...] [--only] [--keep]
                        [--setup-only] [--database-url URL]

Setup (not timed, printed): a dedicated PostgreSQL database (barometre_bench_web on
127.0.0.1:5432, or --database-url; a `sqlite:///PATH` URL gives a SQLite file instead, for the
open data sizes of docs/opendata.md), created and dropped by the bench; migrations; the shipped
territories (34,969 communes); two campaigns over all communes with the default catalogue
(18 services), one assessment and one cell per (commune, service), written with COPY
(executemany on SQLite; 70 % automatic, 20 % reviewed, 10 % imported; about 10 % not applicable).

Timed: the Django application served by a WSGI server on 127.0.0.1 (a thread of this process),
requested over HTTP one request at a time. Each URL is requested once to warm caches (shown as
"first"), then --repeat times; the median and 95th percentile are printed. Targets: p95 under
300 ms for pages and API, the PDF of one commune under 5 s. A URL answering 404 is skipped with
a message: the public pages belong to the web package and may not exist on every branch.
Path placeholders: {campaign}, {before}, {commune}, {region}.

Then the auditors' workspace: a coordinator draws 1,000 cells of the national campaign for
blind double coding (timed once: the arbitration page's form does this in its request; target
under 5 s), two auditors' answers are written (not timed; one cell in ten disagrees), and the
review queue, the review page of its first cell, the arbitration page and the methodology
page (blind codings against the proposals) are requested in this process by Django's test
client, logged in, as above.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

BEFORE, AFTER = "bench-web-2014", "bench-web-2026"
DB_NAME = "barometre_bench_web"
COMMUNE, REGION = "75056", "84"  # Paris; Auvergne-Rhône-Alpes, the region with most communes
PAGES = {
    "home": "/",
    "overview": "/campagne/{campaign}/",
    "commune page": "/commune/{commune}/",
    "heatmap of a region": "/campagne/{campaign}/carte-de-chaleur/?region={region}",
    "ranking, last page": "/campagne/{campaign}/classement/?page=last",
    "API communes search": "/api/v1/communes?q=saint&region={region}",
    "API cells, first page": "/api/v1/cells?campaign={campaign}&limit=100",
    "API cells, one commune": "/api/v1/cells?campaign={campaign}&commune={commune}",
    "API cells, deep page": "/api/v1/cells?campaign={campaign}&limit=100&offset=600000",
    "API scores of communes": "/api/v1/scores?campaign={campaign}&scope=commune&offset=30000",
    "API comparison": "/api/v1/comparisons?campaign={campaign}&reference={before}",
}
PDF = {"PDF of a commune": "/pdf/commune/{campaign}/{commune}.pdf"}
TARGET_MS, PDF_TARGET_S = 300, 5
WORKSPACE = {
    "review queue": "/revue/?campagne={campaign}",
    "review queue, not found": "/revue/?campagne={campaign}&proposition=absent",
    "review of a cell": "/revue/cellule/{cell}/?campagne={campaign}",
    "arbitration": "/revue/arbitrage/",
    "methodology (blind check)": "/campagne/{campaign}/methodologie/",
}
DRAW, DRAW_TARGET_S = 1000, 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--communes", type=int, default=0, help="0 = all communes")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pdf-repeat", type=int, default=5)
    parser.add_argument("--url", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--database-url", default=f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it)")
    parser.add_argument(
        "--setup-only",
        action="store_true",
        help="load the campaigns and time nothing (with --keep: to measure something else on "
        "them, such as the open data files of docs/opendata.md)",
    )
    parser.add_argument(
        "--only",
        action="store_true",
        help="time only the --url pages (not the usual ones, the PDF or the workspace)",
    )
    args = parser.parse_args()
    pages = {} if args.only else dict(PAGES)
    for item in args.url:
        name, _, path = item.partition("=")
        pages[name] = path
    os.environ["DATABASE_URL"] = args.database_url
    home = None
    if "BAROMETRE_HOME" not in os.environ:
        home = tempfile.mkdtemp(prefix="barometre-bench-web-")
        os.environ["BAROMETRE_HOME"] = home
    created = _create_database(args.database_url)
    try:
        _setup_django()
        if created or not _loaded():
            _prepare(args.communes, seed=1)
        if not args.setup_only:
            _measure(pages, args.repeat, 0 if args.only else args.pdf_repeat)
            if not args.only:
                _workspace(args.repeat)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _drop_database(args.database_url)
        if home is not None:
            shutil.rmtree(home, ignore_errors=True)


def _sqlite(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:") else None


def _admin(url: str) -> tuple[Any, str]:
    import psycopg

    base, name = url.rsplit("/", 1)
    return psycopg.connect(f"{base}/postgres", autocommit=True), name


def _create_database(url: str) -> bool:
    if (path := _sqlite(url)) is not None:
        return not path.exists()
    connection, name = _admin(url)
    with connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return not exists


def _drop_database(url: str) -> None:
    if (path := _sqlite(url)) is not None:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        print(f"database {path} removed")
        return
    connection, name = _admin(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"database {name} dropped")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings")
    import django

    django.setup()


def _loaded() -> bool:
    from barometre.referential.models import Campaign

    return Campaign.objects.filter(name=AFTER).exists()


def _prepare(limit: int, seed: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from barometre.referential.services import campaign_create, territories_load

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    territories_load(now=timezone.now())
    spec = "all" if not limit else f"top:{limit}"
    rng = np.random.default_rng(seed)
    for name, shift in ((BEFORE, 0), (AFTER, 1)):
        campaign = campaign_create(name=name, spec=spec)
        cells = _fill(campaign, rng, shift)
        print(f"{name}: {cells:,} assessments and cells written", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        # the visibility map that index-only scans need (SQLite: its statistics only)
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    print(f"setup (not timed): {time.perf_counter() - started:.1f} s")


def _fill(campaign: Any, rng: np.random.Generator, shift: int) -> int:
    """COPY (SQLite: executemany) one assessment per (commune, service), then one cell per
    assessment by SQL."""
    from django.db import connection
    from django.utils import timezone

    codes = list(campaign.communes.order_by("code").values_list("code", flat=True))
    services = list(campaign.catalogue.services.order_by("position").values_list("pk", flat=True))
    shape = (len(codes), len(services))
    levels = np.clip(rng.integers(0, 5, size=shape) + shift, 0, 5)
    na = rng.random(size=shape) < 0.1
    origin = rng.choice(["auto", "human", "import"], p=[0.7, 0.2, 0.1], size=shape)
    confidence = rng.random(size=shape).round(3)
    now = timezone.now().isoformat()
    columns = (
        "campaign_id, commune_id, service_id, level, not_applicable, source, evidence_url, "
        "note, provider, confidence, rationale, author, created_at"
    )

    def rows() -> Any:
        for i, code in enumerate(codes):
            for j, pk in enumerate(services):
                source = str(origin[i, j])
                yield (
                    campaign.pk,
                    code,
                    pk,
                    None if na[i, j] else int(levels[i, j]),
                    bool(na[i, j]),
                    source,
                    "" if na[i, j] else f"https://{code}.bench.test/service-{pk}",
                    "",
                    "",
                    float(confidence[i, j]) if source == "auto" else None,
                    "[]",
                    {"auto": "robot", "human": "auditrice", "import": "import"}[source],
                    now,
                )

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * 13)
            cursor.executemany(
                f"INSERT INTO assessments_assessment ({columns}) VALUES ({marks})", rows()
            )
        else:
            with (
                cursor.connection.cursor() as pg,
                pg.copy(f"COPY assessments_assessment ({columns}) FROM STDIN") as copy,
            ):
                for row in rows():
                    copy.write_row(row)
        cursor.execute(
            "INSERT INTO assessments_cell (campaign_id, commune_id, service_id, level, "
            "not_applicable, source, assessment_id, review_rank) "
            "SELECT campaign_id, commune_id, service_id, level, not_applicable, source, id, "
            "CASE WHEN source = 'auto' THEN COALESCE(confidence, 0) END "
            "FROM assessments_assessment WHERE campaign_id = %s",
            [campaign.pk],
        )
    return shape[0] * shape[1]


def _serve() -> tuple[Any, int]:
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.core.wsgi import get_wsgi_application

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_port


def _get(url: str) -> tuple[int, float, int]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            size = len(response.read())
            status = response.status
    except urllib.error.HTTPError as error:
        status, size = error.code, 0
    return status, time.perf_counter() - started, size


def _measure(pages: dict[str, str], repeat: int, pdf_repeat: int) -> None:
    import logging

    server, port = _serve()  # (sets Django's logging up again)
    logging.getLogger("django.request").setLevel(logging.ERROR)  # 404s are reported below
    values = {"campaign": AFTER, "before": BEFORE, "commune": COMMUNE, "region": REGION}
    print(f"\n{'URL':<28} {'first':>9} {'median':>9} {'p95':>9}  size    target")
    failures = 0
    try:
        for group, times, target in (
            (pages, repeat, TARGET_MS / 1000),
            (PDF if pdf_repeat else {}, pdf_repeat, PDF_TARGET_S),
        ):
            for name, template in group.items():
                failures += _one(port, name, template.format(**values), times, target)
    finally:
        server.shutdown()
    print("\nall measured URLs within target" if not failures else f"\n{failures} over target")


def _one(port: int, name: str, path: str, times: int, target: float) -> int:
    url = f"http://127.0.0.1:{port}{path}"
    status, first, size = _get(url)
    if status == 404:
        print(
            f"{name:<28} skipped: {path} answers 404 (not on this branch; rerun after merge)",
            flush=True,
        )
        return 0
    if status != 200:
        print(f"{name:<28} ERROR: {path} answers {status}")
        return 1
    laps = [_get(url)[1] for _ in range(times)]
    median = statistics.median(laps)
    p95 = float(np.percentile(laps, 95))
    ok = p95 <= target
    print(
        f"{name:<28} {first * 1000:7.0f}ms {median * 1000:7.0f}ms {p95 * 1000:7.0f}ms "
        f"{size / 1024:6.0f}kB  {'ok' if ok else 'OVER'} (< {target * 1000:.0f} ms)",
        flush=True,
    )
    return 0 if ok else 1


def _workspace(repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.utils import timezone

    from barometre.accounts.roles import user_create
    from barometre.assessments.models import Cell, CodingAssignment
    from barometre.assessments.services.draw import codings_assign
    from barometre.referential.models import Campaign

    def user(name: str, role: str) -> User:
        found = User.objects.filter(username=name).first()
        return found or user_create(username=name, role=role, password="banc-d-essai-" + name)

    auditors = [user("bench-a", "auditeur"), user("bench-b", "auditeur")]
    coordinator = user("bench-c", "coordinateur")
    campaign = Campaign.objects.get(name=AFTER)
    CodingAssignment.objects.filter(cell__campaign=campaign).delete()  # a kept database
    started = time.perf_counter()
    created = codings_assign(
        cells=Cell.objects.filter(campaign=campaign),
        auditors=auditors,
        size=DRAW,
        seed=1,
        now=timezone.now(),
    )
    took = time.perf_counter() - started
    verdict = "ok" if took <= DRAW_TARGET_S else "OVER"
    among = Cell.objects.filter(campaign=campaign).count()
    print(
        f"\ndraw of {len(created) // 2:,} cells among {among:,} for blind coding: "
        f"{took:.2f} s  {verdict} (< {DRAW_TARGET_S} s)"
    )
    from barometre.assessments.selectors import review_progress

    laps = []
    for _ in range(3):  # the queue's progress table, computed again after every review
        lap = time.perf_counter()
        review_progress()
        laps.append(time.perf_counter() - lap)
    print(
        f"review progress of every campaign (uncached, median of 3): "
        f"{statistics.median(laps) * 1000:.0f} ms"
    )
    rng = np.random.default_rng(2)
    now = timezone.now()
    for assignment in created:  # both answers the proposal, but one cell in ten disagrees
        level = assignment.cell.level or 0
        if assignment.auditor == auditors[1] and rng.random() < 0.1:
            level = (level + 1) % 6
        assignment.level, assignment.coded_at = level, now
    CodingAssignment.objects.bulk_update(created, ["level", "coded_at"])
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(coordinator)
    print(f"{'workspace URL':<28} {'first':>9} {'median':>9} {'p95':>9}  size    target")
    first_auto = Cell.objects.filter(campaign=campaign, source="auto").order_by("review_rank")
    values = {"campaign": AFTER, "cell": first_auto.values_list("pk", flat=True).first()}
    failures = 0
    for name, template in WORKSPACE.items():
        path = template.format(**values)
        laps, size = [], 0
        for _ in range(repeat + 1):
            lap = time.perf_counter()
            response = client.get(path)
            laps.append(time.perf_counter() - lap)
            size = len(response.content)
            if response.status_code != 200:
                print(f"{name:<28} ERROR: {path} answers {response.status_code}")
                failures += 1
                break
        else:
            first, rest = laps[0], laps[1:]
            p95 = float(np.percentile(rest, 95))
            ok = p95 <= TARGET_MS / 1000
            failures += not ok
            print(
                f"{name:<28} {first * 1000:7.0f}ms {statistics.median(rest) * 1000:7.0f}ms "
                f"{p95 * 1000:7.0f}ms {size / 1024:6.0f}kB  {'ok' if ok else 'OVER'} "
                f"(< {TARGET_MS} ms)",
                flush=True,
            )
    print("workspace within target" if not failures else f"workspace: {failures} over target")


if __name__ == "__main__":
    main()
