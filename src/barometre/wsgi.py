"""WSGI entry point for gunicorn (docs/web.md); `barometre serve` runs it too
(settings.WSGI_APPLICATION)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings_production")
_django = get_wsgi_application()

from barometre.web.middleware import charset_guard  # noqa: E402 (once the apps are loaded)
from barometre.web.serving import static_files_check  # noqa: E402

static_files_check()  # no start without collectstatic's manifest (production settings)

application = charset_guard(_django)
