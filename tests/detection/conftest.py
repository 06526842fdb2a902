"""Shared fixtures for detection tests: the default catalogue and platforms."""

from __future__ import annotations

import pytest

from barometre.detection import PlatformRegistry, load_platforms
from barometre.referential.catalogue import CatalogueSpec, default_catalogue


@pytest.fixture(scope="session")
def catalogue() -> CatalogueSpec:
    return default_catalogue()


@pytest.fixture(scope="session")
def platforms() -> PlatformRegistry:
    return load_platforms()
