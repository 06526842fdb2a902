"""Production settings: no start without a secret key; `check --deploy` clean."""

from __future__ import annotations

import os
import subprocess
import sys


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
