"""Two writers on one SQLite file: the second waits, and past the limit says why in French."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.factories import CampaignFactory, CommuneFactory
CampaignFactory(name="2026", communes=[CommuneFactory(code="75056", name="Paris")])
"""


def _env(home: Path, timeout: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "BAROMETRE_HOME": str(home),
        "BAROMETRE_SQLITE_TIMEOUT": str(timeout),
        "DJANGO_SETTINGS_MODULE": "barometre.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    return env


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("sqlite-home")
    subprocess.run([sys.executable, "-c", SETUP], env=_env(home, 30), check=True, cwd=ROOT)
    return home


def _import(home: Path, grid: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "barometre", "assessments", "import", str(grid)]
    return subprocess.run(
        [*command, "--campaign", "2026"],
        env=_env(home, timeout),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def _hold_write_lock(home: Path, seconds: float, held: threading.Event) -> None:
    """Another writer: holds the database's write lock for `seconds`."""
    connection = sqlite3.connect(home / "barometre.sqlite3", isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    held.set()
    time.sleep(seconds)
    connection.execute("COMMIT")
    connection.close()


def _grid(tmp_path: Path, level: int) -> Path:
    path = tmp_path / f"grid-{level}.csv"
    path.write_text(
        "commune_code,service_id,level,evidence_url,note\n"
        f"75056,urbanisme,{level},https://paris.test/,\n"
    )
    return path


def _while_locked(home: Path, grid: Path, *, hold: float, timeout: float):
    held = threading.Event()
    locker = threading.Thread(target=_hold_write_lock, args=(home, hold, held))
    locker.start()
    held.wait(10)
    try:
        return _import(home, grid, timeout)
    finally:
        locker.join()


def test_an_import_waits_for_another_writer(home: Path, tmp_path: Path) -> None:
    result = _while_locked(home, _grid(tmp_path, 1), hold=1.5, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "1 cellule importée" in result.stdout


def test_past_the_limit_it_says_another_import_is_running(home: Path, tmp_path: Path) -> None:
    result = _while_locked(home, _grid(tmp_path, 2), hold=4, timeout=0.5)
    assert result.returncode == 1
    assert "autre import en cours" in result.stderr
    assert "Traceback" not in result.stderr
