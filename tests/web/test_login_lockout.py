"""The login lockout lasts LOGIN_LOCKOUT_SECONDS, and nothing but an administrator's
`barometre users unlock` ends it early."""

from __future__ import annotations

import io
import time
from pathlib import Path

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from tests.web.conftest import PASSWORD


def _fail(client, times: int) -> None:
    for n in range(times):
        client.post(reverse("web:login"), {"username": "auditeur-test", "password": f"x{n}"})


def _login(client) -> int:
    answer = client.post(reverse("web:login"), {"username": "auditeur-test", "password": PASSWORD})
    return answer.status_code


def test_the_lockout_ends_after_its_duration(client, users, settings) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_LOCKOUT_SECONDS = 1
    _fail(client, 3)  # the second and third failures were stored without an expiry: locked for good
    assert _login(client) == 429
    time.sleep(1.5)
    assert _login(client) == 302


def test_a_full_page_cache_does_not_forget_the_failures(
    client, users, settings, tmp_path: Path
) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    # a default cache that empties itself once it holds 3 entries, as a full one culls a third
    culled = {"LOCATION": str(tmp_path), "OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 1}}
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], **culled},
    }
    _fail(client, 3)
    for n in range(5):  # the scores of pages viewed after reviews
        cache.set(f"web:scores:{n}", n)
    assert _login(client) == 429


def test_an_administrator_lifts_the_locks_from_the_command_line(client, users, settings) -> None:
    """The 429 page tells the auditor to ask an administrator, who had no way to help but to wait
    (someone trying the auditor's name locks it again and again)."""
    settings.LOGIN_MAX_FAILURES = 3
    _fail(client, 3)
    assert _login(client) == 429
    out = io.StringIO()
    call_command("users", "unlock", stdout=out)
    assert out.getvalue() == (
        "Blocages de connexion levés\u00a0: chacun peut se connecter à nouveau.\n"
    )
    assert _login(client) == 302
