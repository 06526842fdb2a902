"""The audit's rates and durations are printed in French notation (« 2,5 pages/s »), as the rest
of the command line prints its figures, never with a decimal point."""

from __future__ import annotations

import io
import re
import time

from barometre.collection.management.commands.audit import render_summary
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
        f"Pages : 5 (2,5{NBSP}pages/s en 2,0{NBSP}s), erreurs : 0, valeurs automatiques "
        "enregistrées : 36."
    )


def test_the_progress_line_prints_its_rate_with_a_decimal_comma() -> None:
    progress = AuditProgress(sites_total=4, sites_done=1, pages=10)
    progress.started = time.monotonic() - 4.0  # 2,5 pages/s
    line = progress_line(progress)
    assert re.search(rf"· 2,[45]{NBSP}pages/s ·", line), line
    assert not re.search(r"\d\.\d", line), line


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
