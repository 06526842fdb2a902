"""What serving needs before the first request: an up-to-date database, the roles, and the
scores of the latest campaigns already computed (a national campaign takes seconds)."""

from __future__ import annotations

from django.core.management import call_command

from barometre.web.roles import roles_ensure
from barometre.web.selectors import campaign_coverage, campaign_report, campaigns_listed

WARM_CAMPAIGNS = 3


def serve_prepare() -> None:
    """Apply pending migrations (quietly), make sure the three roles exist, warm the cache."""
    call_command("migrate", interactive=False, verbosity=0)
    roles_ensure()
    for campaign in campaigns_listed()[:WARM_CAMPAIGNS]:
        campaign_report(campaign)
        campaign_coverage(campaign)
