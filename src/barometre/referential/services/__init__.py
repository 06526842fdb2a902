"""Writes to the referential. Views, commands and pipelines call these; nothing hides in save()."""

from barometre.referential.services.campaigns import (
    campaign_create,
    campaign_date_set,
    measured_on_parse,
)
from barometre.referential.services.catalogues import catalogue_store
from barometre.referential.services.init import InitSummary, referential_init
from barometre.referential.services.territories import territories_load
from barometre.referential.services.websites import (
    WebsiteImportSummary,
    epci_websites_load,
    websites_import,
    websites_load,
)

__all__ = [
    "InitSummary",
    "WebsiteImportSummary",
    "campaign_create",
    "campaign_date_set",
    "catalogue_store",
    "epci_websites_load",
    "measured_on_parse",
    "referential_init",
    "territories_load",
    "websites_import",
    "websites_load",
]
