"""Shared farms for the farm tests (generated once per session: generation is deterministic)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from barometre.farm import Farm, FarmServer, generate_farm, serve_farm


@pytest.fixture(scope="session")
def farm() -> Farm:
    return generate_farm(seed=1, sites=60, pages_per_site=30, slow_delay=0.3)


@pytest.fixture(scope="session")
def server(farm: Farm) -> Iterator[FarmServer]:
    with serve_farm(farm) as running:
        yield running
