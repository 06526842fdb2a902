"""The audit's rates and durations are printed in French notation (« 2,5 pages/s »), as the rest
of the command line prints its figures, never with a decimal point."""

from __future__ import annotations

import io
import os
import re
import time

import pytest

from barometre.collection.audit_text import render_summary
from barometre.collection.progress import progress_line
from barometre.collection.services import AuditSummary
from barometre.collection.services.consumer import AuditProgress
from barometre.core.progress import counter

NBSP = "\u00a0"


def test_the_audit_summary_prints_its_rate_and_duration_with_a_decimal_comma() -> None:
    summary = AuditSummary(
        campaign="c",
        sites_total=2,
        sites_skipped=0,
        sites_done=2,
        sites_failed=0,
        sites_no_website=0,
        sites_unfinished=0,
        pages=5,
        errors=0,
        assessments=36,
        elapsed=2.0,
        close_reason="finished",
        detection_ms_per_page=1.0,
    )
    pages = render_summary(summary).splitlines()[1]
    assert pages == (
        f"Pages : 5 (2,5{NBSP}pages/s en 2,0{NBSP}s), erreurs : 0, valeurs automatiques "
        "enregistrées : 36."
    )


def test_the_audit_summary_groups_the_thousands_of_its_counts() -> None:
    """« Pages : 1168 », « valeurs automatiques enregistrées : 1450 » under a progress line that
    said « 1 140 pages »: the summary groups its thousands as the progress line does."""
    summary = AuditSummary(
        campaign="c",
        sites_total=25,
        sites_skipped=0,
        sites_done=25,
        sites_failed=0,
        sites_no_website=0,
        sites_unfinished=0,
        pages=1168,
        errors=1033,
        assessments=1450,
        elapsed=73.5,
        close_reason="finished",
        detection_ms_per_page=1.0,
        reused=1046,
    )
    lines = render_summary(summary).splitlines()
    assert lines[1].startswith(f"Pages : 1{NBSP}168 ("), lines[1]
    assert lines[1].endswith(
        f"erreurs : 1{NBSP}033, valeurs automatiques enregistrées : 1{NBSP}450."
    )
    assert lines[-1].endswith(f"reprises sans nouvelle requête : 1{NBSP}046."), lines[-1]


def test_the_progress_line_prints_its_rate_with_a_decimal_comma() -> None:
    progress = AuditProgress(sites_total=4, sites_done=1, pages=10)
    progress.started = time.monotonic() - 4.0  # 2,5 pages/s
    line = progress_line(progress)
    assert re.search(rf"· 2,[45]{NBSP}pages/s ·", line), line
    assert not re.search(r"\d\.\d", line), line


@pytest.mark.parametrize(
    ("done", "failed", "pages", "errors", "expected"),
    [
        (0, 0, 0, 0, ("0 site sur 4 (0 échec)", "0 page", "0 erreur")),
        (0, 1, 1, 1, ("1 site sur 4 (1 échec)", "1 page", "1 erreur")),
        (2, 2, 1500, 2, ("4 sites sur 4 (2 échecs)", f"1{NBSP}500 pages", "2 erreurs")),
    ],
)
def test_the_progress_line_puts_each_count_before_its_noun_singular_for_0_and_1(
    done: int, failed: int, pages: int, errors: int, expected: tuple[str, str, str]
) -> None:
    """« … échecs 0 » read backwards and in the wrong number: French takes the singular for 0
    and 1 (« 0 échec », « 1 page », « 2 erreurs »)."""
    progress = AuditProgress(
        sites_total=4, sites_done=done, sites_failed=failed, pages=pages, errors=errors
    )
    parts = progress_line(progress).split(" · ")
    assert (parts[0], parts[1], parts[3]) == expected, parts


def test_a_worker_without_a_total_counts_the_sites_it_processed() -> None:
    """« 0 site (0 échec) » read as if the campaign had no site: a worker has no total."""
    line = progress_line(AuditProgress(sites_total=0, sites_done=1))
    assert line.startswith("1 site traité (0 échec) · 0 page · "), line
    line = progress_line(AuditProgress(sites_total=0, sites_done=2, sites_failed=1))
    assert line.startswith("3 sites traités (1 échec) · "), line
    assert progress_line(AuditProgress(sites_total=0)).startswith("0 site traité (0 échec)")


def test_the_farm_commands_count_in_french_without_django() -> None:
    """The farm's commands run without Django settings: their counts agree all the same."""
    import subprocess
    import sys

    code = (
        "from barometre.core.plural import french_count as c; "
        "print(c(0, 'erreur', 'erreurs'), c(1, 'site', 'sites'), c(2, 'requête', 'requêtes'))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert out == "0 erreur 1 site 2 requêtes\n"


def test_a_plain_counter_prints_its_rate_with_a_decimal_comma() -> None:
    total = 3
    out = io.StringIO()
    report = counter(total, label="programmes", stream=out)
    report(total, "fin")
    assert re.fullmatch(r"programmes 3/3 \(\d+,\d/s\) fin\n", out.getvalue()), out.getvalue()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_terminal_bar_prints_its_rate_with_a_decimal_comma() -> None:
    out = Terminal()
    report = counter(100, label="pages", stream=out)
    for done in range(1, 40):
        report(done, "")
        time.sleep(0.005)
    report(100, "")
    shown = re.findall(r"(\d+[.,]\d)/s", out.getvalue())
    assert shown and all("," in rate for rate in shown), shown


def test_the_farm_load_test_writes_its_figures_in_french(capsys) -> None:
    """`python -m barometre.farm.loadtest` (docs/farm.md) printed « 1.0 s », « 11.9 Mo »: its
    seconds, rate and megabytes now take a decimal comma and a no-break space before the unit."""
    from barometre.farm.loadtest import main

    assert main(["--sites", "2", "--pages", "3", "--clients", "2", "--seconds", "0.5"]) == 0
    line = capsys.readouterr().out.strip()
    figure = r"\d+(?:\u00a0\d{3})*"
    assert re.fullmatch(
        rf"{figure} requêtes? en {figure},\d\u00a0s\u00a0: {figure}\u00a0req/s, "
        rf"{figure} erreurs?, {figure},\d\u00a0Mo reçus",
        line,
    ), line
