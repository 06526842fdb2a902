"""What the environment gets wrong (a database that does not answer, a settings module that
does not exist) is said in French by every command, without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("command", [["campaign", "list"], ["init"], ["migrate"]])
def test_a_database_that_does_not_answer_is_said_in_french(
    tmp_path: Path, command: list[str]
) -> None:
    env = {
        **os.environ,
        "BAROMETRE_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "barometre.settings",
        # nothing listens on port 1 of the loopback: the connection is refused at once
        "DATABASE_URL": "postgres://barometre:motdepasse-secret@127.0.0.1:1/barometre",
    }
    run = subprocess.run(
        [sys.executable, "-m", "barometre", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    error = run.stderr.splitlines()[-1]
    assert error.startswith("Erreur : base de données injoignable (DATABASE_URL)"), run.stderr
    assert "port 1 failed" in error
    assert "Traceback" not in run.stderr and "motdepasse-secret" not in run.stderr


@pytest.mark.parametrize("module", ["barometre.settings_prod", "settings_production"])
def test_a_settings_module_that_does_not_exist_is_said_in_french(
    tmp_path: Path, module: str
) -> None:
    env = {**os.environ, "BAROMETRE_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": module}
    run = subprocess.run(
        [sys.executable, "-m", "barometre", "campaign", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr == (
        f"Erreur : DJANGO_SETTINGS_MODULE=«\u00a0{module}\u00a0» introuvable : "
        "«\u00a0barometre.settings\u00a0» (par défaut) ou "
        "«\u00a0barometre.settings_production\u00a0».\n"
    )
