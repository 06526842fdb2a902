"""Walk a farm site offline the way a polite crawler would, without HTTP.

From the start URL, follow links within the site's host and one hop to outside platforms,
respect robots.txt, follow redirects, and record links that lead nowhere (404, 410, 500,
connection reset) as dead. The quality gate feeds the pages to the detector; the farm's own
tests use the walk to check that the truth is what a polite crawler can see.
"""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from barometre.farm.model import Evidence, Farm, FarmSite, Resource

_ANCHOR = re.compile(
    rb"""<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>(.*?)</a>""", re.I | re.S
)
_TAG = re.compile(r"<[^>]+>")
USER_AGENT = "barometre"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page that answered 200, as the crawler received it."""

    url: str
    status: int
    content_type: str
    body: bytes
    outside: bool
    resource: Resource


@dataclass(frozen=True, slots=True)
class Walk:
    site: FarmSite
    pages: tuple[Fetched, ...]
    dead_urls: frozenset[str]
    disallowed: frozenset[str]
    reached: frozenset[str]  # every URL that led to a 200 page, redirect hops included

    def visible_levels(self) -> dict[str, int]:
        """The best level per service that the walked pages evidence (from the farm's notes)."""
        best: dict[str, int] = {}
        for page in self.pages:
            if page.outside:
                continue
            for item in page.resource.evidence:
                if item.via is None or urldefrag(item.via)[0] in self.reached:
                    best[item.service] = max(best.get(item.service, 0), item.level)
        return best

    def seen_decoys(self) -> list[Evidence]:
        out = []
        for page in self.pages:
            for item in page.resource.decoy:
                if item.via is None or urldefrag(item.via)[0] in self.reached:
                    out.append(item)
        return out


def _extract_links(body: bytes) -> list[tuple[str, str]]:
    """(href, visible text) of every anchor; text decoded loosely (links are ASCII)."""
    out = []
    for match in _ANCHOR.finditer(body):
        raw = next(group for group in match.groups()[:3] if group is not None)
        text = html.unescape(_TAG.sub(" ", match.group(4).decode("utf-8", "replace")))
        out.append((html.unescape(raw.decode("latin-1")).strip(), " ".join(text.split())))
    return out


def in_site(host: str, site_host: str) -> bool:
    """The site's host or a subdomain of its domain (its host without "www.")."""
    domain = site_host.removeprefix("www.")
    return host in (site_host, domain) or host.endswith("." + domain)


class _Robots:
    def __init__(self, farm: Farm) -> None:
        self.farm = farm
        self.cache: dict[str, RobotFileParser | None] = {}

    def allowed(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        if host not in self.cache:
            resource = self.farm.lookup(host, "/robots.txt")
            parser: RobotFileParser | None = None
            if resource.status == 200 and resource.behaviour == "normal":
                parser = RobotFileParser()
                parser.parse(resource.payload().decode("utf-8", "replace").splitlines())
            self.cache[host] = parser
        parser = self.cache[host]
        return parser is None or parser.can_fetch(USER_AGENT, url)


def _resolve(farm: Farm, url: str) -> tuple[str, Resource, list[str]]:
    """Follow up to five redirects; return the final URL, its resource and the hops."""
    hops = [url]
    resource = farm.fetch_url(url)
    while resource.status in (301, 302, 303, 307, 308) and resource.location and len(hops) < 6:
        url = urljoin(url, resource.location)
        hops.append(url)
        resource = farm.fetch_url(url)
    return url, resource, hops


def walk_site(
    farm: Farm,
    site: FarmSite,
    *,
    is_platform: Callable[[str, str], bool] | None = None,
    max_pages: int = 1000,
) -> Walk:
    """Walk one site; `is_platform(url, link_text)` says which outside links get one hop
    (by default: every outside host the farm serves)."""
    site_hosts = {s.host for s in farm.sites}

    def served_outside(url: str, text: str) -> bool:
        host = urlsplit(url).hostname or ""
        return host in farm.routes and host not in site_hosts

    hop = is_platform or served_outside

    robots = _Robots(farm)
    queue: deque[tuple[str, bool]] = deque([(site.start_url, False)])
    seen: set[str] = {site.start_url}
    pages: list[Fetched] = []
    dead: set[str] = set()
    disallowed: set[str] = set()
    redirected: list[str] = []
    while queue and len(pages) < max_pages:
        url, outside = queue.popleft()
        if not robots.allowed(url):
            disallowed.add(url)
            continue
        final, resource, hops = _resolve(farm, url)
        if resource.status != 200 or resource.behaviour != "normal":
            dead.update(hops)
            continue
        redirected.extend(hops)
        body = resource.payload()
        pages.append(Fetched(final, 200, resource.content_type, body, outside, resource))
        if not outside and resource.content_type.startswith("text/html"):
            _enqueue_links(body, final, site.host, hop, seen, queue)
    return Walk(site, tuple(pages), frozenset(dead), frozenset(disallowed), frozenset(redirected))


def _enqueue_links(
    body: bytes,
    final: str,
    site_host: str,
    hop: Callable[[str, str], bool],
    seen: set[str],
    queue: deque[tuple[str, bool]],
) -> None:
    """Queue each link of a page not seen yet: in the site, or outside it for one hop."""
    for href, text in _extract_links(body):
        target = urldefrag(urljoin(final, href))[0]
        if not target.startswith(("http://", "https://")) or target in seen:
            continue
        host = urlsplit(target).hostname or ""
        if in_site(host, site_host):
            seen.add(target)
            queue.append((target, False))
        elif hop(urljoin(final, href), text):
            seen.add(target)
            queue.append((target, True))
