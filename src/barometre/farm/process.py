"""The farm in a process of its own, as the benchmarks run it (`python -m barometre.farm`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def start_farm_process(
    *, sites: int, pages: int, seed: int, slow_delay: float, out: Path
) -> tuple[subprocess.Popen[str], int]:
    """Start a farm serving `sites` sites of `pages` pages (its CSV files in `out`); the process
    and the loopback port it listens on, once it says so."""
    farm = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "barometre.farm",
            *("--sites", str(sites), "--pages", str(pages), "--seed", str(seed)),
            *("--slow-delay", str(slow_delay), "--out", str(out)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert farm.stdout is not None
    for line in farm.stdout:
        if line.startswith("port "):
            return farm, int(line.split()[1])
    farm.wait()
    raise SystemExit("the farm did not start")
