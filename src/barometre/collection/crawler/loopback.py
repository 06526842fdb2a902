"""Loopback-only mode (BAROMETRE_LOOPBACK_ONLY=1): no connection and no name lookup off the machine.

The tests and the benchmarks crawl a local farm and must never reach the internet, DNS included.
`install()` wraps the socket module's connect and every resolver entry point (in `socket` and in
the C module `_socket` behind it, so that libraries that copied a reference at import time are
covered too): IP literals are accepted only in loopback ranges, and the only name that may be
resolved is `localhost` (answered from the hosts file, never by a DNS server). With
BAROMETRE_LOOPBACK_LOG=FILE, every refusal is also appended to FILE (one line each), since the
crawler reports a refused lookup as an ordinary DNS failure.
"""

from __future__ import annotations

import _socket
import ipaddress
import os
import socket
from typing import Any

_RESOLVERS = ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo")
_installed: dict[str, Any] = {}


def enabled() -> bool:
    return os.environ.get("BAROMETRE_LOOPBACK_ONLY") == "1"


def host_allowed(host: object) -> bool:
    """True for None (a local bind), `localhost` and loopback IP literals; False for any name."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    text = str(host).strip().rstrip(".").lower()
    if text == "localhost":
        return True
    try:
        return ipaddress.ip_address(text.strip("[]").split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _note(line: str) -> None:
    target = os.environ.get("BAROMETRE_LOOPBACK_LOG")
    if target:
        with open(target, "a", encoding="utf-8") as log:
            log.write(line + "\n")


def _lookup_target(name: str, args: tuple[Any, ...]) -> object:
    if name == "getnameinfo":  # getnameinfo((host, port), flags)
        address = args[0] if args else None
        return address[0] if isinstance(address, tuple) and address else address
    return args[0] if args else None


def _guarded_resolver(name: str, real: Any) -> Any:
    def resolver(*args: Any, **kwargs: Any) -> Any:
        target = _lookup_target(name, args)
        if not host_allowed(target):
            _note(f"{name} {target!r}")
            raise socket.gaierror(socket.EAI_NONAME, f"loopback only: no lookup of {target!r}")
        return real(*args, **kwargs)

    resolver.__name__ = name
    resolver.__qualname__ = f"loopback.{name}"
    return resolver


def _guarded_connect(real: Any) -> Any:
    def connect(self: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple) and address and not host_allowed(address[0]):
            _note(f"connect {address!r}")
            raise OSError(f"loopback only: connection to {address!r} refused")
        return real(self, address)

    return connect


def install() -> None:
    """Refuse connections and lookups outside loopback in this process (idempotent)."""
    if _installed:
        return
    for name in _RESOLVERS:
        for module in (socket, _socket):
            real = getattr(module, name)
            _installed[f"{module.__name__}.{name}"] = real
            setattr(module, name, _guarded_resolver(name, real))
    for method in ("connect", "connect_ex"):
        real = getattr(socket.socket, method)
        _installed[f"socket.socket.{method}"] = real
        setattr(socket.socket, method, _guarded_connect(real))


def uninstall() -> None:
    """Undo `install()` (tests)."""
    for key, real in _installed.items():
        owner, _, name = key.rpartition(".")
        target = (
            socket.socket
            if owner == "socket.socket"
            else (socket if owner == "socket" else _socket)
        )
        setattr(target, name, real)
    _installed.clear()
