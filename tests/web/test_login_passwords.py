"""A password is what was typed, spaces included: the login form stripped the spaces around it
(Django's CharField does by default), so an account made with « … » plus a trailing space could
never log in; and it cut passwords at 500 characters where accounts take up to 1,024."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from barometre.core.errors import BarometreError

pytestmark = pytest.mark.database


def _logs_in(client, username: str, password: str) -> bool:
    response = client.post("/connexion/", {"username": username, "password": password})
    client.logout()
    return response.status_code == 302


@pytest.mark.parametrize(
    "password",
    ["mot-de-passe-long ", "  mot-de-passe-long", " mot de passe long ", "x" * 1024],
)
def test_a_password_made_on_the_command_line_logs_in_exactly_as_typed(
    client, db, tmp_path: Path, password: str
) -> None:
    secret = tmp_path / "pw"
    secret.write_text(password + "\n", encoding="utf-8")
    call_command("users", "create", "alice", "--role", "auditeur", "--password-file", str(secret))
    assert User.objects.get(username="alice").check_password(password)
    assert _logs_in(client, "alice", password)
    if password != password.strip():  # the same letters without the spaces are another password
        assert not _logs_in(client, "alice", password.strip())


def test_a_password_from_the_environment_keeps_its_spaces(client, db, monkeypatch) -> None:
    monkeypatch.setenv("BAROMETRE_USER_PASSWORD", " mot-de-passe-long ")
    call_command("users", "create", "bruno", "--role", "auditeur")
    assert _logs_in(client, "bruno", " mot-de-passe-long ")


def test_no_terminal_to_ask_the_password_is_said_in_french(tmp_path: Path) -> None:
    """Without a terminal nor a password file, the prompt ended in an EOFError traceback."""
    env = {**os.environ, "BAROMETRE_HOME": str(tmp_path)}
    for name in ("BAROMETRE_USER_PASSWORD", "DATABASE_URL"):  # SQLite in tmp_path: untouched
        env.pop(name, None)
    # the tables, as after « barometre init »: the name is checked before the password is asked
    migrate = [sys.executable, "-m", "barometre", "migrate", "-v", "0"]
    subprocess.run(migrate, env=env, check=True, capture_output=True, timeout=300)
    done = subprocess.run(
        [sys.executable, "-m", "barometre", "users", "create", "carla", "--role", "auditeur"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        start_new_session=True,  # no controlling terminal: getpass reads the empty stdin
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "Erreur : Aucun mot de passe lu" in done.stderr
    # getpass's own warnings, in English, came first
    assert "Warning" not in done.stderr and "echo" not in done.stderr, done.stderr


def test_a_name_taken_is_refused_before_the_password_is_asked(db, monkeypatch) -> None:
    """The name (and the address) are checked first: the password is not typed twice to learn
    then that the account exists. No password source here: asking would fail otherwise."""
    monkeypatch.delenv("BAROMETRE_USER_PASSWORD", raising=False)
    User.objects.create_user(username="dora", password="mot-de-passe-long")
    with pytest.raises(BarometreError, match="L'utilisateur « dora » existe déjà"):
        call_command("users", "create", "dora", "--role", "auditeur", stdout=io.StringIO())
    with pytest.raises(BarometreError, match="Adresse électronique invalide"):
        call_command(
            "users", "create", "eve", "--role", "auditeur", "--email", "pas-une-adresse",
            stdout=io.StringIO(),
        )  # fmt: skip


def test_a_password_piped_without_a_terminal_is_read_without_english_warnings(
    monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """`printf 'pw\\npw\\n' | barometre users create ...` on a machine without a terminal: the
    lines are read as typed (spaces kept), and nothing is said in English."""
    import io

    from barometre.web.management.commands import users

    monkeypatch.setattr(users, "_terminal", lambda: False)
    monkeypatch.setattr("sys.stdin", io.StringIO(" un mot de passe \nencore\n"))
    assert users._typed("Mot de passe\u00a0: ") == " un mot de passe "
    assert users._typed("Encore une fois\u00a0: ") == "encore"
    assert capsys.readouterr().err == ""


def test_a_forgotten_password_is_changed_on_the_command_line_and_ends_old_sessions(
    client, db, tmp_path: Path
) -> None:
    """`users create` of a name taken names the way to change its password, which exists: an
    operator had no French way to reset an auditor's password (Django's changepassword asks
    in English)."""
    old, new = tmp_path / "ancien", tmp_path / "nouveau"
    old.write_text("mot-de-passe-ancien\n", encoding="utf-8")
    new.write_text("mot-de-passe-nouveau\n", encoding="utf-8")
    call_command("users", "create", "fanny", "--role", "auditeur", "--password-file", str(old))
    with pytest.raises(BarometreError, match="«\u00a0barometre users password fanny\u00a0»"):
        call_command("users", "create", "fanny", "--role", "auditeur", "--password-file", str(new))
    assert client.post("/connexion/", {"username": "fanny", "password": "mot-de-passe-ancien"})
    assert client.get("/revue/").status_code == 200
    out = io.StringIO()
    call_command("users", "password", "fanny", "--password-file", str(new), stdout=out)
    assert out.getvalue() == "Mot de passe de «\u00a0fanny\u00a0» changé.\n"
    assert client.get("/revue/").status_code == 302  # the session of the old password ended
    assert _logs_in(client, "fanny", "mot-de-passe-nouveau")
    assert not _logs_in(client, "fanny", "mot-de-passe-ancien")
    with pytest.raises(BarometreError, match="Aucun compte «\u00a0gina\u00a0»"):
        call_command("users", "password", "gina", "--password-file", str(new))
    short = tmp_path / "court"
    short.write_text("court\n", encoding="utf-8")
    with pytest.raises(BarometreError, match="Mot de passe trop court"):
        call_command("users", "password", "fanny", "--password-file", str(short))
    assert _logs_in(client, "fanny", "mot-de-passe-nouveau")


def test_a_password_file_dash_is_the_first_line_of_the_standard_input(
    client, db, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`printf 'pw\\n' | barometre users create … --password-file -` answered « Mot de passe
    illisible dans - (fichier introuvable) »: « - » is the standard input, as elsewhere."""
    piped = io.TextIOWrapper(io.BytesIO(b" mot-de-passe-lu \nautre ligne\n"), "utf-8")
    monkeypatch.setattr("sys.stdin", piped)
    call_command(
        "users",
        "create",
        "hugo",
        "--role",
        "auditeur",
        "--password-file",
        "-",
        stdout=io.StringIO(),
    )
    assert _logs_in(client, "hugo", " mot-de-passe-lu ")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\n"), "utf-8"))
    with pytest.raises(BarometreError, match="dans l'entrée standard\u00a0: la première ligne"):
        call_command("users", "password", "hugo", "--password-file", "-", stdout=io.StringIO())
