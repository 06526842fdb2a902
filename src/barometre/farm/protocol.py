"""One HTTP/1.1 request head as the farm server reads it, and the requests it refuses.

The farm answers what a commune website would answer (its pages, redirects, 404s, resets); a
request that is not HTTP it can serve (a malformed line, a body it will not read, a host it does
not serve) gets the farm's own answer instead: a status and one French sentence in plain text,
never a silent close or a traceback in the operator's console.
"""

from __future__ import annotations

from dataclasses import dataclass

from barometre.core.typography import decimal, grouped

MAX_HEAD = 64 * 1024  # request line and headers
MAX_BODY = 1024 * 1024  # the farm's forms are small: a larger body is refused unread
_VERSIONS = ("HTTP/1.1", "HTTP/1.0")


@dataclass(frozen=True, slots=True)
class Head:
    method: str
    target: str
    version: str
    headers: dict[str, str]
    length: int  # of the body that follows (Content-Length)


class Refused(Exception):
    """A request the farm does not serve: the status and the French reason sent back."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> bytes:
        """The whole answer, text/plain, after which the connection is closed."""
        body = f"{self.reason}\n".encode()
        head = (
            f"HTTP/1.1 {self.status} {_PHRASES.get(self.status, 'Error')}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Server: barometre-farm\r\n"
            "Connection: close\r\n\r\n"
        )
        return head.encode("latin-1") + body


_PHRASES = {
    400: "Bad Request",
    404: "Not Found",
    408: "Request Timeout",
    413: "Content Too Large",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    501: "Not Implemented",
    505: "HTTP Version Not Supported",
}


def shown(text: str, limit: int = 60) -> str:
    """`text` quoted for a message: control characters replaced, cut to `limit` characters."""
    clean = "".join(c if c.isprintable() else "?" for c in text)
    return f"«\u00a0{clean[:limit]}{'…' if len(clean) > limit else ''}\u00a0»"


def _header(name: str, value: str) -> str:
    """A header line as HTTP writes it (no space before its colon)."""
    return f"{name}: {value}"


def head_too_large() -> Refused:
    return Refused(
        431, f"En-têtes de requête trop longs\u00a0: {MAX_HEAD // 1024}\u00a0Kio au plus."
    )


def parse_head(raw: bytes) -> Head:
    """The request line and headers of `raw` (ending with an empty line); Refused if unusable."""
    if len(raw) > MAX_HEAD:
        raise head_too_large()
    lines = raw.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not all(parts):
        raise Refused(
            400,
            f"Requête mal formée\u00a0: la première ligne doit être «\u00a0MÉTHODE CHEMIN "
            f"HTTP/1.1\u00a0», reçu {shown(lines[0])}.",
        )
    method, target, version = parts
    if version not in _VERSIONS:
        raise Refused(
            505,
            f"Version HTTP non prise en charge\u00a0: {shown(version)}\u00a0; la ferme parle "
            "HTTP/1.1 et HTTP/1.0.",
        )
    headers = _headers([line for line in lines[1:] if line])
    return Head(method, target, version, headers, _length(headers))


def _headers(lines: list[str]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in lines:
        name, colon, value = line.partition(":")
        if not colon or not name.strip() or name != name.strip():
            raise Refused(
                400,
                f"En-tête mal formé\u00a0: {shown(line)}\u00a0; attendu "
                f"{shown(_header('Nom', 'valeur'))}.",
            )
        headers[name.lower()] = value.strip()
    return headers


def _length(headers: dict[str, str]) -> int:
    """The body's length; Refused for one the farm cannot or will not read."""
    if "transfer-encoding" in headers:
        raise Refused(
            501,
            f"Transfer-Encoding {shown(headers['transfer-encoding'])} non pris en charge par la "
            "ferme\u00a0: envoyez le corps avec Content-Length.",
        )
    given = headers.get("content-length", "0") or "0"
    if not given.isascii() or not given.isdigit():
        raise Refused(
            400,
            f"En-tête Content-Length invalide\u00a0: {shown(given)}\u00a0; attendu un nombre "
            "d'octets (entier positif ou nul).",
        )
    length = int(given)
    if length > MAX_BODY:
        raise Refused(
            413,
            f"Corps de requête trop volumineux\u00a0: {grouped(length)}\u00a0octets annoncés, "
            f"{MAX_BODY // (1024 * 1024)}\u00a0Mio au plus.",
        )
    return length


def body_incomplete(length: int, seconds: float) -> Refused:
    return Refused(
        408,
        f"Corps de requête incomplet\u00a0: {grouped(length)}\u00a0octets annoncés "
        f"(Content-Length) non reçus en {decimal(seconds, int(not seconds.is_integer()))}\u00a0s.",
    )


def unknown_host(host: str, example: str) -> str:
    """What a request for a host that the farm does not serve reads (with its 404)."""
    if not host:
        opening = "La requête n'a pas d'en-tête Host"
    else:
        opening = f"Aucun site de la ferme ne s'appelle {shown(host)} (en-tête Host)"
    return (
        f"{opening}\u00a0: la ferme sert chaque site sous son propre nom, à donner dans l'en-tête "
        f"Host (par exemple {shown(_header('Host', example), 200)}\u00a0; la liste est dans "
        "websites.csv). "
        "Pour auditer la ferme\u00a0: barometre audit --farm 127.0.0.1:PORT "
        "--allow-private-addresses.\n"
    )


def internal_error(error: Exception) -> Refused:
    return Refused(
        500,
        f"Erreur interne de la ferme ({type(error).__name__})\u00a0: la requête n'a pas été "
        "servie.",
    )
