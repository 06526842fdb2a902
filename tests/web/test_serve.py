"""`barometre serve` starts a real server on a fresh data folder and answers the home page."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.core.exceptions import ImproperlyConfigured

from barometre.core.ports import _bind_refusal
from barometre.web.serving import hosts_allow, https_hint


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _served(tmp_path, *arguments: str) -> tuple[str, str]:
    """Start `barometre serve` on a free port, wait for its home page, stop it: the page and what
    the server printed."""
    port = _free_port()
    env = {**os.environ, "BAROMETRE_HOME": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "barometre", "serve", "--port", str(port), *arguments],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        body = ""
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert "Aucune campagne mesurée" in body, log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=30)
    return body, log.read_text().replace(str(port), "PORT")


@pytest.mark.slow
def test_serve_answers_on_a_fresh_home(tmp_path) -> None:
    _, said = _served(tmp_path)
    assert "Observatoire servi sur http://127.0.0.1:PORT/ (Ctrl+C pour arrêter)" in said
    assert "Starting development server" not in said  # Django's English banner
    assert "WARNING: This is a development server" not in said


@pytest.mark.slow
def test_serve_says_nothing_at_verbosity_0(tmp_path) -> None:
    """« -v 0 » (silencieux) printed the banner all the same: the server wrote to its own
    standard output, not to the command's, which -v 0 silences."""
    _, said = _served(tmp_path, "-v", "0")
    assert "Observatoire servi" not in said and "Serveur de développement" not in said, said


