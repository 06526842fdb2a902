"""Outside platforms as data: load, validate and match links against their signatures."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from barometre.core.errors import ValidationFailed
from barometre.core.yamlfile import schema_problems, yaml_file, yaml_read
from barometre.detection.text import fold

DEFAULT_PLATFORMS = "platforms.yaml"


@dataclass(frozen=True, slots=True)
class Platform:
    id: str
    name: str
    kind: str
    level: int
    hosts: tuple[str, ...] = ()
    host_regex: tuple[re.Pattern[str], ...] = ()
    paths: tuple[re.Pattern[str], ...] = ()
    link_text: tuple[re.Pattern[str], ...] = ()
    selectors: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    path_services: tuple[tuple[re.Pattern[str], str], ...] = ()

    def services_for(self, url: str) -> tuple[str, ...]:
        """The services a link to this platform is evidence for (empty: any, from context)."""
        for pattern, service in self.path_services:
            if pattern.search(url):
                return (service,)
        return self.services

    def matches_url(self, host: str, path: str) -> bool:
        host_ok = any(host == h or host.endswith("." + h) for h in self.hosts) or any(
            r.search(host) for r in self.host_regex
        )
        if not host_ok:
            return False
        return not self.paths or any(p.search(path) for p in self.paths)

    def matches_text(self, folded_text: str) -> bool:
        return any(r.search(folded_text) for r in self.link_text)


@dataclass(frozen=True, slots=True)
class PlatformRegistry:
    """The recognised platforms, matched in file order (first match wins)."""

    platforms: tuple[Platform, ...]
    source: str = ""
    _by_host: dict[str, tuple[Platform, ...]] = field(init=False, repr=False, compare=False)
    _by_regex: tuple[Platform, ...] = field(init=False, repr=False, compare=False)
    _order: dict[str, int] = field(init=False, repr=False, compare=False)
    _text_any: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[Platform]] = {}
        for platform in self.platforms:
            for host in platform.hosts:
                index.setdefault(host, []).append(platform)
        object.__setattr__(self, "_by_host", {h: tuple(p) for h, p in index.items()})
        object.__setattr__(self, "_by_regex", tuple(p for p in self.platforms if p.host_regex))
        object.__setattr__(self, "_order", {p.id: i for i, p in enumerate(self.platforms)})
        texts = [r.pattern for p in self.platforms for r in p.link_text] or ["(?!)"]
        object.__setattr__(self, "_text_any", re.compile("|".join(f"(?:{t})" for t in texts)))

    def match(self, url: str) -> Platform | None:
        """The platform that `url` belongs to, or None."""
        host, path = _host_path(url)
        if not host:
            return None
        candidates = self._candidates(host)
        for platform in candidates:
            if platform.matches_url(host, path):
                return platform
        return None

    def _candidates(self, host: str) -> tuple[Platform, ...]:
        """Platforms whose host list could match `host`, plus those with host patterns."""
        labels = host.split(".")
        found: list[Platform] = []
        for start in range(len(labels) - 1):
            found.extend(self._by_host.get(".".join(labels[start:]), ()))
        if not found:
            return self._by_regex
        merged = {p.id: p for p in (*found, *self._by_regex)}
        return tuple(sorted(merged.values(), key=lambda p: self._order[p.id]))

    def match_link(self, url: str, text: str, *, internal: bool = False) -> Platform | None:
        """Match on the URL first (unless the link stays on the page's site), then on its text."""
        found = None if internal and not self._by_regex else self.match(url)
        if found is not None:
            return found
        if not text or not self._text_any.search(fold(text)):
            return None
        folded = fold(text)
        for platform in self.platforms:
            if platform.link_text and platform.matches_text(folded):
                return platform
        return None

    @property
    def selectors(self) -> tuple[tuple[str, Platform], ...]:
        return tuple((s, p) for p in self.platforms for s in p.selectors)


def _host_path(url: str) -> tuple[str, str]:
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "", ""
    host, _, path = rest.partition("/")
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    return host, "/" + path


@cache
def _schema() -> dict[str, Any]:
    ref = resources.files("barometre.detection").joinpath("data/platforms.schema.json")
    loaded: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return loaded


def platforms_parse(raw: str | bytes, *, source: str) -> tuple[Platform, ...]:
    """Parse and validate a platforms file; every problem is listed in the error."""
    data = yaml_read(raw, source=source, unreadable="Fichier de plateformes illisible")
    problems = schema_problems(_schema(), data)
    platforms: list[Platform] = []
    if not problems:
        for index, entry in enumerate(data["platforms"]):
            try:
                platforms.append(_platform(entry))
            except re.error as error:
                problems.append(f"platforms/{index} : expression régulière invalide ({error})")
    if problems:
        raise ValidationFailed(f"Fichier de plateformes invalide : {source}", problems)
    return tuple(platforms)


def _platform(entry: dict[str, Any]) -> Platform:
    return Platform(
        id=entry["id"],
        name=entry["name"],
        kind=entry["kind"],
        level=entry["level"],
        hosts=tuple(h.lower() for h in entry.get("hosts", [])),
        host_regex=tuple(re.compile(r) for r in entry.get("host_regex", [])),
        paths=tuple(re.compile(r, re.IGNORECASE) for r in entry.get("paths", [])),
        link_text=tuple(re.compile(r) for r in entry.get("link_text", [])),
        selectors=tuple(entry.get("selectors", [])),
        services=tuple(entry.get("services", [])),
        path_services=tuple(
            (re.compile(p), s) for p, s in (entry.get("path_services") or {}).items()
        ),
    )


@cache
def default_platforms() -> tuple[Platform, ...]:
    ref = resources.files("barometre.detection").joinpath(f"data/{DEFAULT_PLATFORMS}")
    return platforms_parse(ref.read_text(encoding="utf-8"), source=f"barometre:{DEFAULT_PLATFORMS}")


def load_platforms(
    path: Path | str | None = None, *, extend_defaults: bool = True
) -> PlatformRegistry:
    """The default platforms, extended (or replaced) by a user's file.

    A user entry whose id is already known replaces the default entry; new ids are tried
    before the defaults so that a more specific signature wins.
    """
    defaults = default_platforms()
    if path is None:
        return _default_registry()
    own = platforms_parse(yaml_file(path, what="Fichier de plateformes"), source=str(path))
    if not extend_defaults:
        return PlatformRegistry(own, source=str(path))
    own_ids = {p.id for p in own}
    merged = own + tuple(p for p in defaults if p.id not in own_ids)
    return PlatformRegistry(merged, source=f"barometre:{DEFAULT_PLATFORMS}+{path}")


@cache
def _default_registry() -> PlatformRegistry:
    return PlatformRegistry(default_platforms(), source=f"barometre:{DEFAULT_PLATFORMS}")
