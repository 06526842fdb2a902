"""Store a validated catalogue version in the database."""

from __future__ import annotations

from django.db import transaction

from barometre.core.errors import BarometreError
from barometre.referential.catalogue import CatalogueSpec
from barometre.referential.models import Catalogue, Service


@transaction.atomic
def catalogue_store(*, spec: CatalogueSpec) -> Catalogue:
    """Return the stored catalogue of this version, creating it; refuse a changed version."""
    existing = Catalogue.objects.filter(version=spec.version).first()
    if existing is not None:
        if existing.sha256 != spec.sha256:
            raise BarometreError(
                f"Le catalogue version « {spec.version} » existe déjà avec un autre contenu : "
                "changez le champ « version » du fichier modifié."
            )
        return existing
    catalogue = Catalogue.objects.create(
        version=spec.version,
        name=spec.name,
        domains=spec.domains,
        sha256=spec.sha256,
        source=spec.source,
    )
    Service.objects.bulk_create(
        Service(
            catalogue=catalogue,
            slug=s.id,
            label=s.label,
            domain=s.domain,
            max_level=s.max_level,
            cues=list(s.cues),
            position=index,
        )
        for index, s in enumerate(spec.services)
    )
    return catalogue
