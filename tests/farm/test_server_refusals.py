"""What the farm server answers to requests it cannot serve: a status and one French sentence
in plain text, the connection closed, never a silent close or a traceback in the console."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator

import pytest

from barometre.farm import Farm, FarmServer
from barometre.farm.model import NOT_FOUND


@pytest.fixture
def quiet(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fails the test if asyncio logged an unhandled exception (a traceback in the console)."""
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        yield
    assert not [r for r in caplog.records if r.name == "asyncio"], caplog.text


def _raw(server: FarmServer, data: bytes, timeout: float = 5.0) -> tuple[int, str, str]:
    """Send `data` on a new connection; the status, headers and body (UTF-8) of the answer,
    read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as connection:
        connection.sendall(data)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *headers = head.decode("latin-1").split("\r\n")
    return int(status_line.split(" ")[1]), "\n".join(headers), body.decode("utf-8")


def _request(host: str, *lines: str, body: bytes = b"") -> bytes:
    return "\r\n".join(["GET / HTTP/1.1", f"Host: {host}", *lines, "", ""]).encode() + body


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (b"N'IMPORTE QUOI\r\n\r\n", 400, "Requête mal formée\u00a0: la première ligne doit être"),
        (b"GET /\r\n\r\n", 400, "reçu «\u00a0GET /\u00a0»"),
        (b"GET / HTTP/2.0\r\n\r\n", 505, "Version HTTP non prise en charge\u00a0: «\u00a0HTTP/2.0"),
        (_request("{host}", "sans deux-points"), 400, "En-tête mal formé\u00a0: «\u00a0sans deux"),
        (
            _request("{host}", "Content-Length: abc"),
            400,
            "Content-Length invalide\u00a0: «\u00a0abc",
        ),
        (_request("{host}", "Content-Length: -5"), 400, "Content-Length invalide\u00a0: «\u00a0-5"),
        (
            _request("{host}", "Content-Length: 999999999"),
            413,
            "Corps de requête trop volumineux\u00a0: 999\u00a0999\u00a0999\u00a0octets annoncés, "
            "1\u00a0Mio au plus.",
        ),
        (
            _request("{host}", "Transfer-Encoding: chunked", body=b"5\r\nhello\r\n0\r\n\r\n"),
            501,
            "Transfer-Encoding «\u00a0chunked\u00a0» non pris en charge par la ferme",
        ),
        (
            _request("{host}", "X-Long: " + "a" * 70_000),
            431,
            "En-têtes de requête trop longs\u00a0: 64\u00a0Kio au plus.",
        ),
    ],
)
def test_a_request_the_farm_cannot_serve_is_refused_in_french(
    farm: Farm, server: FarmServer, quiet: None, data: bytes, status: int, message: str
) -> None:
    """Before: a silent close (bad or negative Content-Length, too long headers: with an
    « Unhandled exception » traceback in the console for the first two), an empty 400, a body of
    any size read whole, chunked bodies read as the next request, HTTP/2.0 served as 1.1."""
    data = data.replace(b"{host}", farm.sites[0].host.encode())
    got_status, headers, body = _raw(server, data)
    assert (got_status, message in body) == (status, True), body
    assert "Content-Type: text/plain; charset=utf-8" in headers and "Connection: close" in headers
    assert "Traceback" not in body
    assert _raw(server, _request(farm.sites[0].host, "Connection: close"))[0] == 200  # still up


def test_an_announced_body_that_does_not_come_is_a_408(farm: Farm, quiet: None) -> None:
    """Before: the server waited for the missing bytes as long as the client kept the
    connection open."""
    with FarmServer(farm, body_timeout=0.2).start() as server:
        data = _request(farm.sites[0].host, "Content-Length: 100", body=b"court")
        status, _, body = _raw(server, data)
    assert status == 408
    assert body == (
        "Corps de requête incomplet\u00a0: 100\u00a0octets annoncés (Content-Length) non reçus "
        "en 0,2\u00a0s.\n"
    )


UNKNOWN = "Aucun site de la ferme ne s'appelle «\u00a0127.0.0.1\u00a0» (en-tête Host)"


@pytest.mark.parametrize(
    ("host", "opening"),
    [("127.0.0.1:8800", UNKNOWN), ("", "La requête n'a pas d'en-tête Host")],
)
def test_a_host_the_farm_does_not_serve_is_explained(
    farm: Farm, server: FarmServer, quiet: None, host: str, opening: str
) -> None:
    """Before: the same « La page demandée n'existe pas » as a missing page of a site, to an
    operator who opened http://127.0.0.1:PORT/ in a browser."""
    lines = [f"Host: {host}"] if host else []
    data = "\r\n".join(["GET / HTTP/1.1", *lines, "Connection: close", "", ""]).encode()
    status, headers, body = _raw(server, data)
    assert status == 404 and "text/plain; charset=utf-8" in headers
    assert body.startswith(opening + "\u00a0: la ferme sert chaque site sous son propre nom")
    assert f"«\u00a0Host: {farm.sites[0].host}\u00a0»" in body and "websites.csv" in body
    assert "barometre audit --farm 127.0.0.1:PORT" in body
    # a site's own missing page stays the site's 404 page (what a crawler should see)
    own = _raw(server, _request(farm.sites[0].host, "Connection: close").replace(b"/ ", b"/x ", 1))
    assert own[0] == 404 and own[2] == NOT_FOUND.body.decode()


def test_a_bug_of_the_farm_is_a_500_and_one_line(
    farm: Farm, quiet: None, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(self: Farm, host: str, target: str) -> None:
        raise ValueError("page cassée")

    monkeypatch.setattr(Farm, "lookup", broken)
    with FarmServer(farm).start() as server:
        status, _, body = _raw(server, _request(farm.sites[0].host))
    assert (status, server.errors) == (500, 1)
    assert body == "Erreur interne de la ferme (ValueError)\u00a0: la requête n'a pas été servie.\n"
    err = capfd.readouterr().err
    assert err == (
        "Ferme\u00a0: erreur interne (ValueError\u00a0: page cassée)\u00a0; réponse 500 envoyée.\n"
    )


def test_ctrl_c_while_the_farm_is_generated_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: Ctrl+C during the generation (seconds for a large farm) printed the traceback
    of wherever the generator was."""
    from barometre.farm import __main__ as command

    def interrupted(**_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "generate_farm", interrupted)
    assert command.main(["--sites", "1", "--duration", "0.1"]) == 130
    assert capsys.readouterr().err == "\nInterrompu (Ctrl+C)\u00a0: la ferme s'est arrêtée.\n"
