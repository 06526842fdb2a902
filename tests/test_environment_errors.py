"""What the environment gets wrong (a database that does not answer, a settings module that
does not exist) is said in French by every command, without a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import barometre
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
    assert "serveur 127.0.0.1, port 1\u00a0: connexion refusée" in error, error
    assert "failed" not in error and "Connection refused" not in error, error
    assert "Traceback" not in run.stderr and "motdepasse-secret" not in run.stderr


@pytest.mark.parametrize(
    ("driver", "french"),
    [
        (
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  '
            'database "barometre" does not exist',
            "serveur 127.0.0.1, port 5432\u00a0: la base «\u00a0barometre\u00a0» n'existe pas",
        ),
        (
            'connection failed: connection to server at "db" (10.0.0.5), port 5433 failed: '
            'FATAL:  password authentication failed for user "barometre"',
            "serveur db, port 5433\u00a0: identification refusée pour l'utilisateur "
            "«\u00a0barometre\u00a0»",
        ),
        (
            'connection failed: connection to server on socket "/run/postgresql/.s.PGSQL.5432" '
            "failed: No such file or directory\n\tIs the server running locally?",
            "socket /run/postgresql/.s.PGSQL.5432\u00a0: aucun serveur sur ce socket",
        ),
        (
            "failed to resolve host 'base.exemple': [Errno -2] Name or service not known",
            "nom d'hôte inconnu\u00a0: base.exemple",
        ),
        (
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            "SSL error: something new",
            "serveur 127.0.0.1, port 5432\u00a0: connexion impossible",
        ),
    ],
)
def test_why_the_database_cannot_be_reached_is_said_in_french(driver: str, french: str) -> None:
    """The command printed psycopg's English after « Réponse du pilote » (« connection to
    server at … failed: FATAL: database "barometre" does not exist »); a host name that does
    not resolve stopped with a traceback."""
    from barometre.core.database_reason import database_unreachable

    reason = database_unreachable(driver)
    assert reason is not None and reason.startswith(french), reason
    assert not re.search(r"failed|does not exist|Errno|SSL error", reason), reason
    assert database_unreachable("server closed the connection unexpectedly") is None


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


@pytest.mark.parametrize(
    ("name", "value", "comment"),
    [
        # the lines of docs/web.md's production environment, as systemd's EnvironmentFile reads
        # them: it keeps a comment after a value (a shell drops it)
        (
            "BAROMETRE_ALLOWED_HOSTS",
            "barometre.example.org     # les noms du site",
            "# les noms du site",
        ),
        (
            "BAROMETRE_HOME",
            "/srv/barometre # cache, fichiers statiques",
            "# cache, fichiers statiques",
        ),
        ("DATABASE_URL", "postgres://b:motdepasse-secret@db/b\t# la base", "# la base"),
    ],
)
def test_a_comment_after_a_value_is_refused_in_french(
    tmp_path: Path, name: str, value: str, comment: str
) -> None:
    run = barometre_run(tmp_path, "campaign", "list", **{name: value})
    assert run.returncode == 2
    assert run.stderr == (
        f"Erreur\u00a0: {name} se termine par un commentaire («\u00a0{comment}\u00a0»)"
        "\u00a0: systemd (EnvironmentFile) et docker (--env-file) le gardent dans la valeur. "
        "Mettez le commentaire sur une ligne à lui, qui commence par «\u00a0#\u00a0».\n"
    )
    assert "motdepasse-secret" not in run.stderr
    assert not (tmp_path / "static").exists()


def test_a_hash_inside_a_value_is_no_comment(tmp_path: Path) -> None:
    run = barometre_run(
        tmp_path,
        "check",
        BAROMETRE_CONTACT_URL="https://observatoire.example.org/#robot",
    )
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("doc", ["docs/web.md", "docs/deployment.md", ".env.example"])
def test_the_documented_environments_have_no_comment_after_a_value(doc: str) -> None:
    """They are copied into systemd's EnvironmentFile, which keeps such a comment."""
    root = Path(__file__).resolve().parents[1]
    lines = (root / doc).read_text(encoding="utf-8").splitlines()
    assignment = re.compile(r"^#? ?[A-Z][A-Z0-9_]*=\S*\s+#")
    assert [line for line in lines if assignment.match(line)] == []


