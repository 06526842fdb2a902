"""Links of a page and site membership of hosts. Pure: bytes and strings in, tuples out."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from barometre.core.typography import grouped

_SKIP_PREFIXES = ("javascript:", "mailto:", "tel:", "data:", "#", "sms:", "callto:")
MAX_URL_LENGTH = 2000
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_html(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES


# Elements whose start tag makes the HTML parser look down the whole stack of open elements
# (« p in button scope »): nested by the tens of thousands (unclosed <div> in a template's
# loop, a hostile page), parsing takes time in the square of the depth — 50,000 nested <div>
# (250 KB) take 13 s, 200,000 some minutes — and the crawl process, which parses every page,
# stalls every site of its window meanwhile. Real pages nest a few dozen deep.
BLOCK_TAG = re.compile(
    rb"<(/?)(?:address|article|aside|blockquote|center|details|dialog|dir|div|dl|fieldset|"
    rb"figcaption|figure|footer|header|hgroup|main|menu|nav|ol|section|summary|ul)[\s/>]",
    re.IGNORECASE,
)
MAX_NESTING = 5000
# the reason given for such a page, archived but neither parsed for links nor analysed
TOO_NESTED = (
    f"page illisible\u00a0: plus de {grouped(MAX_NESTING)} balises imbriquées"
    " (archivée, ni lue ni analysée)"
)


def too_deeply_nested(body: bytes, limit: int = MAX_NESTING) -> bool:
    """True when more than `limit` block elements are open at once somewhere in the page (an
    upper bound: end tags the parser would imply are not counted). Linear in the page."""
    if len(BLOCK_TAG.findall(body)) <= limit:  # fewer tags than the limit: cannot nest deeper
        return False
    depth = 0
    for match in BLOCK_TAG.finditer(body):
        depth = max(depth - 1, 0) if match.group(1) else depth + 1
        if depth > limit:
            return True
    return False


# Links read on one page: the parser's tree of a page of 100,000 links (2.6 MB) and the links
# taken from it held some 100 MB of the crawl process at once, for a site whose page budget
# (150) takes a few of them, and detection read it in 0.3 to 2.5 s (a few ms for a typical
# page). Past this many <a> or <area>, the rest of the page is neither parsed for links nor
# analysed (services/consumer.py); the page is archived whole all the same.
MAX_LINKS = 5000
_LINK_TAG = re.compile(rb"<(?:a|area)[\s/>]", re.IGNORECASE)


def links_part(body: bytes, limit: int = MAX_LINKS) -> bytes | None:
    """The page up to its `limit`-th link (<a> or <area>, with or without href, an upper
    bound), or None when it has no more than `limit`. Linear in the page."""
    for count, match in enumerate(_LINK_TAG.finditer(body), 1):
        if count > limit:
            return body[: match.start()]
    return None


# The <link> elements of the rest of a page cut at MAX_LINKS are still read for its stylesheets
# (the archive needs them for the evidence viewer, wherever the page puts them): found by a
# linear scan, at most this many, each of at most MAX_LINK_ELEMENT bytes, and parsed apart,
# never the whole rest of the page.
MAX_LATE_LINK_ELEMENTS = 200
MAX_LINK_ELEMENT = 4000
_LINK_START = re.compile(rb"<link[\s/]", re.IGNORECASE)


def late_link_elements(body: bytes, start: int, limit: int = MAX_LATE_LINK_ELEMENTS) -> bytes:
    """The first `limit` `<link>` elements of `body` from `start` on (where a page cut at
    MAX_LINKS stops being parsed), joined, or b"" when there are none. Each byte is read once:
    a page of unclosed `<link` is no quadratic scan."""
    found: list[bytes] = []
    while len(found) < limit:
        tag = _LINK_START.search(body, start)
        end = body.find(b">", tag.end()) if tag else -1
        if tag is None or end < 0:
            break
        if end - tag.start() < MAX_LINK_ELEMENT:
            found.append(body[tag.start() : end + 1])
        start = end + 1
    return b"".join(found)


def links_note(url: str, limit: int = MAX_LINKS) -> str:
    """What the site's record says of a page read up to its `limit`-th link: its links past
    it not followed, its content past it not analysed."""
    return (
        f"page {url[:200]}\u00a0: plus de {grouped(limit)} liens, lue jusqu'au "
        f"{grouped(limit)}e seulement (archivée en entier)"
    )


def header_charset(content_type: str) -> str:
    """The charset named in a Content-Type header, or ""."""
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return ""


def extract_links(
    body: bytes, base_url: str, *, own_host_texts: bool = False
) -> list[tuple[str, str, str]]:
    """Absolute http(s) links of an HTML page (fragment removed, each once): (url, host, text).

    The text of a link to the page's own host is left empty unless `own_host_texts`: the crawler
    needs link texts only to judge links that leave the site. Root-relative and absolute links
    (nearly all of them) are resolved without `urljoin`, the crawl's costliest URL handling.
    """
    return extract_references(body, base_url, own_host_texts=own_host_texts)[0]


def extract_references(
    body: bytes,
    base_url: str,
    *,
    own_host_texts: bool = False,
    stylesheets: bool = False,
    late: bytes = b"",
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """The page's links (as `extract_links`) and, when asked, its stylesheets: the absolute
    http(s) addresses of its `<link rel="stylesheet" href>` (alternate ones left out), each once,
    in the order of the page, as (url, host). One parse of the page for both; `late`, the
    `<link>` elements past a page cut for its links (`late_link_elements`), adds its
    stylesheets after the page's."""
    tree = LexborHTMLParser(body)
    base = base_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = urljoin(base_url, (base_node.attributes.get("href") or "").strip())
    resolve = _Resolver(base)
    own_host_texts = own_host_texts or resolve.host != host_of(base_url)
    seen: set[str] = set()
    links: dict[str, tuple[str, str]] = {}
    for node in tree.css("a[href], area[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href in seen or href.lower().startswith(_SKIP_PREFIXES):
            continue
        seen.add(href)  # menus repeat links: each href is resolved once
        url, host = resolve(href)
        if not url or url in links:
            continue
        text = ""
        if own_host_texts or host != resolve.host:
            text = " ".join(node.text(separator=" ").split())[:200]
        links[url] = (host, text)
    found = [(url, host, text) for url, (host, text) in links.items()]
    if not stylesheets:
        return found, []
    trees = (tree, LexborHTMLParser(late)) if late else (tree,)
    return found, _stylesheets(trees, resolve)


def _stylesheets(trees: tuple[LexborHTMLParser, ...], resolve: _Resolver) -> list[tuple[str, str]]:
    sheets: dict[str, str] = {}
    for node in (node for tree in trees for node in tree.css("link[href]")):
        rel = (node.attributes.get("rel") or "").lower().split()
        if "stylesheet" not in rel or "alternate" in rel:
            continue
        href = (node.attributes.get("href") or "").strip()
        url, host = resolve(href) if href else ("", "")
        if url:
            sheets.setdefault(url, host)
    return list(sheets.items())


class _Resolver:
    """Resolve hrefs against one base URL; ("", "") for what is not an http(s) URL."""

    def __init__(self, base: str) -> None:
        self.base = base
        try:
            parts = urlsplit(base)
            self.origin = f"{parts.scheme}://{parts.netloc}"
            self.host = (parts.hostname or "").lower()
        except ValueError:
            self.origin, self.host = "", ""

    def __call__(self, href: str) -> tuple[str, str]:
        plain = "/." not in href and "\\" not in href
        if plain and self.origin and href.startswith("/") and not href.startswith("//"):
            url = (self.origin + href).split("#", 1)[0]
            return (url, self.host) if len(url) <= MAX_URL_LENGTH else ("", "")
        try:
            if plain and href.startswith(("http://", "https://")):
                url = href.split("#", 1)[0]
            else:
                url = urljoin(self.base, href).split("#", 1)[0]
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return "", ""
        if url.startswith(("http://", "https://")) and len(url) <= MAX_URL_LENGTH:
            return url, host
        return "", ""


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


# A link to the intercommunality's site (which often runs waste collection, planning permits…)
# is followed one hop, like an outside platform.
_INTERCO = re.compile(
    r"communaut[eé] (de communes|d.agglom[eé]ration|urbaine)|m[eé]tropole|intercommunal",
    re.IGNORECASE,
)


def is_intercommunal(link_text: str) -> bool:
    return bool(link_text) and _INTERCO.search(link_text) is not None
