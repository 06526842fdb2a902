"""End-to-end programme import: generate, ingest, analyse and store 200 programmes.

    /work/venv/bin/python bench/programmes.py [--count 200] [--min-pages 10] [--max-pages 40]

Generates `count` synthetic programmes of `min-pages` to `max-pages` pages (half PDF with a real
text layer, half HTML campaign pages) from sentences written for barometre, in a temporary
folder, with a manifest; imports them through `programmes_import_folder` (ingest + analyse +
store, one transaction per file) into a fresh SQLite database in a temporary BAROMETRE_HOME.
Prints pages/s (PDF pages, and for HTML the pages the generator composed) and tokens/s of the
import (generation and spaCy loading excluded) and the peak resident memory of the process and
of the helper process that reads files. Targets: 20,000 tokens/s and under 1.5 GB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

TARGET_TOKENS_PER_S = 20_000
TARGET_MEMORY_MB = 1_536
COMMUNES = [  # (INSEE code, name, population): synthetic communes, one per bracket
    ("99001", "Grandeville", 450_000),
    ("99002", "Belleville-sur-Loire", 150_000),
    ("99003", "Moyenville", 70_000),
    ("99004", "Petiteville", 25_000),
    ("99005", "Bourg-le-Haut", 6_000),
    ("99006", "Village-les-Prés", 1_200),
]


def _setup_django(home: Path) -> None:
    os.environ["BAROMETRE_HOME"] = str(home)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _communes() -> None:
    from barometre.referential.brackets import bracket_for
    from barometre.referential.models import Commune, Department, Region

    region = Region.objects.create(code="99", name="Région de test")
    department = Department.objects.create(code="99", name="Département de test", region=region)
    for code, name, population in COMMUNES:
        Commune.objects.create(
            code=code,
            name=name,
            department=department,
            region=region,
            population=population,
            bracket=bracket_for(population),
        )


def generate(folder: Path, *, count: int, min_pages: int, max_pages: int, seed: int) -> int:
    """Write `count` programmes and manifest.csv into `folder`; return the number of pages."""
    from barometre.programmes.synthetic import (
        digital_theme_ids,
        html_bytes,
        pdf_bytes,
        synthetic_pages,
    )

    rng = random.Random(seed)
    themes = digital_theme_ids()
    rows = ["file,insee,election,list_name,head_of_list,round,won"]
    total = 0
    for number in range(count):
        pages = rng.randint(min_pages, max_pages)
        chosen = rng.sample(themes, rng.randint(0, 5)) if rng.random() < 0.7 else []
        content = synthetic_pages(seed=seed * 10_000 + number, pages=pages, digital_themes=chosen)
        name = f"programme-{number:03d}.{'pdf' if number % 2 == 0 else 'html'}"
        data = pdf_bytes(content) if name.endswith(".pdf") else html_bytes(content)
        (folder / name).write_bytes(data)
        code = COMMUNES[number % len(COMMUNES)][0]
        rows.append(
            f"{name},{code},2020,Liste {number},Tête de liste {number},1,{number % 3 == 0:d}"
        )
        total += pages
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--min-pages", type=int, default=10)
    parser.add_argument("--max-pages", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--workers", type=int, default=None, help="helper processes that read files (default: auto)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="barometre-bench-") as tmp:
        root = Path(tmp)
        (root / "home").mkdir()
        (root / "files").mkdir()
        _setup_django(root / "home")
        _communes()
        started = time.perf_counter()
        pages = generate(
            root / "files",
            count=args.count,
            min_pages=args.min_pages,
            max_pages=args.max_pages,
            seed=args.seed,
        )
        generated = time.perf_counter() - started
        from barometre.programmes.analysis import load_themes
        from barometre.programmes.analysis.pipeline import french_pipeline
        from barometre.programmes.models import Programme
        from barometre.programmes.services import programmes_import_folder

        themes = load_themes()
        french_pipeline()  # loaded once per process; not part of the throughput
        started, cpu_started = time.perf_counter(), time.process_time()
        report = programmes_import_folder(
            manifest=root / "files" / "manifest.csv", themes=themes, workers=args.workers
        )
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        tokens = sum(Programme.objects.values_list("tokens", flat=True))
        stored = Programme.objects.count()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    helper_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"programmes: {stored}/{args.count} stored ({report.summary()})")
    print(f"generation: {pages} pages in {generated:.1f} s (not counted)")
    print(f"import: {seconds:.1f} s for {pages} pages, {tokens} tokens")
    print(f"pages/s: {pages / seconds:.1f}")
    print(f"tokens/s: {tokens / seconds:,.0f} (target {TARGET_TOKENS_PER_S:,})")
    print(
        f"CPU time of this process during the import: {cpu:.1f} s "
        f"({tokens / cpu:,.0f} tokens per CPU second; the helper's CPU is not counted)"
    )
    # A child's ru_maxrss counts the parent's pages it shared between fork and exec, so the
    # helper's figure is an upper bound (a process that only reads the 200 files peaks near
    # 110 MB).
    print(
        f"peak memory: {peak_mb:.0f} MB; helper process at most {helper_mb:.0f} MB; together "
        f"at most {peak_mb + helper_mb:.0f} MB (target < {TARGET_MEMORY_MB} MB)"
    )
    ok = tokens / seconds >= TARGET_TOKENS_PER_S and peak_mb + helper_mb < TARGET_MEMORY_MB
    return 0 if ok and stored == args.count else 1


if __name__ == "__main__":
    sys.exit(main())
