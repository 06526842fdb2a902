"""Create measurement campaigns."""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction

from barometre.core.errors import BarometreError
from barometre.referential.catalogue import catalogue_read, default_catalogue
from barometre.referential.models import Campaign
from barometre.referential.selectors import communes_from_spec
from barometre.referential.services.catalogues import catalogue_store

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@transaction.atomic
def campaign_create(
    *,
    name: str,
    spec: str,
    catalogue_path: Path | None = None,
    is_demo: bool = False,
    exist_ok: bool = False,
) -> Campaign:
    """Create a campaign over the communes that `spec` selects, with a catalogue version."""
    if not _NAME.match(name):
        raise BarometreError(
            f"Nom de campagne invalide « {name} » : "
            "lettres, chiffres, '.', '_' ou '-' (64 au plus)."
        )
    spec_obj = catalogue_read(catalogue_path) if catalogue_path else default_catalogue()
    existing = Campaign.objects.filter(name=name).first()
    if existing is not None:
        if exist_ok and existing.spec == spec and existing.catalogue.version == spec_obj.version:
            return existing
        raise BarometreError(f"La campagne « {name} » existe déjà.")
    communes = communes_from_spec(spec)
    catalogue = catalogue_store(spec=spec_obj)
    campaign = Campaign.objects.create(name=name, catalogue=catalogue, spec=spec, is_demo=is_demo)
    through = Campaign.communes.through
    through.objects.bulk_create(
        (
            through(campaign_id=campaign.pk, commune_id=code)
            for code in communes.values_list("code", flat=True)
        ),
        batch_size=5000,
    )
    return campaign
