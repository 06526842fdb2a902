"""The login's `next` never leads off the site (nor from https down to http), and under the
production settings the session and CSRF cookies a login sets are Secure, the session's
HttpOnly, both SameSite=Lax."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import PASSWORD

ELSEWHERE = [
    "https://barometre.example.net/revue/",
    "//barometre.example.net/revue/",
    "///barometre.example.net/revue/",
    "/\\barometre.example.net/revue/",
    "\\\\barometre.example.net/revue/",
    "https:/\\barometre.example.net/",
    "https:barometre.example.net",
    " https://barometre.example.net/",
    "/\t/barometre.example.net/",
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "web:home",
]


def _login(client: Client, target: str, **extra):
    query = urlencode({"next": target})
    form = {"username": "auditeur-test", "password": PASSWORD}
    return client.post(f"{reverse('web:login')}?{query}", form, **extra)


@pytest.mark.parametrize("target", ELSEWHERE)
def test_a_next_address_off_the_site_leads_to_the_review_queue(users, target: str) -> None:
    answer = _login(Client(), target)
    assert answer.status_code == 302
    assert answer["Location"] == reverse("web:review-queue")


def test_a_next_address_on_the_site_is_followed(users) -> None:
    answer = _login(Client(), "/commune/44109/?campagne=apres")
    assert answer["Location"] == "/commune/44109/?campagne=apres"


def test_over_https_a_next_address_in_plain_http_is_not_followed(users) -> None:
    """As Django's own login view: a page reached over https does not send on to http."""
    answer = _login(Client(), "http://testserver/commune/44109/", secure=True)
    assert answer["Location"] == reverse("web:review-queue")
    followed = _login(Client(), "https://testserver/commune/44109/", secure=True)
    assert followed["Location"] == "https://testserver/commune/44109/"


_COOKIES = """
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from barometre.accounts.roles import user_create
call_command("migrate", verbosity=0)
user_create(username="auditeur-test", role="auditeur", password="mot-de-passe-de-test")
client = Client(HTTP_HOST="barometre.example.org")
answer = client.post(
    "/connexion/", {"username": "auditeur-test", "password": "mot-de-passe-de-test"},
    secure=True, HTTP_REFERER="https://barometre.example.org/connexion/",
)
print(answer.status_code)
for cookie in answer.cookies.values():  # login() sets both (a new CSRF token)
    print(cookie.OutputString())
"""


def test_production_cookies_are_secure_http_only_and_same_site(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="barometre.settings_production",
        BAROMETRE_SECRET_KEY="k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz",
        BAROMETRE_ALLOWED_HOSTS="barometre.example.org",
        BAROMETRE_HOME=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/barometre.sqlite3",
    )
    run = subprocess.run(
        [sys.executable, "-c", _COOKIES], env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr
    status, *cookies = run.stdout.splitlines()
    assert status == "302"
    named = {line.split("=")[0]: line for line in cookies}
    assert set(named) >= {"csrftoken", "sessionid"}
    for line in named.values():
        assert "; Secure" in line and "SameSite=Lax" in line, line
    assert "; HttpOnly" in named["sessionid"]
