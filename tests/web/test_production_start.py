"""The production server's start (docs/web.md, "Production"): static files collected before
it, the pages' stylesheets loadable by a browser once collected, the cache keys' code digest,
its log lines."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

_KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz"


def _production(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="barometre.settings_production",
        BAROMETRE_SECRET_KEY=_KEY,
        BAROMETRE_ALLOWED_HOSTS="barometre.example.org",
        BAROMETRE_HOME=str(tmp_path),
        BAROMETRE_STATIC_ROOT=str(tmp_path / "static"),
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600
    )


def test_the_server_does_not_start_before_the_static_files_are_collected(tmp_path: Path) -> None:
    refused = _production(tmp_path, "import barometre.wsgi")
    assert refused.returncode != 0
    assert "Fichiers statiques absents de" in refused.stderr
    assert "barometre collectstatic --noinput" in refused.stderr

    _collected(tmp_path)
    started = _production(tmp_path, "import barometre.wsgi")
    assert started.returncode == 0, started.stderr


def _collected(tmp_path: Path) -> None:
    """What a deployment has before its server starts: the static files' manifest, and the
    WARC folder (BAROMETRE_WARC_ROOT, here the data folder's « warc »)."""
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    (tmp_path / "warc").mkdir()


def test_the_server_does_not_start_with_a_warc_folder_it_cannot_use(tmp_path: Path) -> None:
    """`barometre serve` refused a missing or unusable WARC folder; gunicorn, which imports
    barometre.wsgi, started all the same, and each evidence page said later that its archive
    was not on this server, the cause only in the log. The worker does not boot now."""
    _collected(tmp_path)
    (tmp_path / "warc").rmdir()
    refused = _production(tmp_path, "import barometre.wsgi")
    assert refused.returncode != 0
    said = refused.stderr.strip().splitlines()[-1]
    assert "Dossier des archives WARC" in said and "inutilisable" in said, refused.stderr
    assert "dossier absent, et la base de données ne dit pas" in said, said  # no tables yet
    (tmp_path / "warc").write_text("")
    refused = _production(tmp_path, "import barometre.wsgi")
    assert refused.returncode != 0
    assert "ce n'est pas un dossier" in refused.stderr, refused.stderr


_PAGE_ASSETS = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.template import engines
# The files are hashed and their CSS rewritten as in production, but not compressed: a
# browser checks the digest on the decompressed bytes, the collected file's own, and the
# gzip and Brotli copies cost 30 s to 80 s here for nothing this test looks at.
from whitenoise.compress import Compressor
Compressor.should_compress = lambda self, filename: False
call_command("collectstatic", interactive=False, verbosity=0)
print(engines["django"].from_string("{% load dsfr_tags %}{% dsfr_css %}{% dsfr_js %}").render({}))
"""


@pytest.mark.slow
def test_collected_stylesheets_and_scripts_match_the_integrity_the_pages_give(
    tmp_path: Path,
) -> None:
    """Browsers block a stylesheet whose bytes differ from its `integrity` digest: the DSFR's
    published digests do not fit the CSS that collectstatic rewrites (an unstyled site)."""
    run = _production(tmp_path, _PAGE_ASSETS)
    assert run.returncode == 0, run.stderr
    tags = re.findall(r"<(?:link|script)\b[^>]*>", run.stdout)
    assets = [t for t in tags if re.search(r'(?:href|src)="/static/', t)]
    assert any("dsfr.min." in t and "stylesheet" in t for t in assets), run.stdout
    for tag in assets:
        path = re.search(r'(?:href|src)="/static/([^"]+)"', tag)
        assert path is not None
        served = (tmp_path / "static" / path.group(1)).read_bytes()
        given = re.search(r'integrity="sha384-([^"]+)"', tag)
        if given:
            digest = base64.b64encode(hashlib.sha384(served).digest()).decode()
            assert given.group(1) == digest, tag


def test_the_server_takes_the_code_digest_of_its_cache_keys_when_it_starts(tmp_path: Path) -> None:
    """Taken at the first use of the cache instead, it is the digest of whatever files are on
    disk then: after an upgrade installed under a running server, the new code's."""
    code = (
        "import barometre.wsgi\n"
        "from barometre.core.cachekey import code_fingerprint\n"
        "print(code_fingerprint.cache_info().currsize)"
    )
    _collected(tmp_path)
    run = _production(tmp_path, code)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "1"


_UNKNOWN_HOST = """
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
plain = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
with override_settings(STORAGES=plain):  # the 400 page's stylesheets without collectstatic
    print(Client().get("/", HTTP_HOST="evil.example").status_code)
"""


def test_a_request_for_an_unknown_host_is_one_warning_line_with_its_time(tmp_path: Path) -> None:
    """Django logs it at ERROR with the traceback of the check that refused it (a scanner fills
    the log with them, and an alert on errors fires for a client's mistake); and without the
    time, which a log file written by gunicorn does not add."""
    (tmp_path / "static").mkdir()
    run = _production(tmp_path, _UNKNOWN_HOST)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "400"
    assert re.fullmatch(
        r"\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\] WARNING django\.security\.DisallowedHost: "
        r"Invalid HTTP_HOST header: 'evil\.example'\. [^\n]*\n",
        run.stderr,
    ), run.stderr


def test_a_request_for_an_unknown_host_is_not_logged_when_the_log_keeps_errors_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client's mistake is a warning: BAROMETRE_LOG_LEVEL=ERROR leaves it out."""
    (tmp_path / "static").mkdir()
    monkeypatch.setenv("BAROMETRE_LOG_LEVEL", "ERROR")
    run = _production(tmp_path, _UNKNOWN_HOST)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "400"
    assert run.stderr == ""