def test_an_unreadable_database_url_gives_advice_the_production_settings_take(
    tmp_path: Path,
) -> None:
    """It said « laissez la variable vide », which the production settings refuse."""
    production = {
        "DJANGO_SETTINGS_MODULE": "barometre.settings_production",
        "BAROMETRE_SECRET_KEY": "k" * 60,
        "BAROMETRE_ALLOWED_HOSTS": "barometre.example.org",
    }
    run = barometre_run(
        tmp_path, "campaign", "list", DATABASE_URL="postgresql//b@db/b", **production
    )
    assert run.returncode == 2
    assert "retirez la variable pour SQLite" in run.stderr, run.stderr
    empty = barometre_run(tmp_path, "campaign", "list", DATABASE_URL="", **production)
    assert "DATABASE_URL est vide" in empty.stderr  # the advice it no longer gives


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("BAROMETRE_LOG_LEVEL", "verbose", "donnez DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("BAROMETRE_CELERY_LOGLEVEL", "bavard", "donnez DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("BAROMETRE_DEBUG", "true", "donnez 1 (activé) ou 0 (désactivé)"),
    ],
)
def test_a_log_level_or_debug_switch_that_cannot_be_read_is_said_in_french(
    tmp_path: Path, name: str, value: str, said: str
) -> None:
    """BAROMETRE_LOG_LEVEL=verbose stopped every command and the server with Python's "Unable
    to configure root logger"; BAROMETRE_DEBUG=true was taken silently for 0."""
    run = barometre_run(tmp_path, "check", **{name: value})
    assert run.returncode == 2
    assert run.stderr.startswith(f"Erreur\u00a0: {name}=«\u00a0{value}\u00a0» illisible"), (
        run.stderr
    )
    assert said in run.stderr and "Traceback" not in run.stderr


def test_a_log_level_in_lower_case_is_read(tmp_path: Path) -> None:
    """`info` is what most tools take: it stopped every command with a traceback."""
    run = barometre_run(tmp_path, "check", BAROMETRE_LOG_LEVEL="info")
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize(
    ("given", "alone"),
    [
        ("https://barometre.example.org", "barometre.example.org"),
        ("barometre.example.org/", "barometre.example.org"),
        ("localhost, barometre.example.org:443", "barometre.example.org"),
        ("::1", "[::1]"),
    ],
)
def test_an_allowed_host_that_is_no_host_name_alone_is_refused(
    tmp_path: Path, given: str, alone: str
) -> None:
    """Django never matches it: every request was a 400 while `check --deploy` found nothing."""
    run = barometre_run(tmp_path, "check", BAROMETRE_ALLOWED_HOSTS=given)
    assert run.returncode == 2
    assert "n'est pas un nom d'hôte" in run.stderr, run.stderr
    assert run.stderr.endswith(f"chemin ni port («\u00a0{alone}\u00a0»).\n")


def test_allowed_hosts_django_matches_are_taken(tmp_path: Path) -> None:
    run = barometre_run(
        tmp_path, "check", BAROMETRE_ALLOWED_HOSTS="barometre.example.org, .example.org, [::1]"
    )
    assert run.returncode == 0, run.stderr


EMPTY_AS_UNSET = (
    "BAROMETRE_WARC_ROOT",
    "BAROMETRE_CACHE_DIR",
    "BAROMETRE_CONTACT_URL",
    "BAROMETRE_SECRET_KEY",
    "BAROMETRE_ALLOWED_HOSTS",
)


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_variable_counts_as_unset(tmp_path: Path, empty: str) -> None:
    """`BAROMETRE_WARC_ROOT=` (a substitution gone wrong) made the current directory the WARC
    folder; the cache, the contact URL, the secret key and the hosts fell into the same trap."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    home = tmp_path / "home"
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WARC_ROOT); print(settings.CACHES['default']['LOCATION']); "
        "print(settings.CRAWL_CONTACT_URL); print(settings.SECRET_KEY); "
        "print(','.join(settings.ALLOWED_HOSTS)); print(settings.HOME)"
    )
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "barometre.settings",
        "BAROMETRE_HOME": str(home),
        "PYTHONPATH": str(Path(barometre.__file__).parents[1]),  # run from another folder
        **dict.fromkeys(EMPTY_AS_UNSET, empty),
    }
    run = subprocess.run(
        [sys.executable, "-c", script],
        env=environ,
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert run.stdout.splitlines() == [
        str(home / "warc"),
        str(home / "cache"),
        "https://barometre.example.org/robot",
        "barometre-local-only-not-secret",
        "localhost,127.0.0.1",
        str(home),
    ]


def test_an_empty_queue_namespace_counts_as_unset() -> None:
    """An empty namespace put the board's keys at `.audit.<campaign>`, shared by no one."""
    from barometre.collection.services.redis_link import board_for

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BAROMETRE_QUEUE_NAMESPACE", "")
        board = board_for("2027", url="redis://127.0.0.1:6379/9")
    assert board.namespace == "barometre"


def test_an_empty_data_folder_counts_as_unset(tmp_path: Path) -> None:
    """`BAROMETRE_HOME=` is the default folder, not the current directory."""
    from barometre.core.home import data_home

    fake_home = tmp_path / "user"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BAROMETRE_HOME", " ")
        patch.setenv("HOME", str(fake_home))
        patch.chdir(tmp_path)
        assert data_home() == fake_home / ".local" / "share" / "barometre"
