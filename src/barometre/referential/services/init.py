"""`barometre init`: create the database and load the shipped referential."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime

from django.core.management import call_command

from barometre.referential.catalogue import default_catalogue
from barometre.referential.models import Commune, EpciWebsite, Website
from barometre.referential.services.catalogues import catalogue_store
from barometre.referential.services.territories import territories_load
from barometre.referential.services.websites import epci_websites_load, websites_load


@dataclass(frozen=True, slots=True)
class InitSummary:
    communes: int
    websites: int
    communes_with_website: int
    catalogue: str
    communes_loaded: int
    websites_loaded: int
    epci_with_website: int = 0
    epci_websites_loaded: int = 0


def referential_init(
    *,
    now: datetime,
    force: bool = False,
    step: Callable[[str], AbstractContextManager[object]] = lambda label: nullcontext(),
) -> InitSummary:
    """Apply migrations, load territories, commune and EPCI websites, the catalogue (idempotent).

    `step(label)` wraps each stage, so that a command can show it while it runs."""
    with step("Base de données : migrations"):
        call_command("migrate", verbosity=0, interactive=False)
    with step("Communes, départements, régions et EPCI"):
        communes_loaded = territories_load(now=now, force=force)
    with step("Sites web des communes"):
        websites_loaded = websites_load(now=now, force=force)
    with step("Sites web des EPCI"):
        epci_websites_loaded = epci_websites_load(now=now, force=force)
    with step("Catalogue des services"):
        catalogue = catalogue_store(spec=default_catalogue())
    return InitSummary(
        communes=Commune.objects.count(),
        websites=Website.objects.filter(active=True).count(),
        communes_with_website=Website.objects.filter(active=True)
        .values("commune")
        .distinct()
        .count(),
        catalogue=catalogue.version,
        communes_loaded=communes_loaded,
        websites_loaded=websites_loaded,
        epci_with_website=EpciWebsite.objects.filter(active=True, is_primary=True).count(),
        epci_websites_loaded=epci_websites_loaded,
    )