def _serve(tmp_path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BAROMETRE_HOME": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "barometre", "serve", *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_serve_on_a_port_already_taken_says_so_in_french_and_prepares_nothing(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve(tmp_path, "--port", str(port))
    assert result.returncode == 1
    assert f"Le port {port} est déjà utilisé sur 127.0.0.1" in result.stderr
    assert "--port" in result.stderr
    assert "That port" not in result.stderr + result.stdout
    assert not (tmp_path / "barometre.sqlite3").exists()  # refused before the database


def test_serve_on_an_address_of_another_machine_is_refused_in_french(tmp_path) -> None:
    result = _serve(tmp_path, "--addr", "192.0.2.1", "--port", "8000")  # TEST-NET-1: not ours
    assert result.returncode == 1
    assert "L'adresse 192.0.2.1 n'est pas une adresse de cette machine" in result.stderr


def test_a_port_out_of_range_is_refused(tmp_path) -> None:
    result = _serve(tmp_path, "--port", "70000")
    assert result.returncode == 1
    assert "Port 70000 impossible" in result.stderr


def test_bind_refusals_name_the_cause() -> None:
    denied = OSError(errno.EACCES, "Permission denied")
    assert "Pas le droit d'écouter sur le port 80" in _bind_refusal("127.0.0.1", 80, denied)
    other = OSError(errno.ENOBUFS, "No buffer space available")
    assert _bind_refusal("127.0.0.1", 80, other).endswith("No buffer space available.")


def test_the_address_served_is_an_accepted_host(settings) -> None:
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    assert hosts_allow("::1") == ""
    assert hosts_allow("192.168.1.10") == ""
    assert settings.ALLOWED_HOSTS == ["localhost", "127.0.0.1", "[::1]", "192.168.1.10"]
    hint = hosts_allow("0.0.0.0")
    assert "localhost, 127.0.0.1" in hint and "BAROMETRE_ALLOWED_HOSTS" in hint
    assert settings.ALLOWED_HOSTS == ["localhost", "127.0.0.1", "[::1]", "192.168.1.10"]


@pytest.mark.slow
def test_serve_takes_an_ipv6_address_with_or_without_brackets(tmp_path) -> None:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
            port = probe.getsockname()[1]
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    env = {**os.environ, "BAROMETRE_HOME": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "barometre", "serve", "--addr", "[::1]", "--port", str(port)]
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        try:
            first = process.stdout.readline() if process.stdout else ""
            assert first.startswith(f"Observatoire servi sur http://[::1]:{port}/"), first
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_serve_with_the_production_settings_says_its_pages_redirect_to_https(
    settings, monkeypatch
) -> None:
    """It printed « Observatoire servi sur http://… » and every page went to https://, which
    the development server does not answer: a browser's TLS error, nothing said."""
    import io

    from django.core.management import call_command

    from barometre.web.management.commands import serve

    monkeypatch.setattr(serve, "call_command", lambda *a, **k: None)  # no server: its words
    monkeypatch.setattr(serve, "serve_prepare", lambda: None)
    monkeypatch.setattr(serve, "port_check", lambda addr, port: None)
    settings.SECURE_SSL_REDIRECT = True
    out = io.StringIO()
    call_command("serve", "--port", "0", stdout=out)
    assert "relancez avec BAROMETRE_SSL_REDIRECT=0 BAROMETRE_HSTS_SECONDS=0" in out.getvalue()
    settings.SECURE_SSL_REDIRECT = False
    assert https_hint() == ""


@pytest.mark.django_db
def test_serve_refuses_a_warc_folder_it_cannot_use(settings, tmp_path, monkeypatch) -> None:
    """The server started whatever BAROMETRE_WARC_ROOT was (a share not mounted, a file, no
    right to read): each evidence page then said its archive was not on this server, the cause
    only in the log. It now refuses to start, saying which folder and why, in French."""
    from barometre.core.errors import BarometreError
    from barometre.web import serving
    from tests.factories import CampaignFactory, CommuneFactory
    from tests.web.conftest import archive_record

    settings.WARC_ROOT = str(tmp_path / "fresh" / "warc")
    serving.warc_root_check()  # nothing archived yet: the folder is made
    assert (tmp_path / "fresh" / "warc").is_dir()
    (tmp_path / "file").write_text("")
    settings.WARC_ROOT = str(tmp_path / "file")
    with pytest.raises(BarometreError, match=r"«\s.*file\s»\s.*inutilisable\s:\sce n'est pas un"):
        serving.warc_root_check()
    archive_record(tmp_path / "elsewhere", CampaignFactory(), CommuneFactory().code)
    settings.WARC_ROOT = str(tmp_path / "share" / "warc")
    with pytest.raises(BarometreError, match="dossier absent, alors que la base compte 1 page"):
        serving.warc_root_check()
    assert not (tmp_path / "share").exists()  # not made: the archives are elsewhere
    settings.WARC_ROOT = str(tmp_path / "fresh" / "warc")
    monkeypatch.setattr(serving.os, "access", lambda path, mode: not mode & os.W_OK)
    with pytest.raises(BarometreError, match="écriture refusée à cet utilisateur"):
        serving.warc_root_check()


@pytest.mark.django_db
def test_serve_checks_the_warc_folder_once(settings, tmp_path, monkeypatch) -> None:
    """`barometre serve` checked the WARC folder in `serve_prepare`, then again when Django's
    development server imported barometre.wsgi (its check at start, for gunicorn): once is
    enough. A process that did not prepare, gunicorn's, still checks at import
    (tests/web/test_production_start.py)."""
    from django.core.servers.basehttp import get_internal_wsgi_application

    from barometre.web import serving

    looked: list[object] = []
    problem = serving._warc_problem
    monkeypatch.setattr(serving, "_warc_problem", lambda root: looked.append(root) or problem(root))
    monkeypatch.setattr(serving, "_CHECKED_ROOTS", set(), raising=False)
    settings.WARC_ROOT = str(tmp_path / "warc")
    serving.serve_prepare()
    assert len(looked) == 1
    monkeypatch.delitem(sys.modules, "barometre.wsgi", raising=False)  # imported afresh
    get_internal_wsgi_application()  # what runserver does before serving
    assert len(looked) == 1
    (tmp_path / "other").write_text("")  # a folder this process never checked: a file
    settings.WARC_ROOT = str(tmp_path / "other")
    monkeypatch.delitem(sys.modules, "barometre.wsgi", raising=False)
    with pytest.raises(ImproperlyConfigured, match="Dossier des archives WARC"):
        get_internal_wsgi_application()
