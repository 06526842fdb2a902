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


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_with_no_total_is_cleared_before_the_summary() -> None:
    """`programmes import --manifest` and `programmes reanalyse` count with no total: their bar,
    cleared only once `done` reached the total, stayed on the terminal (« Liste B ━━━ 2/?
    0:00:04 ») with the summary written after it, on the same line. The block's end clears it."""
    from barometre.core.progress import counting

    out = _Terminal()
    with counting(label="programmes", stream=out) as report:
        report(1, "Liste A")
        report(2, "Liste B")
    drawn = out.getvalue()
    assert "Liste B" in drawn
    assert "\x1b[2K" in drawn[drawn.rindex("Liste B") :]  # the bar's line erased after it
    plain = io.StringIO()  # in a log: the plain lines, nothing to clear
    with counting(2, label="programmes", stream=plain) as report:
        report(2, "b")
    assert plain.getvalue().startswith("programmes 2/2 (")


def test_the_commands_counting_with_no_total_clear_their_bar() -> None:
    """Each command that draws a bar does it in a block (`with self.progress() as …`)."""
    from pathlib import Path

    import barometre

    for path in Path(barometre.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "=self.progress()" not in text.replace(" ", ""), path
