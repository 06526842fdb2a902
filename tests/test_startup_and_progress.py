"""`barometre --help` imports nothing heavy (it starts at once); long steps show their progress."""

from __future__ import annotations

import io
import subprocess
import sys

from barometre.core.progress import counter, step

HEAVY = ("django", "numpy", "scipy", "scrapy", "openpyxl", "spacy", "trafilatura", "pypdf")
PROBE = """
import sys, time
started = time.perf_counter()
from barometre.cli import main
main(["--help"])
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[1:]))
print("HEAVY", heavy, "SECONDS", time.perf_counter() - started)
"""


def test_help_imports_nothing_heavy() -> None:
    """What the help costs is what it imports (Django alone takes most of a second): checked by
    the modules loaded, not by a clock, which a busy machine would make fail."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *HEAVY], capture_output=True, text=True, check=True
    )
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("HEAVY [] SECONDS"), last
    assert "Mise en place\u00a0:" in result.stdout and "  audit " in result.stdout


def test_step_says_what_runs_and_how_long_it_took() -> None:
    out = io.StringIO()
    with step("Chargement du modèle spaCy", stream=out):
        pass
    lines = out.getvalue().splitlines()
    assert lines[0] == "Chargement du modèle spaCy…"
    assert lines[1].startswith("Chargement du modèle spaCy : fait en 0,")


def test_counter_prints_plain_lines_in_a_log() -> None:
    out = io.StringIO()
    report = counter(3, label="programmes", stream=out)
    report(1, "a")  # too soon for a line
    report(3, "c")  # the last one always prints
    assert out.getvalue().startswith("programmes 3/3 (") and out.getvalue().endswith("c\n")
