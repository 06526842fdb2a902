import socket

import pytest


def test_connections_outside_loopback_are_refused() -> None:
    with socket.socket() as sock, pytest.raises(RuntimeError, match="outside loopback"):
        sock.connect(("192.0.2.1", 80))


def test_loopback_connections_are_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.socket() as client:
            client.connect(server.getsockname())
