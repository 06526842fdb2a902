"""URLs and encodings of fetched pages: absolute links, charset decoding (pure).

Both lean on w3lib (installed with Scrapy), which the crawler uses on the same responses:
`html_to_unicode` reads the byte-order mark and the declared charset the way browsers do
(ISO-8859-1 read as cp1252...), and `strip_html5_whitespace` / `safe_url_string` clean an href
as a browser would before it is joined to the page's URL.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    to_unicode,
)
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

_NOT_LINKS = ("#", "javascript:", "mailto:", "tel:", "data:")
_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")  # what needs escaping


def _guess_encoding(raw: bytes) -> str:
    """No BOM and no declared charset: UTF-8 if the bytes are valid UTF-8, else cp1252."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode_html(raw: str | bytes, content_type: str | None = None) -> str:
    """The text of an HTML document given as bytes: its byte-order mark, then the charset of
    its HTTP `content_type`, then its `<meta charset>`, then UTF-8 if the bytes are valid
    UTF-8, else cp1252. The order of w3lib's `html_to_unicode` with a guess of ours, written
    out with w3lib's parts: w3lib 2.6 deprecated that guess (its own reads the bytes as Firefox
    does), and the warning, an error in the tests, left the pages unread."""
    if isinstance(raw, str):
        return raw
    found, bom = read_bom(raw)
    if found is not None and bom is not None:
        return to_unicode(raw[len(bom) :], found)
    encoding = (
        http_content_type_encoding(content_type)
        or html_body_declared_encoding(raw)
        or _guess_encoding(raw)
    )
    return to_unicode(raw, encoding)


def absolute(base: str, href: str) -> str | None:
    """An absolute http(s) URL without fragment, or None for mailto:, javascript:, junk.

    The host is lower-cased and an empty path becomes "/" (`https://www.Ville.fr?page=2` ->
    `https://www.ville.fr/?page=2`); spaces and non-ASCII characters are percent-encoded.
    """
    if href[:1].isspace() or href[-1:].isspace():
        href = strip_html5_whitespace(href)
    if href[:1] == "/" and href[1:2] != "/" and not _UNSAFE.search(href):
        origin = _origin(base)  # the common case, without urljoin's cost
        return origin + href.partition("#")[0] if origin else None
    if not href or href[:11].lower().startswith(_NOT_LINKS):
        return None
    try:
        if _UNSAFE.search(href):
            href = safe_url_string(href)
        if href.startswith("/") and not href.startswith("//"):
            origin = _origin(base)
            return origin + href.partition("#")[0] if origin else None
        joined = href if href.startswith(("http://", "https://")) else urljoin(base, href)
        parts = urlsplit(joined)
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


@lru_cache(maxsize=4096)
def absolute_cached(base: str, href: str) -> str | None:
    return absolute(base, href)


@lru_cache(maxsize=256)
def _origin(base: str) -> str:
    try:
        parts = urlsplit(base)
    except ValueError:
        return ""
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc.lower()}"
