"""Production settings: no start without a secret key; `check --deploy` clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "barometre.settings_production", **env}
    if "BAROMETRE_SECRET_KEY" not in env:
        full.pop("BAROMETRE_SECRET_KEY", None)
    full.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _check({"BAROMETRE_ALLOWED_HOSTS": "barometre.example.org"})
    assert result.returncode != 0
    assert "BAROMETRE_SECRET_KEY manquante" in result.stderr


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = _check(
        {
            "BAROMETRE_SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz",
            "BAROMETRE_ALLOWED_HOSTS": "barometre.example.org",
        }
    )
    assert result.returncode == 0, result.stderr


def test_the_length_of_a_login_is_set_by_the_environment() -> None:
    def age(env: dict[str, str]) -> str:
        full = {k: v for k, v in os.environ.items() if k != "BAROMETRE_SESSION_SECONDS"}
        full.update(DJANGO_SETTINGS_MODULE="barometre.settings", **env)
        code = "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"
        run = subprocess.run(
            [sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=120
        )
        return run.stdout.strip()

    assert age({}) == str(14 * 24 * 3600)
    assert age({"BAROMETRE_SESSION_SECONDS": "28800"}) == "28800"


def _settings_value(env: dict[str, str], expression: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "barometre.settings", **env}
    code = f"from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=120
    )


def test_an_empty_database_url_means_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    for empty in ("", "  "):
        run = _settings_value(
            {"DATABASE_URL": empty, "BAROMETRE_HOME": str(tmp_path)},
            "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.split() == [
            "django.db.backends.sqlite3",
            str(tmp_path / "barometre.sqlite3"),
        ]


def test_an_unreadable_database_url_is_refused_in_french_without_a_traceback(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": "pas-une-adresse",
        "BAROMETRE_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "barometre.settings",
    }
    run = subprocess.run(
        [sys.executable, "-m", "barometre", "campaign", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("Erreur : DATABASE_URL illisible"), run.stderr
    assert "Traceback" not in run.stderr and "UnknownSchemeError" not in run.stderr


def test_production_refuses_an_empty_database_url() -> None:
    result = _check(
        {
            "BAROMETRE_SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz",
            "BAROMETRE_ALLOWED_HOSTS": "barometre.example.org",
            "DATABASE_URL": "",
        }
    )
    assert result.returncode != 0
    assert "DATABASE_URL est vide" in result.stderr
    assert "UnknownSchemeError" not in result.stderr
