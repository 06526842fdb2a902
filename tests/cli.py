"""Running the `barometre` command in a process of its own, as a user's shell does: what the
tests of start-up errors read is its exit code and what it wrote, in French, with no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def barometre_run(home: Path, *args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    """`python -m barometre ARGS` with the data folder `home`, the default settings module and
    `environ` on top of the test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "barometre", *args],
        env=_environment(home, environ),
        capture_output=True,
        text=True,
        timeout=120,
    )


def barometre_piped(home: Path, data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`printf DATA | barometre ARGS`: as `barometre_run`, its standard input `data`, its
    output read as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "barometre", *args],
        env=_environment(home, {}),
        input=data,
        capture_output=True,
        timeout=120,
    )


def _environment(home: Path, environ: dict[str, str]) -> dict[str, str]:
    return {
        **os.environ,
        "BAROMETRE_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "barometre.settings",
        **environ,
    }
