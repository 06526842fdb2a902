"""Test-wide rules: no network outside loopback, a private data folder per session."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("BAROMETRE_HOME", tempfile.mkdtemp(prefix="barometre-test-home-"))


def _private_home() -> None:
    """pytest-django imports the settings before this file, so without BAROMETRE_HOME in the
    environment they point at the user's own data folder (~/.local/share/barometre): its cache,
    archives and open data files, which tests would then read and write. Point them here."""
    from django.conf import settings

    home = Path(os.environ["BAROMETRE_HOME"]).resolve()
    if Path(settings.HOME) == home:
        return
    settings.HOME = home
    settings.WARC_ROOT = home / "warc"
    cache = dict(settings.CACHES["default"], LOCATION=str(home / "cache"))
    logins = dict(settings.CACHES["logins"], LOCATION=str(home / "cache" / "logins"))
    scores = dict(settings.CACHES["scores"], LOCATION=str(home / "cache" / "scores"))
    settings.CACHES = {**settings.CACHES, "default": cache, "logins": logins, "scores": scores}


_private_home()
# Loopback-only mode, for the test process and every crawl process it starts: no connection
# off loopback, no name resolved but localhost (barometre.collection.crawler.loopback).
os.environ["BAROMETRE_LOOPBACK_ONLY"] = "1"

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_loopback(address: Any) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
    else:
        return True  # AF_UNIX paths: local by definition
    if host in {"localhost", ""}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # an unresolved host name would mean a DNS lookup, which is not allowed


def _guarded(real: Any) -> Any:
    def connect(self: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise RuntimeError(
                f"network access outside loopback is not allowed in tests: {address!r}"
            )
        return real(self, address)

    return connect


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashes() -> Iterator[None]:
    """Hash the tests' passwords with a fast hasher, as Django's testing guide advises: the
    production hasher (PBKDF2, a third of a second per password here) made each test that
    creates its three reviewers or logs in wait a second or more. What is checked of logins
    (roles, lockout, messages) does not depend on the hasher."""
    from django.conf import settings
    from django.contrib.auth import hashers

    production = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()
    yield
    settings.PASSWORD_HASHERS = production
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True, scope="session")
def _block_network() -> Iterator[None]:
    from barometre.collection.crawler import loopback

    loopback.install()  # resolvers (the connect guard below is the stricter one)
    socket.socket.connect = _guarded(_real_connect)  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded(_real_connect_ex)  # type: ignore[method-assign]
    yield
    loopback.uninstall()
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]


_DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches the database, so `pytest -m database` reruns them elsewhere;
    not those marked `engine_independent` (layout in a browser, the farm recipe of the docs:
    what they check is the same on every engine), which `make test` runs once: in the SQLite
    pass, or in the PostgreSQL pass when marked `engine_independent(run_in="postgres")` (marked
    `postgres_pass` here), so that the two passes take about as long."""
    for item in items:
        independent = item.get_closest_marker("engine_independent")
        if independent is not None:
            if independent.kwargs.get("run_in") == "postgres":
                item.add_marker(pytest.mark.postgres_pass)
            continue
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & _DB_FIXTURES:
            item.add_marker(pytest.mark.database)
