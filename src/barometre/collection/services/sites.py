"""A site is stored once per run: the guard that makes a worker's writes idempotent.

In the distributed audit a site may be crawled twice (a worker that lost its lease while still
alive, a site given back after a crash): whichever worker stores it first in a run wins, the
other one's results are dropped, so that no cell gets two automatic values from one run.
"""

from __future__ import annotations

import zlib

from django.db import connection

from barometre.collection.models import SiteAudit
from barometre.referential.models import Campaign


def _lock(campaign: Campaign, commune: str) -> None:
    """Serialise writers of one site until the end of the transaction (PostgreSQL; SQLite
    serialises every writer already)."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(f"{campaign.pk}:{commune}".encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x5A17E, key - 2**31])


def site_audit_claim(*, campaign: Campaign, commune: str, run: str) -> bool:
    """True when this run may store the site: call inside the storing transaction."""
    if not run:
        return True
    _lock(campaign, commune)
    return not SiteAudit.objects.filter(
        campaign=campaign, commune_id=commune, run=run, status=SiteAudit.Status.DONE
    ).exists()
