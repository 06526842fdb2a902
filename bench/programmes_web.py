"""Benchmark: the programme observatory's pages, report files and API on a national election.

    python bench/programmes_web.py [--programmes N] [--before M] [--repeat 20] [--keep]
                                   [--database-url URL] [--text-kb K] [--only NAME ...]

Setup (not timed, printed): a dedicated PostgreSQL database (barometre_hprogscale on
127.0.0.1:5432, or --database-url; `sqlite:///PATH` gives a SQLite file), created and dropped by
the bench as bench/web.py does; migrations; the shipped territories; N programmes of 2026 and M
of 2014 (default 6,000 and 5,000: about 2,000 communes over 3,500 inhabitants with 2 to 4 lists
each), over the most populated communes, three lists a commune, one of them elected; 90 % read,
7 % without text, 3 % in another language. Each read programme stores what a reading stores
(programmes/storage.py): its themes, `mentions_digital`, `disruptive`, `read_at`, and one
`ProgrammeSentence` per theme sentence (12 on average, with themes and cue evidence). Rows are
written with bulk_create: no spaCy, no file.

Timed: the Django application served by a WSGI server on 127.0.0.1 (a thread of this process),
requested over HTTP one at a time: each URL once (the "first", uncached request), then --repeat
times; median and 95th percentile, the size of the answer, and this process's peak resident
memory after the URL (resource.getrusage: it only grows). Target: p95 under 300 ms for pages and
API (as bench/web.py); the report files are shown against the same target. Finally the size of
the values the pages' per-process memo holds (`core.statecache.MEMO`). `--only` measures the
URLs named (as the table names them, e.g. "report JSON compared") and no other: with `--keep`
and a database already written, the peak memory is then that of those requests alone (the
process's resident memory before the first request is printed).
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import web as bench_web  # noqa: E402  (bench/web.py: database, server and HTTP helpers)

DB_NAME = "barometre_hprogscale"
AFTER, BEFORE = 2026, 2014
TARGET_MS = 300
URLS = {
    "programmes home": "/programmes/",
    "election page": "/programmes/{after}/",
    "election page, page 50": "/programmes/{after}/?page=50",
    "election compared": "/programmes/{after}/?comparer={before}",
    "report CSV": "/programmes/{after}/rapport.csv",
    "report JSON": "/programmes/{after}/rapport.json",
    "report HTML": "/programmes/{after}/rapport.html",
    "report CSV compared": "/programmes/{after}/rapport.csv?comparer={before}",
    "report JSON compared": "/programmes/{after}/rapport.json?comparer={before}",
    "report HTML compared": "/programmes/{after}/rapport.html?comparer={before}",
    "commune page": "/commune/{commune}/",
    "API programmes": "/api/v1/programmes?election={after}",
    "API programmes, deep page": "/api/v1/programmes?election={after}&offset=5000",
    "API programmes, a theme": "/api/v1/programmes?election={after}&theme=open_data&digital=true",
    "API programmes, a commune": "/api/v1/programmes?commune={commune}",
    "API one programme": "/api/v1/programmes/{programme}",
    "API themes": "/api/v1/themes",
}
LISTS = ("Ensemble pour {name}", "{name} citoyenne", "Un nouvel élan pour {name}")
WORDS = (
    "Nous créerons un guichet numérique unique pour toutes les démarches de la commune. "
    "La médiathèque accueillera des ateliers d'inclusion numérique pour les aînés. "
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--programmes", type=int, default=6000, help="programmes of 2026")
    parser.add_argument("--before", type=int, default=5000, help="programmes of 2014")
    parser.add_argument("--text-kb", type=int, default=8, help="text of each programme (kB)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", default=f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it)")
    parser.add_argument(
        "--only", action="append", choices=list(URLS), metavar="NAME", help="measure this URL"
    )
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    home = None
    if "BAROMETRE_HOME" not in os.environ:
        home = tempfile.mkdtemp(prefix="barometre-bench-programmes-")
        os.environ["BAROMETRE_HOME"] = home
    created = bench_web._create_database(args.database_url)
    try:
        bench_web._setup_django()
        if created or not _loaded():
            _prepare(args.programmes, args.before, args.text_kb)
        _measure(args.repeat, args.only or list(URLS))
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            bench_web._drop_database(args.database_url)
        if home is not None:
            shutil.rmtree(home, ignore_errors=True)


def _loaded() -> bool:
    from barometre.programmes.models import Programme

    return Programme.objects.filter(election=AFTER).exists()


def _prepare(after: int, before: int, text_kb: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from barometre.referential.services import territories_load

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    territories_load(now=timezone.now())
    rng = np.random.default_rng(1)
    for election, count in ((BEFORE, before), (AFTER, after)):
        sentences = _programmes(election, count, text_kb, rng)
        print(f"{election}: {count:,} programmes, {sentences:,} sentences written", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    print(f"setup (not timed): {time.perf_counter() - started:.1f} s")


def _programmes(election: int, count: int, text_kb: int, rng: np.random.Generator) -> int:
    """`count` programmes over the most populated communes, three lists each, with their
    theme sentences; returns the number of sentences."""
    from django.utils import timezone

    from barometre.programmes.analysis.themes import shipped_themes
    from barometre.programmes.models import Programme
    from barometre.referential.models import Commune

    themes = [t.id for t in shipped_themes().themes]
    communes = list(Commune.objects.order_by("-population").values_list("code", "name"))
    text = (WORDS * (text_kb * 1024 // len(WORDS) + 1))[: text_kb * 1024]
    now = timezone.now()
    rows = []
    for i in range(count):
        code, name = communes[i // 3]
        status = rng.choice(["ok", "no_text", "foreign"], p=[0.9, 0.07, 0.03])
        chosen = sorted(rng.choice(themes, size=int(rng.integers(0, 6)), replace=False))
        read = status == "ok"
        rows.append(
            Programme(
                commune_id=code,
                election=election,
                list_name=LISTS[i % 3].format(name=name),
                head_of_list=f"Tête de liste {i}",
                won=i % 3 == 0,
                source_name=f"{election}/{code}-{i % 3}.pdf",
                format="pdf",
                file_sha256=f"{election}{i:060d}",
                text_sha256=f"{election}{i:060d}" if status != "no_text" else "",
                text=text if status != "no_text" else "",
                page_count=12,
                status=status,
                tokens=text_kb * 180 if read else 0,
                mentions_digital=read and bool(chosen),
                themes=[str(t) for t in chosen] if read else [],
                disruptive=read and rng.random() < 0.2,
                themes_version="2026.12",
                read_at=now,
            )
        )
    created = Programme.objects.bulk_create(rows, batch_size=500)
    return _sentences(created, rng)


def _sentences(programmes: list[Any], rng: np.random.Generator) -> int:
    from barometre.programmes.models import ProgrammeSentence

    rows = []
    for programme in programmes:
        for index in range(int(rng.integers(6, 19)) if programme.themes else 0):
            theme = programme.themes[index % len(programme.themes)]
            start = index * 160
            rows.append(
                ProgrammeSentence(
                    programme_id=programme.pk,
                    index=index * 3,
                    start=start,
                    end=start + 150,
                    text=WORDS[:150],
                    themes=[theme],
                    disruptive=programme.disruptive and index == 0,
                    evidence=["numérique", theme.replace("_", " ")],
                )
            )
    ProgrammeSentence.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _measure(repeat: int, names: list[str]) -> None:
    import logging

    from barometre.programmes.models import Programme

    first = Programme.objects.filter(election=AFTER).order_by("-commune__population").first()
    assert first is not None
    values = {
        "after": AFTER,
        "before": BEFORE,
        "commune": first.commune_id,
        "programme": first.pk,
    }
    server, port = bench_web._serve()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"\npeak RSS before the first request: {peak:.0f} MB")
    print(f"\n{'URL':<28} {'first':>9} {'median':>9} {'p95':>9}  {'size':>8}  peak RSS  target")
    failures = 0
    try:
        for name in names:
            failures += _one(port, name, URLS[name].format(**values), repeat)
    finally:
        server.shutdown()
    print("\nall measured URLs within target" if not failures else f"\n{failures} over target")
    _memo()


def _one(port: int, name: str, path: str, repeat: int) -> int:
    url = f"http://127.0.0.1:{port}{path}"
    status, first, size = bench_web._get(url)
    if status != 200:
        print(f"{name:<28} ERROR: {path} answers {status}", flush=True)
        return 1
    laps = [bench_web._get(url)[1] for _ in range(repeat)]
    median, p95 = statistics.median(laps), float(np.percentile(laps, 95))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    ok = p95 <= TARGET_MS / 1000
    print(
        f"{name:<28} {first * 1000:7.0f}ms {median * 1000:7.0f}ms {p95 * 1000:7.0f}ms "
        f"{size / 1024:7.0f}kB {peak:6.0f}MB  {'ok' if ok else 'OVER'} (< {TARGET_MS} ms)",
        flush=True,
    )
    return 0 if ok else 1


def _memo() -> None:
    from barometre.core import statecache

    sizes = {key: len(pickle.dumps(value)) for key, value in statecache.MEMO.items()}
    total = sum(sizes.values())
    print(f"\nper-process memo: {len(sizes)} entries, {total / 1024:.0f} kB pickled")
    for key, size in sorted(sizes.items(), key=lambda item: -item[1])[:8]:
        print(f"  {size / 1024:8.0f} kB  {key[:90]}")


if __name__ == "__main__":
    main()
