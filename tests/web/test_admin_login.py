"""The Django admin's login goes through the site's throttled login."""

from __future__ import annotations

from urllib.parse import unquote

from django.test import Client
from django.urls import reverse

from tests.web.conftest import PASSWORD


def test_the_admin_login_does_not_get_round_the_login_throttle(client, users, settings) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    for n in range(3):
        client.post(reverse("web:login"), {"username": "administrateur-test", "password": f"x{n}"})
    # the admin's own form would log in with the right password, failures or not
    client.post(
        "/admin/login/?next=/admin/", {"username": "administrateur-test", "password": PASSWORD}
    )
    assert client.get("/admin/").status_code == 302  # not logged in
    blocked = client.post(
        reverse("web:login"), {"username": "administrateur-test", "password": PASSWORD}
    )
    assert blocked.status_code == 429


def test_the_admin_sends_to_the_site_login_and_back(users) -> None:
    client = Client()
    chain = client.get("/admin/", follow=True).redirect_chain
    assert unquote(chain[-1][0]) == "/connexion/?next=/admin/"
    answer = client.post(
        "/connexion/?next=/admin/", {"username": "administrateur-test", "password": PASSWORD}
    )
    assert answer["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
