"""What serving needs before the first request: an up-to-date database, the roles, and the
scores of the latest campaigns already computed (a national campaign takes seconds)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
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


def static_files_check() -> None:
    """Refuse to serve when the static files were not collected: the production storage looks
    every stylesheet up in collectstatic's manifest, and without it every page is a 500."""
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and not staticfiles_storage.exists(manifest):
        raise ImproperlyConfigured(
            f"Fichiers statiques absents de « {settings.STATIC_ROOT} » : lancez « barometre "
            "collectstatic --noinput » avec les mêmes réglages avant de démarrer le serveur "
            "(sans eux, chaque page serait une erreur 500)."
        )
