"""Serve a farm over plain HTTP/1.1 on loopback, dispatching on the Host header.

One asyncio event loop in a background thread: keep-alive connections, slow pages that wait
without holding a thread, gzip when the client accepts it, connection resets on demand. A crawler
in farm mode sends `GET /tpa/paiementws.web?... HTTP/1.1` with `Host: www.payfip.gouv.fr` to
`http://127.0.0.1:<port>`; http and https URLs are both served as plain HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import socket
import struct
import sys
import threading
from http import HTTPStatus
from types import TracebackType

from barometre.farm.model import Farm, Resource
from barometre.farm.protocol import (
    MAX_HEAD,
    Head,
    Refused,
    body_incomplete,
    head_too_large,
    internal_error,
    parse_head,
    unknown_host,
)

_COMPRESSIBLE = ("text/", "application/xhtml", "application/json", "application/xml")


class FarmServer:
    """A running farm server; use as a context manager or call `stop()`."""

    def __init__(
        self, farm: Farm, *, host: str = "127.0.0.1", port: int = 0, body_timeout: float = 10.0
    ) -> None:
        self.farm = farm
        self.host = host
        self.port = port
        self.body_timeout = body_timeout  # seconds to receive an announced body (then 408)
        self.requests = 0
        self.errors = 0  # internal errors, answered 500 and reported on one line
        self._gzip_cache: dict[int, tuple[Resource, bytes]] = {}
        self._loop = asyncio.new_event_loop()
        self._tasks: set[asyncio.Task[None]] = set()
        self._server: asyncio.Server | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="barometre-farm", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> FarmServer:
        self._thread.start()
        self._ready.wait(timeout=10)
        if self._error is not None:
            raise self._error
        return self

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        future = asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop)
        with contextlib.suppress(Exception):
            future.result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def __enter__(self) -> FarmServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._server = self._loop.run_until_complete(
                asyncio.start_server(
                    self._handle, self.host, self.port, backlog=1024, limit=MAX_HEAD
                )
            )
            self.port = self._server.sockets[0].getsockname()[1]
        except BaseException as error:  # reported to the caller of start()
            self._error = error
            self._ready.set()
            self._loop.close()
            return
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.close()

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            while await self._one_request(reader, writer):
                pass
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the client went away (or the server stops): nobody to answer
        except Exception as error:  # a bug of the farm: a 500 and one line, not a traceback
            self._internal_error(writer, error)
        finally:
            if task is not None:
                self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _one_request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        """Answer one request; return whether the connection stays open."""
        try:
            head = await self._read_request(reader)
        except Refused as refused:  # not a request the farm serves: said why, then closed
            writer.write(refused.response())
            await writer.drain()
            return False
        self.requests += 1
        host = head.headers.get("host", "")
        if self.farm.serves(host):
            resource = self.farm.lookup(host, head.target)
        else:  # an operator's browser on http://127.0.0.1:PORT/, a client without Host
            resource = self._unknown_host(host)
        if resource.delay:
            await asyncio.sleep(resource.delay)
        if resource.behaviour == "reset":
            _reset(writer)
            return False
        keep = _keep_alive(head.version, head.headers.get("connection", ""))
        writer.write(self._response(resource, head.method, head.headers, keep))
        await writer.drain()
        return keep

    async def _read_request(self, reader: asyncio.StreamReader) -> Head:
        """The head of the next request, its body read and dropped; Refused if unusable."""
        try:
            head = parse_head(await reader.readuntil(b"\r\n\r\n"))
        except asyncio.LimitOverrunError:
            raise head_too_large() from None
        if head.length:
            try:
                await asyncio.wait_for(reader.readexactly(head.length), self.body_timeout)
            except TimeoutError:
                raise body_incomplete(head.length, self.body_timeout) from None
        return head

    def _unknown_host(self, host: str) -> Resource:
        example = self.farm.sites[0].host if self.farm.sites else "www.exemple.ville.test"
        text = unknown_host(host.split(":", 1)[0].strip(), example)
        return Resource(status=404, content_type="text/plain; charset=utf-8", body=text.encode())

    def _internal_error(self, writer: asyncio.StreamWriter, error: Exception) -> None:
        self.errors += 1
        refused = internal_error(error)
        sys.stderr.write(
            f"Ferme\u00a0: erreur interne ({type(error).__name__}\u00a0: {error})\u00a0; "
            "réponse 500 envoyée.\n"
        )
        with contextlib.suppress(Exception):
            writer.write(refused.response())

    def _response(
        self, resource: Resource, method: str, headers: dict[str, str], keep: bool
    ) -> bytes:
        body = resource.payload()
        extra = list(resource.headers)
        wants_gzip = "gzip" in headers.get("accept-encoding", "").lower()
        if wants_gzip and len(body) > 256 and resource.content_type.startswith(_COMPRESSIBLE):
            body = self._gzipped(resource, body)
            extra += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        reason = _reason(resource.status)
        out = [
            f"HTTP/1.1 {resource.status} {reason}",
            f"Content-Type: {resource.content_type}",
            f"Content-Length: {len(body)}",
            "Server: barometre-farm",
            f"Connection: {'keep-alive' if keep else 'close'}",
            *(f"{name}: {value}" for name, value in extra),
        ]
        head = ("\r\n".join(out) + "\r\n\r\n").encode("latin-1")
        return head if method == "HEAD" else head + body

    def _gzipped(self, resource: Resource, body: bytes) -> bytes:
        if resource.factory is not None:  # very large pages: compressed fast, never cached
            return gzip.compress(body, compresslevel=1, mtime=0)
        cached = self._gzip_cache.get(id(resource))
        if cached is None or cached[0] is not resource:
            cached = (resource, gzip.compress(body, compresslevel=5, mtime=0))
            self._gzip_cache[id(resource)] = cached
        return cached[1]


def _keep_alive(version: str, connection: str) -> bool:
    connection = connection.lower()
    if version == "HTTP/1.0":
        return "keep-alive" in connection
    return "close" not in connection


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP RST (SO_LINGER 0), as a crashing server would."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def serve_farm(farm: Farm, *, host: str = "127.0.0.1", port: int = 0) -> FarmServer:
    """Start serving `farm` in a background thread; returns the running server (`.port`, `.url`)."""
    return FarmServer(farm, host=host, port=port).start()
