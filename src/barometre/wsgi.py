"""WSGI entry point for gunicorn (docs/web.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings_production")
application = get_wsgi_application()
