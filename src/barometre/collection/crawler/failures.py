"""Why a request failed, in French, for the audit report and the per-site record."""

from __future__ import annotations

import gzip
import re
import zlib

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    NoRouteError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ParseError, ResponseFailed, ResponseNeverReceived

from barometre.collection.crawler.jobs import CrawlSite, FetchFailed
from barometre.core.french_reasons import Reasons, french_reason
from barometre.core.typography import grouped

# The response headers read at most, all lines together (network.CappedDownloadHandler): Twisted
# reads header lines without end, 16 KiB each, and a server that sent them for the whole timeout
# held hundreds of MB of the crawl process (300 MB of headers: 470 MB at its peak, where a crawl
# takes some 90). Browsers stop at some 256 KB.
MAX_HEADER_BYTES = 256 * 1024
HEADERS_TOO_LARGE = (
    f"en-têtes de réponse trop volumineux (plus de {grouped(MAX_HEADER_BYTES // 1024)}\u00a0Kio)"
)


class HeadersTooLarge(ParseError):
    """A response whose header section is past MAX_HEADER_BYTES: the connection is dropped."""

    def __init__(self) -> None:
        super().__init__("headers", f"more than {MAX_HEADER_BYTES} bytes")  # type: ignore[no-untyped-call]


class RobotsRefusal(IgnoreRequest):
    """A request not sent because its host's robots.txt could not be read (RFC 9309, 2.3.1.4):
    `reason` says why, in French."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CrawlStopping(IgnoreRequest):
    """A request not sent because the crawl is stopping (Ctrl-C): its site stays unfinished."""

    def __init__(self) -> None:
        super().__init__("arrêt demandé")


_KINDS: tuple[tuple[type[BaseException], str], ...] = (
    (CannotResolveHostError, "nom de domaine introuvable ou refusé"),
    (DownloadConnectionRefusedError, "connexion refusée"),
    (ResponseDataLossError, "réponse incomplète"),
    (DownloadFailedError, "échec du téléchargement"),
    (DNSLookupError, "nom de domaine introuvable ou refusé"),
    (ConnectionRefusedError, "connexion refusée"),
    (DownloadTimeoutError, "délai dépassé"),
    (TimeoutError, "délai dépassé"),
    (TCPTimedOutError, "délai dépassé"),
    (NoRouteError, "réseau injoignable"),
    (ConnectError, "connexion impossible"),  # Twisted's other connection errors
    (ResponseNeverReceived, "connexion fermée sans réponse"),
    (ConnectionLost, "connexion interrompue"),
    (ResponseFailed, "réponse incomplète"),
    (gzip.BadGzipFile, "contenu compressé illisible"),
    (zlib.error, "contenu compressé illisible"),
    (ValueError, "adresse invalide"),  # a redirect to "http://host:99999/" and the like
)

# Every label a reason may start with (stored_reasons.py reads older reasons by them)
FAILURE_LABELS = tuple(dict.fromkeys(label for _, label in _KINDS))


def describe_failure(failure: Failure) -> tuple[str, int | None]:
    """A short French reason and the HTTP status when the server answered."""
    error = failure.value
    if isinstance(error, HttpError):
        status = error.response.status
        return _http_reason(error.response.status, error.response.headers.get(b"Location")), status
    if isinstance(error, RobotsRefusal):
        return error.reason, None
    if isinstance(error, IgnoreRequest):
        message = str(error) or "requête ignorée"
        if "robots.txt" in message:
            return "interdit par robots.txt", None
        if "maxsize" in message.lower() or "DOWNLOAD_MAXSIZE" in message:
            return "réponse trop volumineuse", None
        if _MAX_REDIRECTS in message:
            return _too_many_redirects(failure), None
        return message[:300], None
    if _headers_too_large(error):
        return HEADERS_TOO_LARGE, None
    if isinstance(error, DownloadCancelledError) or "max size" in str(error).lower():
        return "réponse trop volumineuse", None
    if isinstance(error, DownloadFailedError) and "ConnectionLost" in str(error):
        return "connexion interrompue", None  # Scrapy wraps Twisted's lost connection
    for kind, label in _KINDS:
        if isinstance(error, kind):
            text = str(error).strip()
            detail = invalid_url_detail(text) if kind is ValueError else _detail(error, text)
            return (f"{label} ({detail[:200]})" if detail else label), None
    return f"erreur inattendue ({type(error).__name__})", None


_MAX_REDIRECTS = "max redirections"  # Scrapy's RedirectMiddleware, after REDIRECT_MAX_TIMES
TOO_MANY_REDIRECTS = "trop de redirections (5 au plus\u00a0: une boucle\u00a0?)"


def _too_many_redirects(failure: Failure) -> str:
    """The reason of a redirect chain cut after 5, with where it was cut (the request that
    failed: where the 5th redirect led, which redirected again); the failure is reported on
    the chain's first URL, the link the page had (`failed_url`)."""
    request = getattr(failure, "request", None)
    if request is None or not request.meta.get("redirect_urls"):
        return TOO_MANY_REDIRECTS
    return f"{TOO_MANY_REDIRECTS}\u00a0; chaîne coupée à «\u00a0{request.url[:150]}\u00a0»"


def failed_url(failure: Failure) -> str:
    """The URL a failed request is reported on: its own, but the first of its redirect chain
    when that chain was too long (the address the site linked to, which the operator looks
    for; the reason says where the chain led)."""
    request = failure.request  # type: ignore[attr-defined]
    chain: list[str] = request.meta.get("redirect_urls") or [request.url]
    too_long = failure.check(IgnoreRequest) and _MAX_REDIRECTS in str(failure.value)
    return chain[0] if too_long else str(request.url)


