"""A tiny HTTP server on loopback for crawler tests: routes by (Host, path), pages we wrote."""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    gzip: bool = False  # body is sent gzip-encoded (already compressed when `raw_gzip`)
    raw_gzip: bool = False
    # "br", "zstd", or codings applied in order ("gzip, br"): the body is sent so compressed
    encoding: str = ""
    reset: bool = False  # close the connection at once, without an answer (TCP reset)
    stream: int = 0  # send this many bytes of body without Content-Length, then close
    drip: float = 0.0  # announce 1,000 bytes, then send one every `drip` seconds
    flood: int = 0  # send this many bytes of header lines (1 KB each) before the page


def compressed(body: bytes, encoding: str) -> bytes:
    """`body` with each coding of `encoding` applied in order, as `Content-Encoding` lists
    them; a coding this server does not know is left unapplied (a server that lies)."""
    if "," in encoding:
        for coding in encoding.split(","):
            body = compressed(body, coding.strip())
        return body
    if encoding in ("gzip", "x-gzip"):
        return gzip.compress(body)
    if encoding == "deflate":
        import zlib

        return zlib.compress(body)
    if encoding not in ("br", "zstd"):
        return body
    if encoding == "br":
        import brotli

        return bytes(brotli.compress(body, quality=1))
    from backports import zstd

    return zstd.compress(body)


@dataclass
class SiteServer:
    routes: dict[tuple[str, str], Route] = field(default_factory=dict)
    hits: list[tuple[str, str]] = field(default_factory=list)
    request_headers: list[dict[str, str]] = field(default_factory=list)  # in order of hits
    arrivals: list[tuple[str, float]] = field(default_factory=list)  # (host, monotonic time)
    flooded: dict[str, int] = field(default_factory=dict)  # path -> header bytes the client took
    port: int = 0
    stopped: threading.Event = field(default_factory=threading.Event)  # ends slow answers

    def add(self, host: str, path: str, route: Route | str) -> None:
        if isinstance(route, str):
            route = Route(body=route.encode("utf-8"))
        self.routes[(host, path)] = route

    def count(self, host: str, path: str | None = None) -> int:
        return sum(1 for h, p in self.hits if h == host and (path is None or p == path))

    def start(self) -> SiteServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def handle(self) -> None:  # a client killed mid-request is not a server error
                with contextlib.suppress(ConnectionResetError, BrokenPipeError):
                    super().handle()

            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                host = (self.headers.get("Host") or "").split(":")[0]
                owner.hits.append((host, self.path))
                owner.request_headers.append(dict(self.headers.items()))
                owner.arrivals.append((host, time.monotonic()))
                route = owner.routes.get((host, self.path))
                if route is None:
                    route = Route(b"<html><body>introuvable</body></html>", status=404)
                if route.delay:
                    time.sleep(route.delay)
                if route.reset:
                    # SO_LINGER 0: the close sends a TCP reset, as a dropping firewall may
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.connection.close()
                    self.close_connection = True
                    return
                if route.stream or route.drip:
                    self._trickle(route)
                    return
                if route.flood:
                    self._flood(route)
                    return
                body = route.body
                headers = list(route.headers)
                if route.gzip:
                    body = body if route.raw_gzip else gzip.compress(body)
                    headers.append(("Content-Encoding", "gzip"))
                elif route.encoding:
                    body = compressed(body, route.encoding)
                    headers.append(("Content-Encoding", route.encoding))
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def _flood(self, route: Route) -> None:
                """Header lines by the megabyte, written as they go (never held at once)."""
                self.close_connection = True
                lines = b"".join(b"X-Remplissage-%d: %s\r\n" % (i, b"a" * 1000) for i in range(64))
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(b"HTTP/1.1 %d OK\r\n" % route.status)
                    sent = 0
                    while sent < route.flood and not owner.stopped.is_set():
                        self.wfile.write(lines)
                        sent += len(lines)
                        owner.flooded[self.path] = sent
                    head = "Content-Type: %s\r\nContent-Length: %d\r\n\r\n"
                    self.wfile.write(head.encode() % (route.content_type.encode(), len(route.body)))
                    self.wfile.write(route.body)

            def _trickle(self, route: Route) -> None:
                """A body too large to announce, or one that never ends in time."""
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.drip:
                    self.send_header("Content-Length", "1000")
                self.end_headers()
                self.close_connection = True
                chunk = b"x" * 65536 if route.stream else b"x"
                sent = 0
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    while sent < (route.stream or 1000) and not owner.stopped.is_set():
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        sent += len(chunk)
                        owner.stopped.wait(route.drip)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.stopped.set()
        self._server.shutdown()
        self._server.server_close()
