"""Login throttling: after too many failures for a user name or an address, refuse for a while.

Counted in the `logins` cache (shared by every server process, apart from the default cache,
which culls entries at random when full), keyed by a hash of the name and address.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address failures are counted for. Behind the production proxy every connection
    comes from the proxy: the client is the last address of CLIENT_ADDRESS_HEADER, the one the
    proxy added (those before it are the client's word); without the header, the connection's."""
    header = settings.CLIENT_ADDRESS_HEADER
    forwarded = request.META.get(header, "") if header else ""
    return forwarded.rsplit(",", 1)[-1].strip() or request.META.get("REMOTE_ADDR", "")


def _keys(username: str, address: str) -> list[str]:
    def key(kind: str, value: str) -> str:
        return f"web:login:{kind}:" + hashlib.sha256(value.lower().encode()).hexdigest()

    return [key("user", username), key("addr", address)]


def login_blocked(*, username: str, address: str) -> bool:
    limit = settings.LOGIN_MAX_FAILURES
    cache = caches["logins"]
    return any((cache.get(k) or 0) >= limit for k in _keys(username, address))


def login_failure_record(*, username: str, address: str) -> None:
    """Count a failure; the lockout ends LOGIN_LOCKOUT_SECONDS after the last one counted."""
    cache, seconds = caches["logins"], settings.LOGIN_LOCKOUT_SECONDS
    for key in _keys(username, address):
        if cache.add(key, 1, timeout=seconds):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=seconds)
            continue
        cache.touch(key, timeout=seconds)  # incr stores without one: the lockout never ended


def login_success_record(*, username: str, address: str) -> None:
    caches["logins"].delete(_keys(username, address)[0])


def login_locks_clear() -> None:
    """Forget every failure count: the locks of every name and address end now (an auditor
    locked out by their own typing, or by someone trying their name, asks an administrator)."""
    caches["logins"].clear()
