"""The farm's values: resources served by host and path, sites, and the true level of each cell.

A `Farm` is plain data held in memory. The server (`server.py`) and the offline walk
(`walk.py`) both read it through `Farm.lookup`, so that what a crawler sees over HTTP and what
the quality gate sees offline are the same bytes.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit


@dataclass(frozen=True, slots=True)
class Evidence:
    """A level that a page evidences for a service when a polite crawler sees it.

    `via` is the URL that must also resolve (a platform page, a form page, a download) for the
    evidence to count; None when the page itself is the evidence.
    """

    service: str
    level: int
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Resource:
    """One response of the farm.

    `behaviour` is "normal", or "reset" (the connection is closed without an answer).
    `factory` builds the body on demand (very large pages are not kept in memory).
    """

    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    behaviour: str = "normal"
    evidence: tuple[Evidence, ...] = ()
    decoy: tuple[Evidence, ...] = ()
    factory: Callable[[], bytes] | None = None

    def payload(self) -> bytes:
        return self.factory() if self.factory is not None else self.body

    @property
    def location(self) -> str | None:
        for name, value in self.headers:
            if name.lower() == "location":
                return value
        return None


NOT_FOUND = Resource(
    status=404,
    body=b"<!doctype html><html><head><title>Page introuvable</title></head>"
    b"<body><h1>Erreur 404</h1><p>La page demand\xc3\xa9e n'existe pas.</p></body></html>",
)


@dataclass(frozen=True, slots=True)
class FarmSite:
    """One fictitious commune website."""

    code: str
    name: str
    population: int
    host: str
    start_url: str
    template: str
    quirks: tuple[str, ...] = ()


@dataclass(slots=True)
class Farm:
    """Every host served by the farm, the sites, and the true level of every (commune, service)."""

    seed: int
    sites: tuple[FarmSite, ...]
    services: tuple[str, ...]
    truth: dict[tuple[str, str], int]
    routes: dict[str, dict[str, Resource]] = field(default_factory=dict)
    slow_delay: float = 1.0
    intended: dict[tuple[str, str], int] = field(default_factory=dict)
    _canonical: dict[str, dict[str, Resource]] = field(default_factory=dict, repr=False)

    def serves(self, host: str) -> bool:
        """Whether a Host header (port ignored) names a host of the farm."""
        return _host_name(host) in self.routes

    def lookup(self, host: str, target: str) -> Resource:
        """The resource for a Host header (port ignored) and a request target (path + query)."""
        host = _host_name(host)
        table = self.routes.get(host)
        if table is None:
            return NOT_FOUND
        if target.startswith(("http://", "https://")):
            parts = urlsplit(target)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
        found = table.get(target or "/")
        if found is None and "?" in target:
            found = table.get(_canonical(target)) or self._canonical_index(host).get(
                _canonical(target)
            )
        return found if found is not None else NOT_FOUND

    def _canonical_index(self, host: str) -> dict[str, Resource]:
        """Routes of a host keyed with sorted query parameters (crawlers may reorder them)."""
        index = self._canonical.get(host)
        if index is None:
            index = {_canonical(path): res for path, res in self.routes[host].items()}
            self._canonical[host] = index
        return index

    def fetch_url(self, url: str) -> Resource:
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return self.lookup(parts.hostname or "", target)

    @property
    def hosts(self) -> tuple[str, ...]:
        """Every host name the farm answers for (commune sites and outside platforms)."""
        return tuple(sorted(self.routes))

    def site(self, code_or_host: str) -> FarmSite:
        for site in self.sites:
            if code_or_host in (site.code, site.host):
                return site
        raise KeyError(code_or_host)

    def site_truth(self, code: str) -> dict[str, int]:
        return {service: self.truth[(code, service)] for service in self.services}

    def page_count(self) -> int:
        return sum(len(self.routes[site.host]) for site in self.sites)

    def iter_site_resources(self, site: FarmSite) -> Iterator[tuple[str, Resource]]:
        yield from self.routes[site.host].items()

    def write_websites_csv(self, path: Path) -> Path:
        """The websites list as `barometre websites import` reads it (each site primary)."""
        with Path(path).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["commune_code", "url", "primary", "note"])
            for site in self.sites:
                writer.writerow([site.code, site.start_url, "1", "site fictif de la ferme locale"])
        return Path(path)

    def write_communes_csv(self, path: Path) -> Path:
        """The farm's communes: code, name, population and the URL of their site."""
        with Path(path).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["code_insee", "nom", "population", "url"])
            for site in self.sites:
                writer.writerow([site.code, site.name, site.population, site.start_url])
        return Path(path)

    def write_truth_csv(self, path: Path) -> Path:
        """The truth: one row per (commune, service) with the true level."""
        with Path(path).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["code_insee", "host", "service", "level"])
            for site in self.sites:
                for service in self.services:
                    level = self.truth[(site.code, service)]
                    writer.writerow([site.code, site.host, service, level])
        return Path(path)


def _host_name(host: str) -> str:
    """A Host header's name: port, case and final dot dropped."""
    return host.split(":", 1)[0].strip().lower().rstrip(".")


def _canonical(target: str) -> str:
    path, _, query = target.partition("?")
    if not query:
        return path
    return f"{path}?{urlencode(sorted(parse_qsl(query, keep_blank_values=True)))}"
