"""Login throttling behind the production proxy: failures count per client, not per proxy."""

from __future__ import annotations

from django.urls import reverse

from tests.web.conftest import PASSWORD


def test_failures_from_one_client_behind_the_proxy_do_not_lock_out_another(
    client, users, settings
) -> None:
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"  # as settings_production
    settings.LOGIN_MAX_FAILURES = 3
    url = reverse("web:login")
    # every request reaches Django from the proxy's address; the proxy appends the client's
    for n in range(3):
        client.post(
            url,
            {"username": f"robot-{n}", "password": "faux"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.5",  # the first part is forged
        )
    robot = client.post(
        url,
        {"username": "robot-9", "password": "faux"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert robot.status_code == 429
    auditor = client.post(
        url,
        {"username": "auditeur-test", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.44",
    )
    assert auditor.status_code == 302
    assert auditor["Location"] == reverse("web:review-queue")


def test_without_a_proxy_the_connection_address_counts_whatever_the_header_says(
    client, users, settings
) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    url = reverse("web:login")
    for n in range(3):
        client.post(
            url,
            {"username": f"robot-{n}", "password": "faux"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",  # forged: no proxy is trusted by default
        )
    blocked = client.post(url, {"username": "auditeur-test", "password": PASSWORD})
    assert blocked.status_code == 429
