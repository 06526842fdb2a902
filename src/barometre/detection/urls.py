"""URLs and encodings of fetched pages: absolute links, charset decoding (pure)."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(raw: str | bytes) -> str:
    if isinstance(raw, str):
        return raw
    head = raw[:4096]
    found = _CHARSET.search(head)
    if found is None or found.group(1).lower().startswith(b"utf"):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")
    try:
        return raw.decode(found.group(1).decode("ascii"), errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


def absolute(base: str, href: str) -> str | None:
    """An absolute http(s) URL without fragment, or None for mailto:, javascript:, junk."""
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    if href.startswith(("http://", "https://")) and "#" not in href and " " not in href:
        scheme, _, rest = href.partition("://")
        host, slash, path = rest.partition("/")
        return f"{scheme}://{host.lower()}/{path}" if host else None
    if href.startswith("/") and not href.startswith("//") and "#" not in href:
        origin = _origin(base)
        return origin + href if origin else None
    try:
        joined = urljoin(base, href)
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
