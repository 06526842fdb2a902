"""What serving needs before the first request: an up-to-date database, the roles, and the
scores of the latest campaigns already computed (a national campaign takes seconds)."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError

from barometre.accounts.roles import roles_ensure
from barometre.collection.models import EvidenceRecord
from barometre.collection.services.warc_marker import root_source
from barometre.core.errors import BarometreError
from barometre.core.files import os_reason
from barometre.core.plural import french_count
from barometre.web.selectors import campaign_coverage, campaign_report, campaigns_listed

WARM_CAMPAIGNS = 3

# The WARC folders `serve_prepare` found usable in this process: Django's development server
# then imports barometre.wsgi (settings.WSGI_APPLICATION), whose check at start, gunicorn's, need
# not look at the same folder a second time. Under gunicorn nothing is in it: the check runs.
_CHECKED_ROOTS: set[str] = set()


def serve_prepare() -> None:
    """Apply pending migrations (quietly), make sure the three roles exist, warm the cache."""
    call_command("migrate", interactive=False, verbosity=0)
    warc_root_check()
    _CHECKED_ROOTS.add(str(settings.WARC_ROOT))
    roles_ensure()
    for campaign in campaigns_listed()[:WARM_CAMPAIGNS]:
        campaign_report(campaign)
        campaign_coverage(campaign)


def warc_root_check() -> None:
    """Refuse to serve when the evidence archives' folder (BAROMETRE_WARC_ROOT) is missing or
    cannot be read and written by this user: the server started, and each evidence page said
    later that its archive was not on this server, the cause only in the log. A folder missing
    while no page was ever archived (a fresh data folder) is made."""
    root = Path(settings.WARC_ROOT)
    if not root.exists() and not EvidenceRecord.objects.exists():
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BarometreError(_warc_refused(root, os_reason(error))) from None
    problem = _warc_problem(root)
    if problem:
        raise BarometreError(_warc_refused(root, problem))


def warc_root_check_at_start() -> None:
    """`warc_root_check` for the production server (gunicorn imports barometre.wsgi; `barometre
    serve` alone ran the check): a worker whose WARC folder is missing or unreadable does not
    boot, the French reason closing the traceback in gunicorn's log. The database is asked
    only when the folder is missing; if it cannot answer (not reachable, no tables yet), the
    missing folder is refused all the same: it cannot say whether pages were archived. Under
    `barometre serve`, whose `serve_prepare` checked the folder already, it is not checked
    twice."""
    if str(settings.WARC_ROOT) in _CHECKED_ROOTS:
        return
    try:
        warc_root_check()
    except DatabaseError as error:
        root = Path(settings.WARC_ROOT)
        why = (
            "dossier absent, et la base de données ne dit pas si des pages y ont été archivées "
            f"({str(error).strip().splitlines()[0][:200]})"
        )
        raise ImproperlyConfigured(_warc_refused(root, why)) from None
    except BarometreError as error:
        raise ImproperlyConfigured(str(error)) from None


def _warc_problem(root: Path) -> str:
    """Why the WARC folder cannot serve the evidence pages, in French ("" when it can)."""
    if not root.exists():
        archived = french_count(EvidenceRecord.objects.count(), "page archivée", "pages archivées")
        return f"dossier absent, alors que la base compte {archived}"
    if not root.is_dir():
        return "ce n'est pas un dossier"
    if not os.access(root, os.R_OK | os.X_OK):
        return "lecture refusée à cet utilisateur"
    if not os.access(root, os.W_OK):
        return "écriture refusée à cet utilisateur"
    return ""


def _warc_refused(root: Path, why: str) -> str:
    return (
        f"Dossier des archives WARC « {root} » ({root_source()}) inutilisable : {why}. Les "
        "pages de preuve y lisent les pages archivées : créez-le, ou montez le dossier partagé, "
        "avec le droit d'y lire et d'y écrire pour cet utilisateur, puis relancez ; le site n'a "
        "pas été servi."
    )


def hosts_allow(addr: str) -> str:
    """Accept requests addressed to the address served (« --addr 192.168.1.10 » or « ::1 »),
    which BAROMETRE_ALLOWED_HOSTS may not name; on every interface (0.0.0.0, ::) the names a
    visitor will use are unknown: the French line returned says which are accepted."""
    bare = addr.strip("[]")
    if bare in ("0.0.0.0", "::"):
        names = ", ".join(settings.ALLOWED_HOSTS)
        return (
            f"Écoute sur toutes les interfaces ; seules les adresses {names} sont acceptées : "
            "ajoutez le nom ou l'adresse de cette machine à BAROMETRE_ALLOWED_HOSTS."
        )
    host = f"[{bare}]" if ":" in bare else bare
    if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]
    return ""


def https_hint() -> str:
    """With the production settings every page redirects to https://, which this server does
    not serve: the address it prints led to a browser's TLS error, with nothing said."""
    if not settings.SECURE_SSL_REDIRECT:
        return ""
    return (
        "Réglages de production : chaque page redirige vers https://, que ce serveur ne sert pas. "
        "Pour les essayer sans HTTPS, relancez avec BAROMETRE_SSL_REDIRECT=0 "
        "BAROMETRE_HSTS_SECONDS=0 ; en production, gunicorn derrière un proxy HTTPS "
        "(docs/web.md, « Production »)."
    )


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
