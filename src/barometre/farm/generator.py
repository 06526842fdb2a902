"""Generate a farm: fictitious communes, their true levels, their sites and outside platforms.

Deterministic: the same arguments give the same bytes. The generator draws an intended level
per cell and writes pages that evidence it; the truth is then what a polite crawler can see
(`walk.walk_site`): it differs from the intended level only where robots.txt hides an online
form (quirk "robots-hides-form"). Commune codes, when not given, are made
up in the range "9Z001".."9Z999" then "9Y001"..: INSEE codes never start with "9Z"/"9Y" (overseas
codes are 971..989 followed by digits), so they cannot clash with a real commune. Host names are
under the reserved `.test` top-level domain (RFC 2606), never a commune's real domain.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from barometre.farm.model import Farm, FarmSite
from barometre.farm.phrasing import PHRASINGS, phrases
from barometre.farm.platforms import PlatformHub
from barometre.farm.site import SiteOptions, build_site
from barometre.farm.walk import walk_site
from barometre.referential.catalogue import CatalogueSpec, ServiceSpec, default_catalogue

# Share of cells at each level before the service's ceiling; levels above max_level are dropped
# and the rest renormalised. Many 1s and 2s, fewer 3-4, rare 5, some services absent.
_LEVEL_WEIGHTS = (0.10, 0.30, 0.24, 0.22, 0.11, 0.03)
# Services that small communes often do not run (no nursery, no paid parking).
_URBAN_SERVICES = {"stationnement-resident": 20000, "petite-enfance": 3000, "bibliotheque": 1500}


def fictitious_communes(count: int, *, seed: int) -> list[tuple[str, str, int]]:
    """Made-up communes: reserved codes, invented names, log-normal populations."""
    rng = random.Random(f"communes:{seed}")
    data = phrases()
    roots, suffixes = data["name_roots"], data["name_suffixes"]
    out = []
    for index in range(count):
        block, number = divmod(index, 999)
        code = f"9{'ZYXWV'[block % 5]}{number + 1:03d}"
        root, suffix = rng.choice(roots), rng.choice(suffixes)
        name = root if "-" in root else root + suffix  # no "Hautvillers-le-Bois-sur-Mer"
        population = int(min(900_000, max(150, math.exp(rng.gauss(8.6, 1.5)))))
        out.append((code, name, population))
    return out


def draw_level(rng: random.Random, spec: ServiceSpec, population: int) -> int:
    """A realistic level for one cell: larger communes offer more online."""
    if population < _URBAN_SERVICES.get(spec.id, 0) and rng.random() < 0.7:
        return 0
    shift = 0.25 * max(-2.0, min(2.0, math.log10(max(population, 100)) - 4))
    weights = []
    for level, weight in enumerate(_LEVEL_WEIGHTS[: spec.max_level + 1]):
        weights.append(weight * math.exp(shift * (level - 2)))
    return rng.choices(range(len(weights)), weights)[0]


def generate_farm(
    *,
    seed: int,
    sites: int,
    pages_per_site: int = 30,
    catalogue: CatalogueSpec | None = None,
    communes: Sequence[tuple[str, str, int]] | None = None,
    slow_delay: float = 1.0,
    large_page_bytes: int = 3_000_000,
    phrasing: str = "main",
) -> Farm:
    """Build a farm of `sites` commune websites with about `pages_per_site` HTML pages each.

    `communes` gives (code, name, population) for each site; when None, fictitious communes
    with reserved codes are made up. `slow_delay` is the delay of the slow pages (seconds),
    `large_page_bytes` the size of the very large pages. `phrasing="heldout"` writes the pages
    with the held-out phrasings (data/heldout/), kept apart to measure how the detector
    generalises.
    """
    if phrasing not in PHRASINGS:
        raise ValueError(f"unknown phrasing {phrasing!r}; expected one of {PHRASINGS}")
    catalogue = catalogue or default_catalogue()
    chosen = (
        list(communes)[:sites] if communes is not None else fictitious_communes(sites, seed=seed)
    )
    hub = PlatformHub({})
    hub.franceconnect_about()
    options = SiteOptions(pages_per_site, slow_delay, large_page_bytes, phrasing)
    built, truth = _build_sites(seed, chosen, catalogue, hub, options)
    farm = Farm(
        seed=seed,
        sites=tuple(built),
        services=catalogue.ids,
        truth=dict(truth),
        routes=hub.routes,
        slow_delay=slow_delay,
        intended=truth,
    )
    _truth_as_seen(farm)
    return farm


def _truth_as_seen(farm: Farm) -> None:
    """The farm's truth is what a polite crawler can see of each site (robots.txt, links)."""
    for site in farm.sites:
        visible = walk_site(farm, site).visible_levels()
        for service in farm.services:
            farm.truth[(site.code, service)] = visible.get(service, 0)


def _build_sites(
    seed: int,
    chosen: Sequence[tuple[str, str, int]],
    catalogue: CatalogueSpec,
    hub: PlatformHub,
    options: SiteOptions,
) -> tuple[list[FarmSite], dict[tuple[str, str], int]]:
    """Each commune's site, from its own random stream, and the level intended for each cell."""
    taken: set[str] = set()
    truth: dict[tuple[str, str], int] = {}
    built: list[FarmSite] = []
    for index, commune in enumerate(chosen):
        rng = random.Random(f"farm:{seed}:{index}:{commune[0]}")
        levels = {spec.id: draw_level(rng, spec, commune[2]) for spec in catalogue.services}
        site = build_site(
            rng=rng,
            commune=commune,
            catalogue=catalogue,
            levels=levels,
            hub=hub,
            taken_hosts=taken,
            options=options,
        )
        built.append(site)
        truth.update({(site.code, sid): level for sid, level in levels.items()})
    return built, truth
