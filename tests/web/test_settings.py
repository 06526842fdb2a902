"""Production settings: no start without a secret key; `check --deploy` clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.cli import barometre_run


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
    run = barometre_run(tmp_path, "campaign", "list", DATABASE_URL="pas-une-adresse")
    assert run.returncode == 2
    assert run.stderr.startswith("Erreur : DATABASE_URL illisible"), run.stderr
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


def test_a_number_setting_that_is_no_number_is_refused_in_french(tmp_path: Path) -> None:
    run = barometre_run(tmp_path, "campaign", "list", BAROMETRE_SESSION_SECONDS="deux")
    assert run.returncode == 2
    assert run.stderr.startswith(
        "Erreur : BAROMETRE_SESSION_SECONDS=«\u00a0deux\u00a0» illisible : donnez un nombre entier"
    ), run.stderr
    assert "Traceback" not in run.stderr


_PRODUCTION = {
    "BAROMETRE_SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz",
    "BAROMETRE_ALLOWED_HOSTS": "barometre.example.org",
}


def test_production_refuses_an_hsts_duration_that_is_no_number() -> None:
    result = _check({**_PRODUCTION, "BAROMETRE_HSTS_SECONDS": "un an"})
    assert result.returncode != 0
    assert "BAROMETRE_HSTS_SECONDS=«\u00a0un an\u00a0» illisible" in result.stderr
    assert "ValueError" not in result.stderr


def test_production_refuses_an_ssl_switch_it_cannot_read_rather_than_turning_it_off() -> None:
    result = _check({**_PRODUCTION, "BAROMETRE_SSL_REDIRECT": "true"})
    assert result.returncode != 0
    assert "BAROMETRE_SSL_REDIRECT=«\u00a0true\u00a0» illisible : donnez 1" in result.stderr


def test_hsts_preload_is_the_operator_s_choice_off_by_default() -> None:
    """Production sent `preload` in its HSTS header whatever the operator wanted: a commitment
    to HTTPS-only for the domain and its subdomains, months long to undo once listed."""

    def preload(value: str) -> subprocess.CompletedProcess[str]:
        return _settings_value(
            {
                **_PRODUCTION,
                "DJANGO_SETTINGS_MODULE": "barometre.settings_production",
                "BAROMETRE_HSTS_PRELOAD": value,
            },
            "settings.SECURE_HSTS_PRELOAD",
        )

    assert preload("").stdout.strip() == "False"
    assert preload("1").stdout.strip() == "True"
    assert preload("0").stdout.strip() == "False"
    refused = preload("oui")
    assert refused.returncode != 0
    assert "BAROMETRE_HSTS_PRELOAD=«\u00a0oui\u00a0» illisible" in refused.stderr
    # chosen or not, `check --deploy` stays clean (off, its W021 is a choice made on purpose)
    for value in ("", "1"):
        result = _check({**_PRODUCTION, "BAROMETRE_HSTS_PRELOAD": value})
        assert result.returncode == 0, result.stderr


def test_allowed_hosts_separated_by_a_comma_and_a_space_are_all_allowed() -> None:
    run = _settings_value(
        {
            **_PRODUCTION,
            "DJANGO_SETTINGS_MODULE": "barometre.settings_production",
            "BAROMETRE_ALLOWED_HOSTS": "barometre.example.org, www.barometre.example.org",
        },
        "settings.ALLOWED_HOSTS, settings.CSRF_TRUSTED_ORIGINS",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [
        "['barometre.example.org',",
        "'www.barometre.example.org']",
        "['https://barometre.example.org',",
        "'https://www.barometre.example.org']",
    ]


def test_production_takes_the_client_address_from_the_proxy_header() -> None:
    run = _settings_value(
        {**_PRODUCTION, "DJANGO_SETTINGS_MODULE": "barometre.settings_production"},
        "settings.CLIENT_ADDRESS_HEADER",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "HTTP_X_FORWARDED_FOR"
