"""Links of a page and site membership of hosts. Pure: bytes and strings in, tuples out."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

_SKIP_PREFIXES = ("javascript:", "mailto:", "tel:", "data:", "#", "sms:", "callto:")
MAX_URL_LENGTH = 2000
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_html(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES


def header_charset(content_type: str) -> str:
    """The charset named in a Content-Type header, or ""."""
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return ""


def extract_links(body: bytes, base_url: str) -> list[tuple[str, str]]:
    """Absolute http(s) links of an HTML page (fragment removed, each once), with their text."""
    tree = LexborHTMLParser(body)
    base = base_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = urljoin(base_url, (base_node.attributes.get("href") or "").strip())
    links: dict[str, str] = {}
    for node in tree.css("a[href], area[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.lower().startswith(_SKIP_PREFIXES) or href in links:
            continue
        links[href] = " ".join(node.text(separator=" ").split())[:200]
    absolute: dict[str, str] = {}
    for href, text in links.items():  # menus repeat links: each href is resolved once
        try:
            url = urljoin(base, href).split("#", 1)[0]
        except ValueError:
            continue
        if url.startswith(("http://", "https://")) and len(url) <= MAX_URL_LENGTH:
            absolute.setdefault(url, text)
    return list(absolute.items())


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def site_domain(host: str) -> str:
    """The domain that stands for a site: its host without a leading "www."."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def in_site(host: str, domains: frozenset[str]) -> bool:
    """True when `host` is one of the site's domains or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)
