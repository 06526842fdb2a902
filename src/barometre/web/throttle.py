"""Login throttling: after too many failures for a user name or an address, refuse for a while.

Counted in the cache (shared by every server process), keyed by a hash of the name and address.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
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
    return any((cache.get(k) or 0) >= limit for k in _keys(username, address))


def login_failure_record(*, username: str, address: str) -> None:
    for key in _keys(username, address):
        if cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)


def login_success_record(*, username: str, address: str) -> None:
    cache.delete(_keys(username, address)[0])
