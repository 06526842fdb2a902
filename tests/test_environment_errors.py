"""What the environment gets wrong (a database that does not answer, a settings module that
does not exist) is said in French by every command, without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli import barometre_run


@pytest.mark.parametrize("command", [["campaign", "list"], ["init"], ["migrate"]])
def test_a_database_that_does_not_answer_is_said_in_french(
    tmp_path: Path, command: list[str]
) -> None:
    # nothing listens on port 1 of the loopback: the connection is refused at once
    run = barometre_run(
        tmp_path,
        *command,
        DATABASE_URL="postgres://barometre:motdepasse-secret@127.0.0.1:1/barometre",
    )
    assert run.returncode == 1
    error = run.stderr.splitlines()[-1]
    assert error.startswith("Erreur : Base de données injoignable (DATABASE_URL)"), run.stderr
    assert "port 1 failed" in error
    assert "Traceback" not in run.stderr and "motdepasse-secret" not in run.stderr


@pytest.mark.parametrize("module", ["barometre.settings_prod", "settings_production"])
def test_a_settings_module_that_does_not_exist_is_said_in_french(
    tmp_path: Path, module: str
) -> None:
    run = barometre_run(tmp_path, "campaign", "list", DJANGO_SETTINGS_MODULE=module)
    assert run.returncode == 2
    assert run.stderr == (
        f"Erreur : DJANGO_SETTINGS_MODULE=«\u00a0{module}\u00a0» introuvable : "
        "«\u00a0barometre.settings\u00a0» (par défaut) ou "
        "«\u00a0barometre.settings_production\u00a0».\n"
    )