_TOOK_LONGER = re.compile(r"took longer than (\d+(?:\.\d+)?) seconds")


def _detail(error: BaseException, text: str) -> str:
    """What Scrapy's or Twisted's English detail says that the operator needs, in French: the
    timeout (its message also named the farm's address in farm mode, not the page's), a TLS
    handshake that failed; "" otherwise, the French label then standing alone (« connexion
    refusée », not « connexion refusée (Connection was refused by other side: 111: …) »)."""
    took = _TOOK_LONGER.search(text)
    if took:
        return f"plus de {float(took.group(1)):g}\u00a0s".replace(".", ",")
    if _tls_failed(error):
        return "échec de la négociation TLS"
    return ""


def _headers_too_large(error: BaseException | None) -> bool:
    """Whether the response was dropped for its headers (Scrapy wraps Twisted's failure)."""
    for failed in (error, getattr(error, "__cause__", None)):
        reasons = getattr(failed, "reasons", None) or []
        if any(isinstance(getattr(r, "value", None), HeadersTooLarge) for r in reasons):
            return True
    return False


def _tls_failed(error: BaseException) -> bool:
    """Twisted lists the failures behind a response never received (or cut): one of them
    from OpenSSL means the TLS handshake failed (an old protocol, a certificate refused)."""
    reasons = getattr(error, "reasons", None) or []
    return any(type(getattr(r, "value", None)).__module__.startswith("OpenSSL") for r in reasons)


# What Python's URL parsing (urllib.parse, behind Scrapy's Request) says of an address it cannot
# read, in French; its other words are left out rather than shown in English.
URL_ERRORS: Reasons = (
    (re.compile(r"Port out of range"), "port hors limites, de 0 à 65\u00a0535"),
    (
        re.compile(r"Port could not be cast to integer value as '?(?P<value>.*?)'?$"),
        "port non numérique\u00a0: {value}",
    ),
    (re.compile(r"Invalid IPv6 URL"), "adresse IPv6 mal formée"),
    (  # w3lib 2.6 and later: a control character, a space… in a host name (a redirect's too)
        re.compile(r"contains a forbidden domain code point"),
        "caractère interdit dans le nom d'hôte",
    ),
    (  # a redirect to javascript:… and the like
        re.compile(r"^Missing scheme in request url: (?P<value>.*)$"),
        "schéma manquant ou refusé\u00a0: {value}",
    ),
)


def invalid_url_detail(text: str) -> str:
    """Why an address cannot be read, in French (« port hors limites, de 0 à 65 535 »),
    or "" when Python's message is none of those known: the reason then says « adresse
    invalide » alone, never Python's English."""
    return french_reason(URL_ERRORS, text, "", longest=150)


def _http_reason(status: int, location: bytes | None) -> str:
    """« HTTP 404 »; a redirect that reached the spider was not followed: say why (no
    address, or a scheme other than http and https: ftp:, file:, data:…)."""
    if not 300 <= status < 400:
        return f"HTTP {status}"
    if not location:
        return f"redirection non suivie (HTTP {status} sans adresse Location)"
    target = location.decode("latin-1").strip()[:150]
    return (
        f"redirection non suivie (HTTP {status} vers «\u00a0{target}\u00a0»\u00a0: "
        "http et https seulement)"
    )


def unreadable_page(error: BaseException) -> str:
    """Why a page received could not be read: an error of ours or of a library, named by its
    type alone (« page illisible (erreur inattendue : ValueError) »); Python's English message
    goes to the crawl's log, not to the reason the operator reads."""
    return f"page illisible (erreur inattendue\u00a0: {type(error).__name__})"


def short_reason(error: BaseException) -> str:
    """The kind of a download failure, in a few French words (no technical detail)."""
    reason, _ = describe_failure(Failure(error))
    return reason.split(" (", 1)[0]


def start_failure(reasons: str, event: FetchFailed, site: CrawlSite | None) -> str:
    """Why the site failed so far: the first start page's reason; with several start URLs (a
    commune with more than one website), each one's, with its URL, so that the summary does
    not give one website's « HTTP 404 » for a site whose other website failed otherwise."""
    if site is None or len(site.start_urls) < 2:
        return reasons or event.reason
    return reasons_joined(reasons, f"{event.url}\u00a0: {event.reason}")


_MORE = re.compile(r"\u00a0; et (\d+) autres? adresses? en échec$")
REASON_ROOM = 500  # what a site's record keeps of its reason (SiteAudit.reason)


def reasons_joined(reasons: str, entry: str) -> str:
    """`entry` (one start URL's reason) after `reasons`, each kept whole: past the room a
    site's record keeps, the others are counted (« …\u00a0; et 12 autres adresses en échec »).
    Cut at 500 characters, Paris's 19 websites read « … robots.txt injoignable (connexion r »,
    and which of them had failed, and how many, was lost."""
    more = _MORE.search(reasons)
    if more:
        return reasons[: more.start()] + _more(int(more[1]) + 1)
    if not reasons:
        return entry[:REASON_ROOM]
    joined = f"{reasons}\u00a0; {entry}"
    if len(joined) + len(_more(999)) <= REASON_ROOM:  # room left for the count after it
        return joined
    return reasons + _more(1)


def _more(count: int) -> str:
    plural = "s" if count > 1 else ""
    return f"\u00a0; et {count} autre{plural} adresse{plural} en échec"
